"""The DPO report: one self-contained HTML file, readable in Dutch, French or English.

It must open from a mail attachment on a locked-down laptop, so everything is inline: the CSS
(``html_report.css``), no script, font, image or link to anything outside; a Content-Security-Policy
``default-src 'none'`` makes the browser refuse any request should one slip in. Drill-downs use
``<details>``, which needs no JavaScript. Every string from a scan (paths, evidence, masked values,
error reasons, the statement's sentences) is HTML-escaped. Labels live in ``html_labels.yaml``, shared
with the terminal summary (``labels.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections import defaultdict
from datetime import UTC
from datetime import datetime
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any
from typing import TextIO

from gdprscan.classifiers.categories import ARTICLE_ORDER
from gdprscan.classifiers.categories import categories
from gdprscan.scanner.reporters import labels
from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.reporters.summary import summary
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

#: rows per source in the drill-down; the JSON report has them all
MAX_ROWS = 300
#: characters of a statement's sentence shown in the declared table (all of it in a tooltip)
EVIDENCE_CHARS = 180
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _labels() -> dict[str, dict[str, str]]:
    return labels.load()


@cache
def _css() -> str:
    return files('gdprscan.scanner.reporters').joinpath('html_report.css').read_text(encoding='utf-8')


class _Page:
    """Collects the HTML; ``t(key)`` gives an escaped label in the report's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in _labels() else 'en'
        self.parts: list[str] = []

    def t(self, key: str, **kw: Any) -> str:
        text = _labels()[self.lang].get(key) or _labels()['en'][key]
        return escape(text.format(**kw) if kw else text)

    def add(self, *html: str) -> None:
        self.parts.extend(html)


def _art(article: str) -> str:
    return f'<span class="art a{escape(article)}">{escape(article)}</span>'


def _cat_label(cid: str, lang: str) -> str:
    c = categories().get(cid)
    return escape(c.label(lang) if c else cid)


def _location(page: _Page, location: dict[str, Any]) -> str:
    parts = []
    for key, value in location.items():
        label = escape(_labels()[page.lang].get(f'loc_{key}') or str(key))
        parts.append(label if value is True else f'{label} {escape(str(value))}')  # 'file name'
    return ', '.join(parts)


def _locations(page: _Page, locations: list[dict[str, Any]]) -> str:
    """Places in one source, rows of one column merged: 'sheet Loon, column rrn, row 1, 2, 3'."""
    groups: dict[str, list[str]] = {}
    for loc in locations:
        rest = {k: v for k, v in loc.items() if k != 'row'}
        key = _location(page, rest)
        groups.setdefault(key, [])
        if 'row' in loc:
            groups[key].append(escape(str(loc['row'])))
    parts = []
    row = escape(_labels()[page.lang].get('loc_row') or 'row')
    for key, rows in groups.items():
        parts.append(
            f'{key}, {row} {", ".join(rows)}'
            if rows and key
            else (f'{row} {", ".join(rows)}' if rows else key)
        )
    return '; '.join(parts)


def _evidence(evidence: dict[str, Any]) -> str:
    items = []
    for key, value in evidence.items():
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            shown = ', '.join(value)
        else:
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        items.append(f'{escape(str(key))}: {escape(shown)}')
    return '<br>'.join(items)


def write(result: ScanResult, out: TextIO) -> None:
    page = _Page(str(result.settings.get('report_lang') or 'en'))
    s = summary(result)
    declared = result.extra.get('declared')
    _head(page, result)
    _cards(page, result, s, declared)
    _toc(page, declared is not None)
    _categories(page, result, s)
    if declared is not None:
        _declared(page, declared)
    _sources(page, result)
    _errors(page, result)
    _settings(page, result, s, declared)
    page.add('</main>\n', f'<footer>{page.t("footer")}</footer>\n</body>\n</html>\n')
    out.write(''.join(page.parts))


def _head(page: _Page, result: ScanResult) -> None:
    version = escape(str(result.settings.get('version') or ''))
    stamp = datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')
    targets = escape(', '.join(result.targets))
    page.add(
        '<!DOCTYPE html>\n',
        f'<html lang="{page.lang}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f'<meta name="generator" content="gdprscan {version}">\n',
        f'<title>{page.t("title")} \u2014 gdprscan</title>\n',
        f'<style>\n{_css()}</style>\n</head>\n<body>\n',
        '<header class="top">\n',
        f'<div class="brand">gdprscan {version}</div>\n',
        f'<h1>{page.t("title")}</h1>\n',
        f'<p class="meta">{page.t("targets")}: {targets} \u00b7 {page.t("generated")} {stamp}</p>\n',
        '</header>\n<main>\n',
    )


def _cards(page: _Page, result: ScanResult, s: dict[str, Any], declared: dict[str, Any] | None) -> None:
    special = sum(1 for f in result.active if f.article in ('9', '10'))
    cards = [
        (s['files_scanned'], page.t('cards_files'), ''),
        *([(s['tables_scanned'], page.t('cards_tables'), '')] if s['tables_scanned'] else []),
        *([(s['sampled']['tables'], page.t('cards_sampled'), 'warn')] if s.get('sampled') else []),
        (s['findings'], page.t('cards_findings'), ''),
        (special, page.t('cards_special'), 'warn' if special else ''),
        (len(s['by_source']), page.t('cards_sources'), ''),
        (s['files_with_errors'], page.t('cards_errors'), 'warn' if s['files_with_errors'] else ''),
    ]
    if declared is not None:
        n = len(declared.get('undeclared', ()))
        cards.append((n, page.t('cards_undeclared'), 'bad' if n else 'good'))
    page.add('<section class="cards">\n')
    for num, label, cls in cards:
        page.add(
            f'<div class="card {cls}"><span class="num">{num}</span><span class="lbl">{label}</span></div>\n'
        )
    page.add('</section>\n')


def _toc(page: _Page, with_declared: bool) -> None:
    links = [('categories', 'sec_categories')]
    if with_declared:
        links.append(('declared', 'sec_declared'))
    links += [('sources', 'sec_sources'), ('errors', 'sec_errors'), ('settings', 'sec_settings')]
    page.add(f'<nav class="toc">{page.t("toc")}: ')
    page.add(*(f'<a href="#{anchor}">{page.t(key)}</a>' for anchor, key in links))
    page.add('</nav>\n')


def _categories(page: _Page, result: ScanResult, s: dict[str, Any]) -> None:
    page.add(f'<section id="categories">\n<h2>{page.t("sec_categories")}</h2>\n')
    if not s['findings']:
        page.add(f'<p class="empty">{page.t("no_findings")}</p>\n</section>\n')
        return
    page.add(f'<p class="intro">{page.t("sec_categories_intro")}</p>\n')
    sources: dict[str, set[str]] = defaultdict(set)
    entities: dict[str, Counter[str]] = defaultdict(Counter)
    for f in result.active:
        for c in f.categories:
            sources[c].add(f.source)
            entities[c][f.entity] += 1
    cats = categories()
    rows = sorted(
        s['by_category'].items(),
        key=lambda kv: (-ARTICLE_ORDER.get(cats[kv[0]].article if kv[0] in cats else '6', 0), -kv[1], kv[0]),
    )
    top = max(s['by_category'].values())
    page.add(
        '<table class="cats">\n<thead><tr>',
        f'<th>{page.t("col_category")}</th><th>{page.t("col_article")}</th>',
        f'<th class="n">{page.t("col_findings")}</th><th class="n">{page.t("col_sources")}</th>',
        f'<th>{page.t("col_entities")}</th></tr></thead>\n<tbody>\n',
    )
    for cid, n in rows:
        article = cats[cid].article if cid in cats else '6'
        width = max(1, round(100 * n / top))
        ents = ', '.join(f'{escape(e)}\u00a0{k}' for e, k in entities[cid].most_common())
        page.add(
            f'<tr><td>{_cat_label(cid, page.lang)}<span class="sub mono">{escape(cid)}</span></td>',
            f'<td>{_art(article)}</td>',
            f'<td class="n">{n}<span class="bar a{escape(article)}" style="width:{width}%"></span></td>',
            f'<td class="n">{len(sources[cid])}</td><td class="ev">{ents}</td></tr>\n',
        )
    page.add('</tbody>\n</table>\n</section>\n')


def _declared(page: _Page, d: dict[str, Any]) -> None:
    cats = categories()
    page.add(
        f'<section id="declared">\n<h2>{page.t("sec_declared")}</h2>\n',
        f'<p class="intro">{page.t("sec_declared_intro", file=str(d.get("file", "")))}</p>\n',
    )
    declared = list(d.get('declared', ()))
    found: dict[str, Any] = d.get('found', {})
    undeclared = {u['category']: u for u in d.get('undeclared', ())}
    not_found = set(d.get('not_found', ()))
    denied = set(d.get('denied', ()))
    evidence: dict[str, str] = d.get('evidence', {})
    scope: dict[str, list[str]] = d.get('scope', {})
    order = list(cats)
    ids = sorted(set(declared) | set(found), key=lambda c: order.index(c) if c in cats else len(order))
    with_notes = bool(evidence or denied)
    seen: dict[str, str] = {}
    page.add(
        '<table class="declared">\n<thead><tr>',
        f'<th>{page.t("col_category")}</th><th>{page.t("col_article")}</th><th>{page.t("col_declared")}</th>',
        f'<th class="n">{page.t("col_found")}</th><th>{page.t("col_status")}</th>',
        f'<th>{page.t("col_statement")}</th>' if with_notes else '',
        '</tr></thead>\n<tbody>\n',
    )
    for cid in ids:
        article = cats[cid].article if cid in cats else str(found.get(cid, {}).get('article', '6'))
        if cid in undeclared:
            status = 'out_of_scope' if cid in declared else 'undeclared'
        elif cid in not_found:
            status = 'not_found'
        elif cid in declared:
            status = 'ok'
        else:
            status = 'covered'
        is_declared = page.t('word_yes') if cid in declared else page.t('word_no')
        if scope.get(cid):
            is_declared += (
                f'<span class="sub">{page.t("only_in")} '
                + ', '.join(f'<span class="mono">{escape(g)}</span>' for g in scope[cid])
                + '</span>'
            )
        note = _statement_note(page, cid, evidence, seen)
        if cid in denied:
            note = f'<span class="denied">{page.t("st_denied")}</span>' + note
        count = found.get(cid, {}).get('count', 0)
        page.add(
            f'<tr><td>{_cat_label(cid, page.lang)}<span class="sub mono">{escape(cid)}</span></td>',
            f'<td>{_art(article)}</td><td>{is_declared}</td><td class="n">{count}</td>',
            f'<td><span class="status {status}">{page.t("st_" + status)}</span>',
            f'{_uncovered(page, cid, undeclared, count)}</td>',
            f'<td class="ev">{note}</td></tr>\n' if with_notes else '</tr>\n',
        )
    page.add('</tbody>\n</table>\n')
    if undeclared:
        _where(page, undeclared)
    page.add('</section>\n')


def _where(page: _Page, undeclared: dict[str, Any]) -> None:
    """One row per undeclared category and source: how many, a few places, the entities, an example."""
    page.add(
        f'<h3>{page.t("undeclared_where")}</h3>\n<table class="where">\n<thead><tr>',
        f'<th>{page.t("col_category")}</th><th>{page.t("col_source")}</th>',
        f'<th class="n">{page.t("col_findings")}</th><th>{page.t("col_location")}</th>',
        f'<th>{page.t("col_entity")}</th><th>{page.t("col_value")}</th></tr></thead>\n<tbody>\n',
    )
    for cid, u in undeclared.items():
        places: dict[str, list[dict[str, Any]]] = {}
        for w in u.get('where', ()):
            places.setdefault(str(w['source']), []).append(w)
        counts: dict[str, int] = u.get('by_source') or {s: len(ws) for s, ws in places.items()}
        more = int(u.get('count', 0)) - sum(int(counts.get(s, len(ws))) for s, ws in places.items())
        label = f'{_cat_label(cid, page.lang)}<span class="sub">{_art(str(u.get("article", "6")))}</span>'
        label = f'<td rowspan="{len(places) + (1 if more > 0 else 0)}">{label}</td>'
        for source, ws in places.items():
            n = int(counts.get(source, len(ws)))
            locations = _locations(page, [w.get('location') or {} for w in ws])
            if n > len(ws):
                locations += '; \u2026'
            entities = ', '.join(escape(e) for e in dict.fromkeys(str(w['entity']) for w in ws))
            page.add(
                f'<tr>{label}<td class="mono">{escape(source)}</td><td class="n">{n}</td>',
                f'<td>{locations}</td><td class="mono">{entities}</td>',
                f'<td class="mono val">{escape(str(ws[0]["masked"]))}</td></tr>\n',
            )
            label = ''
        if more > 0:
            page.add(f'<tr>{label}<td colspan="5" class="note">{page.t("more_rows", n=more)}</td></tr>\n')
    page.add('</tbody>\n</table>\n')


def _statement_note(page: _Page, cid: str, evidence: dict[str, str], seen: dict[str, str]) -> str:
    """The declaring sentence, clipped; one already shown for another category is named, not repeated."""
    text = evidence.get(cid, '')
    if not text:
        return ''
    if text in seen:
        return f'<span class="sub">{page.t("same_as", label=seen[text])}</span>'
    seen[text] = categories()[cid].label(page.lang) if cid in categories() else cid
    full = escape(text)
    if len(text) > EVIDENCE_CHARS:
        return f'<span title="{full}">{escape(text[: EVIDENCE_CHARS - 1].rstrip())}\u2026</span>'
    return full


def _uncovered(page: _Page, cid: str, undeclared: dict[str, Any], total: int) -> str:
    """'2 of 5 not covered' under the status, when only part of a category's findings is uncovered."""
    n = int(undeclared[cid]['count']) if cid in undeclared else 0
    if not n or n == total:
        return ''
    return f'<span class="sub">{page.t("uncovered", n=n, total=total)}</span>'


def _source_order(item: tuple[str, list[Finding]]) -> tuple[int, int, str]:
    source, fs = item
    return (-max(ARTICLE_ORDER.get(f.article, 0) for f in fs), -len(fs), source)


def _sources(page: _Page, result: ScanResult) -> None:
    values = show_values(result)
    page.add(f'<section id="sources">\n<h2>{page.t("sec_sources")}</h2>\n')
    by_source: dict[str, list[Finding]] = defaultdict(list)
    for f in result.active:
        by_source[f.source].append(f)
    if not by_source:
        page.add(f'<p class="empty">{page.t("no_findings")}</p>\n</section>\n')
        return
    page.add(f'<p class="intro">{page.t("sec_sources_intro")}</p>\n')
    note = page.t('values_note') if values else page.t('masked_note')
    page.add(f'<p class="note{" warn" if values else ""}">{note}</p>\n')
    for n, (source, fs) in enumerate(sorted(by_source.items(), key=_source_order)):
        articles = sorted({f.article for f in fs}, key=lambda a: -ARTICLE_ORDER.get(a, 0))
        badges = ' '.join(_art(a) for a in articles)
        page.add(
            f'<details{" open" if n == 0 else ""}>\n<summary><span class="src">{escape(source)}</span>',
            f'<span class="cnt">{len(fs)} {page.t("col_findings").lower()}</span> {badges}',
            '</summary>\n<div>\n',
            '<table>\n<thead><tr>',
            f'<th>{page.t("col_location")}</th><th>{page.t("col_entity")}</th>',
            f'<th>{page.t("col_category")}</th><th>{page.t("col_article")}</th>',
            f'<th>{page.t("col_value")}</th><th class="n">{page.t("col_score")}</th>',
            f'<th>{page.t("col_evidence")}</th></tr></thead>\n<tbody>\n',
        )
        for f in fs[:MAX_ROWS]:
            shown = f.value if values else f.masked
            evidence = _evidence(f.public_evidence(values))  # no source text without --show-values
            cats = ', '.join(_cat_label(c, page.lang) for c in f.categories)
            page.add(
                f'<tr><td>{_location(page, f.location)}</td><td class="mono">{escape(f.entity)}</td>',
                f'<td>{cats}</td><td>{_art(f.article)}</td><td class="mono">{escape(shown)}</td>',
                f'<td class="n">{f.score:.2f}</td><td class="ev">{evidence}</td></tr>\n',
            )
        if len(fs) > MAX_ROWS:
            page.add(
                f'<tr><td colspan="7" class="note">{page.t("more_rows", n=len(fs) - MAX_ROWS)}</td></tr>\n'
            )
        page.add('</tbody>\n</table>\n</div>\n</details>\n')
    page.add('</section>\n')


def _errors(page: _Page, result: ScanResult) -> None:
    page.add(f'<section id="errors">\n<h2>{page.t("sec_errors")}</h2>\n')
    skipped = result.extra.get('skipped') or []  # not read either: never "every file could be read"
    if not result.errors and not skipped:
        page.add(f'<p class="empty">{page.t("sec_errors_none")}</p>\n</section>\n')
        return
    page.add(
        f'<table class="errors">\n<thead><tr><th>{page.t("col_source")}</th><th>{page.t("col_reason")}</th>',
        '</tr></thead>\n<tbody>\n',
    )
    note = page.t('skipped_note')
    rows = sorted(result.errors) + [(i['source'], f'{i["reason"]} ({note})') for i in skipped]
    for source, reason in rows:
        page.add(f'<tr><td class="mono">{escape(source)}</td><td>{escape(reason)}</td></tr>\n')
    page.add('</tbody>\n</table>\n</section>\n')


def _settings(page: _Page, result: ScanResult, s: dict[str, Any], declared: dict[str, Any] | None) -> None:
    st = result.settings
    entities = st.get('entities')
    rows = [
        ('set_version', str(st.get('version') or '')),
        ('set_date', datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S UTC')),
        ('set_duration', f'{result.duration:.2f} {_labels()[page.lang]["seconds"]}'),
        ('set_targets', ', '.join(result.targets)),
        ('set_profile', str(st.get('profile') or '')),
        ('set_entities', ', '.join(entities) if entities else _labels()[page.lang]['all_entities']),
        ('set_min_score', str(st.get('min_score', ''))),
        ('set_lang', str(st.get('lang') or 'auto')),
        ('set_fail_on', str(st.get('fail_on') or '')),
        ('set_show_values', _labels()[page.lang]['word_yes' if st.get('show_values') else 'word_no']),
        ('set_files', f'{s["files_scanned"]} / {s["files_skipped"]}'),
        *([('set_tables', str(s['tables_scanned']))] if s['tables_scanned'] else []),
        *[('set_sampled', f"{n['table']}: {n['text']}") for n in result.extra.get('sampled') or ()],
        ('set_bytes', f'{s["bytes_scanned"]:,}'.replace(',', '\u202f')),
        ('set_suppressed', str(s['suppressed'])),
    ]
    if st.get('config'):
        rows.append(('set_config', str(st['config'])))
    if declared is not None:
        rows.append(('set_declared', str(declared.get('file', ''))))
    page.add(f'<section id="settings">\n<h2>{page.t("sec_settings")}</h2>\n<dl class="settings">\n')
    for key, value in rows:
        page.add(f'<dt>{page.t(key)}</dt><dd>{escape(value)}</dd>\n')
    page.add('</dl>\n</section>\n')
