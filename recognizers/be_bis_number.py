"""BE_BIS_NUMBER: Belgian BIS number (KSZ/BCSS number for people not in the national register).

Pattern: the national number's (:data:`.be_national_number.CANDIDATES`): 11 digits
in the forms ``98.47.28-997.65``, ``98472899765``, ``984728 997 65``, not glued into a
code; and, as for the national number, a BIS number of someone born 2000-2009 stored as a
number without its leading zero (``2222823919`` for 02.22.28-239.19), with score 0.3 and
evidence ``{'unpadded': True}``, reported only with a context word or column header.

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
>>> [(m.score, dict(m.evidence)) for m in find('bisnummer 2222823919')]
[(0.3, {'unpadded': True})]
"""

from __future__ import annotations

from collections.abc import Iterator

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from gdprscan.recognizers.be_national_number import CANDIDATES
from gdprscan.recognizers.be_national_number import born_from_2000
from gdprscan.recognizers.be_national_number import find_candidates
from gdprscan.recognizers.be_national_number import mod97_passes
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
TRIGGER = Trigger(min_digits=9, pattern=CANDIDATES)


def _valid_unpadded(digits: str) -> bool:
    """``digits`` zero-padded to 11 is a BIS number of someone born from 2000 (born-2000 check)."""
    number = digits.zfill(11)
    return 20 <= int(number[2:4]) <= 52 and born_from_2000(bis, number)


def _valid(number: str) -> bool:
    """:func:`stdnum.be.bis.is_valid`, after two of its own conditions checked cheaply first (the month
    range and the check digits): most candidates in an HR file are national numbers, not BIS numbers."""
    month = int(number[2:4])
    return (20 <= month <= 32 or 40 <= month <= 52) and mod97_passes(number) and bis.is_valid(number)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    return find_candidates(text, _valid, _valid_unpadded, ENTITY, SCORE, pos, endpos)
