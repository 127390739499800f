"""The text of a privacy statement (txt, md, html, pdf, docx), with its paragraphs and lists kept.

The scan extractors cut documents into units for recognisers; a statement reader needs the
structure instead: paragraphs separated by an empty line and list items starting with ``- ``,
so that ``classifiers.statement`` can tell a list from its introduction. pdfplumber and
python-docx are imported only when such a file is read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gdprscan.scanner.extractors.encoding import sniff_encoding

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = ('.txt', '.text', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx')


class StatementReadError(Exception):
    """A statement that cannot be read: one line, no content from the file."""


def read_text(path: str | Path) -> str:
    """The statement at ``path`` as structured plain text."""
    p = Path(path)
    if not p.is_file():
        raise StatementReadError(f'{p}: {"not a file" if p.exists() else "no such file"}')
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise StatementReadError(f'{p}: too large for a privacy statement ({size} bytes)')
    suffix = p.suffix.lower()
    try:
        if suffix == '.pdf':
            return pdf_text(p)
        if suffix == '.docx':
            _check_zip(p)
            return docx_text(p)
        raw = p.read_text(encoding=sniff_encoding(p))
    except StatementReadError:
        raise
    except UnicodeDecodeError as e:
        raise StatementReadError(f'{p}: undecodable text ({e.reason})') from e
    except OSError as e:
        raise StatementReadError(f'{p}: {e.strerror or type(e).__name__}') from e
    except Exception as e:  # pdfminer and python-docx raise many types on a broken file
        raise StatementReadError(f'{p}: unreadable {suffix[1:] or "file"} ({type(e).__name__})') from e
    if suffix in ('.html', '.htm') or (
        suffix not in SUFFIXES and re.search(r'<(?:html|body|p)\b', raw[:4096], re.I)
    ):
        return html_text(raw)
    if suffix in ('.md', '.markdown'):
        return markdown_text(raw)
    return raw


# --- HTML ----------------------------------------------------------------------------------------

_BLOCK = frozenset(
    'p div section article header footer main aside nav blockquote table tr ul ol dl figure form '
    'address fieldset pre hr'.split()
)
_SKIP = frozenset('script style head noscript template svg title'.split())


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.lists: list[list[int]] = []  # [counter] for ol, [-1] for ul

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in ('ul', 'ol'):
            self.lists.append([0 if tag == 'ol' else -1])
            self.parts.append('\n\n')
        elif tag == 'li':
            marker = '- '
            if self.lists and self.lists[-1][0] >= 0:
                self.lists[-1][0] += 1
                marker = f'{self.lists[-1][0]}. '
            self.parts.append('\n' + marker)
        elif tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6'):
            self.parts.append('\n\n')
        elif tag == 'br':
            self.parts.append('\n')
        elif tag == 'dt':
            self.parts.append('\n- ')
        elif tag == 'dd':
            self.parts.append(': ')
        elif tag in ('td', 'th'):
            self.parts.append(' : ')
        elif tag in _BLOCK:
            self.parts.append('\n\n')

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ('ul', 'ol'):
            if self.lists:
                self.lists.pop()
            self.parts.append('\n\n')
        elif tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6') or tag in _BLOCK:
            self.parts.append('\n\n')

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r'\s+', ' ', data))


def html_text(markup: str) -> str:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = ''.join(parser.parts)
    text = re.sub(r'^\s*:\s*', '', text, flags=re.M)  # a table row's first cell
    text = re.sub(r'[ ]*\n[ ]*', '\n', text)
    return re.sub(r'\n{3,}', '\n\n', text).strip() + '\n'


# --- Markdown --------------------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    text = re.sub(r'^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$', r'\n\1\n', text, flags=re.M)
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', text)
    text = re.sub(r'(\*\*|__|`)', '', text)
    text = re.sub(
        r'^\s*\|(.*)\|\s*$', lambda m: ' : '.join(c.strip() for c in m.group(1).split('|')), text, flags=re.M
    )
    return re.sub(r'^[\s:|-]*-{3,}[\s:|-]*$', '', text, flags=re.M)


# --- PDF -------------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """Lines of each page; a vertical gap larger than a line's height becomes an empty line."""
    import pdfplumber

    out: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines: list[dict[str, Any]] = page.extract_text_lines(return_chars=False)
            prev_bottom = None
            for line in lines:
                height = float(line['bottom']) - float(line['top'])
                if prev_bottom is not None and float(line['top']) - prev_bottom > 0.8 * height:
                    out.append('')
                out.append(
                    re.sub(r'^\(cid:\d+\)\s*', '- ', str(line['text']))
                )  # a bullet glyph without a code
                prev_bottom = float(line['bottom'])
            out.append('')
    return '\n'.join(out)


# --- DOCX ------------------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb or an encrypted file before python-docx inflates it (as the scan does)."""
    from gdprscan.scanner.extractors import zipguard
    from gdprscan.scanner.types import ExtractError

    try:
        zipguard.check(path, 'Word document')
    except ExtractError as e:
        raise StatementReadError(f'{path}: {e}') from e


def docx_text(path: Path) -> str:
    """Paragraphs and tables in document order; list paragraphs become ``- `` items."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[str] = []
    counters: dict[str, int] = {}
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit('}', 1)[-1]
        if tag == 'p':
            para = Paragraph(child, document)
            text = para.text.strip()
            style = (para.style.name if para.style is not None else '') or ''
            is_list = 'List' in style or child.find('.//{*}numPr') is not None
            if not text:
                continue
            if is_list:
                if 'Number' in style:
                    counters[style] = counters.get(style, 0) + 1
                    out.append(f'{counters[style]}. {text}')
                else:
                    out.append(f'- {text}')
            else:
                counters.clear()
                out.extend(('', text, ''))
        elif tag == 'tbl':
            table = Table(child, document)
            out.append('')
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells]
                cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                if cells:
                    out.append('- ' + ': '.join(cells[:2]) + (' ' + ' '.join(cells[2:]) if cells[2:] else ''))
            out.append('')
    return re.sub(r'\n{3,}', '\n\n', '\n'.join(out)).strip() + '\n'
