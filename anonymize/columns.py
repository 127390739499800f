"""Column rules shared by database copies and the pipeline API, so both treat a column alike.

- :func:`classify`: the column classifier, minus what the scanner itself rejects. A header with a
  counter-context word (``factuurnummer``, ``order_no``, ``référence``) demotes every match of a
  checksummed number below the report threshold in a scan, so it must not make the column a
  national-number (or card, BIS, ID card) column in a copy either: 1 in 97 invoice numbers passes
  the mod-97 check by chance, and a copy would rewrite business keys that a scan calls clean.
- :func:`cell_text`: the text a cell value is replaced as. A national number stored as an integer
  has lost its leading zeros (born 2000-2009); it is padded back to 11 digits, so the integer and
  the text column of the same person get the same (valid) surrogate.

>>> counter_context('factuurnummer', 'BE_NATIONAL_NUMBER')
'factuurnummer'
>>> counter_context('rijksregisternummer', 'BE_NATIONAL_NUMBER') is None
True
>>> cell_text(3021412249, 'BE_NATIONAL_NUMBER')
'03021412249'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from gdprscan.recognizers.base import context_words
from gdprscan.recognizers.base import find_context

#: Entities stored as 11 digits whose leading zeros an integer column drops.
ELEVEN_DIGITS = ('BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER')
#: The engine reads a column header as words: ``invoice_no`` is "invoice no".
_HEADER_SEPARATORS = re.compile(r'[_\-.]+')


@cache
def _words(entity: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(context words, counter-context words) of the built-in recognisers of ``entity``."""
    from gdprscan import recognizers

    context: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    for name in recognizers.PROFILES['identifiers']:
        rec = recognizers.builtin(name)
        if rec.ENTITY == entity:
            context += context_words(rec.CONTEXT)
            counter += context_words(getattr(rec, 'NEGATIVE_CONTEXT', {}))
    return context, counter


def counter_context(header: str, entity: str) -> str | None:
    """The counter-context word in ``header`` that demotes ``entity`` (none when the header also
    holds a context word, as in the engine: ``factuur_rrn`` stays a national-number column)."""
    context, counter = _words(entity)
    if not counter:
        return None
    text = _HEADER_SEPARATORS.sub(' ', header)
    if find_context(text, len(text), context, window=len(text)) is not None:
        return None
    return find_context(text, len(text), counter, window=len(text))


def classify(name: str, texts: Sequence[str]) -> str | None:
    """The entity of column ``name`` from the column classifier, unless the header's
    counter-context rejects it (see the module docstring)."""
    from gdprscan.classifiers.columns import classify_column

    found = classify_column(name, texts)
    entity = found.entity if found is not None else None
    if entity is not None and counter_context(name, entity) is not None:
        return None
    return entity


def _valid(entity: str, digits: str) -> bool:
    from stdnum.be import bis
    from stdnum.be import nn

    return bool((bis if entity == 'BE_BIS_NUMBER' else nn).is_valid(digits))


def cell_text(value: Any, entity: str | None) -> str | None:
    """``value`` as the text to replace, or None when it is no scalar (a list, bytes)."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if entity in ELEVEN_DIGITS and 0 < value and len(text) < 11 and _valid(entity, text.zfill(11)):
            return text.zfill(11)
        return text
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if hasattr(value, 'isoformat'):
        return str(value.isoformat())[:10]
    return None
