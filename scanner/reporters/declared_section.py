"""The declared-versus-found comparison in the terminal summary (``scan --declared FILE``).

Called at the end of ``table.write`` with its rich console; prints nothing without ``--declared``.
Labels are the HTML report's (``html_labels.yaml``), so both speak the same ``--report-lang``.
Values appear masked, as in ``result.extra['declared']``.
"""

from __future__ import annotations

from typing import Any

from gdprscan.classifiers.categories import categories
from gdprscan.scanner.types import ScanResult

#: places listed per undeclared category in the terminal (the HTML and JSON reports list more)
MAX_PLACES = 5
_STYLE = {
    'ok': 'green',
    'undeclared': 'bold red',
    'out_of_scope': 'yellow',
    'not_found': 'dim',
    'covered': 'cyan',
}


def write_declared(console: Any, result: ScanResult) -> None:
    d = result.extra.get('declared')
    if not d:
        return
    from gdprscan.scanner.reporters.labels import load as _labels
    from rich.markup import escape
    from rich.table import Table

    lang = str(result.settings.get('report_lang') or 'en')
    words = _labels().get(lang) or _labels()['en']
    cats = categories()
    declared = list(d.get('declared', ()))
    found: dict[str, Any] = d.get('found', {})
    undeclared = {u['category']: u for u in d.get('undeclared', ())}
    not_found = set(d.get('not_found', ()))
    order = list(cats)
    ids = sorted(set(declared) | set(found), key=lambda c: order.index(c) if c in cats else len(order))
    t = Table(title=escape(f'{words["sec_declared"]}: {d.get("file", "")}'), title_justify='left')
    t.add_column(words['col_category'])
    t.add_column(words['col_article'], justify='right')
    t.add_column(words['col_declared'])
    t.add_column(words['col_found'], justify='right')
    t.add_column(words['col_status'])
    for cid in ids:
        label = cats[cid].label(lang) if cid in cats else cid
        article = cats[cid].article if cid in cats else '6'
        scope = d.get('scope', {}).get(cid)
        said = words['word_yes'] if cid in declared else words['word_no']
        if scope:
            said += f' ({words["only_in"]} {", ".join(scope)})'
        status = _status(cid, declared, undeclared, not_found)
        text = f'[{_STYLE[status]}]{escape(words["st_" + status])}[/{_STYLE[status]}]'
        u = undeclared.get(cid)
        if u and u['count'] != found.get(cid, {}).get('count'):
            text += '\n' + escape(
                words['uncovered'].format(n=u['count'], total=found.get(cid, {}).get('count', 0))
            )
        if u and u.get('denied'):
            text += f'\n[red]{escape(words["st_denied"])}[/red]'
        t.add_row(escape(label), article, escape(said), str(found.get(cid, {}).get('count', 0)), text)
    console.print(t)
    for cid, u in undeclared.items():
        places = ', '.join(
            f'{w["source"]}:{_loc(w.get("location") or {})} {w["masked"]}' for w in u['where'][:MAX_PLACES]
        )
        more = u['count'] - min(len(u['where']), MAX_PLACES)
        line = f'  {cid}: {places}' + (f' (+{more})' if more > 0 else '')
        console.print(escape(line), soft_wrap=True)
    if undeclared:
        console.print(f'[bold red]{len(undeclared)} {escape(words["cards_undeclared"])}[/bold red]')


def _status(cid: str, declared: list[str], undeclared: dict[str, Any], not_found: set[str]) -> str:
    if cid in undeclared:
        return 'out_of_scope' if cid in declared else 'undeclared'
    if cid in not_found:
        return 'not_found'
    return 'ok' if cid in declared else 'covered'


def _loc(location: dict[str, Any]) -> str:
    if set(location) <= {'line', 'column'} and 'line' in location:
        return str(location['line'])
    return ','.join(f'{k}={v}' for k, v in location.items())
