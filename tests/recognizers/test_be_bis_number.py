"""BE_BIS_NUMBER: month + 20/40, mod 97; national numbers and look-alikes stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import be_bis_number as bis


def spans(text: str) -> list[tuple[int, int]]:
    return [m.span for m in bis.find(text)]


# Vectors from stdnum's be.bis doctests.
@pytest.mark.parametrize(
    'value',
    (
        '98.47.28-997.65',
        '98472899765',
        '98 47 28 997 65',
        '984728-997-65',
        '01 49 07 001 85',  # born 2001, sex unknown at registration (month + 40)
        '01490700185',
    ),
)
def test_positive_forms(value: str) -> None:
    assert spans(f'BIS {value}.') == [(4, 4 + len(value))]


@pytest.mark.parametrize(
    'text',
    (
        '98.47.28-997.66',  # checksum
        '12345678901',  # checksum (stdnum's own negative)
        '85.07.30-033.28',  # a national number: month 1-12
        '+++984/7289/97650+++',  # structured payment reference
        '1298472899765',  # glued inside a longer digit run
        '984.728.997,65',  # an amount
    ),
)
def test_negatives(text: str) -> None:
    assert spans(text) == []


def test_entity_and_score() -> None:
    [m] = bis.find('98472899765')
    assert (m.entity, m.score, m.recognizer) == ('BE_BIS_NUMBER', 0.6, 'be_bis_number')
