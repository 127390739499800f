"""BE_ID_CARD_NUMBER: the number of a Belgian electronic identity card (eID, kids-ID, foreigner card).

Pattern: 12 digits, printed ``591-1917064-58`` (3-7-2) on the card, or written
compact (``591191706458``). Not inside a structured payment reference
(``+++090/9337/55493+++``, ``***...***``) or a longer digit run.

Validator: :func:`stdnum.be.eid.is_valid`: the last two digits are the first ten
modulo 97 (97 when the remainder is 0).

Scoring: the printed 3-7-2 form gets 0.5. The compact form gets 0.3, below the
default ``--min-score`` of 0.5: twelve digits passing a mod-97 check happen by
chance (one in 97; a structured payment reference uses the very same check), so
it is reported only when a CONTEXT word within 40 characters before it or the
column header raises it to 0.95.

>>> [(m.span, m.score) for m in find('kaartnummer 591-1917064-58')]
[((12, 26), 0.5)]
>>> [m.score for m in find('591191706458')]
[0.3]
>>> list(find('+++090/9337/55493+++'))  # structured payment reference, same check
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from stdnum.be import eid

ENTITY = 'BE_ID_CARD_NUMBER'
SCORE = 0.5
COMPACT_SCORE = 0.3
#: Invoice, order and product numbers pass the checksum by chance: see base.DOCUMENT_NUMBER_WORDS.
NEGATIVE_CONTEXT = DOCUMENT_NUMBER_WORDS
CONTEXT = {
    'nl': ('identiteitskaart', 'eid', 'kaartnummer', 'id-kaart', 'identiteitskaartnummer', 'verblijfskaart'),
    'fr': ("carte d'identité", 'carte eid', 'numéro de carte', 'carte de séjour', 'n° de carte'),
    'en': ('identity card', 'id card', 'card number', 'eid', 'residence card'),
}
PATTERN = re.compile(r'(?<![\d+*/.,-])(?:(\d{3}-\d{7}-\d{2})|\d{12})(?![\d+*/-])(?![.,]\d)')
TRIGGER = Trigger(min_digits=12, pattern=PATTERN)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    for m in PATTERN.finditer(text, pos, len(text) if endpos is None else endpos):
        if eid.is_valid(m.group(0)):
            score = SCORE if m.group(1) else COMPACT_SCORE
            yield Match(ENTITY, m.start(), m.end(), score, 'be_id_card_number')
