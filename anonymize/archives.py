"""Pseudonymised copies of ``.gz`` files and ``.zip`` archives: each inner file rewritten by its writer.

``dump.csv.gz`` and ``export_2024.zip`` hold the same payroll exports as the share itself; leaving
them out of a dev/test copy loses data, copying them raw leaks it. So the inner files are unpacked,
within the scanner's limits (:mod:`gdprscan.scanner.extractors.gzipped`, the zip guard), into a
private temporary folder, rewritten one by one exactly as files of the tree are
(:func:`gdprscan.anonymize.files.anonymize_file`: same writers, policy, surrogates and rules for
files without a writer), and packed again. A member whose name holds personal data is renamed as a
file of the tree would be. When one inner file cannot be rewritten or copied, the whole archive is
left out with that member's reason (by number and suffix, never by name): half an archive is not
a copy of it. Nested archives are not opened (one level, as the scan reads them). ``--copy-unscanned``
does not apply inside an archive: the leak check could not read such a member in the copy either.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from gdprscan.scanner.types import ExtractError

_SAFE_SUFFIX = re.compile(r'\.[a-z0-9]{1,10}')
_CHUNK = 1 << 20


def is_archive(path: Path) -> bool:
    """A ``.zip`` or a one-file ``.gz`` (not ``.tar.gz``): the formats the scanner reads inside."""
    suffix = path.suffix.lower()
    if suffix == '.gz':
        return Path(path.stem).suffix.lower() != '.tar'
    return suffix == '.zip'


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if _SAFE_SUFFIX.fullmatch(suffix) else ''


def rewrite(path: Path, target: Path, rel: str, actions: Any, engine: Any) -> Any:
    """The copy of archive ``path`` at ``target``; a :class:`~gdprscan.anonymize.files.FileReport`."""
    from gdprscan.anonymize.files import FileReport

    partial = target.with_name(f'.{target.name}.partial')
    size, cap = path.stat().st_size, engine.settings.limits.max_file_size
    if path.suffix.lower() == '.zip' and size > cap:  # as the scan refuses it
        return FileReport(rel, 'error', reason=f'file too large ({size} bytes > {cap})')
    try:
        with tempfile.TemporaryDirectory(prefix='gdprscan-archive-') as tmp:
            if path.suffix.lower() == '.gz':
                report = _gzip(path, partial, rel, Path(tmp), actions, engine)
            else:
                report = _zip(path, partial, rel, Path(tmp), actions, engine)
        if report.status in ('rewritten', 'copied'):
            shutil.copystat(path, partial, follow_symlinks=True)
            os.replace(partial, target)
        return report
    except ExtractError as e:
        return FileReport(rel, 'error', reason=str(e) or type(e).__name__)
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        return FileReport(rel, 'error', reason=f'unreadable or unwritable archive ({type(e).__name__})')
    finally:
        partial.unlink(missing_ok=True)


def _gzip(path: Path, partial: Path, rel: str, tmp: Path, actions: Any, engine: Any) -> Any:
    from gdprscan.anonymize.files import anonymize_file
    from gdprscan.scanner.extractors.gzipped import _decompress

    suffix = _suffix(path.stem)
    plain, out = tmp / f'in{suffix}', tmp / f'out{suffix}'
    _decompress(path, plain, engine.settings.limits.max_unzipped_size)
    report = anonymize_file(plain, out, rel, actions, engine)  # never unscanned: see the module doc
    report.source = rel
    if report.status in ('rewritten', 'copied'):
        with out.open('rb') as src, partial.open('wb') as raw:
            # no file name in the header: the inner name may hold personal data
            with gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=0) as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
    return report


def _zip(path: Path, partial: Path, rel: str, tmp: Path, actions: Any, engine: Any) -> Any:
    from gdprscan.anonymize.files import FileReport
    from gdprscan.anonymize.files import anonymize_file
    from gdprscan.anonymize.files import renamed
    from gdprscan.scanner.extractors import zipguard
    from gdprscan.scanner.extractors.archive import ARCHIVE_SUFFIXES

    members = zipguard.check(path, 'zip archive')  # an encrypted member cannot be rewritten: refused
    files = [info.filename for info in members if not info.is_dir()]
    names = renamed(files, actions, engine) if files else {}
    counts: dict[tuple[str, str], int] = {}
    notes: list[str] = []
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(partial, 'w', zipfile.ZIP_DEFLATED) as new:
        for n, info in enumerate(members, start=1):
            name = names.get(info.filename, info.filename)
            if info.is_dir():
                new.writestr(zipfile.ZipInfo(name, info.date_time), b'')
                continue
            suffix = _suffix(info.filename)
            where = f'member {n} ({suffix or "no suffix"})'
            if suffix in ARCHIVE_SUFFIXES:
                return FileReport(
                    rel, 'error', reason=f'{where}: nested archive (archives are read one level deep)'
                )
            plain, out = tmp / f'in-{n}{suffix}', tmp / f'out-{n}{suffix}'
            with zf.open(info) as src, plain.open('wb') as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
            report = anonymize_file(plain, out, f'{rel}/{info.filename}', actions, engine)
            plain.unlink()
            if report.status not in ('rewritten', 'copied'):
                why = (report.reason or report.status).removesuffix('; --copy-unscanned copies it unchanged')
                return FileReport(rel, 'error', reason=f'{where}: {why}')
            for key, k in report.counts.items():
                counts[key] = counts.get(key, 0) + k
            notes += [f'{where}: {note}' for note in report.notes]
            zinfo = zipfile.ZipInfo(name, info.date_time)
            zinfo.compress_type, zinfo.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            with out.open('rb') as src, new.open(zinfo, 'w') as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
            out.unlink()
    renamed_count = sum(1 for old, new_name in names.items() if old != new_name)
    status = 'rewritten' if counts or renamed_count else 'copied'
    return FileReport(rel, status, counts, notes=notes)
