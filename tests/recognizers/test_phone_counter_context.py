"""PHONE_NUMBER next to order, batch and invoice numbers: counter-context and compact numbers.

Half of all random 9-digit numbers with a leading 0 pass Belgium's numbering plan, so an order
number column or ``Order 0470123456`` must not become a phone number; a phone number written
with separators, or under a phone header, or after a phone word, still must.
"""

from __future__ import annotations

import json

import phonenumbers
import pytest
from gdprscan.recognizers import phone
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit

#: Random order numbers that are valid Belgian phone numbers (checked below).
ORDER_NUMBERS = ('053781905', '051948011', '084490268', '0486809444', '055735675', '0473049118')


def detect(text: str, column: str | None = None) -> list[tuple[str, float, dict]]:
    engine = Engine(Settings(min_score=0.0))
    unit = (
        TextUnit(text, {'column': column, 'row': 1})
        if column
        else TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)
    )
    return [(f.value, f.score, f.evidence) for f in engine.detect([unit], 'x') if f.entity == 'PHONE_NUMBER']


def test_the_order_numbers_are_valid_phone_numbers() -> None:
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(n, 'BE')) for n in ORDER_NUMBERS)


@pytest.mark.parametrize(
    ('text', 'word'),
    (
        ('Order 0470123456 geleverd', 'order'),
        ('Bestelbon 024567890', 'bestelbon'),
        ('Batch 092345678 naar magazijn', 'batch'),
        ('Lot 053781905', 'lot'),
        ('Numéro de commande : 084490268', 'numéro de commande'),
        ('Facture 0486809444', 'facture'),
        ('Invoice number 0473049118', 'invoice number'),
        ('Bestelling 0470 12 34 56 verzonden', 'bestelling'),  # separators do not save it
        ('Serial number 055735675', 'serial number'),
    ),
)
def test_counter_context_demotes_below_the_default_threshold(text: str, word: str) -> None:
    [(_, score, evidence)] = detect(text)
    assert score == 0.3 and evidence == {'counter_context': word}


@pytest.mark.parametrize(
    'header', ('bestelnummer', 'order_number', 'factuurnr', 'lotnummer', 'Numéro de commande')
)
def test_an_order_number_column_gives_no_reported_phone(header: str) -> None:
    for number in ORDER_NUMBERS:
        assert [s for _, s, _ in detect(number, column=header)] == [0.3]


@pytest.mark.parametrize(
    ('text', 'column', 'score'),
    (
        ('0470 12 34 56', None, 0.5),  # written with separators: a phone number
        ('02/555.12.12', None, 0.5),
        ('+32470123456', None, 0.5),  # the + form is no order number
        ('0470123456', None, 0.4),  # compact, no context: below the default --min-score
        ('024567890', None, 0.4),
        ('gsm 0470123456', None, 0.95),
        ('Bestelling 12, klant belt: tel 0470123456', None, 0.95),  # a context word wins
        ('0470123456', 'gsm', 0.95),
        ('024567890', 'telefoon', 0.95),
        ('Client : Marie Dubois, 0470 12 34 56', None, 0.5),  # 'client' is not counter-context for phones
    ),
)
def test_phone_numbers_keep_their_score(text: str, column: str | None, score: float) -> None:
    assert [s for _, s, _ in detect(text, column)] == [score]


def test_compact_score_is_below_the_default_threshold() -> None:
    [m] = phone.find('0470123456')
    assert m.score == phone.COMPACT_SCORE < 0.5 <= phone.SCORE
    assert [m.score for m in phone.find('0470 123 456')] == [phone.SCORE]


def test_cli_on_an_orders_export(tmp_path, capsys) -> None:
    rows = '\n'.join(f'{n};ART{i};{i};12,50' for i, n in enumerate(ORDER_NUMBERS))
    (tmp_path / 'orders.csv').write_text(f'bestelnummer;artikel;aantal;bedrag\n{rows}\n', encoding='utf-8')
    (tmp_path / 'staff.csv').write_text('naam;gsm\nJan;0470123456\nAn;0486809444\n', encoding='utf-8')
    (tmp_path / 'note.txt').write_text('Order 0470123456 geleverd.\nBel Jan op 0470 12 34 56.\n')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((r['source'].rsplit('/', 1)[-1], r['entity'], r['score']) for r in found) == [
        ('note.txt', 'PHONE_NUMBER', 0.95),
        ('staff.csv', 'PHONE_NUMBER', 0.95),
        ('staff.csv', 'PHONE_NUMBER', 0.95),
    ]
