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

import numbers
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from functools import lru_cache
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
    found = classification(name, texts)
    return found.entity if found is not None else None


def classification(name: str, texts: Sequence[str]) -> Any:
    """The column classifier's :class:`~gdprscan.classifiers.columns.ColumnClass` of ``name`` (how
    many values it sampled, from which evidence), None when the header's counter-context rejects
    its entity."""
    from gdprscan.classifiers.columns import classify_column

    found = classify_column(name, texts)
    if found is not None and found.entity is not None and counter_context(name, found.entity) is not None:
        return None
    return found


@cache
def _finders(entity: str) -> tuple[Any, ...]:
    """The ``find`` functions of the built-in identifier recognisers of ``entity``."""
    from gdprscan import recognizers

    return tuple(
        rec.find
        for name in recognizers.PROFILES['identifiers']
        if (rec := recognizers.builtin(name)).ENTITY == entity
    )


def one_value(entity: str, text: str) -> bool | None:
    """Whether ``text`` is exactly one value of ``entity`` (a recogniser's match spans all of it, bar
    spaces): ``'85.07.30-033.28'`` is, ``'INSZ 85.07.30-033.28'`` is not. None when no built-in
    recogniser validates ``entity`` (names, addresses, dates): the caller judges by length.

    >>> one_value('BE_NATIONAL_NUMBER', '85.07.30-033.28')
    True
    >>> one_value('BE_NATIONAL_NUMBER', 'INSZ 85073003328')
    False
    """
    finders = _finders(entity)
    if not finders:
        return None
    return _one_value(entity, text.strip())


@lru_cache(maxsize=1 << 16)
def _one_value(entity: str, core: str) -> bool:
    """:func:`one_value` of a stripped text (cached: a column repeats its values)."""
    finders = _finders(entity)
    return any(m.start == 0 and m.end == len(core) for find in finders for m in find(core))


def _valid(entity: str, digits: str) -> bool:
    from stdnum.be import bis
    from stdnum.be import nn

    return bool((bis if entity == 'BE_BIS_NUMBER' else nn).is_valid(digits))


def integral(value: Any) -> int | None:
    """A number that holds an integer (``3021412249``, ``85073003328.0``, ``Decimal('5')``, a numpy
    integer), as that ``int``; None for anything else. pandas stores an integer column with one
    missing value as floats, so a national number arrives as ``85073003328.0``."""
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, numbers.Real):
        f = float(value)
        return int(f) if f == f and abs(f) != float('inf') and f.is_integer() and abs(f) < 2**63 else None
    return None


def padded(text: str, entity: str | None, shortest: int = 8) -> str:
    """``text`` (bare digits of a national/BIS number that lost its leading zeros: 8 to 10 digits for
    people born 2000-2009) as 11 digits when that form is valid; otherwise ``text`` itself."""
    if entity in ELEVEN_DIGITS and shortest <= len(text) < 11 and text.isdigit() and text[0] != '0':
        if _valid(entity, text.zfill(11)):
            return text.zfill(11)
    return text


def cell_text(value: Any, entity: str | None) -> str | None:
    """``value`` as the text to replace, or None when it is no scalar (a list, bytes) or a number
    with a fraction (an amount)."""
    import datetime as dt

    if isinstance(value, str):
        return padded(value, entity) if value.isdigit() else value
    if isinstance(value, bool):
        return None
    number = integral(value)
    if number is not None:
        text = str(number)
        return padded(text, entity, 1) if number > 0 else text
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if hasattr(value, 'isoformat'):
        return str(value.isoformat())[:10]
    return None


def width_back(original: str, text: str, new: str) -> str:
    """A surrogate ``new`` of ``text`` written back at the width of ``original``: when ``text`` is
    ``original`` padded to 11 digits, the surrogate's leading zeros are dropped as far as the
    original lacked them (``3021412249`` stays a 10-digit string)."""
    if text == original or not (original.isdigit() and text.endswith(original)):
        return new
    extra = len(text) - len(original)
    return new[extra:] if new[:extra] == '0' * extra and new.isdigit() else new
