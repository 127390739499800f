"""Encoding detection for text-like files: BOM, then UTF-8, then charset-normalizer, then cp1252.

Only a sample is read, so a 1 GB file costs no more than a small one.
"""
from __future__ import annotations

import codecs
from pathlib import Path

SAMPLE = 1 << 20

_BOMS = (
    (codecs.BOM_UTF32_LE, 'utf-32'),
    (codecs.BOM_UTF32_BE, 'utf-32'),
    (codecs.BOM_UTF8, 'utf-8-sig'),
    (codecs.BOM_UTF16_LE, 'utf-16'),
    (codecs.BOM_UTF16_BE, 'utf-16'),
)


def sniff_bytes(sample: bytes) -> str:
    """The encoding of ``sample``, the first block of a file."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    try:
        sample.decode('utf-8')
        return 'utf-8'
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4:  # a character cut by the sample's end
            return 'utf-8'
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:65536]).best()
    if best is not None and best.encoding not in ('utf_8', 'ascii'):
        return str(best.encoding)
    return 'cp1252'


def sniff_encoding(path: Path) -> str:
    with path.open('rb') as f:
        return sniff_bytes(f.read(SAMPLE))


def looks_binary(sample: bytes) -> bool:
    """A NUL byte in the first block, outside UTF-16/32 text, means binary."""
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    return b'\x00' in sample[:8192]
