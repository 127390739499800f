"""ICD-10 diagnosis codes (``F32.1``, ``M54.5``, ``S82``): health data when they sit in a diagnosis
column or follow a diagnosis word in prose.

A bare ``A12`` is a parking spot, a room or a product as often as a diagnosis, so :func:`find` only
reports codes preceded (within :data:`WINDOW` characters) by a cue such as "ICD-10" or "diagnose";
:func:`is_code` is for the values of a column whose header already says "diagnose".
Chapter letters: A-Z without U (reserved for special purposes).

>>> [m.span for m in find('Diagnose (ICD-10): F32.1, hersteld')]
[(19, 24)]
>>> list(find('Parking A12 en lokaal B03'))
[]
>>> is_code('M54.5'), is_code('U07.1'), is_code('Z9')
(True, False, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdprscan.recognizers.base import Match

ENTITY = 'HEALTH_DATA'
SCORE = 0.6
CONTEXT = {
    'nl': ('icd', 'icd-10', 'icd10', 'diagnose', 'diagnosecode', 'aandoening'),
    'fr': ('icd', 'cim', 'cim-10', 'diagnostic', 'code diagnostic', 'pathologie'),
    'en': ('icd', 'icd-10', 'icd10', 'diagnosis', 'diagnosis code', 'condition'),
}
WINDOW = 25
CODE = re.compile(r'(?<![\w.])[A-TV-Z]\d{2}(?:\.\d{1,2}[A-Z]?)?(?![\w.]\w)')
_FULL = re.compile(r'[A-TV-Z]\d{2}(?:\.\d{1,2}[A-Z]?)?')
_CUE = re.compile(
    r'(?<!\w)(?:icd[- ]?10|icd|cim[- ]?10|cim|diagnose\w*|diagnos[ie]s|diagnostic\w*|aandoening|pathologie)'
    r'(?!\w)',
    re.IGNORECASE,
)


def is_code(value: str) -> bool:
    """``value`` (a whole cell) is an ICD-10 code."""
    return bool(_FULL.fullmatch(value.strip()))


#: Literal starts of the cue words: located with ``str.find`` before any regex runs (speed).
_CUE_STARTS = ('icd', 'cim', 'diagnos', 'aandoening', 'pathologie')


def find(text: str) -> Iterator[Match]:
    """ICD-10 codes with a diagnosis cue shortly before them."""
    low = text.lower()
    if len(low) != len(text):
        low = text
    cues = []
    for word in _CUE_STARTS:
        i = low.find(word)
        while i >= 0:
            cues.append(i)
            i = low.find(word, i + 1)
    done = 0
    for at in sorted(cues):
        for m in CODE.finditer(text, max(at, done), min(len(text), at + WINDOW + 12)):
            cue = _CUE.search(text, max(0, m.start() - WINDOW), m.start())
            if cue is not None and m.start() >= done:
                done = m.end()
                evidence = {'terms': [cue.group(0).lower()], 'rule': 'icd10'}
                yield Match(ENTITY, m.start(), m.end(), SCORE, 'icd10', evidence)
