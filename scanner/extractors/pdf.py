"""PDF: the text layer of each page, located by page and line, both 1-based.

Text comes from PDFium (pypdfium2, which pdfplumber itself depends on). pdfplumber builds a
Python object per character and took ~0.3 s a page here (a 300-page report would hit the
per-file timeout); PDFium extracts the same text in 1-4 ms a page, 75 times faster.
One unit per page (``{'page': p, 'line': 1}``, tracked by line); the engine adds the lines
before a match. Each page is closed after use, so memory follows the largest page, not the
document.

Filled-in form fields (AcroForm) are not part of the text layer; each field with a value is a unit
``'<field name>: <value>'`` at ``{'page': p, 'field': name}``, so a field named ``insz`` is context
for the number in it.

The document information (title, author, subject, keywords) is scanned too, at
``{'property': 'title'}`` and so on.

A password-protected PDF gives 'encrypted document'; one with an empty user password (only
permissions restricted) opens and is scanned. A PDF with pages but no text at all is
reported as an error ('no text layer'): an unseen scanned certificate is exactly what a DPO
needs to hear about, and there is no OCR.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gdprscan.scanner.types import TRACK_LINE
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.pdf',)
STREAMS = False
#: PDFium's FPDF_ERR_* codes for a document that does not load.
_LOAD_ERRORS = {1: 'unknown error', 2: 'cannot open', 3: 'data format error', 6: 'page not found'}
_ENCRYPTED = (4, 5)  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY (an unsupported security handler)


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        if b'%PDF-' not in f.read(1024):
            raise ExtractError('corrupt PDF (no PDF header)')
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if e.err_code in _ENCRYPTED:
            raise ExtractError('encrypted document (password-protected PDF)') from e
        raise ExtractError(f'corrupt PDF ({_LOAD_ERRORS.get(e.err_code or 1, "unknown error")})') from e
    try:
        forms = document.get_formtype() != pdfium.raw.FORMTYPE_NONE
        if forms:
            document.init_forms()  # before any page is loaded, or widgets have no values
        pages = chars = 0
        for index in range(len(document)):
            pages += 1
            try:
                text, fields = _page_text(document, index, forms)
            except pdfium.PdfiumError as e:
                raise ExtractError(f'corrupt PDF (unreadable page {index + 1})') from e
            if text.strip():
                chars += len(text)
                yield TextUnit(text, {'page': index + 1, 'line': 1}, TRACK_LINE)
            for name, value in fields:
                chars += len(value)
                yield TextUnit(f'{name}: {value}' if name else value, {'page': index + 1, 'field': name})
        yield from _properties(document)
        if pages and not chars:
            raise ExtractError('no text layer (scanned image?); PDF not scanned, OCR is not supported')
    finally:
        document.close()


#: Document information a PDF generator fills per document: a payroll run puts the employee's name and
#: national number in the title ('Loonfiche 85.07.30-033.28') and the author is a person.
PROPERTIES = ('Title', 'Author', 'Subject', 'Keywords')


def _properties(document: Any) -> Iterator[TextUnit]:
    """The document information, each a unit at ``{'property': 'title'}`` (as DOCX core properties)."""
    try:
        info = document.get_metadata_dict()
    except Exception:  # a broken info dictionary hides no page text: scan the rest
        return
    for name in PROPERTIES:
        value = info.get(name)
        if isinstance(value, str) and value.strip():
            yield TextUnit(value, {'property': name.lower()})


def _page_text(document: Any, index: int, forms: bool) -> tuple[str, list[tuple[str, str]]]:
    """The page's text layer and, when the document has a form, its filled-in fields (name, value)."""
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
        finally:
            textpage.close()
        fields = _fields(document, page) if forms else []
    finally:
        page.close()
    return text.replace('\r\n', '\n').replace('\r', '\n'), fields


def _fields(document: Any, page: Any) -> list[tuple[str, str]]:
    """(name, value) of the form widgets on ``page`` that hold a value, through PDFium's C API."""
    import pypdfium2.raw as raw

    out = []
    for i in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, i)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                continue
            value = _wide(raw.FPDFAnnot_GetFormFieldValue, document.formenv, annot)
            if value.strip():
                out.append((_wide(raw.FPDFAnnot_GetFormFieldName, document.formenv, annot), value))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _wide(function: Any, formenv: Any, annot: Any) -> str:
    """A UTF-16 string from a PDFium getter that is called once for the size, then to fill a buffer."""
    import ctypes

    import pypdfium2.raw as raw

    size = function(formenv, annot, None, 0)
    if size <= 2:
        return ''
    buffer = ctypes.create_string_buffer(size)
    function(formenv, annot, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode('utf-16-le', errors='replace')
