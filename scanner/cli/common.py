"""Helpers shared by the commands: errors, output files written atomically."""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


class UsageError(Exception):
    """Bad arguments or configuration: ``gdprscan: error: ...``, exit 2."""


def error(message: str) -> None:
    print(f'gdprscan: error: {message}', file=sys.stderr)


def warn(source: str, reason: str) -> None:
    """The one line a source that could not be read gets on stderr."""
    print(f'gdprscan: {source}: {reason}', file=sys.stderr)


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or ``path`` written through a temporary file and renamed when complete."""
    if path is None or path == '-':
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f'.{target.name}.', dir=target.parent or Path('.'))
    try:
        with os.fdopen(fd, 'w', encoding='utf-8', newline='') as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
