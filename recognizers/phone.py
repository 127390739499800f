"""PHONE_NUMBER: Belgian phone numbers in national and international form; others in international form.

Pattern: Belgian national forms starting with 0 (``02 555 12 12``,
``0470 12 34 56``, ``0470/12.34.56``, ``0470123456``), and every country with
``+`` or ``00`` (``+32 470 12 34 56``, ``+32 (0)2 555 12 12``, ``0032 470 12 34 56``,
``+33 1 23 45 67 89``): groups of digits separated by a space, '.', '-' or '/'.
Not glued to more digits or letters, not inside a structured payment
reference, not a date (``01/02/2024``) or a time or amount that follows.

Validator: at least nine digits (as every Belgian number with its trunk 0), then
:func:`phonenumbers.parse` with default region BE, then
:func:`phonenumbers.is_valid_number` (the country's numbering plan: length and
prefixes). Only candidates are parsed: ``PhoneNumberMatcher`` over a whole text is
far too slow for a file share. A digit group right after an IBAN's country and check
digits (``BE68 5390 ...``) is part of that IBAN, not a phone number.

Speed: parsing costs about 15 us, and an HR export holds a phone number on every row.
Belgium's numbering plan in phonenumbers decides validity from the length and the first
four digits of the national number, so for Belgian numbers (``0...``, ``+32``, ``0032``)
the verdict is cached by the candidate's layout (its digits replaced by ``9``) and its
first :data:`PLAN_PREFIX` national digits; a test checks the cache against phonenumbers
on random numbers. Other countries are parsed every time.

Scoring: 0.5; the engine raises it to 0.95 with a CONTEXT word within 40
characters before it or in the column header.

>>> [m.span for m in find('tel 02 555 12 12 of gsm 0470/12.34.56')]
[(4, 16), (24, 37)]
>>> [m.span for m in find('call +33 1 23 45 67 89')]
[(5, 22)]
>>> list(find('op 01/02/2024 om 10:15'))  # a date and a time
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger

ENTITY = 'PHONE_NUMBER'
SCORE = 0.5
CONTEXT = {
    'nl': ('tel', 'telefoon', 'telefoonnummer', 'gsm', 'gsm-nummer', 'mobiel', 'bel', 'fax', 'tel.nr'),
    'fr': ('tél', 'téléphone', 'numéro de téléphone', 'gsm', 'portable', 'mobile', 'fax', 'appeler'),
    'en': ('tel', 'phone', 'telephone', 'mobile', 'cell', 'call', 'fax', 'phone number'),
}
PATTERN = re.compile(
    r'(?<![\w+*/.,-])(?<![A-Z][A-Z]\d\d )(?:(?:\+|00)[1-9]\d{0,2}[ .\-/]?(?:\(0\)[ .\-/]?)?|0)'
    r'\d{1,4}(?:[ .\-/]?\d{2,4}){1,5}(?![\w+*/-])(?![.,:]\d)'
)
DATE = re.compile(r'\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}')
#: A Belgian number has nine or ten digits with the trunk 0 (02 555 12 12, 0800 12 345, 0470 12 34 56);
#: fewer digits, also in + form, are too weak a signal.
MIN_DIGITS = 9
TRIGGER = Trigger(min_digits=MIN_DIGITS, pattern=PATTERN)


#: National digits of a Belgian number that, with its layout and length, decide validity.
PLAN_PREFIX = 4
_DIGITS = re.compile(r'\d')
_NOT_DIGITS = re.compile(r'\D')
#: Belgian forms whose national number is plain to see: trunk 0, +32 or 0032, and no '(0)'.
_BELGIAN = re.compile(r'(?:0|\+32[ .\-/]?|0032[ .\-/]?)[1-9]')
_plan_verdicts: dict[tuple[str, str], bool] = {}
MAX_VERDICTS = 1 << 16


@lru_cache(maxsize=8192)
def is_valid(candidate: str) -> bool:
    """A number of a real numbering plan (default region BE); cached, as a person's number recurs."""
    digits = _NOT_DIGITS.sub('', candidate)
    if len(digits) < MIN_DIGITS or DATE.search(candidate):
        return False
    if _BELGIAN.match(candidate) and '(' not in candidate:
        trunk = 1 if candidate[1] != '0' else 4  # 0470..., or 0032 470...
        national = digits[2:] if candidate[0] == '+' else digits[trunk:]
        key = (_DIGITS.sub('9', candidate), national[:PLAN_PREFIX])
        verdict = _plan_verdicts.get(key)
        if verdict is None:
            if len(_plan_verdicts) >= MAX_VERDICTS:
                _plan_verdicts.clear()
            verdict = _plan_verdicts[key] = parse_valid(candidate)
        return verdict
    return parse_valid(candidate)


def parse_valid(candidate: str) -> bool:
    """phonenumbers' own verdict, without any cache."""
    try:
        number = phonenumbers.parse(candidate, 'BE')
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    for m in PATTERN.finditer(text, pos, len(text) if endpos is None else endpos):
        if is_valid(m.group(0)):
            yield Match(ENTITY, m.start(), m.end(), SCORE, 'phone')
