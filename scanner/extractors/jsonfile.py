"""JSON and JSON Lines: one text unit per string or number leaf, at its line and column in the raw file.

Python's C parser first checks that the text is JSON (dropping each object as soon as it is
parsed, so memory stays near the text's size); a regex tokenizer then walks it and records
where each value starts (1-based line and column of its first character; for a string, the
character after the quote), so a finding points into the file as an editor shows it.

Key names as context: the engine raises a score when a context word precedes a match
(and lowers it on a counter-context word such as 'invoice'), as a CSV header does for its
column. A leaf under a key that reads as a field name (letters, spaces, ``._-``, no digit)
is scanned as ``'<parent key> <key>: <value>'``, the parent being the field-name key of the
enclosing object or array, and with ``._-`` read as spaces (as the engine reads a CSV header),
so ``{"insz": "85073003328"}`` is found with context 'insz', ``{"insz_nummer": 3021412249}``
with 'insz', and ``{"invoice": {"number": "89052436840"}}`` meets the counter-context
'invoice'. Only one parent level: the words must fall within the engine's 40-character
window before the value. The location stays that of the value (``{"line", "column"}``).
Keys with a digit or '@' (objects keyed by national number or e-mail) are scanned as
units of their own.

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
#: Separators inside a key, read as spaces so that 'insz' is a word of 'insz_nummer' (as in the engine).
_KEY_SEPARATORS = re.compile(r'[_\-.]+')


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

    >>> doc = '{"rrn": "85073003328",\\n "85073003328": [1],\\n "invoice": {"number": 3021412249}}'
    >>> for u in leaves(doc):
    ...     print(repr(u.text), u.location)
    'rrn: 85073003328' {'line': 1, 'column': 10}
    '85073003328' {'line': 2, 'column': 3}
    '1' {'line': 2, 'column': 18}
    'invoice number: 3021412249' {'line': 3, 'column': 24}
    """
    pos = Positions(s, first_line)
    pragmas = PRAGMA in s.lower()  # mostly not: then no line needs a look
    #: Per open container: the field-name key it sits under (its parent), its current key (None before
    #: the first key and in arrays, '' after a data-like key) and the context its values get.
    stack: list[tuple[str | None, str | None, str | None]] = [(None, None, None)]
    names: dict[str, str] = {}  # key -> its words ('insz_nummer' -> 'insz nummer'); keys recur per record
    for m in _TOKENS.finditer(s):
        kind = m.lastgroup
        if kind == 'str' or kind == 'num':
            token = m.group()
            value = _decode(token) if kind == 'str' else token
            if value and not value.isspace():
                context = stack[-1][2]
                text = f'{context}: {value}' if context else value
                location = pos.at(m.start() + 1 if kind == 'str' else m.start())
                yield TextUnit(text, location, '', pragmas and pos.pragma)
        elif kind == 'colon':
            key = _decode(m.group('str'))
            parent = stack[-1][0]
            name = names.get(key)
            if name is None and _FIELD_NAME.fullmatch(key):
                name = names[key] = _KEY_SEPARATORS.sub(' ', key).strip()
            if name:
                stack[-1] = (parent, name, f'{parent} {name}' if parent else name)
            else:
                stack[-1] = (parent, '', None)
                if key and not key.isspace():
                    yield TextUnit(key, pos.at(m.start() + 1), '', pragmas and pos.pragma)
        elif kind == 'open':
            parent, held, _ = stack[-1]  # the new container's values sit under the key that holds it
            inner = parent if held is None else held or None
            stack.append((inner, None, inner))
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
