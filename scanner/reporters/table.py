"""Default terminal output: a rich summary per GDPR category and article, per file, and errors.

Sections, each a small function of (console, result, lang) so another section
(for example declared-versus-found) is one more call in :func:`write`:
categories, files, unreadable sources, then one footer line with counts, the
allowed findings by reason, and a hint when nothing was found. Values never
appear here, masked or not: the table is a summary, JSONL has the details.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from typing import TextIO

from gdprscan.classifiers.categories import ARTICLE_ORDER
from gdprscan.classifiers.categories import categories
from gdprscan.scanner.reporters import printable
from gdprscan.scanner.types import ScanResult

MAX_ERROR_ROWS = 20
MAX_FILE_ROWS = 50

_TEXT = {
    'en': {
        'by_category': 'Findings per GDPR category',
        'by_file': 'Findings per file',
        'errors': 'Sources that could not be read',
        'category': 'Category',
        'article': 'Art.',
        'findings': 'Findings',
        'entities': 'Entities',
        'source': 'Source',
        'reason': 'Reason',
        'more': '... {n} more files',
    },
    'nl': {
        'by_category': 'Bevindingen per AVG-categorie',
        'by_file': 'Bevindingen per bestand',
        'errors': 'Bronnen die niet gelezen konden worden',
        'category': 'Categorie',
        'article': 'Art.',
        'findings': 'Bevindingen',
        'entities': 'Entiteiten',
        'source': 'Bron',
        'reason': 'Reden',
        'more': '... nog {n} bestanden',
    },
    'fr': {
        'by_category': 'Constats par catégorie RGPD',
        'by_file': 'Constats par fichier',
        'errors': 'Sources illisibles',
        'category': 'Catégorie',
        'article': 'Art.',
        'findings': 'Constats',
        'entities': 'Entités',
        'source': 'Source',
        'reason': 'Raison',
        'more': '... {n} autres fichiers',
    },
}


def _t(lang: str) -> dict[str, str]:
    return _TEXT.get(lang, _TEXT['en'])


def write(result: ScanResult, out: TextIO) -> None:
    from rich.console import Console

    console = Console(file=out, highlight=False, soft_wrap=False)
    lang = str(result.settings.get('report_lang') or 'en')
    categories_section(console, result, lang)
    files_section(console, result, lang)
    errors_section(console, result, lang)
    console.print(footer(result), markup=False, soft_wrap=True)
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

    table = Table(title=t['by_category'], title_justify='left')
    table.add_column(t['category'])
    table.add_column(t['article'], justify='right')
    table.add_column(t['findings'], justify='right')
    table.add_column(t['entities'])
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
    table = Table(title=t['by_file'], title_justify='left')
    table.add_column(t['source'], overflow='fold')
    table.add_column(t['article'], justify='right')
    table.add_column(t['entities'])
    table.add_column(t['findings'], justify='right')
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
        table.add_row(t['more'].format(n=len(hidden)), '', '', str(rest))
    console.print(table)


def errors_section(console: Any, result: ScanResult, lang: str) -> None:
    """Sources that could not be read (also one line each on stderr)."""
    from rich.markup import escape
    from rich.table import Table

    if not result.errors:
        return
    t = _t(lang)
    table = Table(title=t['errors'], title_justify='left')
    table.add_column(t['source'], overflow='fold')
    table.add_column(t['reason'])
    for source, reason in result.errors[:MAX_ERROR_ROWS]:
        # a folder 'Loon [juni]' is a path, not rich markup
        table.add_row(escape(printable(source)), escape(printable(reason)))
    if len(result.errors) > MAX_ERROR_ROWS:
        table.add_row(f'... {len(result.errors) - MAX_ERROR_ROWS} more', '')
    console.print(table)


def footer(result: ScanResult) -> str:
    """One line: files, findings by article, allowed by reason, unreadable, time; a hint when clean."""
    active = result.active
    by_article = Counter(f.article for f in active)
    allowed = Counter(f.suppressed for f in result.findings if f.suppressed)
    files = f'{result.files_scanned} file{"" if result.files_scanned == 1 else "s"} scanned'
    parts = [files]
    if active:
        arts = ', '.join(
            f'art. {a}: {n}'
            for a, n in sorted(by_article.items(), key=lambda kv: ARTICLE_ORDER.get(kv[0], 0))
        )
        parts.append(f'{len(active)} finding{"" if len(active) == 1 else "s"} ({arts})')
    else:
        parts.append('no personal data found')
    if allowed:
        reasons = ', '.join(f'{n} {why}' for why, n in sorted(allowed.items()))
        parts.append(f'{sum(allowed.values())} allowed ({reasons})')
    if result.files_skipped:
        parts.append(f'{result.files_skipped} skipped (binary)')
    if result.errors:
        parts.append(f'{len(result.errors)} unreadable')
    line = ', '.join(parts) + f' in {result.duration:.2f} s'
    if not active:
        line += '\n' + hint(result)
    return line


def hint(result: ScanResult) -> str:
    """What to try when nothing was found."""
    if result.files_scanned == 0 and not result.errors:
        return 'Hint: no files were scanned; check the TARGET and the --include/--exclude globs.'
    if result.settings.get('profile', 'identifiers') == 'identifiers':
        return (
            'Hint: the identifiers profile looks for checksummed numbers and contact data only; '
            '--profile full also finds names, addresses, birth dates and special categories.'
        )
    return 'Hint: lower --min-score to see weaker matches.'
