"""The Belgian verdict cache of the phone recogniser agrees with phonenumbers on random numbers.

The cache assumes Belgium's numbering plan decides validity from a number's layout, length
and first national digits; if a phonenumbers release ever looks further, this test fails.
"""

from __future__ import annotations

import random

from gdprscan.recognizers import phone


def _layout(rnd: random.Random, national: str) -> str:
    """``national`` (without trunk) in one of the forms people write."""
    groups = [national[:3], national[3:5], national[5:7], national[7:]] if len(national) == 9 else [
        national[:1],
        national[1:4],
        national[4:6],
        national[6:],
    ]
    sep = rnd.choice((' ', '.', '/', '-', ''))
    body = sep.join(g for g in groups if g)
    return rnd.choice(('0', '+32 ', '+32', '0032 ')) + body


def test_cache_agrees_with_phonenumbers_on_random_belgian_numbers() -> None:
    rnd = random.Random(20261123)
    phone.is_valid.cache_clear()
    phone._plan_verdicts.clear()
    checked = valid = 0
    # A few hundred national prefixes with random tails, so that cached keys recur and each
    # cached verdict gets compared with phonenumbers on many other numbers.
    prefixes = [rnd.choice('123456789') + f'{rnd.randrange(100_000):05d}' for _ in range(300)]
    for _ in range(20000):
        length = rnd.choice((8, 9))
        national = (rnd.choice(prefixes) + f'{rnd.randrange(1000):03d}')[:length]
        candidate = _layout(rnd, national)
        if phone.DATE.search(candidate):
            continue
        expected = phone.parse_valid(candidate)
        assert phone.is_valid(candidate) is expected, candidate
        checked += 1
        valid += expected
    # Both verdicts occur often, and most answers came from the cache, not from parsing.
    assert checked > 19000 and 2000 < valid < checked - 2000
    assert len(phone._plan_verdicts) < checked / 2


def test_other_countries_are_parsed_every_time() -> None:
    phone._plan_verdicts.clear()
    assert phone.is_valid('+33 1 23 45 67 89')
    assert not phone.is_valid('+33 0 00 00 00 00')
    assert not phone._plan_verdicts


def test_digits_after_an_iban_prefix_are_not_a_phone_number() -> None:
    assert list(phone.find('IBAN BE68 0470 1234 56 ')) == []
    assert [m.span for m in phone.find('gsm 0470 12 34 56')] == [(4, 17)]
