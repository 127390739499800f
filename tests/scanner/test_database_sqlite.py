"""Database scanning on real SQLite files: the HR sample, sampling, errors, read-only access."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from decimal import Decimal

import pytest
import sqlalchemy as sa
from database_hr_expect import ROOT
from database_hr_expect import Report
from database_hr_expect import check_hr
from database_hr_expect import hr_database
from database_hr_expect import scan
from gdprscan.scanner import database
from gdprscan.scanner import engine

ROWS = 60


@pytest.fixture(scope='module')
def hr_db(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp('hr') / 'hr.db'
    return hr_database().write_sqlite(path, rows=ROWS)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_hr_schema_per_table_and_column(hr_db, capsys):
    before, mtime = _digest(hr_db), os.stat(hr_db).st_mtime_ns
    rc, rows, err = scan([f'sqlite:///{hr_db}', '--sample', 'all'], capsys)
    assert rc == 1 and err == ''
    check_hr(rows, ROWS, f'sqlite:///{hr_db}')
    # the database is unchanged, byte for byte, and no journal was left behind
    assert _digest(hr_db) == before and os.stat(hr_db).st_mtime_ns == mtime
    assert sorted(p.name for p in hr_db.parent.iterdir()) == ['hr.db']


def test_shipped_sample_is_small_and_built_by_the_builder(tmp_path, capsys):
    sample = ROOT / 'samples' / 'hr.db'
    assert sample.stat().st_size < 1_000_000
    hr = hr_database()
    rebuilt = hr.write_sqlite(tmp_path / 'hr.db')  # the defaults built samples/hr.db
    # Faker's seeded output may change between Faker versions: compare everything else exactly
    with sqlite3.connect(f'file:{sample}?mode=ro', uri=True) as a, sqlite3.connect(rebuilt) as b:
        for table in hr.metadata().tables.values():
            faker = hr.FAKER_COLUMNS.get(table.name, ())
            cols = ', '.join(c.name for c in table.columns if c.name not in faker)
            query = f'SELECT {cols} FROM {table.name} ORDER BY id'
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table.name
    rc, rows, _ = scan([f'sqlite:///{sample}'], capsys)
    assert rc == 1
    check_hr(rows, 200, f'sqlite:///{sample}', sampling='limit')  # 200 rows < 5000: all read


def test_sampling_limits_and_spreads_rows(tmp_path, capsys):
    path = hr_database().write_sqlite(tmp_path / 'big.db', rows=500)
    rc, rows, _ = scan([f'sqlite:///{path}', '--sample', '100', '--include-table', 'employees'], capsys)
    rep = Report(rows)
    assert rep.tables() == {'employees'}
    col = rep.columns['employees', 'rijksregisternummer']['BE_NATIONAL_NUMBER']['evidence']
    assert col['sampled'] == 100 and col['sampling'] == 'blocks'
    cells = [r for r in rows if r['location']['column'] == 'rijksregisternummer' and 'row' in r['location']]
    pks = [r['location']['pk'] for r in cells]
    assert len(pks) == len(set(pks)) == 100
    assert max(pks) > 450 and min(pks) < 25  # spread over the table, not the first 100 rows
    assert [r['location']['row'] for r in cells] == list(range(1, 101))
    # the default reads up to 5000 rows: all 500 here
    rc, rows, _ = scan([f'sqlite:///{path}', '--include-table', 'employees'], capsys)
    col = Report(rows).columns['employees', 'rijksregisternummer']['BE_NATIONAL_NUMBER']['evidence']
    assert col['sampled'] == 500 and col['sampling'] == 'limit'


def test_include_exclude_tables(hr_db, capsys):
    url = f'sqlite:///{hr_db}'
    _, rows, _ = scan([url, '--include-table', 'pay*', '--include-table', 'LEGACY_*'], capsys)
    assert Report(rows).tables() == {'payslips', 'legacy_export'}
    _, rows, _ = scan([f'sqlite:///{hr_db}', '--exclude-table', 'employees', '--exclude-table', 'b*'], capsys)
    tables = Report(rows).tables()
    assert 'employees' not in tables and 'badges' not in tables and 'payslips' in tables


@pytest.mark.parametrize(('target', 'message'), (
    ('sqlite:///{tmp}/missing.db', 'no such SQLite database file'),
    ('sqlite:///{tmp}/notadb.db', 'not a SQLite database'),
    ('sqlite://', 'must name a database file'),
    ('oracle://scott:tiger-pw@db.example/orcl', "unknown database dialect 'oracle'"),
    ('postgresql://u:tiger-pw@host:port/db', 'not a valid database URL'),  # bad port, URL unparsable
    ('mysql://u:tiger-pw@127.0.0.1:1/hr', 'Connection refused'),  # nothing listens on port 1
))
def test_errors_one_line_exit_2(tmp_path, capsys, target, message):
    (tmp_path / 'notadb.db').write_text('just text, not SQLite\n', encoding='utf-8')
    before = sorted(p.name for p in tmp_path.iterdir())
    rc, rows, err = scan([target.format(tmp=tmp_path)], capsys)
    assert rc == 2 and rows == []
    [line] = err.splitlines()
    assert line.startswith('gdprscan: error: ') and message in line
    assert 'tiger-pw' not in err and 'Traceback' not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # a missing file is never created


def test_unknown_schema(hr_db, capsys):
    rc, _, err = scan([f'sqlite:///{hr_db}', '--schema', 'payroll'], capsys)
    assert rc == 2 and err.splitlines() == [f"gdprscan: error: sqlite:///{hr_db}: no schema 'payroll'"]


@pytest.mark.parametrize('value', ('0', '-3', 'many', '1.5'))
def test_bad_sample_value(hr_db, capsys, value):
    rc, _, err = scan([f'sqlite:///{hr_db}', '--sample', value], capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and '--sample' in err


def test_connection_is_read_only(hr_db):
    db = database.connect(database.parse_target(f'sqlite:///{hr_db}'))
    try:
        with db.connect() as conn, pytest.raises(sa.exc.OperationalError):
            conn.exec_driver_sql("UPDATE employees SET email = 'x@example.be'")
    finally:
        db.dispose()


def _odd_db(path) -> None:
    """Tables the HR sample does not have: quoted names, no key, WITHOUT ROWID, untyped columns."""
    with sqlite3.connect(path) as c:
        c.execute('CREATE TABLE "Personeel lijst" ("e-mail adres" TEXT, "Nr" INTEGER)')
        people = [(f'p{i}@example.be', i) for i in range(30)]
        c.executemany('INSERT INTO "Personeel lijst" VALUES (?, ?)', people)
        c.execute('CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID')
        c.executemany('INSERT INTO kv VALUES (?, ?)', [(f'k{i:03d}', '85.07.30-033.28') for i in range(30)])
        c.execute('CREATE TABLE nums (id INTEGER PRIMARY KEY, amount NUMERIC, flag BOOLEAN, ratio REAL)')
        nums = [(i, 85073003328, True, 0.5) for i in range(1, 4)]
        c.executemany('INSERT INTO nums VALUES (?, ?, ?, ?)', nums)


def test_odd_tables(tmp_path, capsys):
    path = tmp_path / 'odd.db'
    _odd_db(path)
    _, rows, err = scan([f'sqlite:///{path}', '--sample', '10'], capsys)
    assert err == ''
    rep = Report(rows)
    assert rep.cells['Personeel lijst', 'e-mail adres']['EMAIL_ADDRESS'] == 10
    assert rep.columns['Personeel lijst', 'e-mail adres']['EMAIL_ADDRESS']['evidence']['sampling'] == 'blocks'
    # a text primary key may itself be personal data: it is never used as a location
    kv = [r for r in rows if r['location']['table'] == 'kv' and 'row' in r['location']]
    assert len(kv) == 10 and all('pk' not in r['location'] for r in kv)
    assert rep.columns['kv', 'v']['BE_NATIONAL_NUMBER']['evidence']['sampling'] == 'limit'
    # a NUMERIC column holding an 11-digit integer is scanned as digits
    assert rep.cells['nums', 'amount']['BE_NATIONAL_NUMBER'] == 3
    src = {r['source'] for r in rows}
    assert f'sqlite:///{path}#Personeel lijst' in src


def test_cell_findings_capped_per_column(hr_db):
    opts = database.Options(sample=None, include_tables=('employees',), max_cell_findings=7)
    [fr] = list(database.scan_database(f'sqlite:///{hr_db}', engine.Settings(), opts))
    cells = [f for f in fr.findings if f.location['column'] == 'iban' and f.recognizer != 'column_classifier']
    [col] = [f for f in fr.findings if f.location['column'] == 'iban' and f.recognizer == 'column_classifier']
    assert len(cells) == 7 and col.evidence['cells'] == ROWS


@pytest.mark.parametrize(('value', 'text'), (
    ('BE71 0961 2345 6769', 'BE71 0961 2345 6769'),
    ('   ', None),
    (85073003328, '85073003328'),
    (2101485827, '02101485827'),  # born in 2002: the integer lost its leading zero
    (Decimal('85073003328'), '85073003328'),
    (Decimal('3061.89'), None),  # amounts are not identifiers
    (True, None),
    (dt.date(1985, 7, 30), '1985-07-30'),
    (b'jan@example.be', 'jan@example.be'),
    (memoryview(b'RRN 85.07.30-033.28'), 'RRN 85.07.30-033.28'),
    (b'FMR\x00 20\x00\xff\x80', database.BINARY_VALUE),
    ({'email': 'jan@example.be'}, '{"email": "jan@example.be"}'),
))
def test_render(value, text):
    assert database.render(value) == text


def test_display_url_drops_password():
    assert database.display_url('postgresql://hr:S3cr3t@db.example:5433/hr?sslmode=require') == \
        'postgresql://hr@db.example:5433/hr'
    assert 'S3cr3t' not in database.redact('could not parse mysql://root:S3cr3t@x/y?password=S3cr3t')


def test_block_sample_fills_from_later_blocks_when_keys_are_sparse(tmp_path, capsys):
    path = tmp_path / 'sparse.db'
    with sqlite3.connect(path) as c:
        c.execute('CREATE TABLE staff (id INTEGER PRIMARY KEY, email TEXT)')
        c.executemany('INSERT INTO staff VALUES (?, ?)', [(i, f'p{i}@example.be') for i in range(1, 2001)])
        c.execute('DELETE FROM staff WHERE id > 100 AND id <= 1000')  # the first half is nearly empty
    _, rows, _ = scan([f'sqlite:///{path}', '--sample', '200'], capsys)
    col = Report(rows).columns['staff', 'email']['EMAIL_ADDRESS']['evidence']
    assert (col['sampled'], col['sampling']) == (200, 'blocks')
    pks = [r['location']['pk'] for r in rows if 'pk' in r['location']]
    assert len(set(pks)) == 200 and min(pks) <= 10 and max(pks) > 1900


def test_worker_processes_give_the_same_results(hr_db):
    def scan_with(workers: int) -> list[tuple[str, str | None, list[dict]]]:
        opts = database.Options(sample=None, workers=workers)
        results = database.scan_database(f'sqlite:///{hr_db}', engine.Settings(), opts)
        return [(fr.source, fr.error, [f.as_dict() for f in fr.findings]) for fr in results]

    one = scan_with(1)
    assert len(one) == 8 and one == scan_with(3)
