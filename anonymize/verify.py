"""The leak check: how many original personal values still occur anywhere in the copy.

The values come from the SOURCE's findings (or, at the end of ``gdprscan anonymize``, from what
was just replaced); DEST is read through the scanner's own extractors, so the check sees what a
scan sees. Numbers are compared with their separators removed on both sides (``85.07.30-033.28``
is found as ``85073003328``), other values case-insensitively with whitespace collapsed and on
word boundaries. Values shorter than 4 characters are not counted (too common to mean anything).
Only counts and locations leave this module, never a value.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

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


def _is_number(value: str) -> bool:
    return sum(c.isdigit() for c in value) >= 6


def _squash(text: str) -> str:
    return _SEPARATORS.sub('', text).lower()


def _words(text: str) -> str:
    return ' '.join(text.lower().split())


class Needles:
    """The original values, normalised and compiled into a few alternation regexes."""

    def __init__(self, values: Iterable[tuple[str, str]]) -> None:
        numbers: dict[str, str] = {}
        words: dict[str, str] = {}
        for entity, value in values:
            if _is_number(value):
                key = _squash(value)
                if len(key) >= MIN_CHARS:
                    numbers.setdefault(key, entity)
            else:
                key = _words(value)
                if len(key) >= MIN_CHARS:
                    words.setdefault(key, entity)
        self.numbers, self.words = numbers, words
        self._num_res = _compile(sorted(numbers, key=len, reverse=True), boundary=False)
        self._word_res = _compile(sorted(words, key=len, reverse=True), boundary=True)

    def __len__(self) -> int:
        return len(self.numbers) + len(self.words)

    def find(self, text: str) -> list[tuple[str, str]]:
        """(normalised value, entity) of every occurrence in ``text``."""
        hits = []
        squashed = _squash(text)
        for rx in self._num_res:
            hits.extend((m.group(), self.numbers[m.group()]) for m in rx.finditer(squashed))
        flat = _words(text)
        for rx in self._word_res:
            hits.extend((m.group(), self.words[m.group()]) for m in rx.finditer(flat))
        return hits


def _compile(keys: list[str], boundary: bool) -> list[re.Pattern[str]]:
    out = []
    for i in range(0, len(keys), CHUNK):
        body = '|'.join(re.escape(k) for k in keys[i : i + CHUNK])
        out.append(re.compile(rf'(?<!\w)(?:{body})(?!\w)' if boundary else f'(?:{body})'))
    return out


def dest_texts(dest: Path) -> Iterable[tuple[str, str | None, str | None]]:
    """(location, text, error) for every file of DEST, read by the scanner's extractors."""
    from gdprscan.scanner import extractors
    from gdprscan.scanner.types import ExtractError
    from gdprscan.scanner.walk import walk

    for cand in walk([str(dest)], default_excludes=False):
        try:
            extractor = extractors.for_path(cand.path)
            if extractor is None:
                text = cand.path.read_bytes().decode('latin-1')  # binaries: raw bytes, still searched
            else:
                text = '\n'.join(u.text for u in extractor.extract(cand.path))
        except ExtractError as e:
            if type(e).__name__ == 'BinaryFile':
                yield cand.source, cand.path.read_bytes().decode('latin-1'), None
                continue
            yield cand.source, None, str(e) or type(e).__name__
            continue
        except Exception as e:  # a copy the scanner cannot read is reported, the check goes on
            yield cand.source, None, f'unreadable ({type(e).__name__})'
            continue
        yield cand.source, text, None


def check(values: Iterable[tuple[str, str]], dest: Path) -> LeakReport:
    """Search DEST for the original ``values`` ((entity, value) pairs)."""
    needles = Needles(values)
    report = LeakReport(checked_values=len(needles))
    if not len(needles):
        return report
    found: set[str] = set()
    for location, text, error in dest_texts(dest):
        if error is not None:
            report.errors.append((location, error))
            continue
        assert text is not None
        for value, entity in needles.find(text):
            key = (location, entity)
            report.leaks[key] = report.leaks.get(key, 0) + 1
            found.add(value)
    report.leaked_values = len(found)
    return report


def source_values(source: Path, settings: object, policy: object | None = None) -> tuple[set[tuple[str, str]], list]:
    """(entity, value) of every finding in SOURCE (pragma-allowed ones included), and scan errors."""
    from gdprscan.scanner.engine import scan_files
    from gdprscan.scanner.walk import walk

    values: set[tuple[str, str]] = set()
    errors = []
    for fr in scan_files(list(walk([str(source)])), settings):  # type: ignore[arg-type]
        if fr.error:
            errors.append((fr.source, fr.error))
        for f in fr.findings:
            if policy is not None:
                column = f.location.get('column')
                rule = policy.column_rule(column) if isinstance(column, str) else None  # type: ignore[attr-defined]
                action = rule.action if rule is not None else policy.entity_action(f.entity)  # type: ignore[attr-defined]
                if action == 'keep':
                    continue
            values.add((f.entity, f.value))
    return values, errors
