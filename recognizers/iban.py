"""IBAN_CODE: international bank account numbers of the SEPA countries.

Pattern: country code, two check digits and the BBAN, compact
(``BE71096123456769``) or in groups of four (``BE71 0961 2345 6769``). The
candidate is cut at the country's IBAN length (:data:`LENGTHS`), so a word that
follows a grouped IBAN is not swallowed; a candidate glued to more letters or
digits is dropped.

Validator: :func:`stdnum.iban.is_valid`: ISO 7064 mod 97-10, the country's BBAN
structure and, for some countries (Belgium among them), the national check and
bank code. Note: the textbook ``BE68 5390 0754 7034`` fails it because bank code
539 is not in stdnum's list of Belgian banks.

Scoring: 0.6; the engine raises it to 0.95 with a CONTEXT word within 40
characters before it or in the column header.

>>> [m.span for m in find('IBAN BE71 0961 2345 6769 TEST')]
[(5, 24)]
>>> [m.span for m in find('GR16 0110 1050 0000 1054 7023 795')]
[(0, 33)]
>>> list(find('BE71 0961 2345 6768'))  # checksum
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from stdnum import iban
from stdnum.be import iban as be_iban
from stdnum.util import get_cc_module

ENTITY = 'IBAN_CODE'
SCORE = 0.6
CONTEXT = {
    'nl': ('iban', 'rekeningnummer', 'rekening', 'bankrekening', 'bankrekeningnummer', 'rek.nr', 'rek'),
    'fr': ('iban', 'compte', 'numéro de compte', 'compte bancaire', 'n° de compte'),
    'en': ('iban', 'account', 'account number', 'bank account'),
}
#: IBAN length per SEPA country (EPC list, 2025), including Albania, Moldova, Montenegro, North Macedonia.
LENGTHS = {
    'AD': 24,
    'AL': 28,
    'AT': 20,
    'BE': 16,
    'BG': 22,
    'CH': 21,
    'CY': 28,
    'CZ': 24,
    'DE': 22,
    'DK': 18,
    'EE': 20,
    'ES': 24,
    'FI': 18,
    'FR': 27,
    'GB': 22,
    'GI': 23,
    'GR': 27,
    'HR': 21,
    'HU': 28,
    'IE': 22,
    'IS': 26,
    'IT': 27,
    'LI': 21,
    'LT': 20,
    'LU': 20,
    'LV': 21,
    'MC': 27,
    'MD': 24,
    'ME': 22,
    'MK': 19,
    'MT': 31,
    'NL': 18,
    'NO': 15,
    'PL': 28,
    'PT': 25,
    'RO': 24,
    'SE': 24,
    'SI': 19,
    'SK': 24,
    'SM': 27,
    'VA': 22,
}
#: Every SEPA IBAN holds a run of at least ten digits (NL: ``0417164300``).
PATTERN = re.compile(r'(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}')
TRIGGER = Trigger(min_digits=10, before=34, after=34, pattern=PATTERN)


@lru_cache(maxsize=8192)
def is_valid(candidate: str) -> bool:
    """stdnum's check, cached: an employee's IBAN recurs, and one check costs 40-100 us (bank tables).

    For a country with its own stdnum module that module's ``is_valid`` is exactly what
    :func:`stdnum.iban.is_valid` calls after its generic check, which the module repeats;
    calling it directly skips the first, redundant, table lookup. Belgian IBANs, most of
    what a Belgian HR share holds, take :func:`_belgian`.
    """
    if candidate.startswith('BE'):
        return _belgian(candidate.replace(' ', ''))
    module = get_cc_module(candidate[:2].lower(), 'iban')
    return bool(module.is_valid(candidate)) if module is not None else iban.is_valid(candidate)


def _belgian(number: str) -> bool:
    """:func:`stdnum.be.iban.is_valid` for a compact ``BE`` candidate, with its bank lookup cached.

    The same three checks, in the same terms: twelve digits of BBAN, the IBAN's ISO 7064
    check digits, the account's own mod-97 check digits, and a bank code that stdnum's
    table of Belgian banks knows. Only the table lookup (about 25 us) is cached, per bank
    code; a test compares this with stdnum on random numbers.
    """
    if len(number) != 16 or not number[2:].isdigit():
        return False
    # ISO 7064 mod 97-10 over BBAN + 'BE' (B=11, E=14) + check digits, as stdnum's mod_97_10 computes it
    # character by character; one int() is a twentieth of the cost.
    if int(number[4:] + '1114' + number[2:4]) % 97 != 1:
        return False
    check = int(number[4:14]) % 97 or 97
    return int(number[14:]) == check and _known_bank(number[4:7])


@lru_cache(maxsize=1024)
def _known_bank(code: str) -> bool:
    return bool(be_iban.info('BE00' + code + '000000000'))


def _cut(text: str, start: int, end: int, length: int) -> int | None:
    """End offset after ``length`` alphanumerics from ``start``, or None when the match is shorter."""
    seen = 0
    for i in range(start, end):
        if text[i] != ' ':
            seen += 1
            if seen == length:
                return i + 1
    return None


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    for m in PATTERN.finditer(text, pos, len(text) if endpos is None else endpos):
        start = m.start()
        length = LENGTHS.get(text[start : start + 2])
        if length is None:
            continue
        end = _cut(text, start, m.end(), length)
        if end is None or (end < len(text) and text[end].isalnum()):
            continue  # too short, or glued to more letters or digits
        if is_valid(text[start:end]):
            yield Match(ENTITY, start, end, SCORE, 'iban')
