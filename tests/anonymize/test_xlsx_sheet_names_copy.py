"""The XLSX copy renames sheets whose names hold personal data, and the leak check reads sheet names.

QA (Q10): a workbook with one sheet per employee ("85.07.30-033.28 Peeters", "Marie Dubois") was
copied with both names kept (a real national number and a real name) and the leak check said OK.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'xlsx-sheet-names-key-0123456789abc'
RRN = '85.07.30-033.28'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_SHEETS_KEY', KEY)


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart
    from openpyxl.chart import Reference
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.hyperlink import Hyperlink

    wb = Workbook()
    ws = wb.active
    ws.title = f'{RRN} Peeters'
    ws.append(['Datum', 'Uren'])
    ws.append(['2024-03-01', 8])
    other = wb.create_sheet('Marie Dubois')
    other.append(['Datum', 'Uren'])
    other.append(['2024-03-02', 6])
    total = wb.create_sheet('Totaal')
    total['A1'] = 'Uren'
    total['A2'] = f"='{RRN} Peeters'!B2+'Marie Dubois'!B2"
    total['B2'] = 'naar blad'
    total['B2'].hyperlink = "#'Marie Dubois'!A1"  # openpyxl's form: a target starting with '#'
    total['B3'] = 'naar blad'
    total['B3'].hyperlink = Hyperlink(ref='B3', location="'Marie Dubois'!A1")  # Excel's form
    wb.defined_names['uren_marie'] = DefinedName('uren_marie', attr_text="'Marie Dubois'!$B$2")
    chart = BarChart()
    chart.add_data(Reference(other, min_col=2, min_row=1, max_row=2), titles_from_data=True)
    total.add_chart(chart, 'D2')
    wb.create_chartsheet('Grafiek Jan Peeters').add_chart(BarChart())  # a chart sheet has a name too
    wb.save(path)
    return path


def _anonymize(src: Path, out: Path, *extra: str) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_SHEETS_KEY', *extra])


def test_sheet_names_get_surrogates_and_references_follow(tmp_path, capsys):
    from openpyxl import load_workbook

    src = _workbook(tmp_path / 'timesheets.xlsx')
    out = tmp_path / 'copy.xlsx'
    assert _anonymize(src, out, '--profile', 'full') == 0
    printed = ''.join(capsys.readouterr())
    assert 'leak check OK' in printed and RRN not in printed and 'Dubois' not in printed
    wb = load_workbook(out)
    first, second, total, chart_sheet = wb.sheetnames
    assert total == 'Totaal'  # nothing in it: kept
    assert chart_sheet.startswith('Grafiek ') and 'Peeters' not in chart_sheet
    number, rest = first.split(' ', 1)
    assert rest == 'Peeters' and number != RRN and nn.is_valid(number)  # a valid surrogate number
    assert second != 'Marie Dubois' and 'Dubois' not in second and 'Marie' not in second
    assert all(len(name) <= 31 for name in wb.sheetnames)
    # the formula, the defined name and the internal link point at the renamed sheets
    assert wb['Totaal']['A2'].value == f"='{first}'!B2+'{second}'!B2"
    assert wb.defined_names['uren_marie'].attr_text == f"'{second}'!$B$2"
    assert wb['Totaal']['B2'].hyperlink.target == f"#'{second}'!A1"
    assert wb['Totaal']['B3'].hyperlink.location == f"'{second}'!A1"
    [series] = wb['Totaal']._charts[0].series  # the chart still reads its data
    assert (series.val.numRef.f, series.tx.strRef.f) == (f"'{second}'!$B$2", f"'{second}'!B1")
    assert [r for r in wb[second].iter_rows(values_only=True)] == [('Datum', 'Uren'), ('2024-03-02', 6)]
    # the same key gives the same names (a re-run, another file with the same sheet)
    again = tmp_path / 'again.xlsx'
    assert _anonymize(src, again, '--profile', 'full') == 0
    assert load_workbook(again).sheetnames == wb.sheetnames


def test_redacted_sheet_names_stay_valid_and_unique(tmp_path):
    from openpyxl import Workbook
    from openpyxl import load_workbook

    wb = Workbook()
    wb.active.title = 'Jan Peeters'
    wb.active.append(['Naam', 'Jan Peeters'])
    wb.create_sheet('Marie Dubois').append(['Naam', 'Marie Dubois'])
    wb.create_sheet('Els Maes 85.07.30-033.28')  # 24 characters: '[PERSON] [BE_NATIONAL_NUMBER]' is 29
    src = tmp_path / 'namen.xlsx'
    wb.save(src)
    policy = tmp_path / 'policy.yaml'
    policy.write_text('entities:\n  PERSON: redact\n  BE_NATIONAL_NUMBER: redact\n', encoding='utf-8')
    out = tmp_path / 'copy.xlsx'
    assert _anonymize(src, out, '--profile', 'full', '--policy', str(policy)) == 0
    names = load_workbook(out).sheetnames
    # '[' and ']' are refused in a sheet name by Excel; two sheets redacted alike stay two sheets
    assert names == ['(PERSON)', '(PERSON) (2)', '(PERSON) (BE_NATIONAL_NUMBER)']


def test_verify_reads_sheet_names_of_the_copy(tmp_path, capsys):
    from openpyxl import Workbook

    for name in ('src', 'dest'):
        wb = Workbook()
        wb.active.title = f'Loon {RRN}'  # a "copy" that kept the sheet name
        wb.active.append(['Datum', 'Uren'])
        wb.save(tmp_path / f'{name}.xlsx')
    code = main(['verify', str(tmp_path / 'src.xlsx'), str(tmp_path / 'dest.xlsx')])
    out = ''.join(capsys.readouterr())
    assert code == 1 and 'BE_NATIONAL_NUMBER' in out and RRN not in out
