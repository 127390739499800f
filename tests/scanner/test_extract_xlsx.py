"""XLSX extraction on real workbooks written with openpyxl: every sheet, header names, data rows."""
from __future__ import annotations

import json

import openpyxl
import pytest

from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.extractors import xlsx

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Loon'
    ws.append(['Naam', 'INSZ', 'Rekening'])
    ws.append(['Jan Peeters', RRN, 'n.v.t.'])
    ws.append(['Els Maes', 'onbekend', IBAN])
    raw = wb.create_sheet('Export')  # no header: the first row is data
    raw.append(['Jan', 85073003328])  # a national number stored as a number
    raw.append([None, None])
    raw.append(['totaal', 3.5])
    path = tmp_path / 'loon.xlsx'
    wb.save(path)
    return path


def _loc(location: dict) -> str:
    return json.dumps(location, sort_keys=True)


def test_every_sheet_by_header_and_data_row(workbook, capsys):
    code, rows = scan(capsys, workbook)
    assert code == 1
    got = {(r['entity'], json.dumps(r['location'], sort_keys=True)) for r in rows}
    assert got == {
        ('BE_NATIONAL_NUMBER', _loc({'cell': 'B2', 'column': 'INSZ', 'row': 1, 'sheet': 'Loon'})),
        ('IBAN_CODE', _loc({'cell': 'C3', 'column': 'Rekening', 'row': 2, 'sheet': 'Loon'})),
        ('BE_NATIONAL_NUMBER', _loc({'cell': 'B1', 'column': 'B', 'row': 1, 'sheet': 'Export'})),
    }
    by_sheet = {r['location']['sheet']: r for r in rows if r['entity'] == 'BE_NATIONAL_NUMBER'}
    assert by_sheet['Loon']['score'] == 0.95  # header 'INSZ' is context
    assert by_sheet['Export']['score'] == 0.6  # no header, no context


def test_units_skip_empty_cells_and_print_whole_numbers(workbook):
    units = list(xlsx.extract(workbook))
    export = [(u.text, u.location) for u in units if u.location.get('sheet') == 'Export']
    assert export == [
        ('Export', {'sheet': 'Export', 'sheet_name': True}),  # the sheet's name is scanned as text too
        ('Jan', {'sheet': 'Export', 'column': 'A', 'row': 1, 'cell': 'A1'}),
        ('85073003328', {'sheet': 'Export', 'column': 'B', 'row': 1, 'cell': 'B1'}),
        ('totaal', {'sheet': 'Export', 'column': 'A', 'row': 3, 'cell': 'A3'}),
        ('3.5', {'sheet': 'Export', 'column': 'B', 'row': 3, 'cell': 'B3'}),
    ]
    assert ('Naam', 'Jan Peeters') in [(u.location.get('column'), u.text) for u in units]


def test_header_below_blank_rows_and_pragma_row(tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Blad1'
    ws['B3'] = 'rijksregisternummer'
    ws['C3'] = 'opmerking'
    ws['B4'] = RRN
    ws['B5'] = '17.07.30-033.84'
    ws['C5'] = 'testdata gdprscan: allow'
    path = tmp_path / 'offset.xlsx'
    wb.save(path)
    findings = Engine(Settings()).detect(xlsx.extract(path), 'offset.xlsx')
    assert [(f.location, f.suppressed) for f in findings] == [
        ({'sheet': 'Blad1', 'column': 'rijksregisternummer', 'row': 1, 'cell': 'B4'}, None),
        # pragma in another cell of the row
        ({'sheet': 'Blad1', 'column': 'rijksregisternummer', 'row': 2, 'cell': 'B5'}, 'pragma'),
    ]
    code, rows = scan(capsys, path)
    assert code == 1 and [r['location']['row'] for r in rows] == [1]  # the report leaves suppressed out
