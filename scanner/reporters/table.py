"""Default terminal output: a rich summary per GDPR category and article, per file, and errors.

Sections, each a small function of (console, result, lang) so another section
(for example declared-versus-found) is one more call in :func:`write`:
categories, files, unreadable sources, then one footer line with counts, the
allowed findings by reason, and a hint when nothing was found. Values never
appear here, masked or not: the table is a summary, JSONL has the details.
Every heading, footer and hint speaks ``--report-lang`` with the HTML report's
labels (``html_labels.yaml`` through ``labels.py``): one wording per language.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from typing import TextIO

from gdprscan.classifiers.categories import ARTICLE_ORDER
from gdprscan.classifiers.categories import categories
from gdprscan.scanner.reporters import printable
from gdprscan.scanner.reporters.labels import Labels
from gdprscan.scanner.reporters.summary import sampled
from gdprscan.scanner.types import ScanResult

MAX_ERROR_ROWS = 20
MAX_FILE_ROWS = 50


def _t(lang: str) -> Labels:
    return Labels(lang)


def console_for(out: TextIO, **options: Any) -> Any:
    """A rich Console on ``out`` that lets a closed pipe raise ``BrokenPipeError``.

    rich's own answer to ``gdprscan ... | head`` is ``SystemExit(1)``, which would read as
    "findings"; ``cli.main`` turns the error into exit 141 like every other output.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(file=out, **options)


def write(result: ScanResult, out: TextIO) -> None:
    console = console_for(out, highlight=False, soft_wrap=False)
    lang = str(result.settings.get('report_lang') or 'en')
    categories_section(console, result, lang)
    files_section(console, result, lang)
    errors_section(console, result, lang)
    console.print(footer(result, lang), markup=False, soft_wrap=True)
    from gdprscan.scanner.reporters.declared_section import write_declared

    write_declared(console, result)


def categories_section(console: Any, result: ScanResult, lang: str) -> None:
    """Active findings per category, with the article, grouped art. 6, 9, 10."""
    from rich.table import Table

    active = result.active
    if not active:
        return
    t = _t(lang)
    cats = categories()
    counts = Counter(c for f in active for c in f.categories)
    entities: dict[str, set[str]] = {}
    for f in active:
        for c in f.categories:
            entities.setdefault(c, set()).add(f.entity)

    def article(cid: str) -> str:
        return cats[cid].article if cid in cats else '6'

    table = Table(title=t('sec_categories'), title_justify='left')
    table.add_column(t('col_category'))
    table.add_column(t('col_article'), justify='right')
    table.add_column(t('col_findings'), justify='right')
    table.add_column(t('col_entities'))
    for cid in sorted(counts, key=lambda c: (-ARTICLE_ORDER.get(article(c), 0), -counts[c], c)):
        label = cats[cid].label(lang) if cid in cats else cid
        table.add_row(label, article(cid), str(counts[cid]), ', '.join(sorted(entities[cid])))
    console.print(table)


def files_section(console: Any, result: ScanResult, lang: str) -> None:
    """Active findings per source, with the strictest article in it.

    Up to :data:`MAX_FILE_ROWS` sources by name; beyond that the ones with the most
    findings (a share can have thousands; the JSON report lists them all).
    """
    from rich.markup import escape
    from rich.table import Table

    active = result.active
    if not active:
        return
    t = _t(lang)
    per_source: dict[str, Counter[str]] = {}
    articles: dict[str, str] = {}
    for f in active:
        per_source.setdefault(f.source, Counter())[f.entity] += 1
        old = articles.get(f.source, '6')
        articles[f.source] = max(old, f.article, key=lambda a: ARTICLE_ORDER.get(a, 0))
    table = Table(title=t('term_by_file'), title_justify='left')
    table.add_column(t('col_source'), overflow='fold')
    table.add_column(t('col_article'), justify='right')
    table.add_column(t('col_entities'))
    table.add_column(t('col_findings'), justify='right')
    shown = sorted(per_source)
    if len(shown) > MAX_FILE_ROWS:
        shown = sorted(shown, key=lambda s: (-sum(per_source[s].values()), s))[:MAX_FILE_ROWS]
    for source in shown:
        ents = per_source[source]
        label = ', '.join(f'{e} {n}' for e, n in sorted(ents.items()))
        table.add_row(escape(printable(source)), articles[source], label, str(sum(ents.values())))
    listed = set(shown)
    hidden = [s for s in per_source if s not in listed]
    if hidden:
        rest = sum(sum(per_source[s].values()) for s in hidden)
        table.add_row(t('term_more_files', n=len(hidden)), '', '', str(rest))
    console.print(table)


def errors_section(console: Any, result: ScanResult, lang: str) -> None:
    """Sources that could not be read (also one line each on stderr)."""
    from rich.markup import escape
    from rich.table import Table

    if not result.errors:
        return
    t = _t(lang)
    table = Table(title=t('term_errors'), title_justify='left')
    table.add_column(t('col_source'), overflow='fold')
    table.add_column(t('col_reason'))
    for source, reason in result.errors[:MAX_ERROR_ROWS]:
        # a folder 'Loon [juni]' is a path, not rich markup
        table.add_row(escape(printable(source)), escape(printable(reason)))
    if len(result.errors) > MAX_ERROR_ROWS:
        table.add_row(t('term_more_errors', n=len(result.errors) - MAX_ERROR_ROWS), '')
    console.print(table)


def footer(result: ScanResult, lang: str = 'en') -> str:
    """One line: files, tables, findings by article, allowed by reason, unreadable, time; a hint if clean."""
    t = _t(lang)
    active = result.active
    by_article = Counter(f.article for f in active)
    allowed = Counter(f.suppressed for f in result.findings if f.suppressed)
    parts = []
    if result.files_scanned or not result.tables_scanned:
        parts.append(t.count('term_files', result.files_scanned))
    if result.tables_scanned:
        parts.append(t.count('term_tables', result.tables_scanned))
    sample = sampled(result)
    if sample:
        sep = {'nl': '.', 'fr': '\u202f'}.get(t.lang, ',')
        read, total = (f'{sample[k]:,}'.replace(',', sep) for k in ('rows_read', 'rows_total'))
        total = total if sample['rows_total_exact'] else f'~{total}'
        parts.append(t.count('term_sampled', sample['tables'], read=read, total=total))
    if active:
        arts = ', '.join(
            t('term_article', a=a, n=n)
            for a, n in sorted(by_article.items(), key=lambda kv: ARTICLE_ORDER.get(kv[0], 0))
        )
        parts.append(f'{t.count("term_findings", len(active))} ({arts})')
    else:
        parts.append(t('term_no_findings'))
    if allowed:
        reasons = ', '.join(f'{n} {_why(t, str(why))}' for why, n in sorted(allowed.items()))
        parts.append(f'{t.count("term_allowed", sum(allowed.values()))} ({reasons})')
    if result.files_skipped:
        parts.append(t.count('term_skipped', result.files_skipped))
    if result.errors:
        parts.append(t.count('term_unreadable', len(result.errors)))
    line = ', '.join(parts) + ' ' + t('term_duration', s=t.number(result.duration))
    if not active:
        line += '\n' + hint(result, lang)
    return line


def _why(t: Labels, reason: str) -> str:
    key = f'term_why_{reason}'
    return t(key) if t.has(key) else reason


def hint(result: ScanResult, lang: str = 'en') -> str:
    """What to try when nothing was found."""
    t = _t(lang)
    if result.files_scanned == 0 and result.tables_scanned == 0 and not result.errors:
        return t('term_hint_nothing_scanned')
    if result.settings.get('profile', 'identifiers') == 'identifiers':
        return t('term_hint_identifiers')
    return t('term_hint_min_score')
