"""The schema of a SQLite copy is SOURCE's schema (QA2 D27, D31, D33, D41), on real SQLite files.

Untyped columns and odd affinities, generated columns, CHECK constraints, expression and partial
indexes, views and triggers; JSON cells stay JSON; a policy that would merge UNIQUE values is refused
before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from gdprscan.anonymize.database import CopyError
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.database import verify_copy
from gdprscan.anonymize.policy import from_dict
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'schema-test-key-0123456789abcdef'


def rrn(i: int) -> str:
    """A valid national number of someone born in 1985 (day counter ``i``)."""
    first = f'850730{100 + i:03d}'
    return f'{first}{97 - int(first) % 97:02d}'


def _sqlite(path: Path, script: str, rows: dict[str, list[tuple]] | None = None) -> None:
    con = sqlite3.connect(path)
    con.executescript(script)
    for table, values in (rows or {}).items():
        marks = ', '.join('?' for _ in values[0])
        con.executemany(f'INSERT INTO {table} VALUES ({marks})', values)
    con.commit()
    con.close()


def _ddl(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        con.close()


def _copy(src: Path, dst: Path, *extra: str) -> int:
    return main(
        ['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dst}', '--key-env', 'SCHEMA_KEY', *extra]
    )


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('SCHEMA_KEY', KEY.decode())


def test_untyped_columns_and_odd_affinities_copy_as_they_are(tmp_path: Path, capsys) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    people = [(f'Jan Peeters {i}', rrn(i)) for i in range(20)]
    odd = [
        (1, 'abc', '30/07/1985', 42, 'x'),  # text in a STRING (NUMERIC affinity) column, a non-ISO date
        (2, '12.5', '1985-07-30', b'\x00\x01', 'y'),  # a number as text, a blob in an untyped column
        (3, None, None, 3.25, 'z'),
    ]
    _sqlite(
        src,
        """
        CREATE TABLE personen(naam, rrn);
        CREATE TABLE odd (id INTEGER PRIMARY KEY, y STRING, d DATE, x, code TEXT COLLATE NOCASE UNIQUE);
        CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
        """,
        {'personen': people, 'odd': odd, 'kv': [('a', 1), ('b', 'twee')]},
    )
    assert _copy(src, dst) == 0, capsys.readouterr()
    assert _ddl(dst) == _ddl(src)  # the same CREATE statements: types, affinities, COLLATE, WITHOUT ROWID
    con = sqlite3.connect(dst)
    new = con.execute('SELECT naam, rrn FROM personen ORDER BY rowid').fetchall()
    assert len(new) == 20 and all(nn.is_valid(r) for _, r in new)
    assert not {r for _, r in new} & {r for _, r in people}
    # values that break their declared type are copied unchanged, with their storage class
    typed = 'SELECT id, y, typeof(y), d, x, typeof(x) FROM odd ORDER BY id'
    assert con.execute(typed).fetchall() == sqlite3.connect(src).execute(typed).fetchall()
    assert con.execute('SELECT v, typeof(v) FROM kv ORDER BY k').fetchall() == [
        (1, 'integer'),
        ('twee', 'text'),
    ]
    con.close()


def test_generated_columns_are_computed_by_dest_from_the_surrogates(tmp_path: Path, capsys) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    _sqlite(
        src,
        """
        CREATE TABLE p (
            id INTEGER PRIMARY KEY, naam TEXT NOT NULL, rrn TEXT,
            naam_upper TEXT GENERATED ALWAYS AS (upper(naam)) VIRTUAL,
            sleutel TEXT AS (rrn || '/' || id) STORED
        );
        """,
        {'p(id, naam, rrn)': [(i, f'Marie Dubois {i}', rrn(i)) for i in range(1, 11)]},
    )
    assert _copy(src, dst) == 0
    out = capsys.readouterr().out
    assert 'naam_upper: generated column, computed by DEST' in out
    con = sqlite3.connect(dst)
    rows = con.execute('SELECT id, naam, rrn, naam_upper, sleutel FROM p ORDER BY id').fetchall()
    assert all(up == naam.upper() and key == f'{r}/{i}' for i, naam, r, up, key in rows)
    assert not {r for _, _, r, _, _ in rows} & {rrn(i) for i in range(1, 11)}
    assert _ddl(dst) == _ddl(src)


AUDITED = """
CREATE TABLE werknemer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    naam TEXT NOT NULL CHECK (length(naam) > 1),
    rrn TEXT NOT NULL UNIQUE,
    geslacht TEXT,
    email TEXT UNIQUE,
    extra JSON,
    CONSTRAINT geslacht_mf CHECK (geslacht IN ('M', 'F'))
);
CREATE INDEX ix_naam ON werknemer (lower(naam));
CREATE INDEX ix_vrouw ON werknemer (naam) WHERE geslacht = 'F';
CREATE TABLE log (id INTEGER PRIMARY KEY, wat TEXT);
CREATE VIEW vrouwen AS SELECT naam FROM werknemer WHERE geslacht = 'F';
CREATE TRIGGER t_log AFTER INSERT ON werknemer BEGIN INSERT INTO log (wat) VALUES ('nieuw'); END;
"""


def _audited(path: Path, n: int = 12) -> None:
    _sqlite(path, AUDITED)
    con = sqlite3.connect(path)
    for i in range(n):
        extra = {'insz': rrn(i), 'partner': {'iban': 'BE71096123456769'}, 'kinderen': 2, 'nr': int(rrn(i))}
        con.execute(
            'INSERT INTO werknemer (naam, rrn, geslacht, email, extra) VALUES (?, ?, ?, ?, ?)',
            (f'Sofie Maes {i}', rrn(i), 'MF'[i % 2], f'sofie{i}@acme.be', json.dumps(extra)),
        )
    con.commit()
    con.close()


def test_checks_indexes_views_and_triggers_are_copied_and_triggers_do_not_fire(tmp_path: Path) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    _audited(src)
    result = copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY)
    assert not result.errors and not result.schema.notes
    assert _ddl(dst) == _ddl(src)
    con = sqlite3.connect(dst)
    # the triggers came after the rows: the copy's inserts did not log twice
    assert con.execute('SELECT COUNT(*) FROM log').fetchone() == (12,)
    assert con.execute('SELECT seq FROM sqlite_sequence WHERE name = ?', ('werknemer',)).fetchone() == (12,)
    with pytest.raises(sqlite3.IntegrityError):  # the CHECK constraints hold in the copy
        con.execute("INSERT INTO werknemer (naam, rrn, geslacht) VALUES ('Jo', '1', 'X')")
    plan = con.execute("EXPLAIN QUERY PLAN SELECT * FROM werknemer WHERE lower(naam) = 'a'").fetchall()
    assert 'ix_naam' in str(plan)
    assert con.execute('SELECT COUNT(*) FROM vrouwen').fetchone() == (6,)
    con.close()
    assert verify_copy(f'sqlite:///{src}', f'sqlite:///{dst}', key=KEY).count == 0


def test_json_cells_stay_documents_with_their_strings_rewritten(tmp_path: Path) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    _audited(src)
    copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY)
    con = sqlite3.connect(dst)
    docs = [json.loads(v) for (v,) in con.execute('SELECT extra FROM werknemer ORDER BY id')]
    rrns = [r for (r,) in con.execute('SELECT rrn FROM werknemer ORDER BY id')]
    con.close()
    assert all(sorted(d) == ['insz', 'kinderen', 'nr', 'partner'] and d['kinderen'] == 2 for d in docs)
    # the numbers inside the document are the surrogate of the rrn column: one person, one surrogate
    assert [d['insz'] for d in docs] == rrns and all(nn.is_valid(r) for r in rrns)
    assert [d['nr'] for d in docs] == [int(r) for r in rrns]  # a JSON number stays a number
    assert not {d['insz'] for d in docs} & {rrn(i) for i in range(12)}
    assert all(d['partner']['iban'] != 'BE71096123456769' for d in docs)


def test_a_dropped_column_takes_its_index_along_with_a_note(tmp_path: Path, capsys) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    _audited(src)
    policy = tmp_path / 'policy.yaml'
    policy.write_text('columns:\n  werknemer.geslacht: drop\n', encoding='utf-8')
    assert _copy(src, dst, '--policy', str(policy)) == 0
    out = capsys.readouterr().out
    ddl = _ddl(dst)
    assert 'geslacht' not in ddl['werknemer'] and 'ix_naam' in ddl
    assert 'ix_vrouw' not in ddl and 'vrouwen' not in ddl  # both use the dropped column
    assert 'schema: index ix_vrouw not copied (no such column: geslacht)' in out
    assert 'schema: view vrouwen not copied' in out


@pytest.mark.parametrize('action', ('mask', 'redact', 'generalise'))
def test_an_action_that_merges_unique_values_is_refused_before_dest_exists(
    tmp_path: Path, action: str, capsys
) -> None:
    src, dst = tmp_path / 'src.db', tmp_path / 'dst.db'
    _audited(src)
    policy = tmp_path / 'policy.yaml'
    policy.write_text(f'columns:\n  werknemer.email: {action}\n', encoding='utf-8')
    assert _copy(src, dst, '--policy', str(policy)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f'gdprscan: error: policy: werknemer.email: {action} would break UNIQUE(email) '
        '(two values could become one); use replace, which keeps values distinct'
    ]
    assert list(tmp_path.glob('dst*')) == [] and list(tmp_path.glob('.dst*')) == []
    with pytest.raises(CopyError, match='UNIQUE'):
        copy_database(
            f'sqlite:///{src}', f'sqlite:///{dst}', KEY, from_dict({'columns': {'werknemer.email': action}})
        )
    # the same action on a column without a UNIQUE constraint is fine
    ok = copy_database(
        f'sqlite:///{src}', f'sqlite:///{dst}', KEY, from_dict({'columns': {'werknemer.naam': action}})
    )
    assert not ok.errors
