"""The schema side of a database copy: what DEST gets besides the rows.

:mod:`.database` reflects SOURCE with SQLAlchemy and builds DEST from that reflection. Reflection
alone loses what makes a schema what it is, so this module adds it back:

- SQLite to SQLite: each table, index and view is created from SOURCE's own ``CREATE`` statement
  (``sqlite_master``), so untyped columns, declared types and their affinities, ``COLLATE``,
  ``WITHOUT ROWID``, ``AUTOINCREMENT``, generated columns and CHECK constraints stay exactly as they
  were; triggers are created after the rows (they must not fire on the copy's own inserts).
- Other pairs: types SQLAlchemy cannot write (an untyped SQLite column) become untyped/TEXT columns;
  PostgreSQL ENUM types and DOMAINs are created in DEST before the tables; CHECK constraints and
  expression or partial indexes are copied between databases of the same kind.
- Generated columns are created as generated and never inserted into: DEST computes them from the
  surrogates (a copied value would carry the original).

What cannot be copied is named in :attr:`Schema.notes` (one line each, no values); a table DEST
cannot create is left out with one line and the copy goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

#: ``ColumnPlan.why`` of a generated column: left out of the inserts, kept in DEST's DDL.
GENERATED = 'generated column, computed by DEST'
SYSTEM_SCHEMAS = ('information_schema', 'pg_catalog', 'pg_toast')
#: What a driver or a type's processor raises on a value that does not fit its declared type.
_BAD_VALUE = (ValueError, TypeError, ArithmeticError)


class SchemaError(ValueError):
    """A schema selection that cannot be honoured (a schema that does not exist)."""


@dataclass
class Schema:
    """What happened to the schema in DEST: notes on what was not copied, tables left out."""

    notes: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)


# -- schemas -------------------------------------------------------------------------------------
def schema_names(conn: sa.Connection, dialect: str, wanted: Sequence[str]) -> list[str | None]:
    """The schemas to copy: every non-system schema by default (PostgreSQL), else those asked for.

    ``--schema a --schema b`` and ``--schema a,b`` both work; the default schema is ``None`` so a
    table referenced across schemas is reflected once (SQLAlchemy names it without its schema).
    """
    if dialect != 'postgresql':
        return [None]
    insp = sa.inspect(conn)
    default = insp.default_schema_name
    known = insp.get_schema_names()
    names = [s.strip() for w in wanted for s in w.split(',') if s.strip()]
    missing = [s for s in names if s not in known]
    if missing:
        raise SchemaError(f'no schema {missing[0]!r} in SOURCE')
    if not names:
        names = [s for s in known if s not in SYSTEM_SCHEMAS and not s.startswith(('pg_toast', 'pg_temp'))]
    out: list[str | None] = [None] if not wanted or default in names else []
    out += [s for s in dict.fromkeys(names) if s != default]
    return out


# -- tolerant reading of SQLite -------------------------------------------------------------------
_TOLERANT: dict[type, type] = {}


def _tolerant_processor(proc: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if proc is None:
        return None

    def process(value: Any) -> Any:
        try:
            return proc(value)
        except _BAD_VALUE:
            return value  # SQLite stores what it is given: 'abc' in a NUMERIC column stays 'abc'

    return process


def _tolerant_class(cls: Any) -> type:
    """``cls`` with processors that pass a value through when it does not fit the declared type."""
    sub = _TOLERANT.get(cls)
    if sub is None:

        def result_processor(self: Any, dialect: Any, coltype: Any) -> Any:
            if issubclass(cls, sa.Numeric) and not issubclass(cls, sa.Float):
                return None  # SQLite gives ints and floats as stored; a Decimal would print 2 as 2.0000000000
            return _tolerant_processor(cls.result_processor(self, dialect, coltype))

        def bind_processor(self: Any, dialect: Any) -> Any:
            return _tolerant_processor(cls.bind_processor(self, dialect))

        def _gen_dialect_impl(self: Any, dialect: Any) -> Any:
            return tolerant(cls._gen_dialect_impl(self, dialect))

        sub = type(
            cls.__name__,
            (cls,),
            {
                'result_processor': result_processor,
                'bind_processor': bind_processor,
                '_gen_dialect_impl': _gen_dialect_impl,
                '__module__': cls.__module__,
            },
        )
        _TOLERANT[cls] = sub
    return sub


def tolerant(t: Any) -> Any:
    """The same type, reading and writing values that break its declared type unchanged.

    SQLite's declared types are affinities, not rules: a DATE column may hold '30/07/1985' and a
    STRING column (NUMERIC affinity) 'abc'. SQLAlchemy's processors raise on those; a copy must
    carry them as they are.
    """
    if type(t) in _TOLERANT.values() or isinstance(t, sa.types.NullType):
        return t
    new: Any = object.__new__(_tolerant_class(type(t)))
    new.__dict__.update(t.__dict__)
    new.__dict__.pop('_static_cache_key', None)
    return new


def fix_sqlite_reflection(conn: sa.Connection, md: sa.MetaData) -> None:
    """Tolerant types (:func:`tolerant`), and generated columns' expressions read from SOURCE's own
    ``CREATE TABLE`` (SQLAlchemy's parser runs one into the next when a table has two)."""
    for table in md.tables.values():
        for col in table.columns:
            col.type = tolerant(col.type)
        if not any(c.computed is not None for c in table.columns):
            continue
        row = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table.name,)
        ).fetchone()
        generated = sqlite_generated(row[0]) if row and row[0] else {}
        for col in table.columns:
            if col.computed is not None and col.name in generated:
                expr, persisted = generated[col.name]
                col.computed.sqltext = sa.text(expr)
                col.computed.persisted = persisted


def _top_level(sql: str) -> Iterator[tuple[int, str, int]]:
    """(position, character, depth) of each character of ``sql`` outside quotes."""
    depth, quote = 0, ''
    closing = {'"': '"', "'": "'", '`': '`', '[': ']'}
    for i, ch in enumerate(sql):
        if quote:
            if ch == quote:
                quote = ''
            continue
        if ch in closing:
            quote = closing[ch]
        elif ch == '(':
            depth += 1
            yield i, ch, depth
        elif ch == ')':
            yield i, ch, depth
            depth -= 1
        else:
            yield i, ch, depth


def sqlite_generated(sql: str) -> dict[str, tuple[str, bool]]:
    """Generated columns of a SQLite ``CREATE TABLE``: name -> (expression, stored).

    >>> sqlite_generated('CREATE TABLE p (a, b AS (upper(a)) STORED, [c d] GENERATED ALWAYS AS (a || b))')
    {'b': ('upper(a)', True), 'c d': ('a || b', False)}
    """
    cuts = [i for i, ch, depth in _top_level(sql) if ch in ',()' and depth == 1]
    if len(cuts) < 2:
        return {}
    parts = [sql[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)]
    out = {}
    for part in parts:
        name_match = re.match(r'\s*("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s(]+)', part)
        if not name_match:
            continue
        name = name_match.group(1)
        if name[0] in '"`[':
            name = name[1:-1].replace('""', '"')
        opens = [i for i, ch, depth in _top_level(part) if ch == '(' and depth == 1]
        for start in opens:
            if not re.search(r'\bAS\s*$', part[:start], re.IGNORECASE):
                continue
            end = next(i for i, ch, depth in _top_level(part) if ch == ')' and depth == 1 and i > start)
            stored = bool(re.match(r'\s*STORED\b', part[end + 1 :], re.IGNORECASE))
            out[name] = (part[start + 1 : end].strip(), stored)
            break
    return out


# -- DEST types and constraints --------------------------------------------------------------------
class Untyped(sa.types.UserDefinedType[Any]):
    """A SQLite column declared without a type (BLOB affinity): values are stored as given."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return ''


def dest_type(col: sa.Column[Any], src_dialect: str, dst_dialect: str) -> Any:
    """The column's type in DEST: the same type between databases of one kind, else a generic one."""
    t = col.type
    if isinstance(t, sa.types.NullType):
        return Untyped() if dst_dialect == 'sqlite' else sa.Text()
    if col.info.get('misfit'):
        return sa.Text()
    if src_dialect == dst_dialect:
        return t
    data_type = getattr(t, 'data_type', None)  # a PostgreSQL DOMAIN: its base type
    try:
        generic: Any = (data_type if data_type is not None else t).as_generic()
        generic.compile(dialect=_dialect(dst_dialect))
    except NotImplementedError:
        return sa.Text()
    except sa_exc.CompileError:  # e.g. an array in SQLite: written as a JSON list
        return sa.JSON() if isinstance(generic, sa.ARRAY) else sa.Text()
    if getattr(generic, 'collation', None) is not None:
        generic.collation = None  # collation names differ between databases
    return generic


def _dialect(name: str) -> Any:
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect() if name == 'sqlite' else postgresql.dialect()


def mentions(sql: str, names: Iterable[str]) -> bool:
    """Whether an SQL expression names any of these columns (a word match, quoted or not)."""
    return any(re.search(rf'(?<![\w$]){re.escape(n)}(?![\w$])', sql, re.IGNORECASE) for n in names)


def computed(col: sa.Column[Any], dst_dialect: str, dropped: set[str]) -> sa.Computed | None:
    """A generated column's expression for DEST (PostgreSQL only stores them), or None if it uses a
    dropped column."""
    gen = col.computed
    if gen is None:
        return None
    sql = str(gen.sqltext)
    if mentions(sql, dropped):
        return None
    persisted = True if dst_dialect == 'postgresql' else gen.persisted
    return sa.Computed(sa.text(sql), persisted=persisted)


def checks(table: sa.Table, dropped: set[str], same: bool, schema: Schema, label: str) -> list[Any]:
    """The table's CHECK constraints for DEST; those that cannot be carried are noted."""
    out: list[Any] = []
    for cons in table.constraints:
        if not isinstance(cons, sa.CheckConstraint):
            continue
        sql = str(cons.sqltext)
        name = cons.name if isinstance(cons.name, str) else None
        what = f'{label}: CHECK {name or "(" + _short(sql) + ")"}'
        if not same:
            schema.notes.append(f'{what} not copied (written in the SQL of another database)')
        elif mentions(sql, dropped):
            schema.notes.append(f'{what} not copied (uses a dropped column)')
        else:
            out.append(sa.CheckConstraint(sa.text(sql), name=name))
    return out


def indexes(
    table: sa.Table, new: sa.Table, dropped: set[str], same: bool, schema: Schema, label: str
) -> None:
    """The table's indexes on ``new``: columns, expressions and partial-index conditions."""
    for idx in table.indexes:
        exprs: list[Any] = []
        opts: dict[str, Any] = {
            k: sa.text(str(v)) if k.endswith('_where') else v for k, v in idx.dialect_kwargs.items()
        }
        text_parts = [str(e) for e in idx.expressions if not isinstance(e, sa.Column)]
        text_parts += [str(v) for k, v in opts.items() if k.endswith('_where')]
        if not same:
            opts = {}  # another database's index options
        if not same and text_parts:
            schema.notes.append(
                f'{label}: index {idx.name} not copied (an expression in the SQL of another database)'
            )
            continue
        names = [e.name for e in idx.expressions if isinstance(e, sa.Column)]
        if any(n in dropped for n in names) or mentions(' '.join(text_parts), dropped):
            schema.notes.append(f'{label}: index {idx.name} not copied (uses a dropped column)')
            continue
        for e in idx.expressions:  # an expression in parentheses: '(a + b)' is valid where 'a + b' is not
            exprs.append(new.c[e.name] if isinstance(e, sa.Column) else sa.text(f'({e})'))
        if exprs:  # appended: an index on expressions alone names no column that would bind it
            new.append_constraint(sa.Index(idx.name, *exprs, unique=idx.unique, **opts))


def _short(sql: str) -> str:
    sql = ' '.join(sql.split())
    return sql if len(sql) <= 60 else sql[:57] + '...'


# -- PostgreSQL types --------------------------------------------------------------------------------
def create_pg_types(conn: sa.Connection, md: sa.MetaData) -> None:
    """ENUM types and DOMAINs used by DEST's columns, created before the tables (enums first: a
    domain may be based on one)."""
    from sqlalchemy.dialects import postgresql as pg

    enums: dict[tuple[str | None, str | None], Any] = {}
    domains: dict[tuple[str | None, str | None], Any] = {}
    for table in md.tables.values():
        for col in table.columns:
            t = col.type
            for inner in (t, getattr(t, 'data_type', None), getattr(t, 'item_type', None)):
                if isinstance(inner, pg.DOMAIN):
                    domains.setdefault((inner.schema, inner.name), inner)
                    base = inner.data_type
                    if isinstance(base, pg.ENUM) and base.name:
                        enums.setdefault((base.schema, base.name), base)
                elif isinstance(inner, pg.ENUM) and inner.name:
                    enums.setdefault((inner.schema, inner.name), inner)
    for schema in {s for s, _ in (*enums, *domains) if s}:
        conn.execute(sa.schema.CreateSchema(schema, if_not_exists=True))
    for enum in enums.values():
        enum.create(conn, checkfirst=True)
    for domain in domains.values():
        if domain.collation == 'default':
            domain.collation = None
        domain.create(conn, checkfirst=True)


# -- SQLite to SQLite: SOURCE's own DDL -----------------------------------------------------------------
def sqlite_ddl(sconn: sa.Connection) -> dict[str, list[tuple[str, str, str]]]:
    """SOURCE's CREATE statements by kind ('table', 'index', 'view', 'trigger'): (name, table, sql)."""
    out: dict[str, list[tuple[str, str, str]]] = {'table': [], 'index': [], 'view': [], 'trigger': []}
    rows = sconn.exec_driver_sql(
        'SELECT type, name, tbl_name, sql FROM sqlite_master '
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    for kind, name, table, sql in rows:
        if kind in out:
            out[kind].append((name, table, sql))
    return out


def create_sqlite_table(dconn: sa.Connection, table: sa.Table, sql: str | None) -> None:
    """Create ``table`` in a SQLite DEST from SOURCE's statement, then drop the columns the copy
    leaves out; SQLAlchemy's DDL when there is no statement or a column cannot be dropped from it."""
    from gdprscan.anonymize.database import _q

    if sql is not None:
        dconn.exec_driver_sql(sql)
        info = dconn.exec_driver_sql(f'PRAGMA table_xinfo({_q(table.name)})').fetchall()
        try:
            for name in [r[1] for r in info if r[1] not in table.c]:
                dconn.exec_driver_sql(f'ALTER TABLE {_q(table.name)} DROP COLUMN {_q(name)}')
            return
        except sa_exc.OperationalError:
            dconn.exec_driver_sql(f'DROP TABLE {_q(table.name)}')
    dconn.execute(sa.schema.CreateTable(table))


def sqlite_extras(
    dconn: sa.Connection, ddl: list[tuple[str, str, str]], kind: str, schema: Schema, tables: set[str]
) -> None:
    """Create SOURCE's indexes, views or triggers in DEST; what fails is noted, not fatal."""
    from gdprscan.anonymize.database import _q

    for name, table, sql in ddl:
        if kind != 'view' and table not in tables:
            continue
        try:
            dconn.exec_driver_sql(sql)
            if kind == 'view':
                dconn.exec_driver_sql(f'SELECT * FROM {_q(name)} LIMIT 0').fetchall()
        except sa_exc.OperationalError as e:
            if kind == 'view':
                dconn.exec_driver_sql(f'DROP VIEW IF EXISTS {_q(name)}')
            reason = str(getattr(e, 'orig', e)).splitlines()[0][:120]
            schema.notes.append(f'{kind} {name} not copied ({reason})')


def uncopied(sconn: sa.Connection, src_dialect: str, dst_dialect: str, md: sa.MetaData) -> list[str]:
    """Notes on SOURCE objects the copy does not carry: views and triggers, except SQLite to SQLite
    (where :func:`sqlite_extras` copies them)."""
    if src_dialect == dst_dialect == 'sqlite':
        return []
    if src_dialect == 'sqlite':
        ddl = sqlite_ddl(sconn)
        known = {idx.name for t in md.tables.values() for idx in t.indexes}
        notes = [f'{kind} {name} not copied' for kind in ('view', 'trigger') for name, _, _ in ddl[kind]]
        return notes + [
            f'{table}: index {name} not copied (an expression in the SQL of another database)'
            for name, table, _ in ddl['index']
            if name not in known
        ]
    notes = []
    insp = sa.inspect(sconn)
    for schema in sorted({t.schema for t in md.tables.values()}, key=lambda s: s or ''):
        prefix = f'{schema}.' if schema else ''
        views = [*insp.get_view_names(schema=schema), *insp.get_materialized_view_names(schema=schema)]
        notes += [f'view {prefix}{name} not copied' for name in sorted(views)]
    tables = {(t.schema or insp.default_schema_name, t.name) for t in md.tables.values()}
    rows = sconn.exec_driver_sql(
        'SELECT n.nspname, c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid '
        'JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal ORDER BY 1, 2, 3'
    ).fetchall()
    notes += [
        f'trigger {name} on {table} not copied' for schema, table, name in rows if (schema, table) in tables
    ]
    return notes


def mark_misfits(conn: sa.Connection, md: sa.MetaData, schema: Schema) -> None:
    """SQLite columns holding values their declared type does not describe ('abc' in a NUMERIC
    column, '30/07/1985' in a DATE column): another database would refuse them, so they become TEXT
    columns there (``col.info['misfit']``, read by :func:`dest_type`), each noted."""
    from gdprscan.anonymize.database import _q

    for table in md.tables.values():
        tests = {}
        for col in table.columns:
            c, t = _q(col.name), col.type
            if isinstance(t, sa.Integer | sa.Boolean):
                tests[col.name] = f"typeof({c}) NOT IN ('integer', 'null')"
            elif isinstance(t, sa.Numeric):
                tests[col.name] = f"typeof({c}) NOT IN ('integer', 'real', 'null')"
            elif isinstance(t, sa.DateTime):
                tests[col.name] = f"{c} IS NOT NULL AND (typeof({c}) <> 'text' OR datetime({c}) IS NULL)"
            elif isinstance(t, sa.Date):
                tests[col.name] = f"{c} IS NOT NULL AND (typeof({c}) <> 'text' OR date({c}) IS NULL)"
        if not tests:
            continue
        found = conn.exec_driver_sql(
            'SELECT ' + ', '.join(f'MAX({cond})' for cond in tests.values()) + f' FROM {_q(table.name)}'
        ).fetchone()
        for name, bad in zip(tests, found or (), strict=False):
            if bad:
                table.c[name].info['misfit'] = True
                declared = table.c[name].type.compile(dialect=_dialect('sqlite'))
                schema.notes.append(
                    f'{table.name}.{name}: values that are not {declared}: a TEXT column in DEST'
                )
