"""A database that is down does not throw away the rest of the report; asking for special
categories gets the profile that can find them (or a usage error when the other was asked for)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

LETTER = 'Beste Jan Peeters,\nU bent sinds maandag arbeidsongeschikt wegens een burn-out.\nINSZ 85.07.30-033.28\n'


def _db(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute('create table werknemer (id integer primary key, naam text, iban text)')
        conn.execute("insert into werknemer values (1, 'Ann Claes', 'BE71 0961 2345 6769')")
    return f'sqlite:///{path}'


def test_unreachable_database_is_an_error_of_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'share').mkdir()
    (tmp_path / 'share' / 'brief.txt').write_text(LETTER, encoding='utf-8')
    good = _db(tmp_path / 'hr.db')
    missing = f'sqlite:///{tmp_path / "weg.db"}'
    report = tmp_path / 'report.json'
    code = main(['scan', str(tmp_path / 'share'), missing, good, '--format', 'json', '-o', str(report)])
    assert code == 2  # incomplete: a whole target is missing, although the report is written
    doc = json.loads(report.read_text(encoding='utf-8'))
    assert [e['source'] for e in doc['errors']] == [missing]
    assert 'no such SQLite database file' in doc['errors'][0]['error']
    sources = {f['source'] for f in doc['findings']}
    assert 'brief.txt' in sources and any(s.startswith(good) for s in sources)
    assert capsys.readouterr().err.count('\n') == 1


def test_a_single_unreachable_database_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', f'sqlite:///{tmp_path / "weg.db"}', '--format', 'json']) == 2
    captured = capsys.readouterr()
    assert captured.out == '' and 'no such SQLite database file' in captured.err


def test_fail_on_special_scans_with_the_full_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'brief.txt').write_text(LETTER, encoding='utf-8')
    assert main(['scan', str(tmp_path), '--fail-on', 'special', '--format', 'jsonl']) == 1
    entities = {json.loads(line)['entity'] for line in capsys.readouterr().out.splitlines()}
    assert 'HEALTH_DATA' in entities and 'PERSON' in entities
    assert main(['scan', str(tmp_path), '--entities', 'HEALTH_DATA', '--format', 'jsonl']) == 1
    assert {json.loads(line)['entity'] for line in capsys.readouterr().out.splitlines()} == {'HEALTH_DATA'}


def test_fail_on_special_with_the_identifier_profile_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'brief.txt').write_text(LETTER, encoding='utf-8')
    assert main(['scan', str(tmp_path), '--fail-on', 'special', '--profile', 'identifiers']) == 2
    assert 'needs --profile full' in capsys.readouterr().err
    (tmp_path / 'clean.txt').write_text('niets\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'clean.txt'), '--fail-on', 'BE_NATIONAL_NUMBER', '--profile', 'identifiers']) == 0
