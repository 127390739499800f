"""Which files a scan reads: recursive walk with include/exclude globs.

Globs match the path relative to the target with ``/`` separators; ``**``
crosses folders, a glob without ``/`` matches any path component (``*.log``,
``node_modules``). Symlinks are followed only when they stay inside the target.
"""
from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_EXCLUDES = (
    '.git', '.hg', '.svn', '.venv', 'venv', 'node_modules', '__pycache__', '.mypy_cache',
    '.pytest_cache', '.ruff_cache', '.tox', '*.egg-info',
)


@dataclass(frozen=True)
class Candidate:
    """A file to scan and the name it is reported under."""

    path: Path
    source: str


@cache
def _glob_regex(glob: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith('**/', i):
            out.append('(?:.*/)?')
            i += 3
            continue
        if glob.startswith('**', i):
            out.append('.*')
            i += 2
            continue
        out.append({'*': '[^/]*', '?': '[^/]'}.get(c, re.escape(c)))
        i += 1
    return re.compile(''.join(out) + r'\Z')


def matches(rel: str, globs: Sequence[str]) -> bool:
    """True when the relative posix path ``rel`` (or, for a glob without '/', any component) matches."""
    parts = rel.split('/')
    for g in globs:
        g = g.rstrip('/')
        if '/' in g:
            if _glob_regex(g.lstrip('/')).match(rel) or _glob_regex(g.lstrip('/') + '/**').match(rel):
                return True
        elif any(_glob_regex(g).match(p) for p in parts):
            return True
    return False


def walk(
    targets: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    default_excludes: bool = True,
    errors: list[tuple[str, str]] | None = None,
) -> Iterator[Candidate]:
    """Files under ``targets`` in a stable order; a file target is yielded as given, unless excluded.

    A folder that cannot be listed (no permission) is appended to ``errors`` as
    ``(source, reason)`` when a list is given: silently skipping it would report a
    locked HR folder as free of personal data.

    A file's source is its path relative to its folder TARGET; with several TARGETs it
    is prefixed by the TARGET as given (``A/export.csv``, ``B/export.csv``), or two
    shares' files of the same name would be one source in every report.
    """
    excl = tuple(exclude) + (DEFAULT_EXCLUDES if default_excludes else ())
    for target in targets:
        root = Path(target)
        if not os.path.isdir(root):  # Path.is_dir raises PermissionError under a locked folder
            rel = posixpath.normpath(root.as_posix())  # the hook's files obey the configured globs too
            if not (matches(rel, excl) or (include and not matches(rel, include))):
                yield Candidate(root, target)
            continue
        real_root = root.resolve()
        prefix = root.as_posix() if len(targets) > 1 else '.'

        def unlisted(e: OSError, root: Path = root, target: str = target, prefix: str = prefix) -> None:
            if errors is not None:
                rel = Path(os.path.relpath(e.filename, root)).as_posix() if e.filename else '.'
                source = target if rel == '.' else _source(prefix, rel)
                errors.append((source, e.strerror or type(e).__name__))

        for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted, followlinks=False):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            rel_dir = '' if rel_dir == '.' else rel_dir + '/'
            dirnames[:] = sorted(d for d in dirnames if not matches(rel_dir + d, excl))
            for name in sorted(filenames):
                rel = rel_dir + name
                if matches(rel, excl) or (include and not matches(rel, include)):
                    continue
                path = Path(dirpath, name)
                if path.is_symlink() and not _inside(path, real_root):
                    continue
                yield Candidate(path, _source(prefix, rel))


def _source(prefix: str, rel: str) -> str:
    return rel if prefix == '.' else posixpath.normpath(posixpath.join(prefix, rel))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True
