"""The Belgian IBAN check agrees with stdnum.be.iban on random numbers, valid and not."""

from __future__ import annotations

import random

from gdprscan.recognizers import iban
from stdnum.be import iban as be_iban
from stdnum.iso7064 import mod_97_10


def _belgian_iban(rnd: random.Random, bank: str, good_account_check: bool) -> str:
    account = bank + f'{rnd.randrange(10**7):07d}'
    check = int(account) % 97 or 97
    if not good_account_check:
        check = check % 97 + 1
    bban = f'{account}{check:02d}'
    return 'BE' + mod_97_10.calc_check_digits(bban + 'BE') + bban


def test_belgian_check_agrees_with_stdnum() -> None:
    rnd = random.Random(7)
    verdicts = {True: 0, False: 0}
    for _ in range(6000):
        bank = f'{rnd.randrange(1000):03d}'
        number = _belgian_iban(rnd, bank, good_account_check=rnd.random() < 0.8)
        if rnd.random() < 0.2:  # a typo anywhere: the IBAN check digits catch it
            i = rnd.randrange(2, 16)
            number = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]
        expected = be_iban.is_valid(number)
        assert iban._belgian(number) is expected, number
        verdicts[expected] += 1
    # Valid numbers, unknown banks, bad account checks and typos all occurred.
    assert verdicts[True] > 1000 and verdicts[False] > 1000


def test_grouped_belgian_iban_is_found_and_unknown_bank_is_not() -> None:
    assert [m.span for m in iban.find('IBAN BE71 0961 2345 6769 ')] == [(5, 24)]
    assert not iban.is_valid('BE68 5390 0754 7034')  # textbook number: bank 539 is not in stdnum's table
    assert be_iban.is_valid('BE71096123456769') and iban.is_valid('BE71096123456769')
