"""CSV: one row per active finding, for spreadsheets; fixed columns, location flattened.

Columns (always in this order): ``source``, the location keys of :data:`LOCATION`
(empty when a source has no such key), ``location`` (any other location keys, as
JSON), ``entity``, ``categories`` (``;``-separated ids), ``article``, ``score``,
``recognizer``, ``masked``, and ``value`` only with ``--show-values``.

A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
leading apostrophe: a masked phone number (``+** *** ** ** 56``) or a crafted
file name would otherwise run as a formula in Excel or LibreOffice.
"""

from __future__ import annotations

import csv
import json
from typing import Any
from typing import TextIO

from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.types import ScanResult

#: Location keys with a column of their own, in column order.
LOCATION = ('sheet', 'table', 'schema', 'page', 'paragraph', 'line', 'column', 'row', 'cell')
COLUMNS = (
    'source',
    *LOCATION,
    'location',
    'entity',
    'categories',
    'article',
    'score',
    'recognizer',
    'masked',
)
_FORMULA_START = ('=', '+', '-', '@', '\t', '\r')


def _cell(value: Any) -> str:
    text = '' if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write(result: ScanResult, out: TextIO) -> None:
    values = show_values(result)
    columns = COLUMNS + (('value',) if values else ())
    w = csv.writer(out, lineterminator='\r\n')
    w.writerow(columns)
    for f in result.active:
        loc = f.location
        other = {k: v for k, v in loc.items() if k not in LOCATION}
        row = [
            f.source,
            *(loc.get(k) for k in LOCATION),
            json.dumps(other, ensure_ascii=False, sort_keys=True) if other else '',
            f.entity,
            ';'.join(f.categories),
            f.article,
            round(f.score, 3),
            f.recognizer,
            f.masked,
        ]
        if values:
            row.append(f.value)
        w.writerow([_cell(v) for v in row])
