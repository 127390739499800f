"""Table cells: is a cell one value or a sentence, and how a text surrogate goes back into the cell's type.

Shared by database copies and the pipeline API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any


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


def back(original: Any, new: str) -> Any:
    """``new`` (text) in the type of ``original``: an int stays an int, a date a date."""
    if isinstance(original, str):
        return new
    if isinstance(original, bool):
        return original
    if isinstance(original, int | Decimal):
        digits = new.lstrip('0') or '0'
        return type(original)(digits) if digits.isdigit() else new
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
