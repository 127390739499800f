"""Single files compressed with gzip (``dump.csv.gz``, ``app.log.gz``): read as the file inside.

Database dumps and rotated logs are kept gzipped. The file is decompressed in 1 MiB blocks
(memory stays flat) into a private temporary folder, at most ``Limits.max_unzipped_size`` bytes (a
gzip bomb reaches 1000:1, so the limit is checked while decompressing, not trusted from the
header), and read by the extractor of the inner suffix: ``dump.csv.gz`` as CSV, with CSV locations.
An inner name without a known suffix is sniffed like any file. A compressed tar archive
(``.tar.gz``, ``.tgz``) is not read: :func:`gdprscan.scanner.extractors.for_path` skips it.
"""

from __future__ import annotations

import gzip
import re
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from gdprscan.scanner import limits
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.gz',)
#: Decompressed as a stream: the cap on what it decompresses to (``max_unzipped_size``) is what bounds it.
STREAMS = True
_SAFE_SUFFIX = re.compile(r'\.[a-z0-9]{1,10}')
_CHUNK = 1 << 20


def extract(path: Path) -> Iterator[TextUnit]:
    from gdprscan.scanner import extractors

    inner = Path(path.stem).suffix.lower()
    inner = inner if _SAFE_SUFFIX.fullmatch(inner) else ''
    lim = limits.current()
    with tempfile.TemporaryDirectory(prefix='gdprscan-gz-') as tmp:
        file = Path(tmp, f'content{inner}')
        size = _decompress(path, file, lim.max_unzipped_size)
        if size == 0:
            return
        extractor = extractors.for_path(file)
        if extractor is None:
            kind = inner or 'no suffix'
            raise ExtractError(f'compressed file in a binary or unsupported format ({kind}); not read')
        if size > lim.max_file_size and not getattr(extractor, 'STREAMS', False):
            raise ExtractError(f'compressed file too large ({size} bytes uncompressed > {lim.max_file_size})')
        yield from extractor.extract(file)


def _decompress(path: Path, file: Path, cap: int) -> int:
    """Decompress ``path`` to ``file``; the number of bytes, or :class:`ExtractError` past ``cap``."""
    size = 0
    try:
        with gzip.open(path, 'rb') as src, file.open('wb') as dst:
            while block := src.read(_CHUNK):
                size += len(block)
                if size > cap:
                    raise ExtractError(f'refused gzip file: possible bomb (over {cap} bytes uncompressed)')
                dst.write(block)
    except (gzip.BadGzipFile, zlib.error, EOFError) as e:
        raise ExtractError(f'corrupt or truncated gzip file ({type(e).__name__})') from e
    return size
