"""Plain text (txt, md, logs, source code, SQL, YAML...): streamed in blocks of whole lines.

A unit is a block of about 1 MiB starting at a known line; the engine turns match
offsets into 1-based line and column. Memory stays flat on a 1 GB file.

Line ends are read as editors count them: ``\n``, ``\r\n`` and a lone ``\r`` (old Mac
exports) all end a line. A line longer than a block (a minified or one-line export) is
cut, preferably after punctuation and a space so that no identifier or name is split,
and the piece after the cut carries its starting column.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from gdprscan.scanner.extractors.encoding import looks_binary
from gdprscan.scanner.extractors.encoding import sniff_bytes
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = (
    '.txt', '.md', '.markdown', '.rst', '.log', '.sql', '.yaml', '.yml', '.py', '.xml', '.html', '.htm',
    '.ini', '.cfg', '.conf', '.toml', '.properties', '.js', '.ts', '.java', '.cs', '.rb', '.go', '.sh',
    '.env', '.tex', '.rtf', '.vcf', '.ldif',
)
BLOCK = 1 << 20
STREAMS = True


class BinaryFile(ExtractError):
    """Not text: skipped, not an error."""


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        head = f.read(BLOCK)
        if looks_binary(head) and path.suffix.lower() not in SUFFIXES:
            raise BinaryFile('binary file')
        encoding = sniff_bytes(head)
        f.seek(0)
        try:
            yield from blocks(f, encoding)
        except UnicodeDecodeError as e:
            raise ExtractError(f'undecodable text ({encoding}: {e.reason})') from e


def blocks(f: BinaryIO, encoding: str) -> Iterator[TextUnit]:
    """Units of whole lines (or pieces of a very long line) from the binary file ``f``."""
    import io

    reader = io.TextIOWrapper(f, encoding=encoding, errors='replace')  # universal newlines
    line, column, carry = 1, 1, ''
    while True:
        chunk = reader.read(BLOCK)
        if not chunk:
            break
        text = carry + chunk
        cut = text.rfind('\n') + 1
        if cut == 0:
            if len(text) < BLOCK:
                carry = text
                continue
            cut = soft_cut(text)
            yield TextUnit(text[:cut], _where(line, column), TRACK_LINE_COLUMN)
            column += cut
            carry = text[cut:]
            continue
        block, carry = text[:cut], text[cut:]
        yield TextUnit(block, _where(line, column), TRACK_LINE_COLUMN)
        line += block.count('\n')
        column = 1
    if carry:
        yield TextUnit(carry, _where(line, column), TRACK_LINE_COLUMN)
    reader.detach()


def _where(line: int, column: int) -> dict[str, int]:
    return {'line': line} if column == 1 else {'line': line, 'column': column}


#: Punctuation followed by white space: a sentence or field boundary, never inside a number or name.
_BOUNDARY = re.compile(r'[^\w\s]\s+')
_LOOK_BACK = 1 << 16


def soft_cut(text: str) -> int:
    """Where to cut a long line: after the last punctuation-and-space in its last 64 KiB, else after
    the last white space, else at the end."""
    lo = max(0, len(text) - _LOOK_BACK)
    ends = [m.end() for m in _BOUNDARY.finditer(text, lo)]
    if ends:
        return ends[-1]
    space = max(text.rfind(' ', lo), text.rfind('\t', lo))
    return space + 1 if space > 0 else len(text)
