"""Reporters: one module per format, each with ``write(result, out)``.

Findings arrive with their raw value in memory; a reporter prints
``finding.as_dict(show_values(result))``, which is masked unless the user asked
for ``--show-values``, and ``finding.public_evidence(...)`` when it prints the
evidence itself: no text of the scanned data without ``--show-values``. Paths
arrive with values found in file names already masked (``gdprscan scan`` calls
``scanner.masked_sources.mask_sources``). ``rich`` is imported only by ``table``.
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


#: Control characters in a file name would split a one-line message or drive the terminal (ESC).
_CONTROL = {i: f'\\x{i:02x}' for i in (*range(0x20), 0x7F)} | {0x09: '\\t', 0x0A: '\\n', 0x0D: '\\r'}


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x1b``): one line, inert."""
    return text.translate(_CONTROL)
