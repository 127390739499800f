"""``gdprscan verify SOURCE DEST``: count the original personal values (from a scan of SOURCE)
that still occur anywhere in DEST. Exit 0 when none, 1 otherwise; never prints a value.

It is the safety net, so it checks with the full profile by default (names, addresses, birth dates
and special categories as well as identifiers), whatever profile made the copy: a copy made with
the identifier profile keeps real names, and that is a leak. ``--profile identifiers`` checks less.
The profile checked is printed on the result line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gdprscan.scanner.cli.anonymize import _print_leaks
from gdprscan.scanner.cli.anonymize import add_key_arguments
from gdprscan.scanner.cli.anonymize import add_recognizer_arguments
from gdprscan.scanner.cli.anonymize import is_database
from gdprscan.scanner.cli.anonymize import load_policy
from gdprscan.scanner.cli.anonymize import settings_for
from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import warn

HELP = 'count original values of SOURCE still present in the copy DEST (leak check)'


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('source', metavar='SOURCE', help='the original folder, file or database URL')
    p.add_argument('dest', metavar='DEST', help='the pseudonymised copy')
    p.add_argument(
        '--policy', metavar='YAML', help='the policy used for the copy (kept values are not leaks)'
    )
    p.add_argument('--lang', choices=('auto', 'nl', 'fr', 'en'), default=None)
    p.add_argument(
        '--profile',
        choices=('identifiers', 'full'),
        default='full',
        help='what to look for (default full: also names, addresses, birth dates, special categories)',
    )
    p.add_argument('--schema', action='append', default=[], help='schema(s) (PostgreSQL)')
    add_recognizer_arguments(p)
    add_key_arguments(p)  # optional: with the key, a surrogate equal to another original is no leak


def run(args: argparse.Namespace) -> int:
    from gdprscan.anonymize import verify
    from gdprscan.anonymize.actions import Actions
    from gdprscan.scanner.cli.anonymize import load_key

    pol = load_policy(args.policy, args)
    settings = settings_for(args)
    key = load_key(args) if (args.key_env or args.key_file) else None
    if is_database(args.source) or is_database(args.dest):
        from gdprscan.anonymize import database

        try:
            leaks = database.verify_copy(
                args.source, args.dest, settings, pol, schemas=tuple(args.schema), key=key
            )
        except database.CopyError as e:
            raise UsageError(str(e)) from None
    else:
        source, dest = Path(args.source), Path(args.dest)
        for p in (source, dest):
            if not p.exists():
                raise UsageError(f'{p}: no such file or directory')
        values, errors = verify.source_values(source, settings, pol)
        for location, reason in errors:
            warn(location, reason)
        ignore = verify.surrogates_of(values, Actions(key, pol, settings.lang)) if key is not None else set()
        leaks = verify.check(values, dest, ignore=ignore)
    _print_leaks(leaks, settings.profile)
    if leaks.count and key is None:
        # A common surname given to one person as a surrogate may be another person's real name: only
        # with the key can verify tell such a coincidence from a value that was not replaced.
        print(
            'gdprscan: verify ran without the key: a surrogate that equals another original value (a common '
            'surname) counts as a leak here; give --key-env or --key-file to tell them apart',
            file=sys.stderr,
        )
    return 1 if leaks.count or leaks.errors else 0
