"""Reporters: one module per format, each with ``write(result, out)``.

Findings arrive with their raw value in memory; a reporter prints
``finding.as_dict(show_values(result))``, which is masked unless the user asked
for ``--show-values``. ``rich`` is imported only by ``table``.
"""
from __future__ import annotations

import importlib
from typing import Protocol
from typing import TextIO

from gdprscan.scanner.types import ScanResult

#: format name -> module in this package
REPORTERS = {
    'table': 'table',
    'jsonl': 'jsonl',
    'json': 'json_report',
    'csv': 'csv_report',
    'sarif': 'sarif',
    'html': 'html',
    'hook': 'hook',
}


class Reporter(Protocol):
    def write(self, result: ScanResult, out: TextIO) -> None: ...


def get(fmt: str) -> Reporter:
    """The reporter module of format ``fmt``."""
    module = importlib.import_module(f'gdprscan.scanner.reporters.{REPORTERS[fmt]}')
    return module  # type: ignore[return-value]


def show_values(result: ScanResult) -> bool:
    return bool(result.settings.get('show_values'))
