"""``gdprscan anonymize SOURCE_DIR --out DEST_DIR``: a pseudonymised copy of a file tree.

Safety first: SOURCE is only ever opened for reading; DEST may be neither SOURCE nor inside it
(nor contain it); DEST must not exist or be an empty folder. The copy is written into a hidden
temporary folder next to DEST (``.DEST.gdprscan-partial-*``) and renamed to DEST only when every
file is done, so an interrupted run never leaves a tree that looks complete. A file that cannot
be read or rewritten is left out of the copy with a one-line reason (exit 1), never copied raw.
Files with no writer (binaries, unknown formats) are copied unchanged only when the scanner
finds nothing in them; otherwise they are left out and reported.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.writers import Context
from gdprscan.anonymize.writers import writer_for


class TreeError(ValueError):
    """SOURCE/DEST that must not be used: one line, exit 2."""


@dataclass
class FileReport:
    """What happened to one file: counts per (column, entity), never values."""

    source: str
    status: str  # 'rewritten', 'copied', 'skipped', 'error'
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    reason: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class TreeReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.status == 'error']

    @property
    def replaced(self) -> int:
        return sum(sum(f.counts.values()) for f in self.files)


def check_paths(source: Path, dest: Path) -> None:
    """Refuse a DEST that is SOURCE, lies inside it, contains it, or already holds files."""
    if not source.exists():
        raise TreeError(f'{source}: no such file or directory')
    src, dst = source.resolve(), dest.resolve()
    if src == dst:
        raise TreeError('DEST is SOURCE: refusing to overwrite the source')
    if dst.is_relative_to(src):
        raise TreeError(
            'DEST lies inside SOURCE: refusing (the copy would be scanned and mixed with the source)'
        )
    if src.is_relative_to(dst):
        raise TreeError('SOURCE lies inside DEST: refusing')
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())) and source.is_dir():
        raise TreeError(f'{dest} exists and is not an empty folder')
    if dest.exists() and not source.is_dir():
        raise TreeError(f'{dest} exists')


def anonymize_tree(
    source: Path,
    dest: Path | None,
    actions: Actions,
    engine: object,
    on_file: Callable[[FileReport], None] | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    workers: int | None = None,
) -> TreeReport:
    """Write the pseudonymised copy of ``source`` to ``dest`` (None: dry run, nothing kept)."""
    from gdprscan.scanner.walk import walk

    if dest is not None:
        check_paths(source, dest)
        parent = dest.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        tmp_root = Path(tempfile.mkdtemp(prefix=f'.{dest.name}.gdprscan-partial-', dir=parent))
    else:
        tmp_root = Path(tempfile.mkdtemp(prefix='gdprscan-dry-run-'))
    report = TreeReport()
    try:
        single = not source.is_dir()
        jobs = []
        for cand in walk([str(source)], include, exclude):
            rel = source.name if single else cand.source
            target = tmp_root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((cand.path, target, rel))
        for fr in _run(jobs, actions, engine, workers):
            report.files.append(fr)
            if on_file is not None:
                on_file(fr)
        if dest is None:
            return report
        if single:
            os.replace(tmp_root / source.name, dest)
        else:
            if dest.exists():
                dest.rmdir()  # empty (checked above)
            os.replace(tmp_root, dest)
            shutil.copymode(source, dest)  # mkdtemp made it private; the copy gets the source's mode
        return report
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


_worker: tuple[Actions, object] | None = None


def _in_worker(job: tuple[Path, Path, str]) -> FileReport:
    assert _worker is not None
    actions, engine = _worker
    return anonymize_file(*job, actions, engine)


def _run(
    jobs: list[tuple[Path, Path, str]], actions: Actions, engine: object, workers: int | None
) -> Iterator[FileReport]:
    """Reports of ``jobs`` in order; in forked worker processes when the tree is big enough (the
    same rule as the scanner: a pool costs more than it saves on a few small files). The workers
    inherit the key in memory through fork; it is never pickled or written."""
    global _worker
    from gdprscan.scanner.engine import POOL_MIN_BYTES
    from gdprscan.scanner.engine import POOL_MIN_FILES
    from gdprscan.scanner.engine import default_workers

    workers = workers or default_workers()
    size = sum(p.stat().st_size for p, _t, _r in jobs if p.is_file())
    if workers < 2 or len(jobs) < 2 or (len(jobs) < POOL_MIN_FILES and size < POOL_MIN_BYTES):
        for job in jobs:
            yield anonymize_file(*job, actions, engine)
        return
    _worker = (actions, engine)
    try:
        ctx = multiprocessing.get_context('fork')
        with ctx.Pool(workers, initializer=_ignore_sigint) as pool:
            chunk = max(1, min(16, len(jobs) // (workers * 8) or 1))
            yield from pool.imap(_in_worker, jobs, chunksize=chunk)
    finally:
        _worker = None


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def anonymize_file(path: Path, target: Path, rel: str, actions: Actions, engine: object) -> FileReport:
    """Rewrite one file to ``target``; errors become the report's one-line reason (never raised)."""
    from gdprscan.scanner.extractors.encoding import looks_binary

    writer = writer_for(path)
    if writer is not None and writer.__name__ == 'write_text':
        with path.open('rb') as f:
            if looks_binary(f.read(1 << 16)):
                writer = None
    if writer is None:
        return _copy_if_clean(path, target, rel, engine)
    rewriter = Rewriter(engine, actions)
    ctx = Context(rewriter, actions.policy, rel)
    partial = target.with_name(f'.{target.name}.partial')
    try:
        writer(path, partial, ctx)
        os.replace(partial, target)
    except Exception as e:  # one broken file never stops the copy; its reason, never its content
        partial.unlink(missing_ok=True)
        return FileReport(rel, 'error', reason=_reason(e))
    shutil.copystat(path, target, follow_symlinks=True)
    status = 'rewritten' if rewriter.counts else 'copied'
    return FileReport(rel, status, dict(rewriter.counts), notes=ctx.notes)


def _copy_if_clean(path: Path, target: Path, rel: str, engine: object) -> FileReport:
    from gdprscan.scanner.walk import Candidate

    result = engine.scan_file(Candidate(path, rel))  # type: ignore[attr-defined]
    if result.error:
        return FileReport(rel, 'error', reason=f'no writer for this format and unreadable ({result.error})')
    if result.findings:
        return FileReport(
            rel,
            'error',
            reason=f'{len(result.findings)} finding(s) and no writer for this format: left out of the copy',
        )
    shutil.copy2(path, target)
    return FileReport(rel, 'copied')


def _reason(e: Exception) -> str:
    from gdprscan.scanner.types import ExtractError

    if isinstance(e, ExtractError):
        return str(e) or type(e).__name__
    if isinstance(e, UnicodeError):
        return f'undecodable text ({type(e).__name__})'
    if isinstance(e, OSError):
        return e.strerror or type(e).__name__
    return f'unreadable or unwritable ({type(e).__name__})'
