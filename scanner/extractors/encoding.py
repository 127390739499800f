"""Encoding detection for text-like files: BOM, then UTF-8, UTF-16 without BOM, cp1252, charset-normalizer.

Only a sample is read, so a 1 GB file costs no more than a small one. cp1252 comes
before charset-normalizer on purpose: Belgian HR exports that are not UTF-8 are almost
always Windows-1252 (Excel's "CSV" on a Western-European Windows), and on short
samples charset-normalizer guesses cp1250 for them, which turns 'ë' into 'ë'-lookalikes.
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


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when most bytes at odd (even) offsets are NUL, as in Latin text in UTF-16."""
    head = sample[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return 'utf-16-le'
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return 'utf-16-be'
    return None


def sniff_bytes(sample: bytes) -> str:
    """The encoding of ``sample``, the first block of a file."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    try:
        sample.decode('utf-8')
        return 'utf-8'
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4:  # a character cut by the sample's end
            return 'utf-8'
    try:
        sample.decode('cp1252')
        return 'cp1252'
    except UnicodeDecodeError:
        pass
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
    if any(sample.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(sample):
        return False
    return b'\x00' in sample[:8192]
