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

Arrays of records are tables. An object that is an element of an array (or a line of a JSON Lines
file) is a record: a row of the table named by the array's path (``employees``; ``''`` for a top-level
array and for JSON Lines; nested arrays of records are tables of their own, ``inhoudingen``). Its leaves
carry a :class:`RecordCell` as ``row_key``: the row, the leaf's path inside the record as its column
(``name.last``; nested objects flattened, array levels dropped) and where the value starts in the
unit's text. The unit itself is unchanged (same text with key context, same ``{line, column}``), so
the identifier profile reads JSON as before and pays only for the row keys; the full profile
(:mod:`gdprscan.scanner.json_columns`) classifies the columns as for a CSV table, so a ``last``
column of surnames under ``name`` is PERSON. Objects outside arrays (a config file, a single record)
and arrays of scalars have no row key: read as before.
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
    rows: dict[str, int] = {}  # nested tables count their rows across lines
    memo: _Memo = ({}, {})  # key words and paths: the same keys on every line
    for line_no, line in enumerate(reader, start=1):
        if not line.strip():
            continue
        if is_json(line):
            yield from leaves(line, first_line=line_no, record=line_no, rows=rows, memo=memo)
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


class RecordCell:
    """The ``row_key`` of a leaf of a JSON record: equal (and hashed) by table and row only, so every
    leaf of one record shares its row; ``column`` (the leaf's dotted path inside the record) and
    ``start`` (where the value begins in the unit's text, after ``'<context>: '``) ride along.

    A plain slotted class, not a frozen dataclass: one is made per leaf, and a frozen dataclass's
    ``__init__`` costs four times as much (the identifier profile reads every JSON file this way).
    Not to be changed once made."""

    __slots__ = ('table', 'row', 'column', 'start')

    def __init__(self, table: str, row: int, column: str, start: int = 0) -> None:
        self.table = table
        self.row = row
        self.column = column
        self.start = start

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordCell):
            return NotImplemented
        return self.row == other.row and self.table == other.table

    def __hash__(self) -> int:
        return hash((self.table, self.row))

    def __repr__(self) -> str:
        return f'RecordCell(table={self.table!r}, row={self.row}, column={self.column!r}, start={self.start})'


#: A container being walked: the field-name key it sits under (its parent), its current key's words
#: (None before the first key and in arrays, '' after a data-like key), the context its values get,
#: the column of its values (its current key's path; in an array, its own path), its path (inside its
#: record, or from the root outside records), whether it is an array, and its record ((table, row) or
#: None).
_Frame = tuple[str | None, str | None, str | None, str, str, bool, tuple[str, int] | None]


#: Per key its words ('insz_nummer' -> 'insz nummer'), per (path, key) the joined path: keys recur.
_Memo = tuple[dict[str, str], dict[tuple[str, str], str]]


def leaves(
    s: str,
    first_line: int = 1,
    record: int | None = None,
    rows: dict[str, int] | None = None,
    memo: _Memo | None = None,
) -> Iterator[TextUnit]:
    """Units for the string and number leaves (and data-like keys) of the valid JSON document ``s``.

    ``record``: the row number of ``s`` when it is one record of a table (a line of JSON Lines);
    ``rows``: records counted per table so far, ``memo``: key words and paths (both shared by the
    lines of one JSON Lines file).

    >>> doc = '{"rrn": "85073003328",\\n "85073003328": [1],\\n "invoice": {"number": 3021412249}}'
    >>> for u in leaves(doc):
    ...     print(repr(u.text), u.location)
    'rrn: 85073003328' {'line': 1, 'column': 10}
    '85073003328' {'line': 2, 'column': 3}
    '1' {'line': 2, 'column': 18}
    'invoice number: 3021412249' {'line': 3, 'column': 24}
    >>> [(u.text, u.row_key) for u in leaves('[{"name": {"last": "Peeters"}}]')]
    [('name last: Peeters', RecordCell(table='', row=1, column='name.last', start=11))]
    """
    pos = Positions(s, first_line)
    pragmas = PRAGMA in s.lower()  # mostly not: then no line needs a look
    stack: list[_Frame] = [(None, None, None, '', '', True, None)]
    names, paths = ({}, {}) if memo is None else memo
    rows = {} if rows is None else rows  # table -> records seen
    first = record is not None  # the document itself is record ``record`` of table ''
    for m in _TOKENS.finditer(s):
        kind = m.lastgroup
        if kind == 'str' or kind == 'num':
            token = m.group()
            value = _decode(token) if kind == 'str' else token
            if value and not value.isspace():
                frame = stack[-1]
                context = frame[2]
                text = f'{context}: {value}' if context else value
                location = pos.at(m.start() + 1 if kind == 'str' else m.start())
                rec = frame[6]
                if rec is None:
                    yield TextUnit(text, location, '', pragmas and pos.pragma)
                else:
                    cell = RecordCell(rec[0], rec[1], frame[3], len(context) + 2 if context else 0)
                    yield TextUnit(text, location, '', pragmas and pos.pragma, cell)
        elif kind == 'colon':
            key = _decode(m.group('str'))
            parent, _name, _context, _column, path, array, rec = stack[-1]
            column = (paths.get((path, key)) or _join(paths, path, key)) if path else key
            name = names.get(key)
            if name is None and _FIELD_NAME.fullmatch(key):
                name = names[key] = _KEY_SEPARATORS.sub(' ', key).strip()
            if name:
                stack[-1] = (parent, name, f'{parent} {name}' if parent else name, column, path, array, rec)
            else:
                stack[-1] = (parent, '', None, column, path, array, rec)
                if key and not key.isspace():
                    yield TextUnit(key, pos.at(m.start() + 1), '', pragmas and pos.pragma)
        elif kind == 'open':
            # the new container's values sit under the key that holds it
            parent, held, _context, sub, _path, array, rec = stack[-1]
            inner = parent if held is None else held or None
            is_array = m.group() == '['
            if first and not is_array:  # the object of a JSON Lines line: row ``record`` of table ''
                rows[''] = record or 1
                rec, sub = ('', rows['']), ''
            elif not is_array and array and len(stack) > 1:
                # an object in an array: the next row of the table named by the array's path
                table = _join(paths, rec[0], sub) if rec is not None and rec[0] else sub
                rows[table] = rows.get(table, 0) + 1
                rec, sub = (table, rows[table]), ''
            first = False
            stack.append((inner, None, inner, sub, sub, is_array, rec))
        else:
            stack.pop()


def _join(paths: dict[tuple[str, str], str], path: str, key: str) -> str:
    """``path.key`` (``key`` alone at the top), built once per distinct pair."""
    joined = paths.get((path, key))
    if joined is None:
        joined = paths[path, key] = f'{path}.{key}' if path else key
    return joined


def token_places(s: str, first_line: int = 1) -> Iterator[tuple[bool, int, int]]:
    """(is a string, line, column) of every string (keys included) and number of the valid JSON
    document ``s``, in document order, located as :func:`leaves` locates them: so a copy can tell
    which value of the parsed document a finding of the scan belongs to.

    >>> list(token_places('{"a": [1, "x"]}'))
    [(True, 1, 3), (False, 1, 8), (True, 1, 12)]
    """
    pos = Positions(s, first_line)
    for m in _TOKENS.finditer(s):
        kind = m.lastgroup
        if kind == 'str' or kind == 'colon':
            at = pos.at(m.start() + 1)
            yield True, at['line'], at['column']
        elif kind == 'num':
            at = pos.at(m.start())
            yield False, at['line'], at['column']


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
