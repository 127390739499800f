"""Default k-anonymity keeps a constrained quasi-identifier column inside its domain.

QA (Q29) found the README's one-line database copy aborting with a raw "CHECK constraint failed:
geslacht in ('M','V')" (PostgreSQL: 'invalid input value for enum sx: "*"'), exit 2 and no copy:
k-anonymity wrote its suppression value '*' into a sex column that allows only M and V.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import CopyError
from gdprscan.anonymize.database import copy_database
from gdprscan.scanner.cli import main

KEY = b'check-constraint-kanon-key-01234'
POSTCODES = ('1000', '2000', '3000', '3500', '4000', '8000', '8900', '9000')


def _people(n: int) -> list[tuple]:
    rnd = random.Random(7)
    return [
        (
            i + 1,
            'Peeters',
            dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 55)),
            rnd.choice('MV'),
            rnd.choice(POSTCODES),
        )
        for i in range(n)
    ]


def _sqlite(path: Path, sex: str = "text not null check (geslacht in ('M','V'))") -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            'create table werknemer (id integer primary key, naam text, geboortedatum date not null, '
            f'geslacht {sex}, postcode text not null)'
        )
        rows = [(*r[:2], r[2].isoformat(), *r[3:]) for r in _people(500)]
        conn.executemany('insert into werknemer values (?, ?, ?, ?, ?)', rows)


def test_sqlite_check_on_sex_copy_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, dst = tmp_path / 'nn3.db', tmp_path / 'nn3-test.db'
    _sqlite(src)
    monkey = pytest.MonkeyPatch()
    monkey.setenv('GDPRSCAN_CHECK_KEY', KEY.decode())
    try:
        args = ['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dst}']
        args += ['--key-env', 'GDPRSCAN_CHECK_KEY']
        code = main(args)
    finally:
        monkey.undo()
    out = capsys.readouterr()
    assert code == 0, out.err
    assert 'CHECK constraint failed' not in out.err
    with sqlite3.connect(dst) as conn:
        assert conn.execute('select count(*) from werknemer').fetchone() == (500,)
        assert {r[0] for r in conn.execute('select geslacht from werknemer')} <= {'M', 'V'}
    assert 'geslacht: its CHECK/enum allows no "*"' in out.out


def test_sqlite_without_check_still_suppresses_with_a_star(tmp_path: Path) -> None:
    # the fallback is for constrained columns only; and the CHECK column of the same data is kept inside
    src, dst = tmp_path / 'free.db', tmp_path / 'free-test.db'
    _sqlite(src, 'text not null')
    copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY)
    src2, dst2 = tmp_path / 'chk.db', tmp_path / 'chk-test.db'
    _sqlite(src2)
    result = copy_database(f'sqlite:///{src2}', f'sqlite:///{dst2}', KEY)
    with sqlite3.connect(dst) as free, sqlite3.connect(dst2) as chk:
        q = 'select geslacht from werknemer order by id'
        free_sex = [r[0] for r in free.execute(q)]
        chk_sex = [r[0] for r in chk.execute(q)]
    assert '*' in free_sex  # suppressed as before
    assert '*' not in chk_sex and set(chk_sex) <= {'M', 'V'}
    assert result.tables[0].rows == 500


def test_refused_rows_are_one_clear_line(tmp_path: Path) -> None:
    # a CHECK that the copy's surrogates cannot meet (a name must start with 'P'): one line naming the
    # table and the database's reason, never a raw driver error
    src, dst = tmp_path / 'p.db', tmp_path / 'p-test.db'
    with sqlite3.connect(src) as conn:
        conn.execute("create table klant (id integer primary key, naam text check (substr(naam, 1, 1)='P'))")
        names = ('Peeters', 'Pauwels') * 30
        conn.executemany('insert into klant values (?, ?)', list(enumerate(names)))
    with pytest.raises(CopyError) as info:
        copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY)
    message = str(info.value)
    assert message.startswith('klant: DEST refused the copied rows (CHECK constraint failed')
    assert '\n' not in message and 'Peeters' not in message
    assert not dst.exists() and not list(tmp_path.glob('.p-test.db*'))  # nothing half-written


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_sexe', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(sa.text("CREATE TYPE sx AS ENUM ('M', 'V', 'X')"))
            for table, sex, value in (
                ('werknemer', 'sx', 'CAST(:d AS sx)'),
                ('arbeider', "TEXT CHECK (geslacht IN ('M', 'V'))", ':d'),
            ):
                conn.execute(
                    sa.text(
                        f'CREATE TABLE {table} (id INT PRIMARY KEY, naam TEXT, geboortedatum DATE NOT NULL, '
                        f'geslacht {sex} NOT NULL, postcode TEXT NOT NULL)'
                    )
                )
                conn.execute(
                    sa.text(f'INSERT INTO {table} VALUES (:a, :b, :c, {value}, :e)'),
                    [dict(zip('abcde', r, strict=True)) for r in _people(300)],
                )
        yield urls[0], urls[1]


def test_postgres_enum_and_check_sex(pg: tuple[str, str]) -> None:
    src, dst = pg
    result = copy_database(src, dst, KEY)
    with sa.create_engine(dst).connect() as conn:
        for table, domain in (('werknemer', {'M', 'V', 'X'}), ('arbeider', {'M', 'V'})):
            rows = conn.execute(sa.text(f'SELECT geslacht::text FROM {table}')).fetchall()
            assert len(rows) == 300 and {r[0] for r in rows} <= domain
    for tp in result.tables:
        kanon = tp.kanon
        assert 'geslacht' in kanon.fallback
        assert kanon.suppressed_rows or kanon.levels['geslacht']  # sex had to be suppressed somewhere
