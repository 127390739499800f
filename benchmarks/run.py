"""Run every benchmark and print one table: ``python benchmarks/run.py [--quick] [--only NAME]``.

Each ``benchmarks/bench_*.py`` module has ``run(quick: bool) -> list[dict]``; a dict is one
measured figure: benchmark, metric, value, unit and target. Figures go to stdout and, as
JSON, to ``benchmarks/out/results.json``. Speed and memory targets live here, never in
timed tests.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HERE))
    sys.modules[spec.name] = module  # so a benchmark's spawned child process can find its functions
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--quick', action='store_true', help='smaller data, for a first look')
    p.add_argument('--only', action='append', default=[], help='run only bench_NAME (repeatable)')
    args = p.parse_args(argv)
    rows: list[dict[str, Any]] = []
    failed = []
    for path in sorted(HERE.glob('bench_*.py')):
        name = path.stem.removeprefix('bench_')
        if args.only and name not in args.only:
            continue
        print(f'== {path.name}', flush=True)
        started = time.perf_counter()
        try:
            got = _load(path).run(quick=args.quick)
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        for row in got:
            print('  {benchmark:<28} {metric:<44} {value:>12} {unit:<10} target {target}'.format(
                **{k: row.get(k, '') for k in ('benchmark', 'metric', 'value', 'unit', 'target')}))
        rows.extend(got)
        print(f'   ({time.perf_counter() - started:.1f} s)', flush=True)
    out = HERE / 'out'
    out.mkdir(exist_ok=True)
    (out / 'results.json').write_text(json.dumps(rows, indent=2, default=str), encoding='utf-8')
    if failed:
        print('failed: ' + ', '.join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
