"""CSV/TSV: one text unit per non-empty cell, located by header and 1-based data row.

Delimiter from :class:`csv.Sniffer` on the first block (``,;\\t|``), encoding sniffed
(UTF-8, UTF-16 with or without BOM, cp1252). A first row that does not read as column
names (``Jan;85073003328``) is data: cells are then located by column number ``#1``,
``#2``... and the physical row. A row with an allow pragma in any cell marks all its cells.
Undecodable bytes past the sniffed sample become U+FFFD rather than failing the file:
one stray byte must not hide a whole export.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from gdprscan.scanner.extractors.encoding import sniff_encoding
from gdprscan.scanner.extractors.tabular import PRAGMA
from gdprscan.scanner.extractors.tabular import looks_like_header
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.csv', '.tsv')
STREAMS = True

csv.field_size_limit(1 << 27)


def _dialect(sample: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    if suffix == '.tsv':
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=',;\t|')
    except csv.Error:
        return csv.excel


def extract(path: Path) -> Iterator[TextUnit]:
    try:
        with path.open(newline='', encoding=sniff_encoding(path), errors='replace') as f:
            dialect = _dialect(f.read(8192), path.suffix.lower())
            f.seek(0)
            reader = csv.reader(f, dialect)
            first = next(reader, [])
            if looks_like_header(first):
                header = [h.strip() for h in first]
                rows: Iterator[list[str]] = reader
            else:
                header = []
                rows = _chain(first, reader)
            for row_no, row in enumerate(rows, start=1):
                pragma = any(PRAGMA in cell.lower() for cell in row)
                for i, cell in enumerate(row):
                    if cell.strip():
                        column = header[i] if i < len(header) and header[i] else f'#{i + 1}'
                        yield TextUnit(cell, {'column': column, 'row': row_no}, pragma=pragma, row_key=row_no)
    except csv.Error as e:
        raise ExtractError(f'unreadable CSV ({type(e).__name__})') from e


def _chain(first: list[str], rows: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rows


def header_units(path: Path) -> list[str]:
    """The header row, for column classification; empty for a headerless file."""
    with path.open(newline='', encoding=sniff_encoding(path), errors='replace') as f:
        dialect = _dialect(f.read(8192), path.suffix.lower())
        f.seek(0)
        first = next(csv.reader(f, dialect), [])
        return [h.strip() for h in first] if looks_like_header(first) else []
