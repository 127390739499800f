"""JSON arrays of records (and JSON Lines) read as tables: the full profile classifies their columns like
CSV columns, so a surname alone under ``name.last`` is PERSON, located at the value as every JSON finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import jsonfile
from gdprscan.scanner.extractors import jsonlines
from gdprscan.scanner.extractors.jsonfile import RecordCell

#: Surnames the person recogniser does not find on their own in 'name last: X' (checked below).
SURNAMES = ('Bennett', 'Pearson', 'Janssens', 'Faes', 'Vervoort', 'Goossens')
FIRST = ('Fiona', 'Harry', 'Anne', 'Didier', 'Sofie', 'Pieter')
RRNS = ('85073003328', '17073003384', '90092728681', '77072849342', '94092232681', '78021565166')


def employees(n: int = 6) -> list[dict]:
    return [
        {
            'id': 1000 + i,
            'name': {'first': FIRST[i], 'last': SURNAMES[i]},
            'national_number': RRNS[i],
            'active': i % 2 == 0,
            'salary': 2500.5 + i,
        }
        for i in range(n)
    ]


def scan_rows(capsys, *args: object) -> list[dict]:
    code = main(['scan', *map(str, args), '--format', 'jsonl', '--show-values', '--no-progress'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == (1 if rows else 0)
    return rows


def place(text: str, needle: str, nth: int = 0) -> dict[str, int]:
    """{line, column} of the ``nth`` occurrence of the JSON string ``"needle"`` (the character after
    the quote), as an editor shows it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(f'"{needle}"', at + 1)
    line = text.count('\n', 0, at) + 1
    return {'line': line, 'column': at - (text.rfind('\n', 0, at) + 1) + 2}


def test_the_surnames_need_their_column(tmp_path, capsys) -> None:
    """Read as single objects (no table), the surnames are not found: the column does it."""
    for i, last in enumerate(SURNAMES):
        (tmp_path / f'one{i}.json').write_text(json.dumps({'name': {'last': last}}), encoding='utf-8')
    assert scan_rows(capsys, tmp_path, '--profile', 'full') == []


@pytest.mark.parametrize('indent', (2, None))
def test_surnames_in_nested_name_objects_are_found_at_their_value(tmp_path, capsys, indent) -> None:
    doc = {'company': {'name': 'De Kaai Logistics NV'}, 'employees': employees()}
    text = json.dumps(doc, indent=indent)
    path = tmp_path / 'employees.json'
    path.write_text(text, encoding='utf-8')
    rows = scan_rows(capsys, path, '--profile', 'full')
    persons = {r['value']: r for r in rows if r['entity'] == 'PERSON'}
    assert set(SURNAMES) <= set(persons)
    for last in SURNAMES:
        row = persons[last]
        assert row['location'] == place(text, last)  # the JSON location contract: {line, column} of the value
        assert row['evidence']['column'] == 'name.last' and row['evidence']['rule'] == 'column'
        assert row['recognizer'] == 'column_classifier' and row['score'] >= 0.7
    # the identifiers are found as before, once each, at their value
    found = sorted(
        (r['value'], r['location']['line'], r['location']['column'])
        for r in rows
        if r['entity'] == 'BE_NATIONAL_NUMBER'
    )
    assert found == sorted((v, *place(text, v).values()) for v in RRNS)
    assert not [r for r in rows if r['value'] == 'De Kaai Logistics NV' and r['entity'] == 'PERSON']


def test_json_lines_records_are_one_table(tmp_path, capsys) -> None:
    lines = [json.dumps(e) for e in employees()]
    path = tmp_path / 'employees.jsonl'
    path.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    rows = scan_rows(capsys, path, '--profile', 'full')
    got = {
        (r['value'], r['location']['line'], r['location']['column']) for r in rows if r['entity'] == 'PERSON'
    }
    for n, last in enumerate(SURNAMES, start=1):
        assert (last, n, lines[n - 1].index(f'"{last}"') + 2) in got


def test_achternaam_and_nom_columns(tmp_path, capsys) -> None:
    docs = [{'naam': {'voornaam': f, 'achternaam': s}} for f, s in zip(FIRST, SURNAMES, strict=True)]
    (tmp_path / 'nl.json').write_text(json.dumps(docs), encoding='utf-8')
    docs = [{'personne': {'prenom': f, 'nom': s}} for f, s in zip(FIRST, SURNAMES, strict=True)]
    (tmp_path / 'fr.json').write_text(json.dumps({'personnel': docs}), encoding='utf-8')
    rows = scan_rows(capsys, tmp_path, '--profile', 'full')
    for name in ('nl.json', 'fr.json'):
        assert {r['value'] for r in rows if r['source'] == name and r['entity'] == 'PERSON'} >= set(SURNAMES)


def test_one_record_is_no_table_and_the_identifier_profile_is_unchanged(tmp_path, capsys) -> None:
    (tmp_path / 'one.json').write_text(json.dumps([employees(1)[0]]), encoding='utf-8')
    rows = scan_rows(capsys, tmp_path, '--profile', 'full')
    assert RRNS[0] in [r['value'] for r in rows]
    assert not [r for r in rows if r['recognizer'] == 'column_classifier' or r['value'] == SURNAMES[0]]
    (tmp_path / 'one.json').unlink()
    (tmp_path / 'all.json').write_text(json.dumps(employees()), encoding='utf-8')
    assert sorted(r['value'] for r in scan_rows(capsys, tmp_path)) == sorted(RRNS)  # identifiers only


def test_record_cells_name_table_row_and_column(tmp_path) -> None:
    doc = {
        'config': {'name': 'x', 'list': ['a', 'b']},
        'people': [
            {'name': {'last': 'Faes'}, 'tags': ['x']},
            {'name': {'last': 'Claes'}, 'kids': [{'n': 'K'}]},
        ],
    }
    units = list(jsonfile.leaves(json.dumps(doc)))
    keys = {u.text: u.row_key for u in units}
    assert keys['config name: x'] is None and keys['list: a'] is None  # not in a record: as before
    assert keys['name last: Faes'] == RecordCell('people', 1, 'name.last')
    assert keys['name last: Faes'].column == 'name.last' and keys['name last: Faes'].start == len(
        'name last: '
    )
    assert keys['name last: Claes'] == RecordCell('people', 2, 'x')  # one row: equal whatever the column
    assert keys['tags: x'].column == 'tags'  # array levels dropped from the path
    assert keys['kids n: K'] == RecordCell('people.kids', 1, 'n')  # a nested array of records: its own table
    # JSON Lines: each line a row of table ''; nested tables count their rows across lines
    path = tmp_path / 'p.jsonl'
    path.write_text('{"a": [{"b": "x"}]}\n\n{"a": [{"b": "y"}]}\n', encoding='utf-8')
    assert [u.row_key for u in jsonlines.extract(path)] == [RecordCell('a', 1, 'b'), RecordCell('a', 2, 'b')]
    path.write_text('{"c": "x"}\n{"c": "y"}\n', encoding='utf-8')
    assert [u.row_key for u in jsonlines.extract(path)] == [RecordCell('', 1, 'c'), RecordCell('', 2, 'c')]


def test_special_categories_in_records_keep_the_field_rule(tmp_path, capsys) -> None:
    """A union deduction in a nested array is still linked to the record's person (not lost to the table)."""
    lines = [
        json.dumps(
            {
                'werknemer': {'naam': f'{f} {s}', 'insz': r},
                'inhoudingen': [{'code': 'RSZ'}, {'code': 'VAKBOND', 'organisatie': 'ACV'}],
            }
        )
        for f, s, r in zip(FIRST, SURNAMES, RRNS, strict=True)
    ]
    path = tmp_path / 'loonfiches.jsonl'
    path.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    rows = scan_rows(capsys, path, '--profile', 'full')
    unions = [r for r in rows if r['entity'] == 'TRADE_UNION_MEMBERSHIP']
    assert sorted(r['location']['line'] for r in unions) == [1, 2, 3, 4, 5, 6]


def test_samples_employees_surnames(capsys) -> None:
    sample = Path(__file__).resolve().parents[2] / 'samples' / 'share' / 'personeel' / 'employees.json'
    text = sample.read_text(encoding='utf-8')
    rows = scan_rows(capsys, sample, '--profile', 'full')
    lasts = [json.loads(text)['employees'][i]['name']['last'] for i in range(6)]
    got = {r['value'] for r in rows if r['entity'] == 'PERSON'}
    assert set(lasts) <= got
