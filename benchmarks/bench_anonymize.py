"""Benchmark of pseudonymised copies: a file tree (MB/s, against a scan of the same tree) and an
employee table copied SQLite -> SQLite (and PostgreSQL -> PostgreSQL when GDPRSCAN_TEST_PG_URL is
set): rows/s per core and peak memory.

    python benchmarks/bench_anonymize.py [--quick]

Targets: table copy >= 20,000 rows/s per core with memory flat in the row count; the file-tree
copy within 2x the time of a scan of the same tree.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

KEY = b'benchmark-key-0123456789abcdef'
FIRST = (
    'Jan',
    'Marie',
    'Luc',
    'Sofie',
    'Pieter',
    'Nathalie',
    'Koen',
    'Isabelle',
    'Dirk',
    'Ann',
    'Wim',
    'Els',
)
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
    'Lambert',
    'Dupont',
    'Simon',
    'Martin',
    'Hermans',
    'Michiels',
)
DEPTS = ('IT', 'HR', 'Sales', 'Finance', 'Legal', 'Ops')


def _people(n: int, seed: int = 1) -> Any:
    """n employees with unique valid national numbers, e-mails, IBANs and phone numbers."""
    rng = random.Random(seed)
    start = dt.date(1950, 1, 1).toordinal()
    for i in range(1, n + 1):
        # unique by construction: the index decides the birth date (day) and the counter
        date = dt.date.fromordinal(start + (i * 7919) % (365 * 50))
        serial = 1 + (i // (365 * 50)) % 997
        body = f'{date.year % 100:02d}{date.month:02d}{date.day:02d}{serial:03d}'
        rrn = body + f'{97 - int(body) % 97:02d}'
        account = f'063{i:07d}'
        bban = account + f'{int(account) % 97 or 97:02d}'
        check = 98 - int(bban + '111400') % 97
        first, last = rng.choice(FIRST), rng.choice(LAST)
        yield (
            i,
            f'E{i:07d}',
            first,
            last,
            f'{rrn[:2]}.{rrn[2:4]}.{rrn[4:6]}-{rrn[6:9]}.{rrn[9:]}',
            f'{first}.{last}.{i}@acme.be'.lower(),
            f'BE{check:02d}{bban}',
            f'+32 47{i % 10} {i % 1000000:06d}',
            date.isoformat(),
            round(2500 + rng.random() * 3000, 2),
        )


COLUMNS = (
    'id INTEGER PRIMARY KEY, personnel_no VARCHAR(10) NOT NULL, first_name VARCHAR(60), '
    'last_name VARCHAR(60), rijksregisternummer VARCHAR(15) NOT NULL UNIQUE, email VARCHAR(120), '
    'iban VARCHAR(34), phone VARCHAR(30), '
    'birth_date DATE, salary NUMERIC(10, 2)'
)


def make_sqlite(path: Path, n: int) -> None:
    con = sqlite3.connect(path)
    con.execute(f'CREATE TABLE employees ({COLUMNS})')
    con.executemany('INSERT INTO employees VALUES (?,?,?,?,?,?,?,?,?,?)', _people(n))
    con.commit()
    con.close()


def _copy_child(source: str, dest: str, cipher: str, out: Any) -> None:
    from gdprscan.anonymize.database import copy_database
    from gdprscan.anonymize.policy import from_dict

    started = time.perf_counter()
    cpu = time.process_time()
    result = copy_database(source, dest, KEY, from_dict({'cipher': cipher}), batch_size=5000)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rows = sum(t.rows for t in result.tables)
    out.send(
        (rows, seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, result.fk_violations)
    )


def _copy(source: str, dest: str, cipher: str) -> tuple[int, float, float, float, int]:
    """Copy in a fresh process (one core), so its peak RSS is the copy's own."""
    ctx = multiprocessing.get_context('fork')
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_copy_child, args=(source, dest, cipher, child))
    proc.start()
    res = parent.recv()
    proc.join()
    return res


def bench_tables(quick: bool, work: Path) -> list[dict[str, Any]]:
    out = []
    sizes = (20_000, 100_000) if quick else (100_000, 1_000_000)
    for cipher in ('feistel', 'ff3'):
        peaks = []
        for n in sizes:
            src = work / f'src_{n}.db'
            if not src.exists():
                make_sqlite(src, n)
            dest = work / f'copy_{cipher}_{n}.db'
            rows, seconds, cpu, peak, fk = _copy(f'sqlite:///{src}', f'sqlite:///{dest}', cipher)
            dest.unlink(missing_ok=True)
            peaks.append(peak)
            out.append(
                {
                    'benchmark': f'anonymize sqlite->sqlite {n:,} rows x 10 cols ({cipher})',
                    'metric': 'rows per CPU second',
                    'value': round(rows / cpu),
                    'unit': 'rows/s',
                    'target': '>= 20000',
                }
            )
            out.append(
                {
                    'benchmark': f'anonymize sqlite->sqlite {n:,} rows x 10 cols ({cipher})',
                    'metric': 'rows/s (wall)',
                    'value': round(rows / seconds),
                    'unit': 'rows/s',
                    'target': '>= 20000',
                }
            )
            out.append(
                {
                    'benchmark': f'anonymize sqlite->sqlite {n:,} rows ({cipher})',
                    'metric': 'peak RSS',
                    'value': round(peak),
                    'unit': 'MiB',
                    'target': 'flat in the row count',
                }
            )
    pg = os.environ.get('GDPRSCAN_TEST_PG_URL')
    if pg:
        for cipher in ('ff3', 'feistel'):
            out.extend(bench_postgres(pg, sizes[-1], work, cipher))
    return out


def bench_postgres(base: str, n: int, work: Path, cipher: str = 'ff3') -> list[dict[str, Any]]:
    import sqlalchemy as sa

    admin = sa.create_engine(base, isolation_level='AUTOCOMMIT')
    names = [f'gdprscan_bench_{uuid.uuid4().hex[:8]}' for _ in range(2)]
    url = sa.engine.make_url(base)
    urls = [url.set(database=x).render_as_string(hide_password=False) for x in names]
    try:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'CREATE DATABASE {name}'))
        src = sa.create_engine(urls[0])
        with src.begin() as conn:
            conn.execute(
                sa.text(
                    f'CREATE TABLE employees ({COLUMNS.replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY")})'
                )
            )
            raw = conn.connection.driver_connection
            with raw.cursor().copy('COPY employees FROM STDIN') as copy:
                for row in _people(n):
                    copy.write_row(row)
        src.dispose()
        rows, seconds, cpu, peak, _ = _copy(urls[0], urls[1], cipher)
        return [
            {
                'benchmark': f'anonymize postgres->postgres {n:,} rows x 10 cols ({cipher})',
                'metric': 'rows per CPU second',
                'value': round(rows / cpu),
                'unit': 'rows/s',
                'target': '>= 20000',
            },
            {
                'benchmark': f'anonymize postgres->postgres {n:,} rows x 10 cols ({cipher})',
                'metric': 'rows/s (wall)',
                'value': round(rows / seconds),
                'unit': 'rows/s',
                'target': '>= 20000',
            },
            {
                'benchmark': f'anonymize postgres->postgres {n:,} rows ({cipher})',
                'metric': 'peak RSS',
                'value': round(peak),
                'unit': 'MiB',
                'target': 'flat in the row count',
            },
        ]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
        admin.dispose()


def make_tree(root: Path, files: int) -> int:
    """A tree of CSV and text files full of personal data; returns its size in bytes."""
    rng = random.Random(5)
    people = list(_people(files * 60, seed=3))
    size = 0
    for f in range(files):
        folder = root / f'dept{f % 8}'
        folder.mkdir(parents=True, exist_ok=True)
        chunk = people[f * 60 : (f + 1) * 60]
        if f % 2:
            lines = ['id;personnel_no;first_name;last_name;rrn;email;iban;phone;birth_date;salary']
            lines += [';'.join(str(x) for x in p) for p in chunk]
            path = folder / f'export{f}.csv'
        else:
            lines = []
            for p in chunk:
                lines.append(
                    f'Dossier {p[1]}: {p[2]} {p[3]} (RRN {p[4]}) werkt sinds {rng.randrange(1990, 2024)} bij '
                    f'ons; loon op rekening {p[6]}, bereikbaar via {p[5]} of {p[7]}. ' + 'Lorem ipsum. ' * 10
                )
            path = folder / f'letter{f}.txt'
        path.write_text('\n'.join(lines) + '\n', 'utf-8')
        size += path.stat().st_size
    return size


def bench_tree(quick: bool, work: Path) -> list[dict[str, Any]]:
    from gdprscan.anonymize.actions import Actions
    from gdprscan.anonymize.files import anonymize_tree
    from gdprscan.anonymize.policy import from_dict
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings
    from gdprscan.scanner.engine import scan_files
    from gdprscan.scanner.walk import walk

    root = work / 'tree'
    size = make_tree(root, 200 if quick else 1000)
    mb = size / 1e6
    settings = Settings(min_score=0.0)
    policy = from_dict({})  # the default cipher (FF3-1)
    started = time.perf_counter()
    n = sum(1 for _ in scan_files(list(walk([str(root)])), settings))
    scan = time.perf_counter() - started
    out_dir = work / 'tree_copy'
    started = time.perf_counter()
    report = anonymize_tree(root, out_dir, Actions(KEY, policy), Engine(settings))
    copy = time.perf_counter() - started
    assert n == len(report.files) and not report.errors
    shutil.rmtree(out_dir)
    # The same work in this one process: CPU seconds do not depend on how busy the machine is.
    cpu = time.process_time()
    sum(1 for _ in scan_files(list(walk([str(root)])), settings, workers=1))
    scan_cpu = time.process_time() - cpu
    cpu = time.process_time()
    anonymize_tree(root, out_dir, Actions(KEY, policy), Engine(settings), workers=1)
    copy_cpu = time.process_time() - cpu
    shutil.rmtree(out_dir)
    return [
        {
            'benchmark': f'scan file tree ({mb:.1f} MB, {n} files)',
            'metric': 'throughput',
            'value': round(mb / scan, 2),
            'unit': 'MB/s',
            'target': None,
        },
        {
            'benchmark': f'anonymize file tree ({mb:.1f} MB, {n} files, ff3)',
            'metric': 'throughput',
            'value': round(mb / copy, 2),
            'unit': 'MB/s',
            'target': None,
        },
        {
            'benchmark': 'anonymize file tree vs scan',
            'metric': 'time ratio',
            'value': round(copy / scan, 2),
            'unit': 'x',
            'target': '<= 2',
        },
        {
            'benchmark': 'anonymize file tree vs scan, one worker',
            'metric': 'CPU time ratio',
            'value': round(copy_cpu / scan_cpu, 2),
            'unit': 'x',
            'target': '<= 2',
        },
    ]


def bench_distinct(quick: bool) -> list[dict[str, Any]]:
    """Surrogates of 1,000,000 distinct valid national numbers and IBANs: all valid, all distinct."""
    from gdprscan.anonymize.surrogates import Surrogates
    from stdnum import iban
    from stdnum.be import nn

    n = 100_000 if quick else 1_000_000
    sur = Surrogates(KEY, cipher='feistel')
    out = []
    for entity, column, valid in (('BE_NATIONAL_NUMBER', 4, nn.is_valid), ('IBAN_CODE', 6, iban.is_valid)):
        seen: set[str] = set()
        invalid = 0
        values = [person[column] for person in _people(n, seed=2)]  # generated outside the timing
        started = time.perf_counter()
        for value in values:
            seen.add(sur.replace(entity, value))
        seconds = time.perf_counter() - started
        for s in list(seen)[:20_000]:  # stdnum's own check on a sample (it costs more than the surrogate)
            invalid += not valid(s)
        out.append(
            {
                'benchmark': f'{n:,} distinct {entity} surrogates (feistel)',
                'metric': 'collisions',
                'value': n - len(seen),
                'unit': 'values',
                'target': '0',
            }
        )
        out.append(
            {
                'benchmark': f'{n:,} distinct {entity} surrogates (feistel)',
                'metric': 'invalid in 20,000',
                'value': invalid,
                'unit': 'values',
                'target': '0',
            }
        )
        out.append(
            {
                'benchmark': f'{n:,} distinct {entity} surrogates (feistel)',
                'metric': 'throughput',
                'value': round(n / seconds),
                'unit': 'values/s',
                'target': None,
            }
        )
    return out


def run(quick: bool = False) -> list[dict[str, Any]]:
    work = Path(tempfile.mkdtemp(prefix='gdprscan-bench-anon-'))
    try:
        return bench_tree(quick, work) + bench_tables(quick, work) + bench_distinct(quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    for row in run(quick='--quick' in sys.argv):
        print(
            f'{row["benchmark"]:<70} {row["metric"]:<16} {row["value"]:>12} {row["unit"]:<7} '
            f'target {row["target"]}'
        )
