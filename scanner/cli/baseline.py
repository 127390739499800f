"""``gdprscan baseline create|update [TARGET...]``: accept the findings a repository holds today.

The baseline stores keyed fingerprints (see :mod:`gdprscan.scanner.baseline`),
never values, so it can be committed. ``create`` records every finding of the
scan that is not already allowed by a pragma; ``update`` re-scans, replaces the
entries of the files it scanned (fixed findings drop out, new ones are
accepted) and keeps entries of other files that still exist. The scan uses the
same configuration as the hook (``[tool.gdprscan]``; identifiers profile by
default). Without a key it refuses (exit 2): an unkeyed fingerprint would leak.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import output
from gdprscan.scanner.cli.common import warn

HELP = 'record accepted findings as keyed fingerprints (.gdprscan-baseline.json) for the pre-commit hook'


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('action', choices=('create', 'update'), help='create a new baseline or update one')
    p.add_argument('targets', nargs='*', metavar='TARGET', help="files or folders (default: '.')")
    p.add_argument(
        '-o', '--output', metavar='FILE', default=None, help='baseline file (.gdprscan-baseline.json)'
    )
    p.add_argument(
        '--config', metavar='FILE', help='configuration file (default: [tool.gdprscan] in pyproject.toml)'
    )
    p.add_argument('--profile', choices=('identifiers', 'full'), default=None)
    p.add_argument('--entities', metavar='E,E', help='only these entities')
    p.add_argument('--min-score', type=float, default=None)
    p.add_argument('--include', action='append', default=[], metavar='GLOB')
    p.add_argument('--exclude', action='append', default=[], metavar='GLOB')
    p.add_argument('--workers', type=int, default=None)


def run(args: argparse.Namespace) -> int:
    from gdprscan.scanner import baseline
    from gdprscan.scanner import config as config_mod
    from gdprscan.scanner import sourcepath

    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as e:
        raise UsageError(str(e)) from e
    path = Path(args.output or cfg.get('baseline') or baseline.DEFAULT_PATH)
    targets = list(args.targets) or ['.']
    if args.workers is not None and args.workers < 1:
        raise UsageError('--workers must be at least 1')
    for t in targets:
        if not Path(t).exists():
            raise UsageError(f'{t}: no such file or folder')
    try:
        from gdprscan.scanner import fingerprint as fp

        key = baseline.load_key()
        key_file = fp.key_file_in_use()
        if key_file is not None and (problem := fp.key_file_problem(key_file)):
            warn(str(key_file), problem)
        old = None
        if args.action == 'update':
            old = baseline.read(path)
            baseline.check_key(old, key, path)
    except baseline.BaselineError as e:
        raise UsageError(str(e)) from e
    result = _scan(args, cfg, targets, skip=path)
    for source, reason in result.errors:
        warn(source, reason)
    accepted = [f for f in result.findings if f.suppressed != 'pragma']
    items = baseline.entries(key, accepted, targets)
    kept: list[dict[str, str]] = []
    if old is not None:
        scanned = {sourcepath.canonical(s, targets) for s in _scanned_sources(result)}
        kept = [
            e
            for e in old['findings']
            if e.get('source') not in scanned
            and isinstance(e.get('source'), str)
            and Path(e['source']).exists()
        ]
    doc = baseline.document(key, _dedupe(kept + items))
    with output(str(path)) as out:
        out.write(baseline.dumps(doc))
    _report(args.action, path, doc, old)
    return 0


def _scan(args: argparse.Namespace, cfg: Any, targets: list[str], skip: Path) -> Any:
    from gdprscan.scanner import engine
    from gdprscan.scanner.limits import Limits
    from gdprscan.scanner.types import ScanResult
    from gdprscan.scanner.walk import walk

    entities = args.entities.split(',') if args.entities else cfg.get('entities')
    min_score = args.min_score if args.min_score is not None else cfg.get('min_score', 0.5)
    if not 0.0 <= float(min_score) <= 1.0:
        raise UsageError('--min-score must be between 0 and 1')
    defaults = Limits()
    settings = engine.Settings(
        profile=args.profile or cfg.get('profile') or 'identifiers',
        entities=tuple(e.strip().upper() for e in entities) if entities else None,
        min_score=float(min_score),
        lang=None if cfg.get('lang') in (None, 'auto') else cfg.get('lang'),
        limits=Limits(
            max_file_size=cfg.get('max_file_size') or defaults.max_file_size,
            file_timeout=cfg.get('timeout') or defaults.file_timeout,
        ),
        extra_recognizer_files=tuple(cfg.get('recognizers', [])),
    )
    from gdprscan.scanner.cli.scan import check_entities  # a typo must not write an empty baseline

    recognizer_files = cfg.get('recognizers', [])
    check_entities({'fail_on': 'any', 'entities': settings.entities, 'recognizers': recognizer_files})
    result = ScanResult(targets=targets)
    include = list(args.include) or list(cfg.get('include', []))
    exclude = list(args.exclude) + list(cfg.get('exclude', []))
    own = skip.resolve()
    candidates = [c for c in walk(targets, include=include, exclude=exclude) if c.path.resolve() != own]
    try:
        for fr in engine.scan_files(candidates, settings, workers=args.workers or cfg.get('workers')):
            result.add(fr)
            if not fr.error:
                result.extra.setdefault('scanned', []).append(fr.source)
    except ValueError as e:  # bad recogniser file, unknown entity or profile
        raise UsageError(str(e)) from e
    return result


def _scanned_sources(result: Any) -> list[str]:
    return list(result.extra.get('scanned', []))


def _dedupe(items: list[dict[str, str]]) -> list[dict[str, str]]:
    unique = {(e['source'], e['entity'], e['fingerprint']): e for e in items}
    return [unique[k] for k in sorted(unique)]


def _report(action: str, path: Path, doc: dict[str, Any], old: dict[str, Any] | None) -> None:
    import sys

    n = len(doc['findings'])
    if old is None:
        print(
            f'gdprscan: {path}: {n} accepted finding{"" if n == 1 else "s"} (fingerprints only)',
            file=sys.stderr,
        )
        return
    before = {(e.get('source'), e['entity'], e['fingerprint']) for e in old['findings']}
    after = {(e['source'], e['entity'], e['fingerprint']) for e in doc['findings']}
    print(
        f'gdprscan: {path}: {len(after - before)} added, {len(before - after)} removed, '
        f'{len(after & before)} kept',
        file=sys.stderr,
    )
