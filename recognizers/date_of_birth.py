"""DATE_OF_BIRTH: a date, only when a birth context stands just before it.

A date alone is not a birth date (invoices, leave periods, contracts are full of dates), so
a date is reported only when one of the CONTEXT words (``geboren op``, ``geboortedatum``,
``né(e) le``, ``date de naissance``, ``born``, ``DOB``, ``date of birth``, ``°``) occurs at
most :data:`WINDOW` (60) characters before it in the same line and sentence ("geboren te Gent op 3 maart
1985" counts). Dates: ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``yyyy-mm-dd`` (ISO),
``d month yyyy`` with Dutch, French and English month names (``1er janvier 1990``,
``March 3, 1985``, ``3rd of March 1985``). The day and month must exist, the year lie
between 1900 and this year. Score 0.9. ``evidence``: ``{'rule': 'context', 'context': word}``.

>>> [(m.start, m.end) for m in find('Jan Peeters, geboren op 12/03/1985 te Gent')]
[(24, 34)]
>>> list(find('Factuurdatum 12/03/2024'))
[]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from gdprscan.recognizers.base import Match

ENTITY = 'DATE_OF_BIRTH'
SCORE = 0.9
LANGUAGES = ('nl', 'fr', 'en')
CONTEXT = {
    'nl': ('geboren', 'geboortedatum', 'geb.', 'geboortedag', 'geboorte', '°'),
    'fr': ('né', 'née', 'né(e)', 'date de naissance', 'naissance', 'date naiss.', '°'),
    'en': ('born', 'date of birth', 'birth date', 'birthdate', 'dob', 'd.o.b.', 'birthday', '°'),
}
RECOGNIZER = 'date_of_birth'
WINDOW = 60

MONTHS = {
    'januari': 1, 'jan': 1, 'janvier': 1, 'janv': 1, 'january': 1,
    'februari': 2, 'feb': 2, 'febr': 2, 'février': 2, 'fevrier': 2, 'févr': 2, 'fév': 2, 'february': 2,
    'maart': 3, 'mrt': 3, 'mars': 3, 'march': 3, 'mar': 3,
    'april': 4, 'apr': 4, 'avril': 4, 'avr': 4,
    'mei': 5, 'mai': 5, 'may': 5,
    'juni': 6, 'jun': 6, 'juin': 6, 'june': 6,
    'juli': 7, 'jul': 7, 'juillet': 7, 'juil': 7, 'july': 7,
    'augustus': 8, 'aug': 8, 'août': 8, 'aout': 8, 'august': 8,
    'september': 9, 'sep': 9, 'sept': 9, 'septembre': 9,
    'oktober': 10, 'okt': 10, 'octobre': 10, 'oct': 10, 'october': 10,
    'november': 11, 'nov': 11, 'novembre': 11,
    'december': 12, 'dec': 12, 'décembre': 12, 'decembre': 12, 'déc': 12,
}  # fmt: skip
_MONTH = '|'.join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
#: Speed (5x): a date starts with a digit or a month name, so the pattern is only tried where one starts.
_DATE_START = (
    '(?=[\\d' + ''.join(sorted({k[0] for k in MONTHS} | {k[0].upper() for k in MONTHS})) + '])'
    '(?=\\d|(?i:' + '|'.join(sorted({re.escape(k[:3]) for k in MONTHS})) + '))'
)
DATE = re.compile(
    rf'{_DATE_START}(?<![\d/.-])(?:'
    rf'(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})[/.-](?P<y>\d{{4}})'
    rf'|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})'
    rf'|(?P<td>\d{{1,2}})(?:er|e|ste|de|st|nd|rd|th)?\.?[ ](?:of[ ])?(?P<tm>{_MONTH})\.?,?[ ](?P<ty>\d{{4}})'
    rf'|(?P<em>{_MONTH})\.?[ ](?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,?[ ](?P<ey>\d{{4}})'
    rf')(?![\d/])',
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r'(?=[gGnNbBdD°])(?:geboren|geboortedatum|geboortedag|geboorte|geb\.|né\(e\)|née?|naissance|date naiss\.|'
    r'born|date of birth|birth ?date|birthday|d\.?o\.?b\.?|°)(?![a-zà-ÿ])',
    re.IGNORECASE,
)


#: The same on lower-cased text, without IGNORECASE.
_CONTEXT_LOW = re.compile(_CONTEXT.pattern.replace('(?=[gGnNbBdD°])', ''))
_SENTENCE_END = re.compile(r'[.;!?][ \t]+[A-ZÀ-Þ]')
_DIGIT = re.compile(r'\d')
#: A date's first digit is at most this far from its start: the longest month name, a dot, a space.
_DIGIT_REACH = max(map(len, MONTHS)) + 2


def _valid(m: re.Match[str]) -> bool:
    g = m.groupdict()
    if g['d']:
        d, mo, y = int(g['d']), int(g['m']), int(g['y'])
    elif g['iy']:
        d, mo, y = int(g['id']), int(g['im']), int(g['iy'])
    elif g['td']:
        d, mo, y = int(g['td']), MONTHS[g['tm'].lower()], int(g['ty'])
    else:
        d, mo, y = int(g['ed']), MONTHS[g['em'].lower()], int(g['ey'])
    if not 1900 <= y <= datetime.date.today().year:
        return False
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return False
    return True


def find(text: str, lang: str | None = None) -> Iterator[Match]:
    """Dates with a birth context before them; ``lang`` is accepted for the contract.

    Linear in the text, however many context words it holds ("° 1 ° 1 ..."): the next line
    break, the next digit and the next date of the line are looked for once and reused by the
    contexts before them (a date search is the same from any point before its start).
    """
    last_end = -1
    size = len(text)
    newline = digit = -1  # next '\n' / digit at or after the current context
    searched_from = size + 1  # the date search that gave `date`: from here, to `date_line`
    date: re.Match[str] | None = None
    date_line = -1
    for cm in _contexts(text):
        start, end = cm.span()
        word = cm.group().lower()
        if word[0].isalpha() and start > 0 and text[start - 1].isalpha():
            continue  # inside a word: "Renée", "connaissance" are no context
        if digit < end:
            dm = _DIGIT.search(text, end)
            if dm is None:
                return  # no digit left, so no date either
            digit = dm.start()
        if newline < end:
            newline = text.find('\n', end)
            newline = size if newline < 0 else newline
        limit = min(newline, end + WINDOW)
        if digit >= limit:
            continue  # no digit in the window: no date
        if not (date_line == newline and searched_from <= end and (date is None or date.start() >= end)):
            # the first date of the line after the context (the last search found one before it)
            date = DATE.search(text, max(end, digit - _DIGIT_REACH), newline)
            searched_from, date_line = end, newline
        m = date
        if m is None or m.end() > limit or _SENTENCE_END.search(text, end, m.start()):
            continue  # no date in the window, or a sentence ends between the context and the date
        if m.end() > last_end and _valid(m):
            last_end = m.end()
            yield Match(ENTITY, m.start(), m.end(), SCORE, RECOGNIZER, {'rule': 'context', 'context': word})


def _contexts(text: str) -> Iterator[re.Match[str]]:
    """The context words of ``text``: a case-sensitive pass over its lower-cased copy (twice as fast
    as an IGNORECASE pass), unless lower-casing changes the length ('İ')."""
    low = text.lower()
    if len(low) != len(text):
        return _CONTEXT.finditer(text)
    return _CONTEXT_LOW.finditer(low)


def looks_like_date(value: str) -> bool:
    """A lone cell that is one valid date (for a column named geboortedatum / date of birth)."""
    m = DATE.fullmatch(value.strip())
    return m is not None and _valid(m)
