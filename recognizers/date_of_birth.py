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
DATE = re.compile(
    rf'(?<![\d/.-])(?:'
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


_SENTENCE_END = re.compile(r'[.;!?][ \t]+[A-ZÀ-Þ]')


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
    """Dates with a birth context before them; ``lang`` is accepted for the contract."""
    last_end = -1
    for cm in _CONTEXT.finditer(text):
        word = cm.group().lower()
        if word[0].isalpha() and cm.start() > 0 and text[cm.start() - 1].isalpha():
            continue  # inside a word: "Renée", "connaissance" are no context
        limit = text.find('\n', cm.end())
        limit = len(text) if limit < 0 else limit
        m = DATE.search(text, cm.end(), min(limit, cm.end() + WINDOW))
        if m is None or _SENTENCE_END.search(text, cm.end(), m.start()):
            continue  # no date, or a sentence ends between the context and the date
        if m.end() > last_end and _valid(m):
            last_end = m.end()
            yield Match(ENTITY, m.start(), m.end(), SCORE, RECOGNIZER, {'rule': 'context', 'context': word})


def looks_like_date(value: str) -> bool:
    """A lone cell that is one valid date (for a column named geboortedatum / date of birth)."""
    m = DATE.fullmatch(value.strip())
    return m is not None and _valid(m)
