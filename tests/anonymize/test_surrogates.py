"""Surrogates over many random valid inputs: valid, distinct, deterministic, keyed, never the input."""

from __future__ import annotations

import datetime
import random

import phonenumbers
import pytest
from gdprscan.anonymize.surrogates import Surrogates
from stdnum import iban
from stdnum import luhn
from stdnum.be import bis
from stdnum.be import eid
from stdnum.be import nn
from stdnum.be import vat

KEY = b'test-key-0123456789abcdef'
OTHER_KEY = b'another-key-0123456789abc'
N = 10_000
N_FF3 = 1_500


def _nn(rng: random.Random, bis_offset: int = 0) -> str:
    while True:
        date = datetime.date(1925, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 98))
        serial = rng.randrange(1, 998)
        body = f'{date.year % 100:02d}{date.month + bis_offset:02d}{date.day:02d}{serial:03d}'
        check = 97 - int(body if date.year < 2000 else '2' + body) % 97
        number = body + f'{check:02d}'
        if (bis if bis_offset else nn).is_valid(number):
            return f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}'


def _be_iban(rng: random.Random) -> str:
    while True:
        bban = f'{rng.randrange(0, 10**10):010d}'
        bban += f'{int(bban) % 97 or 97:02d}'
        number = 'BE' + iban.calc_check_digits('BE00' + bban) + bban
        if iban.is_valid(number):
            return ' '.join(number[i : i + 4] for i in range(0, 16, 4))


def _kbo(rng: random.Random) -> str:
    while True:
        body = f'{rng.randrange(0, 2)}{rng.randrange(0, 10**7):07d}'
        number = body + f'{97 - int(body) % 97:02d}'
        if vat.is_valid(number):
            return f'{number[:4]}.{number[4:7]}.{number[7:]}'


def _phone(rng: random.Random, mobile: bool) -> str:
    while True:
        text = (
            f'+32 47{rng.randrange(0, 10)} {rng.randrange(0, 10**6):06d}'
            if mobile
            else (f'0{rng.choice("23459")} {rng.randrange(0, 10**7):07d}')
        )
        num = phonenumbers.parse(text, 'BE')
        if phonenumbers.is_valid_number(num):
            return text


def _check_bijection(inputs: list[str], outputs: list[str]) -> None:
    assert len(set(outputs)) == len(set(inputs)), 'two inputs share a surrogate'
    assert not set(inputs) & set(outputs) or all(i != o for i, o in zip(inputs, outputs, strict=False))
    assert all(i != o for i, o in zip(inputs, outputs, strict=False)), 'a value was left unchanged'


@pytest.fixture(scope='module', params=('feistel', 'ff3'))
def sur(request: pytest.FixtureRequest) -> Surrogates:
    """Both ciphers; the 10,000-value runs use the fast one, FF3-1 gets N_FF3 values (same code paths)."""
    return Surrogates(KEY, cipher=request.param)


def _n(sur: Surrogates, n: int = N) -> int:
    return n if sur.perm.cipher == 'feistel' else min(n, N_FF3)


def test_national_numbers_valid_distinct_keep_year_and_sex(sur: Surrogates) -> None:
    rng = random.Random(1)
    inputs = list({_nn(rng) for _ in range(_n(sur))})
    outputs = [sur.replace('BE_NATIONAL_NUMBER', v) for v in inputs]
    _check_bijection(inputs, outputs)
    for i, o in zip(inputs, outputs, strict=False):
        assert nn.is_valid(o), 'surrogate is not a valid national number'
        assert len(o) == len(i) and o[2] == '.' and o[8] == '-'  # formatting kept
        assert nn.get_birth_year(o) == nn.get_birth_year(i)
        assert nn.get_gender(o) == nn.get_gender(i)


def test_national_number_date_is_the_surrogate_birth_date(sur: Surrogates) -> None:
    """The date inside a surrogate national number equals the surrogate of the person's birth date."""
    number = '85.07.30-033.28'
    dob = sur.replace('DATE_OF_BIRTH', '1985-07-30')
    assert nn.get_birth_date(sur.replace('BE_NATIONAL_NUMBER', number)).isoformat() == dob
    assert dob.startswith('1985-') and dob != '1985-07-30'


def test_bis_numbers_stay_bis(sur: Surrogates) -> None:
    rng = random.Random(2)
    inputs = list({_nn(rng, rng.choice((20, 40))) for _ in range(_n(sur, 2000))})
    outputs = [sur.replace('BE_BIS_NUMBER', v) for v in inputs]
    _check_bijection(inputs, outputs)
    for i, o in zip(inputs, outputs, strict=False):
        assert bis.is_valid(o) and not nn.is_valid(o)
        assert (int(o[3:5]) >= 40) == (int(i[3:5]) >= 40)  # the BIS month offset (sex known or not)


def test_belgian_ibans_valid_same_bank(sur: Surrogates) -> None:
    rng = random.Random(3)
    inputs = list({_be_iban(rng) for _ in range(_n(sur))})
    outputs = [sur.replace('IBAN_CODE', v) for v in inputs]
    _check_bijection(inputs, outputs)
    for i, o in zip(inputs, outputs, strict=False):
        assert iban.is_valid(o), 'surrogate IBAN does not validate (checksum or bank code)'
        assert o[:2] == 'BE' and len(o) == len(i) and o[4] == ' '
        assert iban.compact(o)[4:7] == iban.compact(i)[4:7]


@pytest.mark.parametrize(
    'value',
    (
        'NL91ABNA0417164300',
        'FR1420041010050500013M02606',
        'DE89370400440532013000',
        'GB29NWBK60161331926819',
        'LU280019400644750000',
        'ES9121000418450200051332',
    ),
)
def test_foreign_ibans_keep_country_and_validate(sur: Surrogates, value: str) -> None:
    out = sur.replace('IBAN_CODE', value)
    assert iban.is_valid(out) and out[:2] == value[:2] and len(out) == len(value) and out != value


def test_enterprise_numbers(sur: Surrogates) -> None:
    rng = random.Random(4)
    inputs = list({_kbo(rng) for _ in range(_n(sur))})
    outputs = [sur.replace('BE_ENTERPRISE_NUMBER', v) for v in inputs]
    _check_bijection(inputs, outputs)
    assert all(vat.is_valid(o) and o[0] == i[0] for i, o in zip(inputs, outputs, strict=False))
    assert sur.replace('BE_ENTERPRISE_NUMBER', 'BE 403.170.701').startswith('BE ')


def test_id_cards_and_cards(sur: Surrogates) -> None:
    out = sur.replace('BE_ID_CARD_NUMBER', '591-1917064-58')
    assert eid.is_valid(out) and out[3] == '-' and out != '591-1917064-58'
    card = sur.replace('CREDIT_CARD', '4111 1111 1111 1111')
    assert (
        luhn.is_valid(card.replace(' ', '')) and card.startswith('4111 11') and card != '4111 1111 1111 1111'
    )


@pytest.mark.parametrize('mobile', (True, False))
def test_phones_same_country_and_kind(sur: Surrogates, mobile: bool) -> None:
    rng = random.Random(5 + mobile)
    inputs = list({_phone(rng, mobile) for _ in range(_n(sur, 3000))})
    outputs = [sur.replace('PHONE_NUMBER', v) for v in inputs]
    _check_bijection(inputs, outputs)
    for i, o in zip(inputs, outputs, strict=False):
        a, b = phonenumbers.parse(i, 'BE'), phonenumbers.parse(o, 'BE')
        assert phonenumbers.is_valid_number(b) and b.country_code == 32
        assert phonenumbers.number_type(a) == phonenumbers.number_type(b)
        assert [c.isdigit() for c in i] == [c.isdigit() for c in o]  # grouping kept


def test_foreign_phone_keeps_country(sur: Surrogates) -> None:
    out = sur.replace('PHONE_NUMBER', '+33 6 12 34 56 78')
    num = phonenumbers.parse(out)
    assert num.country_code == 33 and phonenumbers.number_type(num) == phonenumbers.PhoneNumberType.MOBILE


def test_emails(sur: Surrogates) -> None:
    rng = random.Random(7)
    first = ('jan', 'marie', 'an', 'luc', 'sofie', 'x', 'jean-pierre')
    inputs = list(
        {f'{rng.choice(first)}.{rng.randrange(10**5)}{rng.choice(first)}@acme.be' for _ in range(_n(sur))}
    )
    outputs = [sur.replace('EMAIL_ADDRESS', v) for v in inputs]
    _check_bijection(inputs, outputs)
    assert all(o.endswith('@acme.be') and o.count('@') == 1 for o in outputs)
    ex = Surrogates(KEY, email_domain='example')
    out = ex.replace('EMAIL_ADDRESS', 'Jan.Peeters@acme.be')
    assert out.endswith('.example') and 'acme' not in out and out[3] == '.' and out[0].isupper()


def test_determinism_and_key_separation() -> None:
    values = {
        'BE_NATIONAL_NUMBER': '85.07.30-033.28',
        'IBAN_CODE': 'BE71 0961 2345 6769',
        'EMAIL_ADDRESS': 'jan.peeters@acme.be',
        'PHONE_NUMBER': '0470 12 34 56',
        'PERSON': 'Jan Peeters',
        'LOCATION': 'Kerkstraat 12, 2000 Antwerpen',
        'DATE_OF_BIRTH': '30/07/1985',
    }
    a, b, c = Surrogates(KEY), Surrogates(KEY), Surrogates(OTHER_KEY)
    for entity, value in values.items():
        assert a.replace(entity, value) == b.replace(entity, value), entity
        assert a.replace(entity, value) != c.replace(entity, value), entity
    f = Surrogates(KEY, cipher='feistel')
    assert nn.is_valid(f.replace('BE_NATIONAL_NUMBER', '85.07.30-033.28'))


def test_names_same_language_and_case(sur: Surrogates) -> None:
    from gdprscan.anonymize import fakes

    out = sur.replace('PERSON', 'Jan PEETERS', 'nl')
    first, last = out.split(' ')
    assert last.isupper() and first.lower() in fakes.names('nl').male_set and out != 'Jan PEETERS'
    fr = sur.replace('PERSON', 'Jean-Pierre Dubois', 'fr')
    assert fr != 'Jean-Pierre Dubois' and sur.replace('PERSON', 'Jean-Pierre Dubois', 'fr') == fr
    assert sur.replace('PERSON', 'J. van den Berg').split(' ')[1:3] == ['van', 'den']


def test_addresses_keep_province(sur: Surrogates) -> None:
    from gdprscan.anonymize import fakes

    out = sur.replace('LOCATION', 'Kerkstraat 12, 2000 Antwerpen')
    pc = out.split(', ')[1][:4]
    assert fakes.province(pc) == 'antwerp' and out != 'Kerkstraat 12, 2000 Antwerpen'
    fr = sur.replace('LOCATION', 'Rue de la Loi 16\n5000 Namur')
    assert '\n' in fr and fakes.province(fr.split('\n')[1][:4]) == 'namur'


@pytest.mark.parametrize(
    ('value', 'year'),
    (('30/07/1985', '1985'), ('1985-07-30', '1985'), ('30 juli 1985', '1985'), ('1 janvier 2001', '2001')),
)
def test_birth_dates_keep_year_and_format(sur: Surrogates, value: str, year: str) -> None:
    out = sur.replace('DATE_OF_BIRTH', value)
    assert out != value and year in out and len(out.split()) == len(value.split())


def test_special_categories_become_the_category_phrase(sur: Surrogates) -> None:
    assert sur.replace('HEALTH_DATA', 'diabetes type 2', 'nl') == 'medische reden'
    assert sur.replace('TRADE_UNION_MEMBERSHIP', 'ACV', 'fr') == 'membre d’un syndicat'


def test_invalid_values_fall_back_to_shape_preserving(sur: Surrogates) -> None:
    out = sur.replace('BE_NATIONAL_NUMBER', '12.34.56-789.01')  # fails the checksum
    assert out != '12.34.56-789.01' and len(out) == 15 and out[2] == '.'
