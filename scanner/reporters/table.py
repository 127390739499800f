"""Default terminal output: a rich summary per category and per file."""
from __future__ import annotations

from typing import TextIO

from gdprscan.classifiers.categories import categories
from gdprscan.scanner.reporters.summary import summary
from gdprscan.scanner.types import ScanResult


def write(result: ScanResult, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False)
    s = summary(result)
    lang = str(result.settings.get('report_lang') or 'en')
    cats = categories()
    if s['findings']:
        t = Table(title='Findings per GDPR category', title_justify='left')
        t.add_column('Category')
        t.add_column('Art.', justify='right')
        t.add_column('Findings', justify='right')
        for cid, n in sorted(s['by_category'].items(), key=lambda kv: -kv[1]):
            c = cats.get(cid)
            t.add_row(c.label(lang) if c else cid, c.article if c else '6', str(n))
        console.print(t)
        t = Table(title='Findings per file', title_justify='left')
        t.add_column('Source', overflow='fold')
        t.add_column('Entities')
        t.add_column('Findings', justify='right')
        per_source: dict[str, dict[str, int]] = {}
        for f in result.active:
            ents = per_source.setdefault(f.source, {})
            ents[f.entity] = ents.get(f.entity, 0) + 1
        for source, ents in sorted(per_source.items()):
            label = ', '.join(f'{e} {n}' for e, n in sorted(ents.items()))
            t.add_row(source, label, str(sum(ents.values())))
        console.print(t)
    console.print(
        f"{s['files_scanned']} files scanned, {s['findings']} findings"
        + (f", {s['suppressed']} allowed" if s['suppressed'] else '')
        + (f", {s['files_with_errors']} unreadable" if s['files_with_errors'] else '')
        + f" in {s['duration_seconds']:.2f} s"
    )
