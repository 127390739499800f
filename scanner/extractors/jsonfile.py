"""JSON and JSON Lines: one text unit per string or number leaf, at its line and column in the raw file.

A small strict scanner walks the text and records where each value starts (1-based
line and column of its first character; for a string, the character after the quote),
so a finding points into the file as an editor shows it. Nesting depth is bounded only
by memory (no recursion).

Key names as context: the engine raises a score when a context word precedes a match,
as a CSV header does for its column. A leaf under a key that reads as a field name
(letters, spaces, ``._-``, no digit) is scanned as ``'<key>: <value>'``, so
``{"insz": "85073003328"}`` is found with context 'insz'; the location stays that of
the value. Keys with a digit or '@' (objects keyed by national number or e-mail) are
scanned as units of their own.

``.json`` is read whole (``Limits.max_file_size``); ``.jsonl``/``.ndjson`` stream line by
line (module :mod:`.jsonlines`). Invalid JSON is not an error: that document (or JSONL
line) is scanned as plain text, with line and column of each match, so no data goes unseen.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from json.scanner import NUMBER_RE
from pathlib import Path
from typing import BinaryIO

from gdprscan.scanner.extractors.encoding import SAMPLE
from gdprscan.scanner.extractors.encoding import sniff_bytes
from gdprscan.scanner.extractors.text import blocks
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.json',)
STREAMS = False  # read whole; JSON Lines stream (module ``jsonlines``, same code)

_WS = re.compile(r'[ \t\n\r]*')
_FIELD_NAME = re.compile(r'[^\W\d](?:[^\W\d]|[ ._-]){0,39}')
_LITERALS = ('true', 'false', 'null')
_VALUE, _KEY, _AFTER = 0, 1, 2


class InvalidJSON(ValueError):
    """The text is not one valid JSON document."""


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        encoding = sniff_bytes(f.read(SAMPLE))
        f.seek(0)
        text = f.read().decode(encoding, errors='replace')
    if not is_json(text):
        yield from blocks(io.BytesIO(text.encode('utf-8')), 'utf-8')
        return
    try:
        yield from leaves(text)
    except InvalidJSON as e:  # json.loads accepted what the walker refuses: a bug, reported as such
        raise ExtractError('JSON not understood by the position scanner') from e


def is_json(text: str) -> bool:
    """Whether ``text`` is one strict JSON document, checked by the C parser without keeping the tree.

    Objects are dropped as soon as they are parsed, so memory stays near the size of the text.
    NaN and Infinity are refused, as the position scanner refuses them.
    """
    try:
        json.loads(text, object_pairs_hook=_drop, parse_constant=_refuse)
    except (ValueError, RecursionError):
        return False
    return True


def _drop(pairs: object) -> None:
    return None


def _refuse(name: str) -> None:
    raise ValueError(name)


def lines(f: BinaryIO, encoding: str) -> Iterator[TextUnit]:
    """Units of a JSON Lines file; a line that is not JSON is scanned as text."""
    reader = io.TextIOWrapper(f, encoding=encoding, errors='replace')
    for line_no, line in enumerate(reader, start=1):
        if not line.strip():
            continue
        try:
            units = list(leaves(line, first_line=line_no))
        except InvalidJSON:
            yield TextUnit(line.rstrip('\r\n'), {'line': line_no}, TRACK_LINE_COLUMN)
            continue
        yield from units
    reader.detach()


def leaves(s: str, first_line: int = 1) -> Iterator[TextUnit]:
    """Units for the string and number leaves (and data-like keys) of the JSON document ``s``.

    >>> for u in leaves('{"rrn": "85073003328",\\n "85073003328": [1]}'):
    ...     print(repr(u.text), u.location)
    'rrn: 85073003328' {'line': 1, 'column': 10}
    '85073003328' {'line': 2, 'column': 3}
    '1' {'line': 2, 'column': 18}
    """
    pos = Positions(s, first_line)
    stack: list[list[object]] = []  # [kind '{' or '[', context key of this level]
    n = len(s)
    i = _WS.match(s, 0).end()  # type: ignore[union-attr]
    state = _VALUE
    while True:
        if state == _VALUE:
            c = s[i : i + 1]
            context = stack[-1][1] if stack else None
            if c == '{' or c == '[':
                stack.append([c, context])
                i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
                close = '}' if c == '{' else ']'
                if s[i : i + 1] == close:
                    stack.pop()
                    i += 1
                    state = _AFTER
                else:
                    state = _KEY if c == '{' else _VALUE
                continue
            if c == '"':
                value, end = _string(s, i)
                if value.strip():
                    yield _unit(value, context, pos.at(i + 1))
                i, state = end, _AFTER
                continue
            m = NUMBER_RE.match(s, i)
            if m and m.group():
                yield _unit(m.group(), context, pos.at(i))
                i, state = m.end(), _AFTER
                continue
            for lit in _LITERALS:
                if s.startswith(lit, i):
                    i, state = i + len(lit), _AFTER
                    break
            else:
                raise InvalidJSON(f'unexpected character at offset {i}')
        elif state == _KEY:
            if s[i : i + 1] != '"':
                raise InvalidJSON(f'expected a key at offset {i}')
            key, end = _string(s, i)
            if _FIELD_NAME.fullmatch(key):
                stack[-1][1] = key
            else:
                stack[-1][1] = None
                if key.strip():
                    yield TextUnit(key, pos.at(i + 1))
            i = _WS.match(s, end).end()  # type: ignore[union-attr]
            if s[i : i + 1] != ':':
                raise InvalidJSON(f'expected ":" at offset {i}')
            i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
            state = _VALUE
        else:
            i = _WS.match(s, i).end()  # type: ignore[union-attr]
            if not stack:
                if i != n:
                    raise InvalidJSON(f'extra data at offset {i}')
                return
            c = s[i : i + 1]
            kind = stack[-1][0]
            if c == ',':
                i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
                state = _KEY if kind == '{' else _VALUE
            elif (c == '}' and kind == '{') or (c == ']' and kind == '['):
                stack.pop()
                i += 1
            else:
                raise InvalidJSON(f'expected "," or a closing bracket at offset {i}')


def _string(s: str, i: int) -> tuple[str, int]:
    try:
        return scanstring(s, i + 1, True)
    except ValueError as e:
        raise InvalidJSON(f'bad string at offset {i}') from e


def _unit(value: str, context: object, location: dict[str, int]) -> TextUnit:
    text = f'{context}: {value}' if isinstance(context, str) else value
    return TextUnit(text, location)


class Positions:
    """1-based line and column of increasing offsets in ``s``, counted incrementally."""

    def __init__(self, s: str, first_line: int = 1) -> None:
        self.s = s
        self.last = 0
        self.line = first_line
        self.line_start = 0

    def at(self, offset: int) -> dict[str, int]:
        s = self.s
        newlines = s.count('\n', self.last, offset)
        if newlines:
            self.line += newlines
            self.line_start = s.rfind('\n', self.last, offset) + 1
        self.last = offset
        return {'line': self.line, 'column': offset - self.line_start + 1}
