"""Extractors: one module per format, picked by file suffix.

Each module has ``SUFFIXES`` (lower-case, with dot) and ``extract(path) ->
Iterator[TextUnit]``. An extractor streams, never catches broadly, and turns
library errors into :class:`~gdprscan.scanner.types.ExtractError`. Files with an
unknown suffix (or ``.dat``, which is as often a text export as not) go to ``text`` when
their first 8 KiB look like text (:func:`looks_like_text`), and are skipped as binary otherwise;
so are FIFOs, sockets and devices. :func:`skip_reason` says why a file is skipped, for the
report's ``skipped`` list: a skipped file was not read, and the DPO must see which.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

from gdprscan.scanner.types import TextUnit

#: Module names, in the package, of the built-in extractors.
MODULES = ('text', 'delimited', 'xlsx', 'jsonfile', 'jsonlines', 'docx', 'pdf', 'eml', 'archive', 'gzipped')

#: Suffixes that are binary and never sniffed as text (``.dat`` is not one: it is often a text export).
BINARY_SUFFIXES = frozenset(
    '.png .jpg .jpeg .gif .bmp .tif .tiff .ico .webp .tgz .bz2 .xz .7z .rar .jar .war .tar .zst '
    '.exe .dll .so .dylib .o .a .class .pyc .whl .mp3 .mp4 .avi .mov .wav .ogg .flac .woff .woff2 '
    '.ttf .otf .eot .doc .xls .ppt .pptx .odt .ods .odp .sqlite .db .iso .bin .pkl .npy .parquet .msg'.split()
)
#: Why a binary suffix is not read, for the report's ``skipped`` list.
_KINDS = (
    ('.png .jpg .jpeg .gif .bmp .tif .tiff .ico .webp', 'image (no OCR)'),
    ('.tgz .bz2 .xz .7z .rar .jar .war .tar .zst', 'archive format not read (only .zip and .gz are)'),
    ('.doc .xls .ppt', 'legacy Office format (not read)'),
    ('.pptx .odt .ods .odp', 'document format not read'),
    ('.msg', 'Outlook message (not read; save it as .eml)'),
)
#: The first 16 bytes of every SQLite 3 database.
SQLITE_MAGIC = b'SQLite format 3\x00'
#: Bytes sniffed to tell text from binary.
SNIFF = 8192
#: Control characters other than tab, line ends, form feed, EOF (^Z) and escape: rare in text.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 26, 27)) + b'\x7f'


class Extractor(Protocol):
    SUFFIXES: tuple[str, ...]

    def extract(self, path: Path) -> Iterator[TextUnit]: ...


_by_suffix: dict[str, ModuleType] = {}


def _index() -> dict[str, ModuleType]:
    if not _by_suffix:
        for name in MODULES:
            try:
                module = importlib.import_module(f'gdprscan.scanner.extractors.{name}')
            except ModuleNotFoundError as e:
                if e.name and e.name.startswith('gdprscan.scanner.extractors'):
                    continue  # not written yet
                raise
            for suffix in module.SUFFIXES:
                _by_suffix[suffix] = module
    return _by_suffix


def for_path(path: Path) -> ModuleType | None:
    """The extractor for ``path`` by suffix; ``text`` for an unknown suffix; None for binaries.

    None also for a FIFO, socket or device: opening a FIFO blocks until someone writes to it.
    """
    if path.is_fifo() or path.is_socket() or path.is_char_device() or path.is_block_device():
        return None
    suffix = path.suffix.lower()
    index = _index()
    if suffix == '.gz' and Path(path.stem).suffix.lower() == '.tar':
        return None  # a compressed tar archive, not a single compressed file
    if suffix in index:
        return index[suffix]
    if suffix in BINARY_SUFFIXES or not looks_like_text(path):
        return None
    return index['.txt']


def looks_like_text(path: Path) -> bool:
    """True when the first 8 KiB of ``path`` read as text: a BOM or UTF-16 without BOM, else no NUL
    byte and under 1% control characters (random or compressed bytes have about 10%). Any 8-bit
    encoding passes (cp1252, cp850 exports), so the text extractor decides the encoding. An
    unreadable file passes too: the extractor then reports why it cannot be read."""
    from gdprscan.scanner.extractors.encoding import looks_binary

    try:
        with path.open('rb') as f:
            head = f.read(SNIFF)
    except OSError:
        return True
    if looks_binary(head):
        return False
    if b'\x00' in head:  # UTF-16/32 text (its NULs were accepted by looks_binary)
        return True
    return sum(head.count(c) for c in _CONTROL) * 100 <= len(head)


def skip_reason(path: Path) -> str:
    """Why :func:`for_path` gives no extractor for ``path``: one line for the report, never content."""
    if path.is_fifo() or path.is_socket() or path.is_char_device() or path.is_block_device():
        return 'special file (FIFO, socket or device), not opened'
    try:
        with path.open('rb') as f:
            if f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return 'SQLite database, not read as a file (scan it as a sqlite:/// URL)'
    except OSError as e:
        return e.strerror or type(e).__name__
    suffix = path.suffix.lower()
    if suffix == '.gz' and Path(path.stem).suffix.lower() == '.tar':
        return 'archive format not read (only .zip and .gz are)'
    for suffixes, kind in _KINDS:
        if suffix in suffixes.split():
            return kind
    return f'binary file ({suffix or "no suffix"}), not read'
