"""CREDIT_CARD: payment card numbers (Visa, Mastercard, Maestro, Bancontact, Amex, Diners, JCB, Discover).

Pattern: 4-4-4-4(-1..3) groups separated by a space or '-', the Amex 4-6-5 and
Diners 4-6-4 layouts, or 12 to 19 digits compact. Not glued to more digits.

Validator: :func:`stdnum.luhn.is_valid`, plus a plausible issuer prefix (IIN)
and length for that network (:func:`plausible`): Visa 4 (16-19 digits; the old
13-digit Visa collides with EAN-13 barcodes), Mastercard 51-55 and 2221-2720 (16),
Amex 34/37 (15), Diners 300-305/36/38 (14-19), Discover 6011/644-649/65 (16-19),
JCB 3528-3589 (16-19), Maestro and Bancontact 50/56-69/6703 (12-19).

Scoring: 0.5 for a grouped number; 0.3 for a compact one (order numbers and
reference codes of 16 digits pass the Luhn check one time in ten), which needs a
CONTEXT word within 40 characters before it or the column header (0.95).

>>> [(m.span, m.score) for m in find('Visa 4111 1111 1111 1111')]
[((5, 24), 0.5)]
>>> [m.score for m in find('card: 5555555555554444')]
[0.3]
>>> list(find('4111 1111 1111 1112'))  # Luhn
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from stdnum import luhn

ENTITY = 'CREDIT_CARD'
SCORE = 0.5
COMPACT_SCORE = 0.3
#: Invoice, order and product numbers pass the checksum by chance: see base.DOCUMENT_NUMBER_WORDS.
NEGATIVE_CONTEXT = DOCUMENT_NUMBER_WORDS
CONTEXT = {
    'nl': ('kredietkaart', 'creditcard', 'bankkaart', 'kaartnummer', 'visa', 'mastercard', 'betaalkaart'),
    'fr': ('carte de crédit', 'carte bancaire', 'numéro de carte', 'visa', 'mastercard', 'carte'),
    'en': ('credit card', 'card number', 'card', 'visa', 'mastercard', 'amex', 'pan'),
}
PATTERN = re.compile(
    r'(?<![\d+*/.,-])(?:(?P<g>\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{1,3})?'
    r'|\d{4}(?P<a>[ -])\d{6}(?P=a)\d{4,5})|\d{12,19})(?![\d+*/-])(?![.,]\d)'
)
TRIGGER = Trigger(min_digits=12, pattern=PATTERN)


def plausible(digits: str) -> bool:
    """An issuer prefix that exists with this many digits."""
    n, two, four = len(digits), int(digits[:2]), int(digits[:4])
    if digits[0] == '4':
        return 16 <= n <= 19
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (34, 37):
        return n == 15
    if 300 <= int(digits[:3]) <= 305 or two in (36, 38):
        return 14 <= n <= 19
    if four == 6011 or 644 <= int(digits[:3]) <= 649 or two == 65:
        return 16 <= n <= 19
    if 3528 <= four <= 3589:
        return 16 <= n <= 19
    if two == 50 or 56 <= two <= 69:
        return 12 <= n <= 19
    return False


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    for m in PATTERN.finditer(text, pos, len(text) if endpos is None else endpos):
        digits = m.group(0).replace(' ', '').replace('-', '')
        if plausible(digits) and luhn.is_valid(digits):
            score = SCORE if m.group('g') else COMPACT_SCORE
            yield Match(ENTITY, m.start(), m.end(), score, 'credit_card')
