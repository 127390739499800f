"""JSON and JSON Lines: one text unit per string or number leaf, at its line and column in the raw file.

Python's C parser first checks that the text is JSON (dropping each object as soon as it is
parsed, so memory stays near the text's size); a regex tokenizer then walks it and records
where each value starts (1-based line and column of its first character; for a string, the
character after the quote), so a finding points into the file as an editor shows it.

Key names as context: the engine raises a score when a context word precedes a match,
as a CSV header does for its column. A leaf under a key that reads as a field name
(letters, spaces, ``._-``, no digit) is scanned as ``'<key>: <value>'``, so
``{"insz": "85073003328"}`` is found with context 'insz'; the location stays that of
the value. Keys with a digit or '@' (objects keyed by national number or e-mail) are
scanned as units of their own.

``.json`` is read whole (``Limits.max_file_size``); ``.jsonl``/``.ndjson`` stream line by
line (module :mod:`.jsonlines`). Invalid JSON is not an error: that document (or JSONL
line) is scanned as plain text, with line and column of each match, so no data goes unseen.

An allow pragma (``gdprscan: allow``) anywhere on a raw line covers every value on that line,
as in a text file: ``{"insz": "...", "note": "gdprscan: allow"}``.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import BinaryIO

from gdprscan.scanner.extractors.encoding import SAMPLE
from gdprscan.scanner.extractors.encoding import sniff_bytes
from gdprscan.scanner.extractors.tabular import PRAGMA
from gdprscan.scanner.extractors.text import blocks
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.json',)
STREAMS = False  # read whole; JSON Lines stream (module ``jsonlines``, same code)

_FIELD_NAME = re.compile(r'[^\W\d](?:[^\W\d]|[ ._-]){0,39}')


def extract(path: Path) -> Iterator[TextUnit]:
    with path.open('rb') as f:
        encoding = sniff_bytes(f.read(SAMPLE))
        f.seek(0)
        text = f.read().decode(encoding, errors='replace')
    if '\r' in text:  # line ends as editors count them; a raw CR can only be white space in JSON
        text = text.replace('\r\n', '\n').replace('\r', '\n')
    if is_json(text):
        yield from leaves(text)
    else:
        yield from blocks(io.BytesIO(text.encode('utf-8')), 'utf-8')


def is_json(text: str) -> bool:
    """Whether ``text`` is one strict JSON document, checked by the C parser without keeping the tree.

    Objects are dropped as soon as they are parsed, so memory stays near the size of the text.
    NaN and Infinity are refused: they are not JSON.
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
        if is_json(line):
            yield from leaves(line, first_line=line_no)
        else:
            yield TextUnit(line.rstrip('\r\n'), {'line': line_no}, TRACK_LINE_COLUMN)
    reader.detach()


#: The tokens of a JSON text that matter here; commas, whitespace and literals are stepped over.
#: Only for text that the C parser accepted: a string token then never starts inside a string.
_TOKENS = re.compile(
    r'(?P<str>"(?:[^"\\]|\\.)*")(?P<colon>[ \t\n\r]*:)?'  # lastgroup 'colon': the string is a key
    r'|(?P<num>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)'
    r'|(?P<open>[{\[])'
    r'|(?P<close>[}\]])'
)


def leaves(s: str, first_line: int = 1) -> Iterator[TextUnit]:
    """Units for the string and number leaves (and data-like keys) of the valid JSON document ``s``.

    >>> for u in leaves('{"rrn": "85073003328",\\n "85073003328": [1]}'):
    ...     print(repr(u.text), u.location)
    'rrn: 85073003328' {'line': 1, 'column': 10}
    '85073003328' {'line': 2, 'column': 3}
    '1' {'line': 2, 'column': 18}
    """
    pos = Positions(s, first_line)
    pragmas = PRAGMA in s.lower()  # mostly not: then no line needs a look
    #: The context key of each open container; a value takes the innermost one.
    stack: list[str | None] = [None]
    for m in _TOKENS.finditer(s):
        kind = m.lastgroup
        if kind == 'str' or kind == 'num':
            token = m.group()
            value = _decode(token) if kind == 'str' else token
            if value and not value.isspace():
                context = stack[-1]
                text = f'{context}: {value}' if context else value
                location = pos.at(m.start() + 1 if kind == 'str' else m.start())
                yield TextUnit(text, location, '', pragmas and pos.pragma)
        elif kind == 'colon':
            key = _decode(m.group('str'))
            if _FIELD_NAME.fullmatch(key):
                stack[-1] = key
            else:
                stack[-1] = None
                if key and not key.isspace():
                    yield TextUnit(key, pos.at(m.start() + 1), '', pragmas and pos.pragma)
        elif kind == 'open':
            stack.append(stack[-1])  # an array's items, an object's values before its first key
        else:
            stack.pop()


def _decode(token: str) -> str:
    """The value of a JSON string token (with its quotes)."""
    if '\\' not in token:
        return token[1:-1]
    return scanstring(token, 1, True)[0]  # type: ignore[no-any-return]


class Positions:
    """1-based line and column of increasing offsets in ``s``, counted incrementally, and whether the
    raw line of the last offset carries the allow pragma (so a sibling value's pragma counts)."""

    def __init__(self, s: str, first_line: int = 1) -> None:
        self.s = s
        self.last = 0
        self.line = first_line
        self.line_start = 0
        self._pragma_line = -1
        self._pragma = False

    @property
    def pragma(self) -> bool:
        if self._pragma_line != self.line:
            end = self.s.find('\n', self.line_start)
            line = self.s[self.line_start : end if end >= 0 else len(self.s)]
            self._pragma_line, self._pragma = self.line, PRAGMA in line.lower()
        return self._pragma

    def at(self, offset: int) -> dict[str, int]:
        s = self.s
        newlines = s.count('\n', self.last, offset)
        if newlines:
            self.line += newlines
            self.line_start = s.rfind('\n', self.last, offset) + 1
        self.last = offset
        return {'line': self.line, 'column': offset - self.line_start + 1}
