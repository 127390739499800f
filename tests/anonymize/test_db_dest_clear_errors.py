"""Database copies end with a clear line, never "internal error": a SQLite DEST in a missing folder;
a surrogate longer than a PostgreSQL varchar(n).

QA (Q13) found `internal error (FileNotFoundError)` for the first and
`internal error (StringDataRightTruncation)` for the second (surrogates 'Van de Walle', 'Jacqueline'
for a naam varchar(8) holding 'Peeters'), both with exit 2 and no copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.scanner.cli import main

KEY = b'dest-clear-errors-key-0123456789a'
NAMES = ('Jan', 'Ann', 'Luc', 'Els', 'Tom', 'Bart', 'Eva', 'Wim', 'Lies', 'Kurt', 'Noah', 'Emma', 'Lena')


def test_sqlite_dest_in_a_missing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'hr.db'
    with sqlite3.connect(src) as conn:
        conn.execute('create table w (id integer primary key, insz text)')
        conn.execute("insert into w values (1, '85073003328')")
    monkeypatch.setenv('GDPRSCAN_DEST_KEY', KEY.decode())
    dest = tmp_path / 'nodir' / 'x.db'
    args = ['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dest}', '--key-env', 'GDPRSCAN_DEST_KEY']
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert f'folder {tmp_path / "nodir"} does not exist' in err
    assert 'internal error' not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / 'nodir').exists()


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_varchar', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(
                sa.text(
                    'CREATE TABLE w (id INT PRIMARY KEY, voornaam VARCHAR(4), insz CHAR(11), '
                    'notitie VARCHAR(12))'
                )
            )
            conn.execute(
                sa.text('INSERT INTO w VALUES (:i, :n, :r, :t)'),
                [
                    {'i': i, 'n': n, 'r': '85073003328', 't': f'{n} belde' if i < 3 else 'ok'}
                    for i, n in enumerate(NAMES)
                ],
            )
        yield urls[0], urls[1]


def test_postgres_surrogates_fit_the_varchar(pg: tuple[str, str]) -> None:
    src, dst = pg
    result = copy_database(src, dst, KEY)
    with sa.create_engine(dst).connect() as conn:
        rows = conn.execute(sa.text('SELECT voornaam, insz FROM w ORDER BY id')).fetchall()
    assert len(rows) == len(NAMES)
    assert all(len(r[0]) <= 4 for r in rows)
    assert all(r[0] != n for r, n in zip(rows, NAMES, strict=True))
    assert {r[1] for r in rows} != {'85073003328'}
    assert [line for line in result.lines() if 'voornaam' in line and 'cut to the column length' in line]
