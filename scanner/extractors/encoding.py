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


def sniff_bytes(sample: bytes, complete: bool = False) -> str:
    """The encoding of ``sample``, the first block of a file (``complete``: the whole file, so a byte that
    does not decode at its very end is no character cut by the block's end)."""
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
        if e.start >= len(sample) - 4 and not complete:  # a character cut by the sample's end
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


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """``data`` as text, and the encoding it was read with: the declared charset when ``data`` decodes
    cleanly with it, else the sniffed one. A mail part without a charset (or with a wrong one), as Windows
    clients attach a cp1252 CSV, is read like the same bytes in a file, never with U+FFFD in its names.

    >>> decode('André'.encode('cp1252'))
    ('André', 'cp1252')
    >>> decode('André'.encode('cp1252'), 'utf-8')
    ('André', 'cp1252')
    >>> decode('André'.encode(), 'us-ascii')
    ('André', 'utf-8')
    """
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    encoding = sniff_bytes(data[:SAMPLE], complete=len(data) <= SAMPLE)
    return data.decode(encoding, errors='replace'), encoding


def sniff_encoding(path: Path) -> str:
    with path.open('rb') as f:
        sample = f.read(SAMPLE)
    return sniff_bytes(sample, complete=len(sample) < SAMPLE)


def looks_binary(sample: bytes) -> bool:
    """A NUL byte in the first block, outside UTF-16/32 text, means binary."""
    if any(sample.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(sample):
        return False
    return b'\x00' in sample[:8192]
