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
    skipped: list[tuple[Path, str, str]] | None = None,
) -> Iterator[Candidate]:
    """Files under ``targets`` in a stable order; a file target is yielded as given, unless excluded.

    A folder that cannot be listed (no permission) is appended to ``errors`` as
    ``(source, reason)`` when a list is given: silently skipping it would report a
    locked HR folder as free of personal data.

    A file's source is its path relative to its folder TARGET; with several TARGETs it
    is prefixed by the TARGET as given (``A/export.csv``, ``B/export.csv``), or two
    shares' files of the same name would be one source in every report.

    Symbolic links are not followed out of a TARGET, nor into folders; each link left out
    is appended to ``skipped`` as ``(path, source, reason)`` when a list is given, so a
    folder of links to HR data never reads as a folder without personal data.
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
            if skipped is not None:
                for d in dirnames:
                    link = Path(dirpath, d)
                    if link.is_symlink():  # os.walk lists it, never enters it
                        reason = _link_reason(link, real_root, folder=True)
                        skipped.append((link, _source(prefix, rel_dir + d), reason))
            for name in sorted(filenames):
                rel = rel_dir + name
                if matches(rel, excl) or (include and not matches(rel, include)):
                    continue
                path = Path(dirpath, name)
                if path.is_symlink() and not _inside(path, real_root):
                    if skipped is not None:
                        skipped.append((path, _source(prefix, rel), _link_reason(path, real_root)))
                    continue
                yield Candidate(path, _source(prefix, rel))


def _link_reason(path: Path, root: Path, folder: bool = False) -> str:
    """Why a symbolic link was not followed, in the words of the copy's messages."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return 'symbolic link loop (not followed)'
    except OSError:
        return 'dangling symbolic link (its target does not exist)'
    if folder and _inside(path, root):
        return 'symbolic link to a folder inside the target (not followed: scanned where it is)'
    try:
        target.relative_to(root)
    except ValueError:
        return f'symbolic link to {"a folder" if folder else "a file"} outside the target (not followed)'
    return 'symbolic link (not followed)'


def _source(prefix: str, rel: str) -> str:
    return rel if prefix == '.' else posixpath.normpath(posixpath.join(prefix, rel))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True
