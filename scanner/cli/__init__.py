"""The command line: ``gdprscan COMMAND ...``. The only part of gdprscan that prints.

Each command is a module here with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; its heavy imports live inside ``run`` so that
``gdprscan scan`` starts fast. Exit codes: 0 clean, 1 findings (by
``--fail-on``), 2 usage or configuration error, 141 when the reader of stdout
hung up (``| head``), 130 on Ctrl-C. No traceback reaches the user (set
``GDPRSCAN_DEBUG=1`` to see one).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from gdprscan.scanner import signals
from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import drop
from gdprscan.scanner.cli.common import error
from gdprscan.scanner.cli.common import tolerant_streams

#: command name -> module in this package
COMMANDS = {
    'scan': 'scan',
    'categories': 'categories',
    'baseline': 'baseline',
    'anonymize': 'anonymize',
    'verify': 'verify',
    'statement': 'statement',
}


#: 128 + SIGPIPE, the status a shell shows for ``seq 1 100000 | head -1``: the output was cut short,
#: which must read neither as clean (0) nor as findings (1).
EXIT_BROKEN_PIPE = 141


def _version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version

    try:
        return version('gdprscan')
    except PackageNotFoundError:
        return 'unknown'


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog='gdprscan',
        description='Find, classify and pseudonymise personal data in Belgian HR files and databases.',
    )
    parser.add_argument('--version', action='version', version=f'gdprscan {_version()}')
    sub = parser.add_subparsers(dest='command', metavar='COMMAND', required=True)
    for name, modname in COMMANDS.items():
        try:
            module = importlib.import_module(f'gdprscan.scanner.cli.{modname}')
        except ModuleNotFoundError as e:
            if e.name == f'gdprscan.scanner.cli.{modname}':
                continue
            raise
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _late_targets(parser: argparse.ArgumentParser, args: argparse.Namespace, rest: list[str]) -> None:
    """Targets after an option (``scan share --format json sqlite:///hr.db``) join the others.

    argparse fills a ``nargs='*'`` positional once and leaves later ones unrecognised.
    """
    targets = getattr(args, 'targets', None)
    if isinstance(targets, list) and not any(r.startswith('-') for r in rest):
        targets.extend(rest)
        return
    parser.error(f'unrecognized arguments: {" ".join(rest)}')


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    tolerant_streams()
    parser = build_parser()
    try:
        args, rest = parser.parse_known_args(argv)
        if rest:
            _late_targets(parser, args, rest)
    except SystemExit as e:  # argparse: --help (0) or a usage error (2)
        return int(e.code or 0)
    try:
        with signals.terminate_as_interrupt():
            code = int(args._run(args))
        sys.stdout.flush()  # a reader that hung up shows here, not in the interpreter's exit flush
        return code
    except UsageError as e:
        error(str(e))
        return 2
    except signals.Terminated:
        error('terminated')
        return signals.EXIT_TERMINATED
    except KeyboardInterrupt:
        error('interrupted')
        return 130
    except BrokenPipeError:  # `gdprscan ... | head`: stop quietly, as coreutils killed by SIGPIPE do
        drop(sys.stdout)
        return EXIT_BROKEN_PIPE
    except Exception as e:
        if os.environ.get('GDPRSCAN_DEBUG'):
            raise
        error(f'internal error ({type(e).__name__}); set GDPRSCAN_DEBUG=1 for details')
        return 2


if __name__ == '__main__':
    sys.exit(main())
