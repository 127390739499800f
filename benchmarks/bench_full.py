"""Full profile on prose: MB/s per core and peak memory; the identifier profile beside it.

``python benchmarks/bench_full.py [--quick]``. A text file of letters, e-mails, notes, policies
and invoices in nl/fr/en (from ``benchmarks/eval/generate.py``, several seeds, repeated to
size) is scanned by one process with ``Engine.scan_file`` (the text extractor included), once
with ``profile='full'`` (names, addresses, birth dates, special categories) and once with
``profile='identifiers'``. Each run is a fresh child process, so its peak RSS is its own; MB/s of
one process is MB/s per core; times are CPU seconds of that process (``time.process_time``), so
other work on the machine does not skew them (start-up is wall time). A third child checks that
the identifier profile's start-up does not import the full profile's modules, lists or spaCy,
and times ``gdprscan scan`` on a small file (imports included). Target: >= 2 MB/s per core with everything on.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_MBS = 2.0
#: Modules that must not load in the identifier profile.
HEAVY = ('gdprscan.recognizers.person', 'gdprscan.recognizers.wordlists', 'gdprscan.scanner.full_profile',
         'spacy', 'faker')  # fmt: skip


def make_prose(path: Path, size: int, seed: int = 11) -> int:
    """Write about ``size`` bytes of prose documents to ``path``; return the byte count.

    About 600 KB of distinct documents (three seeds of the evaluation generator, tables left out),
    shuffled and repeated to size: the recognisers keep no cache across chains, so repetition does
    not flatter them.
    """
    sys.path.insert(0, str(HERE / 'eval'))
    import generate

    docs: list[str] = []
    for s in range(3):
        docs.extend(d['text'] for d in generate.generate(seed + s * 101, 120) if d['kind'] != 'table')
    rng = random.Random(seed)
    written = 0
    with path.open('w', encoding='utf-8') as f:
        while written < size:
            rng.shuffle(docs)
            for text in docs:
                chunk = text + '\n\n'
                f.write(chunk)
                written += len(chunk.encode('utf-8'))
                if written >= size:
                    break
    return written


def _child(profile: str, file: str) -> None:
    """Scan ``file`` in this process and print seconds, findings and peak RSS as JSON."""
    import resource

    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings
    from gdprscan.scanner.walk import Candidate

    started = time.perf_counter()
    from gdprscan.scanner.limits import Limits

    # no per-file time limit: the benchmark measures, it does not give up
    engine = Engine(Settings(profile=profile, min_score=0.5, limits=Limits(file_timeout=0)))
    warm = time.perf_counter()
    engine.detect(iter(()), 'warm-up')  # lists load on first use: count that in start-up, not throughput
    from gdprscan.scanner.types import TextUnit

    engine.detect([TextUnit('Beste Jan Peeters, geboren op 12/03/1985.', {'line': 1})], 'warm-up')
    warm_end = time.perf_counter()
    t0 = time.process_time()
    result = engine.scan_file(Candidate(Path(file), file))
    t1 = time.process_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                'seconds': t1 - t0,
                'startup': warm_end - started,
                'engine_init': warm - started,
                'findings': len(result.findings),
                'error': result.error,
                'peak_mb': peak_kb / 1024,
            }
        )
    )


def _startup_check(small: str) -> None:
    """Identifier profile: which heavy modules load, and how long a CLI scan of a small file takes."""
    t0 = time.process_time()
    from gdprscan.scanner.cli import main

    code = main(['scan', small, '--format', 'jsonl', '--output', small + '.out'])
    elapsed = time.process_time() - t0
    loaded = [m for m in HEAVY if m in sys.modules]
    print(json.dumps({'seconds': elapsed, 'exit': code, 'loaded': loaded}))


def _run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _row(name: str, metric: str, value: Any, unit: str, target: str = '') -> dict[str, Any]:
    return {'benchmark': name, 'metric': metric, 'value': value, 'unit': unit, 'target': target}


def make_share_prose(path: Path, size: int) -> int:
    """Share-like prose (``gen_share.write_big_text``: HR sentences, mails, invoices; few names)."""
    sys.path.insert(0, str(HERE))
    import gen_share

    gen_share.write_big_text(path, size)
    return path.stat().st_size


def run(quick: bool = False) -> list[dict[str, Any]]:
    size = (1 if quick else 4) * 1024 * 1024
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {
            'share prose': make_share_prose(Path(tmp) / 'share.txt', size),
            'letters (name-dense)': make_prose(Path(tmp) / 'letters.txt', size),
        }
        files = {'share prose': Path(tmp) / 'share.txt', 'letters (name-dense)': Path(tmp) / 'letters.txt'}
        for corpus, nbytes in corpora.items():
            mb = nbytes / 1e6
            for profile in ('full', 'identifiers'):
                r = _run_child('--child', profile, str(files[corpus]))
                if r.get('error'):
                    raise RuntimeError(f'{profile}: {r["error"]}')
                name = f'full_profile/{profile}/{corpus}'
                target = f'>= {TARGET_MBS}' if profile == 'full' else 'unchanged'
                rows.append(_row(name, 'throughput per core', round(mb / r['seconds'], 2), 'MB/s', target))
                rows.append(_row(name, 'peak memory (RSS)', round(r['peak_mb'], 1), 'MB'))
                rows.append(_row(name, 'start-up (engine, lists)', round(r['startup'], 3), 's'))
                rows.append(_row(name, f'findings in {mb:.1f} MB', r['findings'], 'findings'))
        small = Path(tmp) / 'small.txt'
        small.write_text('RRN 85.07.30-033.28\nBeste Jan Peeters,\n', encoding='utf-8')
        r = _run_child('--startup', str(small))
        name = 'full_profile/identifiers'
        rows.append(_row(name, 'CLI scan of a small file (CPU s)', round(r['seconds'], 3), 's', '< 0.5'))
        loaded = _row(name, 'full-profile modules loaded', len(r['loaded']), 'modules', '0')
        loaded['detail'] = ', '.join(r['loaded'])
        rows.append(loaded)
    return rows


if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == '--child':
        _child(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == '--startup':
        _startup_check(sys.argv[2])
    else:
        for row in run(quick='--quick' in sys.argv):
            print(
                f'{row["benchmark"]:<50} {row["metric"]:<38} {row["value"]:>9} {row["unit"]:<9} '
                f'{row["target"]}'
            )
