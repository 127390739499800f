"""``gdprscan scan TARGET...``: find personal data in files, folders and databases."""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import check_output
from gdprscan.scanner.cli.common import output
from gdprscan.scanner.cli.common import warn

HELP = 'scan files, folders or database URLs for personal data'
FORMATS = ('table', 'jsonl', 'json', 'csv', 'sarif', 'html')
#: --fail-on words that stand alone; anything else is a list of entity names
FAIL_ON_WORDS = ('none', 'any', 'special', 'undeclared')
#: the first 16 bytes of every SQLite 3 database file
SQLITE_MAGIC = b'SQLite format 3\x00'


#: The report format a file name asks for when ``--format`` is not given (``-o report.html``): writing the
#: terminal table into ``results.sarif`` gives a file that code scanning rejects.
SUFFIX_FORMATS = {'.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv', '.sarif': 'sarif',
                  '.html': 'html', '.htm': 'html'}


def format_of(output: str | None) -> str | None:
    """The format ``-o FILE``'s suffix names (``.sarif.json`` is SARIF), or None."""
    if not output or output == '-':
        return None
    name = output.lower()
    if name.endswith('.sarif.json'):
        return 'sarif'
    return SUFFIX_FORMATS.get(os.path.splitext(name)[1])


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('targets', nargs='*', metavar='TARGET', help='file, folder or database URL')
    p.add_argument(
        '--format', choices=FORMATS, default=None, help='report format (default: the -o suffix, else table)'
    )
    p.add_argument('-o', '--output', metavar='FILE', help='write the report here (atomically)')
    p.add_argument('--show-values', action='store_true', help='print raw values (masked by default)')
    p.add_argument(
        '--fail-on',
        metavar='WHAT',
        help='exit 1 on: none, any (default), special (art. 9/10), undeclared, or ENTITY,ENTITY...',
    )
    p.add_argument('--min-score', type=float, default=None, help='ignore matches below this score (0.5)')
    p.add_argument('--lang', choices=('auto', 'nl', 'fr', 'en'), default=None, help='language of the texts')
    p.add_argument('--workers', type=int, default=None, help='parallel processes (default: all cores)')
    p.add_argument(
        '--profile',
        choices=('identifiers', 'full'),
        default=None,
        help='identifiers (fast: checksummed numbers, contacts) or full (also names, addresses, '
        'birth dates, special categories)',
    )
    p.add_argument('--entities', metavar='E,E', help='only these entities')
    p.add_argument('--include', action='append', default=[], metavar='GLOB', help='only paths matching')
    p.add_argument('--exclude', action='append', default=[], metavar='GLOB', help='skip paths matching')
    p.add_argument('--no-default-excludes', action='store_true', help='also scan .git, node_modules, ...')
    p.add_argument(
        '--config', metavar='FILE', help='configuration file (default: [tool.gdprscan] in pyproject.toml)'
    )
    p.add_argument(
        '--recognizers', action='append', default=[], metavar='YAML', help='extra pattern recognisers'
    )
    p.add_argument('--max-file-size', type=int, default=None, metavar='BYTES', help='refuse larger documents')
    p.add_argument('--timeout', type=float, default=None, metavar='SECONDS', help='give up a file after this')
    p.add_argument('--no-progress', action='store_true', help='no progress bar on stderr')
    p.add_argument(
        '--hook', action='store_true', help='pre-commit mode: quiet when clean, one line per finding'
    )
    p.add_argument('--baseline', metavar='FILE', help='accepted findings (gdprscan baseline create)')
    p.add_argument(
        '--declared', metavar='FILE', help='privacy statement or declared-categories YAML to compare'
    )
    p.add_argument('--report-lang', choices=('nl', 'fr', 'en'), default=None, help='language of the report')
    db = p.add_argument_group('databases')
    db.add_argument('--schema', action='append', default=[], help='database schema(s) to scan')
    db.add_argument('--include-table', action='append', default=[], metavar='GLOB')
    db.add_argument('--exclude-table', action='append', default=[], metavar='GLOB')
    db.add_argument(
        '--sample', default=None, metavar='N|all', help='rows per table (default 5000; all = full pass)'
    )


def is_database(target: str) -> bool:
    return '://' in target and not os.path.lexists(target)


def _stat_error(target: str) -> OSError | None:
    """Why ``target`` cannot be stat'ed, or None (Path.exists raises under a folder without permission)."""
    try:
        os.stat(target)
    except OSError as e:
        return e
    return None


def run(args: argparse.Namespace) -> int:
    from gdprscan.scanner import config as config_mod
    from gdprscan.scanner import engine
    from gdprscan.scanner.limits import Limits
    from gdprscan.scanner.types import ScanResult

    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as e:
        raise UsageError(str(e)) from e
    opt = _options(args, cfg)
    if not args.targets:
        raise UsageError('no TARGET given (a file, a folder or a database URL)')
    args.targets = list(dict.fromkeys(args.targets))  # `scan share share` scans and counts it once
    for t in args.targets:
        missing = isinstance(_stat_error(t), (FileNotFoundError, NotADirectoryError))
        if not is_database(t) and missing and not args.hook:
            raise UsageError(f'{t}: no such file, folder or database URL')
    check_entities(opt)
    check_profile(opt, explicit=bool(args.profile or cfg.get('profile')))
    check_output(args.output)
    fmt = 'hook' if args.hook and not args.format else (
        args.format or format_of(args.output) or opt.get('format') or 'table'
    )
    check_before_scan(args, opt, fmt)

    defaults = Limits()
    settings = engine.Settings(
        profile=opt['profile'],
        entities=opt['entities'],
        min_score=opt['min_score'],
        lang=None if opt['lang'] in (None, 'auto') else opt['lang'],
        limits=Limits(
            max_file_size=opt['max_file_size'] or defaults.max_file_size,
            file_timeout=opt['timeout'] or defaults.file_timeout,
        ),
        extra_recognizer_files=tuple(opt['recognizers']),
    )
    targets = list(args.targets)
    if any(is_database(t) for t in targets):  # reports never see a database password
        from gdprscan.scanner.database import display_url

        targets = [display_url(t) if is_database(t) else t for t in targets]
    result = ScanResult(targets=targets, settings=_report_settings(args, opt))
    started = time.perf_counter()
    try:
        _scan_files(args, opt, settings, result)
        failed = _scan_databases(args, settings, result)
    except ValueError as e:  # bad recogniser file, unknown entity or profile
        raise UsageError(str(e)) from e
    result.duration = time.perf_counter() - started
    _postprocess(args, opt, result)
    if fmt == 'hook' or not args.show_values:  # the hook masks even with --show-values: CI logs
        from gdprscan.scanner.masked_sources import mask_sources

        mask_sources(result)  # after the allowlists and --declared, which need the real paths

    from gdprscan.scanner import reporters

    if fmt in ('jsonl', 'table', 'hook') or args.output:
        for source, reason in result.errors:
            warn(source, reason)
        said = {t for t in args.targets if not is_database(t) and _is_sqlite(t)}  # check_before_scan did
        for source, reason in skipped_lines(result.extra.get('skipped', ()), hook=fmt == 'hook'):
            if source not in said:
                warn(source, reason)
    with output(args.output) as out:
        reporters.get(fmt).write(result, out)
    if failed:  # the report is written, but a whole target is missing from it
        return 2
    return exit_code(result, opt['fail_on'])


def _options(args: argparse.Namespace, cfg: Any) -> dict[str, Any]:
    """Command line over configuration over defaults."""
    entities = args.entities.split(',') if args.entities else cfg.get('entities')
    if entities is not None and not any(e.strip() for e in entities):
        raise UsageError('--entities takes entity names such as BE_NATIONAL_NUMBER,IBAN_CODE')
    opt = {
        'profile': args.profile or cfg.get('profile') or 'identifiers',
        'entities': tuple(e.strip().upper() for e in entities if e.strip()) if entities else None,
        'min_score': args.min_score if args.min_score is not None else cfg.get('min_score', 0.5),
        'lang': args.lang or cfg.get('lang'),
        'fail_on': args.fail_on or cfg.get('fail_on') or 'any',
        'workers': args.workers or cfg.get('workers'),
        'include': list(args.include) or list(cfg.get('include', [])),
        'exclude': list(args.exclude) + list(cfg.get('exclude', [])),
        'max_file_size': args.max_file_size or cfg.get('max_file_size'),
        'timeout': args.timeout or cfg.get('timeout'),
        'recognizers': list(args.recognizers) + list(cfg.get('recognizers', [])),
        'baseline': args.baseline
        or cfg.get('baseline')
        or (  # the hook finds `gdprscan baseline create`'s file
            '.gdprscan-baseline.json' if args.hook and Path('.gdprscan-baseline.json').is_file() else None
        ),
        'synthetic': cfg.get('synthetic'),
        'format': cfg.get('format'),
        'config_path': str(cfg.path) if cfg.path else None,
    }
    if opt['workers'] is not None and opt['workers'] < 1 or args.workers == 0:
        raise UsageError('--workers must be at least 1')
    for name in ('max_file_size', 'timeout'):
        if opt[name] is not None and opt[name] <= 0 or getattr(args, name) == 0:
            raise UsageError(f'--{name.replace("_", "-")} must be greater than 0')
    if opt['timeout'] is not None and not math.isfinite(opt['timeout']):  # nan, inf: no limit at all
        raise UsageError('--timeout must be a finite number of seconds')
    if not 0.0 <= float(opt['min_score']) <= 1.0:
        raise UsageError('--min-score must be between 0 and 1')
    return opt


def check_before_scan(args: argparse.Namespace, opt: dict[str, Any], fmt: str) -> None:
    """Usage errors and notes that need no scan: a long scan must not end in one."""
    if str(opt['fail_on']).strip().lower() == 'undeclared' and not args.declared:
        raise UsageError('--fail-on undeclared needs --declared FILE')
    if fmt == 'html' and args.output is None and sys.stdout.isatty():
        raise UsageError('--format html writes a web page: give it a file with -o report.html')
    for t in args.targets:
        if not args.hook and not is_database(t) and _is_sqlite(t):
            warn(t, f'a SQLite database, skipped as a file; scan its tables with sqlite:///{t}')


def _is_sqlite(target: str) -> bool:
    if not os.path.isfile(target):  # a folder, a FIFO (open would block), a device
        return False
    try:
        with open(target, 'rb') as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:  # unreadable: the scan reports it
        return False


def check_entities(opt: dict[str, Any]) -> None:
    """A usage error for an unknown entity in --entities or --fail-on: a typo must not pass a CI check."""
    from gdprscan import recognizers
    from gdprscan.classifiers.categories import known_entities

    fail_on = str(opt['fail_on']).strip().lower()
    wanted = set(opt['entities'] or ())
    if fail_on not in FAIL_ON_WORDS:
        names = [e.strip() for e in str(opt['fail_on']).split(',') if e.strip()]
        if not names:
            raise UsageError(
                f'--fail-on takes one of {", ".join(FAIL_ON_WORDS)}, or entity names (ENTITY,ENTITY)'
            )
        words = [n.upper() for n in names if n.lower() in FAIL_ON_WORDS]
        if words:
            raise UsageError(
                f'unknown entit{"y" if len(words) == 1 else "ies"} {", ".join(words)} in --fail-on: '
                f'{", ".join(FAIL_ON_WORDS)} stand alone; only entity names combine (ENTITY,ENTITY)'
            )
        wanted |= {n.upper() for n in names}
    known = set(known_entities())
    if wanted - known:
        from gdprscan.recognizers import yaml_patterns

        try:
            known |= {r.ENTITY for r in recognizers.plugins()}
            for path in opt['recognizers']:
                known |= {r.ENTITY for r in yaml_patterns.load_file(path)}
        except ValueError as e:  # a bad plugin or recogniser file
            raise UsageError(str(e)) from e
    unknown = sorted(wanted - known)
    if unknown:
        raise UsageError(
            f'unknown entit{"y" if len(unknown) == 1 else "ies"} {", ".join(unknown)} '
            '(--entities/--fail-on take entity names such as BE_NATIONAL_NUMBER; see gdprscan categories)'
        )


def check_profile(opt: dict[str, Any], explicit: bool) -> None:
    """Asking for what only the full profile finds switches to it, or is a usage error when the
    identifier profile was asked for: `--fail-on special` on the identifier profile could never fail."""
    if opt['profile'] != 'identifiers':
        return
    from gdprscan import recognizers
    from gdprscan.classifiers.categories import known_entities

    fail_on = str(opt['fail_on']).strip().lower()
    wanted = set(opt['entities'] or ())
    if fail_on not in FAIL_ON_WORDS:
        wanted |= {e.strip().upper() for e in fail_on.split(',') if e.strip()}
    quick = {recognizers.builtin(name).ENTITY for name in recognizers.PROFILES['identifiers']}
    full_only = sorted((wanted & set(known_entities())) - quick)
    asked = (['--fail-on special'] if fail_on == 'special' else []) + full_only
    if not asked:
        return
    if explicit:
        raise UsageError(
            f'{", ".join(asked)} needs --profile full: the identifier profile finds no names, addresses, '
            'birth dates or special categories'
        )
    opt['profile'] = 'full'


def _report_settings(args: argparse.Namespace, opt: dict[str, Any]) -> dict[str, Any]:
    from gdprscan.scanner.cli import _version

    return {
        'show_values': bool(args.show_values),
        'report_lang': args.report_lang or 'en',
        'profile': opt['profile'],
        'min_score': opt['min_score'],
        'fail_on': opt['fail_on'],
        'lang': opt['lang'] or 'auto',
        'entities': list(opt['entities']) if opt['entities'] else None,
        'version': _version(),
        'config': opt['config_path'],
    }


def _scan_files(args: argparse.Namespace, opt: dict[str, Any], settings: Any, result: Any) -> None:
    from gdprscan.scanner import engine
    from gdprscan.scanner.extractors import skip_reason
    from gdprscan.scanner.masked_sources import shown
    from gdprscan.scanner.progress import Progress
    from gdprscan.scanner.walk import walk

    targets = [t for t in args.targets if not is_database(t)]
    if args.hook:  # pre-commit passes files that may have been deleted; an unreadable one is reported
        targets = [t for t in targets if os.path.isfile(t) or isinstance(_stat_error(t), PermissionError)]
    if not targets:
        return
    unlisted: list[tuple[str, str]] = []
    links: list[tuple[Path, str, str]] = []
    candidates = _once(
        walk(
            targets,
            include=opt['include'],
            exclude=opt['exclude'],
            default_excludes=not args.no_default_excludes,
            errors=unlisted,
            skipped=links,
        )
    )
    result.errors.extend(unlisted)  # folders that could not be listed: never reported as clean
    if links:  # links not followed: counted and listed, never silently left out
        result.files_skipped += len(links)
        names = _link_names(links, args.show_values)
        reasons = [why for _, _, why in links]
        result.extra['skipped'] = [{'source': n, 'reason': r} for n, r in zip(names, reasons, strict=True)]
    if args.output:
        _refuse_overwrite(args.output, [c for c in candidates if c.source in targets])
    progress_on = not (args.no_progress or args.hook)
    with Progress(len(candidates), enabled=progress_on) as progress:
        results = engine.scan_files(candidates, settings, workers=opt['workers'])
        for cand, fr in zip(candidates, results, strict=True):
            result.add(fr)
            progress.update(fr.source if args.show_values else shown(fr.source, fr.findings))
            if fr.skipped:  # not read: listed by name and reason, never only counted
                listed_as = fr.source if args.show_values else shown(fr.source, fr.findings)
                entry = {'source': listed_as, 'reason': skip_reason(cand.path)}
                result.extra.setdefault('skipped', []).append(entry)


#: Skipped files named one per line on stderr up to this many; beyond, one line counts them.
SKIPPED_NAMED = 10


def skipped_lines(items: Any, hook: bool = False) -> list[tuple[str, str]]:
    """The stderr lines of the report's ``skipped`` list: every link not followed; files not read
    (binary, unsupported, SQLite) by name when there are few, else counted (the JSON report lists
    them all). The pre-commit hook stays quiet about files it cannot read (images, fonts)."""
    links = [(i['source'], i['reason']) for i in items if 'symbolic link' in i['reason']]
    files = [(i['source'], f'{i["reason"]}; skipped') for i in items if 'symbolic link' not in i['reason']]
    if hook or not files:
        return links
    if len(files) <= SKIPPED_NAMED:
        return links + files
    what = f'{len(files)} files skipped, not read (binary or unsupported formats)'
    return [*links, ('(skipped)', f'{what}; --format json -o FILE lists them under "skipped"')]


def _link_names(links: list[tuple[Path, str, str]], show_values: bool) -> list[str]:
    """The links' sources as printed: identifiers in their names masked, as for scanned files."""
    if show_values:
        return [source for _, source, _ in links]
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings
    from gdprscan.scanner.masked_sources import shown

    engine = Engine(Settings())
    return [shown(source, engine.name_findings(path, source)) for path, source, _ in links]


def _once(candidates: Any) -> list[Any]:
    """Candidates in order, each file once: ``scan share share/hr`` must not count share/hr twice."""
    seen: set[str] = set()
    out = []
    for cand in candidates:
        key = os.path.normpath(os.path.abspath(cand.path))
        if key not in seen:
            seen.add(key)
            out.append(cand)
    return out


def _refuse_overwrite(output: str, candidates: list[Any]) -> None:
    """The report must never replace a file TARGET (``gdprscan scan export.csv -o export.csv``).

    Only file targets: a report rewritten inside a scanned folder is a normal re-run.
    """
    name = Path(output).name
    for cand in candidates:
        if cand.path.name == name and os.path.exists(output):
            try:
                same = os.path.samefile(cand.path, output)
            except OSError:
                continue
            if same:
                raise UsageError(f'{output}: is one of the scanned files; write the report elsewhere')


def _scan_databases(args: argparse.Namespace, settings: Any, result: Any) -> list[str]:
    """Scan the database targets into ``result``; the databases that could not be scanned at all."""
    urls = [t for t in args.targets if is_database(t)]
    if not urls:
        return []
    from gdprscan.scanner import database

    options = database.Options.from_args(args)
    failed: list[str] = []
    sampled: list[dict[str, Any]] = []  # tables read in part (--sample): every report says so
    result.extra['sampled'] = sampled
    for url in urls:
        try:
            for fr in database.scan_database(url, settings, options, sampled):
                result.add(fr)
        except database.DatabaseError as e:
            if len(args.targets) == 1:
                raise UsageError(str(e)) from e
            # One database down among several targets: the others are still reported, this one is an
            # error of the report, and the exit code (2) says the scan is incomplete.
            shown = database.display_url(url)
            result.errors.append((shown, _reason(str(e), shown)))
            failed.append(shown)
    return failed


def _reason(message: str, shown: str) -> str:
    """A database error without the URL it starts with: the report line names the source already."""
    prefix = f'{shown}: '
    return message[len(prefix) :] if message.startswith(prefix) else message


def _postprocess(args: argparse.Namespace, opt: dict[str, Any], result: Any) -> None:
    """Allowlists and the declared-versus-found comparison, after the scan."""
    if opt['synthetic'] is not None or args.hook:
        from gdprscan.scanner import synthetic

        synthetic.apply(result, opt['synthetic'])
    if opt['baseline']:
        from gdprscan.scanner import baseline

        try:
            problem = baseline.apply(result, opt['baseline'])
        except baseline.BaselineError as e:
            raise UsageError(str(e)) from e
        if problem:
            warn(str(opt['baseline']), problem)
    if args.declared:
        from gdprscan.scanner import declared

        try:
            result.extra['declared'] = declared.compare(result, args.declared)
        except declared.DeclaredError as e:
            raise UsageError(str(e)) from e


def exit_code(result: Any, fail_on: str) -> int:
    """1 when an active finding meets ``fail_on``, else 0."""
    from gdprscan.classifiers.categories import SPECIAL_ARTICLES

    active = result.active
    what = fail_on.strip().lower()
    if what == 'none':
        return 0
    if what == 'any':
        return 1 if active else 0
    if what == 'special':
        return 1 if any(f.article in SPECIAL_ARTICLES for f in active) else 0
    if what == 'undeclared':
        declared = result.extra.get('declared')
        if declared is None:
            raise UsageError('--fail-on undeclared needs --declared FILE')
        return 1 if declared.get('undeclared') else 0
    wanted = {e.strip().upper() for e in fail_on.split(',') if e.strip()}
    return 1 if any(f.entity in wanted for f in active) else 0
