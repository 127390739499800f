"""The Python API for ETL steps: pseudonymise records, pandas DataFrames and pyarrow Tables with the
same key and policy as ``gdprscan anonymize`` (so a value gets the same surrogate everywhere).

>>> import os
>>> from gdprscan.anonymize import Pseudonymizer
>>> p = Pseudonymizer(b'a key of at least 16 bytes', columns={'rrn': 'BE_NATIONAL_NUMBER'})
>>> rows = p.records([{'rrn': '85.07.30-033.28', 'dept': 'IT'}])
>>> row = next(rows)
>>> row['dept'], row['rrn'] != '85.07.30-033.28', len(row['rrn'])
('IT', True, 15)

Free text is rewritten where a scan with the same settings reports something: ``min_score``
defaults to the scanner's default ``--min-score`` (0.5), so a number demoted by counter-context
(``Factuur nr. 75070761424``, score 0.3) is kept, as ``gdprscan scan`` does not report it.

Which columns are personal: ``columns`` (column -> entity or action) first, then the policy's
column rules, then the column classifier on the first :data:`SAMPLE_ROWS` rows (records are
buffered that long, then stream). A classification from the data alone needs
:data:`MIN_DATA_SAMPLE` values: one cell 'Jan Peeters, 85.07.30-033.28' is no national-number
column. In a column of one entity, a cell that is exactly that one value is replaced whole; a cell
with more in it ('INSZ 85.07.30-033.28') has only the spans the engine finds replaced. Every other
column goes through the engine as free text, in batches: strings, integers long enough to be an
identifier, bytes (read as UTF-8 text, as a database copy reads a BLOB; they stay bytes) and the
leaves of nested dicts, lists and tuples (a leaf's column is its key, as in a JSON file copy). A
value of any other type (a set, an object, binary bytes) raises :class:`UnsupportedValue` rather
than pass through unread; a column the caller keeps (``columns={'foto': 'keep'}``) is not read.

Numbers: a national number stored as an integer (``3021412249``, leading zero lost) or as a float
(``85073003328.0``: pandas' integer column with a missing value) is padded to 11 digits for
recognition and written back as a number of its type, at its width where the surrogate allows.
pandas' nullable dtypes (``Int64``, ``string``, ``boolean``) keep their dtype and ``NA``; a
categorical column gets the surrogates as its categories; :meth:`Pseudonymizer.arrow` returns the
source schema (an int64 column with nulls stays int64, a dictionary column a dictionary).

Streams of records are not k-anonymised (that needs the whole data);
:meth:`Pseudonymizer.dataframe` applies the policy's k-anonymity to the frame's quasi-identifiers.
"""

from __future__ import annotations

import datetime as dt
import numbers
import uuid
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.cells import back
from gdprscan.anonymize.cells import number_text
from gdprscan.anonymize.cells import single_value
from gdprscan.anonymize.columns import cell_text
from gdprscan.anonymize.columns import classification
from gdprscan.anonymize.columns import classify
from gdprscan.anonymize.columns import integral
from gdprscan.anonymize.columns import one_value
from gdprscan.anonymize.columns import padded
from gdprscan.anonymize.columns import width_back
from gdprscan.anonymize.fakes import SPECIAL_PHRASES
from gdprscan.anonymize.policy import ACTIONS
from gdprscan.anonymize.policy import MIN_SCORE
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.policy import PolicyWarning
from gdprscan.anonymize.policy import unmatched_rules
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.text import apply_edits

SAMPLE_ROWS = 1000
BATCH_ROWS = 2000
#: A column classified by its data alone from fewer values is free text, not a column of one entity:
#: one cell 'Jan Peeters, 85.07.30-033.28' makes a "national-number column" by share.
MIN_DATA_SAMPLE = 10
#: Integers from this size on are scanned (a national number stored as a number has 8 to 11 digits).
MIN_SCANNED_NUMBER = 10**7
_BYTES = (bytes, bytearray, memoryview)
#: Entities whose values hold no letter: a cell without one is one value by shape.
_NUMERIC = frozenset(
    {'BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER', 'BE_ENTERPRISE_NUMBER', 'CREDIT_CARD', 'PHONE_NUMBER'}
)
_PLAIN_TYPES = (numbers.Number, dt.date, dt.time, dt.timedelta, uuid.UUID)


@dataclass(frozen=True)
class Column:
    """The plan of one column: 'keep', 'drop', 'scan' (free text) or 'cell' (entity + action)."""

    mode: str
    entity: str | None = None
    action: str | None = None


class Pseudonymizer:
    """Pseudonymise records, DataFrames and Arrow tables under one key and policy."""

    def __init__(
        self,
        key: bytes,
        policy: Policy | None = None,
        *,
        columns: Mapping[str, str] | None = None,
        profile: str = 'identifiers',
        lang: str | None = None,
        min_score: float = MIN_SCORE,
    ) -> None:
        from gdprscan.anonymize.keys import MIN_KEY_BYTES
        from gdprscan.scanner.engine import Engine
        from gdprscan.scanner.engine import Settings

        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f'the key must be at least {MIN_KEY_BYTES} bytes')
        self.policy = policy or Policy()
        self.actions = Actions(key, self.policy, lang)
        settings = Settings(profile=profile, lang=lang, min_score=min_score)
        self.rewriter = Rewriter(Engine(settings), self.actions)
        self.explicit = dict(columns or {})

    # -- single values ---------------------------------------------------------------------------
    def value(self, entity: str, value: str) -> str | None:
        """The policy's replacement of one value of ``entity``."""
        return self.actions.apply(entity, value)

    def text(self, text: str) -> str:
        """Free text with every finding replaced."""
        return self.rewriter.rewrite_many([text], 'text')[0]

    # -- plans -----------------------------------------------------------------------------------
    def plan(self, name: str, values: Iterable[Any], table: str | None = None) -> Column:
        """How column ``name`` is treated, judged from its sampled ``values``."""
        if name in self.explicit:
            spec = self.explicit[name]
            if spec.lower() in ACTIONS:
                return (
                    Column(spec.lower())
                    if spec.lower() in ('keep', 'drop')
                    else Column('cell', 'UNKNOWN', spec.lower())
                )
            return Column('cell', spec.upper(), self.policy.entity_action(spec.upper()))
        rule = self.policy.column_rule(name, table)
        # A national number stored as a number lost its leading zeros: classified in its 11-digit form.
        texts = [
            t
            for v in values
            if not _missing(v) and (t := cell_text(v, 'BE_NATIONAL_NUMBER') or _plain(v)) is not None
        ]
        if rule is not None:
            if rule.action in ('keep', 'drop'):
                return Column(rule.action)
            return Column('cell', rule.entity or _classify(name, texts) or 'UNKNOWN', rule.action)
        found = classification(name, texts[:SAMPLE_ROWS])
        entity = found.entity if found is not None else None
        if entity is not None and not (found.evidence == 'data' and found.sampled < MIN_DATA_SAMPLE):
            return Column('cell', entity, self.policy.entity_action(entity))
        # Free text, numbers and nested values go through the engine (a column classified by the data of
        # a handful of cells included: 'Jan Peeters, 85.07.30-033.28' is not one national number).
        return Column('scan')

    def _cells(self, values: list[Any], col: Column, name: str) -> list[Any]:
        """A column of one entity: a cell that is exactly one value is replaced whole; a cell that holds
        more (a label, a name next to the number) has only the spans the engine finds replaced."""
        entity = col.entity or 'UNKNOWN'
        out = list(values)
        nested: list[int] = []
        spans: list[tuple[int, str]] = []
        for i, value in enumerate(values):
            if _missing(value) or isinstance(value, bool):
                continue
            if isinstance(value, Mapping | list | tuple):
                nested.append(i)
                continue
            text = _bytes_text(value) if isinstance(value, _BYTES) else cell_text(value, entity)
            if text is None and entity in SPECIAL_PHRASES and col.action in ('replace', 'generalise'):
                number = number_text(value)  # union dues 13.5: a number of that shape, as in a database copy
                if number is not None:
                    surrogate = self.actions.apply(entity, number, col.action)
                    out[i] = None if surrogate is None else back(value, surrogate)
                    continue
            if text is None:
                if isinstance(value, _BYTES) and col.action != 'keep':
                    out[i] = self.actions.surrogates.binary(bytes(value))  # as a database copy does
                elif integral(value) is None and not _number_or_date(value):
                    raise UnsupportedValue(_unsupported(name, value))
                continue
            if not text.strip():
                continue
            if col.action == 'replace' and not self._whole(entity, text):
                spans.append((i, text))
                continue
            out[i] = _back(value, text, self.actions.apply(entity, text, col.action))
        if spans:
            unique = list(dict.fromkeys(t for _, t in spans))  # a column repeats its values
            at = {t: j for j, t in enumerate(unique)}
            plan = self.rewriter.plan_many(unique, name, [name] * len(unique))
            for i, text in spans:
                if plan.get(at[text]):
                    new: str | None = apply_edits(text, plan[at[text]])
                elif single_value(entity, text):  # nothing found in it: the whole cell, as before
                    new = self.actions.apply(entity, text, col.action)
                else:
                    continue
                out[i] = _back(values[i], text, new)
        if nested:
            for i, new_value in zip(nested, self._scan([values[i] for i in nested], name), strict=True):
                out[i] = new_value
        return out

    @staticmethod
    def _whole(entity: str, text: str) -> bool:
        """True when ``text`` is exactly one value of ``entity`` (by its recogniser when it has one).
        A number without a letter (``85.07.30-033.28``, ``0470 12 34 56``) is one value by shape: the
        common case, without running the recogniser."""
        if entity in _NUMERIC and len(text) <= 42 and not any(c.isalpha() for c in text):
            return True
        one = one_value(entity, text)
        return single_value(entity, text) if one is None else one

    def _scan(self, values: list[Any], name: str) -> list[Any]:
        """Values rewritten span by span through the engine, with ``name`` as their column: strings,
        integers long enough to be an identifier, bytes decoded as UTF-8 text, and the leaves of nested
        dicts and lists (a leaf's column is its key, as in a JSON file). A value of any other type
        raises :class:`UnsupportedValue` rather than pass through unread."""
        acc: list[tuple[str, str | None]] = []
        for value in values:
            _collect(value, name, acc)
        if not acc:
            return list(values)
        unique = list(dict.fromkeys(acc))  # a column repeats its values: each is rewritten once
        texts = self.rewriter.rewrite_many([t for t, _ in unique], name, [c for _, c in unique])
        done = dict(zip(unique, texts, strict=True))
        new = iter([done[item] for item in acc])
        return [_rebuild(value, new) for value in values]

    def _column(self, values: list[Any], col: Column, name: str) -> list[Any]:
        if col.mode == 'keep':
            return values
        if col.mode == 'cell':
            return self._cells(values, col, name)
        return self._scan(values, name)

    # -- records ---------------------------------------------------------------------------------
    def records(self, rows: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        """Pseudonymised copies of ``rows`` (dicts), streamed: a generator for an ETL step."""
        it = iter(rows)
        head = list(islice(it, SAMPLE_ROWS))
        if not head:
            return
        names: list[str] = []
        for row in head:
            names.extend(k for k in row if k not in names)
        plans = {n: self.plan(n, [r.get(n) for r in head]) for n in names}
        batch = head
        while batch:
            yield from self._records(batch, plans)
            batch = list(islice(it, BATCH_ROWS))

    def _records(self, batch: list[Mapping[str, Any]], plans: dict[str, Column]) -> list[dict[str, Any]]:
        out = [dict(r) for r in batch]
        for name in {k for r in batch for k in r}:
            col = plans.get(name) or self.plan(name, [r.get(name) for r in batch])
            plans[name] = col
            if col.mode == 'drop':
                for r in out:
                    r.pop(name, None)
                continue
            rows_with = [r for r in out if name in r]
            for r, v in zip(rows_with, self._column([r[name] for r in rows_with], col, name), strict=False):
                r[name] = v
        return out

    # -- DataFrames and Arrow tables ---------------------------------------------------------------
    def dataframe(self, df: Any, table: str | None = None) -> Any:
        """A pseudonymised copy of a pandas DataFrame (column by column; the input is not changed),
        k-anonymised on its quasi-identifier columns. ``df.attrs['gdprscan_k']`` is the k reached.

        The database copy's rules, in its order: quasi-identifier columns chosen by
        :func:`kanon.qi_columns` and their levels from the original values; when those levels
        generalise birth dates or sex, surrogate national numbers keep neither (from then on, for
        every later call of this Pseudonymizer too, as for every table of a database copy);
        then cells are replaced and the quasi-identifiers generalised."""
        from gdprscan.anonymize import kanon

        if table is not None:
            self._warn_unmatched(table, [str(c) for c in df.columns])
        plans = {
            str(name): self.plan(str(name), _values(df[name].head(SAMPLE_ROWS).tolist()), table)
            for name in df.columns
        }
        frame = _FrameTable(df, plans, table)
        kinds = kanon.qi_columns(frame, self.policy)
        by_name = {str(name): name for name in df.columns}  # kanon names columns by text
        if kinds:
            rows = zip(*[_values(df[by_name[c]].tolist()) for c in kinds], strict=True)
            kanon.prepare_rows(frame, kinds, rows, self.policy.k)
            kanon.hide_birth_in_numbers(self.actions.surrogates, [frame])
        out = df.copy()
        for name in list(out.columns):
            col = plans[str(name)]
            if col.mode == 'drop':
                out = out.drop(columns=[name])
                continue
            if col.mode == 'keep':
                continue
            series = out[name]
            old = _values(series.tolist())
            new = self._column(old, col, str(name))
            if any(a is not b for a, b in zip(new, old, strict=True)):  # untouched: the column as it was
                out[name] = _like(series, new)
        generalise = kanon.row_generaliser(frame)
        if generalise is not None:
            cols = [c for c in frame.kanon.kinds if by_name[c] in out.columns]
            new_rows = []
            for row in zip(*[_values(out[by_name[c]].tolist()) for c in cols], strict=True):
                cells = dict(zip(cols, row, strict=True))
                generalise(cells)
                new_rows.append(cells)
            for c in cols:
                out[by_name[c]] = _like(out[by_name[c]], [r[c] for r in new_rows])
        out.attrs['gdprscan_k'] = frame.k
        return out

    def _warn_unmatched(self, table: str, columns: list[str]) -> None:
        """A :class:`~gdprscan.anonymize.policy.PolicyWarning` per ``table.column`` rule of this
        table that names no column of the frame (a typo would leave the column to the classifier)."""
        import warnings
        from dataclasses import replace

        prefix = f'{table}.'.lower()
        scoped = replace(
            self.policy,
            columns={n: r for n, r in self.policy.columns.items() if n.lower().startswith(prefix)},
            quasi_identifiers={
                n: k for n, k in self.policy.quasi_identifiers.items() if n.lower().startswith(prefix)
            },
        )
        for line in unmatched_rules(scoped, [(table, c) for c in columns], f'the frame {table!r}'):
            warnings.warn(line, PolicyWarning, stacklevel=3)

    def arrow(self, table: Any) -> Any:
        """A pseudonymised copy of a pyarrow Table (through pandas, column types kept where they fit)."""
        import pyarrow as pa

        df = self.dataframe(table.to_pandas())
        fields = {f.name: f for f in table.schema}
        arrays = []
        for name in df.columns:
            series = df[name]
            try:  # the source type back (an int64 column with a null came through pandas as float64)
                arrays.append(pa.Array.from_pandas(series, type=fields[str(name)].type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, KeyError, ValueError):
                arrays.append(pa.Array.from_pandas(series))  # the policy made text of numbers (mask)
        return pa.Table.from_arrays(arrays, names=[str(c) for c in df.columns])


class _FrameTable:
    """A DataFrame seen as a database table plan (what :mod:`kanon` reads): ``label``, ``table``
    (columns typed from the frame's dtypes, all nullable, no keys), ``columns`` (the column plans)
    and the chosen ``kanon`` levels with the ``k`` reached."""

    def __init__(self, df: Any, plans: dict[str, Column], table: str | None) -> None:
        import sqlalchemy as sa

        self.label = table or 'frame'
        self.columns = plans
        cols = [sa.Column(str(c), _sa_type(df[c].dtype.kind), nullable=True) for c in df.columns]
        self.table = sa.Table(self.label, sa.MetaData(), *cols)
        self.kanon: Any = None
        self.k: int | None = None


def _sa_type(kind: str) -> Any:
    """The database column type of a pandas dtype kind (a DataFrame has no dates, only datetimes)."""
    import sqlalchemy as sa

    types = {'M': sa.Date, 'i': sa.Integer, 'u': sa.Integer, 'f': sa.Float, 'b': sa.Boolean}
    return types.get(kind, sa.String)()


class UnsupportedValue(TypeError):
    """A value of a type the API cannot read for personal data (one line, names the column and type):
    raised rather than passed through unread."""


def _unsupported(column: str | None, value: Any) -> str:
    return (
        f'column {column!r}: cannot check a value of type {type(value).__name__} for personal data; '
        'convert it to text, or keep or drop the column (columns={...: "keep"})'
    )


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT."""
    if value is None:
        return True
    if type(value).__name__ in ('NAType', 'NaTType'):
        return True
    return isinstance(value, float) and value != value


def _values(values: list[Any]) -> list[Any]:
    """pandas NaN/NaT/NA as None."""
    return [None if _missing(v) else v for v in values]


def _bytes_text(value: Any) -> str | None:
    """Bytes as their UTF-8 text (as the database copy reads a BLOB); None for binary data."""
    data = bytes(value)
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if c < ' ' and c not in '\t\n\r')
    return None if '\x00' in text or controls > len(text) // 20 else text


def _decoded(value: Any, column: str | None) -> str | None:
    """Bytes as text for a scan; binary data cannot be checked, so it is an error, not a pass."""
    text = _bytes_text(value)
    if text is None:
        raise UnsupportedValue(
            f'column {column!r}: binary data (not UTF-8 text) cannot be checked for personal data; '
            'keep or drop the column, or give it an entity or action (columns={...})'
        )
    return text


def _number_or_date(value: Any) -> bool:
    """Values with nothing to rewrite in a free-text scan: numbers (an amount), dates, times, UUIDs."""
    return isinstance(value, _PLAIN_TYPES)


def _plain(value: Any) -> str | None:
    """A value as text for the column classifier (nested values are not a column's values)."""
    if isinstance(value, _BYTES):
        return _bytes_text(value)
    if isinstance(value, Mapping | list | tuple):
        return None
    return str(value)


def _leaf(value: Any, column: str | None) -> str | None:
    """The text of a scalar to scan: a string, an integer long enough to be an identifier (a national
    number stored as a number), bytes decoded; None for nothing to scan."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, _BYTES):
        return _decoded(value, column) or None
    number = integral(value)
    if number is not None:
        if abs(number) < MIN_SCANNED_NUMBER:
            return None
        # A number lost the leading zero a national number of someone born 2000-2009 has: padded back
        # for recognition (a string keeps what it shows: the scanner judges '3021412249' by context).
        text = str(number)
        return max(padded(text, 'BE_NATIONAL_NUMBER'), padded(text, 'BE_BIS_NUMBER'), key=len)
    if _number_or_date(value):
        return None
    raise UnsupportedValue(_unsupported(column, value))


def _collect(value: Any, column: str | None, acc: list[tuple[str, str | None]]) -> None:
    """(text, column) of every scalar to scan in ``value``, in the order :func:`_rebuild` reads them;
    a dict's keys are text too (a key can be a national number), its values take the key as column."""
    if _missing(value) or isinstance(value, bool):
        return
    if isinstance(value, Mapping):
        for k, v in value.items():
            if isinstance(k, str) and k.strip():
                acc.append((k, None))
            _collect(v, k if isinstance(k, str) else column, acc)
        return
    if isinstance(value, list | tuple):
        for v in value:
            _collect(v, column, acc)
        return
    text = _leaf(value, column)
    if text is not None:
        acc.append((text, column))


def _rebuild(value: Any, new: Iterator[str]) -> Any:
    """A copy of ``value`` with the rewritten texts of :func:`_collect` put back, types kept."""
    if _missing(value) or isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            key = k
            if isinstance(k, str) and k.strip():
                renamed = next(new)
                if renamed and renamed != k and renamed not in value and renamed not in out:
                    key = renamed
            out[key] = _rebuild(v, new)
        return out
    if isinstance(value, list | tuple):
        items = [_rebuild(v, new) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    text = _leaf(value, None)
    return value if text is None else _back(value, text, next(new))


def _back(original: Any, text: str, new: str | None) -> Any:
    """The replacement ``new`` of ``text`` in the type and width of ``original``: an integer or float
    national number stays a number of that type, a string of 10 digits stays 10 digits."""
    from decimal import Decimal

    if new is None:
        return None
    if new == text:
        return original
    if isinstance(original, str):
        return width_back(original, text, new)
    if isinstance(original, _BYTES):
        return new.encode('utf-8')
    if integral(original) is not None:
        if not new.isdigit():
            return new  # masked or redacted: the policy asked for text
        number = int(new)
        if isinstance(original, Decimal):
            return Decimal(number)
        try:
            return type(original)(number)
        except (OverflowError, TypeError, ValueError):
            return number
    if isinstance(original, dt.datetime):  # a birth date stored with a time (pandas' Timestamp too)
        try:
            day = dt.date.fromisoformat(new[:10])
        except ValueError:
            return original.replace(month=1, day=1, year=int(new)) if new.isdigit() and len(new) == 4 else new
        return original.replace(year=day.year, month=day.month, day=day.day)
    return back(original, new)


def _like(series: Any, values: list[Any]) -> Any:
    """``values`` as a Series of ``series``'s dtype where they fit: a categorical column gets the new
    values as its categories (a surrogate is no category of the original), nullable dtypes keep NA."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values, ordered=series.dtype.ordered)
        return pd.Series(cat, index=series.index, name=series.name)
    try:
        return pd.Series(values, index=series.index, dtype=series.dtype, name=series.name)
    except (TypeError, ValueError, OverflowError):
        return pd.Series(values, index=series.index, name=series.name)


def _classify(name: str, texts: list[str]) -> str | None:
    return classify(name, texts[:SAMPLE_ROWS])
