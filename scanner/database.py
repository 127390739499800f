"""Database targets: one :class:`FileResult` per table, through the same engine as files.

Why the shape: a DPO wants to know which *columns* hold which kind of personal data, so every
table gives per-cell findings (located ``{'table','column','row'}``) plus one column-level finding
per column the column classifier recognises (by its name, its values, or both).

Safety, in order of importance:

- Read only. SQLite is opened with ``mode=ro`` and ``PRAGMA query_only``; PostgreSQL sessions
  start with ``default_transaction_read_only=on``; MySQL/MariaDB sessions with ``SET SESSION
  TRANSACTION READ ONLY``. Nothing is ever committed. A missing SQLite file is never created.
- No password anywhere: sources, errors and logs use :func:`display_url`, which drops the
  password and the query string; driver messages are scrubbed of the password too.
- Bounded memory: rows are streamed (server-side cursors where the driver has them) in batches
  of :data:`BATCH_ROWS`; the engine sees :data:`CHUNK_ROWS` rows at a time; at most
  ``Options.max_cell_findings`` cell findings are kept per column and entity (the column finding
  gives the full count); the column classifier gets at most :data:`CLASSIFIER_VALUES` values.

Sampling (``--sample N``, default :data:`DEFAULT_SAMPLE`; ``--sample all`` reads every row):
PostgreSQL uses ``TABLESAMPLE SYSTEM`` with a fixed seed when the planner's row estimate is
well above N, else ``LIMIT N``; SQLite (by rowid) and MySQL/MariaDB (by an integer primary key)
read N rows as evenly spread blocks of consecutive keys, each an index range seek, so a sample
never scans the table; other tables are read with ``LIMIT N``. Samples are deterministic.

Tables are independent sources: with ``--workers`` > 1 and at least :data:`POOL_MIN_TABLES`
tables, forked workers scan them in parallel, each with its own read-only connection.
"""
from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import importlib.util
import ipaddress
import json
import math
import multiprocessing
import re
import sqlite3
import warnings
from collections import Counter
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from gdprscan.scanner import signals
from gdprscan.scanner.types import FileResult
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

DEFAULT_SAMPLE = 5000
#: Rows per round trip from a server-side cursor.
BATCH_ROWS = 1000
#: Rows handed to the engine per ``detect`` call (the full profile's stage sees one chunk at a time).
CHUNK_ROWS = 5000
#: Cell findings kept per column and entity; the column finding counts them all.
MAX_CELL_FINDINGS = 1000
#: Values per column passed to the column classifier (the first non-empty ones read).
CLASSIFIER_VALUES = 1000
#: Sampling by key ranges: at most this many rows per block, and at least this many blocks.
BLOCK_ROWS = 100
MIN_BLOCKS = 20
CONNECT_TIMEOUT = 10

#: backend -> (default driver, pip extra); the default is used when the URL names no driver.
DRIVERS = {
    'sqlite': ('pysqlite', None),
    'postgresql': ('psycopg', 'postgres'),
    'mysql': ('pymysql', 'mysql'),
    'mariadb': ('pymysql', 'mysql'),
}
#: Drivers that take the read-only and timeout settings of :func:`connect`: driver -> module.
DRIVER_MODULES = {
    'pysqlite': 'sqlite3',
    'psycopg': 'psycopg',
    'psycopg2': 'psycopg2',
    'pymysql': 'pymysql',
    'mysqldb': 'MySQLdb',
}
ALIASES = {'postgres': 'postgresql', 'pgsql': 'postgresql'}
SYSTEM_SCHEMAS = {
    'postgresql': ('information_schema', 'pg_catalog', 'pg_toast'),
    'mysql': ('information_schema', 'mysql', 'performance_schema', 'sys'),
}


class DatabaseError(Exception):
    """A database that cannot be scanned at all: one line, never a password."""


@dataclass(frozen=True)
class Options:
    """Which tables and how many rows; built from the scan command's arguments."""

    schemas: tuple[str, ...] = ()
    include_tables: tuple[str, ...] = ()
    exclude_tables: tuple[str, ...] = ()
    #: Rows per table; None reads every row.
    sample: int | None = DEFAULT_SAMPLE
    #: Cell findings listed per column and entity (0: no limit).
    max_cell_findings: int = MAX_CELL_FINDINGS
    #: Tables scanned at once, each in its own process with its own connection (--workers).
    workers: int = 1

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        from gdprscan.scanner.engine import default_workers

        return cls(
            schemas=tuple(getattr(args, 'schema', None) or ()),
            include_tables=tuple(getattr(args, 'include_table', None) or ()),
            exclude_tables=tuple(getattr(args, 'exclude_table', None) or ()),
            sample=parse_sample(getattr(args, 'sample', None)),
            workers=max(1, getattr(args, 'workers', None) or default_workers()),
        )

    def wants(self, schema: str | None, table: str) -> bool:
        """True when ``table`` passes --include-table / --exclude-table (globs, case-insensitive)."""
        names = [table.lower()] + ([f'{schema}.{table}'.lower()] if schema else [])

        def hit(globs: Iterable[str]) -> bool:
            return any(fnmatch.fnmatchcase(n, g.lower()) for g in globs for n in names)

        if self.include_tables and not hit(self.include_tables):
            return False
        return not hit(self.exclude_tables)


def parse_sample(value: Any) -> int | None:
    """``--sample``: None (default), 'all' or a positive row count; ValueError (exit 2) otherwise.

    >>> parse_sample(None), parse_sample('all'), parse_sample('200')
    (5000, None, 200)
    """
    if value is None:
        return DEFAULT_SAMPLE
    if isinstance(value, int):
        n = value
    else:
        text = str(value).strip().lower()
        if text == 'all':
            return None
        try:
            n = int(text)
        except ValueError:
            raise ValueError(f'--sample: expected a number of rows or "all", got {value!r}') from None
    if n < 1:
        raise ValueError('--sample must be at least 1 row (or "all")')
    return n


# -- URLs --------------------------------------------------------------------------------------
_USERINFO = re.compile(r'(?P<head>[a-z][\w+.-]*://[^:/@\s]*):[^@\s]*@', re.IGNORECASE)
_QUERY_SECRET = re.compile(r'(?P<key>(?:pass|pwd|secret|token)\w*=)[^&\s]*', re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` (a URL or a message holding one) without ``:password@`` or ``password=`` values.

    >>> redact('could not parse postgresql://hr:S3cr3t@db/hr?sslpassword=x')
    'could not parse postgresql://hr@db/hr?sslpassword=***'
    """
    return _QUERY_SECRET.sub(r'\g<key>***', _USERINFO.sub(r'\g<head>@', text))


def display_url(raw: str) -> str:
    """The URL as reports show it: the user's scheme, user, host, port and database; no password, no query.

    >>> display_url('postgresql://hr:S3cr3t@db.example:5433/hr?sslmode=require')
    'postgresql://hr@db.example:5433/hr'
    """
    try:
        url = make_url(raw)
        bare = sa.URL.create(url.drivername, url.username, None, url.host, url.port, url.database)
        return bare.render_as_string(hide_password=False)
    except (sa_exc.ArgumentError, ValueError, TypeError):
        return redact(raw.split('?', 1)[0])


@dataclass(frozen=True)
class Target:
    """A parsed database URL: what to connect to and how to name it."""

    url: sa.URL
    display: str
    dialect: str  # 'sqlite', 'postgresql' or 'mysql'
    password: str | None = None


def parse_target(raw: str) -> Target:
    """Resolve the driver (psycopg 3, PyMySQL, sqlite3) and check it is installed."""
    shown = display_url(raw)
    try:
        url = make_url(raw)
    except (sa_exc.ArgumentError, ValueError, TypeError):
        raise DatabaseError(f'{shown}: not a valid database URL') from None
    backend = ALIASES.get(url.get_backend_name(), url.get_backend_name())
    if backend not in DRIVERS:
        raise DatabaseError(
            f'{shown}: unknown database dialect {backend!r} (gdprscan reads sqlite, postgresql, mysql, '
            'mariadb)'
        )
    driver, extra = DRIVERS[backend]
    if '+' in url.drivername:
        driver = url.get_driver_name()
    module = DRIVER_MODULES.get(driver)
    if module is None or (backend == 'sqlite') != (driver == 'pysqlite'):
        raise DatabaseError(f'{shown}: gdprscan cannot use the driver {driver!r} (use {backend}://)')
    if importlib.util.find_spec(module) is None:
        hint = f': pip install gdprscan[{extra}]' if extra else ''
        raise DatabaseError(f'{shown}: the {backend} driver {module} is not installed{hint}')
    url = url.set(drivername=f'{backend}+{driver}')
    dialect = 'mysql' if backend == 'mariadb' else backend
    return Target(url, shown, dialect, url.password if isinstance(url.password, str) else None)


def _sqlite_path(url: sa.URL, shown: str) -> Path:
    database = url.database or ''
    if database.startswith('file:'):
        database = database[5:]
    if database in ('', ':memory:'):
        raise DatabaseError(f'{shown}: a SQLite URL must name a database file (sqlite:///path/to/file.db)')
    path = Path(database)
    if not path.is_file():
        raise DatabaseError(f'{shown}: no such SQLite database file')
    return path.resolve()


def connect(target: Target) -> sa.Engine:
    """A read-only engine for ``target``; a missing SQLite file is an error, never created."""
    if target.dialect == 'sqlite':
        path = _sqlite_path(target.url, target.display)
        uri = f'file:{quote(str(path))}?mode=ro'

        def creator() -> sqlite3.Connection:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute('PRAGMA query_only = ON')
            return conn

        return sa.create_engine('sqlite+pysqlite://', creator=creator)
    if target.dialect == 'postgresql':
        options = f"{target.url.query.get('options', '')} -c default_transaction_read_only=on".strip()
        args: dict[str, Any] = {
            'connect_timeout': CONNECT_TIMEOUT,
            'options': options,
            'application_name': 'gdprscan',
        }
    else:
        args = {'connect_timeout': CONNECT_TIMEOUT, 'init_command': 'SET SESSION TRANSACTION READ ONLY'}
        if 'charset' not in target.url.query:
            args['charset'] = 'utf8mb4'
    return sa.create_engine(target.url, connect_args=args, pool_pre_ping=False)


def _reason(e: BaseException, target: Target) -> str:
    """The driver's first message line, scrubbed of the password."""
    orig = getattr(e, 'orig', None) or e
    args: tuple[Any, ...] = tuple(getattr(orig, 'args', ()))
    if len(args) == 2 and isinstance(args[0], int):  # PyMySQL: (code, message)
        text = f'{args[1]} ({args[0]})'
    else:
        text = str(orig)
    line = next((x.strip() for x in text.splitlines() if x.strip()), type(orig).__name__)
    if target.password:
        line = line.replace(target.password, '***')
    return redact(line)[:300]


# -- columns -------------------------------------------------------------------------------------
TEXT, NUMBER, BINARY, DATE, JSON, ANY = 'text', 'number', 'binary', 'date', 'json', 'any'


def column_kind(col_type: Any, dialect: str) -> str | None:
    """How a column is read, or None to skip it (booleans, floats, times, UUIDs, arrays of those...).
    An array of text or numbers (``text[]``, ``bigint[]``) is read like a JSON document."""
    if isinstance(col_type, sa.ARRAY) and isinstance(col_type.item_type, sa.String | sa.Integer | sa.Numeric):
        return JSON
    if isinstance(col_type, sa.Boolean | sa.Float | sa.Uuid | sa.ARRAY | sa.Interval | sa.Time):
        return None
    if isinstance(col_type, sa.JSON):
        return JSON
    if isinstance(col_type, sa.String):
        return TEXT
    if isinstance(col_type, sa.types._Binary):
        return BINARY
    if isinstance(col_type, sa.Integer):
        if dialect == 'sqlite':  # every SQLite integer is 64-bit, and may hold text
            return ANY
        return NUMBER if isinstance(col_type, sa.BigInteger) else None
    if isinstance(col_type, sa.Numeric):
        precision, scale = col_type.precision, col_type.scale or 0
        return NUMBER if precision is None or precision - scale >= 10 else None
    if isinstance(col_type, sa.DateTime):
        return None
    if isinstance(col_type, sa.Date):
        return DATE
    if isinstance(col_type, sa.types.NullType):
        return ANY if dialect == 'sqlite' else TEXT
    if type(col_type).__name__ in ('INET', 'CIDR', 'MACADDR', 'MACADDR8', 'CITEXT'):  # PostgreSQL
        return TEXT
    return None


BINARY_VALUE = object()


def render(value: Any) -> Any:
    """A cell as text for the recognisers; None for nothing to scan; BINARY_VALUE for binary data."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _digits(value)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            return None
        return _digits(int(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return _decode(bytes(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address | ipaddress.IPv4Interface
                  | ipaddress.IPv6Interface | ipaddress.IPv4Network | ipaddress.IPv6Network):
        return str(value)
    return None


def _digits(n: int) -> str:
    """An integer's digits; 9 or 10 digits get the leading zeros an integer loses back (national
    numbers of people born 2000-2009 start with 0)."""
    text = str(n)
    return text.zfill(11) if n > 0 and len(text) in (9, 10) else text


def _decode(data: bytes) -> Any:
    if not data:
        return None
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        return BINARY_VALUE
    controls = sum(1 for c in text if c < ' ' and c not in '\t\n\r')
    if '\x00' in text or controls > len(text) // 20:
        return BINARY_VALUE
    return text if text.strip() else None


@dataclass
class ColumnStats:
    """What the column classifier needs of one column, bounded in size.

    The classifier gets the first :data:`CLASSIFIER_VALUES` non-empty values (the *window*) and,
    so that it need not run the recognisers again, how many of exactly those values the engine
    matched per entity. ``cells`` counts matched cells over every row read.
    """

    name: str
    kind: str | None  # None: a column that is not read (its header alone is classified)
    values: list[str] = field(default_factory=list)
    non_empty: int = 0
    binary: int = 0
    #: last row whose value is in ``values``
    window_row: int = 0
    window_counts: Counter[str] = field(default_factory=Counter)
    #: entity -> cells (rows) with at least one finding of it
    cells: Counter[str] = field(default_factory=Counter)
    listed: Counter[str] = field(default_factory=Counter)
    last_row: dict[str, int] = field(default_factory=dict)

    def add_value(self, text: str, row: int) -> None:
        self.non_empty += 1
        if len(self.values) < CLASSIFIER_VALUES:
            self.values.append(text[:2000])
            self.window_row = row

    def count(self, entity: str, row: int) -> None:
        if self.last_row.get(entity) != row:
            self.last_row[entity] = row
            self.cells[entity] += 1
            if row <= self.window_row:
                self.window_counts[entity] += 1


# -- tables ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableRef:
    schema: str | None
    name: str
    label: str  # 'employees' or 'hr.employees' when not in the default schema


def scan_database(
    url: str, settings: Any, options: Options, sampled: list[dict[str, Any]] | None = None
) -> Iterator[FileResult]:
    """One FileResult per table of the database at ``url``.

    ``sampled``: gets one :func:`sample_note` per table read only in part (``--sample``), so that a
    report never calls a sample clean without saying so.

    Raises :class:`DatabaseError` (one line, no password) when the database cannot be opened,
    its tables cannot be listed, or not one table could be read.
    """
    from gdprscan.scanner import engine as engine_mod

    target = parse_target(url)
    db = connect(target)
    try:
        tables = _tables(db, target, options)
        if not tables:
            return
        detector = engine_mod.Engine(settings)  # a bad recogniser file fails here, before any fork
        if options.workers > 1 and len(tables) >= POOL_MIN_TABLES:
            db.dispose()  # no connection crosses a fork: each worker opens its own
            results = _pooled(url, detector, settings, options, tables)
        else:
            results = (_scan_table(db, target, ref, options, detector, settings) for ref in tables)
        failed = 0
        for fr, note in results:
            failed += fr.error is not None
            if note is not None and sampled is not None:
                sampled.append(note)
            yield fr.as_table()
        if failed == len(tables):
            raise DatabaseError(f'{target.display}: no table could be read ({fr.error})')
    finally:
        db.dispose()


#: Below this many tables a process pool costs more than it saves.
POOL_MIN_TABLES = 4
#: Set in the parent before the fork (the workers inherit the loaded recognisers), then per worker.
_detector: Any = None
_worker: tuple[Target, sa.Engine, Options, Any] | None = None
_worker_error: tuple[str, str] | None = None  # (URL as shown, reason)


def _init_worker(url: str, settings: Any, options: Options) -> None:
    """Each worker's own connection; never raises (a pool would respawn a failing initializer)."""
    global _worker, _worker_error
    signals.worker_init()
    try:
        target = parse_target(url)
        _worker = (target, connect(target), options, settings)
    except DatabaseError as e:
        _worker_error = (display_url(url), str(e))
    except Exception as e:
        _worker_error = (display_url(url), f'cannot open the database ({type(e).__name__})')


def _scan_in_worker(ref: TableRef) -> tuple[FileResult, dict[str, Any] | None]:
    if _worker is None:
        shown, reason = _worker_error or ('', 'no connection')
        return FileResult(f'{shown}#{ref.label}', [], error=reason), None
    target, db, options, settings = _worker
    return _scan_table(db, target, ref, options, _detector, settings)


def _pooled(
    url: str, detector: Any, settings: Any, options: Options, tables: list[TableRef]
) -> Iterator[tuple[FileResult, dict[str, Any] | None]]:
    """FileResults of ``tables`` in order, scanned by ``options.workers`` forked processes."""
    global _detector
    _detector = detector
    ctx = multiprocessing.get_context('fork')
    try:
        with ctx.Pool(min(options.workers, len(tables)), _init_worker, (url, settings, options)) as pool:
            yield from pool.imap(_scan_in_worker, tables)
    finally:
        _detector = None


def _tables(db: sa.Engine, target: Target, options: Options) -> list[TableRef]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', sa_exc.SAWarning)
            insp = sa.inspect(db)
            default = insp.default_schema_name
            schemas: list[str | None]
            if options.schemas:
                known = set(insp.get_schema_names())
                missing = [s for s in options.schemas if s not in known]
                if missing:
                    raise DatabaseError(f'{target.display}: no schema {missing[0]!r}')
                schemas = list(options.schemas)
            elif target.dialect == 'sqlite' or (target.dialect == 'mysql' and target.url.database):
                schemas = [None]
            else:
                system = SYSTEM_SCHEMAS[target.dialect]
                names = insp.get_schema_names()
                schemas = [s for s in names if s not in system and not s.startswith(('pg_toast', 'pg_temp'))]
            out = []
            for schema in schemas:
                for name in sorted(insp.get_table_names(schema=schema)):
                    if target.dialect == 'sqlite' and name.startswith('sqlite_'):
                        continue
                    if not options.wants(schema, name):
                        continue
                    label = name if schema in (None, default) else f'{schema}.{name}'
                    out.append(TableRef(schema, name, label))
            return out
    except sa_exc.DatabaseError as e:
        if target.dialect == 'sqlite' and 'not a database' in str(e):
            raise DatabaseError(f'{target.display}: not a SQLite database') from None
        raise DatabaseError(f'{target.display}: {_reason(e, target)}') from None
    except sa_exc.SQLAlchemyError as e:
        raise DatabaseError(f'{target.display}: {_reason(e, target)}') from None


def _scan_table(
    db: sa.Engine, target: Target, ref: TableRef, options: Options, detector: Any, settings: Any
) -> tuple[FileResult, dict[str, Any] | None]:
    """The table's FileResult, and its :func:`sample_note` when only a sample of its rows was read."""
    source = f'{target.display}#{ref.label}'
    note = None
    try:
        with db.connect() as conn:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore', sa_exc.SAWarning)
                md = sa.MetaData()
                table = sa.Table(ref.name, md, schema=ref.schema, autoload_with=conn, resolve_fks=False)
            columns = [(c, k) for c in table.columns if (k := column_kind(c.type, target.dialect))]
            unread = [c.name for c in table.columns if all(c is not r for r, _ in columns)]
            scan = TableScan(source, ref, columns, unread, _int_pk(table), options, detector, settings)
            if columns:
                wanted = [c for c, _ in columns]
                scan.sampling, rows = _rows(conn, target, table, wanted, scan.pk, options.sample)
                scan.run(rows)
                if _partial(scan.sampling, scan.rows, options.sample):
                    try:
                        total, exact = _row_count(conn, target, table, scan.pk, options.sample or 0)
                    except sa_exc.SQLAlchemyError:  # the rows were read: a count that fails is no error
                        total, exact = -1, False
                    if total < 0 or total > scan.rows:
                        note = sample_note(source, ref.label, scan.rows, total, exact, scan.sampling)
            conn.rollback()
        return scan.result(), note
    except DatabaseError as e:
        return FileResult(source, [], error=str(e)), None
    except sa_exc.SQLAlchemyError as e:
        return FileResult(source, [], error=_reason(e, target)), None
    except (MemoryError, RecursionError) as e:
        return FileResult(source, [], error=f'too complex to read ({type(e).__name__})'), None
    except Exception as e:  # a driver's or type's own exception: report the table, scan the next
        return FileResult(source, [], error=f'unreadable ({type(e).__name__})'), None


def sample_note(
    source: str, table: str, read: int, total: int, exact: bool, method: str
) -> dict[str, Any]:
    """What reports say of a table read in part: rows read of (about) how many (-1: not counted),
    and how chosen.

    >>> sample_note('sqlite:///a.db#t', 't', 5000, 20000, False, 'blocks')['text']
    'sampled 5,000 of ~20,000 rows'
    """
    of = f' of {"" if exact else "~"}{total:,}' if total >= 0 else ' (total not counted)'
    return {
        'source': source,
        'table': table,
        'rows_read': read,
        'rows_total': total,
        'rows_total_exact': exact,
        'method': method,
        'text': f'sampled {read:,}{of} rows' if total >= 0 else f'sampled {read:,} rows{of}',
    }


def _partial(method: str, read: int, sample: int | None) -> bool:
    """Whether a table may have more rows than were read: a sample method, or a LIMIT reached."""
    if sample is None or method == 'all':
        return False
    return method != 'limit' or read >= sample


#: A table is counted up to this many times the sample (a bounded count: never a whole big table).
COUNT_FACTOR = 20


def _row_count(
    conn: sa.Connection, target: Target, table: sa.Table, pk: sa.Column[Any] | None, sample: int
) -> tuple[int, bool]:
    """(rows in ``table``, exact?): cheap estimates for big tables (PostgreSQL's planner statistics;
    the span of the SQLite rowids or of an integer key), else a count bounded at
    ``COUNT_FACTOR * sample`` rows."""
    if target.dialect == 'postgresql':
        stats = _pg_stats(conn, table)
        if stats is not None and stats[0] > COUNT_FACTOR * sample:
            return int(stats[0]), False
    cap = COUNT_FACTOR * sample
    inner = sa.select(sa.literal(1)).select_from(table).limit(cap).subquery()
    n = int(conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one())
    if n < cap:
        return n, True
    key: Any = sa.literal_column('rowid') if target.dialect == 'sqlite' else pk
    bounds = _bounds(conn, table, key) if key is not None else None
    if bounds is not None and bounds[1] - bounds[0] + 1 > n:
        return bounds[1] - bounds[0] + 1, False
    return n, False


def _int_pk(table: sa.Table) -> sa.Column[Any] | None:
    """The single-column integer primary key, whose values are safe to print as locations."""
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, sa.Integer):
        return pk[0]
    return None


class TableScan:
    """A table's rows into findings: cells through the engine, then one finding per classified column."""

    def __init__(
        self,
        source: str,
        ref: TableRef,
        columns: Sequence[tuple[sa.Column[Any], str]],
        unread: Sequence[str],
        pk: sa.Column[Any] | None,
        options: Options,
        detector: Any,
        settings: Any,
    ) -> None:
        self.source = source
        self.ref = ref
        self.columns = columns
        self.pk = pk
        self.options = options
        self.detector = detector
        self.min_score = float(getattr(settings, 'min_score', 0.0) or 0.0)
        self.stats = [ColumnStats(c.name, kind) for c, kind in columns]
        #: columns not read (booleans, amounts, timestamps...): their headers may still name personal data
        self.unread = [ColumnStats(name, None) for name in unread]
        self.findings: list[Finding] = []
        self.rows = 0
        self.chars = 0
        self.sampling = 'none'

    def _location(self, column: str, row: int, pk: Any) -> dict[str, Any]:
        loc: dict[str, Any] = {'table': self.ref.label, 'column': column, 'row': row}
        if isinstance(pk, int) and not isinstance(pk, bool):
            loc['pk'] = pk
        return loc

    def run(self, rows: Iterable[Sequence[Any]]) -> None:
        units: list[TextUnit] = []
        for row in rows:
            self.rows += 1
            pk = row[0] if self.pk is not None else None
            values = row[1:] if self.pk is not None else row
            for stats, value in zip(self.stats, values, strict=True):
                text = render(value)
                if text is None:
                    continue
                if text is BINARY_VALUE:
                    stats.binary += 1
                    continue
                stats.add_value(text, self.rows)
                self.chars += len(text)
                units.append(TextUnit(text, self._location(stats.name, self.rows, pk), row_key=self.rows))
            if self.rows % CHUNK_ROWS == 0:
                self._detect(units)
                units = []
        if units:
            self._detect(units)

    def _detect(self, units: list[TextUnit]) -> None:
        by_name = {s.name: s for s in self.stats}
        cap = self.options.max_cell_findings
        for f in self.detector.detect(units, self.source):
            stats = by_name.get(str(f.location.get('column')))
            row = f.location.get('row')
            if stats is None or not isinstance(row, int):  # a finding the full profile made for the table
                self.findings.append(f)
                continue
            stats.count(f.entity, row)
            if cap and stats.listed[f.entity] >= cap:
                continue
            stats.listed[f.entity] += 1
            self.findings.append(f)

    def result(self) -> FileResult:
        return FileResult(self.source, self.findings + self.column_findings(), size=self.chars)

    def column_findings(self) -> list[Finding]:
        """One finding per column the column classifier recognises (see docs/databases.md)."""
        from gdprscan.classifiers.columns import classify_column

        out = []
        for stats in self.stats + self.unread:
            cc = classify_column(stats.name, stats.values, stats.window_counts)
            if cc is None:
                continue
            finding = self._column_finding(stats, cc)
            if finding.score >= self.min_score:
                out.append(finding)
        return out

    def _column_finding(self, stats: ColumnStats, cc: Any) -> Finding:
        by = cc.evidence
        share = float(cc.share)
        score = 0.95 if by == 'both' else (max(0.6, min(0.9, share)) if by == 'data' else 0.6)
        categories = tuple(cc.categories)
        # an art. 6 category with no entity of its own (marital status, salary...): FAMILY_DATA, ...
        entity = cc.entity or f'{categories[0].upper()}_DATA'
        location: dict[str, Any] = {'table': self.ref.label, 'column': stats.name}
        evidence: dict[str, Any] = {
            'level': 'column',
            'by': by,
            'share': round(share, 3),
            'sampled': self.rows,
            'sampling': self.sampling,
            'values': stats.non_empty,
            'checked': int(cc.sampled),
            'cells': stats.cells.get(entity, 0),
        }
        if stats.kind is None:
            evidence['read'] = False
        if stats.binary:
            evidence['binary_values'] = stats.binary
        return Finding(
            source=self.source,
            location=location,
            entity=entity,
            categories=categories,
            article=str(cc.article),
            score=score,
            recognizer='column_classifier',
            value='',
            evidence=evidence,
        )


# -- reading rows --------------------------------------------------------------------------------
def _stream(conn: sa.Connection, stmt: sa.Select[Any]) -> Iterator[Sequence[Any]]:
    result = conn.execution_options(stream_results=True, yield_per=BATCH_ROWS).execute(stmt)
    try:
        yield from result
    finally:
        result.close()


def _rows(
    conn: sa.Connection,
    target: Target,
    table: sa.Table,
    columns: list[sa.Column[Any]],
    pk: sa.Column[Any] | None,
    sample: int | None,
) -> tuple[str, Iterator[Sequence[Any]]]:
    """How rows are chosen ('all', 'limit', 'blocks', 'system', 'bernoulli') and the rows
    (the integer primary key first when there is one)."""
    wanted = ([pk] if pk is not None else []) + columns
    if sample is None:
        return 'all', _stream(conn, sa.select(*wanted))
    if target.dialect == 'postgresql':
        return _pg_sample(conn, table, wanted, sample)
    key: Any = None
    if target.dialect == 'sqlite':
        key = sa.literal_column('rowid')
    elif pk is not None:
        key = pk
    if key is not None:
        bounds = _bounds(conn, table, key)
        if bounds is not None and bounds[1] - bounds[0] + 1 > sample:
            return 'blocks', _block_sample(conn, wanted, key, bounds, sample)
    return 'limit', _stream(conn, sa.select(*wanted).limit(sample))


def _bounds(conn: sa.Connection, table: sa.Table, key: Any) -> tuple[int, int] | None:
    """(min, max) of an integer key, as two queries: each is one index seek, while SQLite answers
    ``SELECT min(k), max(k)`` by reading the whole table (0.4 s for a million rows)."""
    try:
        lo = conn.execute(sa.select(sa.func.min(key)).select_from(table)).scalar()
        hi = conn.execute(sa.select(sa.func.max(key)).select_from(table)).scalar()
    except sa_exc.OperationalError:  # a SQLite table WITHOUT ROWID
        return None
    if not isinstance(lo, int) or not isinstance(hi, int):
        return None
    return lo, hi


def _block_sample(
    conn: sa.Connection, wanted: list[Any], key: Any, bounds: tuple[int, int], sample: int
) -> Iterator[Sequence[Any]]:
    """Up to ``sample`` rows as evenly spread blocks of consecutive keys: index seeks, never a full
    scan. A block that finds fewer rows (deleted keys) leaves its share to the blocks after it."""
    lo, hi = bounds
    per_block = max(1, min(BLOCK_ROWS, sample // MIN_BLOCKS))
    blocks = math.ceil(sample / per_block)
    span = hi - lo + 1
    edges = [lo + span * i // blocks for i in range(blocks)] + [hi + 1]
    left = sample
    for i, (start, stop) in enumerate(zip(edges, edges[1:], strict=False)):
        limit = math.ceil(left / (blocks - i))
        stmt = sa.select(*wanted).where(key >= start, key < stop).order_by(key).limit(limit)
        for row in conn.execute(stmt):
            left -= 1
            yield row
        if left <= 0:
            return


#: TABLESAMPLE SYSTEM picks whole pages; below this many expected pages its sample is too lumpy.
MIN_SYSTEM_PAGES = 20


def _pg_stats(conn: Any, table: sa.Table) -> tuple[float, float] | None:
    """PostgreSQL planner statistics of ``table``: (rows, pages) as last analysed (rows -1: never)."""
    row = conn.execute(
        sa.text(
            'SELECT c.reltuples, c.relpages FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace '
            'WHERE n.nspname = coalesce(CAST(:schema AS text), current_schema()) AND c.relname = :name'
        ),
        {'schema': table.schema, 'name': table.name},
    ).first()
    return (float(row[0]), float(row[1])) if row is not None else None


def _pg_sample(
    conn: sa.Connection, table: sa.Table, wanted: list[Any], sample: int
) -> tuple[str, Iterator[Sequence[Any]]]:
    """TABLESAMPLE (fixed seed, twice the rows wanted, then LIMIT) when the planner's estimate says
    the table is well above ``sample`` rows: SYSTEM reads only the chosen pages; BERNOULLI, for
    tables too small for a fair page sample, reads every page but picks single rows."""
    stats = _pg_stats(conn, table)
    rows, pages = stats if stats is not None else (-1.0, 0.0)
    if rows <= 4 * sample:  # small, or never analysed (-1): LIMIT reads it cheaply
        return 'limit', _stream(conn, sa.select(*wanted).limit(sample))
    percent = min(100.0, 200.0 * sample / rows)
    method = 'system' if pages * percent / 100 >= MIN_SYSTEM_PAGES else 'bernoulli'
    sampled = sa.tablesample(table, getattr(sa.func, method)(percent), seed=sa.literal(0))
    cols = [sampled.c[c.name] for c in wanted]
    return method, _stream(conn, sa.select(*cols).limit(sample))
