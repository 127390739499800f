"""The scan command's contract on a small real tree."""
from __future__ import annotations

import json

from gdprscan.scanner.cli import main


def test_jsonl_contract(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('Naam: Jan\nRRN 85.07.30-033.28\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'jsonl', '--fail-on', 'any']) == 1
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['masked'] == '**.**.**-***.28' and 'value' not in row
    assert row['source'] == 'a.txt'
    assert row['location'] == {'line': 2, 'column': 5}
    assert row['entity'] == 'BE_NATIONAL_NUMBER' and row['article'] == '6'
    assert row['categories'] == ['identification']
    assert row['score'] == 0.95  # 'RRN' is a context word


def test_show_values(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('85.07.30-033.28\n', encoding='utf-8')
    main(['scan', str(tmp_path), '--format', 'jsonl', '--show-values'])
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['value'] == '85.07.30-033.28'
    assert row['score'] == 0.6  # no context word


def test_clean_exit_zero_and_usage_error(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('invoice 2024-0017, total EUR 85.07\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 0
    assert capsys.readouterr().out == ''
    assert main(['scan', str(tmp_path / 'missing')]) == 2
    assert main(['scan', str(tmp_path), '--min-score', '7']) == 2
    assert main(['scan', str(tmp_path), '--format', 'nope']) == 2


def test_csv_cells_located_by_header_and_row(tmp_path, capsys):
    (tmp_path / 'p.csv').write_text('naam;insz\nJan;85073003328\nPiet;17073003384\n', encoding='utf-8')
    main(['scan', str(tmp_path / 'p.csv'), '--format', 'jsonl'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r['location'] for r in rows] == [{'column': 'insz', 'row': 1}, {'column': 'insz', 'row': 2}]
    assert rows[0]['source'] == str(tmp_path / 'p.csv')  # a file target: the path as given
    assert all(r['score'] == 0.95 for r in rows)  # the header 'insz' is context
