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
buffered that long, then stream). String columns with no classification go through the engine
as free text, in batches. Streams of records are not k-anonymised (that needs the whole data);
:meth:`Pseudonymizer.dataframe` applies the policy's k-anonymity to the frame's quasi-identifiers.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.cells import back
from gdprscan.anonymize.cells import single_value
from gdprscan.anonymize.columns import cell_text
from gdprscan.anonymize.columns import classify
from gdprscan.anonymize.policy import ACTIONS
from gdprscan.anonymize.policy import MIN_SCORE
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.text import Rewriter

SAMPLE_ROWS = 1000
BATCH_ROWS = 2000


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
        # An integer national number lost its leading zeros: classified in its 11-digit form.
        texts = [
            v if isinstance(v, str) else (cell_text(v, 'BE_NATIONAL_NUMBER') or str(v))
            for v in values
            if v is not None and not isinstance(v, bool)
        ]
        if rule is not None:
            if rule.action in ('keep', 'drop'):
                return Column(rule.action)
            return Column('cell', rule.entity or _classify(name, texts) or 'UNKNOWN', rule.action)
        entity = _classify(name, texts)
        if entity is not None:
            return Column('cell', entity, self.policy.entity_action(entity))
        if texts and all(isinstance(v, str) for v in values if v is not None):
            return Column('scan')
        return Column('keep')

    def _cell(self, value: Any, col: Column, name: str) -> Any:
        if value is None or isinstance(value, bool):
            return value
        entity = col.entity or 'UNKNOWN'
        text = cell_text(value, entity)
        if text is None or not text.strip():
            return value
        if col.action == 'replace' and not single_value(entity, text):
            new: str | None = self.rewriter.rewrite_many([text], name, [name])[0]
        else:
            new = self.actions.apply(entity, text, col.action)
        return None if new is None else back(value, new)

    def _column(self, values: list[Any], col: Column, name: str) -> list[Any]:
        if col.mode == 'keep':
            return values
        if col.mode == 'cell':
            return [self._cell(v, col, name) for v in values]
        idx = [i for i, v in enumerate(values) if isinstance(v, str) and v.strip()]
        out = list(values)
        if idx:
            new = self.rewriter.rewrite_many([values[i] for i in idx], name, [name] * len(idx))
            for i, v in zip(idx, new, strict=False):
                out[i] = v
        return out

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
            out[name] = _like(series, self._column(_values(series.tolist()), col, str(name)))
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

    def arrow(self, table: Any) -> Any:
        """A pseudonymised copy of a pyarrow Table (through pandas, column types kept where they fit)."""
        import pyarrow as pa

        return pa.Table.from_pandas(self.dataframe(table.to_pandas()), preserve_index=False)


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


def _values(values: list[Any]) -> list[Any]:
    """pandas NaN/NaT/NA as None."""
    out = []
    for v in values:
        try:
            missing = v is None or v != v  # NaN
        except (TypeError, ValueError):
            missing = False
        out.append(None if missing or type(v).__name__ in ('NaTType', 'NAType') else v)
    return out


def _like(series: Any, values: list[Any]) -> Any:
    import pandas as pd

    try:
        return pd.Series(values, index=series.index, dtype=series.dtype, name=series.name)
    except (TypeError, ValueError):
        return pd.Series(values, index=series.index, name=series.name)


def _classify(name: str, texts: list[str]) -> str | None:
    return classify(name, texts[:SAMPLE_ROWS])
