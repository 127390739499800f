"""Copies of JSON arrays of records and JSON Lines replace what the full-profile scan reports (surnames
under ``name.last`` included), with the same keyed surrogates as elsewhere, keeping types and shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
SURNAMES = ('Bennett', 'Pearson', 'Janssens', 'Faes', 'Vervoort', 'Goossens')
FIRST = ('Fiona', 'Harry', 'Anne', 'Didier', 'Sofie', 'Pieter')
RRNS = ('85073003328', '17073003384', '90092728681', '77072849342', '94092232681', '78021565166')


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY)
    return 'GDPRSCAN_TEST_KEY'


def employees() -> list[dict]:
    return [
        {
            'id': 1000 + i,
            'name': {'first': FIRST[i], 'last': SURNAMES[i]},
            'national_number': RRNS[i],
            'active': i % 2 == 0,
            'manager': None,
            'salary': 2500.5 + i,
            'tags': ['vast', 'voltijds'],
        }
        for i in range(len(SURNAMES))
    ]


def write_tree(src: Path) -> None:
    src.mkdir()
    (src / 'employees.json').write_text(
        json.dumps({'company': {'name': 'De Kaai NV'}, 'employees': employees()}, indent=2) + '\n', 'utf-8'
    )
    lines = [
        json.dumps({'werknemer': {'naam': f'{f} {s}', 'insz': r}, 'bedrag': 10.5})
        for f, s, r in zip(FIRST, SURNAMES, RRNS, strict=True)
    ]
    (src / 'loonfiches.jsonl').write_text('\n'.join(lines) + '\n', 'utf-8')


def scanned(path: Path, capsys) -> list[dict]:
    main(['scan', str(path), '--profile', 'full', '--format', 'jsonl', '--show-values', '--no-progress'])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def shape(obj: object) -> object:
    """The document with every string replaced by 'str': keys, types, nesting and numbers' kinds."""
    if isinstance(obj, dict):
        return {k: shape(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [shape(v) for v in obj]
    return 'str' if isinstance(obj, str) else type(obj).__name__


def test_copy_replaces_what_the_scan_reports(tmp_path: Path, key_env: str, capsys) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    write_tree(src)
    reported = scanned(src, capsys)
    assert {r['value'] for r in reported if r['entity'] == 'PERSON'} >= set(SURNAMES)
    code = main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env, '--profile', 'full'])
    out = capsys.readouterr().out
    assert code == 0, out
    assert 'leak check OK' in out
    before = json.loads((src / 'employees.json').read_text('utf-8'))
    after = json.loads((dest / 'employees.json').read_text('utf-8'))
    assert shape(after) == shape(before)  # same keys, booleans, nulls, ints and floats where they were
    assert [e['id'] for e in after['employees']] == [e['id'] for e in before['employees']]
    assert [e['salary'] for e in after['employees']] == [e['salary'] for e in before['employees']]
    new_last = [e['name']['last'] for e in after['employees']]
    assert all(new != old for new, old in zip(new_last, SURNAMES, strict=True))
    assert all(
        n.replace(' ', '').isalpha() and n[0].isupper() for n in new_last
    )  # a surname ('De Bie'), no mask
    # every value the scan reported (in either file) is gone from the copy, at its place and anywhere
    text = (dest / 'employees.json').read_text('utf-8') + (dest / 'loonfiches.jsonl').read_text('utf-8')
    values = {r['value'] for r in reported if len(r['value']) >= 4}
    assert not [v for v in values if f'"{v}"' in text or f' {v}"' in text]
    # the same surname gets the same surrogate in both files (keyed, per name token)
    copied = [json.loads(line) for line in (dest / 'loonfiches.jsonl').read_text('utf-8').splitlines()]
    assert [c['werknemer']['naam'] for c in copied] == [
        f'{e["name"]["first"]} {e["name"]["last"]}' for e in after['employees']
    ]
    assert all(isinstance(c['bedrag'], float) for c in copied)


def test_dry_run_counts_the_surnames(tmp_path: Path, key_env: str, capsys) -> None:
    src = tmp_path / 'src'
    write_tree(src)
    assert main(['anonymize', str(src), '--out', str(tmp_path / 'd'), '--dry-run', '--profile', 'full']) == 0
    out = capsys.readouterr().out
    assert 'employees.json' in out and 'PERSON' in out
    assert not any(s in out for s in SURNAMES)  # counts, never values


def test_a_single_object_is_read_as_before(tmp_path: Path, key_env: str, capsys) -> None:
    """Not a table: the scan reports no surname, so the copy keeps it (and the leak check agrees)."""
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    src.mkdir()
    (src / 'config.json').write_text(
        json.dumps({'owner': {'name': {'last': 'Goossens'}}, 'rrn': RRNS[0]}), 'utf-8'
    )
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env, '--profile', 'full']) == 0
    copy = json.loads((dest / 'config.json').read_text('utf-8'))
    assert copy['owner']['name']['last'] == 'Goossens' and copy['rrn'] != RRNS[0]


def test_duplicate_keys_still_copy(tmp_path: Path, key_env: str, capsys) -> None:
    """A document whose values cannot be lined up with the scan's places (a repeated key) is still
    rewritten by the copy's own pass, and checked."""
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    src.mkdir()
    (src / 'dup.json').write_text(f'[{{"insz": "{RRNS[0]}", "insz": "{RRNS[1]}"}}]', 'utf-8')
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 0
    text = (dest / 'dup.json').read_text('utf-8')
    assert RRNS[1] not in text and RRNS[0] not in text


def test_a_keep_rule_for_the_column_keeps_the_surnames_and_passes_the_check(
    tmp_path: Path, key_env: str, capsys
) -> None:
    """The policy's column rule names a JSON column by its key, in the copy and in its leak check."""
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    write_tree(src)
    (tmp_path / 'policy.yaml').write_text('columns:\n  last: keep\n', 'utf-8')
    code = main(
        [
            'anonymize',
            str(src),
            '--out',
            str(dest),
            '--key-env',
            key_env,
            '--profile',
            'full',
            '--policy',
            str(tmp_path / 'policy.yaml'),
        ]
    )
    assert code == 0, capsys.readouterr()
    after = json.loads((dest / 'employees.json').read_text('utf-8'))
    assert [e['name']['last'] for e in after['employees']] == list(SURNAMES)
    assert [e['name']['first'] for e in after['employees']] != list(FIRST)
    assert (
        main(['verify', str(src), str(dest), '--key-env', key_env, '--policy', str(tmp_path / 'policy.yaml')])
        == 0
    )
