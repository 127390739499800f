"""XLSX sheet names are scanned like file names and masked wherever a report prints a location.

QA (Q10): a workbook with one sheet per employee ("85.07.30-033.28 Peeters", "Marie Dubois") gave no
finding for the names, and every report printed them in clear in ``location.sheet`` (JSON, JSONL,
SARIF, HTML, CSV and the hook line that lands in CI logs) without --show-values.
Q15: a location names the real sheet cell (``B4``) and the hook prints the sheet row, as Excel does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'
RRN2 = '61.07.18-940.44'
IBAN = 'BE97310664475449'


def _timesheets(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f'{RRN} Peeters'
    ws.append(['Datum', 'Uren', 'IBAN'])
    ws.append(['2024-03-01', 8, IBAN])
    other = wb.create_sheet('Marie Dubois')
    other.append(['Datum', 'Reden'])
    other.append(['2024-03-02', 'verlof'])
    wb.create_sheet('Overzicht')
    wb.save(path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(['scan', *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_values_in_sheet_names_are_findings_located_by_the_masked_sheet(tmp_path, capsys):
    path = _timesheets(tmp_path / 'timesheets.xlsx')
    code, out, _ = _run(capsys, str(path), '--profile', 'full', '--format', 'jsonl')
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    names = {
        (r['entity'], r['masked'], r['location']['sheet']) for r in rows if r['location'].get('sheet_name')
    }
    assert names == {
        ('BE_NATIONAL_NUMBER', '**.**.**-***.28', '**.**.**-***.28 Peeters'),
        ('PERSON', '***** ******', '***** ******'),
    }
    iban = next(r for r in rows if r['entity'] == 'IBAN_CODE')
    assert iban['location'] == {'sheet': '**.**.**-***.28 Peeters', 'column': 'IBAN', 'row': 1, 'cell': 'C2'}
    assert RRN not in out and 'Dubois' not in out
    assert 'Overzicht' not in {r['location']['sheet'] for r in rows}  # no value in it, no finding


@pytest.mark.parametrize('fmt', ['json', 'jsonl', 'sarif', 'html', 'csv', 'hook'])  # (table: no locations)
def test_no_report_prints_a_sheet_name_value_in_clear(tmp_path, capsys, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    _timesheets(tmp_path / 'timesheets.xlsx')
    out_file = tmp_path / f'report.{fmt}'
    argv = ['timesheets.xlsx', '--profile', 'full', *(['--hook'] if fmt == 'hook' else ['--format', fmt])]
    code, out, err = _run(capsys, *argv, *(['-o', str(out_file)] if fmt in ('html', 'sarif') else []))
    text = out + err + (out_file.read_text(encoding='utf-8') if out_file.exists() else '')
    assert code == 1 and text
    assert RRN not in text and '85073003328' not in text
    assert 'Marie Dubois' not in text and 'Dubois' not in text
    assert '**.**.**-***.28 Peeters' in text  # the sheet is still named, masked


def test_show_values_prints_the_real_sheet_names(tmp_path, capsys):
    path = _timesheets(tmp_path / 'timesheets.xlsx')
    code, out, _ = _run(capsys, str(path), '--format', 'jsonl', '--show-values')
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert {r['location']['sheet'] for r in rows} == {f'{RRN} Peeters'}
    assert {(r['entity'], r['value']) for r in rows if r['location'].get('sheet_name')} == {
        ('BE_NATIONAL_NUMBER', RRN)
    }


def test_hook_line_for_a_sheet_name_and_sheet_rows_below_a_title(tmp_path, capsys, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.chdir(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = f'Loon {RRN2}'
    ws['A1'] = 'Personeelslijst 2024'  # a title, a blank row, the header in row 3, data from row 4
    ws.append([])
    ws.append(['Naam', 'Rijksregisternummer'])
    ws.append(['Peeters', RRN])
    wb.save(tmp_path / 'personeel.xlsx')
    code, out, _ = _run(capsys, 'personeel.xlsx', '--hook')
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == 'personeel.xlsx (sheet name Loon **.**.**-***.44): BE_NATIONAL_NUMBER **.**.**-***.44'
    # sheet row 4 as Excel shows it (the data row is 1: row 4 is the first row below the header)
    assert lines[1] == (
        'personeel.xlsx:4:Loon **.**.**-***.44!Rijksregisternummer BE_NATIONAL_NUMBER **.**.**-***.28'
    )
    code, out, _ = _run(capsys, 'personeel.xlsx', '--format', 'jsonl')
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[1]['location'] == {
        'sheet': 'Loon **.**.**-***.44', 'column': 'Rijksregisternummer', 'row': 1, 'cell': 'B4'
    }


def test_two_sheets_that_mask_alike_stay_two_sheets(tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = f'Jan {RRN}'
    wb.active.append(['IBAN', IBAN])
    other = wb.create_sheet('Jan 50.01.01-029.28')  # masks as **.**.**-***.28 too
    other.append(['IBAN', IBAN])
    path = tmp_path / 'twee.xlsx'
    wb.save(path)
    code, out, _ = _run(capsys, str(path), '--format', 'jsonl')
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    sheets = {r['location']['sheet'] for r in rows}
    assert sheets == {'Jan **.**.**-***.28', 'Jan **.**.**-***.28 [2]'}
    by_sheet = {}
    for r in rows:
        by_sheet.setdefault(r['location']['sheet'], set()).add(r['entity'])
    assert all(entities == {'BE_NATIONAL_NUMBER', 'IBAN_CODE'} for entities in by_sheet.values())
