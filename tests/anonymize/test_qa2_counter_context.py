"""QA2 D11: a copy replaces what a scan with the same settings reports.

Invoice numbers that pass the mod-97 check by chance are demoted by counter-context (``Factuur
nr.``, a ``factuurnummer`` header) below the scanner's default --min-score: the scan reports
nothing, so the copy keeps them; real national numbers are still replaced.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize import columns
from gdprscan.anonymize import files
from gdprscan.anonymize import verify
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.policy import MIN_SCORE
from gdprscan.anonymize.policy import Policy
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from stdnum.be import nn

KEY = b'qa2-counter-context-key-0123'
#: eleven-digit invoice numbers that pass the national-number check (as 1 in 97 do by chance)
INVOICES = ['74070226616', '58102882214', '53020337085', '65101813482', '75070761424', '72102704548']
RRN = '85.07.30-033.28'


def test_invoices_are_valid_national_numbers_by_chance() -> None:
    assert all(nn.is_valid(v) for v in INVOICES)  # else this test would prove nothing


@pytest.mark.parametrize(
    ('header', 'word'),
    (
        ('factuurnummer', 'factuurnummer'),
        ('invoice_no', 'invoice'),
        ('Bestelnummer', 'bestelnummer'),
        ('rijksregisternummer', None),
        ('insz', None),
        ('factuur_rrn', None),  # a context word too: the engine keeps the match, so do columns
    ),
)
def test_counter_context_of_headers(header: str, word: str | None) -> None:
    assert columns.counter_context(header, 'BE_NATIONAL_NUMBER') == word


def test_column_classifier_respects_counter_context() -> None:
    assert columns.classify('factuurnummer', INVOICES) is None
    assert columns.classify('nummer', INVOICES) == 'BE_NATIONAL_NUMBER'  # no header word: data decides
    assert columns.classify('rijksregisternummer', [RRN, '17.07.30-033.84']) == 'BE_NATIONAL_NUMBER'


def test_pipeline_keeps_invoice_numbers_and_replaces_national_numbers() -> None:
    p = Pseudonymizer(KEY)
    rows = [{'factuurnummer': v, 'klant': f'Klant BV {i}', 'rrn': RRN} for i, v in enumerate(INVOICES)]
    out = list(p.records(rows))
    assert [r['factuurnummer'] for r in out] == INVOICES
    assert all(r['rrn'] != RRN and nn.is_valid(r['rrn']) for r in out)
    assert p.plan('factuurnummer', INVOICES).mode != 'cell'
    text = f'Factuur nr. {INVOICES[4]} van 12/03/2024. Bestelnummer {INVOICES[5]}. RRN {RRN}.'
    new = p.text(text)
    assert INVOICES[4] in new and INVOICES[5] in new and RRN not in new
    # an explicit min_score of 0 replaces every candidate again (the old behaviour, on request)
    assert INVOICES[4] not in Pseudonymizer(KEY, min_score=0.0).text(text)


def test_file_copy_with_the_scan_settings_keeps_what_scan_does_not_report(tmp_path: Path) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'facturen.csv').write_text(
        'factuurnummer;klant;bedrag\n'
        + ''.join(f'{v};Klant BV {i};{100 + i},00\n' for i, v in enumerate(INVOICES)),
        encoding='utf-8',
    )
    (src / 'factuur.txt').write_text(
        f'Factuur nr. {INVOICES[4]} van 12/03/2024\nBestelnummer {INVOICES[5]}\n'
        f'Werknemer: rijksregisternummer {RRN}\n',
        encoding='utf-8',
    )
    settings = Settings(profile='full', min_score=MIN_SCORE)
    engine = Engine(settings)
    actions = Actions(KEY, Policy())
    report = files.anonymize_tree(src, tmp_path / 'out', actions, engine, workers=1)
    assert not report.errors
    [csv_report] = [f for f in report.files if f.source == 'facturen.csv']
    assert csv_report.notes == ["column factuurnummer: numbers kept (counter-context 'factuurnummer')"]
    assert not any(entity == 'BE_NATIONAL_NUMBER' for _c, entity in csv_report.counts)  # dry runs show these
    csv_copy = (tmp_path / 'out' / 'facturen.csv').read_text(encoding='utf-8')
    txt_copy = (tmp_path / 'out' / 'factuur.txt').read_text(encoding='utf-8')
    assert all(v in csv_copy for v in INVOICES)
    assert INVOICES[4] in txt_copy and INVOICES[5] in txt_copy and RRN not in txt_copy
    values, errors = verify.source_values(src, settings, Policy())
    assert not errors and RRN in {v for _e, v, _f in values}
    assert not {v for _e, v, _f in values} & set(INVOICES)
    leaks = verify.check(values, tmp_path / 'out', ignore=verify.surrogates_of(values, actions))
    assert leaks.count == 0
