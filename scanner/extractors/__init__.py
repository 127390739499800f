"""Extractors: one module per format, picked by file suffix.

Each module has ``SUFFIXES`` (lower-case, with dot) and ``extract(path) ->
Iterator[TextUnit]``. An extractor streams, never catches broadly, and turns
library errors into :class:`~gdprscan.scanner.types.ExtractError`. Files with an
unknown suffix go to ``text`` when their first block looks like text (no NUL
byte), and are skipped as binary otherwise; so are FIFOs, sockets and devices.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

from gdprscan.scanner.types import TextUnit

#: Module names, in the package, of the built-in extractors.
MODULES = ('text', 'delimited', 'xlsx', 'jsonfile', 'jsonlines', 'docx', 'pdf', 'eml')

#: Suffixes that are binary and never sniffed as text.
BINARY_SUFFIXES = frozenset(
    '.png .jpg .jpeg .gif .bmp .tif .tiff .ico .webp .zip .gz .tgz .bz2 .xz .7z .rar .jar .war '
    '.exe .dll .so .dylib .o .a .class .pyc .whl .mp3 .mp4 .avi .mov .wav .ogg .flac .woff .woff2 '
    '.ttf .otf .eot .doc .xls .ppt .pptx .odt .ods .odp .sqlite .db .iso .bin .dat .pkl .npy .parquet'.split()
)


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
    if suffix in index:
        return index[suffix]
    if suffix in BINARY_SUFFIXES:
        return None
    return index['.txt']  # the text extractor, which skips what turns out to be binary
