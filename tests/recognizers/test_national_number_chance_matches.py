"""National numbers that are chance matches: glued into codes, after tracking and serial words (QA2 D5)."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import be_bis_number as bis_rec
from gdprscan.recognizers import be_national_number as rrn
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit


@pytest.mark.parametrize(
    'text',
    (
        'Serienummer SN-85073003328-X',  # hyphened into a code on both sides
        'Productcode ART-85073003328',  # an upper-case code token before
        'onderdeel 85073003328-B2',  # a code suffix after
        'SKU INV85073003328',  # glued to letters
        'ref 85073003328A',
        'hash 9f85073003328e1',
    ),
)
def test_codes_are_not_national_numbers(text: str) -> None:
    assert list(rrn.find(text)) == []


def test_bis_numbers_in_codes_are_skipped_too() -> None:
    assert [m.span for m in bis_rec.find('BIS 98.47.28-997.65')] == [(4, 19)]
    assert list(bis_rec.find('SN-98472899765-X')) == []


@pytest.mark.parametrize(
    'text',
    (
        'RRN-85073003328',  # a context word joined by '-' is a label, not a code
        'INSZ-nummer: 85073003328',
        'scan_85073003328.pdf',  # '_' separates words in file names
        'loonfiche-85073003328.pdf',  # a lower-case word: a file name, not a code
        '(85.07.30-033.28)',
    ),
)
def test_labels_and_file_names_still_match(text: str) -> None:
    assert [m.score for m in rrn.find(text)] == [rrn.SCORE]


@pytest.mark.parametrize(
    ('text', 'word'),
    (
        ('Track & trace: 82040208949', 'track & trace'),
        ('Serienummer 85073003328', 'serienummer'),
        ('Serial number: 85073003328', 'serial number'),
        ('numéro de suivi 85073003328', 'numéro de suivi'),
        ('Batch 85073003328', 'batch'),
    ),
)
def test_tracking_and_serial_words_are_counter_context(text: str, word: str) -> None:
    engine = Engine(Settings(min_score=0.0))
    [f] = engine.detect([TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)], 'x')
    assert (f.entity, f.score, f.evidence) == ('BE_NATIONAL_NUMBER', 0.3, {'counter_context': word})
