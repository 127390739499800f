"""Database copies on real SQLite (and PostgreSQL when GDPRSCAN_TEST_PG_URL answers)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import CopyError
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.database import verify_copy
from gdprscan.anonymize.policy import from_dict
from gdprscan.scanner.cli import main
from stdnum import iban
from stdnum.be import nn

KEY = b'db-test-key-0123456789abcdef'
FIRST = ('Jan', 'Marie', 'Luc', 'Sofie', 'Pieter', 'Nathalie', 'Koen', 'Isabelle', 'Dirk', 'Ann')
LAST = (
    'Peeters',
    'Janssens',
    'Maes',
    'Jacobs',
    'Mertens',
    'Willems',
    'Claes',
    'Goossens',
    'Wouters',
    'Dubois',
)

SCHEMA = """
CREATE TABLE departments (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE);
CREATE TABLE employees (
    id INTEGER PRIMARY KEY,
    rrn VARCHAR(15) NOT NULL UNIQUE,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    email VARCHAR(120) UNIQUE,
    iban VARCHAR(34),
    birth_date DATE,
    gender VARCHAR(1),
    postcode VARCHAR(4),
    notes TEXT,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    manager_rrn VARCHAR(15) REFERENCES employees(rrn)
);
CREATE INDEX ix_employees_last ON employees(last_name);
CREATE TABLE payslips (
    id INTEGER PRIMARY KEY,
    employee_rrn VARCHAR(15) NOT NULL REFERENCES employees(rrn),
    period VARCHAR(7) NOT NULL,
    gross NUMERIC(10, 2)
);
"""


def _rrn(rng: random.Random) -> tuple[str, str]:
    import datetime

    while True:
        date = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 40))
        body = f'{date.year % 100:02d}{date.month:02d}{date.day:02d}{rng.randrange(1, 998):03d}'
        number = body + f'{97 - int(body) % 97:02d}'
        if nn.is_valid(number):
            return f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}', date.isoformat()


def _iban(rng: random.Random) -> str:
    while True:
        bban = f'{rng.choice(("063", "001", "310", "735"))}{rng.randrange(10**7):07d}'
        bban += f'{int(bban) % 97 or 97:02d}'
        number = 'BE' + iban.calc_check_digits('BE00' + bban) + bban
        if iban.is_valid(number):
            return ' '.join(number[i : i + 4] for i in range(0, 16, 4))


def fill(conn: sa.Connection, n: int = 300) -> None:
    rng = random.Random(11)
    for i, name in enumerate(('Boekhouding', 'Verkoop', 'IT'), start=1):
        conn.execute(sa.text('INSERT INTO departments VALUES (:i, :n)'), {'i': i, 'n': name})
    rrns: list[str] = []
    seen = set()
    for i in range(1, n + 1):
        rrn, born = _rrn(rng)
        while rrn in seen:
            rrn, born = _rrn(rng)
        seen.add(rrn)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        conn.execute(
            sa.text(
                'INSERT INTO employees VALUES (:id, :rrn, :f, :l, :e, :iban, :b, :g, :pc, :notes, :d, :m)'
            ),
            {
                'id': i,
                'rrn': rrn,
                'f': first,
                'l': last,
                'e': f'{first}.{last}{i}@acme.be'.lower(),
                'iban': _iban(rng),
                'b': born,
                'g': rng.choice('MF'),
                'pc': rng.choice(('9000', '2000', '1000', '3000')),
                'notes': f'Bel {first} op 0470 {rng.randrange(10**6):06d}' if i % 3 == 0 else None,
                'd': rng.randrange(1, 4),
                'm': rrns[0] if rrns else None,
            },
        )
        rrns.append(rrn)
    for i in range(1, 2 * n + 1):
        conn.execute(
            sa.text('INSERT INTO payslips VALUES (:i, :e, :p, :g)'),
            {'i': i, 'e': rrns[i % n], 'p': f'2024-{i % 12 + 1:02d}', 'g': 3000 + i},
        )


@pytest.fixture()
def source_db(tmp_path: Path) -> Path:
    path = tmp_path / 'hr.db'
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    con.commit()
    con.close()
    engine = sa.create_engine(f'sqlite:///{path}')
    with engine.begin() as conn:
        fill(conn)
    engine.dispose()
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _schema(con: sqlite3.Connection) -> list[tuple[str, list[tuple]]]:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = []
    for t in tables:
        cols = [
            (r[1], r[2], r[3], r[5]) for r in con.execute(f'PRAGMA table_info({t})')
        ]  # name, type, notnull, pk
        fks = sorted((r[2], r[3], r[4]) for r in con.execute(f'PRAGMA foreign_key_list({t})'))
        uniques = sorted(
            tuple(c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")'))
            for r in con.execute(f'PRAGMA index_list({t})')
            if r[2]
        )
        out.append((t, cols, fks, uniques))
    return out


def test_sqlite_copy_keeps_schema_counts_keys_and_joins(source_db: Path, tmp_path: Path) -> None:
    before = _sha(source_db)
    dest = tmp_path / 'copy.db'
    result = copy_database(f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY)
    assert _sha(source_db) == before, 'SOURCE was modified'
    assert result.fk_violations == 0 and not result.errors
    src, dst = sqlite3.connect(source_db), sqlite3.connect(dest)
    assert _schema(src) == _schema(dst)
    for t in ('departments', 'employees', 'payslips'):
        assert (
            src.execute(f'SELECT COUNT(*) FROM {t}').fetchone()
            == dst.execute(f'SELECT COUNT(*) FROM {t}').fetchone()
        )
    assert dst.execute('PRAGMA foreign_key_check').fetchall() == []
    join = 'SELECT COUNT(*) FROM payslips p JOIN employees e ON e.rrn = p.employee_rrn'
    assert src.execute(join).fetchone() == dst.execute(join).fetchone() == (600,)
    old = src.execute(
        'SELECT rrn, iban, email, first_name, last_name, notes FROM employees ORDER BY id'
    ).fetchall()
    new = dst.execute(
        'SELECT rrn, iban, email, first_name, last_name, notes FROM employees ORDER BY id'
    ).fetchall()
    assert len({r[0] for r in new}) == len(new)  # unique column stays unique
    for o, n in zip(old, new, strict=False):
        assert nn.is_valid(n[0]) and n[0] != o[0] and n[0][2] == '.'
        assert iban.is_valid(n[1]) and n[1] != o[1]
        assert n[2].endswith('@acme.be') and n[2] != o[2]
        assert n[4] != o[4]
        if o[5]:
            assert n[5] != o[5] and n[5].startswith('Bel ')
    assert dst.execute('SELECT name FROM departments ORDER BY id').fetchall() == [
        ('Boekhouding',),
        ('Verkoop',),
        ('IT',),
    ]  # no personal data: unchanged
    assert verify_copy(f'sqlite:///{source_db}', f'sqlite:///{dest}', key=KEY).count == 0


def test_sqlite_copy_is_deterministic_and_keyed(source_db: Path, tmp_path: Path) -> None:
    urls = [f'sqlite:///{tmp_path / name}' for name in ('a.db', 'b.db', 'c.db')]
    copy_database(f'sqlite:///{source_db}', urls[0], KEY)
    copy_database(f'sqlite:///{source_db}', urls[1], KEY)
    copy_database(f'sqlite:///{source_db}', urls[2], b'other-key-0123456789abcdef')
    rows = [
        sqlite3.connect(u.split('///')[1]).execute('SELECT rrn, iban FROM employees ORDER BY id').fetchall()
        for u in urls
    ]
    assert rows[0] == rows[1] and all(a != c for a, c in zip(rows[0], rows[2], strict=False))


def test_k_anonymity_reached_and_number_agrees(source_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'k.db'
    result = copy_database(f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, from_dict({'k': 5}))
    employees = next(t for t in result.tables if t.label == 'employees')
    assert employees.k is not None and employees.k >= 5
    plan = employees.kanon
    combos = (
        sqlite3.connect(dest)
        .execute('SELECT COUNT(*) FROM employees GROUP BY ' + ', '.join(plan.kinds))
        .fetchall()
    )
    suppressed = plan.suppressed_rows
    assert sum(n for (n,) in combos if n < 5) <= suppressed
    dst = sqlite3.connect(dest)
    if plan.levels['birth_date'] > 0 or plan.levels['gender'] > 0 or suppressed:
        # the surrogate national number must not carry what the birth date/sex columns no longer say
        src_rows = sqlite3.connect(source_db).execute('SELECT rrn FROM employees ORDER BY id').fetchall()
        dst_rows = dst.execute('SELECT rrn FROM employees ORDER BY id').fetchall()
        same_year = sum(
            nn.get_birth_year(a) == nn.get_birth_year(b)
            for (a,), (b,) in zip(src_rows, dst_rows, strict=False)
        )
        assert same_year < len(src_rows) // 4


def test_policy_drop_keep_null(source_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'p.db'
    policy = from_dict(
        {
            'columns': {'employees.notes': 'drop', 'employees.iban': 'null', 'employees.last_name': 'keep'},
            'quasi_identifiers': {},
            'k': 1,
        }
    )
    copy_database(f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, policy)
    dst = sqlite3.connect(dest)
    cols = [r[1] for r in dst.execute('PRAGMA table_info(employees)')]
    assert 'notes' not in cols and dst.execute(
        'SELECT COUNT(*) FROM employees WHERE iban IS NOT NULL'
    ).fetchone() == (0,)
    src = sqlite3.connect(source_db)
    assert (
        src.execute('SELECT last_name FROM employees').fetchall()
        == dst.execute('SELECT last_name FROM employees').fetchall()
    )
    with pytest.raises(CopyError, match='NOT NULL'):
        copy_database(
            f'sqlite:///{source_db}',
            f'sqlite:///{tmp_path / "q.db"}',
            KEY,
            from_dict({'columns': {'employees.rrn': 'null'}}),
        )
    assert not (tmp_path / 'q.db').exists()


def test_refusals_and_leak_detection(
    source_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv('GDPRSCAN_DB_KEY', KEY.decode())
    src_url = f'sqlite:///{source_db}'
    assert main(['anonymize', src_url, '--out', src_url, '--key-env', 'GDPRSCAN_DB_KEY']) == 2
    dest = tmp_path / 'copy.db'
    assert main(['anonymize', src_url, '--out', f'sqlite:///{dest}', '--key-env', 'GDPRSCAN_DB_KEY']) == 0
    out = capsys.readouterr().out
    assert 'leak check OK: 0 of' in out and 'employees: 300 rows' in out
    assert main(['anonymize', src_url, '--out', f'sqlite:///{dest}', '--key-env', 'GDPRSCAN_DB_KEY']) == 2
    # plant an original national number in the copy: the leak check finds it, without printing it
    planted = sqlite3.connect(source_db).execute('SELECT rrn FROM employees WHERE id = 7').fetchone()[0]
    con = sqlite3.connect(dest)
    con.execute('UPDATE payslips SET period = ? WHERE id = 1', (f'x {planted}',))
    con.commit()
    con.close()
    assert main(['verify', src_url, f'sqlite:///{dest}', '--key-env', 'GDPRSCAN_DB_KEY']) == 1
    captured = capsys.readouterr()
    assert (
        'LEAK payslips.period: BE_NATIONAL_NUMBER x1' in captured.err
        and planted not in captured.out + captured.err
    )


def test_dry_run_writes_nothing(source_db: Path, tmp_path: Path, capsys) -> None:
    dest = tmp_path / 'dry.db'
    assert main(['anonymize', f'sqlite:///{source_db}', '--out', f'sqlite:///{dest}', '--dry-run']) == 0
    out = capsys.readouterr().out
    assert 'rrn: replace BE_NATIONAL_NUMBER' in out and not dest.exists()
    assert not list(tmp_path.glob('.dry.db.gdprscan-partial-*'))


@pytest.fixture()
def pg_urls() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_anon', 2) as urls:
        yield urls[0], urls[1]


@pytest.mark.postgres
def test_postgres_to_postgres_and_sqlite(pg_urls: tuple[str, str], source_db: Path, tmp_path: Path) -> None:
    src_url, dst_url = pg_urls
    pg = sa.create_engine(src_url)
    with pg.begin() as conn:
        for statement in SCHEMA.replace('INTEGER PRIMARY KEY', 'SERIAL PRIMARY KEY').split(';'):
            if statement.strip():
                conn.execute(sa.text(statement))
        fill(conn, 200)
    pg.dispose()
    result = copy_database(src_url, dst_url, KEY)
    assert not result.errors
    dst = sa.create_engine(dst_url)
    src = sa.create_engine(src_url)
    with dst.connect() as d, src.connect() as s:
        for t in ('departments', 'employees', 'payslips'):
            assert (
                d.execute(sa.text(f'SELECT COUNT(*) FROM {t}')).scalar()
                == s.execute(sa.text(f'SELECT COUNT(*) FROM {t}')).scalar()
            )
        insp_s, insp_d = sa.inspect(s), sa.inspect(d)
        for t in ('employees', 'payslips'):
            assert sorted(fk['referred_table'] for fk in insp_d.get_foreign_keys(t)) == sorted(
                fk['referred_table'] for fk in insp_s.get_foreign_keys(t)
            )
            assert insp_d.get_pk_constraint(t)['constrained_columns'] == ['id']
        assert [u['column_names'] for u in insp_d.get_unique_constraints('employees')] != []
        rrns = [r[0] for r in d.execute(sa.text('SELECT rrn FROM employees'))]
        assert all(nn.is_valid(r) for r in rrns) and len(set(rrns)) == 200
        # foreign keys were added after the data and validated by PostgreSQL; the sequence continues
        d.execute(sa.text("INSERT INTO departments (name) VALUES ('Nieuw')"))
        d.rollback()
    dst.dispose()
    src.dispose()
    assert verify_copy(src_url, dst_url, key=KEY).count == 0
    # across: PostgreSQL -> SQLite gives the same surrogates as SQLite -> SQLite for the same values
    lite = tmp_path / 'from_pg.db'
    copy_database(src_url, f'sqlite:///{lite}', KEY)
    assert sqlite3.connect(lite).execute('PRAGMA foreign_key_check').fetchall() == []
