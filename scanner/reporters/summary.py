"""Counts shared by the table, JSON and HTML reports."""
from __future__ import annotations

from collections import Counter
from typing import Any

from gdprscan.scanner.types import ScanResult


def sampled(result: ScanResult) -> dict[str, Any] | None:
    """Database tables read in part (``--sample``): how many, rows read of (about) how many; None
    when every row was read. A clean sample is not a clean table: reports must say it."""
    notes = result.extra.get('sampled') or []
    if not notes:
        return None
    return {
        'tables': len(notes),
        'rows_read': sum(n['rows_read'] for n in notes),
        'rows_total': sum(max(n['rows_total'], n['rows_read']) for n in notes),  # -1: not counted
        'rows_total_exact': all(n['rows_total_exact'] for n in notes),
    }


def summary(result: ScanResult) -> dict[str, Any]:
    """Counts per entity, category, article and source of the active findings."""
    active = result.active
    sample = sampled(result)
    return {
        **({'sampled': sample} if sample else {}),
        'files_scanned': result.files_scanned,
        'files_skipped': result.files_skipped,
        'tables_scanned': result.tables_scanned,
        'files_with_errors': len(result.errors),
        'bytes_scanned': result.bytes_scanned,
        'duration_seconds': round(result.duration, 3),
        'findings': len(active),
        'suppressed': len(result.findings) - len(active),
        'by_entity': dict(sorted(Counter(f.entity for f in active).items())),
        'by_category': dict(sorted(Counter(c for f in active for c in f.categories).items())),
        'by_article': dict(sorted(Counter(f.article for f in active).items())),
        'by_source': dict(sorted(Counter(f.source for f in active).items())),
    }
