"""CSV/TSV and plain text: header detection, delimiters, encodings, line and column."""
from __future__ import annotations

import json

import pytest

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import delimited
from gdprscan.scanner.extractors import text
from gdprscan.scanner.extractors.tabular import looks_like_header

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(('cells', 'header'), (
    (['naam', 'insz', 'iban'], True),
    (['2023', '2024', 'Q1 2024'], True),  # years and quarters are names of columns
    (['Naam werknemer', '', 'E-mail adres'], True),  # an empty header cell is still a header row
    (['Jan', '85073003328'], False),  # a national number is data
    (['jan@example.be', 'Jan'], False),  # an e-mail address is data
    (['Peeters', 'BE71 0961 2345 6769'], False),
    (['', ''], False),
    (['bedrag', 2450.0], False),  # a number cell (XLSX) is data
))
def test_looks_like_header(cells, header):
    assert looks_like_header(cells) is header


def test_headerless_csv_keeps_its_first_row(tmp_path, capsys):
    path = tmp_path / 'export.csv'
    path.write_text(f'Jan,{RRN},Gent\nPiet,17.07.30-033.84,Luik\n', encoding='utf-8')
    units = [(u.text, u.location) for u in delimited.extract(path)]
    assert units[:2] == [('Jan', {'column': '#1', 'row': 1, 'line': 1}), (RRN, {'column': '#2', 'row': 1, 'line': 1})]
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'column': '#2', 'row': 1, 'line': 1}, {'column': '#2', 'row': 2, 'line': 2}]
    assert all(r['score'] == 0.6 for r in rows)  # no header, no context


@pytest.mark.parametrize(('name', 'content'), (
    ('semi.csv', f'naam;rekening\nJan;{IBAN}\n'),
    ('pipe.csv', f'naam|rekening\nJan|{IBAN}\n'),
    ('tab.tsv', f'naam\trekening\nJan\t{IBAN}\n'),
    ('quoted.csv', f'"naam","rekening"\n"Peeters, Jan","{IBAN}"\n'),
))
def test_delimiters(tmp_path, capsys, name, content):
    (tmp_path / name).write_text(content, encoding='utf-8')
    code, rows = scan(capsys, tmp_path / name)
    assert [(r['entity'], r['location'], r['score']) for r in rows] == [
        ('IBAN_CODE', {'column': 'rekening', 'row': 1, 'line': 2}, 0.95)
    ]


def test_text_line_and_column_across_blocks(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(text, 'BLOCK', 64)  # many small blocks: lines must still add up
    lines = [f'regel {i} zonder gegevens' for i in range(40)]
    lines[33] = f'regel 33: INSZ {RRN}'
    path = tmp_path / 'lang.txt'
    path.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    assert len(list(text.extract(path))) > 5
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'line': 34, 'column': 16}]


def test_utf16_without_bom_text(tmp_path, capsys):
    path = tmp_path / 'export.log'
    path.write_bytes(f'Zoë\r\nRRN {RRN}\r\n'.encode('utf-16-le'))
    assert ''.join(u.text for u in text.extract(path)) == f'Zoë\nRRN {RRN}\n'  # line ends as editors see them
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'line': 2, 'column': 5}]


def test_one_long_line_is_cut_and_columns_continue(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(text, 'BLOCK', 256)
    words = ' '.join(f'woord{i}.' for i in range(300))  # ~2.7 KB on one line, no newline
    line = f'{words} INSZ {RRN} en verder {words}'
    path = tmp_path / 'oneline.txt'
    path.write_text(line, encoding='utf-8')
    units = list(text.extract(path))
    assert len(units) > 10 and max(len(u.text) for u in units) <= 2 * 256
    assert ''.join(u.text for u in units) == line
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'line': 1, 'column': line.index(RRN) + 1}]


def test_lone_cr_and_crlf_end_lines(tmp_path, capsys):
    path = tmp_path / 'mac.csv.txt'
    path.write_bytes(f'naam\rJan\r\nRRN {RRN}\r'.encode('cp1252'))
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'line': 3, 'column': 5}]
