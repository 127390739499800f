"""Pre-commit output: nothing when clean; else one line per finding (at most :data:`MAX_PER_FILE` per
file, then a count) and one hint.

``path:line:col ENTITY masked``, the form editors and CI logs turn into links.
For a table cell the line is the physical line of the match in a CSV, the sheet
row in a workbook (as Excel numbers it, titles above the header counted), and the
column is the header name (``Sheet!name`` for a workbook; ``Sheet!B2`` for a
title, a cell comment or a hyperlink). A value in the file's name is on no line:
``path (file name): ENTITY masked``; one in a sheet's name, ``path (sheet name
Sheet): ENTITY masked`` (the sheet name masked too). The value is always masked here, even with
``--show-values``, and so is a value inside the path (the CLI masks file names
for the hook in any case): hook output ends up in CI logs. Suppressed findings
(pragma, baseline, synthetic) are not shown.
"""

from __future__ import annotations

import re
from typing import Any
from typing import TextIO

from gdprscan.scanner.reporters import printable
from gdprscan.scanner.types import ScanResult

_CELL = re.compile(r'\$?[A-Z]{1,3}\$?(\d+)')
HINT = (
    "gdprscan: {n} finding{s} of personal data. Allow a test value with a 'gdprscan: allow' comment on its "
    'line, accept all current ones with `gdprscan baseline create`, or see docs/pre-commit.md.'
)


def position(location: dict[str, Any]) -> tuple[Any, Any]:
    """(line, column) for ``path:line:col``: text positions, or row + 1 and the header of a cell.

    >>> position({'line': 3, 'column': 7}), position({'sheet': 'Loon', 'column': 'rrn', 'row': 1})
    ((3, 7), (2, 'Loon!rrn'))
    >>> position({'sheet': 'Loon', 'column': 'rrn', 'row': 1, 'cell': 'B4'})
    (4, 'Loon!rrn')
    """
    cell = location.get('cell')
    m = _CELL.match(cell) if location.get('sheet') is not None and isinstance(cell, str) else None
    if m is not None:  # a workbook cell (B4, or a hyperlink's range A1:B2): its sheet row
        return int(m.group(1)), f'{location["sheet"]}!{location.get("column", cell)}'
    if isinstance(location.get('row'), int) and 'column' in location:
        column = location['column']
        if location.get('sheet') is not None:
            column = f'{location["sheet"]}!{column}'
        line = location.get('line')  # CSV: the physical line, as a quoted cell may span lines
        return (line if isinstance(line, int) else location['row'] + 1), column
    if 'line' in location:
        return location['line'], location.get('column', 1)
    if 'row' in location:  # a table in a document: row and cell
        return location['row'], location.get('cell', 1)
    if 'paragraph' in location:
        return location['paragraph'], 1
    return location.get('page', 1), 1


#: Lines per file: a dump committed by mistake must not flood the terminal and the CI log.
MAX_PER_FILE = 20
MORE = 'gdprscan: ... and {n} more finding{s} in {source} (all of them: gdprscan scan {source})'


def write(result: ScanResult, out: TextIO) -> None:
    active = result.active
    if not active:
        return
    shown: dict[str, int] = {}
    for f in active:
        source = printable(f.source)  # a newline or ESC in a file name must not split the line
        shown[source] = shown.get(source, 0) + 1
        if shown[source] > MAX_PER_FILE:
            continue
        if f.location.get('file_name'):  # the value is in the name, on no line
            out.write(f'{source} (file name): {f.entity} {f.masked}\n')
            continue
        if f.location.get('sheet_name'):
            out.write(f'{source} (sheet name {printable(str(f.location["sheet"]))}): {f.entity} {f.masked}\n')
            continue
        line, col = position(f.location)
        out.write(f'{source}:{line}:{col} {f.entity} {f.masked}\n')
    for source, count in shown.items():
        if count > MAX_PER_FILE:
            more = count - MAX_PER_FILE
            out.write(MORE.format(n=more, s='' if more == 1 else 's', source=source) + '\n')
    n = len(active)
    out.write(HINT.format(n=n, s='' if n == 1 else 's') + '\n')
