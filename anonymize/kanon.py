"""k-anonymity for quasi-identifiers: generalise until every combination occurs at least k times.

Names and numbers replaced, a person can still be singled out by birth date + postcode + sex +
nationality + a rare job title. The quasi-identifier (QI) columns of a table come from the policy
(``quasi_identifiers``) or, by default, from their names and the column classifier (birth dates,
postcodes, sex, nationality, job title, municipality). Each kind has a ladder of levels:

- birth_date: the surrogate date (only its year is real) -> 5-year band -> 10-year band -> suppressed
- postcode: exact -> province -> region -> suppressed
- sex: exact -> suppressed
- nationality, job_title, other: exact -> values rarer than k become "other" -> suppressed

Starting from the lowest levels, the QI whose next level merges most of the rows still in groups
smaller than k is raised, until every combination has at least k rows (or every QI is suppressed).
Counting needs one pass over the QI columns (a counter of distinct combinations, not the rows).
The k reached is reported per table. Generalised values keep the column's type: a DATE column
gets the first day of the band, a short text or integer postcode column a representative postcode
of the province/region, a long text column the label.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from gdprscan.anonymize import fakes
from gdprscan.anonymize.policy import Policy

LADDERS = {'birth_date': 4, 'postcode': 4, 'sex': 2, 'nationality': 3, 'job_title': 3, 'other': 3}
DEFAULT_NAMES = (
    (re.compile(r'(birth|geboorte|naissance|dob)', re.I), 'birth_date'),
    (re.compile(r'(post(al)?_?code|zip|code_?postal|postnummer)', re.I), 'postcode'),
    (re.compile(r'^(sex|gender|geslacht|sexe)$', re.I), 'sex'),
    (re.compile(r'(nationalit)', re.I), 'nationality'),
    (re.compile(r'(job_?title|functie|fonction|function|beroep|profession)', re.I), 'job_title'),
    (re.compile(r'^(city|gemeente|woonplaats|commune|localite|localité|municipality)$', re.I), 'other'),
)
REGION_CODE = {'Brussels': '1000', 'Flanders': '2000', 'Wallonia': '5000'}


def default_kind(name: str) -> str | None:
    for rx, kind in DEFAULT_NAMES:
        if rx.search(name):
            return kind
    return None


def _year(value: Any) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    m = re.match(r'\s*(\d{4})', str(value)) or re.search(r'(\d{4})\s*$', str(value))
    return int(m.group(1)) if m else None


def level_value(kind: str, level: int, value: Any, rare: frozenset[str] = frozenset()) -> Any:
    """The generalised key of ``value`` at ``level`` (for counting); None means suppressed."""
    if value is None:
        return None
    top = LADDERS[kind] - 1
    if level >= top:
        return None
    if kind == 'birth_date':
        year = _year(value)
        if year is None:
            return None
        return year if level == 0 else year - year % (5 if level == 1 else 10)
    if kind == 'postcode':
        text = str(value).strip()
        if level == 0:
            return text
        prov = fakes.province(text)
        if prov is None:
            return None
        return prov if level == 1 else fakes.REGION[prov]
    if kind == 'sex':
        return str(value).strip().upper()
    text = str(value).strip().lower()
    return 'other' if level == 1 and text in rare else text


class Plan:
    """The chosen level per QI column, the rare values per categorical column, and the k reached."""

    def __init__(self, kinds: dict[str, str]) -> None:
        self.kinds = kinds
        self.levels = {c: 0 for c in kinds}
        self.rare: dict[str, frozenset[str]] = {c: frozenset() for c in kinds}
        self.k: int | None = None
        #: generalised combinations still rarer than k: their rows get every QI suppressed
        self.suppress: frozenset[tuple[Any, ...]] = frozenset()
        self.suppressed_rows = 0
        #: column -> its most common value, written instead of '*' / 1900-01-01 / 'other' in a column
        #: whose CHECK constraint, enum or domain limits its values (see :func:`constrained`)
        self.fallback: dict[str, Any] = {}

    def key(self, combo: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            level_value(self.kinds[c], self.levels[c], v, self.rare[c])
            for c, v in zip(self.kinds, combo, strict=False)
        )


def choose(
    kinds: dict[str, str], combos: Counter[tuple[Any, ...]], k: int, max_suppressed: float = 0.05
) -> Plan:
    """Levels that make every combination occur at least ``k`` times (greedy, see module doc); the
    rows of combinations still rarer than k, at most ``max_suppressed`` of the table, are suppressed."""
    plan = Plan(kinds)
    values: dict[str, Counter[str]] = {c: Counter() for c in kinds}
    for combo, n in combos.items():
        for c, v in zip(kinds, combo, strict=False):
            if v is not None:
                values[c][str(v).strip().lower()] += n
    for c, kind in kinds.items():
        if kind in ('nationality', 'job_title', 'other'):
            plan.rare[c] = frozenset(v for v, n in values[c].items() if n < k)

    def small(p: Plan) -> tuple[int, int]:
        groups: Counter[tuple[Any, ...]] = Counter()
        for combo, n in combos.items():
            groups[p.key(combo)] += n
        under = sum(n for n in groups.values() if n < k)
        return under, min(groups.values()) if groups else 0

    total = sum(combos.values())
    allowed = int(total * max_suppressed)
    under, least = small(plan)
    while under > allowed:
        best = None
        for c, kind in kinds.items():
            if plan.levels[c] >= LADDERS[kind] - 1:
                continue
            plan.levels[c] += 1
            score = small(plan)
            plan.levels[c] -= 1
            if best is None or score[0] < best[1][0]:
                best = (c, score)
        if best is None:
            break
        plan.levels[best[0]] += 1
        under, least = best[1]
    groups: Counter[tuple[Any, ...]] = Counter()
    for combo, n in combos.items():
        groups[plan.key(combo)] += n
    plan.suppress = frozenset(g for g, n in groups.items() if n < k)
    plan.suppressed_rows = sum(groups[g] for g in plan.suppress)
    kept = [n for g, n in groups.items() if g not in plan.suppress]
    plan.k = min(kept) if kept else (total or None)
    return plan


# -- database tables ---------------------------------------------------------------------------------
def qi_columns(tp: Any, policy: Policy) -> dict[str, str]:
    """QI column -> kind for a table plan: the policy first, then defaults by name/entity."""
    out = {}
    for col in tp.table.columns:
        plan = tp.columns[col.name]
        if plan.mode == 'drop' or col.primary_key or col.foreign_keys:
            continue
        kind = policy.quasi_identifier(col.name, tp.label)
        if kind is None and plan.entity == 'DATE_OF_BIRTH':
            kind = 'birth_date'
        if kind is None and plan.mode != 'cell':
            kind = default_kind(col.name)
            if kind == 'birth_date' and not isinstance(col.type, sa.Date | sa.String):
                kind = None
        if kind is not None:
            out[col.name] = kind
    return out


def prepare(conn: sa.Connection, tp: Any, policy: Policy) -> None:
    """Count the table's QI combinations and choose levels; stores ``tp.kanon`` and ``tp.k``."""
    kinds = qi_columns(tp, policy)
    tp.kanon = None
    if not kinds:
        return
    cols = [tp.table.c[c] for c in kinds]
    res = conn.execution_options(stream_results=True, yield_per=10000).execute(sa.select(*cols))
    domain = frozenset(c for c in kinds if constrained(tp.table, tp.table.c[c]))
    prepare_rows(tp, kinds, res, policy.k, domain)


def constrained(table: sa.Table, col: sa.Column[Any]) -> bool:
    """True when the database limits the column's values: a CHECK constraint that names it
    (``geslacht IN ('M','V')``), an enum type, or a domain with a CHECK. Its suppressed and
    generalised cells must stay inside that domain, or DEST refuses the row."""
    from gdprscan.anonymize.dbschema import mentions

    if isinstance(col.type, sa.Enum) or getattr(col.type, 'check', None) is not None:
        return True
    return any(
        isinstance(cons, sa.CheckConstraint) and mentions(str(cons.sqltext), [col.name])
        for cons in list(table.constraints) + list(col.constraints)
    )


def prepare_rows(
    tp: Any,
    kinds: dict[str, str],
    rows: Iterable[Sequence[Any]],
    k: int,
    domain: frozenset[str] = frozenset(),
) -> None:
    """Choose levels from ``rows`` (the values of the ``kinds`` columns, in order): stores
    ``tp.kanon`` and ``tp.k``. Shared by database tables, file tables and DataFrames. ``domain``:
    constrained columns (see :func:`constrained`), whose most common value is remembered."""
    combos: Counter[tuple[Any, ...]] = Counter()
    seen: dict[str, Counter[Any]] = {c: Counter() for c in domain}
    at = [(i, seen[c]) for i, c in enumerate(kinds) if c in seen]
    for row in rows:
        combos[tuple(level_value(kinds[c], 0, v) for c, v in zip(kinds, row, strict=False))] += 1
        for i, counter in at:
            if row[i] is not None:
                counter[row[i]] += 1
    plan = choose(kinds, combos, k)
    plan.fallback = {c: counter.most_common(1)[0][0] for c, counter in seen.items() if counter}
    tp.kanon = plan
    tp.k = plan.k


def hide_birth_in_numbers(surrogates: Any, tps: Iterable[Any]) -> bool:
    """Switch ``surrogates`` to national numbers that keep neither birth year nor sex when any of
    the table plans ``tps`` generalises or suppresses them: a generalised birth date must not
    survive inside a surrogate national number. True when it switched (or had already)."""
    if surrogates.nn_keep == 'none':
        return True
    if not any(hides_birth_or_sex(tp) for tp in tps):
        return False
    surrogates.nn_keep = 'none'
    surrogates.clear_cache()
    return True


# -- file tables (CSV/TSV, XLSX sheets) -------------------------------------------------------------
class FileTable:
    """A table of a file as this module sees a database table: text columns, all nullable.

    Only the policy's ``quasi_identifiers`` apply to files (``[table.]column``, the table being the
    file name without suffix for CSV/TSV and the sheet name for XLSX); there are no defaults by
    column name, so a copy of files changes only what the policy asks for.
    """

    def __init__(self, label: str, kinds: dict[str, str]) -> None:
        self.label = label
        self.kinds = kinds
        cols = [sa.Column(c, sa.String(), nullable=True) for c in kinds]
        self.table = sa.Table(label, sa.MetaData(), *cols)
        self.kanon: Plan | None = None
        self.k: int | None = None


def file_table(policy: Policy, names: Sequence[str], *labels: str) -> FileTable | None:
    """The quasi-identifier columns of a file table with header ``names`` (first match of a
    ``labels`` entry per column; a repeated header counts once), or None when there are none."""
    kinds: dict[str, str] = {}
    for name in names:
        if not name or name in kinds:
            continue
        for label in labels or (None,):
            kind = policy.quasi_identifier(name, label)
            if kind is not None:
                kinds[name] = kind
                break
    return FileTable(labels[0] if labels else 'table', kinds) if kinds else None


def policy_hides_birth_or_sex(policy: Policy) -> bool:
    """True when the policy names a birth-date or sex quasi-identifier. File copies decide the
    national-number mode up front from this (they are written file by file, in parallel, and
    one person's number must get one surrogate in every file)."""
    return any(kind in ('birth_date', 'sex') for kind in policy.quasi_identifiers.values())


def describe(tp: Any) -> str:
    """'k=7 (geboortedatum:birth_date@1, postcode:postcode@0; 0 rows suppressed)': no value."""
    plan = tp.kanon
    levels = ', '.join(f'{c}:{plan.kinds[c]}@{plan.levels[c]}' for c in plan.kinds)
    return f'k={tp.k} ({levels}; {plan.suppressed_rows} rows suppressed)'


def hides_birth_or_sex(tp: Any) -> bool:
    """True when the table's plan generalises birth dates or sex beyond what a surrogate national
    number keeps (birth year, sex), or suppresses rows."""
    plan = getattr(tp, 'kanon', None)
    if plan is None:
        return False
    raised = any(plan.levels[c] > 0 for c, kind in plan.kinds.items() if kind in ('birth_date', 'sex'))
    return raised or bool(plan.suppressed_rows)


def row_generaliser(tp: Any) -> Callable[[dict[str, Any]], None] | None:
    """A function that generalises a row's QI cells in place (and suppresses rows of rare combinations)."""
    plan = getattr(tp, 'kanon', None)
    if plan is None:
        return None
    cols = list(plan.kinds)
    fallback = plan.fallback
    writers = {
        c: _writer(tp.table.c[c], plan.kinds[c], plan.levels[c], plan.rare[c], fallback.get(c, _FREE))
        for c in cols
        if plan.levels[c] > 0
    }
    blank = {
        c: _writer(tp.table.c[c], kind, LADDERS[kind] - 1, frozenset(), fallback.get(c, _FREE))
        for c in cols
        if (kind := plan.kinds[c])
    }
    suppress = plan.suppress

    def apply(row: dict[str, Any]) -> None:
        if suppress and plan.key(tuple(level_value(plan.kinds[c], 0, row[c]) for c in cols)) in suppress:
            for c in cols:
                row[c] = blank[c](row[c])
            return
        for c, w in writers.items():
            row[c] = w(row[c])

    return apply


#: No domain: the column takes any value of its type.
_FREE = object()


def _writer(
    col: sa.Column[Any], kind: str, level: int, rare: frozenset[str], fallback: Any = _FREE
) -> Callable[[Any], Any]:
    """The writer of one QI column's cells at ``level``; ``fallback`` (a constrained column's most
    common value) replaces what its domain would refuse: '*', 1900-01-01, 'other', a label."""
    length = getattr(col.type, 'length', None)
    nullable = bool(col.nullable)
    free = fallback is _FREE

    def fits(text: str) -> bool:
        return (length is None or len(text) <= length) and free

    def suppressed(value: Any) -> Any:
        if nullable:
            return None
        if not free:
            return fallback
        if isinstance(value, dt.date):
            return dt.date(1900, 1, 1)
        if isinstance(value, int):
            return 0
        return '*' if fits('*') else str(value)[:0]

    def write(value: Any) -> Any:
        if value is None:
            return None
        key = level_value(kind, level, value, rare)
        if key is None:
            return suppressed(value)
        if kind == 'birth_date':
            band = 5 if level == 1 else 10
            if isinstance(value, dt.date):
                return dt.date(int(key), 1, 1)
            label = f'{key}-{int(key) + band - 1}'
            if not free:  # an ISO date text stays one (the first day of the band), else the fallback
                return f'{key}-01-01' if re.fullmatch(r'\s*\d{4}-\d\d-\d\d.*', str(value)) else fallback
            return label if fits(label) else str(key)
        if kind == 'postcode':
            if level == 1:
                label, code = fakes.PROVINCE_LABEL[key], fakes.CITIES[key][0][0]
            else:
                label, code = key, REGION_CODE[key]
            if isinstance(value, int):
                return int(code)
            return label if fits(label) and (length is None or length > 6) else code
        if key == 'other':
            return 'other' if fits('other') else suppressed(value)
        return value

    return write
