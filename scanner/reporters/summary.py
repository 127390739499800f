"""Counts shared by the table, JSON and HTML reports."""
from __future__ import annotations

from collections import Counter
from typing import Any

from gdprscan.scanner.types import ScanResult


def summary(result: ScanResult) -> dict[str, Any]:
    """Counts per entity, category, article and source of the active findings."""
    active = result.active
    return {
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
