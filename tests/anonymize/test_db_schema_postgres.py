"""The schema of a PostgreSQL copy (QA2 D31, D32, D41) on the real server from tests/services.sh.

ENUM types, DOMAINs, generated columns, CHECK constraints, expression and partial indexes, JSONB
documents and text[] arrays, and every non-system schema by default.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.database import verify_copy
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'pg-schema-test-key-0123456789abcdef'
IBAN = 'BE71096123456769'

SCHEMA = """
CREATE TYPE sex_t AS ENUM ('M', 'F', 'X');
CREATE DOMAIN rrn_d AS TEXT CHECK (length(VALUE) >= 11);
CREATE TABLE afdeling (id SERIAL PRIMARY KEY, naam TEXT NOT NULL);
CREATE TABLE werknemer (
    id SERIAL PRIMARY KEY,
    naam TEXT NOT NULL,
    rrn rrn_d NOT NULL UNIQUE,
    geslacht sex_t,
    extra JSONB,
    tags TEXT[],
    naam_upper TEXT GENERATED ALWAYS AS (upper(naam)) STORED,
    afdeling_id INT REFERENCES afdeling(id),
    CONSTRAINT naam_not_empty CHECK (length(naam) > 0)
);
CREATE INDEX ix_naam ON werknemer (lower(naam));
CREATE INDEX ix_x ON werknemer (geslacht) WHERE geslacht = 'X';
CREATE SCHEMA payroll;
CREATE TABLE payroll.loonfiche (
    id SERIAL PRIMARY KEY,
    werknemer_id INT NOT NULL REFERENCES werknemer(id),
    iban TEXT,
    bedrag NUMERIC(10, 2) CHECK (bedrag >= 0)
);
"""


def rrn(i: int) -> str:
    first = f'850730{100 + i:03d}'
    number = f'{first}{97 - int(first) % 97:02d}'
    return f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}'


@pytest.fixture()
def pg() -> Iterator[tuple[str, str, str]]:
    """A SOURCE database with the schema above and two empty databases for copies."""
    from conftest import pg_databases

    with pg_databases('gdprscan_schema', 3) as urls:
        yield from _source(urls)


def _source(urls: list[str]) -> Iterator[tuple[str, str, str]]:
    src = sa.create_engine(urls[0])
    with src.begin() as conn:
        for statement in SCHEMA.split(';'):
            if statement.strip():
                conn.execute(sa.text(statement))
        conn.execute(sa.text("INSERT INTO afdeling (naam) VALUES ('HR'), ('IT')"))
        for i in range(10):
            conn.execute(
                sa.text(
                    'INSERT INTO werknemer (naam, rrn, geslacht, extra, tags, afdeling_id) '
                    'VALUES (:n, :r, :g, CAST(:e AS jsonb), :t, :a)'
                ),
                {
                    'n': f'Jan Peeters {i}',
                    'r': rrn(i),
                    'g': 'MFX'[i % 3],
                    'e': f'{{"insz": "{rrn(i)}", "partner": {{"iban": "{IBAN}"}}, "kinderen": {i}}}',
                    't': [rrn(i), 'vast'],
                    'a': 1 + i % 2,
                },
            )
            conn.execute(
                sa.text('INSERT INTO payroll.loonfiche (werknemer_id, iban, bedrag) VALUES (:w, :i, 100)'),
                {'w': i + 1, 'i': IBAN},
            )
    src.dispose()
    yield urls[0], urls[1], urls[2]


def _catalog(url: str) -> dict[str, list[tuple]]:
    """What ``\\d`` would show: types, domains, constraints, index definitions, generated columns."""
    engine = sa.create_engine(url)
    queries = {
        'enums': 'SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid '
        'ORDER BY 1, e.enumsortorder',
        'domains': 'SELECT domain_name, data_type FROM information_schema.domains '
        "WHERE domain_schema = 'public'",
        'checks': 'SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint '
        "WHERE contype IN ('c', 'f', 'u', 'p') AND conrelid <> 0 ORDER BY 1, 2",
        'indexes': 'SELECT schemaname, indexname, indexdef FROM pg_indexes '
        "WHERE schemaname IN ('public', 'payroll') ORDER BY 1, 2",
        'generated': 'SELECT attrelid::regclass::text, attname, attgenerated FROM pg_attribute '
        "WHERE attgenerated <> ''",
        'tables': 'SELECT table_schema, table_name FROM information_schema.tables '
        "WHERE table_schema IN ('public', 'payroll') ORDER BY 1, 2",
    }
    with engine.connect() as conn:
        out = {k: [tuple(r) for r in conn.execute(sa.text(q))] for k, q in queries.items()}
    engine.dispose()
    return out


@pytest.mark.postgres
def test_enums_domains_generated_checks_and_indexes_are_copied(pg: tuple[str, str, str]) -> None:
    src, dst, _ = pg
    result = copy_database(src, dst, KEY)
    assert not result.errors and not result.schema.notes
    assert _catalog(dst) == _catalog(src)
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text('SELECT naam, naam_upper, rrn, geslacht::text FROM werknemer ORDER BY id')
        )
        rows = rows.fetchall()
        assert len(rows) == 10 and all(up == naam.upper() for naam, up, _, _ in rows)
        assert all(nn.is_valid(r) for _, _, r, _ in rows) and not {r for *_, r, _ in rows} & {
            rrn(i) for i in range(10)
        }
        assert conn.execute(sa.text('SELECT COUNT(*) FROM payroll.loonfiche')).scalar() == 10
    engine.dispose()
    assert verify_copy(src, dst, key=KEY).count == 0


@pytest.mark.postgres
def test_jsonb_stays_an_object_and_arrays_are_rewritten(pg: tuple[str, str, str]) -> None:
    src, dst, _ = pg
    copy_database(src, dst, KEY)
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT rrn, jsonb_typeof(extra), extra->>'insz', extra->'partner'->>'iban', "
                "(extra->>'kinderen')::int, tags FROM werknemer ORDER BY id"
            )
        ).fetchall()
    engine.dispose()
    originals = {rrn(i) for i in range(10)}
    for i, (number, kind, insz, iban, kids, tags) in enumerate(rows):
        assert kind == 'object' and kids == i
        assert insz == number and tags == [number, 'vast']  # one person, one surrogate, in every place
        assert number not in originals and iban != IBAN


@pytest.mark.postgres
def test_every_schema_by_default_and_several_schema_options(pg: tuple[str, str, str], capsys) -> None:
    src, dst, dst2 = pg
    os.environ['PG_SCHEMA_KEY'] = KEY.decode()
    try:
        assert main(['anonymize', src, '--out', dst, '--key-env', 'PG_SCHEMA_KEY']) == 0
        assert 'payroll.loonfiche: 10 rows' in capsys.readouterr().out
        args = ['anonymize', src, '--out', dst2, '--key-env', 'PG_SCHEMA_KEY', '--schema', 'payroll']
        assert main([*args, '--schema', 'public']) == 0
        assert _catalog(dst2)['tables'] == _catalog(src)['tables']
        assert (
            main(['anonymize', src, '--out', dst2, '--key-env', 'PG_SCHEMA_KEY', '--schema', 'payroll,nope'])
            == 2
        )
        assert (
            capsys.readouterr().err.strip().splitlines()[-1] == "gdprscan: error: no schema 'nope' in SOURCE"
        )
    finally:
        del os.environ['PG_SCHEMA_KEY']


@pytest.mark.postgres
def test_to_sqlite_a_table_in_another_schema_is_left_out_with_one_line(
    pg: tuple[str, str, str], tmp_path: Path
) -> None:
    src = pg[0]
    lite = tmp_path / 'copy.db'
    result = copy_database(src, f'sqlite:///{lite}', KEY)
    assert result.errors == [
        "payroll.loonfiche: left out of the copy (a SQLite DEST has no schema 'payroll')"
    ]
    assert 'payroll.loonfiche: left out of the copy' in '\n'.join(result.lines())
    notes = result.schema.notes
    assert 'werknemer: index ix_naam not copied (an expression in the SQL of another database)' in notes
    con = sqlite3.connect(lite)
    rows = con.execute('SELECT rrn, tags, naam, naam_upper FROM werknemer ORDER BY id').fetchall()
    con.close()
    assert len(rows) == 10 and all(nn.is_valid(r) and tags == f'["{r}", "vast"]' for r, tags, _, _ in rows)
    assert all(up == naam.upper() for *_, naam, up in rows)


@pytest.mark.postgres
def test_views_and_triggers_are_named_as_not_copied(pg: tuple[str, str, str]) -> None:
    src, dst, _ = pg
    engine = sa.create_engine(src)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE VIEW vrouwen AS SELECT naam FROM werknemer WHERE geslacht = 'F'"))
        conn.execute(
            sa.text('CREATE FUNCTION nop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$')
        )
        conn.execute(
            sa.text('CREATE TRIGGER t_nop BEFORE INSERT ON werknemer FOR EACH ROW EXECUTE FUNCTION nop()')
        )
    engine.dispose()
    result = copy_database(src, dst, KEY)
    assert not result.errors
    lines = result.lines()
    assert 'schema: view vrouwen not copied' in lines
    assert 'schema: trigger t_nop on werknemer not copied' in lines


@pytest.mark.postgres
def test_sqlite_to_postgres_untyped_misfits_and_generated_columns(
    pg: tuple[str, str, str], tmp_path: Path
) -> None:
    dst = pg[1]
    lite = tmp_path / 'src.db'
    con = sqlite3.connect(lite)
    con.executescript(
        """
        CREATE TABLE personen(naam, rrn);
        CREATE TABLE p (
            id INTEGER PRIMARY KEY, naam TEXT, y STRING, d DATE, n NUMERIC,
            naam_upper TEXT GENERATED ALWAYS AS (upper(naam)) VIRTUAL,
            s TEXT AS (naam || '!') STORED,
            CONSTRAINT c2 CHECK (naam <> '')
        );
        CREATE INDEX ix_lower ON p (lower(naam));
        """
    )
    con.executemany(
        'INSERT INTO personen VALUES (?, ?)',
        [(f'Jan Peeters {i}', rrn(i).replace('.', '').replace('-', '')) for i in range(5)],
    )
    con.executemany(
        'INSERT INTO p (id, naam, y, d, n) VALUES (?, ?, ?, ?, ?)',
        [(1, 'Ann', 'abc', '30/07/1985', 1.5), (2, 'Bob', '12', '1985-07-30', 2)],
    )
    con.commit()
    con.close()
    result = copy_database(f'sqlite:///{lite}', dst, KEY)
    assert not result.errors
    assert set(result.schema.notes) == {
        'p.y: values that are not NUMERIC: a TEXT column in DEST',
        'p.d: values that are not DATE: a TEXT column in DEST',
        'p: CHECK c2 not copied (written in the SQL of another database)',
        'p: index ix_lower not copied (an expression in the SQL of another database)',
    }
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        rows = conn.execute(sa.text('SELECT naam, y, d, n, naam_upper, s FROM p ORDER BY id')).fetchall()
        people = conn.execute(sa.text('SELECT rrn FROM personen')).scalars().all()
    engine.dispose()
    assert [r[1:4] for r in rows] == [('abc', '30/07/1985', 1.5), ('12', '1985-07-30', 2)]
    assert all(up == naam.upper() and s == naam + '!' for naam, _, _, _, up, s in rows)
    assert len(people) == 5 and all(nn.is_valid(r) for r in people)
