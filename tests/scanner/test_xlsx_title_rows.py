"""XLSX header detection below title and blank rows (QA2 D3), on real workbooks written with openpyxl."""
from __future__ import annotations

import json

import openpyxl
import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.extractors import xlsx
from gdprscan.scanner.extractors.tabular import MAX_TITLE_ROWS
from gdprscan.scanner.extractors.tabular import split_header

RRN = 85073003328  # 85.07.30-033.28, stored as a number as Excel does
RRN2 = '90.04.05-012.10'
IBAN = 'BE71 0961 2345 6769'


def _save(tmp_path, cells: dict[str, object], name: str = 'lijst.xlsx', title: str = 'Personeel'):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for ref, value in cells.items():
        ws[ref] = value
    path = tmp_path / name
    wb.save(path)
    return path


def _scan(capsys, path, *extra: str) -> tuple[int, list[dict]]:
    code = main(['scan', str(path), '--format', 'jsonl', *extra])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def titled(tmp_path):
    """QA2's layout: A1 title, A2:B2 header, data from row 3."""
    return _save(
        tmp_path,
        {
            'A1': 'Personeelslijst 2024',
            'A2': 'Naam', 'B2': 'INSZ',
            'A3': 'Sophie Lambert', 'B3': 'onbekend',
            'A4': 'Jan Peeters', 'B4': RRN,
        },
    )  # fmt: skip


def test_title_row_above_header_gives_header_name_data_row_and_context(titled, capsys):
    code, rows = _scan(capsys, titled, '--min-score', '0.7')
    assert code == 1
    [row] = rows
    assert row['entity'] == 'BE_NATIONAL_NUMBER'
    # B4: the 2nd row below the header
    assert row['location'] == {'sheet': 'Personeel', 'column': 'INSZ', 'row': 2, 'cell': 'B4'}
    assert row['score'] == 0.95 and row['evidence'] == {'context': 'insz'}


def test_units_title_is_text_header_is_not_data(titled):
    units = [(u.text, u.location, u.row_key) for u in xlsx.extract(titled) if 'sheet' in u.location]
    assert units == [
        ('Personeel', {'sheet': 'Personeel', 'sheet_name': True}, None),  # the sheet's name, as text
        ('Personeelslijst 2024', {'sheet': 'Personeel', 'cell': 'A1'}, None),  # prose, not a table cell
        (
            'Sophie Lambert',
            {'sheet': 'Personeel', 'column': 'Naam', 'row': 1, 'cell': 'A3'},
            ('Personeel', 1),
        ),
        ('onbekend', {'sheet': 'Personeel', 'column': 'INSZ', 'row': 1, 'cell': 'B3'}, ('Personeel', 1)),
        ('Jan Peeters', {'sheet': 'Personeel', 'column': 'Naam', 'row': 2, 'cell': 'A4'}, ('Personeel', 2)),
        ('85073003328', {'sheet': 'Personeel', 'column': 'INSZ', 'row': 2, 'cell': 'B4'}, ('Personeel', 2)),
    ]


def test_blank_rows_title_and_subtitle_above_a_wide_header_full_profile(tmp_path, capsys):
    # The lonen_2024.xlsx layout: title in A2, a subtitle, blank rows, header in row 6.
    path = _save(
        tmp_path,
        {
            'A2': 'Overzicht lonen 2024',
            'A3': 'Afdeling logistiek',
            'A6': 'Naam', 'B6': 'INSZ', 'C6': 'IBAN', 'D6': 'Brutoloon',
            'A7': 'Jan Peeters', 'B7': RRN, 'C7': IBAN, 'D7': 3456.78,
            'A8': 'Élise Dubois', 'B8': RRN2, 'C8': 'n.v.t.', 'D8': 3457.78,
            'A10': 'Jeroen Van den Broeck', 'D10': 3100.0,
        },
        title='Lonen 2024',
    )  # fmt: skip
    code, rows = _scan(capsys, path, '--profile', 'full')
    assert code == 1
    cells = {(r['entity'], r['location'].get('column'), r['location'].get('row')) for r in rows}
    assert ('BE_NATIONAL_NUMBER', 'INSZ', 1) in cells and ('BE_NATIONAL_NUMBER', 'INSZ', 2) in cells
    assert ('IBAN_CODE', 'IBAN', 1) in cells
    # row counts from the header: the blank sheet row 9 counts, so A10 is row 4
    assert {row for entity, column, row in cells if entity == 'PERSON' and column == 'Naam'} == {1, 2, 4}
    # neither the header cell 'Naam' nor the titles are data of a column
    assert not [r for r in rows if r['location'].get('row') in (0, None) and r['entity'] == 'PERSON']
    assert 'Overzicht lonen 2024' not in {r['location'].get('column') for r in rows}
    assert all(r['score'] == 0.95 for r in rows if r['entity'] in ('BE_NATIONAL_NUMBER', 'IBAN_CODE'))


def test_identifiers_and_names_in_a_title_are_found_at_its_cell(tmp_path, capsys):
    path = _save(
        tmp_path,
        {
            'B2': 'Loonfiche Jan Peeters – INSZ 85.07.30-033.28',  # the title sits in B2, not A1
            'A4': 'Periode', 'B4': 'Rekening',
            'A5': '2024-03', 'B5': IBAN,
        },
        title='Loon',
    )  # fmt: skip
    code, rows = _scan(capsys, path, '--profile', 'full')
    assert code == 1
    title = [(r['entity'], r['score']) for r in rows if r['location'] == {'sheet': 'Loon', 'cell': 'B2'}]
    assert sorted(title) == [('BE_NATIONAL_NUMBER', 0.95), ('PERSON', 0.85)]  # 'INSZ' in the title is context
    assert {'sheet': 'Loon', 'column': 'Rekening', 'row': 1, 'cell': 'B5'} in [r['location'] for r in rows]


def test_allow_pragma_in_a_title_suppresses_only_the_title(tmp_path):
    path = _save(
        tmp_path,
        {'A1': 'Testlijst 85.07.30-033.28 gdprscan: allow', 'A2': 'Naam', 'B2': 'INSZ', 'B3': RRN2},
    )
    findings = Engine(Settings()).detect(xlsx.extract(path), 'lijst.xlsx')
    assert [(f.location, f.suppressed) for f in findings] == [
        ({'sheet': 'Personeel', 'cell': 'A1'}, 'pragma'),
        ({'sheet': 'Personeel', 'column': 'INSZ', 'row': 1, 'cell': 'B3'}, None),
    ]


@pytest.mark.parametrize(
    ('cells', 'header', 'first'),
    (
        # a one-column sheet keeps its one-cell header: nothing wider comes to make it a title
        ({'A1': 'nota', 'A2': 'Bel Jan op 0470 12 34 56'}, 'nota', {'column': 'nota', 'row': 1}),
        # a one-cell row above wider data that is no header (a number): old rule, the one cell names column A
        ({'A1': 'Naam', 'A2': 'Jan', 'B2': RRN}, 'Naam', {'column': 'Naam', 'row': 1}),
        # no header at all: letters and sheet rows
        ({'A2': 'Jan', 'B2': RRN}, None, {'column': 'A', 'row': 2}),
        # more title rows than MAX_TITLE_ROWS: the first row is taken as the header, as before
        (
            {**{f'A{i}': f'Titel {i}' for i in range(1, MAX_TITLE_ROWS + 2)}, 'A9': 'Naam', 'B9': 'INSZ'},
            'Titel 1',
            {'column': 'Titel 1', 'row': 1},
        ),
    ),
)
def test_sheets_that_keep_the_first_row_rule(tmp_path, cells, header, first):
    path = _save(tmp_path, cells)
    units = [u for u in xlsx.extract(path) if 'sheet' in u.location and not u.location.get('sheet_name')]
    assert all('column' in u.location for u in units)  # no title found (a title has a cell, no column)
    assert {k: v for k, v in units[0].location.items() if k not in ('sheet', 'cell')} == first
    assert header is None or header not in [u.text for u in units]


def test_split_header_reads_no_further_than_the_header():
    title, header = ('Personeelslijst 2024', None), ('Naam', 'INSZ')
    rows = iter([(), title, (None, None), header, ('Jan', RRN), ('Els', 1)])
    layout = split_header(rows, lambda r: r)
    assert layout.titles == [title] and layout.header == header
    assert next(rows) == ('Jan', RRN)  # the data was left in the stream
    assert list(layout.data) == [('Els', 1)]


def test_split_header_keeps_a_wide_header_in_row_one_and_headerless_data():
    layout = split_header([('Naam', 'INSZ'), ('Jan', RRN)], lambda r: r)
    assert (layout.titles, layout.header, list(layout.data)) == ([], ('Naam', 'INSZ'), [('Jan', RRN)])
    # a one-cell row above a wide row that holds data: no title, and the data stays data
    rows = [('85.07.30-033.28',), ('Jan', RRN)]
    layout = split_header(rows, lambda r: r)
    assert (layout.titles, layout.header, list(layout.data)) == ([], None, rows)
