"""Free-text rewriting: spans found by the engine replaced one by one, right to left.

Overlapping spans are resolved by the scanner's own rule (higher score, then longer; see
:func:`gdprscan.scanner.overlaps.resolve_overlaps`), so a report and a copy agree on what a span
is. The replacement itself is plain Python; with ``use_presidio=True`` presidio-anonymizer's
engine does it with one custom operator per entity (same result; imported only then).

:class:`Rewriter` rewrites many strings of one source at once: it sends them through the engine
as one batch of text units (fast: the recognisers run once per ~256 KiB) and maps the findings
back to their string. Findings carry a value, not offsets, so each found value is replaced at
every place it occurs in its string; that also catches a repeat a recogniser skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as evolve
from typing import Any

from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.columns import padded
from gdprscan.anonymize.columns import width_back
from gdprscan.anonymize.fakes import SPECIAL_PHRASES
from gdprscan.recognizers import language
from gdprscan.recognizers.base import Match
from gdprscan.scanner.overlaps import resolve_overlaps
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit

LANGUAGES = ('nl', 'fr', 'en')
#: Language votes (:func:`gdprscan.recognizers.language.scores`) that tell a text's language.
MIN_VOTES = 1.0
#: Strings of a batch that decide the language of a string too short to tell its own.
LANGUAGE_SAMPLE = 200


@dataclass(frozen=True)
class Replacement:
    """What happened to one span: the entity and the action (never the value)."""

    entity: str
    action: str


Edit = tuple[int, int, str]


def edits(text: str, matches: Iterable[Match], replace: Callable[[str, str], str | None]) -> list[Edit]:
    """(start, end, replacement) for each overlap-resolved match, in text order."""
    out = []
    for m in resolve_overlaps(list(matches)):
        new = replace(m.entity, text[m.start : m.end])
        out.append((m.start, m.end, '' if new is None else new))
    return out


def apply_edits(text: str, text_edits: Sequence[Edit]) -> str:
    out = []
    pos = 0
    for start, end, new in text_edits:
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return ''.join(out)


def apply_to_pieces(pieces: Sequence[str], text_edits: Sequence[Edit]) -> list[str]:
    """Edits of the joined ``pieces`` applied piece by piece (runs of a DOCX paragraph): a
    replacement goes into the piece where its span starts; the rest of the span is removed
    from the following pieces, so formatting runs survive."""
    out = []
    pos = 0
    edits_left = list(text_edits)
    for piece in pieces:
        lo, hi = pos, pos + len(piece)
        buf = []
        cursor = lo
        for start, end, new in edits_left:
            if end <= lo or start >= hi:
                continue
            if start >= lo:
                buf.append(piece[cursor - lo : start - lo])
                buf.append(new)
            cursor = max(cursor, min(end, hi))
        buf.append(piece[cursor - lo :])
        out.append(''.join(buf))
        pos = hi
    return out


def rewrite(
    text: str,
    matches: Iterable[Match],
    replace: Callable[[str, str], str | None],
    use_presidio: bool = False,
) -> str:
    """``text`` with each (overlap-resolved) match replaced by ``replace(entity, value)``."""
    if use_presidio:
        chosen = resolve_overlaps(list(matches))
        return _presidio(text, chosen, replace) if chosen else text
    return apply_edits(text, edits(text, matches, replace))


def _presidio(text: str, chosen: list[Match], replace: Callable[[str, str], str | None]) -> str:
    """The same replacement through presidio-anonymizer's engine, one custom operator per entity."""
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig
    from presidio_anonymizer.entities import RecognizerResult

    def operator(entity: str) -> OperatorConfig:
        return OperatorConfig('custom', {'lambda': lambda v: replace(entity, v) or ''})

    results = [RecognizerResult(m.entity, m.start, m.end, m.score) for m in chosen]
    operators = {e: operator(e) for e in {m.entity for m in chosen}}
    return str(AnonymizerEngine().anonymize(text, results, operators).text)


def spans_of(text: str, findings: Iterable[Finding]) -> list[Match]:
    """Every occurrence in ``text`` of each finding's value, as matches (entity and score kept)."""
    best: dict[str, Finding] = {}
    for f in findings:
        if f.value and (f.value not in best or f.score > best[f.value].score):
            best[f.value] = f
    out = []
    for value, f in best.items():
        # str.find, not re.finditer(re.escape(value)): the same non-overlapping occurrences, without
        # compiling a pattern per distinct value (that was a quarter of a file-tree copy)
        start = text.find(value)
        while start >= 0:
            end = start + len(value)
            out.append(Match(f.entity, start, end, f.score, f.recognizer))
            start = text.find(value, end)
    return out


#: Entities whose value is its digits (see ``Rewriter._same_digits``).
SAME_DIGITS = frozenset({'BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER', 'BE_ENTERPRISE_NUMBER'})


class Rewriter:
    """Detects personal data in many strings with one engine and rewrites them by the policy."""

    def __init__(self, engine: Any, actions: Actions, use_presidio: bool = False) -> None:
        self.engine = engine
        self.actions = actions
        self.use_presidio = use_presidio
        #: (column or "", entity) -> spans replaced, for --dry-run and the summary (never values)
        self.counts: dict[tuple[str, str], int] = {}
        #: (entity, value) of everything replaced: kept in memory for the leak check, never printed
        self.values: set[tuple[str, str]] = set()

    def _replacer(
        self, column: str | None, lang: Callable[[], str | None] = lambda: None
    ) -> Callable[[str, str], str | None]:
        def replace(entity: str, value: str) -> str | None:
            key = (column or '', entity)
            self.counts[key] = self.counts.get(key, 0) + 1
            if self.actions.policy.entity_action(entity) != 'keep':
                self.values.add((entity, value))
            # A special category becomes a phrase in the language of its text. Names and addresses
            # keep the one language of the run: a person gets the same surrogate in every file.
            full = padded(value, entity)  # 3021412249: a national number that lost its leading zero
            new = self.actions.apply(entity, full, lang=lang() if entity in SPECIAL_PHRASES else None)
            return new if new is None or full == value else width_back(value, full, new)

        return replace

    def language(self, text: str, texts: Sequence[str], columns: Sequence[str | None] | None) -> str | None:
        """The language of ``text`` for special-category phrases: ``--lang`` when given, else the
        text's own language, else (a cell, a short line) the language of all ``texts`` and their
        column names (a French table has a column ``syndicat``); None when nothing tells."""
        fixed = getattr(getattr(self.engine, 'settings', None), 'lang', None)
        if fixed in LANGUAGES:
            return str(fixed)
        votes = language.scores(text)
        best = max(LANGUAGES, key=lambda lang: (votes[lang], lang == language.DEFAULT))
        if votes[best] >= MIN_VOTES:
            return best
        context = ' '.join([*(c for c in (columns or ()) if c), *texts[:LANGUAGE_SAMPLE]])
        votes = language.scores(context)
        best = max(LANGUAGES, key=lambda lang: (votes[lang], lang == language.DEFAULT))
        return best if votes[best] >= MIN_VOTES else None

    def findings(
        self,
        texts: Sequence[str],
        columns: Sequence[str | None] | None,
        source: str,
        rows: Sequence[Any] | None = None,
        groups: Sequence[str] | None = None,
    ) -> list[Finding]:
        """The engine's findings for ``texts``, each located by :func:`unit_of`. A table cell (given
        its ``rows`` key) is a unit with a row key and a column, so the full profile classifies
        columns and rows as it does in a scan."""
        units = []
        location: dict[str, Any]
        for i, text in enumerate(texts):
            column = columns[i] if columns is not None else None
            row = rows[i] if rows is not None else None
            if row is not None:
                location = {'column': column or '', 'row': row, 'cell': i}
                if groups is not None:
                    location['table'] = groups[i]  # sheets of one workbook are separate tables
                units.append(TextUnit(text, location, row_key=row))
                continue
            location = {'unit': i}
            if column:
                location['column'] = column
            units.append(TextUnit(text, location))
        return self.engine.detect(units, source)

    def plan_many(
        self,
        texts: Sequence[str],
        source: str,
        columns: Sequence[str | None] | None = None,
        rows: Sequence[Any] | None = None,
        groups: Sequence[str] | None = None,
        extra: Mapping[int, Sequence[Finding]] | None = None,
    ) -> dict[int, list[Edit]]:
        """Edits per string index (only strings with findings). ``extra``: findings per string index
        that the caller got elsewhere (a DOCX table scanned as the scanner reads it); their values
        are replaced in that string too, overlaps resolved with the string's own findings."""
        per_unit = self._per_unit(texts, source, columns, rows, groups)
        for i, fs in (extra or {}).items():
            if fs:
                per_unit[i] = [*per_unit.get(i, ()), *fs]
        plan = {}
        for i, fs in per_unit.items():
            column = columns[i] if columns is not None else None
            lang = self._lazy_language(texts, i, columns)
            plan[i] = edits(texts[i], spans_of(texts[i], fs), self._replacer(column, lang))
        return plan

    def _lazy_language(
        self, texts: Sequence[str], i: int, columns: Sequence[str | None] | None
    ) -> Callable[[], str | None]:
        """The language of ``texts[i]``, worked out on first use (most strings hold no special category)."""
        found: list[str | None] = []

        def lang() -> str | None:
            if not found:
                found.append(self.language(texts[i], texts, columns))
            return found[0]

        return lang

    def _per_unit(
        self,
        texts: Sequence[str],
        source: str,
        columns: Sequence[str | None] | None,
        rows: Sequence[Any] | None,
        groups: Sequence[str] | None = None,
    ) -> dict[int, list[Finding]]:
        """Findings per string. A value found in one string is also replaced where it occurs in the
        others (on word boundaries): a union named next to a person in one paragraph is the same
        data two paragraphs later, where no recogniser linked it to anyone. (Not for table cells: there
        the column classification gives every cell of a column its finding.)"""
        per_unit: dict[int, list[Finding]] = {}
        best: dict[str, Finding] = {}
        for f in self.findings(texts, columns, source, rows, groups):
            i = unit_of(f)
            if i is not None and f.value:  # column-level findings (no value) have no span to replace
                per_unit.setdefault(i, []).append(f)
                if f.value.strip() and (f.value not in best or f.score > best[f.value].score):
                    best[f.value] = f
        self._same_digits(texts, best, per_unit)
        if best and len(texts) > 1 and rows is None:  # tables: the column classifier covers repeats
            by_lower = {v.lower(): f for v, f in best.items()}
            rx = re.compile(
                '|'.join(rf'(?<!\w){re.escape(v)}(?!\w)' for v in sorted(by_lower, key=len, reverse=True)),
                re.IGNORECASE,
            )
            for i, text in enumerate(texts):
                for m in rx.finditer(text):
                    found = m.group()
                    if all(found != f.value for f in per_unit.get(i, ())):
                        f = by_lower[found.lower()]
                        per_unit.setdefault(i, []).append(evolve(f, value=found))
        return per_unit

    def _same_digits(
        self, texts: Sequence[str], best: Mapping[str, Finding], per_unit: dict[int, list[Finding]]
    ) -> None:
        """A national, BIS or enterprise number found once is replaced wherever its digits recur in
        these strings, in any layout: ``85.07.30-033.28`` beside "Bestelnummer 85073003328", where a
        counter-context word kept the scan from reporting the second. Same digits, same person: left in
        place, the copy would fail its own leak check (which compares digits) and not be written."""
        numbers = {
            digits: f
            for value, f in best.items()
            if f.entity in SAME_DIGITS and len(digits := re.sub(r'\D', '', value)) >= 9
        }
        if not numbers:
            return
        rx = re.compile(
            '|'.join(
                r'(?<![\w.\-/])' + r'[ .\-/]?'.join(digits) + r'(?![\w]|[.\-/]\d)'
                for digits in sorted(numbers, key=len, reverse=True)
            )
        )
        for i, text in enumerate(texts):
            have = {f.value for f in per_unit.get(i, ())}
            for m in rx.finditer(text):
                found = m.group()
                if found not in have:
                    have.add(found)
                    f = numbers[re.sub(r'\D', '', found)]
                    per_unit.setdefault(i, []).append(evolve(f, value=found))

    def rewrite_many(
        self,
        texts: Sequence[str],
        source: str,
        columns: Sequence[str | None] | None = None,
        rows: Sequence[Any] | None = None,
        groups: Sequence[str] | None = None,
    ) -> list[str]:
        """``texts`` rewritten; strings without findings come back unchanged (the same object)."""
        out = list(texts)
        if self.use_presidio:
            for i, fs in self._per_unit(texts, source, columns, rows, groups).items():
                column = columns[i] if columns is not None else None
                replacer = self._replacer(column, self._lazy_language(texts, i, columns))
                out[i] = rewrite(texts[i], spans_of(texts[i], fs), replacer, True)
            return out
        for i, text_edits in self.plan_many(texts, source, columns, rows, groups).items():
            out[i] = apply_edits(texts[i], text_edits)
        return out


def unit_of(f: Finding) -> int | None:
    """The index of the string a finding of :meth:`Rewriter.findings` came from."""
    i = f.location.get('cell', f.location.get('unit'))
    return i if isinstance(i, int) else None
