"""Archives and path names: ``python benchmarks/bench_archives.py [--quick]``.

What reading inside ``.zip``/``.gz`` costs against the same CSV unpacked (engine end to end, one
process, identifier profile), and what scanning file and folder names costs per file on both
profiles (``scanner/path_names.py``: three readings of each name on the full profile).
Timings take the best of three runs.
"""

from __future__ import annotations

import gzip
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

MB = 1024 * 1024
NAME = 'archives'
RRN = '85.07.30-033.28'


def _row(metric: str, value: float | str, unit: str, target: str = '') -> dict[str, Any]:
    return {'benchmark': NAME, 'metric': metric, 'value': value, 'unit': unit, 'target': target}


def _best(fn: Callable[[], float], runs: int = 3) -> float:
    return min(fn() for _ in range(runs))


def _csv(rows: int) -> bytes:
    rng = random.Random(1)
    lines = ['naam;insz;afdeling;opmerking']
    for i in range(rows):
        insz = RRN if i % 10 == 0 else f'W-{i:06d}'
        lines.append(f'Werknemer {i};{insz};dienst {rng.randint(1, 40)};loon periode {rng.randint(1, 12)}')
    return ('\n'.join(lines) + '\n').encode()


def _scan_seconds(path: Path) -> Callable[[], float]:
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings
    from gdprscan.scanner.walk import Candidate

    engine = Engine(Settings())

    def once() -> float:
        start = time.perf_counter()
        result = engine.scan_file(Candidate(path, path.name))
        assert result.error is None and result.findings, result.error
        return time.perf_counter() - start

    return once


def _names_ms(profile: str, n: int) -> float:
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    engine = Engine(Settings(profile=profile))
    engine.name_findings(Path('x'), 'warm up/Jan Peeters.txt')
    paths = [f'dossiers/Werknemer {i % 50}/Loonfiche Peeters Jan 2024-{i:04d}.pdf' for i in range(n)]
    start = time.perf_counter()
    for p in paths:
        engine.name_findings(Path(p), p)
    return (time.perf_counter() - start) / n * 1000


def run(quick: bool = False) -> list[dict[str, Any]]:
    rows = 40_000 if quick else 200_000
    data = _csv(rows)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp, 'export.csv')
        plain.write_bytes(data)
        zipped = Path(tmp, 'export.zip')
        with zipfile.ZipFile(zipped, 'w', zipfile.ZIP_DEFLATED) as zf:
            zf.writestr('export.csv', data)
        gz = Path(tmp, 'export.csv.gz')
        gz.write_bytes(gzip.compress(data))
        mb = len(data) / MB
        for label, path in (('csv', plain), ('zip', zipped), ('gz', gz)):
            seconds = _best(_scan_seconds(path))
            out.append(_row(f'scan {label} ({mb:.1f} MB of CSV)', round(mb / seconds, 1), 'MB/s'))
    n = 300 if quick else 2000
    out.append(_row('path names, identifiers profile', round(_names_ms('identifiers', n), 3), 'ms/file'))
    out.append(_row('path names, full profile', round(_names_ms('full', n), 3), 'ms/file'))
    return out


if __name__ == '__main__':
    for r in run('--quick' in sys.argv):
        print(f'{r["metric"]:45} {r["value"]:>10} {r["unit"]}')
