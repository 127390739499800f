"""BE_NATIONAL_NUMBER: Belgian national register number (rijksregisternummer, INSZ, NISS, RRN).

Pattern: 11 digits YYMMDD-CCC-KK in every common form: ``85.07.30-033.28``,
``85073003328``, ``850730 033 28``, ``850730-033-28``, ``85 07 30 033 28``. Not when
glued to more digits or letters (``INV85073003328``, ``85073003328A``, a hash), hyphened
into a code (``SN-85073003328-X``, ``ART-85073003328``: an upper-case or digit token joined
by '-', unless that token is a context word such as ``RRN-``), inside a structured payment
reference (``+++...+++``, ``***...***``, slashes) or followed by a decimal part (an amount);
``85073003328.0``, a whole number written as a float (pandas, JSON), is a national number.
An underscore is a separator (``scan_85073003328.pdf`` is a scanned document of a person).

Without its leading zero (:data:`UNPADDED`): a number stored as a number (an Excel or
JSON number, a CSV re-saved by Excel, an integer column) loses the leading zero of people
born 2000-2009: ``03.02.14-122.49`` becomes ``3021412249`` (10 digits; born October to
December 2000: 9 digits). A bare run of 9 or 10 digits not starting with 0 whose zero-padded
11-digit form is valid under the born-2000 rule only (so a chance pass of the 1900 rule, a
person aged over 115, does not count) is a match with score :data:`UNPADDED_SCORE` (0.3,
below the default ``--min-score`` 0.5) and evidence ``{'unpadded': True}``: one random
number in 97 with a date-like start passes, and 9-10 digit customer, order and account
numbers are everywhere. The engine raises it to 0.95 when a CONTEXT word precedes it or
the column header (CSV, XLSX, database) or JSON key names a national number (``insz``,
``rrn_num``, ``NISS``), so it is reported only then. The value stays the digits as written.
Not covered: born January to September 2000, 8 digits (``42529777`` for 00.04.25-297.77).
Digit clusters of 8 digits (dates such as ``12.03.2024``) are the commonest in a file share;
letting the engine's prefilter hand them to this recogniser cost 12-14% of identifier-profile
detection speed (CPU time, generated share of ``benchmarks/gen_share.py``), against 0-7% for 9
and 10 digits with :data:`CANDIDATES` as one regex.

Validator: :func:`stdnum.be.nn.is_valid` (mod 97; for people born from 2000 the
check runs over '2' + the first nine digits), restricted to months 0-12: a month
plus 20 or 40 is a BIS number (:mod:`.be_bis_number`), which stdnum's ``nn``
also accepts. A failing candidate is dropped, not scored low.

Scoring: 0.6 (one random 11-digit number in 97 passes the check); the engine
raises it to 0.95 when a CONTEXT word occurs within 40 characters before it or in
the column header, and lowers it to 0.3 on a NEGATIVE_CONTEXT word there instead
(invoice, order, batch, tracking and serial numbers: ``Track & trace: 82040208949``), except for the
official form ``85.07.30-033.28`` (evidence ``official_form``), which no document number takes.

>>> [m.span for m in find('RRN 85.07.30-033.28, tel 02 555 12 12')]
[(4, 19)]
>>> [m.span for m in find('born 2017: 17073003384')]
[(11, 22)]
>>> list(find('98.47.28-997.65'))  # a BIS number: see be_bis_number
[]
>>> list(find('85.07.30-033.29'))  # checksum
[]
>>> [(m.span, m.score, dict(m.evidence)) for m in find('INSZ 3021412249')]  # 03.02.14-122.49
[((5, 15), 0.3, {'unpadded': True})]
>>> list(find('Serienummer SN-85073003328-X'))  # hyphened into a code
[]
>>> [m.span for m in find('insz: 85073003328.0, bedrag 85073003328.25')]  # a float; an amount
[(6, 17)]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

from gdprscan.recognizers.base import DOCUMENT_NUMBER_WORDS
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger
from gdprscan.recognizers.base import context_words
from stdnum.be import nn
from stdnum.exceptions import ValidationError

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
        'rijksregisternr',
        'rijksreg',
        'rr-nummer',
        'rr nummer',
        'rr-nr',
        'nationaal nummer',
        'nat nr',
        'nat. nr',
    ),
    'fr': ('registre national', 'niss', 'numéro national', 'n° national', 'numéro de registre', 'nn'),
    'en': ('national number', 'national register', 'national registry', 'ssin', 'nrn'),
}
#: A letter or digit that may not touch a candidate: ASCII and Latin-1 (one class is cheaper than ``\w``
#: minus '_'; '_' is a separator, as in file names).
_ALNUM = '0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff'
_BEFORE = rf'(?<![{_ALNUM}+*/])(?<!\d[.,])'
#: Not followed by a decimal part (an amount), except '.0' to '.000': a number written as a float, which is
#: what pandas writes for a whole column of national numbers once one value is missing (85073003328.0).
_NO_DECIMALS = r'(?!,\d)(?!\.(?!0{1,3}(?!\d))\d)'
#: YYMMDD with optional '.'/' ' inside, then counter and check with optional '-', '.' or ' '.
_ELEVEN = rf'\d{{2}}[. ]?\d{{2}}[. ]?\d{{2}}[-. ]?\d{{3}}[-. ]?\d{{2}}(?![/+*{_ALNUM}]){_NO_DECIMALS}'
#: A national number stored as a number (born 2000-2009, leading zeros lost): 9 or 10 bare digits.
_BARE = rf'(?<![_.,-])[1-9]\d{{8,9}}(?![\w/+*-]){_NO_DECIMALS}'
PATTERN = re.compile(_BEFORE + _ELEVEN)
UNPADDED = re.compile(_BEFORE + _BARE)
#: Both shapes in one regex, for the engine's prefilter and :func:`find` (the 11-digit shape first). The
#: engine searches it in a window around every cluster of 9 or more digits: one alternation after shared
#: look-behinds is about twice as fast as two patterns joined by '|'.
CANDIDATES = re.compile(f'{_BEFORE}(?:{_ELEVEN}|{_BARE})')
#: The form the national register and social secretariats print (``85.07.30-033.28``). Invoice, order and
#: reference numbers are not written so, so a counter-context word (``Uw referentie``, a ``referentie``
#: column: letters of mutualities and the RVA use the INSZ as the reference) does not demote it; see
#: ``Engine._boost``.
OFFICIAL = re.compile(r'\d\d\.\d\d\.\d\d-\d{3}\.\d\d')
OFFICIAL_EVIDENCE = {'official_form': True}
#: Below the default --min-score: an unpadded number is reported only with context (see above).
UNPADDED_SCORE = 0.3
TRIGGER = Trigger(min_digits=9, pattern=CANDIDATES)
#: An upper-case or digit code joined by '-' right before or after a candidate (``SN-``, ``-X``).
_CODE_BEFORE = re.compile(r'(?<![^\W_])([A-Z0-9]{1,8})-$')
_CODE_AFTER = re.compile(r'-[A-Z0-9]{1,8}(?![^\W_])')
#: The separators :data:`CANDIDATES` allows ('.', ' ', '-'), deleted: cheaper than a regex substitution.
_SEPARATORS = str.maketrans('', '', '. -')
_CONTEXT_WORDS = frozenset(w for w in context_words(CONTEXT) if ' ' not in w)


def free_standing(text: str, start: int, end: int) -> bool:
    """False when ``text[start:end]`` is hyphened into a code (``SN-85073003328-X``), not a number alone."""
    before = _CODE_BEFORE.search(text, max(0, start - 9), start)
    if before is not None and before.group(1).lower() not in _CONTEXT_WORDS:
        return False
    return _CODE_AFTER.match(text, end) is None


def mod97_passes(number: str) -> bool:
    """The 11-digit ``number``'s check digits hold under the 1900 or the born-2000 rule.

    A necessary condition of stdnum's ``nn`` and ``bis`` checks, at a tenth of their cost: a
    candidate that fails it (most chance 11-digit runs, 96 in 97) is dropped before stdnum
    runs; one that passes is still validated by stdnum (century, birth date, month ranges).
    """
    check = int(number[9:])
    head = int(number[:9])
    return 97 - head % 97 == check or 97 - (2_000_000_000 + head) % 97 == check


def _valid(number: str) -> bool:
    """A valid national number, not a BIS number (month + 20/40) which stdnum's nn also accepts."""
    return int(number[2:4]) <= 12 and mod97_passes(number) and nn.is_valid(number)


def _valid_unpadded(digits: str) -> bool:
    """``digits`` zero-padded to 11 is a national number of someone born from 2000 (born-2000 check)."""
    number = digits.zfill(11)
    return int(number[2:4]) <= 12 and born_from_2000(nn, number)


def born_from_2000(module: Any, number: str) -> bool:
    """``number`` passes ``module``'s (stdnum ``nn`` or ``bis``) check under the born-2000 rule only."""
    try:
        return (module.get_birth_year(number) or 0) >= 2000  # validates the check digits and the date
    except ValidationError:
        return False


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    return find_candidates(text, _valid, _valid_unpadded, ENTITY, SCORE, pos, endpos)


def find_candidates(
    text: str,
    valid: Callable[[str], bool],
    valid_unpadded: Callable[[str], bool],
    entity: str,
    score: float,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[Match]:
    """Matches of :data:`CANDIDATES`: an 11-digit form that passes ``valid`` (``score``), or an unpadded
    run that passes ``valid_unpadded`` (:data:`UNPADDED_SCORE`); shared with the BIS number."""
    name = entity.lower()
    for m in CANDIDATES.finditer(text, pos, len(text) if endpos is None else endpos):
        start, end = m.span()
        digits = m.group().translate(_SEPARATORS)
        if len(digits) == 11:
            if valid(digits) and free_standing(text, start, end):
                if OFFICIAL.fullmatch(m.group()):
                    yield Match(entity, start, end, score, name, OFFICIAL_EVIDENCE)
                else:
                    yield Match(entity, start, end, score, name)
        elif valid_unpadded(digits):
            yield Match(entity, start, end, UNPADDED_SCORE, name, {'unpadded': True})
