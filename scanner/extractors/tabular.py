"""Helpers shared by the table extractors (CSV, XLSX, DOCX tables): header detection, cell text."""
from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import Generic
from typing import TypeVar

PRAGMA = 'gdprscan: allow'
#: A cell that looks like data, not like a column name: an '@' or a payment reference's '+++'.
_DATA_LIKE = re.compile(r'@|\+\+\+')
#: Six digits or more (in any grouping: 85.07.30-033.28) is a number, not a name; '2024' or 'adres 2' is not.
MAX_HEADER_DIGITS = 5
MAX_HEADER_CHARS = 80
#: Title rows (one filled cell each: "Personeelslijst 2024", "Export 01/03/2024") looked past for a header.
MAX_TITLE_ROWS = 3

Row = TypeVar('Row')


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


def filled(cells: Sequence[Any]) -> int:
    """Cells holding something (None, empty and blank strings do not count)."""
    return sum(1 for c in cells if c is not None and not (isinstance(c, str) and not c.strip()))


@dataclass
class Layout(Generic[Row]):
    """A sheet split into title rows, header row and data rows (blank rows above the header dropped)."""

    titles: list[Row]
    header: Row | None
    data: Iterator[Row]


def split_header(rows: Iterable[Row], values: Callable[[Row], Sequence[Any]]) -> Layout[Row]:
    """Find a sheet's header below blank and title rows, reading no further than needed.

    Why: HR exports put a title ("Personeelslijst 2024", often merged across the columns) and
    blank rows above the column names. Taking the title as the header loses every column name
    and turns the real header into data. The rule, on the non-empty rows from the top:

    - up to :data:`MAX_TITLE_ROWS` rows with one filled cell each, followed by a row with two
      or more filled cells that reads as a header (:func:`looks_like_header`): the one-cell
      rows are titles, that row is the header;
    - otherwise the first non-empty row is the header when it reads as one (a one-column sheet
      keeps its one-cell header), else the sheet has no header and every row is data.

    ``values(row)`` gives a row's cell values; rows are returned as given (tuples of values,
    openpyxl cell rows), so the scanner and the anonymiser share this one rule.
    """
    it = iter(rows)
    lead: list[Row] = []  # non-empty rows read so far: one-cell rows, then possibly a wider one
    for row in it:
        width = filled(values(row))
        if not width:
            continue
        lead.append(row)
        if width > 1 or len(lead) > MAX_TITLE_ROWS:
            break
    if len(lead) > 1 and filled(values(lead[-1])) > 1 and looks_like_header(values(lead[-1])):
        return Layout(lead[:-1], lead[-1], it)
    if lead and looks_like_header(values(lead[0])):
        return Layout([], lead[0], itertools.chain(lead[1:], it))
    return Layout([], None, itertools.chain(lead, it))
