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
one transaction (DDL included) committed at the end, so an interrupted copy leaves nothing. DEST
must not already hold any of the tables. Rows stream in batches; memory stays flat.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.cells import back
from gdprscan.anonymize.cells import single_value
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.verify import LeakReport
from gdprscan.anonymize.verify import Needles
from gdprscan.classifiers.categories import known_entities
from sqlalchemy import exc as sa_exc

SAMPLE_VALUES = 1000
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


@dataclass
class CopyResult:
    tables: list[TablePlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fk_violations: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        """Per table and column: the plan and counts, never a value."""
        out = []
        for t in self.tables:
            plan = getattr(t, 'kanon', None)
            k = ''
            if plan is not None:
                levels = ', '.join(f'{c}:{plan.kinds[c]}@{plan.levels[c]}' for c in plan.kinds)
                k = f', k={t.k} ({levels}; {plan.suppressed_rows} rows suppressed)'
            out.append(f'{t.label}: {t.rows} rows{k}')
            for name, plan in t.columns.items():
                if plan.mode == 'keep':
                    continue
                what = plan.mode if plan.mode in ('drop', 'scan') else f'{plan.action} {plan.entity}'
                n = t.replaced.get(name, 0)
                verb = 'would change' if self.dry_run else 'changed'
                out.append(
                    f'  {name}: {what} ({plan.why}){"" if self.dry_run and not n else f", {verb} {n}"}'
                )
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
    md = sa.MetaData()
    names: list[str | None] = list(schemas) if schemas else [None]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', sa_exc.SAWarning)
        for schema in names:
            md.reflect(bind=conn, schema=schema)
    for name in [t for t in md.tables if t.split('.')[-1].startswith('sqlite_')]:
        md.remove(md.tables[name])
    if dialect == 'sqlite':
        _sqlite_inline_uniques(conn, md)
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
    from gdprscan.scanner.database import column_kind

    sample_rows = conn.execute(sa.select(table).limit(SAMPLE_VALUES)).fetchall()
    label = table.name
    plans: dict[str, ColumnPlan] = {}
    for i, col in enumerate(table.columns):
        rule = policy.column_rule(col.name, label)
        if rule is not None:
            if rule.action in ('keep', 'drop'):
                plans[col.name] = ColumnPlan(rule.action, why='policy')
                continue
            entity = rule.entity or _classify(col.name, [r[i] for r in sample_rows])
            plans[col.name] = ColumnPlan('cell', entity or 'UNKNOWN', rule.action, 'policy')
            continue
        kind = column_kind(col.type, dialect)
        entity = _classify(col.name, [r[i] for r in sample_rows]) if kind else None
        if entity in CELL_ENTITIES:
            plans[col.name] = ColumnPlan('cell', entity, policy.entity_action(entity), 'classifier')
        elif kind in ('text', 'any', 'json') and not _is_key(col):
            plans[col.name] = ColumnPlan('scan', why='free text')
        else:
            plans[col.name] = ColumnPlan('keep')
    return plans


def _is_key(col: sa.Column[Any]) -> bool:
    return bool(col.primary_key and isinstance(col.type, sa.Integer))


def _classify(name: str, values: Sequence[Any]) -> str | None:
    from gdprscan.classifiers.columns import classify_column

    texts = [t for v in values if (t := _text(v)) is not None]
    found = classify_column(name, texts)
    return found.entity if found is not None else None


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
class Transformer:
    """Applies a table's column plans to rows; repeated values come from the surrogate cache."""

    def __init__(self, tp: TablePlan, actions: Actions, rewriter: Rewriter) -> None:
        self.tp = tp
        self.actions = actions
        self.rewriter = rewriter
        self.columns = [c for c in tp.table.columns if tp.columns[c.name].mode != 'drop']
        self.cell_cols = [
            (c.name, tp.columns[c.name]) for c in self.columns if tp.columns[c.name].mode == 'cell'
        ]
        self.scan_cols = [c.name for c in self.columns if tp.columns[c.name].mode == 'scan']
        self.generalise: Any = None

    def rows(self, rows: Sequence[sa.Row[Any]]) -> list[dict[str, Any]]:
        out = [{c.name: r._mapping[c] for c in self.columns} for r in rows]
        replaced = self.tp.replaced
        for name, plan in self.cell_cols:
            n = 0
            for row in out:
                old = row[name]
                if old is None:
                    continue
                new = self._cell(old, plan)
                if new != old:
                    n += 1
                row[name] = new
            if n:
                replaced[name] = replaced.get(name, 0) + n
        for name in self.scan_cols:
            idx = [i for i, row in enumerate(out) if isinstance(row[name], str) and row[name].strip()]
            if not idx:
                continue
            texts = [out[i][name] for i in idx]
            new = self.rewriter.rewrite_many(texts, self.tp.label, [name] * len(texts))
            n = 0
            for i, old, value in zip(idx, texts, new, strict=False):
                if value is not old:
                    out[i][name] = value
                    n += 1
            if n:
                replaced[name] = replaced.get(name, 0) + n
        if self.generalise is not None:
            for row in out:
                self.generalise(row)
        return out

    def _cell(self, value: Any, plan: ColumnPlan) -> Any:
        text = _text(value)
        if text is None:
            if isinstance(value, bytes | bytearray | memoryview) and plan.action not in ('keep', None):
                return self.actions.surrogates.binary(bytes(value))  # e.g. a fingerprint template
            return value
        entity = plan.entity or 'UNKNOWN'
        if plan.action == 'replace' and not single_value(entity, text):  # free text in a typed column
            new: str | None = self.rewriter.rewrite_many([text], self.tp.label)[0]
        else:
            new = self.actions.apply(entity, text, plan.action)
        if new is None:
            return None
        return back(value, new)


# -- DDL -------------------------------------------------------------------------------------------
def _dest_metadata(
    md: sa.MetaData, plans: dict[str, TablePlan], src_dialect: str, dst_dialect: str
) -> sa.MetaData:
    """The source schema for DEST: dropped columns left out; types made generic across dialects."""
    out = sa.MetaData()
    for table in md.sorted_tables:
        tp = plans[_label(table)]
        keep = [c for c in table.columns if tp.columns[c.name].mode != 'drop']
        cols = []
        for c in keep:
            col = c._copy()
            if src_dialect != dst_dialect:
                try:
                    col.type = c.type.as_generic()
                except NotImplementedError:
                    col.type = sa.Text()
                col.server_default = None
            elif col.server_default is not None and 'nextval' in str(getattr(col.server_default, 'arg', '')):
                col.server_default = None
            if dst_dialect == 'postgresql' and _is_key(c) and len(table.primary_key.columns) == 1:
                col.autoincrement = True
            cols.append(col)
        names = {c.name for c in keep}
        extra: list[Any] = []
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
        for idx in table.indexes:
            if all(c.name in names for c in idx.columns):
                sa.Index(idx.name, *[new.c[c.name] for c in idx.columns], unique=idx.unique)
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
) -> CopyResult:
    """Copy SOURCE to DEST with surrogates; see the module docstring."""
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    policy = policy or Policy()
    settings = settings or Settings(min_score=0.0)
    src, dst = _targets(source, dest)
    actions = Actions(key, policy, settings.lang)
    rewriter = Rewriter(Engine(settings), actions)
    result = CopyResult(dry_run=dry_run)
    src_engine = _open_source(src)
    try:
        with src_engine.connect() as sconn:
            md, plans = _plans(sconn, src.dialect, policy, schemas, actions)
            from gdprscan.anonymize import kanon

            result.tables = list(plans.values())
            if dry_run:
                for tp in result.tables:
                    tp.rows = sconn.execute(sa.select(sa.func.count()).select_from(tp.table)).scalar_one()
                return result
            dest_md = _dest_metadata(md, plans, src.dialect, dst.dialect)
            with _dest(dst) as dconn:
                _create(dconn, dest_md, dst.dialect)
                for table in md.sorted_tables:
                    tp = plans[_label(table)]
                    tf = Transformer(tp, actions, rewriter)
                    tf.generalise = kanon.row_generaliser(tp)
                    dtable = dest_md.tables[_label(table)]
                    for batch in _batches(sconn, table, batch_size):
                        rows = tf.rows(batch)
                        if rows:
                            dconn.execute(dtable.insert(), rows)
                        tp.rows += len(rows)
                _finish(dconn, dest_md, dst.dialect, result)
    except sa_exc.SQLAlchemyError as e:
        from gdprscan.scanner.database import _reason

        raise CopyError(_reason(e, dst)) from None
    finally:
        src_engine.dispose()
    return result


def _plans(
    conn: sa.Connection, dialect: str, policy: Policy, schemas: Sequence[str], actions: Actions | None
) -> tuple[sa.MetaData, dict[str, TablePlan]]:
    """Column plans and k-anonymity levels for every table; the national-number mode to match."""
    from gdprscan.anonymize import kanon

    md, _ = _reflect(conn, dialect, schemas)
    plans = {
        _label(t): TablePlan(_label(t), t, plan_table(conn, t, policy, dialect)) for t in md.sorted_tables
    }
    _follow_foreign_keys(plans)
    _check_plans(plans)
    for tp in plans.values():
        kanon.prepare(conn, tp, policy)
    if actions is not None and any(kanon.hides_birth_or_sex(tp) for tp in plans.values()):
        # A generalised birth date or sex must not survive inside a surrogate national number.
        actions.surrogates.nn_keep = 'none'
        actions.surrogates.clear_cache()
    return md, plans


def _check_plans(plans: dict[str, TablePlan]) -> None:
    for tp in plans.values():
        for col in tp.table.columns:
            plan = tp.columns[col.name]
            if plan.mode == 'drop' and (col.primary_key or not col.nullable):
                raise CopyError(f'{tp.label}.{col.name}: cannot drop a primary-key or NOT NULL column')
            if plan.action == 'null' and not col.nullable:
                raise CopyError(f'{tp.label}.{col.name}: policy null on a NOT NULL column')


def _batches(conn: sa.Connection, table: sa.Table, size: int) -> Iterator[Sequence[sa.Row[Any]]]:
    stmt = sa.select(table)
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
    """A DEST connection in one transaction; SQLite through a temporary file renamed on success."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.tmp: Path | None = None

    def __enter__(self) -> sa.Connection:
        t = self.target
        if t.dialect == 'sqlite':
            path = Path(t.url.database or '')
            if not t.url.database or t.url.database == ':memory:':
                raise CopyError('a SQLite DEST must name a file (sqlite:///path/copy.db)')
            if path.exists() and path.stat().st_size > 0:
                raise CopyError(f'{t.display}: DEST database file already exists')
            fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.gdprscan-partial-', dir=path.resolve().parent)
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
        try:
            if exc_type is None:
                self.trans.commit()
            else:
                self.trans.rollback()
        finally:
            self.conn.close()
            self.engine.dispose()
            if self.tmp is not None:
                if exc_type is None:
                    os.replace(self.tmp, Path(self.target.url.database or '').resolve())
                else:
                    self.tmp.unlink(missing_ok=True)


def _create(conn: sa.Connection, md: sa.MetaData, dialect: str) -> None:
    insp = sa.inspect(conn)
    for table in md.sorted_tables:
        if insp.has_table(table.name, schema=table.schema):
            raise CopyError(f'DEST already has a table {_label(table)}: refusing to overwrite it')
    if dialect == 'postgresql':
        for schema in {t.schema for t in md.tables.values() if t.schema}:
            conn.execute(sa.schema.CreateSchema(schema, if_not_exists=True))
        for table in md.sorted_tables:  # foreign keys are added after the data, as pg_restore does
            conn.execute(sa.schema.CreateTable(table, include_foreign_key_constraints=[]))
            for idx in table.indexes:
                conn.execute(sa.schema.CreateIndex(idx))
    else:
        md.create_all(conn)


def _finish(conn: sa.Connection, md: sa.MetaData, dialect: str, result: CopyResult) -> None:
    if dialect == 'postgresql':
        for table in md.sorted_tables:
            for fk in table.foreign_key_constraints:
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
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    policy = policy or Policy()
    settings = settings or Settings(min_score=0.0)
    src, dst = _targets(source, dest)
    values: set[tuple[str, str]] = set()
    engine = Engine(settings)
    src_engine = _open_source(src)
    try:
        actions = Actions(key, policy, settings.lang) if key is not None else None
        with src_engine.connect() as conn:
            md, table_plans = _plans(conn, src.dialect, policy, schemas, actions)
            for table in md.sorted_tables:
                plans = table_plans[_label(table)].columns
                for batch in _batches(conn, table, 5000):
                    texts, columns = [], []
                    for row in batch:
                        for col in table.columns:
                            plan = plans[col.name]
                            text = _text(row._mapping[col])
                            if text is None or plan.mode in ('keep', 'drop') or plan.action == 'keep':
                                continue
                            if plan.mode == 'cell':
                                values.add((plan.entity or 'UNKNOWN', text))
                            else:
                                texts.append(text)
                                columns.append(col.name)
                    units = [scandb.TextUnit(t, {'column': c}) for t, c in zip(texts, columns, strict=False)]
                    values.update((f.entity, f.value) for f in engine.detect(units, _label(table)))
    except sa_exc.SQLAlchemyError as e:
        raise CopyError(scandb._reason(e, src)) from None
    finally:
        src_engine.dispose()
    ignore: set[tuple[str, str]] = set()
    if actions is not None:
        ignore = {(e, s) for e, v in values if (s := actions.apply(e, v)) is not None}
    needles = Needles(values, ignore=ignore)
    report = LeakReport(checked_values=len(needles))
    found: set[str] = set()
    dst_engine = _open_source(dst)
    try:
        with dst_engine.connect() as conn:
            md, _ = _reflect(conn, dst.dialect, schemas)
            for table in md.sorted_tables:
                for batch in _batches(conn, table, 5000):
                    for row in batch:
                        for col in table.columns:
                            text = _text(row._mapping[col])
                            if text is None:
                                continue
                            for value, entity in needles.find(text):
                                k = (f'{_label(table)}.{col.name}', entity)
                                report.leaks[k] = report.leaks.get(k, 0) + 1
                                found.add(value)
    except sa_exc.SQLAlchemyError as e:
        raise CopyError(scandb._reason(e, dst)) from None
    finally:
        dst_engine.dispose()
    report.leaked_values = len(found)
    return report
