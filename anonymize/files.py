"""``gdprscan anonymize SOURCE_DIR --out DEST_DIR``: a pseudonymised copy of a file tree.

Safety first: SOURCE is only ever opened for reading; DEST may be neither SOURCE nor inside it
(nor contain it); DEST must not exist or be an empty folder. The copy is written into a hidden
temporary folder next to DEST (``.DEST.gdprscan-partial-*``) and renamed to DEST only when every
file is done and the leak check (``check``) passed on that temporary copy, so an interrupted run never
leaves a tree that looks complete, and an unverified copy never carries DEST's name. A copy that fails
the check is kept private beside DEST as ``DEST.gdprscan-leaking`` for inspection. A file that cannot
be read or rewritten is left out of the copy with a one-line reason (exit 1), never copied raw.
Files with no writer (archives, binaries, unknown formats) are copied unchanged only when the
scanner read all of them and found nothing; otherwise they are left out and reported (files the
scanner cannot read at all are copied only with ``copy_unscanned``).
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from gdprscan.anonymize import archives
from gdprscan.anonymize import kanon
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.writers import Context
from gdprscan.anonymize.writers import copy_xlsx_if_clean
from gdprscan.anonymize.writers import write_delimited
from gdprscan.anonymize.writers import write_jsonl
from gdprscan.anonymize.writers import write_text
from gdprscan.anonymize.writers import write_xlsx
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
    dest: str | None = None  # the path in DEST when personal data in the name was replaced
    shown: str | None = None  # ``source`` as it may be printed: personal data in its name masked
    name_counts: dict[str, int] = field(default_factory=dict)  # entity -> spans replaced in the name
    #: (table or None, column) pairs the file's tables hold, for the policy's unmatched-rule warnings
    columns: frozenset[tuple[str | None, str]] = frozenset()

    @property
    def printable(self) -> str:
        return self.shown or self.source


@dataclass
class TreeReport:
    files: list[FileReport] = field(default_factory=list)
    #: where a copy that failed the leak check was kept instead of DEST (None: at DEST, or no copy)
    kept_at: Path | None = None
    #: file and folder names in the copy with personal data replaced (a folder counts once)
    names_renamed: int = 0

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
    if not source.is_dir():
        check_file_dest(source, dest)


def check_file_dest(source: Path, dest: Path) -> None:
    """The copy of one file is written in SOURCE's format to exactly DEST: refuse a DEST that is a
    folder, has another suffix (CSV text in ``copy.xlsx`` is a broken workbook) or whose folder does
    not exist (a typo must not create folders), before anything is written."""
    if dest.is_dir():
        raise TreeError(
            f'{dest} is a folder; SOURCE is a file: give the copy a file name ({dest}/{source.name})'
        )
    if dest.exists() or dest.is_symlink():
        raise TreeError(f'{dest} exists')
    if dest.suffix.lower() != source.suffix.lower():
        want = f'the suffix {source.suffix}' if source.suffix else 'no suffix'
        raise TreeError(f'{dest}: the copy is written in the format of SOURCE, so DEST needs {want}')
    if not dest.parent.is_dir():
        raise TreeError(f'{dest}: folder {dest.parent} does not exist')


def anonymize_tree(
    source: Path,
    dest: Path | None,
    actions: Actions,
    engine: object,
    on_file: Callable[[FileReport], None] | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    workers: int | None = None,
    check: Callable[[Path, TreeReport], bool] | None = None,
    copy_unscanned: bool = False,
) -> TreeReport:
    """Write the pseudonymised copy of ``source`` to ``dest`` (None: dry run, nothing kept).

    ``copy_unscanned``: copy files the scanner cannot read (binary, unsupported) unchanged instead of
    leaving them out (see :func:`_copy_if_clean`).

    ``check(copy, report)`` runs on the finished temporary copy (the folder, or the one file) before
    it is renamed to DEST; False keeps it out of DEST (see :func:`_keep_failed`). An interrupt during
    the check removes the temporary copy like an interrupt during the copy.
    """
    from gdprscan.scanner.walk import walk

    if kanon.policy_hides_birth_or_sex(actions.policy) and actions.surrogates.nn_keep != 'none':
        # Tables of the tree are k-anonymised on birth date or sex: surrogate national numbers must
        # not carry them. Decided once, before any worker starts, so a number gets one surrogate.
        actions.surrogates.nn_keep = 'none'
        actions.surrogates.clear_cache()
    if dest is not None:
        check_paths(source, dest)
        parent = dest.resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            tmp_root = Path(tempfile.mkdtemp(prefix=f'.{dest.name}.gdprscan-partial-', dir=parent))
        except OSError as e:
            raise TreeError(f'{dest}: cannot create ({e.strerror or type(e).__name__})') from None
    else:
        tmp_root = Path(tempfile.mkdtemp(prefix='gdprscan-dry-run-'))
    report = TreeReport()
    try:
        single = not source.is_dir()
        jobs = []
        unlisted: list[tuple[str, str]] = []
        cands = list(walk([str(source)], include, exclude, errors=unlisted))
        found = [FileReport(rel, 'error', reason=f'folder unreadable ({why})') for rel, why in unlisted]
        # A name travels into every listing: personal data in file and folder names is replaced too
        # (a single file is copied to the name the user gave). Messages print names masked.
        names = {} if single else renamed([c.source for c in cands], actions, engine)
        report.names_renamed = _renamed_count(names)
        shown = masked_names([source.name] if single else list(names), engine)
        if single:  # the name is not replaced but given by DEST: only masked in messages
            shown = {rel: (masked, {}) for rel, (masked, _counts) in shown.items()}
        taken: set[str] = set()
        for cand in cands:
            rel = source.name if single else cand.source
            new_rel = names.get(rel, rel)
            if new_rel in taken:  # two names whose surrogates coincide: never overwrite one with the other
                found.append(
                    FileReport(rel, 'error', reason='its copy would get the name of another file in the copy')
                )
                continue
            taken.add(new_rel)
            target = tmp_root / (dest.name if single and dest is not None else new_rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((cand.path, target, rel))
        if not single:
            found += _outside_links(source, include, exclude)
        for fr in [*found, *_run(jobs, actions, engine, workers, copy_unscanned)]:
            if names.get(fr.source, fr.source) != fr.source and fr.status in ('rewritten', 'copied'):
                fr.dest = names[fr.source]
            if fr.source in shown:
                fr.shown, fr.name_counts = shown[fr.source]
            report.files.append(fr)
            if on_file is not None:
                on_file(fr)
        if dest is None:
            return report
        copy = tmp_root / dest.name if single else tmp_root
        if single and not copy.exists():  # the one file was left out (reported): nothing to put in place
            return report
        if check is not None and not check(copy, report):
            report.kept_at = _keep_failed(copy, dest)
            return report
        try:
            if single:
                os.replace(copy, dest)
            else:
                if dest.exists():
                    dest.rmdir()  # empty (checked above)
                os.replace(tmp_root, dest)
                shutil.copymode(source, dest)  # mkdtemp made it private; the copy gets the source's mode
        except OSError as e:  # DEST appeared or changed meanwhile: the finished copy is not put there
            raise TreeError(
                f'{dest}: cannot move the copy into place ({e.strerror or type(e).__name__})'
            ) from None
        return report
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


def _keep_failed(copy: Path, dest: Path) -> Path:
    """Move a copy that failed the leak check beside DEST as ``DEST.gdprscan-leaking`` (``-2``, ...
    when taken): never under DEST's name, where dev/test would use it, and not deleted, so the
    LEAK lines can be looked at. It stays private (mode 0700 folder; the temporary folder's)."""
    for n in range(1, 1000):
        kept = dest.with_name(f'{dest.name}.gdprscan-leaking' + (f'-{n}' if n > 1 else ''))
        if kept.exists() or kept.is_symlink():
            continue
        try:
            os.rename(copy, kept)  # rename, not replace: never over something that appeared meanwhile
        except (FileExistsError, IsADirectoryError, NotADirectoryError):
            continue
        except OSError as e:
            if e.errno in (errno.EEXIST, errno.ENOTEMPTY):
                continue
            raise TreeError(
                f'{dest}: cannot keep the failed copy ({e.strerror or type(e).__name__})'
            ) from None
        if kept.is_file():  # one file: private, like a kept folder
            kept.chmod(0o600)
        return kept
    raise TreeError(f'{dest}: cannot keep the failed copy (too many {dest.name}.gdprscan-leaking-*)')


def _name_parts(rels: list[str]) -> list[tuple[str, bool]]:
    """Each distinct (component, is the file name) of ``rels``, in a stable order."""
    out: set[tuple[str, bool]] = set()
    for rel in rels:
        parts = rel.split('/')
        out.update((part, n == len(parts) - 1) for n, part in enumerate(parts))
    return sorted(out)


def masked_names(rels: list[str], engine: object) -> dict[str, tuple[str, dict[str, int]]]:
    """For each path in ``rels`` with personal data in a file or folder name: the path as it may be
    printed (each value masked, as ``gdprscan scan`` prints it) and the count of found values per
    entity. Only these few paths are scanned again (the ones :func:`renamed` changed, or one file).
    The names are read as the scan reads them (:mod:`gdprscan.scanner.path_names`)."""
    from gdprscan.recognizers.masking import mask
    from gdprscan.scanner.path_names import component_findings

    found: dict[str, list[tuple[str, str]]] = {}
    for part, is_file in _name_parts(rels):
        for f in component_findings(engine, part, is_file):
            if f.value and (f.value, f.entity) not in found.get(part, []):
                found.setdefault(part, []).append((f.value, f.entity))
    if not found:
        return {}
    # a value found in one name is masked in every name (the copy replaces it there as well)
    every = sorted({pair for pairs in found.values() for pair in pairs}, key=lambda p: -len(p[0]))
    out = {}
    for rel in rels:
        counts: dict[str, int] = {}
        new_parts = []
        for part in rel.split('/'):
            for value, entity in every:
                if value in part:
                    counts[entity] = counts.get(entity, 0) + part.count(value)
                    part = part.replace(value, mask(value, entity))
            new_parts.append(part)
        if counts:
            out[rel] = ('/'.join(new_parts), counts)
    return out


def renamed(rels: list[str], actions: Actions, engine: object) -> dict[str, str]:
    """DEST path of each SOURCE path whose file or folder names hold personal data; all names are
    rewritten in one batch, with the same keyed surrogates as the contents. The names are read as
    ``gdprscan scan`` reads them (:mod:`gdprscan.scanner.path_names`: ``loonfiche 85.07.30-033.28
    Jan Peeters.txt`` holds a name after the number), so the copy replaces what the scan reports and
    the leak check looks for; a person gets the same surrogate in a folder name, a file name and a text."""
    from gdprscan.anonymize.text import apply_edits
    from gdprscan.scanner.path_names import component_findings

    keys = _name_parts(rels)
    texts = [part for part, _is_file in keys]
    extra = {i: component_findings(engine, part, is_file) for i, (part, is_file) in enumerate(keys)}
    plan = Rewriter(engine, actions).plan_many(texts, '(file names)', extra=extra)
    changed: dict[tuple[str, bool], str] = {}
    for i, text_edits in plan.items():
        new = _safe_name(apply_edits(texts[i], text_edits))
        if new != texts[i]:
            changed[keys[i]] = new
    if not changed:
        return {}
    out = {}
    for rel in rels:
        parts = rel.split('/')
        last = len(parts) - 1
        new_rel = '/'.join(changed.get((part, n == last), part) for n, part in enumerate(parts))
        if new_rel != rel:
            out[rel] = new_rel
    return out


def _renamed_count(names: dict[str, str]) -> int:
    """How many distinct files and folders :func:`renamed` gave a new name (a folder counts once)."""
    changed = set()
    for rel, new_rel in names.items():
        old_parts, new_parts = rel.split('/'), new_rel.split('/')
        for n, (old, new) in enumerate(zip(old_parts, new_parts, strict=True)):
            if old != new:
                changed.add('/'.join(old_parts[: n + 1]))
    return len(changed)


def _safe_name(name: str) -> str:
    """A surrogate usable as one path component (a redaction like '[PERSON]' is; '/' is not)."""
    name = name.replace('/', '_').replace('\0', '_')
    return name if name.strip(' .') else '_'


def _outside_links(source: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[FileReport]:
    """Symlinks in SOURCE that lead out of it: the walk never follows them (a link to /etc or to
    another share must not pull foreign files into the copy); each is named so none goes unnoticed."""
    from gdprscan.scanner.walk import DEFAULT_EXCLUDES
    from gdprscan.scanner.walk import matches

    root = source.resolve()
    excl = tuple(exclude) + DEFAULT_EXCLUDES
    out = []
    for dirpath, dirnames, filenames in os.walk(source, followlinks=False):
        rel_dir = Path(dirpath).relative_to(source).as_posix()
        rel_dir = '' if rel_dir == '.' else rel_dir + '/'
        dirnames[:] = [d for d in dirnames if not matches(rel_dir + d, excl)]
        for name in sorted(dirnames + filenames):
            rel = rel_dir + name
            path = Path(dirpath, name)
            if not path.is_symlink() or matches(rel, excl) or (include and not matches(rel, include)):
                continue
            try:
                inside = path.resolve().is_relative_to(root)
            except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a link loop
                out.append(FileReport(rel, 'skipped', reason='symbolic link loop'))
                continue
            if not inside:
                out.append(
                    FileReport(rel, 'skipped', reason='symbolic link to outside SOURCE (not followed)')
                )
    return out


_worker: tuple[Actions, object, bool] | None = None


def _in_worker(job: tuple[Path, Path, str]) -> FileReport:
    assert _worker is not None
    actions, engine, copy_unscanned = _worker
    return anonymize_file(*job, actions, engine, copy_unscanned)


def _run(
    jobs: list[tuple[Path, Path, str]],
    actions: Actions,
    engine: object,
    workers: int | None,
    copy_unscanned: bool = False,
) -> Iterator[FileReport]:
    """Reports of ``jobs`` in order; in forked worker processes when the tree is big enough (the
    same rule as the scanner: a pool costs more than it saves on a few small files). The workers
    inherit the key in memory through fork; it is never pickled or written."""
    global _worker
    from gdprscan.scanner.engine import POOL_MIN_BYTES
    from gdprscan.scanner.engine import POOL_MIN_FILES
    from gdprscan.scanner.engine import default_workers

    workers = workers or default_workers()
    size = sum(_size(p) for p, _t, _r in jobs)
    if workers < 2 or len(jobs) < 2 or (len(jobs) < POOL_MIN_FILES and size < POOL_MIN_BYTES):
        for job in jobs:
            yield anonymize_file(*job, actions, engine, copy_unscanned)
        return
    _worker = (actions, engine, copy_unscanned)
    try:
        ctx = multiprocessing.get_context('fork')
        with ctx.Pool(workers, initializer=_ignore_sigint) as pool:
            chunk = max(1, min(16, len(jobs) // (workers * 8) or 1))
            yield from pool.imap(_in_worker, jobs, chunksize=chunk)
    finally:
        _worker = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the file itself is handled


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def anonymize_file(
    path: Path, target: Path, rel: str, actions: Actions, engine: object, copy_unscanned: bool = False
) -> FileReport:
    """Rewrite one file to ``target``; errors become the report's one-line reason (never raised).

    Nothing is opened before it is known to be a regular file: a FIFO would block forever, a
    device never ends, and a dangling symlink has nothing to copy; they are skipped with a reason.
    """
    from gdprscan.scanner.engine import FileTimeout
    from gdprscan.scanner.engine import _deadline
    from gdprscan.scanner.extractors.encoding import looks_binary

    partial = target.with_name(f'.{target.name}.partial')
    try:
        kind = _not_regular(path)
        if kind is not None:
            return FileReport(rel, 'skipped', reason=kind)
        if archives.is_archive(path) and path.stat().st_size > 0:  # dump.csv.gz, export.zip: rewritten inside
            return archives.rewrite(path, target, rel, actions, engine)
        writer = writer_for(path)
        if writer is not None and writer.__name__ == 'write_text':
            with path.open('rb') as f:
                if looks_binary(f.read(1 << 16)):
                    writer = None
        if path.stat().st_size == 0:  # nothing to replace: an empty file stays an empty file
            _write_empty(path, target)
            return FileReport(rel, 'copied')
        if writer is None:
            return _copy_if_clean(path, target, rel, engine, copy_unscanned)
        limits = engine.settings.limits  # type: ignore[attr-defined]
        size = path.stat().st_size
        cap = limits.max_text_file_size if writer in STREAMING else limits.max_file_size
        if size > cap:
            return FileReport(rel, 'error', reason=f'file too large ({size} bytes > {cap})')
        rewriter = Rewriter(engine, actions)
        ctx = Context(rewriter, actions.policy, rel)
        # A workbook without findings is copied as it is, never loaded whole (see copy_xlsx_if_clean).
        if writer is not write_xlsx or not copy_xlsx_if_clean(path, partial, ctx, engine):
            with _deadline(limits.file_timeout):
                writer(path, partial, ctx)
        shutil.copystat(path, partial, follow_symlinks=True)
        os.replace(partial, target)
    except FileTimeout:
        partial.unlink(missing_ok=True)
        return FileReport(rel, 'error', reason=f'timed out after {engine.settings.limits.file_timeout:g} s')  # type: ignore[attr-defined]
    except Exception as e:  # one broken file never stops the copy; its reason, never its content
        partial.unlink(missing_ok=True)
        return FileReport(rel, 'error', reason=_reason(e, path, rel, engine))
    status = 'rewritten' if rewriter.counts else 'copied'
    return FileReport(rel, status, dict(rewriter.counts), notes=ctx.notes, columns=frozenset(ctx.columns))


#: Writers that stream (memory flat in the file size): they get the scanner's larger text-file limit.
STREAMING = (write_text, write_delimited, write_jsonl)


def _not_regular(path: Path) -> str | None:
    """Why ``path`` (followed if a symlink) is no regular file to copy, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return 'broken symbolic link (its target does not exist)'
        raise
    except OSError as e:
        if e.errno == errno.ELOOP:
            return 'symbolic link loop'
        raise
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISFIFO, 'named pipe (FIFO)'),
        (stat.S_ISSOCK, 'socket'),
        (stat.S_ISCHR, 'character device'),
        (stat.S_ISBLK, 'block device'),
        (stat.S_ISDIR, 'folder'),
    ):
        if test(mode):
            return f'special file: {name}'
    return 'special file'


def _copy_if_clean(
    path: Path, target: Path, rel: str, engine: object, copy_unscanned: bool = False
) -> FileReport:
    """Copy a file no writer can rewrite only when the scanner read all of it and found nothing in it
    (a ZIP of clean files, a clean ``.gz``). A file the scanner skips (binary, unsupported, SQLite)
    is left out: "nothing found" would mean "nothing looked at"; ``copy_unscanned``
    (``--copy-unscanned``) copies such files unchanged, with a note. An archive with a member that
    could not be read is always left out: the leak check could not read its copy either."""
    from gdprscan.scanner.extractors import skip_reason
    from gdprscan.scanner.walk import Candidate

    result = engine.scan_file(Candidate(path, rel))  # type: ignore[attr-defined]
    if result.error:  # an archive not read completely: its copy could not be checked for leaks either
        return FileReport(rel, 'error', reason=f'not completely scanned ({result.error})')
    unread = f'not scanned ({skip_reason(path)})' if result.skipped else None
    if unread and not copy_unscanned:
        return FileReport(rel, 'error', reason=unread + '; --copy-unscanned copies it unchanged')
    inside = [f for f in result.findings if not f.location.get('file_name')]  # a name is replaced anyway
    if inside:
        return FileReport(
            rel,
            'error',
            reason=f'{len(inside)} finding(s) and no writer for this format: left out of the copy',
        )
    partial = target.with_name(f'.{target.name}.partial')
    try:
        shutil.copy2(path, partial)
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    notes = [f'{unread}; copied unchanged (--copy-unscanned)'] if unread else []
    return FileReport(rel, 'copied', notes=notes)


def _write_empty(path: Path, target: Path) -> None:
    """An empty file at ``target`` with ``path``'s mode and times (a new file, never a copy of
    ``path``: it may have been filled meanwhile)."""
    partial = target.with_name(f'.{target.name}.partial')
    try:
        partial.write_bytes(b'')
        shutil.copystat(path, partial, follow_symlinks=True)
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _reason(e: Exception, path: Path | None = None, rel: str = '', engine: object = None) -> str:
    """One line for a file the writer could not copy; in the scanner's words when the scanner cannot
    read it either ('encrypted document (password-protected PDF)', not the parser's exception name)."""
    from gdprscan.scanner.types import ExtractError

    if isinstance(e, OSError) and not isinstance(e, UnicodeError):
        return e.strerror or type(e).__name__
    if path is not None and engine is not None:  # a scan of the same file says it the same way
        from gdprscan.scanner.walk import Candidate

        try:
            said = engine.scan_file(Candidate(path, rel)).error  # type: ignore[attr-defined]
        except Exception:  # scan_file never raises for a bad file; anything else: the writer's line
            said = None
        if said:
            return str(said)
    if isinstance(e, ExtractError):
        return str(e) or type(e).__name__
    if isinstance(e, UnicodeError):
        return f'undecodable text ({type(e).__name__})'
    if isinstance(e, ImportError):  # an install without an optional part: say which
        return f'needs the Python module {e.name or "?"}, which is not installed'
    return f'unreadable or unwritable ({type(e).__name__})'
