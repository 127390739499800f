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
    assert [r['location'] for r in rows] == [{'column': 'insz', 'row': 1, 'line': 2}, {'column': 'insz', 'row': 2, 'line': 3}]
    assert rows[0]['source'] == str(tmp_path / 'p.csv')  # a file target: the path as given
    assert all(r['score'] == 0.95 for r in rows)  # the header 'insz' is context


def _entities(capsys, *argv):
    main(['scan', *argv, '--format', 'jsonl'])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_counter_context_demotes_chance_checksums(tmp_path, capsys):
    # 85073003328 passes the national-number check; after 'factuur'/'invoice'/'commande' it is
    # a document's number (1 in 97 eleven-digit numbers passes mod 97 by chance).
    for text in ('Factuur 85073003328 van 3 maart', 'Invoice number: 85073003328', 'Commande 85073003328'):
        (tmp_path / 'a.txt').write_text(text + '\n', encoding='utf-8')
        assert _entities(capsys, str(tmp_path / 'a.txt')) == []
        rows = _entities(capsys, str(tmp_path / 'a.txt'), '--min-score', '0')
        assert [r['score'] for r in rows] == [0.3] and rows[0]['evidence']['counter_context']
    # a real context word wins over a counter word
    (tmp_path / 'a.txt').write_text('Factuur voor werknemer met INSZ 85073003328\n', encoding='utf-8')
    [row] = _entities(capsys, str(tmp_path / 'a.txt'))
    assert row['score'] == 0.95 and row['evidence']['context'] == 'insz'


def test_column_headers_with_separators_are_read_as_words(tmp_path, capsys):
    (tmp_path / 'p.csv').write_text('national_number,invoice-no\n85073003328,17073003384\n', encoding='utf-8')
    rows = _entities(capsys, str(tmp_path / 'p.csv'))
    assert [(r['location']['column'], r['score']) for r in rows] == [('national_number', 0.95)]


def test_file_names_are_scanned(tmp_path, capsys):
    # a name travels into listings, backups and e-mails: it is a finding of its own
    (tmp_path / 'loonfiche 85.07.30-033.28.txt').write_text('hallo\n', encoding='utf-8')
    (tmp_path / 'scan_85073003328.png').write_bytes(b'\x89PNG\r\n\x1a\n\x00')  # skipped as binary
    (tmp_path / 'factuur_2024-0017.txt').write_text('hallo\n', encoding='utf-8')  # no identifier
    rows = _entities(capsys, str(tmp_path))
    assert sorted((r['source'], r['location'], r['masked']) for r in rows) == [
        ('loonfiche **.**.**-***.28.txt', {'file_name': True}, '**.**.**-***.28'),  # masked in the path too
        ('scan_*********28.png', {'file_name': True}, '*********28'),
    ]
