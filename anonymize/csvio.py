"""Reading and writing CSV/TSV copies in SOURCE's own dialect, as leniently as the scanner reads it.

:class:`csv.Sniffer` gives a file without doubled quotes ``doublequote=False`` and no escape
character. :mod:`csv` then *reads* a quote inside an unquoted cell as it stands (``O"Brien``,
``5'11"``: what `gdprscan scan` reports on), but its writer refuses to write that same cell
('need to escape, but no escapechar set'). A file the scan reads must not be left out of the copy for
that, so :class:`RowWriter` writes such a cell the way the reader reads it back. What cannot be
written or read is one line (:class:`~gdprscan.scanner.types.ExtractError`) with the line number
and :mod:`csv`'s own message, which never holds a cell's value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from collections.abc import Sequence
from typing import IO
from typing import Any

from gdprscan.scanner.types import ExtractError


def reader(f: IO[str], dialect: Any) -> Iterator[list[str]]:
    """``csv.reader(f, dialect)``; an error names the line and :mod:`csv`'s reason."""
    rows = csv.reader(f, dialect)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            raise ExtractError(f'unreadable CSV at line {rows.line_num} (csv.Error: {e})') from None
        yield row


class RowWriter:
    """``csv.writer`` in SOURCE's dialect, which also writes the cells that dialect reads but cannot write.

    With ``doublequote=False``, no escape character and minimal quoting, the reader takes a quote in
    an unquoted cell as it stands and, after a quoted part, joins what follows the closing quote to
    the cell. So a cell with a quote is written as it is when it has no delimiter or line break and
    does not start with the quote (``O"Brien``), else quoted up to its last delimiter or line break
    with the rest after the closing quote (``"a,b"c"d`` reads back as ``a,bc"d``). A cell with a quote
    before its last delimiter or line break has no spelling in that dialect: one line, no value.
    """

    def __init__(self, f: IO[str], dialect: Any, lineterminator: str) -> None:
        self._f = f
        self._writer = csv.writer(f, dialect, lineterminator=lineterminator)
        self._buf = io.StringIO()
        self._one = csv.writer(self._buf, dialect, lineterminator='')
        self._lenient = (
            getattr(dialect, 'quoting', csv.QUOTE_MINIMAL) == csv.QUOTE_MINIMAL
            and not getattr(dialect, 'doublequote', True)
            and getattr(dialect, 'escapechar', None) is None
            and bool(getattr(dialect, 'quotechar', None))
        )
        self._delimiter = str(dialect.delimiter)
        self._quote = str(getattr(dialect, 'quotechar', '') or '')
        self._skipspace = bool(getattr(dialect, 'skipinitialspace', False))
        self._lineterminator = lineterminator
        self.rows = 0

    def writerow(self, row: Sequence[str]) -> None:
        self.rows += 1
        try:
            self._writer.writerow(row)  # csv builds the whole line first: nothing is written on an error
            return
        except csv.Error as e:
            if not self._lenient:
                raise self._error(e) from None
        self._f.write(self._delimiter.join(self._cell(c) for c in row) + self._lineterminator)

    def _cell(self, cell: str) -> str:
        if not cell:
            return ''  # (a lone empty field would be written as "" by csv)
        self._buf.seek(0)
        self._buf.truncate()
        try:
            self._one.writerow([cell])
            return self._buf.getvalue()
        except csv.Error:
            pass
        cut = max(cell.rfind(self._delimiter), cell.rfind('\n'), cell.rfind('\r')) + 1
        if cut == 0 and not cell.startswith(self._quote) and not (self._skipspace and cell[:1].isspace()):
            return cell  # O"Brien: the reader reads it back as it stands
        head = cell[:cut]
        if self._quote in head:
            why = 'a cell has a quote before a delimiter or line break (no doubled quotes, no escape char)'
            raise self._error(csv.Error(why))
        return f'{self._quote}{head}{self._quote}{cell[cut:]}'

    def _error(self, e: csv.Error) -> ExtractError:
        return ExtractError(
            f'cannot write row {self.rows} of the copy in the CSV dialect of SOURCE (csv.Error: {e})'
        )


def writer(f: IO[str], dialect: Any, lineterminator: str) -> RowWriter:
    return RowWriter(f, dialect, lineterminator)
