"""Database scanning: a 1,000,000-row employees table (quick: 100,000) on SQLite and PostgreSQL.

Each scan runs ``gdprscan scan URL --include-table employees`` in its own process, once with the
default sample (5000 rows) and once with ``--sample all``; we report wall and CPU seconds (the CPU
figure holds when other processes share the machine), rows read per second of each, and the
scanning process's peak RSS (``ru_maxrss`` of a fresh parent's children). The rows read come from
the report itself (the column finding's ``sampled``), so a figure cannot count rows that were
never read. PostgreSQL: the server at GDPRSCAN_TEST_PG_URL, else one started (and
stopped) through tests/services.sh, else the PostgreSQL figures are reported as skipped.

    python benchmarks/bench_database.py [--quick]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
NAME = 'database'
COLUMNS = (
    'id', 'personnel_no', 'first_name', 'last_name', 'rijksregisternummer', 'birth_date', 'gender', 'email',
    'phone', 'iban', 'street', 'postal_code', 'city', 'language', 'department_id', 'hired_on', 'salary',
)
#: Targets (not asserted anywhere): a sample is quick whatever the table size; a full pass streams
#: (rows per CPU second of the scanning process, 12 scanned columns per row) in flat memory.
TARGET_SAMPLE_SECONDS = 3.0
TARGET_ROWS_PER_SECOND = 20_000
TARGET_RSS_MB = 250


def _hr() -> Any:
    spec = importlib.util.spec_from_file_location('hr_database', ROOT / 'samples' / 'hr_database.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(n: int) -> Iterator[tuple[Any, ...]]:
    for r in _hr().employee_rows(n, pool=2000):
        yield tuple(r[c] for c in COLUMNS)


def _create(engine: sa.Engine, schema: str | None) -> None:
    md = _hr().metadata(schema)
    tables = [md.tables[f'{schema}.departments' if schema else 'departments']]
    tables.append(md.tables[f'{schema}.employees' if schema else 'employees'])
    with engine.begin() as conn:
        md.create_all(conn, tables=tables)
        conn.execute(tables[0].insert(), [
            {'id': i, 'name': name, 'cost_center': cc, 'floor': 0}
            for i, (name, cc) in enumerate(_hr().DEPARTMENTS, start=1)
        ])


def _sqlite_value(v: Any) -> Any:
    """Dates as ISO text and amounts as text, as SQLAlchemy stores them in SQLite."""
    if hasattr(v, 'isoformat'):
        return v.isoformat()
    return str(v) if isinstance(v, Decimal) else v


def build_sqlite(path: Path, n: int) -> None:
    import sqlite3

    engine = sa.create_engine(f'sqlite:///{path}')
    _create(engine, None)
    engine.dispose()
    marks = ', '.join('?' * len(COLUMNS))
    with sqlite3.connect(path) as conn:
        conn.executemany(
            f'INSERT INTO employees ({", ".join(COLUMNS)}) VALUES ({marks})',
            (tuple(_sqlite_value(v) for v in row) for row in _rows(n)),
        )


def build_pg(url: str, schema: str, n: int) -> None:
    from gdprscan.scanner.database import parse_target

    engine = sa.create_engine(parse_target(url).url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA {schema}')
    _create(engine, schema)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(f'COPY {schema}.employees ({", ".join(COLUMNS)}) FROM STDIN') as copy:  # type: ignore[attr-defined]
            for row in _rows(n):
                copy.write_row(row)
        cur.execute(f'ANALYZE {schema}.employees')
        raw.commit()
    finally:
        raw.close()
        engine.dispose()


def drop_pg(url: str, schema: str) -> None:
    from gdprscan.scanner.database import parse_target

    engine = sa.create_engine(parse_target(url).url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS {schema} CASCADE')
    engine.dispose()


_MEASURE = (
    'import resource, subprocess, sys, time\n'
    't = time.perf_counter()\n'
    'rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n'
    'elapsed = time.perf_counter() - t\n'
    'ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n'
    'print(rc, elapsed, ru.ru_utime + ru.ru_stime, ru.ru_maxrss)\n'
)


def measure(target: str, extra: list[str], workdir: Path) -> dict[str, Any]:
    """Wall and CPU seconds, rows read and peak RSS (MB) of one scan in a fresh process."""
    report = workdir / f'report-{uuid.uuid4().hex[:8]}.json'
    cmd = [
        sys.executable, '-m', 'gdprscan.scanner.cli', 'scan', target, '--include-table', 'employees',
        '--format', 'json', '-o', str(report), '--no-progress', *extra,
    ]
    out = subprocess.run([sys.executable, '-c', _MEASURE, *cmd], capture_output=True, text=True, check=True)
    rc, seconds, cpu, rss_kb = out.stdout.split()
    if rc not in ('0', '1'):
        raise RuntimeError(f'scan failed with exit code {rc}: {out.stderr.strip()}')
    doc = json.loads(report.read_text(encoding='utf-8'))
    report.unlink()
    columns = [f for f in doc['findings'] if f['recognizer'] == 'column_classifier']
    sampled = max((f['evidence']['sampled'] for f in columns), default=0)
    return {'seconds': float(seconds), 'cpu': float(cpu), 'rows': int(sampled), 'rss_mb': int(rss_kb) / 1024}


def _figures(db: str, n: int, target: str, extra: list[str], workdir: Path) -> list[dict[str, Any]]:
    """The default sample and a full pass of one database."""
    out = []
    for label, sample in (('sample', []), ('all', ['--sample', 'all'])):
        m = measure(target, [*extra, *sample], workdir)
        bench = f'{NAME}_{db}_{n}_{label}'
        rate = m['rows'] / m['seconds'] if m['seconds'] else 0.0
        cpu_rate = m['rows'] / m['cpu'] if m['cpu'] else 0.0
        out += [
            {'benchmark': bench, 'metric': 'seconds', 'value': round(m['seconds'], 2), 'unit': 's',
             'target': f'<= {TARGET_SAMPLE_SECONDS}' if label == 'sample' else None},
            {'benchmark': bench, 'metric': 'cpu_seconds', 'value': round(m['cpu'], 2), 'unit': 's',
             'target': None},
            {'benchmark': bench, 'metric': 'rows_per_cpu_second', 'value': round(cpu_rate), 'unit': 'rows/s',
             'target': f'>= {TARGET_ROWS_PER_SECOND}' if label == 'all' else None},
            {'benchmark': bench, 'metric': 'rows_read', 'value': m['rows'], 'unit': 'rows',
             'target': 5000 if label == 'sample' else n},
            {'benchmark': bench, 'metric': 'rows_per_second', 'value': round(rate), 'unit': 'rows/s',
             'target': None},
            {'benchmark': bench, 'metric': 'peak_rss', 'value': round(m['rss_mb'], 1), 'unit': 'MB',
             'target': f'<= {TARGET_RSS_MB}'},
        ]
    return out


def _pg_answers(url: str) -> bool:
    from gdprscan.scanner.database import parse_target

    try:
        engine = sa.create_engine(parse_target(url).url, connect_args={'connect_timeout': 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


STOP = 'source tests/services.sh; _GDPRSCAN_PG_DIR="$1"; _GDPRSCAN_PG_BIN="$2"; services_stop'


def pg_server() -> tuple[str | None, Callable[[], None]]:
    """A PostgreSQL URL and how to stop it (a no-op for a server we did not start)."""
    url = os.environ.get('GDPRSCAN_TEST_PG_URL') or 'postgresql://postgres@127.0.0.1:5432/postgres'
    if _pg_answers(url):
        return url, lambda: None
    script = (
        'source tests/services.sh; unset GDPRSCAN_TEST_PG_URL; '
        'GDPRSCAN_TEST_MYSQL_URL=not-needed services_start; '
        'echo "${GDPRSCAN_TEST_PG_URL:-}"; echo "${_GDPRSCAN_PG_DIR:-}"; echo "${_GDPRSCAN_PG_BIN:-}"'
    )
    out = subprocess.run(['bash', '-c', script], cwd=ROOT, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) < 3 or not lines[0]:
        return None, lambda: None
    started, data_dir, bin_dir = lines[-3:]

    def stop() -> None:
        subprocess.run(
            ['bash', '-c', STOP, 'stop', data_dir, bin_dir],
            cwd=ROOT, capture_output=True,
        )

    return started, stop


def run(quick: bool = False) -> list[dict[str, Any]]:
    n = 100_000 if quick else 1_000_000
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix='gdprscan-bench-db-') as tmp:
        workdir = Path(tmp)
        path = workdir / 'employees.db'
        t = time.perf_counter()
        build_sqlite(path, n)
        results.append({'benchmark': f'{NAME}_sqlite_{n}_build', 'metric': 'seconds',
                        'value': round(time.perf_counter() - t, 1), 'unit': 's', 'target': None})
        results += _figures('sqlite', n, f'sqlite:///{path}', [], workdir)
        path.unlink()

        url, stop = pg_server()
        if url is None:
            results.append({'benchmark': f'{NAME}_postgresql_{n}', 'metric': 'skipped', 'value': 1,
                            'unit': 'no PostgreSQL server could be started', 'target': None})
            return results
        schema = f'gdprscan_bench_{uuid.uuid4().hex[:8]}'
        try:
            t = time.perf_counter()
            build_pg(url, schema, n)
            results.append({'benchmark': f'{NAME}_postgresql_{n}_build', 'metric': 'seconds',
                            'value': round(time.perf_counter() - t, 1), 'unit': 's', 'target': None})
            results += _figures('postgresql', n, url, ['--schema', schema], workdir)
        finally:
            drop_pg(url, schema)
            stop()
    return results


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--quick', action='store_true', help='100,000 rows instead of 1,000,000')
    for row in run(p.parse_args().quick):
        target = row['target'] or ''
        print(f"{row['benchmark']:<40} {row['metric']:<16} {row['value']!s:>12} {row['unit']:<8} {target}")
