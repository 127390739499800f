"""ZIP archives: each member in a format the scanner reads, located as ``{"member": name, ...}``.

Payroll exports sit on shares, and travel by mail, zipped: a scan that skips ``export_2024.zip``
reports a folder of national numbers as clean, and ``gdprscan anonymize`` would copy it raw. The
zip guard first checks the central directory (declared sizes, compression ratio, member count;
nothing decompressed). Each member is then copied in 1 MiB blocks to a private temporary folder
(``zipfile`` never returns more bytes than a member declares) and read by the extractor of its
suffix; a member with an unknown suffix is sniffed like a file. The member's own location follows
its name: ``{"member": "export.csv", "column": "INSZ", "row": 3}``. The name itself is scanned too
(``{"member": name, "member_name": true}``): reports mask a value found in it wherever they print
the member's name, as they do for e-mail attachments' names.

One level only: a member that is itself an archive (``.zip``, ``.gz``, ...) is not opened. Members
that cannot be read (binary or unsupported, encrypted, nested archives, too large, corrupt) do not
stop the others; when the last member is done they give the archive one error line that counts them
by reason and suffix, never by name (a member's name can hold personal data). So every finding is
kept, and an archive that was not completely read is never reported, or copied, as clean.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from pathlib import PurePosixPath

from gdprscan.scanner import limits
from gdprscan.scanner.extractors import zipguard
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.zip',)
#: Suffixes of archives and compressed files: not opened inside an archive (one level only).
ARCHIVE_SUFFIXES = frozenset('.zip .gz .tgz .tar .bz2 .xz .7z .rar .jar .war .cab .zst .z'.split())
_SAFE_SUFFIX = re.compile(r'\.[a-z0-9]{1,10}')
_CHUNK = 1 << 20


def extract(path: Path) -> Iterator[TextUnit]:
    members = zipguard.check(path, 'zip archive', encrypted_ok=True)
    files = [info for info in members if not info.is_dir()]
    unread: dict[str, list[str]] = {}  # reason -> suffixes of the members not read for it
    try:
        with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix='gdprscan-zip-') as tmp:
            for n, info in enumerate(files, start=1):
                yield from _member(zf, info, Path(tmp, f'member-{n}'), unread)
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise ExtractError(f'corrupt or truncated zip archive ({type(e).__name__})') from e
    if unread:
        raise ExtractError(not_read(unread, len(files), 'archive members'))


def _member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, tmp: Path, unread: dict[str, list[str]]
) -> Iterator[TextUnit]:
    """The units of one member, read from a temporary copy at ``tmp`` + suffix (never the member's own
    path: no ``../`` escapes); a member that cannot be read is added to ``unread``."""
    from gdprscan.scanner import extractors

    lim = limits.current()
    suffix = PurePosixPath(info.filename).suffix.lower()
    suffix = suffix if _SAFE_SUFFIX.fullmatch(suffix) else ''
    if info.filename.strip('/'):  # a member's name can hold personal data ('CV Jan Peeters.pdf')
        yield TextUnit(info.filename, {'member': info.filename, 'member_name': True})
    why = _refused(info, suffix, lim)
    if why is not None:
        unread.setdefault(why, []).append(suffix)
        return
    if info.file_size == 0:
        return
    file = tmp.with_name(tmp.name + suffix)
    try:
        try:
            with zf.open(info) as src, file.open('wb') as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
            unread.setdefault(f'corrupt or compressed unreadably ({type(e).__name__})', []).append(suffix)
            return
        extractor = extractors.for_path(file)
        if extractor is None:
            unread.setdefault('binary or unsupported format', []).append(suffix)
            return
        if info.file_size > lim.max_file_size and not getattr(extractor, 'STREAMS', False):
            unread.setdefault(f'larger than {lim.max_file_size} bytes', []).append(suffix)
            return
        try:
            for unit in extractor.extract(file):
                where = {'member': info.filename, **unit.location}
                yield TextUnit(unit.text, where, unit.track, unit.pragma, unit.row_key)
        except ExtractError as e:
            binary = type(e).__name__ == 'BinaryFile'
            unread.setdefault('binary or unsupported format' if binary else str(e), []).append(suffix)
    finally:
        file.unlink(missing_ok=True)


def _refused(info: zipfile.ZipInfo, suffix: str, lim: limits.Limits) -> str | None:
    """Why a member is not opened at all, or None."""
    if info.flag_bits & 0x1:
        return 'encrypted'
    if suffix in ARCHIVE_SUFFIXES:
        return 'nested archive (archives are read one level deep)'
    if info.file_size > lim.max_unzipped_size:
        return f'larger than {lim.max_unzipped_size} bytes'
    return None


def not_read(unread: dict[str, list[str]], total: int, what: str) -> str:
    """``2 of 5 archive members not read: 1 encrypted (.pdf); 1 binary or unsupported format (.png)``."""
    count = sum(len(s) for s in unread.values())
    parts = []
    for reason, suffixes in unread.items():
        shown = ', '.join(sorted({s or 'no suffix' for s in suffixes}))
        parts.append(f'{len(suffixes)} {reason} ({shown})')
    return f'{count} of {total} {what} not read: ' + '; '.join(parts)
