"""The engine: runs recognisers over text units and turns matches into findings.

Speed: units are joined into batches of about 256 KiB (cells of a CSV, blocks of
a text file) so each recogniser's regex runs once per batch, not once per cell;
matches are mapped back to their unit by offset. A NUL separator keeps matches
from crossing units.

Errors: this is the one place where a source's failure is caught. An
:class:`ExtractError` or ``OSError`` becomes the file's one-line error; any other
exception from a third-party parser becomes ``internal error (TypeName)``, so
one broken file never stops a scan of a hundred thousand.
"""

from __future__ import annotations

import bisect
import itertools
import multiprocessing
import operator
import os
import re
import signal
import threading
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from gdprscan import recognizers
from gdprscan.classifiers.categories import classify
from gdprscan.recognizers.base import CONTEXT_SCORE
from gdprscan.recognizers.base import COUNTER_SCORE
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Recognizer
from gdprscan.recognizers.base import context_words
from gdprscan.recognizers.base import find_context
from gdprscan.recognizers.be_national_number import OFFICIAL_EVIDENCE
from gdprscan.recognizers.prefilter import Prefilter
from gdprscan.scanner import extractors
from gdprscan.scanner import limits as limits_mod
from gdprscan.scanner import signals
from gdprscan.scanner import tables
from gdprscan.scanner.overlaps import resolve_overlaps
from gdprscan.scanner.types import TRACK_LINE
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import FileResult
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit
from gdprscan.scanner.walk import Candidate

PRAGMA = 'gdprscan: allow'
#: Column headers such as national_number or invoice-no are read as words.
_HEADER_SEPARATORS = re.compile(r'[_\-.]+')
SEP = '\x00'
BATCH_CHARS = 256 * 1024
BATCH_UNITS = 4096


@dataclass(frozen=True)
class Settings:
    """What a scan does; picklable, so worker processes get the same."""

    profile: str = 'identifiers'
    entities: tuple[str, ...] | None = None
    min_score: float = 0.0
    lang: str | None = None
    limits: limits_mod.Limits = field(default_factory=limits_mod.Limits)
    extra_recognizer_files: tuple[str, ...] = ()


class FileTimeout(Exception):
    """A file took longer than ``Limits.file_timeout``."""


class Engine:
    """Recognisers loaded once per process; ``detect`` and ``scan_file`` use them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        limits_mod.configure(settings.limits)
        recs = recognizers.load(settings.profile, settings.entities)
        if settings.extra_recognizer_files:
            from gdprscan.recognizers import yaml_patterns

            for path in settings.extra_recognizer_files:
                recs.extend(yaml_patterns.load_file(path))
        self.recognizers: list[Recognizer] = recs
        self._words = {id(r): context_words(r.CONTEXT, settings.lang) for r in recs}
        self._counter = {
            id(r): context_words(getattr(r, 'NEGATIVE_CONTEXT', {}), settings.lang) for r in recs
        }
        self._column_boost: dict[tuple[int, str, bool], str | None] = {}
        #: _boost of a match at the very start of its unit, per recogniser, column and score: only the
        #: column header can raise or lower it, and an HR export has thousands of such cells per column.
        self._cell_start_boost: dict[tuple[int, str | None, float, bool], Match] = {}
        #: The full profile's stage (names, addresses, birth dates, special categories, tables):
        #: ``begin(source)``, ``process(batch, per_unit) -> per_unit``, ``finish(source) -> findings``.
        self.stage: Any = None
        if settings.profile == 'full':
            from gdprscan.scanner.full_profile import FullProfile

            self.stage = FullProfile(settings, self)

    # -- detection -------------------------------------------------------------------------
    def detect(self, units: Iterable[TextUnit], source: str) -> list[Finding]:
        """Findings in ``units`` (a source's text), in order."""
        findings: list[Finding] = []
        batch: list[TextUnit] = []
        size = 0
        if self.stage is not None:
            self.stage.begin(source)
        append = batch.append
        try:
            for unit in units:
                append(unit)
                size += len(unit.text) + 1
                if size >= BATCH_CHARS or len(batch) >= BATCH_UNITS:
                    findings.extend(self._detect_batch(batch, source))
                    batch, size = [], 0
                    append = batch.append
        except ExtractError as e:  # keep what was read before the failure (a mail body, pages 1-4)
            partial = findings + (self._detect_batch(batch, source) if batch else [])
            if self.stage is not None:  # the full profile's table columns (names under 'Naam') count too
                partial = self.stage.finish(source, partial)
            e.partial = partial  # type: ignore[attr-defined]
            raise
        if batch:
            findings.extend(self._detect_batch(batch, source))
        if self.stage is not None:
            findings = self.stage.finish(source, findings)
        return findings

    def _detect_batch(self, batch: Sequence[TextUnit], source: str) -> list[Finding]:
        texts = [u.text for u in batch]
        text = SEP.join(texts)
        # Offset of each unit in ``text``: the lengths plus one separator each, summed in C.
        starts = [0, *itertools.accumulate(map(operator.add, map(len, texts), itertools.repeat(1)))]
        starts.pop()
        prefilter = self.prefilter()
        per_unit: dict[int, list[Match]] = {}
        min_score = self.settings.min_score
        for rec, m in prefilter.matches(text):
            i = bisect.bisect_right(starts, m.start) - 1
            lo = starts[i]
            if m.end > lo + len(batch[i].text):
                continue  # crossed a unit boundary
            m = self._boost(rec, text, m, lo, batch[i].location.get('column'))
            if m.score >= min_score:
                per_unit.setdefault(i, []).append(
                    Match(m.entity, m.start - lo, m.end - lo, m.score, m.recognizer, m.evidence)
                )
        if self.stage is not None:
            per_unit = self.stage.process(batch, per_unit)
        out: list[Finding] = []
        for i in sorted(per_unit):
            unit = batch[i]
            lines = _Lines(unit.text)
            for m in resolve_overlaps(per_unit[i]):
                out.append(self.finding(unit, m, source, lines))
        return out

    def prefilter(self) -> Prefilter:
        """The recognisers' shared prefilter, rebuilt when the recogniser list was changed."""
        prefilter = self.__dict__.get('_prefilter')
        if prefilter is None or prefilter.recognizers != self.recognizers:
            prefilter = self.__dict__['_prefilter'] = Prefilter(self.recognizers)
        return prefilter

    def _boost(self, rec: Recognizer, text: str, m: Match, lo: int, column: object) -> Match:
        """Raise the score on a context word before the match or in the column header; lower it on a
        counter-context word (invoice, order, ...) when there is no context word."""
        if m.score >= CONTEXT_SCORE:
            return m
        if m.start == lo and (not m.evidence or m.evidence is OFFICIAL_EVIDENCE):
            # Nothing before it in its unit: the column alone decides.
            key = (id(rec), column if isinstance(column, str) else None, m.score, bool(m.evidence))
            boosted = self._cell_start_boost.get(key)
            if boosted is None:
                boosted = self._cell_start_boost[key] = self._boost_uncached(rec, text, m, lo, column)
            if boosted is m:
                return m
            if boosted.score == m.score and boosted.evidence == m.evidence:
                return m
            return Match(m.entity, m.start, m.end, boosted.score, m.recognizer, boosted.evidence)
        return self._boost_uncached(rec, text, m, lo, column)

    def _boost_uncached(self, rec: Recognizer, text: str, m: Match, lo: int, column: object) -> Match:
        word = self._context(rec, text, m, lo, column, counter=False)
        if word is not None:
            return Match(
                m.entity, m.start, m.end, CONTEXT_SCORE, m.recognizer, {**m.evidence, 'context': word}
            )
        word = self._context(rec, text, m, lo, column, counter=True)
        if word is not None and m.score > COUNTER_SCORE and not m.evidence.get('official_form'):
            evidence = {**m.evidence, 'counter_context': word}
            return Match(m.entity, m.start, m.end, COUNTER_SCORE, m.recognizer, evidence)
        return m

    def _context(
        self, rec: Recognizer, text: str, m: Match, lo: int, column: object, counter: bool
    ) -> str | None:
        words = (self._counter if counter else self._words)[id(rec)]
        if not words:
            return None
        word = find_context(text, m.start, words, lo=lo)
        if word is not None:
            return word
        if not isinstance(column, str):
            return None
        key = (id(rec), column, counter)
        if key not in self._column_boost:
            header = _HEADER_SEPARATORS.sub(' ', column)
            self._column_boost[key] = find_context(header, len(header), words, window=len(header))
        return self._column_boost[key]

    def finding(self, unit: TextUnit, m: Match, source: str, lines: _Lines | None = None) -> Finding:
        """A finding for match ``m`` (offsets into ``unit.text``); ``lines`` counts lines incrementally."""
        location = dict(unit.location)
        text = unit.text
        lines = lines or _Lines(text)
        lines.advance(m.start)
        if unit.track in (TRACK_LINE, TRACK_LINE_COLUMN) and 'line' in location:
            location['line'] += lines.count
            if unit.track == TRACK_LINE_COLUMN:  # a unit may start mid-line, at location['column']
                base = unit.location.get('column', 1) - 1 if lines.count == 0 else 0
                location['column'] = m.start - lines.line_start + 1 + base
        suppressed = 'pragma' if unit.pragma or lines.pragma_on_line(m.start, m.end) else None
        cats, article = classify(m.entity)
        return Finding(
            source=source,
            location=location,
            entity=m.entity,
            categories=cats,
            article=article,
            score=m.score,
            recognizer=m.recognizer,
            value=text[m.start : m.end],
            evidence=dict(m.evidence),
            suppressed=suppressed,
        )

    # -- files -----------------------------------------------------------------------------
    def scan_file(self, cand: Candidate) -> FileResult:
        """Findings of one file and of its name, or its one-line error; never raises for a bad file."""
        path, source = cand.path, cand.source
        names = self.name_findings(path, source)
        try:
            extractor = extractors.for_path(path)
            if extractor is None:
                return FileResult(source, names, skipped='binary')
            size = path.stat().st_size
            lim = self.settings.limits
            cap = lim.max_text_file_size if getattr(extractor, 'STREAMS', False) else lim.max_file_size
            if size > cap:
                return FileResult(source, names, error=f'file too large ({size} bytes > {cap})', size=size)
            if size == 0:  # no data in any format: no error to chase (a 0-byte .docx is not "corrupt")
                return FileResult(source, names, size=0)
            with _deadline(lim.file_timeout):
                if self.stage is None and hasattr(extractor, 'extract_blocks'):
                    findings = tables.detect_blocks(self, extractor.extract_blocks(path), source)
                else:
                    findings = self.detect(extractor.extract(path), source)
            return FileResult(source, names + findings, size=size)
        except ExtractError as e:
            if type(e).__name__ == 'BinaryFile':
                return FileResult(source, names, skipped='binary')
            partial = names + list(getattr(e, 'partial', []))
            return FileResult(source, partial, error=str(e) or type(e).__name__)
        except FileTimeout:
            return FileResult(source, names, error=f'timed out after {self.settings.limits.file_timeout:g} s')
        except OSError as e:
            return FileResult(source, names, error=e.strerror or type(e).__name__)
        except (MemoryError, RecursionError) as e:
            return FileResult(source, names, error=f'too complex to read ({type(e).__name__})')
        except Exception as e:  # a third-party parser's own exception: report, go on
            return FileResult(source, names, error=f'unreadable ({type(e).__name__})')

    def name_findings(self, path: Path, source: str) -> list[Finding]:
        """Findings in the file and folder names of ``source`` (``dossiers/Marie Dubois/loonfiche
        85.07.30-033.28.pdf``), located as ``{"file_name": true}``: a name travels into every listing,
        backup and e-mail. See :mod:`gdprscan.scanner.path_names`."""
        from gdprscan.scanner import path_names

        return path_names.name_findings(self, source)


class _Lines:
    """Line number and line start of offsets in increasing order, counted incrementally.

    Also answers "is there an allow pragma on this line" while scanning the unit for the
    pragma only once: a 1 MB single-line file with thousands of findings stays linear.
    """

    __slots__ = ('text', 'pos', 'count', 'line_start', '_has_pragma')

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.count, self.line_start = text, 0, 0, 0
        self._has_pragma: bool | None = None

    def advance(self, offset: int) -> None:
        if offset < self.pos:
            self.pos, self.count, self.line_start = 0, 0, 0
        self.count += self.text.count('\n', self.pos, offset)
        nl = self.text.rfind('\n', self.pos, offset)
        if nl >= 0:
            self.line_start = nl + 1
        self.pos = offset

    def newlines_before(self, offset: int) -> int:
        self.advance(offset)
        return self.count

    def pragma_on_line(self, start: int, end: int) -> bool:
        """True when the line holding ``start``..``end`` carries the allow pragma."""
        if self._has_pragma is None:
            self._has_pragma = tables.has_pragma(self.text)
        if not self._has_pragma:
            return False
        line_start = self.text.rfind('\n', 0, start) + 1
        line_end = self.text.find('\n', end)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        return PRAGMA in line.lower()


class _deadline:
    """Raise :class:`FileTimeout` in the main thread after ``seconds`` (no-op elsewhere)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = seconds > 0 and threading.current_thread() is threading.main_thread()

    def __enter__(self) -> None:
        if self.active:
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)

    @staticmethod
    def _fire(signum: int, frame: Any) -> None:
        raise FileTimeout


# -- many files, optionally in worker processes ---------------------------------------------
_worker_engine: Engine | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_engine
    signals.worker_init()
    _worker_engine = Engine(settings)


def _scan_in_worker(cand: Candidate) -> FileResult:
    assert _worker_engine is not None
    return _worker_engine.scan_file(cand)


#: Below this many files (and bytes) a pool costs more than it saves.
POOL_MIN_FILES = 64
POOL_MIN_BYTES = 8 * 1024 * 1024


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else (os.cpu_count() or 1)


def scan_files(
    candidates: Sequence[Candidate],
    settings: Settings,
    workers: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """FileResults of ``candidates`` in order, in ``workers`` processes when it pays off."""
    workers = workers or default_workers()
    use_pool = (
        workers > 1
        and len(candidates) > 1
        and (len(candidates) >= POOL_MIN_FILES or _total_size(candidates) >= POOL_MIN_BYTES)
    )
    if not use_pool:
        engine = Engine(settings)
        for cand in candidates:
            yield engine.scan_file(cand)
        return
    Engine(settings)  # fail here, once, on a bad recogniser file or plugin: a failing worker respawns forever
    ctx = multiprocessing.get_context('fork')
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        chunk = max(1, min(16, len(candidates) // (workers * 8) or 1))
        yield from pool.imap(_scan_in_worker, candidates, chunksize=chunk)


def _total_size(candidates: Sequence[Candidate]) -> int:
    total = 0
    for c in candidates:
        try:
            total += c.path.stat().st_size
        except OSError:
            pass
        if total >= POOL_MIN_BYTES:
            break
    return total


def scan_time() -> float:
    return time.perf_counter()
