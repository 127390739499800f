"""Checks a zip container (docx, xlsx, a .zip archive) before anything opens it, without decompressing.

Only the central directory is read. A document is refused when the uncompressed sizes
its members declare add up to more than ``Limits.max_unzipped_size``, when one large
member's declared ratio exceeds ``Limits.max_zip_ratio`` (a bomb: 1 GB of zeros is
~1 MB deflated), or when it has absurdly many members. Declared sizes can be trusted
as a bound: :mod:`zipfile` never returns more bytes than a member declares (it stops,
then fails the CRC), and python-docx and openpyxl read through :mod:`zipfile`.

An encrypted Office file is not a zip at all but an OLE compound file holding an
``EncryptedPackage`` stream; it gets its own message.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from gdprscan.scanner import limits
from gdprscan.scanner.types import ExtractError

OLE_MAGIC = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
_ENCRYPTED_PACKAGE = 'EncryptedPackage'.encode('utf-16-le')
#: Members smaller than this are not ratio-checked: small, repetitive XML parts compress very well.
RATIO_FLOOR = 1 << 20
MAX_MEMBERS = 50_000
_CHUNK = 1 << 20


def check(path: Path, kind: str, encrypted_ok: bool = False) -> list[zipfile.ZipInfo]:
    """Raise :class:`ExtractError` unless ``path`` is a zip container that is safe to open; its members.

    ``kind`` names the format in messages ('Word document', 'spreadsheet', 'zip archive').
    ``encrypted_ok``: an archive's encrypted members are the caller's to report (a document with one is
    refused: it cannot be read at all).
    """
    with path.open('rb') as f:
        magic = f.read(8)
    if magic == OLE_MAGIC:
        if _has_encrypted_package(path):
            raise ExtractError('encrypted document (password-protected Office file)')
        raise ExtractError(f'not a {kind}: legacy Office (OLE) file with a new-style suffix')
    if not magic.startswith(b'PK'):
        raise ExtractError(f'corrupt {kind} (not a zip container)')
    lim = limits.current()
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as e:
        raise ExtractError(f'corrupt or truncated {kind} ({type(e).__name__})') from e
    if len(members) > MAX_MEMBERS:
        raise ExtractError(f'refused {kind}: {len(members)} zip members (limit {MAX_MEMBERS})')
    total = 0
    for info in members:
        if info.flag_bits & 0x1 and not encrypted_ok:
            raise ExtractError('encrypted document (encrypted zip member)')
        total += info.file_size
        if info.file_size >= RATIO_FLOOR and info.file_size > lim.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ExtractError(
                f'refused {kind}: possible zip bomb (member compression ratio {ratio:.0f}:1 '
                f'> {lim.max_zip_ratio:g}:1)'
            )
    if total > lim.max_unzipped_size:
        raise ExtractError(
            f'refused {kind}: possible zip bomb ({total} bytes uncompressed > {lim.max_unzipped_size})'
        )
    return members


def _has_encrypted_package(path: Path) -> bool:
    """True when the OLE file's directory names an ``EncryptedPackage`` stream (read in 1 MiB chunks)."""
    tail = b''
    with path.open('rb') as f:
        while chunk := f.read(_CHUNK):
            if _ENCRYPTED_PACKAGE in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_PACKAGE):]
    return False
