"""Pseudonymised database copies: SQLite or PostgreSQL to SQLite or PostgreSQL.

DEST gets the same tables, columns, primary keys, unique constraints, foreign keys, NOT NULLs
and indexes, and the same row counts. Each column gets one plan, decided once per table:

1. the policy's rule for ``table.column`` (keep, drop, null, redact, replace/mask/generalise as
   an entity);
2. else the column classifier (:func:`gdprscan.classifiers.columns.classify_column` on the first
   1,000 values): a column of an entity (national number, IBAN, name, birth date...) gets that
   entity's policy action cell by cell;
3. else a text column goes through the engine cell by cell (free text: notes, comments);
4. else (numbers, dates, codes) it is copied unchanged.

A foreign-key column takes the plan of the column it references, so keys keep joining (surrogates
are deterministic). Quasi-identifier columns are generalised by :mod:`.kanon` to reach k.

Safety: SOURCE is opened read-only (the scanner's :func:`~gdprscan.scanner.database.connect`).
A SQLite DEST is written to a temporary file renamed at the end; a PostgreSQL DEST is written in
one transaction (DDL included) committed at the end, so an interrupted copy leaves nothing. With
``check`` the leak check runs on that copy before the rename or commit: a copy that fails it never
carries DEST's name (SQLite: kept aside as ``DEST.gdprscan-leaking``; PostgreSQL: rolled back).
DEST must not already hold any of the tables. Rows stream in batches; memory stays flat.
"""

from __future__ import annotations

import gc
import os
import tempfile
import warnings
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from gdprscan.anonymize import dbschema
from gdprscan.anonymize import structured
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.cells import back
from gdprscan.anonymize.cells import number_text
from gdprscan.anonymize.cells import single_value
from gdprscan.anonymize.cells import single_value_check
from gdprscan.anonymize.fakes import SPECIAL_PHRASES
from gdprscan.anonymize.fpe import WalkError
from gdprscan.anonymize.policy import MIN_SCORE
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.policy import unmatched_rules
from gdprscan.anonymize.surrogates import SurrogateError
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.verify import LeakReport
from gdprscan.anonymize.verify import Needles
from gdprscan.classifiers.categories import known_entities
from gdprscan.classifiers.columns import IDENTIFYING
from sqlalchemy import exc as sa_exc

SAMPLE_VALUES = 1000
_MISSING = object()
#: Replacements remembered per column (a bounded dict: memory stays flat in the row count).
COLUMN_CACHE = 1 << 16
#: A batch of at least this many rows in which nearly every value was new, after half a cache of
#: values, turns that column's cache off (national numbers, e-mails: every row its own value).
UNIQUE_BATCH = 1000
#: Entities a column plan can replace cell by cell.
CELL_ENTITIES = frozenset(known_entities())


class CopyError(ValueError):
    """A copy that cannot be made (bad URL, DEST not empty, a policy that breaks a constraint)."""


@dataclass(frozen=True)
class ColumnPlan:
    """What happens to one column: 'keep', 'drop', 'scan' (free text) or 'cell' (entity + action)."""

    mode: str
    entity: str | None = None
    action: str | None = None
    why: str = ''


@dataclass
class TablePlan:
    label: str
    table: sa.Table
    columns: dict[str, ColumnPlan]
    rows: int = 0
    replaced: dict[str, int] = field(default_factory=dict)
    k: int | None = None
    kanon: Any = None
    #: column -> surrogates cut to the column's declared length (a PostgreSQL varchar(n))
    cut: dict[str, int] = field(default_factory=dict)


@dataclass
class CopyResult:
    tables: list[TablePlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fk_violations: int = 0
    dry_run: bool = False
    schema: dbschema.Schema = field(default_factory=dbschema.Schema)
    #: the leak check run on the copy before it became DEST (``copy_database(check=True)``)
    leaks: LeakReport | None = None
    #: a SQLite copy that failed the check: kept here (private) instead of at DEST
    kept_at: Path | None = None

    def lines(self) -> list[str]:
        """Per table and column: the plan and counts, never a value; then what the schema lost."""
        out = []
        for t in self.tables:
            if t.label in self.schema.left_out:
                out.append(f'{t.label}: left out of the copy ({self.schema.left_out[t.label]})')
                continue
            plan = getattr(t, 'kanon', None)
            k = ''
            if plan is not None:
                levels = ', '.join(f'{c}:{plan.kinds[c]}@{plan.levels[c]}' for c in plan.kinds)
                k = f', k={t.k} ({levels}; {plan.suppressed_rows} rows suppressed)'
            out.append(f'{t.label}: {t.rows} rows{k}')
            if plan is not None and (plan.suppressed_rows or any(plan.levels.values())):
                out.extend(
                    f'  {c}: its CHECK/enum allows no "*": k-anonymity writes its most common value instead'
                    for c in getattr(plan, 'fallback', {})
                )
            for name, plan in t.columns.items():
                if plan.mode == 'keep':
                    if plan.why.startswith('counter-context'):
                        out.append(f'  {name}: keep ({plan.why})')
                    continue
                if plan.why == dbschema.GENERATED:
                    out.append(f'  {name}: {plan.why}')
                    continue
                what = plan.mode if plan.mode in ('drop', 'scan') else f'{plan.action} {plan.entity}'
                n = t.replaced.get(name, 0)
                verb = 'would change' if self.dry_run else 'changed'
                cut = f', {t.cut[name]} cut to the column length' if t.cut.get(name) else ''
                out.append(
                    f'  {name}: {what} ({plan.why}){"" if self.dry_run and not n else f", {verb} {n}"}{cut}'
                )
        out.extend(f'schema: {note}' for note in self.schema.notes)
        if not self.dry_run:
            out.append(f'foreign key violations in the copy: {self.fk_violations}')
        return out


# -- connections ---------------------------------------------------------------------------------
def _targets(source: str, dest: str) -> tuple[Any, Any]:
    from gdprscan.scanner import database as scandb

    try:
        src, dst = scandb.parse_target(source), scandb.parse_target(dest)
    except scandb.DatabaseError as e:
        raise CopyError(str(e)) from None
    if src.dialect not in ('sqlite', 'postgresql') or dst.dialect not in ('sqlite', 'postgresql'):
        raise CopyError('database copies support SQLite and PostgreSQL')
    if src.dialect == dst.dialect == 'sqlite':
        a, b = Path(src.url.database or ''), Path(dst.url.database or '')
        if a.resolve() == b.resolve():
            raise CopyError('DEST is SOURCE: refusing to overwrite the source database')
    elif src.url.render_as_string(hide_password=False) == dst.url.render_as_string(hide_password=False):
        raise CopyError('DEST is SOURCE: refusing to overwrite the source database')
    return src, dst


def _open_source(src: Any) -> sa.Engine:
    from gdprscan.scanner import database as scandb

    try:
        return scandb.connect(src)
    except scandb.DatabaseError as e:
        raise CopyError(str(e)) from None


def _reflect(
    conn: sa.Connection, dialect: str, schemas: Sequence[str]
) -> tuple[sa.MetaData, list[str | None]]:
    """SOURCE's tables in every schema asked for (by default every non-system schema)."""
    md = sa.MetaData()
    try:
        names = dbschema.schema_names(conn, dialect, schemas)
    except dbschema.SchemaError as e:
        raise CopyError(str(e)) from None
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', sa_exc.SAWarning)
        for schema in names:
            md.reflect(bind=conn, schema=schema)
    for name in [t for t in md.tables if t.split('.')[-1].startswith('sqlite_')]:
        md.remove(md.tables[name])
    if dialect == 'sqlite':
        _sqlite_inline_uniques(conn, md)
        dbschema.fix_sqlite_reflection(conn, md)
    return md, names


def _sqlite_inline_uniques(conn: sa.Connection, md: sa.MetaData) -> None:
    """SQLAlchemy does not reflect a column's inline UNIQUE in SQLite; PRAGMA index_list does."""
    for table in md.tables.values():
        known = {
            tuple(c.name for c in u.columns) for u in table.constraints if isinstance(u, sa.UniqueConstraint)
        }
        for row in conn.exec_driver_sql(f'PRAGMA index_list({_q(table.name)})').fetchall():
            if row[2] and row[3] == 'u':
                cols = tuple(
                    r[2] for r in conn.exec_driver_sql(f'PRAGMA index_info({_q(row[1])})').fetchall()
                )
                if cols not in known and all(c in table.c for c in cols):
                    table.append_constraint(sa.UniqueConstraint(*[table.c[c] for c in cols]))
                    known.add(cols)


# -- plans -----------------------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    from gdprscan.scanner.database import render

    v = render(value)
    return v if isinstance(v, str) else None


def plan_table(conn: sa.Connection, table: sa.Table, policy: Policy, dialect: str) -> dict[str, ColumnPlan]:
    """A plan per column, from the policy, the column classifier and the column type."""
    from gdprscan.anonymize import columns
    from gdprscan.scanner.database import column_kind

    sample_rows = conn.execute(sa.select(table).limit(SAMPLE_VALUES)).fetchall()
    label = table.name
    plans: dict[str, ColumnPlan] = {}
    xml = _xml_columns(conn, table) if dialect == 'postgresql' else set()
    for i, col in enumerate(table.columns):
        rule = policy.column_rule(col.name, label)
        if rule is not None:
            if rule.action in ('keep', 'drop'):
                plans[col.name] = ColumnPlan(rule.action, why='policy')
                continue
            entity = rule.entity or _classify(col.name, [r[i] for r in sample_rows])
            plans[col.name] = ColumnPlan('cell', entity or 'UNKNOWN', rule.action, 'policy')
            continue
        if _number_array(col.type):  # bigint[]: the classifier on its elements, else the elements as text
            entity = _classify(col.name, [v for r in sample_rows for v in _leaves(r[i])])
            plans[col.name] = (
                ColumnPlan('cell', entity, policy.entity_action(entity), 'classifier')
                if entity in CELL_ENTITIES
                else ColumnPlan('scan', why='array: the numbers inside as free text')
            )
            continue
        if structured.is_structured(col.type):  # each string inside as free text, as in a .json file
            plans[col.name] = ColumnPlan('scan', why='JSON/array: the strings inside as free text')
            continue
        if col.name in xml:  # the text between the tags, never the whole document as one value
            plans[col.name] = ColumnPlan('scan', why='XML: the text inside as free text')
            continue
        kind = column_kind(getattr(col.type, 'data_type', None) or col.type, dialect)  # a DOMAIN: its base
        if kind is None and _is_float(col.type):  # a national number in a REAL / double precision column
            kind = 'number'
        entity = _classify(col.name, [r[i] for r in sample_rows]) if kind else _special_numbers(col)
        if entity in CELL_ENTITIES:
            plans[col.name] = ColumnPlan('cell', entity, policy.entity_action(entity), 'classifier')
        elif kind in ('text', 'any', 'json') and not _is_key(col):
            plans[col.name] = ColumnPlan('scan', why='free text')
        elif word := columns.counter_context(col.name, 'BE_NATIONAL_NUMBER'):
            plans[col.name] = ColumnPlan('keep', why=f'counter-context {word!r}')  # shown by --dry-run
        else:
            plans[col.name] = ColumnPlan('keep')
    return plans


def _special_numbers(col: sa.Column[Any]) -> str | None:
    """The special category of a number column the scan reads no cells of (an amount, a PostgreSQL
    integer) when its header names one (``vakbondsbijdrage``, ``ziekte_uren``): the scan reports such
    a column, so the copy gives its numbers numeric surrogates (keys and foreign keys excepted)."""
    from gdprscan.anonymize import columns

    if col.primary_key or col.foreign_keys or not isinstance(col.type, sa.Integer | sa.Numeric):
        return None
    entity = columns.classify(col.name, [])
    return entity if entity in SPECIAL_PHRASES else None


def _number_array(col_type: Any) -> bool:
    """A PostgreSQL array of integers or numerics (``bigint[]``): national numbers may sit in it."""
    return isinstance(col_type, sa.ARRAY) and isinstance(col_type.item_type, sa.Integer | sa.Numeric)


def _leaves(value: Any) -> Iterator[Any]:
    """The scalar elements of a (nested) array cell, in order; nothing for NULL."""
    if isinstance(value, list | tuple):
        for v in value:
            yield from _leaves(v)
    elif value is not None:
        yield value


def _xml_columns(conn: sa.Connection, table: sa.Table) -> set[str]:
    """The columns of type ``xml`` (SQLAlchemy reflects them without a type)."""
    rows = conn.execute(
        sa.text(
            'SELECT column_name FROM information_schema.columns WHERE table_schema = '
            "coalesce(CAST(:schema AS text), current_schema()) AND table_name = :name AND data_type = 'xml'"
        ),
        {'schema': table.schema, 'name': table.name},
    )
    return {str(r[0]) for r in rows}


def _is_key(col: sa.Column[Any]) -> bool:
    return bool(col.primary_key and isinstance(col.type, sa.Integer))


def _classify(name: str, values: Sequence[Any]) -> str | None:
    """The column classifier, minus what the header's counter-context rejects (``factuurnummer``)."""
    from gdprscan.anonymize import columns

    texts = [t for v in values if (t := _cell_text(v, 'BE_NATIONAL_NUMBER')) is not None]
    return columns.classify(name, texts)


def _cell_text(value: Any, entity: str | None) -> str | None:
    """:func:`_text`, with an integer national number padded back to its 11 digits; a float holding a
    whole number (``85073003328.0``, as pandas stores an integer column with a gap) as that integer;
    a float with a fraction (an amount) as None."""
    from gdprscan.anonymize import columns

    if isinstance(value, int | float) and not isinstance(value, bool):
        return columns.cell_text(value, entity)
    return _text(value)


def _is_float(col_type: Any) -> bool:
    """A REAL / FLOAT / double precision column (a DOMAIN over one included)."""
    return isinstance(getattr(col_type, 'data_type', None) or col_type, sa.Float)


def _float_back(new: str) -> Any:
    """A surrogate of a whole-number float cell, back as a float (text when masked or redacted)."""
    digits = new.lstrip('0') or '0'
    return float(int(digits)) if digits.isdigit() else new


def _number_form(value: str, entity: str) -> tuple[str, Callable[[str], str]] | None:
    """A national (BIS) number written as a float (``'85073003328.0'``: a CSV or pandas import) or
    without its leading zero (``'3050473944'``, born 2003): its 11 canonical digits and how to write
    their surrogate back in the cell's own form, so that every form of one number gets one valid
    surrogate, as the file writer does. None for any other text.

    >>> full, write = _number_form('3050473944.0', 'BE_NATIONAL_NUMBER')
    >>> full, write('03031101955')
    ('03050473944', '3031101955.0')
    """
    from gdprscan.anonymize.columns import ELEVEN_DIGITS
    from gdprscan.anonymize.columns import padded
    from gdprscan.anonymize.columns import width_back
    from gdprscan.anonymize.writers import _as_float_text
    from gdprscan.anonymize.writers import float_digits

    if entity not in ELEVEN_DIGITS:
        return None
    digits = float_digits(value)
    if digits is None:
        bare = value.strip()
        full = padded(bare, entity) if bare.isdigit() else bare
        if full == bare:
            return None
        return full, lambda new: width_back(bare, full, new)
    full = padded(digits, entity, 1)
    return full, lambda new: _as_float_text(value, digits, width_back(digits, full, new))


def _follow_foreign_keys(plans: dict[str, TablePlan]) -> None:
    """A foreign-key column gets the plan of the column it references (so keys keep joining)."""
    for tp in plans.values():
        for fk in tp.table.foreign_keys:
            target = fk.column
            ref = plans.get(_label(target.table))
            if ref is None:
                continue
            theirs = ref.columns.get(target.name)
            if theirs is not None and fk.parent.name in tp.columns:
                if theirs.mode == 'drop':
                    raise CopyError(f'{tp.label}.{fk.parent.name} references a dropped column')
                tp.columns[fk.parent.name] = ColumnPlan(
                    theirs.mode, theirs.entity, theirs.action, 'foreign key'
                )


def _label(table: sa.Table) -> str:
    return f'{table.schema}.{table.name}' if table.schema else table.name


# -- cell transforms -------------------------------------------------------------------------------
#: The smallest integer a free-text column's cell is scanned as: shorter numbers hold no identifier.
MIN_SCANNED_INTEGER = 10**7


def _scanned(value: Any) -> bool:
    """A cell of a free-text column to scan: a string, or (an untyped SQLite column) an integer long
    enough to be an identifier, as `gdprscan scan` reads it (``85073003328``, ``3021412249``)."""
    if isinstance(value, str):
        return bool(value.strip())
    return type(value) is int and value >= MIN_SCANNED_INTEGER


def _scan_text(value: Any) -> str:
    """A cell of :func:`_scanned` as the scanner reads it: 9-10 digits get their lost leading zeros."""
    from gdprscan.scanner.database import render

    return value if isinstance(value, str) else str(render(value))


def _integer_back(new: str) -> Any:
    """The rewrite of an integer cell, an integer again (a surrogate of a 2000s-born national number
    drops its leading zero as the original did); masked or redacted text stays text (SQLite takes it)."""
    return int(new) if new.isascii() and new.isdigit() else new


class Transformer:
    """Applies a table's column plans to rows; repeated values come from the surrogate cache.

    Rows stay positional (tuples in, lists out, in the order of :attr:`columns`): building a dict
    per row cost more than some surrogates. Each replaced column remembers its last
    ``COLUMN_CACHE`` replacements, so a repeated value (a first name, a department, a birth date)
    costs one dict look-up.
    """

    def __init__(self, tp: TablePlan, actions: Actions, rewriter: Rewriter) -> None:
        self.tp = tp
        self.actions = actions
        self.rewriter = rewriter
        all_columns = list(tp.table.columns)
        self.columns = [c for c in all_columns if tp.columns[c.name].mode != 'drop']
        #: where each kept column sits in a source row (a select of the whole table)
        position = {id(c): i for i, c in enumerate(all_columns)}  # by identity: Column == builds SQL
        self.source_index = [position[id(c)] for c in self.columns]
        self.cell_cols = [
            (i, c.name, tp.columns[c.name])
            for i, c in enumerate(self.columns)
            if tp.columns[c.name].mode == 'cell'
        ]
        self.scan_cols = [
            (i, c.name) for i, c in enumerate(self.columns) if tp.columns[c.name].mode == 'scan'
        ]
        #: Columns that name the row's person, shown to the full profile beside free text so that a
        #: diagnosis or a union in a note is tied to the row's person, as `gdprscan scan` ties it.
        self.link_cols = (
            [(i, name) for i, name, plan in self.cell_cols if plan.entity in IDENTIFYING]
            if getattr(rewriter.engine, 'stage', None) is not None
            else []
        )
        self.generalise: Any = None
        plan = getattr(tp, 'kanon', None)
        names = [c.name for c in self.columns]
        self._qi = [(names.index(c), c) for c in plan.kinds if c in names] if plan is not None else []
        self._caches: dict[str, dict[Any, Any]] = {name: {} for _, name, _ in self.cell_cols}
        self._fns = {name: self._cell_fn(plan) for _, name, plan in self.cell_cols}
        #: (position, name, length) of replaced text columns whose length DEST enforces (:meth:`fit_lengths`)
        self._limits: list[tuple[int, str, int]] = []

    def fit_lengths(self) -> None:
        """Cut surrogates to their column's declared length, for a DEST that enforces it (PostgreSQL's
        varchar(n)): 'Van de Walle' does not fit a varchar(8) that held 'Peeters'. A cut surrogate
        is still deterministic (keys keep joining) and reveals nothing of the original."""
        replaced = {name for _, name, _ in self.cell_cols} | {name for _, name in self.scan_cols}
        self._limits = [
            (i, c.name, n)
            for i, c in enumerate(self.columns)
            if c.name in replaced and isinstance(c.type, sa.String) and isinstance(n := c.type.length, int)
        ]

    def _cell_fn(self, plan: ColumnPlan) -> Callable[[Any], Any]:
        """The function that replaces one cell of a column: :meth:`_cell`, or for text cells of an
        identifier the entity's surrogate method itself (what ``Surrogates.replace`` would call,
        without its cache: the column cache sits in front)."""
        sur = self.actions.surrogates
        entity = plan.entity or 'UNKNOWN'
        method = sur.methods.get(entity)
        cell = self._cell
        if plan.action != 'replace' or method is None or entity in ('PERSON', 'LOCATION'):
            return lambda value: cell(value, plan)
        generic = sur.generic
        one_value = single_value_check(entity)

        def replace(value: Any) -> Any:
            if type(value) is not str or not value.strip() or not one_value(value):
                return cell(value, plan)
            try:
                return method(value)
            except (SurrogateError, WalkError):
                form = _number_form(value, entity)  # '85073003328.0', '3050473944': as their 11 digits
                if form is not None:
                    try:
                        return form[1](method(form[0]))
                    except (SurrogateError, WalkError):
                        pass
                return generic(value, entity)

        return replace

    def rows(self, rows: Sequence[Any]) -> list[list[Any]]:
        """The DEST rows of a batch of SOURCE rows."""
        if not rows:
            return []
        idx = self.source_index
        if len(idx) == len(rows[0]):
            out = [list(r) for r in rows]
        else:
            out = [[r[i] for i in idx] for r in rows]
        replaced = self.tp.replaced
        for i, name, _ in self.cell_cols:
            n = 0
            cache = self._caches.get(name)
            cell = self._fns[name]
            if cache is None:  # a column of unique values: no cache
                for row in out:
                    old = row[i]
                    if old is not None:
                        new = cell(old)
                        if new != old:
                            n += 1
                        row[i] = new
            else:
                misses = 0
                for row in out:
                    old = row[i]
                    if old is None:
                        continue
                    try:
                        new = cache.get(old, _MISSING)
                    except TypeError:  # unhashable (a JSON list or dict)
                        new = cell(old)
                    else:
                        if new is _MISSING:
                            misses += 1
                            new = cell(old)
                            if len(cache) >= COLUMN_CACHE:
                                cache.clear()
                            cache[old] = new
                    if new != old:
                        n += 1
                    row[i] = new
                if len(cache) >= COLUMN_CACHE // 2 and len(out) >= UNIQUE_BATCH and misses > len(out) * 0.98:
                    del self._caches[name]  # tens of thousands of values and still all new: it only costs
            if n:
                replaced[name] = replaced.get(name, 0) + n
        for i, name in self.scan_cols:
            structured.rewrite_column(out, i, self.rewriter, self.tp.label, name, replaced)  # JSON, arrays
            at = [j for j, row in enumerate(out) if _scanned(row[i])]
            if not at:
                continue
            texts = [_scan_text(out[j][i]) for j in at]
            new_texts = self._rewrite_free_text(out, at, texts, name)
            n = 0
            for j, old, value in zip(at, texts, new_texts, strict=False):
                if value is not old:
                    out[j][i] = value if isinstance(out[j][i], str) else _integer_back(value)
                    n += 1
            if n:
                replaced[name] = replaced.get(name, 0) + n
        if self.generalise is not None and self._qi:
            generalise, qi = self.generalise, self._qi
            for row in out:
                cells = {name: row[i] for i, name in qi}
                generalise(cells)
                for i, name in qi:
                    row[i] = cells[name]
        for i, name, n in self._limits:
            cut = 0
            for row in out:
                v = row[i]
                if type(v) is str and len(v) > n:
                    row[i] = v[:n]
                    cut += 1
            if cut:
                self.tp.cut[name] = self.tp.cut.get(name, 0) + cut
        return out

    def _rewrite_free_text(
        self, out: list[list[Any]], at: list[int], texts: list[str], name: str
    ) -> list[str]:
        """Free-text cells of column ``name`` (rows ``at``) rewritten; on the full profile the rows'
        identifying cells (already surrogates: a name is still a name) go along as the same table rows."""
        if not self.link_cols:
            return self.rewriter.rewrite_many(texts, self.tp.label, [name] * len(texts))
        cells, columns, rows = list(texts), [name] * len(texts), list(at)
        for i, link in self.link_cols:
            entity = self.tp.columns[link].entity
            for j in at:
                value = out[j][i]
                if not isinstance(value, str):  # a national number stored as an INTEGER links the row too
                    value = _cell_text(value, entity) if value is not None else None
                if value is not None and value.strip():
                    cells.append(value)
                    columns.append(link)
                    rows.append(j)
        return self.rewriter.rewrite_many(cells, self.tp.label, columns, rows)[: len(texts)]

    def _cell(self, value: Any, plan: ColumnPlan) -> Any:
        if isinstance(value, dict | list):  # a JSON document or an array: the strings inside, same shape
            return structured.rewrite(value, lambda leaf: self._cell(leaf, plan))
        entity = plan.entity or 'UNKNOWN'
        if type(value) is str and plan.action == 'replace' and value.strip() and single_value(entity, value):
            return self.actions.surrogates.replace(entity, value)  # the common case, without detours
        if entity in SPECIAL_PHRASES and plan.action in ('replace', 'generalise'):
            # union dues, sick-leave days: a number of the same shape, not the category phrase
            number = number_text(value)
            if number is not None:
                surrogate = self.actions.apply(entity, number, plan.action)
                return None if surrogate is None else back(value, surrogate)
        text = _cell_text(value, entity)
        if text is None:
            if isinstance(value, bytes | bytearray | memoryview) and plan.action not in ('keep', None):
                return self.actions.surrogates.binary(bytes(value))  # e.g. a fingerprint template
            return value
        if plan.action == 'replace' and not single_value(entity, text):  # free text in a typed column
            new: str | None = self.rewriter.rewrite_many([text], self.tp.label)[0]
        else:
            new = self.actions.apply(entity, text, plan.action)
        if new is None:
            return None
        if type(value) is float:
            return _float_back(new)
        return back(value, new)


class _Inserter:
    """Writes positional rows into a DEST table.

    SQLite: the driver's ``executemany`` with each column's own bind processor (what SQLAlchemy's
    insert does, without a dict and a parameter compilation per row). PostgreSQL through psycopg:
    ``COPY ... FROM STDIN`` in the copy's transaction, values through the same bind processors.
    Other drivers: SQLAlchemy's insert, which batches rows into multi-row INSERTs.
    """

    def __init__(
        self,
        conn: sa.Connection,
        table: sa.Table,
        columns: Sequence[sa.Column[Any]],
        raw: frozenset[str] = frozenset(),
    ) -> None:
        self.conn = conn
        self.table = table
        self.names = [c.name for c in columns]
        dialect = conn.dialect
        self.copy = (
            dialect.name == 'postgresql'
            and dialect.driver == 'psycopg'
            and all(_copyable(table.c[n].type) for n in self.names)
        )
        self.raw = dialect.name == 'sqlite' or self.copy
        if self.raw:
            prep = dialect.identifier_preparer
            cols = ', '.join(prep.quote(n) for n in self.names)
            marks = ', '.join('?' for _ in self.names)
            self.sql = f'INSERT INTO {prep.format_table(table)} ({cols}) VALUES ({marks})'
            if self.copy:  # PostgreSQL's bulk load, as pg_restore does
                self.sql = f'COPY {prep.format_table(table)} ({cols}) FROM STDIN'
            self.processors = [
                (i, proc)
                for i, name in enumerate(self.names)
                # the dialect's own implementation of the type, as SQLAlchemy's insert uses it: the generic
                # Numeric would turn a Decimal into a float (12345678901234567.89 -> ...568)
                if name not in raw
                and (proc := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
            ]

    def insert(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        if not self.raw:
            names = self.names
            self.conn.execute(self.table.insert(), [dict(zip(names, r, strict=True)) for r in rows])
            return
        for i, proc in self.processors:
            for r in rows:
                v = r[i]
                if v is not None:
                    r[i] = proc(v)
        if self.copy:
            driver = self.conn.connection.driver_connection
            assert driver is not None
            with driver.cursor() as cur, cur.copy(self.sql) as copy:
                for r in rows:
                    copy.write_row(r)
            return
        self.conn.exec_driver_sql(self.sql, [tuple(r) for r in rows])


def _copyable(type_: Any) -> bool:
    """A column type whose Python values psycopg writes to COPY as PostgreSQL reads them: text,
    numbers, dates and times, booleans (not enums, domains, JSON, arrays, UUIDs or binary)."""
    if isinstance(type_, sa.Enum | sa.ARRAY | sa.JSON | sa.LargeBinary | sa.Uuid | sa.Interval):
        return False
    plain = (sa.String, sa.Integer, sa.Numeric, sa.Date, sa.DateTime, sa.Time, sa.Boolean)
    return isinstance(type_, plain) and type(type_).__name__ != 'DOMAIN'


# -- DDL -------------------------------------------------------------------------------------------
def _dest_metadata(
    md: sa.MetaData,
    plans: dict[str, TablePlan],
    src_dialect: str,
    dst_dialect: str,
    schema: dbschema.Schema | None = None,
) -> sa.MetaData:
    """The source schema for DEST: dropped columns left out; types made generic across dialects;
    generated columns, CHECK constraints and indexes (expressions and conditions) carried over
    (see :mod:`.dbschema`); what cannot be carried is noted in ``schema``."""
    schema = schema if schema is not None else dbschema.Schema()
    same = src_dialect == dst_dialect
    out = sa.MetaData()
    for table in md.sorted_tables:
        tp = plans[_label(table)]
        dropped = {c.name for c in table.columns if tp.columns[c.name].mode == 'drop' and c.computed is None}
        cols = []
        for c in table.columns:
            if c.name in dropped:
                continue
            if c.computed is not None:
                gen = dbschema.computed(c, dst_dialect, dropped)
                if gen is None or tp.columns[c.name].why != dbschema.GENERATED:
                    if gen is None:
                        note = f'{tp.label}.{c.name}: generated column left out (uses a dropped column)'
                        schema.notes.append(note)
                    dropped.add(c.name)
                    continue
                dtype = dbschema.dest_type(c, src_dialect, dst_dialect)
                cols.append(sa.Column(c.name, dtype, gen, nullable=c.nullable))
                continue
            col = c._copy()
            col.type = dbschema.dest_type(c, src_dialect, dst_dialect)
            if not same:
                col.server_default = None
            elif col.server_default is not None and 'nextval' in str(getattr(col.server_default, 'arg', '')):
                col.server_default = None
            if dst_dialect == 'postgresql' and _is_key(c) and len(table.primary_key.columns) == 1:
                col.autoincrement = True
            cols.append(col)
        names = {c.name for c in cols}
        extra: list[Any] = dbschema.checks(table, dropped, same, schema, tp.label)
        for cons in table.constraints:
            if isinstance(cons, sa.UniqueConstraint) and not isinstance(cons, sa.PrimaryKeyConstraint):
                if all(c.name in names for c in cons.columns):
                    extra.append(sa.UniqueConstraint(*[c.name for c in cons.columns], name=cons.name))
            elif isinstance(cons, sa.ForeignKeyConstraint):
                if all(c.name in names for c in cons.columns):
                    extra.append(
                        sa.ForeignKeyConstraint(
                            [c.name for c in cons.columns],
                            [e.target_fullname for e in cons.elements],
                            name=cons.name,
                            ondelete=cons.ondelete,
                            onupdate=cons.onupdate,
                        )
                    )
        for col in cols:
            col.foreign_keys = set()  # re-declared as table constraints above
            col.constraints = set()
        new = sa.Table(table.name, out, *cols, *extra, schema=table.schema)
        dbschema.indexes(table, new, dropped, same, schema, tp.label)
    return out


# -- the copy --------------------------------------------------------------------------------------
def copy_database(
    source: str,
    dest: str,
    key: bytes,
    policy: Policy | None = None,
    settings: Any = None,
    schemas: Sequence[str] = (),
    batch_size: int = 5000,
    dry_run: bool = False,
    check: bool = False,
) -> CopyResult:
    """Copy SOURCE to DEST with surrogates; see the module docstring.

    ``check``: run the leak check (:func:`verify_copy`'s, in :attr:`CopyResult.leaks`) on the copy
    before it is DEST, in the copy's own transaction; a copy that fails it is not presented as
    DEST: a SQLite copy is kept aside (:attr:`CopyResult.kept_at`), a PostgreSQL copy rolled back.
    """
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    policy = policy or Policy()
    settings = settings or Settings(min_score=MIN_SCORE)
    src, dst = _targets(source, dest)
    actions = Actions(key, policy, settings.lang)
    rewriter = Rewriter(Engine(settings), actions)
    result = CopyResult(dry_run=dry_run)
    src_engine = _open_source(src)
    try:
        with src_engine.connect() as sconn:
            md, plans = _plans(sconn, src.dialect, policy, schemas, actions)
            pairs = [(t.name, c.name) for t in md.sorted_tables for c in t.columns]
            result.schema.notes.extend(unmatched_rules(policy, pairs))  # a typo in the policy: a warning
            result.tables = list(plans.values())
            if src.dialect == 'sqlite' and dst.dialect != 'sqlite':
                dbschema.mark_misfits(sconn, md, result.schema)
            dest_md = _dest_metadata(md, plans, src.dialect, dst.dialect, result.schema)
            result.schema.notes += dbschema.uncopied(sconn, src.dialect, dst.dialect, md)
            if dry_run:
                for tp in result.tables:
                    tp.rows = sconn.execute(sa.select(sa.func.count()).select_from(tp.table)).scalar_one()
                return result
            ddl = dbschema.sqlite_ddl(sconn) if src.dialect == dst.dialect == 'sqlite' else None
            target = _dest(dst)
            with target as dconn:
                _create(dconn, dest_md, dst.dialect, result.schema, ddl)
                for table in md.sorted_tables:
                    tp = plans[_label(table)]
                    if tp.label in result.schema.left_out:
                        continue
                    with fewer_collections():
                        _copy_table(sconn, dconn, table, tp, dest_md, actions, rewriter, batch_size)
                _finish(dconn, dest_md, dst.dialect, result, ddl)
                if check:  # on the copy not yet at DEST: its own uncommitted transaction
                    copied = {t for t in plans if t not in result.schema.left_out}
                    needles = _source_needles(sconn, md, plans, settings, actions)
                    result.leaks = _search(dconn, dst.dialect, schemas, needles, only=copied)
                    target.failed = bool(result.leaks.count or result.leaks.errors)
            result.kept_at = target.kept_at
            left_out = result.schema.left_out
            result.errors.extend(f'{t}: left out of the copy ({why})' for t, why in left_out.items())
    except sa_exc.SQLAlchemyError as e:
        from gdprscan.scanner.database import _reason

        raise CopyError(_reason(e, dst)) from None
    finally:
        src_engine.dispose()
    return result


def _copy_table(
    sconn: sa.Connection,
    dconn: sa.Connection,
    table: sa.Table,
    tp: TablePlan,
    dest_md: sa.MetaData,
    actions: Actions,
    rewriter: Rewriter,
    batch_size: int,
) -> None:
    """Stream one table from SOURCE to DEST in batches, through its column plans."""
    from gdprscan.anonymize import kanon

    tf = Transformer(tp, actions, rewriter)
    tf.generalise = kanon.row_generaliser(tp)
    if dconn.dialect.name != 'sqlite':  # SQLite ignores a declared length
        tf.fit_lengths()
    dtable = dest_md.tables[_label(table)]
    raw: frozenset[str] = frozenset()
    if sconn.dialect.name == dconn.dialect.name == 'sqlite':
        # SQLite to SQLite: a kept column goes over as stored (no date or decimal parsed and formatted
        # back); what is replaced or generalised still arrives typed
        qi = set(tp.kanon.kinds) if getattr(tp, 'kanon', None) is not None else set()
        raw = frozenset(c.name for c in tf.columns if tp.columns[c.name].mode == 'keep' and c.name not in qi)
    inserter = _Inserter(dconn, dtable, [dtable.c[c.name] for c in tf.columns], raw)
    for batch in _batches(sconn, table, batch_size, raw):
        rows = tf.rows(batch)
        try:
            inserter.insert(rows)
        except Exception as e:
            if not _driver_error(e):
                raise
            raise CopyError(_refused(tp, e)) from None
        tp.rows += len(rows)


def _driver_error(e: BaseException) -> bool:
    """An error DEST's database raised for rows (through SQLAlchemy, or psycopg's COPY directly)."""
    import sys

    psycopg = sys.modules.get('psycopg')
    return isinstance(e, sa_exc.DBAPIError) or (psycopg is not None and isinstance(e, psycopg.Error))


def _refused(tp: TablePlan, e: BaseException) -> str:
    """One line for rows DEST refused: the table, the database's reason (no value), what to change."""
    import re

    reason = re.sub(r'((?:value|input)[^:"]*: )".*', r'\1(a value)', _first_line(e))
    hint = 'use a policy rule (keep, null, redact) for the column it names'
    plan = getattr(tp, 'kanon', None)
    if plan is not None:
        names = ', '.join(plan.kinds)
        hint = f'k-anonymity generalises {names} here: set quasi_identifiers or k in the policy, or {hint}'
    return f'{tp.label}: DEST refused the copied rows ({reason}); {hint}'


@contextmanager
def fewer_collections(threshold: int = 100_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often while rows stream.

    A copy allocates millions of short-lived containers (rows, cache keys) and keeps large
    surrogate caches; with the default threshold (700 allocations) the collector's passes over
    them took about a tenth of the copy. Almost all of that garbage is freed by reference counting
    anyway. The previous thresholds come back afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], threshold), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _plans(
    conn: sa.Connection, dialect: str, policy: Policy, schemas: Sequence[str], actions: Actions | None
) -> tuple[sa.MetaData, dict[str, TablePlan]]:
    """Column plans and k-anonymity levels for every table; the national-number mode to match."""
    from gdprscan.anonymize import kanon

    md, _ = _reflect(conn, dialect, schemas)
    plans = {
        _label(t): TablePlan(_label(t), t, plan_table(conn, t, policy, dialect)) for t in md.sorted_tables
    }
    for tp in plans.values():  # DEST computes generated columns from the surrogates: never inserted
        for col in tp.table.columns:
            if col.computed is not None and tp.columns[col.name].mode != 'drop':
                tp.columns[col.name] = ColumnPlan('drop', why=dbschema.GENERATED)
    _follow_foreign_keys(plans)
    _check_plans(plans)
    for tp in plans.values():
        kanon.prepare(conn, tp, policy)
    if actions is not None:
        # A generalised birth date or sex must not survive inside a surrogate national number.
        kanon.hide_birth_in_numbers(actions.surrogates, plans.values())
    return md, plans


#: Actions that may give two rows one value: refused on a UNIQUE or primary-key column.
MERGING_ACTIONS = ('mask', 'redact', 'generalise')


def _check_plans(plans: dict[str, TablePlan]) -> None:
    """Refuse, before DEST exists, a plan whose copy the database would reject."""
    for tp in plans.values():
        uniques = [
            [c.name for c in cons.columns]
            for cons in tp.table.constraints
            if isinstance(cons, sa.UniqueConstraint | sa.PrimaryKeyConstraint)
        ]
        uniques += [[c.name for c in idx.columns] for idx in tp.table.indexes if idx.unique]
        for col in tp.table.columns:
            plan = tp.columns[col.name]
            if plan.why == dbschema.GENERATED:
                continue
            if plan.mode == 'cell' and plan.action in MERGING_ACTIONS:
                for names in uniques:
                    if col.name in names:
                        unique = ', '.join(names)
                        raise CopyError(
                            f'policy: {tp.label}.{col.name}: {plan.action} would break UNIQUE({unique}) '
                            '(two values could become one); use replace, which keeps values distinct'
                        )
            if plan.mode == 'drop' and (col.primary_key or not col.nullable):
                raise CopyError(f'{tp.label}.{col.name}: cannot drop a primary-key or NOT NULL column')
            if plan.action == 'null' and not col.nullable:
                raise CopyError(f'{tp.label}.{col.name}: policy null on a NOT NULL column')


def _batches(
    conn: sa.Connection, table: sa.Table, size: int, raw: frozenset[str] = frozenset()
) -> Iterator[Sequence[sa.Row[Any]]]:
    """The rows of ``table`` in batches, in primary-key order. Columns named in ``raw`` come as
    the driver gives them (no SQLAlchemy type conversion), for a copy that passes them on as they are."""
    stmt = sa.select(
        *[sa.type_coerce(c, sa.types.NullType()).label(c.name) if c.name in raw else c for c in table.columns]
    )
    pk = list(table.primary_key.columns)
    if pk:
        stmt = stmt.order_by(*pk)
    res = conn.execution_options(stream_results=True, yield_per=size).execute(stmt)
    while True:
        rows = res.fetchmany(size)
        if not rows:
            break
        yield rows


class _dest:
    """A DEST connection in one transaction; SQLite through a temporary file renamed on success.

    Set :attr:`failed` (the leak check failed) before the block ends and the copy never gets DEST's
    name: a SQLite copy is kept aside (:func:`_keep_aside`, in :attr:`kept_at`), a PostgreSQL one is
    rolled back. An exception (Ctrl-C, SIGTERM included) rolls back and removes the temporary file.
    """

    def __init__(self, target: Any) -> None:
        self.target = target
        self.tmp: Path | None = None
        self.failed = False
        self.kept_at: Path | None = None

    def __enter__(self) -> sa.Connection:
        t = self.target
        if t.dialect == 'sqlite':
            path = Path(t.url.database or '')
            if not t.url.database or t.url.database == ':memory:':
                raise CopyError('a SQLite DEST must name a file (sqlite:///path/copy.db)')
            if path.exists() and path.stat().st_size > 0:
                raise CopyError(f'{t.display}: DEST database file already exists')
            if not path.resolve().parent.is_dir():
                raise CopyError(f'{t.display}: folder {path.resolve().parent} does not exist')
            folder = path.resolve().parent
            try:
                fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.gdprscan-partial-', dir=folder)
            except OSError as e:
                raise CopyError(f'{t.display}: cannot write in {folder} ({e.strerror})') from None
            os.close(fd)
            self.tmp = Path(tmp)
            self.engine = sa.create_engine(f'sqlite:///{tmp}')
        else:
            self.engine = sa.create_engine(t.url)
        self.conn = self.engine.connect()
        if t.dialect == 'sqlite':
            self.conn.exec_driver_sql('PRAGMA journal_mode = OFF')
            self.conn.exec_driver_sql('PRAGMA synchronous = OFF')
            self.conn.commit()
        self.trans = self.conn.begin()
        return self.conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        done = exc_type is None
        try:
            if done and (self.tmp is not None or not self.failed):  # a failed SQLite copy is kept aside
                self.trans.commit()
            else:
                self.trans.rollback()
        finally:
            self.conn.close()
            self.engine.dispose()
            if self.tmp is not None:
                dest = Path(self.target.url.database or '').resolve()
                if done and not self.failed:
                    os.replace(self.tmp, dest)
                elif done:
                    self.kept_at = _keep_aside(self.tmp, dest)
                else:
                    self.tmp.unlink(missing_ok=True)


def _keep_aside(tmp: Path, dest: Path) -> Path | None:
    """A SQLite copy that failed the leak check goes beside DEST as ``DEST.gdprscan-leaking``
    (``-2``, ... when taken), as a failed file copy does: never under DEST's name, where dev/test
    would use it, and not deleted, so the LEAK lines' columns can be looked at. It stays private
    (mode 0600, the temporary file's). None: it could not be kept there and was removed."""
    for n in range(1, 1000):
        kept = dest.with_name(f'{dest.name}.gdprscan-leaking' + (f'-{n}' if n > 1 else ''))
        try:
            os.link(tmp, kept)  # never over a file that exists or appeared meanwhile
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some network file systems): the copy is not kept
            break
        tmp.unlink()
        return kept
    tmp.unlink(missing_ok=True)
    return None


def _create(
    conn: sa.Connection,
    md: sa.MetaData,
    dialect: str,
    schema: dbschema.Schema | None = None,
    ddl: dict[str, list[tuple[str, str, str]]] | None = None,
) -> None:
    """DEST's schemas, types, tables and indexes (``ddl``: SOURCE's own SQLite statements).

    A table DEST cannot create goes to ``schema.left_out`` with its reason and the copy goes on;
    an index it cannot create is noted.
    """
    schema = schema if schema is not None else dbschema.Schema()
    insp = sa.inspect(conn)
    for table in md.sorted_tables:
        if insp.has_table(table.name, schema=table.schema):
            raise CopyError(f'DEST already has a table {_label(table)}: refusing to overwrite it')
    if dialect == 'postgresql':
        for name in {t.schema for t in md.tables.values() if t.schema}:
            conn.execute(sa.schema.CreateSchema(name, if_not_exists=True))
        dbschema.create_pg_types(conn, md)
    statements = {name: sql for name, _, sql in ddl['table']} if ddl is not None else {}
    for table in md.sorted_tables:
        label = _label(table)
        if dialect == 'sqlite' and table.schema:
            schema.left_out[label] = f'a SQLite DEST has no schema {table.schema!r}'
            continue
        fks = [fk for fk in table.foreign_key_constraints if _label(fk.referred_table) not in schema.left_out]
        try:
            if ddl is not None:
                dbschema.create_sqlite_table(conn, table, statements.get(table.name))
            elif dialect == 'postgresql':  # foreign keys are added after the data, as pg_restore does
                with conn.begin_nested():
                    conn.execute(sa.schema.CreateTable(table, include_foreign_key_constraints=[]))
            else:
                conn.execute(sa.schema.CreateTable(table, include_foreign_key_constraints=fks))
        except (sa_exc.DBAPIError, sa_exc.CompileError) as e:
            schema.left_out[label] = f'DEST cannot create it: {_first_line(e)}'
            continue
        if ddl is not None:
            continue
        for idx in table.indexes:
            try:
                if dialect == 'postgresql':
                    with conn.begin_nested():
                        conn.execute(sa.schema.CreateIndex(idx))
                else:
                    conn.execute(sa.schema.CreateIndex(idx))
            except sa_exc.DBAPIError as e:
                schema.notes.append(f'{label}: index {idx.name} not copied ({_first_line(e)})')
    if ddl is not None:
        created = {t.name for t in md.tables.values() if _label(t) not in schema.left_out}
        dbschema.sqlite_extras(conn, ddl['index'], 'index', schema, created)
        dbschema.sqlite_extras(conn, ddl['view'], 'view', schema, created)


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, 'orig', None) or e)
    return next((x.strip() for x in text.splitlines() if x.strip()), type(e).__name__)[:200]


def _finish(
    conn: sa.Connection,
    md: sa.MetaData,
    dialect: str,
    result: CopyResult,
    ddl: dict[str, list[tuple[str, str, str]]] | None = None,
) -> None:
    """Foreign keys (PostgreSQL, validated here), sequences and SQLite triggers, after the rows."""
    left_out = result.schema.left_out
    if dialect == 'postgresql':
        for table in md.sorted_tables:
            if _label(table) in left_out:
                continue
            for fk in table.foreign_key_constraints:
                if _label(fk.referred_table) in left_out:
                    result.schema.notes.append(f'{_label(table)}: foreign key {fk.name} not copied')
                    continue
                conn.execute(sa.schema.AddConstraint(fk))  # validated by PostgreSQL here
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type, sa.Integer):
                name = f'{table.schema}.{table.name}' if table.schema else table.name
                conn.execute(
                    sa.text(
                        'SELECT setval(pg_get_serial_sequence(:t, :c), '
                        f'COALESCE(MAX({_q(pk[0].name)}), 0) + 1, false) '
                        f'FROM {_qt(table)} WHERE pg_get_serial_sequence(:t, :c) IS NOT NULL'
                    ),
                    {'t': name, 'c': pk[0].name},
                )
        result.fk_violations = 0
    else:
        if ddl is not None:
            created = {t.name for t in md.tables.values() if _label(t) not in left_out}
            dbschema.sqlite_extras(conn, ddl['trigger'], 'trigger', result.schema, created)
        result.fk_violations = len(conn.exec_driver_sql('PRAGMA foreign_key_check').fetchall())
        if result.fk_violations:
            result.errors.append(f'{result.fk_violations} foreign key violation(s) in the copy')


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qt(table: sa.Table) -> str:
    return f'{_q(table.schema)}.{_q(table.name)}' if table.schema else _q(table.name)


# -- leak check ----------------------------------------------------------------------------------------
def verify_copy(
    source: str,
    dest: str,
    settings: Any = None,
    policy: Policy | None = None,
    schemas: Sequence[str] = (),
    key: bytes | None = None,
) -> LeakReport:
    """Original values of SOURCE's personal columns (and free-text findings) searched in every DEST cell.

    With ``key``, a DEST value that is the surrogate of some SOURCE value is not counted: a
    surrogate drawn from the valid space may by chance equal another person's original.
    """
    from gdprscan.scanner import database as scandb
    from gdprscan.scanner.engine import Settings

    policy = policy or Policy()
    settings = settings or Settings(min_score=MIN_SCORE)
    src, dst = _targets(source, dest)
    src_engine = _open_source(src)
    try:
        actions = Actions(key, policy, settings.lang) if key is not None else None
        with src_engine.connect() as conn:
            md, table_plans = _plans(conn, src.dialect, policy, schemas, actions)
            needles = _source_needles(conn, md, table_plans, settings, actions)
    except sa_exc.SQLAlchemyError as e:
        raise CopyError(scandb._reason(e, src)) from None
    finally:
        src_engine.dispose()
    dst_engine = _open_source(dst)
    try:
        with dst_engine.connect() as conn:
            return _search(conn, dst.dialect, schemas, needles)
    except sa_exc.SQLAlchemyError as e:
        raise CopyError(scandb._reason(e, dst)) from None
    finally:
        dst_engine.dispose()


def _source_needles(
    conn: sa.Connection,
    md: sa.MetaData,
    table_plans: dict[str, TablePlan],
    settings: Any,
    actions: Actions | None,
) -> Needles:
    """SOURCE's values to look for: every cell of a replaced column, and what a scan finds in free
    text; minus, with the key (``actions``), values that are also some value's surrogate."""
    from gdprscan.scanner import database as scandb
    from gdprscan.scanner.engine import Engine

    values: set[tuple[str, str]] = set()
    engine = Engine(settings)
    for table in md.sorted_tables:
        plans = table_plans[_label(table)].columns
        for batch in _batches(conn, table, 5000):
            texts, columns = [], []
            for row in batch:
                for col in table.columns:
                    plan = plans[col.name]
                    cell = row._mapping[col]
                    text = _cell_text(cell, plan.entity) if plan.mode == 'cell' else _text(cell)
                    if text is None or plan.mode in ('keep', 'drop') or plan.action == 'keep':
                        continue
                    if plan.mode == 'cell':
                        values.add((plan.entity or 'UNKNOWN', text))
                        if isinstance(cell, list):  # an array's elements, each on its own
                            values.update(
                                (plan.entity or 'UNKNOWN', t)
                                for v in _leaves(cell)
                                if (t := _cell_text(v, plan.entity)) is not None
                            )
                        if (form := _number_form(text, plan.entity or '')) is not None:
                            values.add((plan.entity or 'UNKNOWN', form[0]))  # '85073003328.0': its digits
                    else:
                        texts.append(text)
                        columns.append(col.name)
            units = [scandb.TextUnit(t, {'column': c}) for t, c in zip(texts, columns, strict=False)]
            values.update((f.entity, f.value) for f in engine.detect(units, _label(table)))
    ignore: set[tuple[str, str]] = set()
    if actions is not None:
        ignore = {(e, s) for e, v in values if (s := actions.apply(e, v)) is not None}
    return Needles(values, ignore=ignore)


def _search(
    conn: sa.Connection,
    dialect: str,
    schemas: Sequence[str],
    needles: Needles,
    only: set[str] | None = None,
) -> LeakReport:
    """``needles`` searched in every cell of DEST's tables (``only``: just these table labels, the
    copy's own, when other tables share DEST). ``conn`` may be the copy's own, uncommitted transaction."""
    report = LeakReport(checked_values=len(needles))
    found: set[str] = set()
    md, _ = _reflect(conn, dialect, schemas)
    for table in md.sorted_tables:
        if only is not None and _label(table) not in only:
            continue
        for batch in _batches(conn, table, 5000):
            for row in batch:
                for col in table.columns:
                    text = _search_text(row._mapping[col])
                    if text is None:
                        continue
                    for value, entity in needles.find(text):
                        k = (f'{_label(table)}.{col.name}', entity)
                        report.leaks[k] = report.leaks.get(k, 0) + 1
                        found.add(value)
    report.leaked_values = len(found)
    return report


def _search_text(value: Any) -> str | None:
    """A DEST cell as the leak check reads it: :func:`_text`, and a float holding a whole number
    (a national number kept in a REAL column) as its digits."""
    if type(value) is float:
        from gdprscan.anonymize.columns import integral

        number = integral(value)
        return _text(number) if number is not None else None
    return _text(value)
