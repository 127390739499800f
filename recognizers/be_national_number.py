"""BE_NATIONAL_NUMBER: Belgian national register number (rijksregisternummer, INSZ, NISS, RRN).

Pattern: 11 digits YYMMDD-CCC-KK in every common form: ``85.07.30-033.28``,
``85073003328``, ``850730 033 28``, ``850730-033-28``, ``85 07 30 033 28``. Not when
glued to more digits, inside a structured payment reference (``+++...+++``,
``***...***``, slashes) or followed by a decimal part (an amount).

Validator: :func:`stdnum.be.nn.is_valid` (mod 97; for people born from 2000 the
check runs over '2' + the first nine digits), restricted to months 0-12: a month
plus 20 or 40 is a BIS number (:mod:`.be_bis_number`), which stdnum's ``nn``
also accepts. A failing candidate is dropped, not scored low.

Scoring: 0.6 (one random 11-digit number in 97 passes the check); the engine
raises it to 0.95 when a CONTEXT word occurs within 40 characters before it or in
the column header.

>>> [m.span for m in find('RRN 85.07.30-033.28, tel 02 555 12 12')]
[(4, 19)]
>>> [m.span for m in find('born 2017: 17073003384')]
[(11, 22)]
>>> list(find('98.47.28-997.65'))  # a BIS number: see be_bis_number
[]
>>> list(find('85.07.30-033.29'))  # checksum
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from gdprscan.recognizers.base import match_pattern
from stdnum.be import nn

ENTITY = 'BE_NATIONAL_NUMBER'
SCORE = 0.6
#: Invoice, order and product numbers pass the checksum by chance: see base.DOCUMENT_NUMBER_WORDS.
NEGATIVE_CONTEXT = DOCUMENT_NUMBER_WORDS
CONTEXT = {
    'nl': (
        'rijksregisternummer',
        'rijksregister',
        'insz',
        'rrn',
        'identificatienummer',
        'ssin',
        'insz-nummer',
    ),
    'fr': ('registre national', 'niss', 'numéro national', 'n° national', 'numéro de registre', 'nn'),
    'en': ('national number', 'national register', 'national registry', 'ssin', 'nrn'),
}
#: YYMMDD with optional '.'/' ' inside, then counter and check with optional '-', '.' or ' '.
PATTERN = re.compile(
    r'(?<![\d+*/])(?<!\d[.,])\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[-. ]?\d{2}(?![\d/+*])(?![.,]\d)'
)
TRIGGER = Trigger(min_digits=11, pattern=PATTERN)


def _valid(number: str) -> bool:
    """A valid national number, not a BIS number (month + 20/40) which stdnum's nn also accepts."""
    return nn.is_valid(number) and int(number[2:4]) <= 12


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    return match_pattern(text, PATTERN, _valid, ENTITY, SCORE, pos=pos, endpos=endpos)
