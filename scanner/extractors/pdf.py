"""PDF: the text layer of each page (pdfplumber), located by page and line, both 1-based.

One unit per page (``{'page': p, 'line': 1}``, tracked by line); the engine adds the
lines before a match. Pages are released after use, so memory follows the largest page,
not the document. A password-protected PDF gives 'encrypted document'; one with an empty
user password (only permissions restricted) opens and is scanned. A PDF with pages but no
text at all is reported as an error ('no text layer'), because an unseen scanned
certificate is exactly what a DPO needs to hear about; there is no OCR.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from gdprscan.scanner.types import TRACK_LINE
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.pdf',)
STREAMS = False
_ENCRYPTED = ('PDFPasswordIncorrect', 'PDFEncryptionError', 'PDFEncryptionWarning')


def _quiet() -> None:
    """pdfminer and pdfplumber log warnings about sloppy PDFs; with no handler they would reach stderr."""
    for name in ('pdfminer', 'pdfplumber'):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        if b'%PDF-' not in f.read(1024):
            raise ExtractError('corrupt PDF (no PDF header)')
    _quiet()
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException
    from pdfplumber.utils.exceptions import PdfminerException

    errors = (PdfminerException, MalformedPDFException, PSException, ValueError, KeyError, TypeError)
    try:
        pdf = pdfplumber.open(path)
    except errors as e:
        raise _error(e) from e
    try:
        pages = chars = 0
        for p, page in enumerate(pdf.pages, start=1):
            pages += 1
            try:
                text = page.extract_text() or ''
            except errors as e:
                raise _error(e, f' on page {p}') from e
            finally:
                page.close()
            if text.strip():
                chars += len(text)
                yield TextUnit(text, {'page': p, 'line': 1}, TRACK_LINE)
        if pages and not chars:
            raise ExtractError('no text layer (scanned image?); PDF not scanned, OCR is not supported')
    finally:
        pdf.close()


def _error(e: Exception, where: str = '') -> ExtractError:
    """'encrypted document' for a password, else 'corrupt PDF' with the exception type, never its text."""
    inner = [a for a in e.args if isinstance(a, BaseException)]  # pdfplumber wraps pdfminer's error
    names = {type(x).__name__ for x in (e, *inner, e.__cause__, e.__context__) if x is not None}
    if names & set(_ENCRYPTED):
        return ExtractError('encrypted document (password-protected PDF)')
    name = type(inner[0]).__name__ if inner else type(e).__name__
    return ExtractError(f'corrupt PDF ({name}{where})')
