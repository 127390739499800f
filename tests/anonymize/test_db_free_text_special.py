"""Special-category notes in a database's free-text column are replaced in the copy, as the scan
reports them: the row's person (its name column) ties the note to someone.

QA found "veroordeeld voor diefstal", "langdurig ziek" and "lid ACV" copied verbatim next to the
pseudonymised person, while `gdprscan scan --profile full` reported every one of them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

NOTES = ('veroordeeld voor diefstal', 'langdurig ziek', 'lid ACV', 'lid van ABVV', 'diabetes type 2')
NAMES = ('Jan Peeters', 'Ann Claes', 'Luc Janssens', 'Els Maes', 'Tom Wouters', 'Sofie Jacobs')


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_FREE_TEXT_KEY', 'free-text-special-key-0123456789')


def _db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute('create table werknemer (id integer primary key, naam text, afdeling text, opmerking text)')
        for i in range(60):
            note = NOTES[i % len(NOTES)] if i % 2 == 0 else None
            conn.execute(
                'insert into werknemer values (?, ?, ?, ?)', (i + 1, NAMES[i % len(NAMES)], 'Productie', note)
            )


def _notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute('select opmerking from werknemer where opmerking is not null')]


def test_special_notes_are_replaced_in_the_full_profile_copy(tmp_path: Path) -> None:
    src, dst = tmp_path / 'hr.db', tmp_path / 'hr-test.db'
    _db(src)
    args = ['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dst}', '--key-env', 'GDPRSCAN_FREE_TEXT_KEY']
    assert main([*args, '--profile', 'full']) == 0
    notes = _notes(dst)
    assert len(notes) == 30
    for term in ('diefstal', 'ziek', 'ACV', 'ABVV', 'diabetes'):
        assert not [n for n in notes if term in n], term
    assert _notes(src)[:3] == ['veroordeeld voor diefstal', 'lid ACV', 'diabetes type 2']  # SOURCE untouched


def test_a_policy_column_that_matches_no_table_column_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = tmp_path / 'hr.db', tmp_path / 'hr-test.db'
    _db(src)
    (tmp_path / 'policy.yaml').write_text('columns:\n  werknemer.opmerkingen: drop\n', encoding='utf-8')
    args = ['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dst}', '--key-env', 'GDPRSCAN_FREE_TEXT_KEY']
    assert main([*args, '--policy', str(tmp_path / 'policy.yaml')]) == 0
    assert 'werknemer.opmerkingen matches no column of SOURCE' in capsys.readouterr().out
