"""JSON Lines (``.jsonl``, ``.ndjson``): streamed line by line; each line is walked by :mod:`.jsonfile`.

Kept as its own module so the engine applies the streaming size limit
(``Limits.max_text_file_size``) to it, not the whole-document one of ``.json``.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from gdprscan.scanner.extractors.encoding import SAMPLE
from gdprscan.scanner.extractors.encoding import sniff_bytes
from gdprscan.scanner.extractors.jsonfile import lines
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.jsonl', '.ndjson')
STREAMS = True


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        encoding = sniff_bytes(f.read(SAMPLE))
        f.seek(0)
        yield from lines(f, encoding)
