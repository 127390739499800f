"""IBAN_CODE: SEPA countries, grouped or compact; checksum, unknown bank and glued look-alikes stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import iban


# Vectors from stdnum's iban doctests and the national examples of the IBAN registry.
@pytest.mark.parametrize(
    'value',
    (
        'BE71 0961 2345 6769',
        'BE71096123456769',
        'BE31435411161155',
        'GR16 0110 1050 0000 1054 7023 795',
        'NL91ABNA0417164300',
        'NL91 ABNA 0417 1643 00',
        'FR14 2004 1010 0505 0001 3M02 606',
        'DE89 3704 0044 0532 0130 00',
        'LU28 0019 4006 4475 0000',
        'NO93 8601 1117 947',
        'CH93 0076 2011 6238 5295 7',
        'GB29 NWBK 6016 1331 9268 19',
        'ES91 2100 0418 4502 0005 1332',
        'IT60 X054 2811 1010 0000 0123 456',
        'AT61 1904 3002 3457 3201',
        'MT84MALT011000012345MTLCAST001S',
    ),
)
def test_positive_forms(value: str) -> None:
    assert [m.span for m in iban.find(f'IBAN: {value} - OK')] == [(6, 6 + len(value))]


@pytest.mark.parametrize(
    'text',
    (
        'BE71 0961 2345 6768',  # checksum
        'BE68 5390 0754 7034',  # textbook example: bank code 539 is unknown to stdnum (be/banks.dat)
        'GR16 0110 1050 0000 1054 7023 796',  # checksum
        'XX71 0961 2345 6769',  # not a SEPA country
        'US64SVBKUS6S3300958879',  # not a SEPA country (and no IBAN there)
        'BE71 0961 2345 67',  # too short for Belgium
        'ABE71096123456769',  # glued to a letter before
        'BE710961234567691',  # glued to a digit after (17 characters)
        'be71 0961 2345 6769',  # lower case is not how IBANs are written; left to context-aware recognisers
    ),
)
def test_negatives(text: str) -> None:
    assert list(iban.find(text)) == []


def test_word_after_grouped_iban_not_swallowed() -> None:
    text = 'rekening BE71 0961 2345 6769 TEST'
    [m] = iban.find(text)
    assert text[m.start : m.end] == 'BE71 0961 2345 6769'


def test_is_valid_agrees_with_stdnum() -> None:
    """The shortcut through the country module gives stdnum.iban.is_valid's answer, valid or not."""
    import random

    from stdnum import iban as std

    rnd = random.Random(5)
    samples = ['BE71096123456769', 'BE68539007547034', 'ES9121000418450200051332', 'NL91ABNA0417164300']
    for _ in range(300):
        bank_acct = rnd.choice(('096', '001', '539', '068', '999')) + f'{rnd.randint(0, 9_999_999):07d}'
        bban = bank_acct + f'{(int(bank_acct) % 97) or 97:02d}'
        good = f'BE{std.calc_check_digits("BExx" + bban)}{bban}'
        samples += [good, good[:-1] + str((int(good[-1]) + 1) % 10)]
    samples += [s[:5] + str((int(s[5]) + 3) % 10) + s[6:] for s in samples[:50] if s[5].isdigit()]
    for s in samples:
        assert iban.is_valid(s) is std.is_valid(s), s
