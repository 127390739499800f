"""Where a reported source lives, relative to the working directory.

A finding's ``source`` is relative to its TARGET folder (or the path as given for
a file TARGET), so ``gdprscan scan tests/`` says ``fixtures/a.csv`` where the
pre-commit hook, run at the repository root, says ``tests/fixtures/a.csv``.
Baselines and SARIF need one stable name for both: the path relative to the
working directory, with ``/`` separators and without ``./``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from pathlib import Path


def is_url(source: str) -> bool:
    """True for a database source (``postgresql://host/db#schema.table``), not a file."""
    return '://' in source


def resolve(source: str, targets: Sequence[str]) -> Path | None:
    """The file ``source`` names: as given, or under the first folder TARGET that holds it."""
    if is_url(source):
        return None
    as_given = Path(source)
    if source in targets or as_given.is_absolute():
        return as_given
    for target in targets:
        if is_url(target):
            continue
        root = Path(target)
        if root.is_dir() and os.path.lexists(root / source):
            return root / source
    return as_given


def canonical(source: str, targets: Sequence[str], cwd: Path | None = None) -> str:
    """``source`` as a posix path relative to ``cwd`` when it lies below it, else absolute."""
    path = resolve(source, targets)
    if path is None:
        return source
    base = Path(os.path.abspath(cwd or os.getcwd()))
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(base)
    except ValueError:
        return absolute.as_posix()
    return posixpath.normpath(rel.as_posix())
