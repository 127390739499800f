"""``gdprscan statement FILE``: the categories of personal data a privacy statement declares."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING
from typing import TextIO

from gdprscan.scanner.cli.common import UsageError
from gdprscan.scanner.cli.common import output

if TYPE_CHECKING:
    from gdprscan.classifiers.statement import Reading

HELP = 'read a privacy statement (txt, md, html, pdf, docx) and list the GDPR categories it declares'


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('file', metavar='FILE', help='the privacy statement')
    p.add_argument(
        '--format',
        choices=('table', 'json', 'yaml'),
        default='table',
        help='table (default), json, or yaml: a declared-categories file for scan --declared',
    )
    p.add_argument(
        '--lang', choices=('auto', 'nl', 'fr', 'en'), default='auto', help='language of the statement'
    )
    p.add_argument('-o', '--output', metavar='FILE', help='write here (atomically) instead of stdout')


def run(args: argparse.Namespace) -> int:
    from gdprscan.classifiers import statement
    from gdprscan.scanner.statement_text import StatementReadError
    from gdprscan.scanner.statement_text import read_text

    try:
        reading = statement.read(read_text(args.file), args.lang)
    except StatementReadError as e:
        raise UsageError(str(e)) from e
    with output(args.output) as out:
        if args.format == 'json':
            doc = {'statement': args.file, 'categories': [d.as_dict() for d in reading.declared]}
            json.dump(doc, out, ensure_ascii=False, indent=2)
            out.write('\n')
        elif args.format == 'yaml':
            from gdprscan.scanner.declared import to_yaml

            out.write(
                to_yaml(
                    [(d.id, d.evidence) for d in reading.declared], args.file, [d.id for d in reading.denied]
                )
            )
        else:
            _table(reading, args.file, out)
    return 0


def _table(reading: Reading, file: str, out: TextIO) -> None:
    from gdprscan.classifiers.categories import categories
    from gdprscan.scanner.reporters.table import console_for
    from rich.markup import escape
    from rich.table import Table

    cats = categories()
    console = console_for(out, highlight=False)
    t = Table(title=escape(f'Categories declared by {file} (language: {reading.lang})'), title_justify='left')
    t.add_column('Category')
    t.add_column('Art.', justify='right')
    t.add_column('Evidence', overflow='fold')
    for d in reading.declared:
        t.add_row(
            f'{d.id}\n[dim]{escape(cats[d.id].label(reading.lang))}[/dim]', d.article, escape(d.evidence)
        )
    console.print(t)
    if reading.denied:
        console.print('Said not to be processed: ' + ', '.join(d.id for d in reading.denied))
    if not reading.declared:
        console.print('No declared category found: write a declared-categories YAML (--format yaml) by hand.')
