"""BE_ID_CARD_NUMBER: 3-7-2 printed form is medium, compact needs context; OGM references stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import be_id_card_number as eid
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TextUnit


# Vectors from stdnum's be.eid doctests.
@pytest.mark.parametrize(
    ('value', 'score'),
    (
        ('591-1917064-58', 0.5),
        ('000-0011032-71', 0.5),
        ('591-2010999-97', 0.5),  # remainder 0 -> 97
        ('591191706458', 0.3),
        ('000001103271', 0.3),
    ),
)
def test_positive_forms(value: str, score: float) -> None:
    assert [(m.span, m.score) for m in eid.find(f'kaart {value}.')] == [((6, 6 + len(value)), score)]


@pytest.mark.parametrize(
    'text',
    (
        '000-0011032-25',  # checksum (stdnum's negative)
        '591-1917064-59',  # checksum
        '+++090/9337/55493+++',  # structured payment reference: the same mod-97 check, other grouping
        '***090/9337/55493***',  # idem with asterisks
        'mededeling 090/9337/55493',  # the reference without its plus signs
        '1591191706458',  # glued inside a longer digit run (13 digits)
        '5400591191706458',  # product code with the number inside
        '591.191.706,45',  # an amount
    ),
)
def test_negatives(text: str) -> None:
    assert list(eid.find(text)) == []


def test_compact_form_needs_context() -> None:
    engine = Engine(Settings(min_score=0.5))
    units = [
        TextUnit('ref 591191706458', {'column': 'ref', 'row': 1}),
        TextUnit('591191706458', {'column': 'identiteitskaart', 'row': 1}),
        TextUnit('nummer identiteitskaart: 591191706458', {'column': 'opmerking', 'row': 2}),
    ]
    found = [
        (f.location['row'], f.location['column'], f.score)
        for f in engine.detect(units, 'x.csv')
        if f.entity == 'BE_ID_CARD_NUMBER'
    ]
    assert found == [(1, 'identiteitskaart', 0.95), (2, 'opmerking', 0.95)]
