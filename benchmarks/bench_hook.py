"""Pre-commit hook speed: ``gdprscan scan --hook FILES`` against ``detect-secrets-hook`` on the same files.

A hook runs on every commit, so what counts is the wall time of a cold process on
a handful of staged files. Fixtures: 1, 50 and 500 small files (mixed CSV, JSON,
SQL, YAML, Python, 1-3 KB each, a few valid identifiers among many hard
negatives), generated under /tmp. Both commands run several times, alternating
(a load spike hits both alike), after one warm-up run; the median wall time is
reported, measured by a tiny wrapper process around the command so Python
start-up of the benchmark itself is not counted. Peak memory is the
largest resident set of the command or any of its worker processes
(``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in the wrapper).

Goal (issue #6): no slower than detect-secrets on 50 files.

    python benchmarks/bench_hook.py [--quick]
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum.be import nn

SIZES = (1, 50, 500)
KINDS = ('csv', 'json', 'sql', 'yaml', 'py')
FIRST = ('Jan', 'Marie', 'Pieter', 'Sophie', 'Luc', 'Nathalie', 'Tom', 'Elise', 'Mohamed', 'Fatima')
LAST = ('Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Dubois', 'Lambert', 'Dupont', 'De Smet')
BANKS = ('096', '001', '068', '310', '363', '735', '143', '091', '063', '732')

_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
print(json.dumps({'wall': wall, 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def national_number(rng: random.Random) -> str:
    """A made-up, checksum-valid national number born before 2000 (validated by python-stdnum)."""
    while True:
        born = f'{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}'
        base = born + f'{rng.randint(1, 997):03d}'
        number = base + f'{97 - int(base) % 97:02d}'
        if nn.is_valid(number):
            return number


def iban(rng: random.Random) -> str:
    while True:
        bban = rng.choice(BANKS) + f'{rng.randint(0, 9999999):07d}'
        bban += f'{int(bban) % 97 or 97:02d}'
        check = std_iban.calc_check_digits('BE00' + bban)
        number = f'BE{check}{bban}'
        if std_iban.is_valid(number):
            return number


def _negatives(rng: random.Random) -> dict[str, str]:
    return {
        'order': f'ORD-{rng.randint(100000, 999999)}',
        'amount': f'{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}',
        'date': f'2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}',
        'ref': f'+++{rng.randint(100, 999)}/{rng.randint(1000, 9999)}/{rng.randint(10000, 99999)}+++',
        'code': f'{rng.randint(10000000000, 99999999999)}',  # 11 digits, almost never a valid national number
    }


def fixture(kind: str, i: int, rng: random.Random) -> str:
    """One file's text; every seventh file holds a national number, another an IBAN."""
    rows = []
    for r in range(rng.randint(12, 30)):
        neg = _negatives(rng)
        name = f'{rng.choice(FIRST)} {rng.choice(LAST)}'
        rows.append((r, name, neg))
    secret = national_number(rng) if i % 7 == 0 else None
    account = iban(rng) if i % 7 == 3 else None
    if kind == 'csv':
        lines = ['id,naam,bestelling,bedrag,datum,referentie,code']
        lines += [
            f'{r},{n},{g["order"]},{g["amount"]},{g["date"]},{g["ref"]},{g["code"]}' for r, n, g in rows
        ]
        if secret:
            lines.append(f'99,Test Persoon,ORD-1,1.00,2024-01-01,-,{secret}')
        return '\n'.join(lines) + '\n'
    if kind == 'json':
        items: list[dict[str, Any]] = [
            {
                'id': r,
                'name': n,
                'order': g['order'],
                'amount': g['amount'],
                'date': g['date'],
                'code': g['code'],
            }
            for r, n, g in rows
        ]
        if account:
            items.append({'id': 99, 'iban': account})
        return json.dumps(items, indent=2) + '\n'
    if kind == 'sql':
        lines = ['CREATE TABLE orders (id int, name text, ref text, amount numeric, day date);']
        lines += [
            f"INSERT INTO orders VALUES ({r}, '{n}', '{g['order']}', {g['amount']}, '{g['date']}');"
            for r, n, g in rows
        ]
        if secret:
            lines.append(f"INSERT INTO people VALUES (99, 'Test', '{secret}');")
        return '\n'.join(lines) + '\n'
    if kind == 'yaml':
        lines = ['orders:']
        for r, n, g in rows:
            lines += [
                f'  - id: {r}',
                f'    name: {n}',
                f'    ref: "{g["ref"]}"',
                f'    amount: {g["amount"]}',
            ]
        if account:
            lines.append(f'payout_account: {account}')
        return '\n'.join(lines) + '\n'
    lines = ['"""Generated fixture module."""', 'ORDERS = [']
    lines += [f'    ({r}, {n!r}, {g["order"]!r}, {g["amount"]}, {g["date"]!r}),' for r, n, g in rows]
    lines.append(']')
    if secret:
        lines.append(f'TEST_RRN = {secret!r}')
    return '\n'.join(lines) + '\n'


def make_fixtures(folder: Path, count: int, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    names = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        name = f'fixtures/f{i:04d}.{kind}'
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fixture(kind, i, rng), encoding='utf-8')
        names.append(name)
    return names


def once(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``cmd``, measured by the wrapper process."""
    done = subprocess.run(
        [sys.executable, '-c', _WRAPPER, *cmd], cwd=cwd, capture_output=True, text=True, check=True
    )
    m = json.loads(done.stdout)
    return m['wall'], m['maxrss_kb'] / 1024


def measure(cmds: list[list[str]], cwd: Path, runs: int) -> list[tuple[float, float]]:
    """Median wall seconds and peak RSS (MB) per command; runs alternate, so a load spike hits all alike."""
    walls: list[list[float]] = [[] for _ in cmds]
    peaks: list[list[float]] = [[] for _ in cmds]
    for i in range(runs + 1):  # run 0 warms the file cache
        for j, cmd in enumerate(cmds):
            wall, peak = once(cmd, cwd)
            if i:
                walls[j].append(wall)
                peaks[j].append(peak)
    return [(statistics.median(w), max(p)) for w, p in zip(walls, peaks, strict=True)]


def run(quick: bool = False) -> list[dict[str, Any]]:
    gdprscan = shutil.which('gdprscan')
    detect = shutil.which('detect-secrets-hook')
    if gdprscan is None:
        raise RuntimeError('gdprscan is not installed (pip install -e .)')
    runs = 3 if quick else 7
    folder = Path(tempfile.mkdtemp(prefix='gdprscan-bench-hook-'))
    rows: list[dict[str, Any]] = []
    try:
        names = make_fixtures(folder, max(SIZES))
        for n in SIZES:
            files = names[:n]
            cmds = [[gdprscan, 'scan', '--hook', *files]] + ([[detect, *files]] if detect else [])
            measured = measure(cmds, folder, runs)
            wall, peak = measured[0]
            target = '<= detect-secrets' if n == 50 else None
            rows.append(_row(f'gdprscan --hook wall, {n} files', round(wall, 3), 's', target))
            rows.append(_row(f'gdprscan --hook peak RSS, {n} files', round(peak, 1), 'MB', None))
            if detect is None:
                continue
            d_wall, d_peak = measured[1]
            rows.append(_row(f'detect-secrets-hook wall, {n} files', round(d_wall, 3), 's', None))
            rows.append(_row(f'detect-secrets-hook peak RSS, {n} files', round(d_peak, 1), 'MB', None))
            rows.append(
                _row(
                    f'ratio gdprscan/detect-secrets wall, {n} files',
                    round(wall / d_wall, 2),
                    'x',
                    '<= 1' if n == 50 else None,
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def _row(metric: str, value: float, unit: str, target: str | None) -> dict[str, Any]:
    return {'benchmark': 'hook', 'metric': metric, 'value': value, 'unit': unit, 'target': target}


if __name__ == '__main__':
    for r in run(quick='--quick' in sys.argv):
        print(f'{r["metric"]:<48} {r["value"]:>10} {r["unit"]:<3} {r["target"] or ""}')
