"""Plain text (txt, md, logs, source code, SQL, YAML...): streamed in blocks of whole lines.

A unit is a block of about 1 MiB starting at a known line; the engine turns match
offsets into 1-based line and column. Memory stays flat on a 1 GB file.
"""
from __future__ import annotations

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
    """Units of whole lines from the binary file ``f``, decoded as ``encoding``."""
    import io

    reader = io.TextIOWrapper(f, encoding=encoding, errors='replace', newline='')
    line, carry = 1, ''
    while True:
        chunk = reader.read(BLOCK)
        if not chunk:
            break
        text = carry + chunk
        cut = text.rfind('\n') + 1
        if cut == 0:
            carry = text
            continue
        block, carry = text[:cut], text[cut:]
        yield TextUnit(block, {'line': line}, TRACK_LINE_COLUMN)
        line += block.count('\n')
    if carry:
        yield TextUnit(carry, {'line': line}, TRACK_LINE_COLUMN)
    reader.detach()
