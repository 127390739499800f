"""DOCX: body paragraphs, tables, headers and footers, comments and document properties.

Locations (all numbers 1-based):

- body paragraph: ``{'paragraph': k}`` (k counts every top-level paragraph, empty ones too);
- body table cell: ``{'table': t, 'row': r, 'cell': c}`` (r counts every row, the header row
  too; c is the grid column, a merged cell is reported once at its first column); when the
  first row reads as column names, a cell is scanned as ``'<header>: <text>'`` so the header
  serves as context, as for a CSV column; text in a nested table belongs to its outer cell;
- header/footer: ``{'header': n, 'paragraph': k}`` or ``{'footer': n, 'table': t, 'row': r,
  'cell': c}`` with n the section; first-page and even-page variants add ``'variant': 'first'``
  or ``'even'``; a header linked to the previous section is not repeated;
- text box (in the body): ``{'textbox': n, 'paragraph': k}``, n in document order;
- footnote, endnote: ``{'footnote': n, 'paragraph': k}``, ``{'endnote': n, 'paragraph': k}``, n the
  note's position (its number as Word shows it by default);
- comment: ``{'comment': n, 'paragraph': k}``; property: ``{'property': 'author'}``.

The zip guard checks the container before python-docx opens it.
"""
from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gdprscan.scanner.extractors import zipguard
from gdprscan.scanner.extractors.tabular import looks_like_header
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.docx', '.docm')
STREAMS = False
_PROPERTIES = ('author', 'last_modified_by', 'title', 'subject', 'keywords', 'comments')
_VARIANTS = (('', None), ('first_page_', 'first'), ('even_page_', 'even'))


def extract(path: Path) -> Iterator[TextUnit]:
    zipguard.check(path, 'Word document')
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    errors = (
        PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, IndexError, EOFError,
        LxmlError,
    )
    try:
        document = docx.Document(str(path))
    except errors as e:
        raise ExtractError(f'corrupt Word document ({type(e).__name__})') from e
    try:
        yield from _story(document, {})
        for n, section in enumerate(document.sections, start=1):
            for kind in ('header', 'footer'):
                for prefix, variant in _VARIANTS:
                    part = getattr(section, prefix + kind)
                    if part.is_linked_to_previous:
                        continue
                    where: dict[str, Any] = {kind: n}
                    if variant:
                        where['variant'] = variant
                    yield from _story(part, where)
        yield from _textboxes(document.element.body)
        yield from _notes(document)
        for n, comment in enumerate(getattr(document, 'comments', ()), start=1):  # python-docx >= 1.2
            for k, paragraph in enumerate(comment.paragraphs, start=1):
                if paragraph.text.strip():
                    yield TextUnit(paragraph.text, {'comment': n, 'paragraph': k})
        props = document.core_properties
        for name in _PROPERTIES:
            value = getattr(props, name, None)
            if isinstance(value, str) and value.strip():
                yield TextUnit(value, {'property': name})
    except errors as e:
        raise ExtractError(f'corrupt Word document ({type(e).__name__})') from e


def _story(container: Any, where: dict[str, Any]) -> Iterator[TextUnit]:
    """Paragraphs and tables of a body, header or footer."""
    for k, paragraph in enumerate(container.paragraphs, start=1):
        text = paragraph.text
        if text.strip():
            yield TextUnit(text, {**where, 'paragraph': k})
    for t, table in enumerate(container.tables, start=1):
        yield from _table(table, {**where, 'table': t})


def _table(table: Any, where: dict[str, Any]) -> Iterator[TextUnit]:
    seen: set[Any] = set()  # the cell elements themselves: holding them keeps lxml proxies stable
    header: list[str] = []
    for r, row in enumerate(table.rows, start=1):
        cells = row.cells
        texts = [_cell_text(cell) for cell in cells]
        if r == 1 and looks_like_header(texts):
            header = [t.strip() for t in texts]
        for c, (cell, text) in enumerate(zip(cells, texts, strict=True), start=1):
            if cell._tc in seen or not text.strip():
                continue
            seen.add(cell._tc)
            name = header[c - 1] if r > 1 and c - 1 < len(header) else ''
            # A header cell names its column: scanned as text, never sampled as a value of its column.
            row_key = None if r == 1 and header else r
            location = {**where, 'row': r, 'cell': c}
            yield TextUnit(f'{name}: {text}' if name else text, location, row_key=row_key)


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs and the text of tables nested in it."""
    parts = [p.text for p in cell.paragraphs]
    for nested in cell.tables:
        for row in nested.rows:
            parts.extend(_cell_text(c) for c in row.cells)
    return '\n'.join(parts)


_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
_T, _TAB, _BR = f'{{{_W}}}t', f'{{{_W}}}tab', f'{{{_W}}}br'
_MC_FALLBACK = '{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback'
_SEPARATORS = ('separator', 'continuationSeparator', 'continuationNotice')


def _paragraph_text(p: Any) -> str:
    """The text of a raw ``w:p`` element: its ``w:t`` runs, tabs and breaks."""
    parts = []
    for el in p.iter(_T, _TAB, _BR):
        parts.append((el.text or '') if el.tag == _T else '\t' if el.tag == _TAB else '\n')
    return ''.join(parts)


def _textboxes(body: Any) -> Iterator[TextUnit]:
    """Text boxes: python-docx does not list them; Word writes each twice (DrawingML and a VML fallback)."""
    n = 0
    for box in body.iter(f'{{{_W}}}txbxContent'):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        n += 1
        for k, p in enumerate(box.iter(f'{{{_W}}}p'), start=1):
            text = _paragraph_text(p)
            if text.strip():
                yield TextUnit(text, {'textbox': n, 'paragraph': k})


def _notes(document: Any) -> Iterator[TextUnit]:
    """Footnotes and endnotes, from their parts' XML (python-docx has no API for them)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    for kind, reltype in (('footnote', RT.FOOTNOTES), ('endnote', RT.ENDNOTES)):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False))
            notes = (n for n in root.iter(f'{{{_W}}}{kind}') if n.get(f'{{{_W}}}type') not in _SEPARATORS)
            for number, note in enumerate(notes, start=1):
                for k, p in enumerate(note.iter(f'{{{_W}}}p'), start=1):
                    text = _paragraph_text(p)
                    if text.strip():
                        yield TextUnit(text, {kind: number, 'paragraph': k})
