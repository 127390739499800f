"""Peak memory of an XLSX copy: a generated workbook of personnel rows (names, national numbers,
e-mail addresses, phone numbers, amounts) copied by `gdprscan anonymize` in a child process, whose
peak resident set size is compared with the file size.

    python benchmarks/bench_xlsx_memory.py [--quick]

The XLSX writer loads the whole workbook with openpyxl (styles, formulas, comments, charts and
other sheets kept); this measures what that costs. No target: the figure is documented in
docs/anonymize.md ("Memory of XLSX copies").
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KEY_HEX = '62656e63682d786c73782d6d656d6f72792d6b6579'
FIRST = ('Jan', 'Marie', 'Luc', 'Sofie', 'Pieter', 'Nathalie', 'Koen', 'Isabelle', 'Dirk', 'Ann')
LAST = ('Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters')
DEPARTMENTS = ('Logistiek', 'Boekhouding', 'Verkoop', 'Informatique', 'Ressources humaines')


def _national_number(rng: random.Random) -> str:
    year, month, day, counter = (
        rng.randint(1950, 1999),
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(1, 997),
    )
    body = f'{year % 100:02d}{month:02d}{day:02d}{counter:03d}'
    return f'{body}{97 - int(body) % 97:02d}'


def make_workbook(path: Path, rows: int, seed: int = 7) -> int:
    """A one-sheet workbook of ``rows`` personnel rows (write-only mode); its size in bytes."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet('Personeel')
    ws.append(['Naam', 'Voornaam', 'INSZ', 'E-mail', 'GSM', 'Brutoloon', 'Afdeling'])
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        ws.append(
            [
                last,
                first,
                _national_number(rng),
                f'{first.lower()}.{last.lower()}.{i}@firma.example',
                f'04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}',
                round(rng.uniform(2000, 6000), 2),
                rng.choice(DEPARTMENTS),
            ]
        )
    wb.save(path)
    return path.stat().st_size


def _copy_child(src: str, dst: str, out: Any) -> None:
    """The XLSX writer of `gdprscan anonymize` on one workbook, without the per-file timeout (120 s,
    which a 20 MB workbook exceeds on a busy machine): what the copy of such a workbook costs."""
    from gdprscan.anonymize.actions import Actions
    from gdprscan.anonymize.text import Rewriter
    from gdprscan.anonymize.writers import Context
    from gdprscan.anonymize.writers import write_xlsx
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    started = time.perf_counter()
    actions = Actions(bytes.fromhex(KEY_HEX))
    ctx = Context(Rewriter(Engine(Settings()), actions), actions.policy, Path(src).name)
    write_xlsx(Path(src), Path(dst), ctx)
    replaced = sum(ctx.rewriter.counts.values())
    out.send(
        (replaced, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    )


def run(quick: bool = False) -> list[dict[str, Any]]:
    rows = 20_000 if quick else 375_000  # ~20 MB
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / 'personeel.xlsx', Path(tmp) / 'copy.xlsx'
        size_mb = make_workbook(src, rows) / 1e6
        ctx = multiprocessing.get_context('spawn')  # a fresh process: its peak is the copy's alone
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_copy_child, args=(str(src), str(dst), child))
        proc.start()
        replaced, seconds, peak_mb = parent.recv()
        proc.join()
    name = f'xlsx copy, {rows} rows ({size_mb:.1f} MB)'
    return [
        {'benchmark': name, 'metric': 'values replaced', 'value': replaced, 'unit': '', 'target': None},
        {'benchmark': name, 'metric': 'peak RSS', 'value': round(peak_mb), 'unit': 'MB', 'target': None},
        {
            'benchmark': name,
            'metric': 'peak RSS / file size',
            'value': round(peak_mb / size_mb, 1),
            'unit': 'x',
            'target': None,
        },
        {'benchmark': name, 'metric': 'time', 'value': round(seconds, 1), 'unit': 's', 'target': None},
    ]


if __name__ == '__main__':
    for result in run(quick='--quick' in sys.argv):
        print(result)
