"""Helpers shared by the commands: errors, output files written atomically."""
from __future__ import annotations

import codecs
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from gdprscan.scanner.reporters import printable

#: Error handler for every report stream: a file name that is not UTF-8 reaches Python as lone surrogates
#: (surrogateescape); written as U+FFFD, it can never cost a whole report.
DISPLAY_ERRORS = 'gdprscan-replace'


def _replace(e: UnicodeError) -> tuple[bytes, int]:
    """U+FFFD in the stream's own encoding ('?' where it has none): codecs take bytes from a handler."""
    assert isinstance(e, UnicodeEncodeError)
    return '\ufffd'.encode(e.encoding, 'replace') * (e.end - e.start), e.end


codecs.register_error(DISPLAY_ERRORS, _replace)  # type: ignore[arg-type]


def tolerant_streams() -> None:
    """stdout and stderr write lone surrogates as U+FFFD instead of failing (see DISPLAY_ERRORS)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == 'strict':
            stream.reconfigure(errors=DISPLAY_ERRORS)


class UsageError(Exception):
    """Bad arguments or configuration: ``gdprscan: error: ...``, exit 2."""


def error(message: str) -> None:
    _stderr(f'gdprscan: error: {printable(message)}')


def warn(source: str, reason: str) -> None:
    """The one line a source that could not be read gets on stderr."""
    _stderr(f'gdprscan: {printable(source)}: {printable(reason)}')


def _stderr(line: str) -> None:
    """One line on stderr; when its reader hung up (``2>&1 | head``) the scan still finishes its report."""
    try:
        print(line, file=sys.stderr)
    except BrokenPipeError:
        drop(sys.stderr)


def drop(stream: TextIO) -> None:
    """Point ``stream``'s file descriptor at /dev/null after its pipe closed.

    Python flushes stdout and stderr at exit; the text still buffered for a closed pipe would
    print 'Exception ignored ... BrokenPipeError' and turn the exit status into 120.
    """
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture): nothing to drop
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def check_output(path: str | None) -> None:
    """A usage error when the report file ``path`` cannot be written: checked before a long scan."""
    if path is None or path == '-':
        return
    if not path.strip():
        raise UsageError('-o/--output needs a file name')
    target = Path(path)
    if target.is_dir():
        raise UsageError(f'{path}: is a folder; give the report a file name')
    if not target.parent.is_dir():
        raise UsageError(f'{path}: folder {target.parent} does not exist')


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or ``path`` written through a temporary file and renamed when complete."""
    if path is None or path == '-':
        yield sys.stdout
        return
    target = Path(path)
    check_output(path)
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write to it, never replace it
        with target.open('w', encoding='utf-8', newline='', errors=DISPLAY_ERRORS) as f:
            yield f
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f'.{target.name}.', dir=target.parent or Path('.'))
    except OSError as e:
        raise UsageError(f'{path}: cannot write here ({e.strerror or type(e).__name__})') from e
    try:
        with os.fdopen(fd, 'w', encoding='utf-8', newline='', errors=DISPLAY_ERRORS) as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
