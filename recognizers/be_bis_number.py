"""BE_BIS_NUMBER: Belgian BIS number (KSZ/BCSS number for people not in the national register).

Pattern: the national number's (:data:`.be_national_number.PATTERN`): 11 digits
in the forms ``98.47.28-997.65``, ``98472899765``, ``984728 997 65``.

Validator: :func:`stdnum.be.bis.is_valid`: mod 97 like the national number
(with the born-2000 rule), and a month increased by 20 (sex known) or 40 (sex
unknown). A failing candidate is dropped.

Scoring: 0.6; the engine raises it to 0.95 with a CONTEXT word within 40
characters before it or in the column header.

>>> [m.span for m in find('BIS 98.47.28-997.65')]
[(4, 19)]
>>> [m.entity for m in find('01 49 07 001 85')]
['BE_BIS_NUMBER']
>>> list(find('85.07.30-033.28'))  # a national number, not a BIS number
[]
"""

from __future__ import annotations

from collections.abc import Iterator

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from gdprscan.recognizers.base import match_pattern
from gdprscan.recognizers.be_national_number import PATTERN
from stdnum.be import bis

ENTITY = 'BE_BIS_NUMBER'
SCORE = 0.6
#: Invoice, order and product numbers pass the checksum by chance: see base.DOCUMENT_NUMBER_WORDS.
NEGATIVE_CONTEXT = DOCUMENT_NUMBER_WORDS
CONTEXT = {
    'nl': ('bisnummer', 'bis-nummer', 'bis', 'kruispuntbank', 'ksz', 'insz'),
    'fr': ('numéro bis', 'bis', 'bcss', 'banque carrefour', 'niss'),
    'en': ('bis number', 'bis', 'crossroads bank', 'ssin'),
}
TRIGGER = Trigger(min_digits=11, pattern=PATTERN)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    return match_pattern(text, PATTERN, bis.is_valid, ENTITY, SCORE, pos=pos, endpos=endpos)
