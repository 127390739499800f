"""XLSX: every worksheet, one text unit per non-empty cell, located by sheet, header name and data row.

The header is found by :func:`~gdprscan.scanner.extractors.tabular.split_header`: blank rows
and up to three title rows (one filled cell each, "Personeelslijst 2024") above a row that
reads as column names are looked past. ``column`` is then that header text and ``row`` counts
rows below the header from 1 (blank rows in between count, so the sheet row is the header's
sheet row plus ``row``). A title is scanned as text of its own, located by its cell
(``{'sheet': 'Loon', 'cell': 'A1'}``): a title may hold a name or a number, but it is not a
table cell, so it gives no row or column context. Without a header, ``column`` is the column
letter ('A', 'B', ...) and ``row`` the sheet row. openpyxl runs in read-only mode (rows stream
from the zip); the zip guard checks the container first. Formula cells give their cached value.
"""
from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from gdprscan.scanner.extractors import zipguard
from gdprscan.scanner.extractors.tabular import PRAGMA
from gdprscan.scanner.extractors.tabular import cell_text
from gdprscan.scanner.extractors.tabular import column_letter
from gdprscan.scanner.extractors.tabular import split_header
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.xlsx', '.xlsm')
STREAMS = False


def extract(path: Path) -> Iterator[TextUnit]:
    zipguard.check(path, 'spreadsheet')
    from lxml.etree import LxmlError
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    errors = (
        zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, IndexError, EOFError, ParseError,
        LxmlError, InvalidFileException,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # openpyxl warns about styles and extensions on stderr
            wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except errors as e:
        raise ExtractError(f'corrupt spreadsheet ({type(e).__name__})') from e
    try:
        for ws in wb.worksheets:
            # The declared dimension (one stray formatted cell at XFD1048576 makes it 1M x 16k) would
            # pad every row with empty cells; without it, rows end at their last cell.
            ws.reset_dimensions()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    yield from _sheet(ws.title, ws.iter_rows(values_only=True))
            except errors as e:
                raise ExtractError(f'corrupt spreadsheet ({type(e).__name__} in a worksheet)') from e
    finally:
        wb.close()


def _sheet(title: str, rows: Iterator[tuple[Any, ...]]) -> Iterator[TextUnit]:
    layout = split_header(enumerate(rows, start=1), lambda numbered: numbered[1])
    for sheet_row, values in layout.titles:
        for i, text in enumerate(cell_text(v) for v in values):
            if text:
                cell = f'{column_letter(i)}{sheet_row}'
                yield TextUnit(text, {'sheet': title, 'cell': cell}, pragma=PRAGMA in text.lower())
    header: list[str] = []
    header_row = 0
    if layout.header is not None:
        header_row, names = layout.header
        header = [t.strip() if t else '' for t in map(cell_text, names)]
    for sheet_row, values in layout.data:
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        pragma = any(PRAGMA in t.lower() for t in texts if t)
        row = sheet_row - header_row
        for i, text in enumerate(texts):
            if text:
                column = header[i] if i < len(header) and header[i] else column_letter(i)
                yield TextUnit(
                    text, {'sheet': title, 'column': column, 'row': row}, pragma=pragma, row_key=(title, row)
                )
