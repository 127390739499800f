"""``gdprscan categories``: the GDPR category table, in Dutch, French or English."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = 'print the GDPR categories, their article and the entities that fall under them'


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument('--lang', choices=('nl', 'fr', 'en'), default='en', help='label language')
    p.add_argument('--format', choices=('table', 'json'), default='table')


def run(args: argparse.Namespace) -> int:
    from gdprscan.classifiers.categories import categories
    from gdprscan.classifiers.categories import entity_categories
    from gdprscan.classifiers.categories import known_entities

    rows: list[dict[str, Any]] = []
    for c in categories().values():
        ents = [e for e in known_entities() if c.id in entity_categories(e)]
        rows.append({'id': c.id, 'article': c.article, 'label': c.label(args.lang), 'entities': ents})
    if args.format == 'json':
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from gdprscan.scanner.reporters.table import console_for
    from rich.table import Table

    t = Table(title={'nl': 'AVG-categorieën', 'fr': 'Catégories RGPD', 'en': 'GDPR categories'}[args.lang])
    for col in ('id', 'art.', 'label', 'entities'):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r['id']), str(r['article']), str(r['label']), ', '.join(r['entities']))
    console_for(sys.stdout).print(t)
    return 0
