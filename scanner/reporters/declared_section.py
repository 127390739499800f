"""The declared-versus-found comparison in the terminal summary (``scan --declared FILE``).

Called at the end of ``table.write`` with its rich console; prints nothing without ``--declared``.
"""

from __future__ import annotations

from typing import Any

from gdprscan.classifiers.categories import categories
from gdprscan.scanner.types import ScanResult

#: places listed per undeclared category in the terminal (the HTML and JSON reports list more)
MAX_PLACES = 5


def write_declared(console: Any, result: ScanResult) -> None:
    d = result.extra.get('declared')
    if not d:
        return
    from rich.markup import escape
    from rich.table import Table

    cats = categories()
    lang = str(result.settings.get('report_lang') or 'en')
    declared = list(d.get('declared', ()))
    found: dict[str, Any] = d.get('found', {})
    undeclared = {u['category']: u for u in d.get('undeclared', ())}
    not_found = set(d.get('not_found', ()))
    order = list(cats)
    ids = sorted(set(declared) | set(found), key=lambda c: order.index(c) if c in cats else len(order))
    t = Table(title=escape(f'Declared ({d.get("file", "")}) versus found'), title_justify='left')
    t.add_column('Category')
    t.add_column('Art.', justify='right')
    t.add_column('Declared')
    t.add_column('Found', justify='right')
    t.add_column('Status')
    for cid in ids:
        label = cats[cid].label(lang) if cid in cats else cid
        article = cats[cid].article if cid in cats else '6'
        scope = d.get('scope', {}).get(cid)
        said = ('yes' + (f' (only {", ".join(scope)})' if scope else '')) if cid in declared else 'no'
        if cid in undeclared:
            u = undeclared[cid]
            n_sources = u.get('sources', len(u['where']))
            status = f'[red]NOT DECLARED[/red] {u["count"]} in {n_sources} source(s)'
            if cid in declared:
                status = f'[yellow]outside scope[/yellow] {u["count"]} in {n_sources} source(s)'
            if u.get('denied'):
                status += ' [red](statement says not processed)[/red]'
        elif cid in not_found:
            status = '[dim]declared, not found[/dim]'
        elif cid in declared:
            status = '[green]ok[/green]'
        else:
            status = 'covered by another declared category'
        count = str(found.get(cid, {}).get('count', 0))
        t.add_row(escape(label), article, escape(said), count, status)
    console.print(t)
    for cid, u in undeclared.items():
        places = ', '.join(
            f'{w["source"]}:{_loc(w.get("location") or {})} {w["masked"]}' for w in u['where'][:MAX_PLACES]
        )
        more = u['count'] - min(len(u['where']), MAX_PLACES)
        console.print(escape(f'  {cid}: {places}' + (f' (+{more} more)' if more > 0 else '')), soft_wrap=True)
    if undeclared:
        console.print(
            f'[red]{len(undeclared)} {"category" if len(undeclared) == 1 else "categories"} '
            'found but not declared[/red]'
        )


def _loc(location: dict[str, Any]) -> str:
    if 'line' in location:
        return str(location['line'])
    return ','.join(f'{k}={v}' for k, v in location.items())
