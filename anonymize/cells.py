"""Table cells: is a cell one value or a sentence, and how a text surrogate goes back into the cell's type.

Shared by database copies and the pipeline API.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

#: A number written plainly: sign, digits, '.' and decimals (no exponent, no grouping).
_PLAIN_NUMBER = re.compile(r'-?[0-9]+(?:\.[0-9]+)?')


def single_value(entity: str, text: str) -> bool:
    """True when a cell holds one value of ``entity`` rather than a sentence that mentions one."""
    if entity == 'EMAIL_ADDRESS':
        return text.count('@') == 1 and len(text.split()) <= 1
    if entity in ('PERSON', 'LOCATION'):
        return len(text) <= 120
    if entity in (
        'BE_NATIONAL_NUMBER',
        'BE_BIS_NUMBER',
        'BE_ID_CARD_NUMBER',
        'BE_ENTERPRISE_NUMBER',
        'IBAN_CODE',
        'CREDIT_CARD',
        'PHONE_NUMBER',
        'IP_ADDRESS',
        'DATE_OF_BIRTH',
    ):
        return len(text.strip()) <= 42
    return True


def single_value_check(entity: str) -> Callable[[str], bool]:
    """:func:`single_value` for one entity, as a function (a column applies it to every cell)."""
    if entity == 'EMAIL_ADDRESS':
        return lambda text: text.count('@') == 1 and len(text.split()) <= 1
    if entity in ('PERSON', 'LOCATION'):
        return lambda text: len(text) <= 120
    if single_value(entity, 'x' * 43):  # no length limit for this entity
        return lambda text: True
    return lambda text: len(text) <= 42 or len(text.strip()) <= 42


def number_text(value: Any) -> str | None:
    """A numeric cell (int, float, Decimal, a numpy number) written plainly (``13.5``, ``13.50``, ``-4``),
    for a numeric surrogate of special-category data; None for anything else (text, booleans, NaN,
    infinities, a float only written with an exponent)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return None
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Decimal):
        text = format(value, 'f') if value.is_finite() else ''
    elif isinstance(value, numbers.Real):
        text = repr(float(value))
    else:
        return None
    return text if _PLAIN_NUMBER.fullmatch(text) else None


def back(original: Any, new: str) -> Any:
    """``new`` (text) in the type of ``original``: an int stays an int, a date a date."""
    if isinstance(original, str):
        return new
    if isinstance(original, bool):
        return original
    if isinstance(original, int | Decimal):
        digits = new.lstrip('0') or '0'
        if digits.isdigit():
            return type(original)(digits)
        if _PLAIN_NUMBER.fullmatch(new) and (isinstance(original, Decimal) or '.' not in new):
            return type(original)(new)  # a numeric surrogate (union dues): Decimal('88.93'), -7
        return new
    if isinstance(original, float) and _PLAIN_NUMBER.fullmatch(new):
        return type(original)(new)
    if isinstance(original, dt.datetime):
        return original
    if isinstance(original, dt.date):
        try:
            return dt.date.fromisoformat(new)
        except ValueError:
            return dt.date(int(new), 1, 1) if new.isdigit() and len(new) == 4 else original
    if isinstance(original, bytes | bytearray | memoryview):
        return new.encode('utf-8')
    return new
