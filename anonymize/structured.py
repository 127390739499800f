"""JSON documents and arrays in table cells: rewrite the strings inside, keep the shape.

A JSONB cell ``{"insz": "85.07.30-033.28", "partner": {"iban": "BE71..."}}`` must come out as an
object with the same keys and surrogate strings, not as one JSON string of its text (application
code reading ``extra->>'insz'`` would get NULL), and a ``text[]`` cell as an array of rewritten
strings. Integers are rewritten too (a national number stored as a JSON number) and stay numbers
when their replacement is all digits. Keys, floats, booleans and nulls are kept: keys name fields,
they do not hold people.

>>> rewrite({'a': ['x', 1, {'b': 'y'}], 'c': None, 'd': True}, lambda v: str(v).upper())
{'a': ['X', '1', {'b': 'Y'}], 'c': None, 'd': True}
>>> strings(['x', {'k': 'y'}, 2, 2.5, False])
['x', 'y', '2']
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa


def is_structured(col_type: Any) -> bool:
    """A JSON/JSONB column, or an array of strings (PostgreSQL ``text[]``, ``varchar[]``)."""
    if isinstance(col_type, sa.JSON):
        return True
    return isinstance(col_type, sa.ARRAY) and isinstance(col_type.item_type, sa.String)


def strings(value: Any) -> list[str]:
    """The string leaves of a document, in document order."""
    return list(_walk(value))


def _walk(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)


def rewrite(value: Any, fn: Callable[[Any], Any]) -> Any:
    """``value`` with every string and integer leaf replaced by ``fn(leaf)``; the same shape otherwise."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return fn(value)
    if isinstance(value, dict):
        return {k: rewrite(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rewrite(v, fn) for v in value]
    return value


def rewrite_column(
    rows: Sequence[list[Any]], i: int, rewriter: Any, label: str, column: str, replaced: dict[str, int]
) -> None:
    """Rewrite, in place, the strings inside the documents/arrays of column ``i`` of a batch as free
    text, with one call of the rewriter (``Rewriter.rewrite_many``) for all of them; count the cells
    changed in ``replaced[column]``."""
    at = [j for j, row in enumerate(rows) if isinstance(row[i], dict | list | tuple)]
    leaves = list(dict.fromkeys(s for j in at for s in _walk(rows[j][i]) if s.strip()))
    if not leaves:
        return
    new = dict(zip(leaves, rewriter.rewrite_many(leaves, label, [column] * len(leaves)), strict=True))
    changed = 0
    for j in at:
        old = rows[j][i]
        value = rewrite(old, lambda v: _back(v, new.get(str(v), str(v))))
        if value != old:
            rows[j][i] = value
            changed += 1
    if changed:
        replaced[column] = replaced.get(column, 0) + changed


def _back(old: Any, new: str) -> Any:
    """A rewritten leaf in the leaf's type: an integer stays an integer when it can."""
    if isinstance(old, str):
        return new
    if new == str(old):
        return old
    return int(new) if new.isdigit() else new
