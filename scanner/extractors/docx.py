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
- block content control (a form field of a template, around paragraphs, a table, a row or a
  cell): ``{'content_control': n, 'paragraph': k}`` (n in document order; an inline one is part
  of its paragraph);
- hyperlink target outside the document (``mailto:jan.peeters@telenet.be``, a URL):
  ``{'hyperlink': n}``, n counting the targets of the document, its headers, footers, notes and
  comments;
- comment: ``{'comment': n, 'paragraph': k}``, its author ``{'comment': n, 'property': 'author'}``;
  property: ``{'property': 'author'}``;
- tracked changes: inserted text is part of its paragraph (the text as Word shows it with the
  changes accepted); deleted text, still in the file and shown under "All Markup", is a unit of its
  own at the paragraph's or cell's location plus ``'revision': 'deleted'``; each distinct author of a
  revision once, ``{'property': 'revision_author'}``.

A paragraph's text also holds runs python-docx does not list (inside ``w:ins``, inline content
controls, smart tags, simple fields), so a number typed with Track Changes on is found.
The zip guard checks the container before python-docx opens it.
"""
from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable
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
        yield from _content_controls(document.element.body, {})
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
                    yield from _content_controls(part._element, where)
        yield from _textboxes(document.element.body)
        yield from _notes(document)
        for n, comment in enumerate(getattr(document, 'comments', ()), start=1):  # python-docx >= 1.2
            yield from _paragraphs((p._p for p in comment.paragraphs), {'comment': n})
            if comment.author and comment.author.strip():
                yield TextUnit(comment.author, {'comment': n, 'property': 'author'})
        yield from _revision_authors(document)
        yield from _hyperlinks(document)
        props = document.core_properties
        for name in _PROPERTIES:
            value = getattr(props, name, None)
            if isinstance(value, str) and value.strip():
                yield TextUnit(value, {'property': name})
    except errors as e:
        raise ExtractError(f'corrupt Word document ({type(e).__name__})') from e


def _story(container: Any, where: dict[str, Any]) -> Iterator[TextUnit]:
    """Paragraphs and tables of a body, header or footer."""
    yield from _paragraphs((p._p for p in container.paragraphs), where)
    for t, table in enumerate(container.tables, start=1):
        yield from _table(table, {**where, 'table': t})


def _table(table: Any, where: dict[str, Any]) -> Iterator[TextUnit]:
    seen: set[Any] = set()  # the cell elements themselves: holding them keeps lxml proxies stable
    header: list[str] = []
    for r, row in enumerate(table.rows, start=1):
        cells = row.cells
        both = [_cell_text(cell) for cell in cells]
        texts = [shown for shown, _deleted in both]
        if r == 1 and looks_like_header(texts):
            header = [t.strip() for t in texts]
        for c, (cell, text, (_shown, deleted)) in enumerate(zip(cells, texts, both, strict=True), start=1):
            if cell._tc in seen or not (text.strip() or deleted.strip()):
                continue
            seen.add(cell._tc)
            location = {**where, 'row': r, 'cell': c}
            if deleted.strip():
                yield TextUnit(deleted, {**location, 'revision': 'deleted'})
            if not text.strip():
                continue
            name = header[c - 1] if r > 1 and c - 1 < len(header) else ''
            # A header cell names its column: scanned as text, never sampled as a value of its column.
            row_key = None if r == 1 and header else r
            yield TextUnit(f'{name}: {text}' if name else text, location, row_key=row_key)


def _cell_text(cell: Any) -> tuple[str, str]:
    """A cell's paragraphs and the text of tables nested in it: (text, deleted text)."""
    shown, deleted = [], []
    for p in cell.paragraphs:
        text, gone = paragraph_texts(p._p)
        shown.append(text)
        if gone:
            deleted.append(gone)
    for nested in cell.tables:
        for row in nested.rows:
            for c in row.cells:
                text, gone = _cell_text(c)
                shown.append(text)
                if gone:
                    deleted.append(gone)
    return '\n'.join(shown), '\n'.join(deleted)


_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
_T, _TAB, _BR = f'{{{_W}}}t', f'{{{_W}}}tab', f'{{{_W}}}br'
_P, _R, _DEL_T = f'{{{_W}}}p', f'{{{_W}}}r', f'{{{_W}}}delText'
_RUN_CHARS = {f'{{{_W}}}cr': '\n', f'{{{_W}}}noBreakHyphen': '-', f'{{{_W}}}ptab': '\t', _TAB: '\t'}
_DELETED = frozenset((f'{{{_W}}}del', f'{{{_W}}}moveFrom'))
_AUTHOR = f'{{{_W}}}author'
_SDT = f'{{{_W}}}sdt'
_COMMENT = f'{{{_W}}}comment'
_MC_FALLBACK = '{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback'
_SEPARATORS = ('separator', 'continuationSeparator', 'continuationNotice')
#: Parts that hold a story or comments (and so revisions): the main document (.docx/.docm), headers,
#: footers, notes, comments; styles, settings and themes hold no revision authors.
_STORY_TYPES = ('main+xml', 'header+xml', 'footer+xml', 'footnotes+xml', 'endnotes+xml', 'comments+xml')


def paragraph_texts(p: Any) -> tuple[str, str]:
    """A ``w:p`` element's text as Word shows it with its tracked changes accepted, and its deleted text.

    Its own runs at any depth (inside ``w:ins``, hyperlinks, inline content controls, smart tags,
    simple fields), rendered as python-docx renders a run; runs of a paragraph nested in it (a text
    box) and of a compatibility fallback are left to their own paragraph. Runs inside ``w:del`` or
    ``w:moveFrom`` (``w:delText``) are the deleted text.
    """
    shown: list[str] = []
    deleted: list[str] = []
    for r in p.iter(_R):
        out, el = shown, r.getparent()
        while el is not None and el is not p:
            if el.tag == _P or el.tag == _MC_FALLBACK:
                break
            if el.tag in _DELETED:
                out = deleted
            el = el.getparent()
        if el is not p:
            continue
        for child in r:
            tag = child.tag
            if tag == _T or tag == _DEL_T:
                out.append(child.text or '')
            elif tag == _BR:
                out.append('\n' if child.get(f'{{{_W}}}type') in (None, 'textWrapping') else '')
            elif tag in _RUN_CHARS:
                out.append(_RUN_CHARS[tag])
    return ''.join(shown), ''.join(deleted)


def _paragraphs(elements: Iterable[Any], where: dict[str, Any]) -> Iterator[TextUnit]:
    """A unit per non-empty paragraph (k counts every paragraph), and one per paragraph's deleted text."""
    for k, p in enumerate(elements, start=1):
        text, deleted = paragraph_texts(p)
        if text.strip():
            yield TextUnit(text, {**where, 'paragraph': k})
        if deleted.strip():
            yield TextUnit(deleted, {**where, 'paragraph': k, 'revision': 'deleted'})


def _content_controls(root: Any, where: dict[str, Any]) -> Iterator[TextUnit]:
    """Paragraphs of block-level content controls (``w:sdt`` outside any paragraph), which python-docx's
    paragraph and table lists skip: the filled-in fields of HR templates."""
    n = 0
    for sdt in root.iter(_SDT):
        if next(sdt.iterancestors(_P, _SDT, _MC_FALLBACK), None) is not None:
            continue  # inline (its paragraph reads it), nested in another control, or a fallback copy
        n += 1
        yield from _paragraphs(sdt.iter(_P), {**where, 'content_control': n})


def _hyperlinks(document: Any) -> Iterator[TextUnit]:
    """External hyperlink targets of the story parts: the address of a ``mailto:`` link stays in the
    relationships part however its display text reads."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    n = 0
    for part in document.part.package.iter_parts():
        if not str(part.content_type).endswith(_STORY_TYPES):
            continue
        for rel in part.rels.values():
            if rel.is_external and rel.reltype == RT.HYPERLINK and str(rel.target_ref).strip():
                n += 1
                yield TextUnit(str(rel.target_ref), {'hyperlink': n})


def _revision_authors(document: Any) -> Iterator[TextUnit]:
    """Each distinct author of a tracked change or of a comment's revisions (``w:author`` anywhere in a
    story part), once: names that stay in the file whatever the view."""
    from lxml import etree

    seen: set[str] = set()
    for part in document.part.package.iter_parts():
        if not str(part.content_type).endswith(_STORY_TYPES):
            continue
        root = getattr(part, 'element', None)
        if root is None:
            root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False))
        for el in root.iterfind(f'.//*[@{_AUTHOR}]'):
            name = el.get(_AUTHOR) or ''
            if el.tag != _COMMENT and name.strip() and name not in seen:
                seen.add(name)
                yield TextUnit(name, {'property': 'revision_author'})


def _textboxes(body: Any) -> Iterator[TextUnit]:
    """Text boxes: python-docx does not list them; Word writes each twice (DrawingML and a VML fallback)."""
    n = 0
    for box in body.iter(f'{{{_W}}}txbxContent'):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        n += 1
        yield from _paragraphs(box.iter(_P), {'textbox': n})


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
                yield from _paragraphs(note.iter(_P), {kind: number})
