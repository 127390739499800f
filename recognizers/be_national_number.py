"""BE_NATIONAL_NUMBER: Belgian national register number (RRN, INSZ, NISS).

YYMMDD, day counter, mod-97 check (over '2' + digits if born from 2000).
python-stdnum checks; a failing candidate is dropped, not scored low.
Score 0.6; the engine raises it to 0.95 when a CONTEXT word occurs within
40 characters before it.

>>> [m.span for m in find('RRN 85.07.30-033.28, tel 02 555 12 12')]
[(4, 19)]
>>> list(find('98.47.28-997.65'))  # a BIS number: see be_bis_number
[]
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.be import nn

from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import match_pattern

ENTITY = 'BE_NATIONAL_NUMBER'
SCORE = 0.6
CONTEXT = {
    'nl': ('rijksregisternummer', 'rijksregister', 'insz', 'rrn', 'identificatienummer', 'ssin'),
    'fr': ('registre national', 'niss', 'numéro national', 'n° national', 'numéro de registre'),
    'en': ('national number', 'national register', 'national registry', 'ssin', 'nrn'),
}
PATTERN = re.compile(r'(?<![\d+/])(?<!\d[.,])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}[-. ]?\d{2}(?![\d/+])(?![.,]\d)')


def _valid(number: str) -> bool:
    """A valid national number, not a BIS number (month + 20/40) which stdnum's nn also accepts."""
    return nn.is_valid(number) and int(number[2:4]) <= 12


def find(text: str) -> Iterator[Match]:
    return match_pattern(text, PATTERN, _valid, ENTITY, SCORE)
