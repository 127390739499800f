"""PHONE_NUMBER: Belgian national and + forms, others in + form; dates, times, amounts stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import phone


@pytest.mark.parametrize(
    'value',
    (
        '02 555 12 12',
        '02/555.12.12',
        '0470 12 34 56',
        '0470/12.34.56',
        '0470123456',
        '0470-12-34-56',
        '0499 99 99 99',
        '+32 2 555 12 12',
        '+32 470 12 34 56',
        '+32470123456',
        '+32 (0)2 555 12 12',
        '0032 470 12 34 56',
        '0800 12 345',  # toll-free, nine digits with the trunk 0
        '+33 1 23 45 67 89',
        '+31 6 12345678',
        '+49 30 1234567',
        '+44 20 7946 0958',
        '+352 621 123 456',
    ),
)
def test_positive_forms(value: str) -> None:
    assert [m.span for m in phone.find(f'tel {value}.')] == [(4, 4 + len(value))]


@pytest.mark.parametrize(
    'text',
    (
        '0400 12 34 56',  # no such mobile prefix: phone-like but not valid
        '0123 45 67 89',  # no such area code
        '0012 345 678',  # 00 then an unassigned country code
        '01/02/2024',  # a date starting with 0
        '01.02.2024 10:15',  # a date and a time
        '2024-01-25T09:46:00Z',  # a timestamp
        '+++047/0123/45678+++',  # structured payment reference
        '1.234.567,89',  # an amount
        '47012345678',  # no leading 0: an order number, not a national phone form
        '10470123456',  # the mobile number glued inside a longer digit run
        'versie 0.470.12.34',  # a version string
        '0470 12',  # too few digits
        '080 12 34',  # eight digits: too few for a Belgian subscriber number
    ),
)
def test_negatives(text: str) -> None:
    assert list(phone.find(text)) == []


def test_entity_and_score() -> None:
    [m] = phone.find('gsm 0470 12 34 56')
    assert (m.entity, m.score, m.recognizer) == ('PHONE_NUMBER', 0.5, 'phone')
