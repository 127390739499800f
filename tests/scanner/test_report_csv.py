"""The CSV report: fixed columns, one row per finding, location flattened, formula-safe cells."""

from __future__ import annotations

import csv
import io
import json

from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters.csv_report import COLUMNS


def read(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_rows_and_columns(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('RRN 85.07.30-033.28\ntel +32 470 12 34 56\n', encoding='utf-8')
    (tmp_path / 'p.csv').write_text('naam;insz\nJan;85073003328\nPiet;17073003384\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'csv']) == 1
    out = capsys.readouterr().out
    header = next(csv.reader(io.StringIO(out)))
    assert tuple(header) == COLUMNS and 'value' not in header
    rows = read(out)
    assert len(rows) == 4
    by_source = {(r['source'], r['line'], r['column'], r['row']): r for r in rows}
    nn = by_source[('a.txt', '1', '5', '')]
    assert nn['entity'] == 'BE_NATIONAL_NUMBER' and nn['masked'] == '**.**.**-***.28'
    assert nn['categories'] == 'identification' and nn['article'] == '6' and nn['location'] == ''
    phone = by_source[('a.txt', '2', '5', '')]
    assert phone['masked'] == "'+** *** ** ** 56"  # no formula in a spreadsheet
    assert {(r['column'], r['row']) for r in rows if r['source'] == 'p.csv'} == {('insz', '1'), ('insz', '2')}
    assert '85073003328' not in out and '470 12 34' not in out


def test_show_values_adds_a_last_column(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    main(['scan', str(tmp_path), '--format', 'csv', '--show-values'])
    out = capsys.readouterr().out
    assert next(csv.reader(io.StringIO(out)))[-1] == 'value'
    assert read(out)[0]['value'] == '85.07.30-033.28'


def test_unknown_location_keys_go_to_the_location_column(tmp_path):
    from gdprscan.classifiers.categories import classify
    from gdprscan.scanner.reporters import csv_report
    from gdprscan.scanner.types import Finding
    from gdprscan.scanner.types import ScanResult

    cats, art = classify('EMAIL_ADDRESS')
    f = Finding('db://hr', {'key': 7, 'column': 'mail'}, 'EMAIL_ADDRESS', cats, art, 0.9, 'email', 'a@b.be')
    buf = io.StringIO()
    csv_report.write(ScanResult(['db://hr'], [f]), buf)
    [row] = read(buf.getvalue())
    assert row['column'] == 'mail' and json.loads(row['location']) == {'key': 7}


def test_header_only_when_clean(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('niets\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'csv']) == 0
    assert capsys.readouterr().out.splitlines() == [','.join(COLUMNS)]
