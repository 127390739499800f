"""The leak check: how many original personal values still occur anywhere in the copy.

The values come from the SOURCE's findings (or, at the end of ``gdprscan anonymize``, from what
was just replaced); DEST is read through the scanner's own extractors, so the check sees what a
scan sees. Numbers are compared with their separators removed on both sides (``85.07.30-033.28``
is found as ``85073003328``), other values case-insensitively with whitespace collapsed and on
word boundaries. Values shorter than 4 characters and bare birth dates are not counted (too common
to mean anything: surrogates of other people match them by chance). One-word names and places
(``Peeters`` in a ``last`` column) are searched only in the copy of the file SOURCE had them in: a
name list in split columns copied unchanged is a leak, while the same surname elsewhere in the copy
is as likely a surrogate of someone else (surrogates come from the same name lists).
Given the key, a value that is also the surrogate of another value is not counted either (for a
one-word name: also a word of another value's surrogate, ``Wilford`` of ``Sophia Wilford``): a
surrogate drawn from the valid space can equal another person's original by chance.
Only counts and locations leave this module, never a value: a location whose own name holds an
original value is reported with that value masked (``LEAK loonfiche **.**.**-***.28.txt``).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from gdprscan.classifiers.categories import special_entities

MIN_CHARS = 4
CHUNK = 400
_SEPARATORS = re.compile(r'[\s.\-/()+]')


@dataclass
class LeakReport:
    """Leak counts per DEST location and entity; no values."""

    checked_values: int = 0
    leaks: dict[tuple[str, str], int] = field(default_factory=dict)  # (location, entity) -> occurrences
    leaked_values: int = 0  # distinct original values found somewhere in DEST
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.leaked_values

    def relocated(self, old: str, new: str) -> LeakReport:
        """The same report with location ``old`` (a temporary copy) named ``new`` (where it goes)."""

        def move(location: str) -> str:
            return (
                new + location[len(old) :] if location == old or location.startswith(old + '/') else location
            )

        return LeakReport(
            self.checked_values,
            {(move(loc), entity): n for (loc, entity), n in self.leaks.items()},
            self.leaked_values,
            [(move(loc), reason) for loc, reason in self.errors],
        )


def _is_number(value: str) -> bool:
    return sum(c.isdigit() for c in value) >= 6


def _squash(text: str) -> str:
    return _SEPARATORS.sub('', text).lower()


def _words(text: str) -> str:
    return ' '.join(text.lower().split())


#: Not searched: a bare date or a single first name / city identifies nobody, and surrogates of other
#: people (same year, names from the same lists) would match them by chance.
SKIP_ENTITIES = frozenset({'DATE_OF_BIRTH'})
SINGLE_WORD_SKIP = frozenset({'PERSON', 'LOCATION'})
#: Above this many needles of a kind, windows of the text are looked up in a set instead of a regex.
REGEX_MAX = 2000


class Needles:
    """The original values, normalised; found by regex (few) or by set look-ups of windows (many)."""

    def __init__(
        self,
        values: Iterable[tuple[str, str]],
        ignore: Iterable[tuple[str, str]] = (),
        single_words: bool = False,
    ) -> None:
        """``single_words``: also search one-word names and places (for the copy of their own file)."""
        numbers: dict[str, str] = {}
        words: dict[str, str] = {}
        for entity, value in values:
            if entity in SKIP_ENTITIES:
                continue
            if _is_number(value):
                key = _squash(value)
                if len(key) >= MIN_CHARS:
                    numbers.setdefault(key, entity)
            else:
                key = _words(value)
                if len(key) >= MIN_CHARS and (single_words or ' ' in key or entity not in SINGLE_WORD_SKIP):
                    words.setdefault(key, entity)
        self._ignore: set[str] = set()
        for _entity, value in ignore:  # surrogates that happen to equal an original: ambiguous, not counted
            numbers.pop(_squash(value), None)
            words.pop(_words(value), None)
            self._ignore.add(_words(value))
        self.numbers, self.words = numbers, words
        self._num_lengths = sorted({len(k) for k in numbers})
        self._word_counts = sorted({k.count(' ') + 1 for k in words})
        self._num_res = (
            _compile(sorted(numbers, key=len, reverse=True), False) if len(numbers) <= REGEX_MAX else None
        )
        self._word_res = (
            _compile(sorted(words, key=len, reverse=True), True) if len(words) <= REGEX_MAX else None
        )

    def __len__(self) -> int:
        return len(self.numbers) + len(self.words)

    def find(self, text: str) -> list[tuple[str, str]]:
        """(normalised value, entity) of every occurrence in ``text`` (none when ``text`` as a whole
        is a known surrogate: a cell 'Van De Smedt' does not leak an original 'De Smedt')."""
        hits: list[tuple[str, str]] = []
        if self._ignore and _words(text) in self._ignore:
            return hits
        if self.numbers:
            squashed = _squash(text)
            if self._num_res is not None:
                for rx in self._num_res:
                    hits.extend((m.group(), self.numbers[m.group()]) for m in rx.finditer(squashed))
            else:
                for n in self._num_lengths:
                    for i in range(len(squashed) - n + 1):
                        window = squashed[i : i + n]
                        if window in self.numbers:
                            hits.append((window, self.numbers[window]))
        if self.words:
            flat = _words(text)
            if self._word_res is not None:
                for rx in self._word_res:
                    hits.extend((m.group(), self.words[m.group()]) for m in rx.finditer(flat))
            else:
                tokens = flat.split(' ')
                for n in self._word_counts:
                    for i in range(len(tokens) - n + 1):
                        window = ' '.join(tokens[i : i + n])
                        if window in self.words:
                            hits.append((window, self.words[window]))
        return hits


def _compile(keys: list[str], boundary: bool) -> list[re.Pattern[str]]:
    out = []
    for i in range(0, len(keys), CHUNK):
        body = '|'.join(re.escape(k) for k in keys[i : i + CHUNK])
        out.append(re.compile(rf'(?<!\w)(?:{body})(?!\w)' if boundary else f'(?:{body})'))
    return out


#: DEST is read in pieces of about this many characters, so a huge copy is checked with flat memory;
#: pieces of raw bytes overlap by OVERLAP characters, so no value is cut in two at a boundary.
PIECE = 4 << 20
OVERLAP = 256


def dest_texts(dest: Path) -> Iterable[tuple[str, str | None, str | None]]:
    """(location, text, error) for every file of DEST, read by the scanner's extractors, its path
    first; a big file comes as several pieces with the same location. FIFOs, sockets and devices
    are not opened (a FIFO blocks forever): they hold no copied data."""
    from gdprscan.scanner import extractors
    from gdprscan.scanner import limits
    from gdprscan.scanner.types import ExtractError
    from gdprscan.scanner.walk import walk

    unlisted: list[tuple[str, str]] = []
    for cand in walk([str(dest)], default_excludes=False, errors=unlisted):
        yield cand.source, cand.source, None  # the path itself: a name can leak as well as a content
        try:
            if _special(cand.path) or _empty(cand.path):  # an empty file holds nothing but its name
                continue
            extractor = extractors.for_path(cand.path)
            if extractor is None:
                yield from _raw(cand.source, cand.path)
                continue
            size, lim = cand.path.stat().st_size, limits.current()
            cap = lim.max_text_file_size if getattr(extractor, 'STREAMS', False) else lim.max_file_size
            if size > cap:  # the scanner's own limit: a parser is not handed a file it would choke on
                yield cand.source, None, f'file too large ({size} bytes > {cap})'
                continue
            yield from _unit_pieces(cand.source, extractor.extract(cand.path))
        except ExtractError as e:
            if type(e).__name__ == 'BinaryFile':
                yield from _raw(cand.source, cand.path)
                continue
            yield cand.source, None, str(e) or type(e).__name__
            continue
        except Exception as e:  # a copy the scanner cannot read is reported, the check goes on
            yield cand.source, None, f'unreadable ({type(e).__name__})'
    for location, reason in unlisted:  # a folder never listed is a folder never checked
        yield location, None, f'folder unreadable ({reason})'


def _special(path: Path) -> bool:
    """True for a FIFO, socket or device (followed if a symlink); a dangling link is read, and fails."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _raw(location: str, path: Path) -> Iterator[tuple[str, str | None, str | None]]:
    """A binary file's bytes as latin-1 text, in overlapping pieces: still searched, never held whole
    (a value inside an overlap may be counted twice in the occurrences, never missed)."""
    tail = ''
    try:
        with path.open('rb') as f:
            while block := f.read(PIECE):
                text = tail + block.decode('latin-1')
                yield location, text, None
                tail = text[-OVERLAP:]
    except OSError as e:
        yield location, None, e.strerror or type(e).__name__


def _unit_pieces(location: str, units: Iterable[Any]) -> Iterator[tuple[str, str | None, str | None]]:
    buf: list[str] = []
    size = 0
    for u in units:
        buf.append(u.text)
        size += len(u.text)
        if size >= PIECE:
            yield location, '\n'.join(buf), None
            buf, size = [], 0
    if buf:
        yield location, '\n'.join(buf), None


#: Special categories are words ("burn-out", "ACV") that a policy text or another person's record may
#: hold too: they count only in the file where SOURCE had them about a person. So do one-word names
#: and places (see the module docstring).


def _single_word(entity: str, value: str) -> bool:
    """A one-word name or place: searched only in the copy of its own file."""
    return entity in SINGLE_WORD_SKIP and ' ' not in _words(value) and not _is_number(value)


def check(
    values: Iterable[tuple[str, ...]], dest: Path, ignore: Iterable[tuple[str, str]] = ()
) -> LeakReport:
    """Search DEST for the original ``values``: (entity, value) pairs, or (entity, value, file) where
    ``file`` is the path relative to SOURCE (= DEST); ``ignore``: surrogates of the values."""
    ignore = set(ignore)
    general: list[tuple[str, str]] = []
    per_file: dict[str, list[tuple[str, str]]] = {}
    for v in values:
        if len(v) > 2 and (v[0] in special_entities() or _single_word(v[0], v[1])):
            per_file.setdefault(v[2], []).append((v[0], v[1]))
        else:
            general.append((v[0], v[1]))
    needles = Needles(general, ignore)
    if not dest.is_dir():  # one file copied to another name: its values are its own
        per_file = {str(dest): [v for vs in per_file.values() for v in vs]} if per_file else {}
    # a one-word name is no leak where it is a word of the surrogate of another name or address
    words = {(e, w) for e, v in ignore if e in SINGLE_WORD_SKIP for w in re.findall(r'[^\W\d_]+', v)}
    local = {f: Needles(vs, ignore | words, single_words=True) for f, vs in per_file.items()}
    report = LeakReport(checked_values=len(needles) + sum(len(n) for n in local.values()))
    if not report.checked_values:
        return report
    found: set[str] = set()
    shown: dict[str, str] = {}  # location -> as printed, when its name holds an original value
    for location, text, error in dest_texts(dest):
        if error is not None:
            report.errors.append((shown.get(location, location), error))
            continue
        assert text is not None
        # A path is searched for identifiers only: a special-category word in it ('ziekmelding.eml')
        # names a kind of document, and anonymize keeps such words in names, as the scanner reads them.
        is_name = text == location
        hits = needles.find(text) + (local[location].find(text) if location in local and not is_name else [])
        if is_name and hits:
            shown[location] = mask_found(location, hits)
        for value, entity in hits:
            key = (shown.get(location, location), entity)
            report.leaks[key] = report.leaks.get(key, 0) + 1
            found.add(value)
    report.leaked_values = len(found)
    return report


def mask_found(text: str, hits: Iterable[tuple[str, str]]) -> str:
    """``text`` with each hit (a normalised value, as :meth:`Needles.find` gives it) masked where it
    occurs in any layout: ``85 07 30 033 28`` is found as ``85073003328`` and printed masked.

    >>> mask_found('loonfiche 85.07.30-033.28.txt', [('85073003328', 'BE_NATIONAL_NUMBER')])
    'loonfiche **.**.**-***.28.txt'
    """
    from gdprscan.recognizers.masking import mask

    for value, entity in sorted(set(hits), key=lambda h: -len(h[0])):
        if _is_number(value):
            body = f'{_SEPARATORS.pattern}*'.join(re.escape(c) for c in value)
            rx = re.compile(body, re.IGNORECASE)
        else:
            rx = re.compile(
                r'(?<!\w)' + r'\s+'.join(re.escape(w) for w in value.split(' ')) + r'(?!\w)', re.I
            )
        text = rx.sub(_masker(entity, mask), text)
    return text


def _masker(entity: str, mask: Any) -> Any:
    def sub(m: re.Match[str]) -> str:
        return str(mask(m.group(), entity))

    return sub


def surrogates_of(values: Iterable[tuple[str, ...]], actions: Any) -> set[tuple[str, str]]:
    """The surrogates the key gives ``values``: a DEST value among them is not counted as a leak."""
    out = set()
    for entity, value, *_file in values:
        new = actions.apply(entity, value)
        if new is not None and new != value:
            out.add((entity, new))
    return out


def source_values(
    source: Path, settings: object, policy: object | None = None
) -> tuple[set[tuple[str, str, str]], list[tuple[str, str]]]:
    """(entity, value, file) of every finding in SOURCE (pragma-allowed ones included), and scan errors
    (their file names masked, as ``gdprscan scan`` prints them: the errors are for printing)."""
    from gdprscan.scanner.engine import scan_files
    from gdprscan.scanner.masked_sources import shown
    from gdprscan.scanner.walk import walk

    values: set[tuple[str, str, str]] = set()
    errors: list[tuple[str, str]] = []
    ruled = bool(getattr(policy, 'columns', None))
    for fr in scan_files(list(walk([str(source)], errors=errors)), settings):  # type: ignore[arg-type]
        if fr.error:
            errors.append((shown(fr.source, fr.findings), fr.error))
        json_columns = _json_columns(source, fr.source, fr.findings) if ruled and fr.findings else {}
        for f in fr.findings:
            if policy is not None:
                column = f.location.get('column')
                line = f.location.get('line')
                if isinstance(column, int) and isinstance(line, int) and json_columns:  # a JSON value:
                    column = json_columns.get((line, column))  # ruled by its key
                # the tables a file copy rules a column by (writers.Context.column_rule): sheet, file stem
                tables = [t for t in (f.location.get('sheet'), Path(f.source).stem) if isinstance(t, str)]
                rules = (policy.column_rule(column, t) for t in tables) if isinstance(column, str) else ()  # type: ignore[attr-defined]
                rule = next((r for r in rules if r is not None), None)
                action = rule.action if rule is not None else policy.entity_action(f.entity)  # type: ignore[attr-defined]
                if action == 'keep':
                    continue
            values.add((f.entity, f.value, f.source if source.is_dir() else source.name))
    return values, errors


def _json_columns(source: Path, rel: str, findings: Iterable[Any]) -> dict[tuple[int, int], str]:
    """The key of each value of a JSON / JSON Lines file of SOURCE that holds one of ``findings``, by
    (line, column); empty for other files and for a file the copy could not read either (it is then
    left out of the copy and reported)."""
    path = source / rel if source.is_dir() else source
    if path.suffix.lower() not in ('.json', '.jsonl', '.ndjson'):
        return {}
    from gdprscan.anonymize.writers import json_value_columns

    wanted = {(f.location.get('line'), f.location.get('column')) for f in findings}
    try:
        return json_value_columns(path, wanted)
    except (OSError, ValueError, RecursionError):
        return {}
