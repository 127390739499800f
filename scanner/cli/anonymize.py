"""``gdprscan anonymize SOURCE --out DEST``: a pseudonymised copy of a folder, file or database,
ending with the leak check (exit 1 when any original value is still in DEST)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import warn

HELP = 'write a pseudonymised copy (files or database) and check it for leaks'


def add_key_arguments(p: argparse.ArgumentParser) -> None:
    key = p.add_mutually_exclusive_group()
    key.add_argument(
        '--key-env', metavar='VAR', help='environment variable holding the secret key (>= 16 bytes)'
    )
    key.add_argument('--key-file', metavar='FILE', help='file holding the secret key (>= 16 bytes)')


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('source', metavar='SOURCE', help='folder, file or database URL to copy (only read)')
    p.add_argument('--out', required=True, metavar='DEST', help='new folder, file or database URL')
    add_key_arguments(p)
    p.add_argument('--policy', metavar='YAML', help='actions per entity/column, quasi-identifiers, k')
    p.add_argument('--lang', choices=('auto', 'nl', 'fr', 'en'), default=None, help='language of the data')
    p.add_argument(
        '--profile',
        choices=('identifiers', 'full'),
        default='identifiers',
        help='what to find and replace (full adds names, addresses, birth dates, special categories)',
    )
    p.add_argument(
        '--dry-run', action='store_true', help='show what would be replaced per file/column; write nothing'
    )
    p.add_argument(
        '--min-score', type=float, default=None, help='replace only what a scan reports at this score (0.5)'
    )
    p.add_argument('--include', action='append', default=[], metavar='GLOB', help='only paths matching')
    p.add_argument('--exclude', action='append', default=[], metavar='GLOB', help='skip paths matching')
    p.add_argument(
        '--copy-unscanned',
        action='store_true',
        help='copy files the scanner cannot read (images, unsupported formats) unchanged, not leave them out',
    )
    add_recognizer_arguments(p)
    db = p.add_argument_group('databases')
    db.add_argument('--schema', action='append', default=[], help='schema(s) to copy (PostgreSQL)')
    db.add_argument('--batch-size', type=int, default=5000, metavar='ROWS', help='rows per batch')


def add_recognizer_arguments(p: argparse.ArgumentParser) -> None:
    """The custom recognisers of ``gdprscan scan``: a copy replaces, and its check looks for, the same."""
    p.add_argument(
        '--recognizers',
        action='append',
        default=[],
        metavar='YAML',
        help='extra pattern recognisers (added to [tool.gdprscan] recognizers)',
    )
    p.add_argument(
        '--config', metavar='FILE', help='configuration file (default: [tool.gdprscan] in pyproject.toml)'
    )


def recognizer_files(args: argparse.Namespace) -> tuple[str, ...]:
    """``--recognizers`` plus the configuration's ``recognizers`` list, as ``gdprscan scan`` reads them;
    each file is loaded once here, so a bad one is a usage error before anything is written."""
    from gdprscan.recognizers import yaml_patterns
    from gdprscan.scanner import config as config_mod

    try:
        cfg = config_mod.load(getattr(args, 'config', None))
    except config_mod.ConfigError as e:
        raise UsageError(str(e)) from None
    paths = tuple(getattr(args, 'recognizers', None) or ()) + tuple(cfg.get('recognizers', []))
    for path in paths:
        try:
            yaml_patterns.load_file(path)
        except ValueError as e:
            raise UsageError(str(e)) from None
    return paths


def load_key(args: argparse.Namespace, required: bool = True) -> bytes:
    from gdprscan.anonymize import keys

    if args.key_env is None and args.key_file is None and not required:
        return secrets.token_bytes(32)  # a dry run keeps nothing, so a throw-away key will do
    if (args.key_env is None) == (args.key_file is None):  # keys.load would name its env=/file=
        raise UsageError('give the key with exactly one of --key-env VAR or --key-file FILE')
    try:
        key = keys.load(env=args.key_env, file=args.key_file)
    except keys.KeyError_ as e:
        raise UsageError(str(e)) from None
    if args.key_file is not None:
        from gdprscan.scanner.fingerprint import key_file_problem

        if problem := key_file_problem(args.key_file):
            warn(args.key_file, problem)
    return key


def load_policy(path: str | None, args: argparse.Namespace | None = None) -> Any:
    """The policy; entity names from custom recognisers (``--recognizers``, configuration) count too."""
    from gdprscan.anonymize import policy

    try:
        return policy.load(path, recognizer_files=recognizer_files(args) if args is not None else ())
    except policy.PolicyError as e:
        raise UsageError(str(e)) from None


def settings_for(args: argparse.Namespace) -> Any:
    """A copy (and its leak check) replaces what `gdprscan scan` reports with the same settings."""
    from gdprscan.anonymize.policy import MIN_SCORE
    from gdprscan.scanner.engine import Settings

    lang = None if args.lang in (None, 'auto') else args.lang
    min_score = getattr(args, 'min_score', None)
    if min_score is not None and not 0.0 <= min_score <= 1.0:
        raise UsageError('--min-score must be between 0 and 1')
    return Settings(
        profile=args.profile,
        lang=lang,
        min_score=MIN_SCORE if min_score is None else min_score,
        extra_recognizer_files=recognizer_files(args),
    )


def is_database(target: str) -> bool:
    return '://' in target and not Path(target).exists()


def run(args: argparse.Namespace) -> int:
    key = load_key(args, required=not args.dry_run)
    pol = load_policy(args.policy, args)
    settings = settings_for(args)
    if is_database(args.source) or is_database(args.out):
        return _run_database(args, key, pol, settings)
    return _run_files(args, key, pol, settings)


def _run_files(args: argparse.Namespace, key: bytes, pol: Any, settings: Any) -> int:
    from gdprscan.anonymize import files
    from gdprscan.anonymize import verify
    from gdprscan.anonymize.actions import Actions
    from gdprscan.scanner.engine import Engine

    source, dest = Path(args.source), Path(args.out)
    if source.is_file() and args.out.endswith(('/', os.sep)):
        raise UsageError(f'{args.out}: names a folder; SOURCE is a file: give the copy a file name')
    try:
        files.check_paths(source, dest)
        engine = Engine(settings)
    except (files.TreeError, ValueError) as e:
        raise UsageError(str(e)) from None
    actions = Actions(key, pol, settings.lang)

    def on_file(fr: files.FileReport) -> None:
        if fr.status == 'error':
            warn(fr.printable, f'{fr.reason}; not in the copy')
        elif fr.status == 'skipped':
            warn(fr.printable, f'{fr.reason}; skipped')
        if args.dry_run:
            _print_dry_run(fr)

    leaks: list[Any] = []

    def leak_check(copy: Path, tree: files.TreeReport) -> bool:
        """The leak check on the temporary copy, before it gets DEST's name: values found in SOURCE (a
        fresh scan, as `gdprscan verify` does) searched in the copy."""
        values, _scan_errors = verify.source_values(source, settings, pol)  # the copy reported them
        moved = {f.source: f.dest for f in tree.files if f.dest}  # renamed: checked under the new name
        values = {(entity, value, moved.get(file, file)) for entity, value, file in values}
        found = verify.check(values, copy, ignore=verify.surrogates_of(values, actions))
        if not source.is_dir():  # the temporary file is reported under the name it gets: DEST
            found = found.relocated(str(copy), str(dest))
        leaks.append(found)
        return not (found.count or found.errors)

    try:
        report = files.anonymize_tree(
            source,
            None if args.dry_run else dest,
            actions,
            engine,
            on_file,
            tuple(args.include),
            tuple(args.exclude),
            check=leak_check,
            copy_unscanned=args.copy_unscanned,
        )
    except files.TreeError as e:
        raise UsageError(str(e)) from None
    for fr in report.files:
        for note in fr.notes:
            warn(fr.printable, note)
    from gdprscan.anonymize.policy import unmatched_rules

    seen: set[tuple[str | None, str]] = set().union(*(fr.columns for fr in report.files))
    for line in unmatched_rules(pol, seen):  # a warning: one policy often serves a database and its exports
        print(f'gdprscan: {line}', file=sys.stderr)
    states = ('rewritten', 'copied', 'skipped', 'error')
    done = {s: sum(1 for f in report.files if f.status == s) for s in states}
    verb = 'would replace' if args.dry_run else 'replaced'
    skipped = f', {done["skipped"]} skipped' if done['skipped'] else ''
    print(
        f'{len(report.files)} files: {done["rewritten"]} rewritten, {done["copied"]} copied unchanged'
        f'{skipped}, {done["error"]} left out; {verb} {report.replaced} values'
        + (f', {"would rename" if args.dry_run else "renamed"} {report.names_renamed} file/folder names'
           if report.names_renamed else '')
    )
    if args.dry_run:
        return 1 if report.errors else 0
    if not leaks:  # the one file was left out or skipped: no copy, nothing to check
        return 1 if report.errors else 0
    _print_leaks(leaks[0], settings.profile)
    if report.kept_at is not None:
        warn(
            str(dest),
            f'not written: the copy failed the leak check; kept for inspection at {report.kept_at} '
            '(private; delete it when done)',
        )
    return 1 if (leaks[0].count or report.errors or leaks[0].errors) else 0


def _print_dry_run(fr: Any) -> None:
    """Counts per file, column and entity; names masked. A name to be replaced is counted too."""
    name = fr.printable
    if fr.status not in ('rewritten', 'copied'):
        print(f'{name}: not copied')
        return
    for entity, n in sorted(fr.name_counts.items()):
        print(f'{name} [file name]: {entity} x{n}')
    if not fr.counts:
        if not fr.name_counts:
            print(f'{name}: nothing to replace')
        return
    for (column, entity), n in sorted(fr.counts.items()):
        where = f' [{column}]' if column else ''
        print(f'{name}{where}: {entity} x{n}')


def _print_leaks(leaks: Any, profile: str | None = None) -> None:
    for location, reason in leaks.errors:
        warn(location, f'copy unreadable for the leak check ({reason})')
    for (location, entity), n in sorted(leaks.leaks.items()):
        print(f'LEAK {location}: {entity} x{n}', file=sys.stderr)
    status = 'OK' if leaks.count == 0 and not leaks.errors else 'FAILED'
    checked = f' (profile {profile})' if profile else ''
    print(
        f'leak check {status}: {leaks.count} of {leaks.checked_values} original values found in the copy'
        f'{checked}'
    )


def _run_database(args: argparse.Namespace, key: bytes, pol: Any, settings: Any) -> int:
    from gdprscan.anonymize import database

    if not (is_database(args.source) and is_database(args.out)):
        raise UsageError('SOURCE and DEST must both be database URLs (or both files/folders)')
    try:
        result = database.copy_database(
            args.source,
            args.out,
            key,
            pol,
            settings,
            schemas=tuple(args.schema),
            batch_size=args.batch_size,
            dry_run=args.dry_run,
            check=True,  # on the copy before it is DEST: a failing copy never gets DEST's name
        )
    except database.CopyError as e:
        raise UsageError(str(e)) from None
    for line in result.lines():
        print(line)
    if args.dry_run or result.leaks is None:
        return 0
    leaks = result.leaks
    _print_leaks(leaks, settings.profile)
    if leaks.count or leaks.errors:
        from gdprscan.scanner.database import display_url

        if result.kept_at is not None:
            where = f'kept for inspection at {result.kept_at} (private; delete it when done)'
        elif args.out.startswith('sqlite'):
            where = 'the copy was removed'
        else:
            where = 'rolled back: no table of the copy was written'
        warn(display_url(args.out), f'not written: the copy failed the leak check; {where}')
    return 1 if leaks.count or leaks.errors or result.errors else 0
