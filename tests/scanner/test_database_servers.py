"""Database scanning on real PostgreSQL and MariaDB servers (tests/services.sh starts them).

Each test module run gets its own schema (PostgreSQL) or database (MariaDB) with a unique name,
dropped afterwards. Without a server these tests skip; in CI (GDPRSCAN_REQUIRE_SERVICES=1) they fail.
"""
from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import skip_or_fail
from database_hr_expect import Report
from database_hr_expect import check_hr
from database_hr_expect import hr_database
from database_hr_expect import scan
from gdprscan.scanner import database
from gdprscan.scanner.cli import main

PG_URL = os.environ.get('GDPRSCAN_TEST_PG_URL') or 'postgresql://postgres@127.0.0.1:5432/postgres'
MYSQL_URL = os.environ.get('GDPRSCAN_TEST_MYSQL_URL') or 'mysql://root@127.0.0.1:3306/mysql'
ROWS = 60
SECRET = f'Pw-{uuid.uuid4().hex[:12]}'


@dataclass
class Server:
    """A scratch schema/database on a live server, filled with the HR sample."""

    kind: str  # 'pg' or 'mysql'
    url: str  # to scan: the scratch database (MariaDB) or the server's database (PostgreSQL)
    admin: sa.Engine  # to create, inspect and drop things
    name: str  # scratch schema (PostgreSQL) or database (MariaDB)

    def scan_args(self) -> list[str]:
        return [self.url, '--schema', self.name] if self.kind == 'pg' else [self.url]

    def url_with(self, **parts: Any) -> str:
        url = sa.engine.make_url(self.url).set(**parts)
        return url.render_as_string(hide_password=False)

    @property
    def shown(self) -> str:
        return database.display_url(self.url)

    def snapshot(self) -> dict[str, list[Any]]:
        """Every row of every scratch table, to prove a scan changed nothing."""
        schema = self.name if self.kind == 'pg' else None
        engine = self.admin if self.kind == 'pg' else _engine(self.url)
        md = sa.MetaData(schema=schema)
        md.reflect(engine)
        with engine.connect() as conn:
            tables = md.sorted_tables
            return {t.name: conn.execute(sa.select(t).order_by(*t.primary_key.columns)).all() for t in tables}


def _engine(url: str) -> sa.Engine:
    target = database.parse_target(url)
    return sa.create_engine(target.url, connect_args={'connect_timeout': 5})


def _admin(url: str, what: str) -> sa.Engine:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql('SELECT 1')
    except sa.exc.DBAPIError as e:
        engine.dispose()
        skip_or_fail(f'no {what} answers at {database.display_url(url)} ({type(e.orig).__name__}); '
                     'run: source tests/services.sh && services_start')
    return engine


@pytest.fixture(scope='module')
def pg() -> Iterator[Server]:
    admin = _admin(PG_URL, 'PostgreSQL')
    name = f'gdprscan_t_{uuid.uuid4().hex[:10]}'
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA {name}')
    try:
        hr_database().build(admin, rows=ROWS, schema=name)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'ANALYZE {name}.employees')
            conn.commit()
        yield Server('pg', PG_URL, admin, name)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA {name} CASCADE')
        admin.dispose()


@pytest.fixture(scope='module')
def mysql() -> Iterator[Server]:
    admin = _admin(MYSQL_URL, 'MariaDB/MySQL')
    name = f'gdprscan_t_{uuid.uuid4().hex[:10]}'
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE {name} CHARACTER SET utf8mb4')
    url = sa.engine.make_url(MYSQL_URL).set(database=name).render_as_string(hide_password=False)
    try:
        engine = _engine(url)
        hr_database().build(engine, rows=ROWS)
        engine.dispose()
        yield Server('mysql', url, admin, name)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP DATABASE {name}')
        admin.dispose()


@pytest.fixture(params=('pg', 'mysql'))
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def test_hr_schema_per_table_and_column(server, capsys):
    before = server.snapshot()
    rc, rows, err = scan([*server.scan_args(), '--sample', 'all'], capsys)
    assert rc == 1 and err == ''
    check_hr(rows, ROWS, server.shown)
    if server.kind == 'pg':  # not the default schema: the source and location name it
        assert all(r['source'].split('#')[1].startswith(server.name + '.') for r in rows)
        assert all(r['location']['table'].startswith(server.name + '.') for r in rows)
    assert server.snapshot() == before


def test_session_is_read_only(server):
    table = f'{server.name}.departments' if server.kind == 'pg' else 'departments'
    db = database.connect(database.parse_target(server.url))
    try:
        with db.connect() as conn, pytest.raises(sa.exc.DBAPIError) as info:
            conn.exec_driver_sql(f"UPDATE {table} SET name = 'x'")
        assert 'read' in str(info.value.orig).lower()  # "read-only transaction" / "READ ONLY transaction"
    finally:
        db.dispose()


def test_mysql_samples_spread_blocks_by_primary_key(mysql, capsys):
    rc, rows, _ = scan([mysql.url, '--sample', '20', '--include-table', 'employees'], capsys)
    rep = Report(rows)
    col = rep.columns['employees', 'iban']['IBAN_CODE']['evidence']
    assert col['sampled'] == 20 and col['sampling'] == 'blocks'
    pks = [r['location']['pk'] for r in rows if r['location']['column'] == 'iban' and 'pk' in r['location']]
    assert len(set(pks)) == 20 and max(pks) > ROWS - 5


def test_pg_tablesample(pg, capsys):
    """TABLESAMPLE SYSTEM on a large table, BERNOULLI when the page sample would be too lumpy."""
    table = f'{pg.name}.big'
    with pg.admin.begin() as conn:
        # valid national numbers of people born 1960-1988, computed in SQL (mod 97 over YYMMDDSSS)
        conn.exec_driver_sql(
            f"CREATE TABLE {table} AS SELECT g AS id, "
            "body || lpad((97 - mod(body::bigint, 97))::text, 2, '0') AS insz "
            "FROM (SELECT g, to_char(date '1960-01-01' + mod(g, 10000), 'YYMMDD') "
            "|| lpad((mod(g, 997) + 1)::text, 3, '0') AS body FROM generate_series(1, 200000) g) s"
        )
        conn.exec_driver_sql(f'ANALYZE {table}')
    for sample, method in (('2000', 'system'), ('50', 'bernoulli')):
        _, rows, _ = scan([pg.url, '--schema', pg.name, '--include-table', 'big', '--sample', sample], capsys)
        col = Report(rows).columns['big', 'insz']['BE_NATIONAL_NUMBER']['evidence']
        assert col['by'] == 'both' and col['share'] == 1.0
        assert (col['sampled'], col['sampling']) == (int(sample), method)
    # 200 rows: below four times the sample, read with LIMIT
    args = [pg.url, '--schema', pg.name, '--include-table', 'employees', '--sample', '100']
    _, rows, _ = scan(args, capsys)
    col = Report(rows).columns['employees', 'iban']['IBAN_CODE']['evidence']
    assert (col['sampled'], col['sampling']) == (ROWS, 'limit')


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return int(s.getsockname()[1])


def _one_error_line(argv: list[str], capsys: Any) -> str:
    rc = main(['scan', *argv, '--format', 'jsonl'])
    out, err = capsys.readouterr()
    assert rc == 2 and out == ''
    [line] = err.splitlines()
    assert line.startswith('gdprscan: error: ') and SECRET not in err and 'Traceback' not in err
    return line


def test_connection_errors(server, capsys):
    line = _one_error_line([server.url_with(port=_closed_port(), password=SECRET)], capsys)
    assert 'refused' in line.lower()
    line = _one_error_line([server.url_with(host='no-such-host.invalid', password=SECRET)], capsys)
    assert 'no-such-host.invalid' in line
    line = _one_error_line([server.url_with(database='gdprscan_no_such_db')], capsys)
    assert 'gdprscan_no_such_db' in line
    if server.kind == 'mysql':  # the throwaway MariaDB checks passwords (PostgreSQL trusts 127.0.0.1)
        line = _one_error_line([server.url_with(password=SECRET)], capsys)
        assert 'Access denied' in line
    else:
        line = _one_error_line([server.url_with(username='gdprscan_no_such_role', password=SECRET)], capsys)
        assert 'gdprscan_no_such_role' in line


def test_password_never_in_output(server, capsys):
    user = f'gdprscan_u_{uuid.uuid4().hex[:8]}'
    with server.admin.begin() as conn:
        if server.kind == 'pg':
            conn.exec_driver_sql(f"CREATE ROLE {user} LOGIN PASSWORD '{SECRET}'")
            conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA {server.name} TO {user}')
            conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA {server.name} TO {user}')
        else:
            conn.exec_driver_sql(f"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY '{SECRET}'")
            conn.exec_driver_sql(f"GRANT SELECT ON {server.name}.* TO '{user}'@'127.0.0.1'")
    try:
        url = server.url_with(username=user, password=SECRET)
        args = [url, '--include-table', 'employees']
        args += ['--schema', server.name] if server.kind == 'pg' else []
        for fmt in ('jsonl', 'json'):
            rc = main(['scan', *args, '--format', fmt])
            out, err = capsys.readouterr()
            assert rc == 1 and SECRET not in out and SECRET not in err
        sources = {f['source'] for f in json.loads(out)['findings']}
        assert all(s.startswith(database.display_url(url) + '#') and f'{user}@' in s for s in sources)
    finally:
        with server.admin.begin() as conn:
            if server.kind == 'pg':
                conn.exec_driver_sql(f'DROP OWNED BY {user}')
                conn.exec_driver_sql(f'DROP ROLE {user}')
            else:
                conn.exec_driver_sql(f"DROP USER '{user}'@'127.0.0.1'")


def test_pg_permission_denied_everywhere_is_exit_2(pg, capsys):
    user = f'gdprscan_n_{uuid.uuid4().hex[:8]}'
    with pg.admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE ROLE {user} LOGIN')
        conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA {pg.name} TO {user}')  # may list, may not read
    try:
        line = _one_error_line([pg.url_with(username=user), '--schema', pg.name], capsys)
        assert 'no table could be read' in line and 'permission denied' in line
    finally:
        with pg.admin.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY {user}')
            conn.exec_driver_sql(f'DROP ROLE {user}')


def test_pg_types_read_as_text(pg, capsys):
    """inet and jsonb come back from psycopg as objects; they are scanned as their text."""
    table = f'{pg.name}.sessions'
    with pg.admin.begin() as conn:
        columns = 'id bigint PRIMARY KEY, client inet, doc jsonb, ok boolean'
        conn.exec_driver_sql(f'CREATE TABLE {table} ({columns})')
        conn.exec_driver_sql(
            f"INSERT INTO {table} VALUES (1, '81.82.83.84', '{{\"mail\": \"jan.peeters@example.be\"}}', true)"
        )
    _, rows, err = scan([pg.url, '--schema', pg.name, '--include-table', 'sessions'], capsys)
    assert err == ''
    rep = Report(rows)
    assert rep.cells['sessions', 'client']['IP_ADDRESS'] == 1
    assert rep.cells['sessions', 'doc']['EMAIL_ADDRESS'] == 1
    assert not rep.cells['sessions', 'ok']
