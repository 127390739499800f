"""JSON and JSON Lines: every string/number leaf at its 1-based line and column in the raw file."""
from __future__ import annotations

import json

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import jsonfile
from gdprscan.scanner.extractors import jsonlines

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_nested_json_located_in_raw_file(tmp_path, capsys):
    doc = {'bedrijf': 'Acme', 'werknemers': [{'naam': 'Jan', 'insz': RRN}, {'bank': {'iban': IBAN}}]}
    path = tmp_path / 'hr.json'
    path.write_text(json.dumps(doc, indent=2), encoding='utf-8')
    lines = path.read_text(encoding='utf-8').splitlines()
    rrn_line = next(i for i, line in enumerate(lines, 1) if RRN in line)
    iban_line = next(i for i, line in enumerate(lines, 1) if IBAN in line)
    code, rows = scan(capsys, path)
    assert code == 1
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'line': rrn_line, 'column': lines[rrn_line - 1].index(RRN) + 1}),
        ('IBAN_CODE', {'line': iban_line, 'column': lines[iban_line - 1].index(IBAN) + 1}),
    ]
    assert all(r['score'] == 0.95 for r in rows)  # the keys 'insz' and 'iban' are context


def test_compact_json_numbers_escapes_and_data_keys(tmp_path):
    raw = '{"a":[85073003328,"x\\u00e9y"],"85073003328":{"k":"v"},"n":null,"t":true}'
    path = tmp_path / 'c.json'
    path.write_text(raw, encoding='utf-8')
    units = [(u.text, u.location) for u in jsonfile.extract(path)]
    assert units == [
        ('a: 85073003328', {'line': 1, 'column': 7}),
        ('a: xéy', {'line': 1, 'column': raw.index('x') + 1}),  # after the quote; escapes decoded
        ('85073003328', {'line': 1, 'column': raw.index('"85073003328"') + 2}),  # a data-like key
        ('k: v', {'line': 1, 'column': raw.index('"v"') + 2}),
    ]


def test_invalid_json_is_scanned_as_text(tmp_path, capsys):
    path = tmp_path / 'broken.json'
    path.write_text('{"insz": "85.07.30-033.28",\n  // comment\n  "iban": "BE71 0961 2345 6769",}\n')
    code, rows = scan(capsys, path)
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'line': 1, 'column': 11}),
        ('IBAN_CODE', {'line': 3, 'column': 12}),
    ]
    assert capsys.readouterr().err == ''


def test_jsonl_line_by_line_with_a_bad_line(tmp_path, capsys):
    path = tmp_path / 'events.jsonl'
    path.write_text(
        '{"event": "login", "user": {"rrn": "85073003328"}}\n'
        '\n'
        'garbage line with IBAN BE71 0961 2345 6769\n'
        '{"meta": {"iban": "BE71 0961 2345 6769"}}\r\n',
        encoding='utf-8',
    )
    code, rows = scan(capsys, path)
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'line': 1, 'column': 37}),
        ('IBAN_CODE', {'line': 3, 'column': 24}),
        ('IBAN_CODE', {'line': 4, 'column': 20}),
    ]
    assert len(list(jsonlines.extract(path))) == 4  # 'login', rrn, the text line, iban


def test_json_utf16_with_bom(tmp_path, capsys):
    path = tmp_path / 'u16.json'
    text = json.dumps({'naam': 'Zoë', 'rrn': RRN}, ensure_ascii=False)
    path.write_bytes(text.encode('utf-16'))  # with a BOM, which is not a column
    assert [u.text for u in jsonfile.extract(path)] == ['naam: Zoë', f'rrn: {RRN}']
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'line': 1, 'column': text.index(RRN) + 1}]


def test_pragma_on_the_raw_line_covers_sibling_values(tmp_path):
    raw = (
        '[{"insz": "85.07.30-033.28", "note": "testdata gdprscan: allow"},\n'
        ' {"insz": "17.07.30-033.84"}]\n'
    )
    (tmp_path / 'p.json').write_text(raw, encoding='utf-8')
    (tmp_path / 'p.jsonl').write_text(raw.replace(',\n', '\n').strip('[]\n') + '\n', encoding='utf-8')
    for name in ('p.json', 'p.jsonl'):
        extractor = jsonfile if name.endswith('.json') else jsonlines
        units = [u for u in extractor.extract(tmp_path / name) if 'insz' in u.text]
        assert [(u.location['line'], u.pragma) for u in units] == [(1, True), (2, False)], name
