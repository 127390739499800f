"""BE_NATIONAL_NUMBER: every written form, the born-2000 rule, and the look-alikes that must stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import be_national_number as rrn
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit


def spans(text: str) -> list[tuple[int, int]]:
    return [m.span for m in rrn.find(text)]


# Vectors from stdnum's be.nn doctests (85073003328, 17073003384) in every form people write.
@pytest.mark.parametrize(
    'value',
    (
        '85.07.30-033.28',
        '85073003328',
        '850730 033 28',
        '850730-033-28',
        '85 07 30 033 28',
        '85.07.30 033 28',
        '17.07.30-033.84',  # born 2017: the check runs over '2' + the digits
        '17073003384',
    ),
)
def test_positive_forms(value: str) -> None:
    text = f'RRN: {value}.'
    assert spans(text) == [(5, 5 + len(value))]


@pytest.mark.parametrize(
    'text',
    (
        '85.07.30-033.29',  # checksum
        '17.07.30-033.28',  # checksum: fails both the 1900s and the born-2000 rule
        '98.47.28-997.65',  # a BIS number (month + 40): its own recogniser
        '+++850/7300/33285+++',  # structured payment reference shape
        '***850/7300/33285***',  # the same with asterisks
        'factuur 85073003328/2024',  # invoice number: glued to a slash and more digits
        '1285073003328',  # glued inside a longer digit run
        '85073003328123',  # glued before more digits
        'bedrag 85.073.003,28 EUR',  # an amount with decimals
        '850.730.033,28',  # an amount, thousands separators
        '30.07.1985 12:15:33',  # a date and a time
        'EAN 5400850730033',  # product code
    ),
)
def test_negatives(text: str) -> None:
    assert spans(text) == []


def test_context_raises_score_in_engine() -> None:
    engine = Engine(Settings())
    unit = TextUnit(
        'rijksregisternummer: 85.07.30-033.28\nzonder: 85073003328\n', {'line': 1}, TRACK_LINE_COLUMN
    )
    found = [
        (f.location['line'], f.score, f.evidence.get('context'))
        for f in engine.detect([unit], 'a.txt')
        if f.entity == 'BE_NATIONAL_NUMBER'
    ]
    assert found == [(1, 0.95, 'rijksregisternummer'), (2, 0.6, None)]
