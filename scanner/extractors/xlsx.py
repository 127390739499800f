"""XLSX: every worksheet, one text unit per non-empty cell, located by sheet, header name and data row.

The header is found by :func:`~gdprscan.scanner.extractors.tabular.split_header`: blank rows
and up to three title rows (one filled cell each, "Personeelslijst 2024") above a row that
reads as column names are looked past. ``column`` is then that header text and ``row`` counts
rows below the header from 1 (blank rows in between count); ``cell`` is the cell's own
reference (``B7``), as Excel shows it. A title is scanned as text of its own, located by its
cell (``{'sheet': 'Loon', 'cell': 'A1'}``): a title may hold a name or a number, but it is not a
table cell, so it gives no row or column context. Without a header, ``column`` is the column
letter ('A', 'B', ...) and ``row`` the sheet row.

What a workbook holds besides its cells is read as text too, because the anonymised copy must
rewrite it and the leak check must see it:

- the sheet's name (one sheet per employee: ``85.07.30-033.28 Peeters``), as the file's name is:
  ``{'sheet': title, 'sheet_name': True}``;
- cell comments (notes), text and author: ``{'sheet', 'cell', 'comment': 'text' | 'author'}``;
- print headers and footers: ``{'sheet', 'header' | 'footer': 'left' | 'center' | 'right'}``, plus
  ``'variant': 'first' | 'even'`` for the first-page and even-page ones (as in DOCX);
- hyperlink targets (``mailto:jan.peeters@telenet.be``) and their tooltips: ``{'sheet', 'cell',
  'link': 'target' | 'tooltip'}``;
- the workbook's author fields, as DOCX's: ``{'property': 'author' | 'last_modified_by'}``.

openpyxl runs in read-only mode (rows stream from the zip); its own sheet parser is driven here,
so that the print header and hyperlinks after the cells come out of the same pass over the sheet.
The zip guard checks the container first. Formula cells give their cached value.
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
#: (HeaderFooter attribute, location key, variant) of the six print headers and footers of a sheet.
HEADERS_FOOTERS = (
    ('oddHeader', 'header', None), ('oddFooter', 'footer', None),
    ('firstHeader', 'header', 'first'), ('firstFooter', 'footer', 'first'),
    ('evenHeader', 'header', 'even'), ('evenFooter', 'footer', 'even'),
)
_COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments'


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
            title = ws.title
            yield TextUnit(title, {'sheet': title, 'sheet_name': True})
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    parser = _parser(wb, ws)
                    yield from _sheet(title, _rows(parser))
                    yield from _headers_footers(title, getattr(parser, 'HeaderFooter', None))
                    rels = _rels(wb, ws)
                    yield from _links(title, parser, rels)
                    yield from _comments(wb, title, rels)
            except errors as e:
                raise ExtractError(f'corrupt spreadsheet ({type(e).__name__} in a worksheet)') from e
        for chartsheet in wb.chartsheets:  # a sheet holding only a chart: its name is all there is to read
            yield TextUnit(chartsheet.title, {'sheet': chartsheet.title, 'sheet_name': True})
        for name, attr in (('author', 'creator'), ('last_modified_by', 'lastModifiedBy')):
            value = getattr(wb.properties, attr, None)
            if isinstance(value, str) and value.strip():
                yield TextUnit(value, {'property': name})
    finally:
        wb.close()


def _parser(wb: Any, ws: Any) -> Any:
    """openpyxl's parser of one read-only sheet, set up as ``ws.iter_rows`` sets it up (openpyxl 3.1):
    it streams the rows and keeps what follows them (print header and footer, hyperlinks), which
    ``iter_rows`` throws away."""
    from openpyxl.worksheet._reader import WorkSheetParser

    return WorkSheetParser(
        ws._get_source(),
        ws._shared_strings,
        data_only=wb.data_only,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )


def _rows(parser: Any) -> Iterator[tuple[Any, ...]]:
    """Cell values row by row from sheet row 1, a missing row as ``()``: what ``iter_rows(values_only=True)``
    gives after ``reset_dimensions()`` (the declared dimension, one stray formatted cell at XFD1048576
    making it 1M x 16k, would pad every row with empty cells; without it, rows end at their last cell)."""
    counter = 1
    try:
        for idx, cells in parser.parse():
            while counter < idx:
                counter += 1
                yield ()
            if counter > idx:  # a row number repeated or out of order: openpyxl skips it too
                continue
            counter += 1
            if not cells:
                yield ()
                continue
            row: list[Any] = [None] * cells[-1]['column']
            for cell in cells:
                if 1 <= cell['column'] <= len(row):
                    row[cell['column'] - 1] = cell['value']
            yield tuple(row)
    finally:
        parser.source.close()


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
    letters: list[str] = []  # column letters by index, made once per sheet
    for sheet_row, values in layout.data:
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        pragma = any(PRAGMA in t.lower() for t in texts if t)
        row = sheet_row - header_row
        letters.extend(column_letter(i) for i in range(len(letters), len(texts)))
        for i, text in enumerate(texts):
            if text:
                letter = letters[i]
                column = header[i] if i < len(header) and header[i] else letter
                yield TextUnit(
                    text,
                    {'sheet': title, 'column': column, 'row': row, 'cell': f'{letter}{sheet_row}'},
                    pragma=pragma,
                    row_key=(title, row),
                )


def _headers_footers(title: str, hf: Any) -> Iterator[TextUnit]:
    """The print header and footer texts (their ``&``-codes for fonts and page numbers left out)."""
    if hf is None:
        return
    for attr, key, variant in HEADERS_FOOTERS:
        item = getattr(hf, attr, None)
        for position in ('left', 'center', 'right'):
            text = getattr(getattr(item, position, None), 'text', None)
            if isinstance(text, str) and text.strip():
                location: dict[str, Any] = {'sheet': title, key: position}
                if variant:
                    location['variant'] = variant
                yield TextUnit(text, location, pragma=PRAGMA in text.lower())


def _links(title: str, parser: Any, rels: Any) -> Iterator[TextUnit]:
    """Hyperlink targets (an external one is kept in the sheet's relationships) and tooltips, by cell."""
    links = getattr(getattr(parser, 'hyperlinks', None), 'hyperlink', None) or []
    for link in links:
        target = link.location or ''
        if link.id and rels is not None:
            rel = rels.get(link.id)
            target = (rel.Target if rel is not None else None) or target
        for key, text in (('target', target), ('tooltip', link.tooltip)):
            if isinstance(text, str) and text.strip():
                yield TextUnit(text, {'sheet': title, 'cell': link.ref, 'link': key})


def _comments(wb: Any, title: str, rels: Any) -> Iterator[TextUnit]:
    """Cell comments (notes) and their authors, from the comments part the sheet refers to."""
    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.xml.functions import fromstring

    if rels is None:
        return
    for rel in rels.find(_COMMENTS):
        sheet = CommentSheet.from_tree(fromstring(wb._archive.read(rel.target)))
        for ref, comment in sheet.comments:
            for key, text in (('text', comment.text), ('author', comment.author)):
                if isinstance(text, str) and text.strip():
                    yield TextUnit(
                        text, {'sheet': title, 'cell': ref, 'comment': key}, pragma=PRAGMA in text.lower()
                    )


def _rels(wb: Any, ws: Any) -> Any:
    """The sheet's relationships (targets made absolute), or None when it has none."""
    from openpyxl.packaging.relationship import get_dependents
    from openpyxl.packaging.relationship import get_rels_path

    name = get_rels_path(ws._worksheet_path)
    try:
        wb._archive.getinfo(name)
    except KeyError:
        return None
    return get_dependents(wb._archive, name)
