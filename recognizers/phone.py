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
characters before it or in the column header, and lowers it to 0.3 (below the default
``--min-score``) with a NEGATIVE_CONTEXT word there instead (``Order 0470123456``,
``Bestelbon 024567890``, a column ``bestelnummer``): about half of all random 9-digit
numbers with a leading 0 pass Belgium's numbering plan (15 of QA's 30 order numbers).

Compact Belgian numbers (:data:`COMPACT`: trunk 0 and nine or ten digits without any
separator, ``0470123456``) score :data:`COMPACT_SCORE` 0.4, so without context they are not
reported by default. People write phone numbers with separators (``0470 12 34 56``,
``02/555.12.12``); a bare run of digits is what order, batch, lot, customer and reference
numbers look like, and a column of phone numbers has a header that says so (``gsm``,
``telefoon``, ``phone``: 0.95). Measured on ``benchmarks/eval/identifiers.jsonl`` (31 phone
numbers; 25 documents with order, batch, lot, invoice, dossier and access-code numbers as hard
negatives), phone numbers at ``--min-score 0.5``:

===========================================  =====  =========  ======  =====
rule                                         found  precision  recall  F1
===========================================  =====  =========  ======  =====
before: 0.5 for every form, no counter words    60      0.517   1.000  0.681
NEGATIVE_CONTEXT only                            38      0.816   1.000  0.899
compact 0.4 only                                 28      1.000   0.903  0.949
both (this module)                               28      1.000   0.903  0.949
===========================================  =====  =========  ======  =====

The cost: a compact number after a word that is no context word (``bereikbaar op 0477889900``,
a signature line ``T 0472335577``) is not reported; ``--min-score 0.4`` brings it back. Both rules
are kept: counter words also demote a number with separators (``Bestelling 0470 12 34 56``), and
the compact rule covers codes under headers no word list knows (``dossiernummer``, ``code``).
The + forms (``+32470123456``) keep 0.5.

>>> [m.span for m in find('tel 02 555 12 12 of gsm 0470/12.34.56')]
[(4, 16), (24, 37)]
>>> [m.span for m in find('call +33 1 23 45 67 89')]
[(5, 22)]
>>> list(find('op 01/02/2024 om 10:15'))  # a date and a time
[]
>>> [m.score for m in find('0470 12 34 56 of 0470123456')]  # a compact number scores lower
[0.5, 0.4]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger

ENTITY = 'PHONE_NUMBER'
SCORE = 0.5
CONTEXT = {
    'nl': ('tel', 'telefoon', 'telefoonnummer', 'gsm', 'gsm-nummer', 'mobiel', 'bel', 'fax', 'tel.nr'),
    'fr': ('tél', 'téléphone', 'numéro de téléphone', 'gsm', 'portable', 'mobile', 'fax', 'appeler'),
    'en': ('tel', 'phone', 'telephone', 'mobile', 'cell', 'call', 'fax', 'phone number'),
}
#: Document words that also name a person (a customer, a ticket's caller, an article of a text) are
#: left out: a phone number often follows them.
_PERSON_SIDE = frozenset(('client', 'customer', 'ticket', 'product', 'produit', 'item', 'article', 'artikel'))
#: Order, invoice, batch, lot, reference, tracking and serial numbers: see base.DOCUMENT_NUMBER_WORDS.
NEGATIVE_CONTEXT = {
    lang: tuple(w for w in words if w not in _PERSON_SIDE) for lang, words in DOCUMENT_NUMBER_WORDS.items()
}
PATTERN = re.compile(
    r'(?<![\w+*/.,-])(?<![A-Z][A-Z]\d\d )(?:(?:\+|00)[1-9]\d{0,2}[ .\-/]?(?:\(0\)[ .\-/]?)?|0)'
    r'\d{1,4}(?:[ .\-/]?\d{2,4}){1,5}(?![\w+*/-])(?![.,:]\d)'
)
DATE = re.compile(r'\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}')
#: A Belgian number has nine or ten digits with the trunk 0 (02 555 12 12, 0800 12 345, 0470 12 34 56);
#: fewer digits, also in + form, are too weak a signal.
MIN_DIGITS = 9
#: A Belgian national number without any separator: the shape of an order or batch number.
COMPACT = re.compile(r'0[1-9]\d{7,8}')
COMPACT_SCORE = 0.4
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
        candidate = m.group(0)
        if is_valid(candidate):
            score = COMPACT_SCORE if COMPACT.fullmatch(candidate) else SCORE
            yield Match(ENTITY, m.start(), m.end(), score, 'phone')
