"""BE_ENTERPRISE_NUMBER: Belgian enterprise number (KBO/BCE, ondernemingsnummer) and BE VAT number.

Pattern: ten digits starting with 0 or 1, as ``0403.019.261``, ``0403 019 261``,
``0403019261``, with or without the VAT prefix (``BE0403019261``, ``BE 0403.019.261``),
and the old nine-digit VAT form (``BE403019261``, prefix required).

Validator: :func:`stdnum.be.vat.is_valid` (first eight digits plus the last two
are 0 modulo 97). A failing candidate is dropped.

Scoring: 0.5 for the dotted/spaced form or a ``BE`` prefix. A bare compact ten-digit
number gets 0.3 (below the default ``--min-score``): a Belgian mobile number
(``0470123456``) has the same shape and one in 97 passes the check, so it needs a
CONTEXT word or column header (raised to 0.95). An enterprise number identifies a
person only for sole traders; the categories file says so.

>>> [(m.span, m.score) for m in find('KBO 0403.019.261')]
[((4, 16), 0.5)]
>>> [m.span for m in find('BTW BE 428759497.')]
[(4, 16)]
>>> list(find('BE431150351'))  # checksum
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from stdnum.be import vat

ENTITY = 'BE_ENTERPRISE_NUMBER'
SCORE = 0.5
COMPACT_SCORE = 0.3
CONTEXT = {
    'nl': ('ondernemingsnummer', 'kbo', 'btw', 'btw-nummer', 'btw nr', 'kbo-nummer', 'vestigingseenheid'),
    'fr': ("numéro d'entreprise", 'bce', 'tva', 'n° tva', "numéro d'entreprise bce"),
    'en': ('enterprise number', 'company number', 'vat', 'vat number', 'registration number'),
}
PATTERN = re.compile(
    r'(?<![\w+*/.,-])(?:(?P<vat>BE[ ]?(?:[01]\d{3}[. ]?\d{3}[. ]?\d{3}|\d{3}[. ]?\d{3}[. ]?\d{3}))'
    r'|(?P<grouped>[01]\d{3}(?P<sep>[. ])\d{3}(?P=sep)\d{3})|[01]\d{9})(?![\w+*/-])(?![.,]\d)'
)
TRIGGER = Trigger(min_digits=9, pattern=PATTERN)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    for m in PATTERN.finditer(text, pos, len(text) if endpos is None else endpos):
        value = m.group(0)
        if vat.is_valid(value):
            score = SCORE if m.group('vat') or m.group('grouped') else COMPACT_SCORE
            yield Match(ENTITY, m.start(), m.end(), score, 'be_enterprise_number')
