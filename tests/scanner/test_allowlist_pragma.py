"""The inline allow pragma in the formats fixtures come in: txt, py, yaml, csv, json."""

from __future__ import annotations

import json

import pytest
from gdprscan.scanner.cli import main


def findings(capsys, path):
    main(['scan', str(path), '--format', 'jsonl', '--fail-on', 'none'])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ('name', 'text'),
    (
        ('notes.txt', 'test RRN 85.07.30-033.28 gdprscan: allow\nreal RRN 17.07.30-033.84\n'),
        ('fixture.py', 'RRN = "85.07.30-033.28"  # gdprscan: allow\nOTHER = "17.07.30-033.84"\n'),
        ('fixture.yaml', 'rrn: 85.07.30-033.28  # GDPRSCAN: ALLOW\nother: 17.07.30-033.84\n'),  # any case
        (
            'fixture.sql',
            "INSERT INTO p VALUES ('85.07.30-033.28'); -- gdprscan: allow\nSELECT '17.07.30-033.84';\n",
        ),
        ('fixture.md', 'RRN 85.07.30-033.28 <!-- gdprscan: allow -->\nRRN 17.07.30-033.84\n'),
    ),
)
def test_pragma_on_the_line(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text, encoding='utf-8')
    [row] = findings(capsys, path)
    assert row['location']['line'] == 2 and row['masked'].endswith('84')


def test_pragma_applies_to_its_line_only(tmp_path, capsys):
    path = tmp_path / 'a.py'
    path.write_text('# gdprscan: allow\nRRN = "85.07.30-033.28"\n', encoding='utf-8')
    [row] = findings(capsys, path)  # a pragma on the line above allows nothing
    assert row['location']['line'] == 2


def test_pragma_in_any_cell_of_a_csv_row(tmp_path, capsys):
    path = tmp_path / 'people.csv'
    path.write_text(
        'naam,insz,opmerking\nJan,85073003328,gdprscan: allow\nPiet,17073003384,\n', encoding='utf-8'
    )
    [row] = findings(capsys, path)
    assert row['location'] == {'column': 'insz', 'row': 2, 'line': 3}


def test_pragma_inside_a_json_value(tmp_path, capsys):
    path = tmp_path / 'people.json'
    doc = [{'insz': '85.07.30-033.28 (gdprscan: allow)'}, {'insz': '17.07.30-033.84'}]
    path.write_text(json.dumps(doc, indent=1), encoding='utf-8')
    [row] = findings(capsys, path)
    assert row['masked'].endswith('84')


def test_pragma_in_a_sibling_json_value_on_the_same_line(tmp_path, capsys):
    path = tmp_path / 'people.json'
    path.write_text(
        '[{"insz": "85.07.30-033.28", "note": "gdprscan: allow"},\n {"insz": "17.07.30-033.84"}]\n',
        encoding='utf-8',
    )
    [row] = findings(capsys, path)
    assert row['location']['line'] == 2


def test_allowed_findings_still_counted(tmp_path, capsys):
    path = tmp_path / 'a.txt'
    path.write_text('RRN 85.07.30-033.28 gdprscan: allow\n', encoding='utf-8')
    assert main(['scan', str(path), '--format', 'json']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc['findings'] == [] and doc['summary']['suppressed'] == 1
