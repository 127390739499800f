"""Helpers shared by the table extractors (CSV, XLSX, DOCX tables): header detection, cell text."""
from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

PRAGMA = 'gdprscan: allow'
#: A cell that looks like data, not like a column name: an '@' or a payment reference's '+++'.
_DATA_LIKE = re.compile(r'@|\+\+\+')
#: Six digits or more (in any grouping: 85.07.30-033.28) is a number, not a name; '2024' or 'adres 2' is not.
MAX_HEADER_DIGITS = 5
MAX_HEADER_CHARS = 80


def looks_like_header(cells: Sequence[Any]) -> bool:
    """True when a first row reads as column names: only short texts, none of them data-like
    (six or more digits, an '@', '+++').

    A headerless export (first row ``Jan;85073003328``) then keeps its first row as data,
    located by column letter or number instead of by a name.
    """
    values = [c for c in cells if c is not None and str(c).strip()]
    if not values:
        return False
    for c in values:
        if not isinstance(c, str) or len(c) > MAX_HEADER_CHARS or _DATA_LIKE.search(c):
            return False
        if sum(ch.isdigit() for ch in c) > MAX_HEADER_DIGITS:
            return False
    return True


def cell_text(value: Any) -> str | None:
    """The text of a spreadsheet cell value; None for empty cells and booleans.

    Whole floats print without '.0' (85073003328.0 is how Excel may store a national number);
    dates print as ISO dates so a birth date reads as one.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=' ')
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def column_letter(index: int) -> str:
    """'A' for 0, 'AA' for 26: how a spreadsheet user finds a column without a header."""
    out = ''
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out
