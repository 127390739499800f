"""JSON records as tables in the full profile: their columns classified as a CSV table's columns.

Why: a record ``{"name": {"first": "Jan", "last": "Peeters"}}`` read field by field gives the
surname ``Peeters`` no chance: no recogniser can tell a surname from a word on its own. A CSV
column ``achternaam`` of single words is PERSON by its header and the share of name-like values
(:func:`gdprscan.classifiers.columns.classify_column`); the same rule now holds for the records of
a JSON array or a JSON Lines file. The extractor (:mod:`gdprscan.scanner.extractors.jsonfile`) gives
each leaf of a record a :class:`~gdprscan.scanner.extractors.jsonfile.RecordCell` row key: its
table (the array's path), row and column (the leaf's dotted path, ``name.last``).

Per table, the first :data:`~gdprscan.scanner.full_profile.TABLE_SAMPLE` records are sampled and
held back; then each column is classified from its header (the path read as words, ``name last``;
the leaf's own name when it names something on its own and the path's first word names something
weaker, so ``contact.address`` is an address column, not a ``contact`` person column) and its
values. A PERSON, LOCATION or DATE_OF_BIRTH column gives each of its cells that has no finding of
that entity (and none overlapping) a finding over the whole value, located as the value's other
findings (``{line, column}`` in the file). A table needs :data:`MIN_RECORDS` records. Special
categories stay with the field rule of the full profile (``code: VAKBOND`` + ``organisatie: ACV``
linked to the record's person), and art. 6 columns with no entity of their own give no column
finding here: a JSON finding always points at a value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from typing import Any

from gdprscan.classifiers.columns import ColumnClass
from gdprscan.classifiers.columns import classify_column
from gdprscan.classifiers.columns import header_rule
from gdprscan.recognizers import special
from gdprscan.recognizers.base import Match
from gdprscan.scanner.extractors.jsonfile import RecordCell
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit

#: Records a table needs before its columns are classified: one object in an array is no table.
MIN_RECORDS = 2
#: Entities a column lends to its cells (as for CSV; identifiers are validated per value instead).
ENTITIES = frozenset({'PERSON', 'LOCATION', 'DATE_OF_BIRTH'})
SCORES = {'both': 0.85, 'data': 0.75, 'name': 0.7}
RECOGNIZER = 'column_classifier'


@dataclass
class _Column:
    values: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class _Records:
    columns: dict[str, _Column] = field(default_factory=dict)
    rows: set[int] = field(default_factory=set)
    pending: list[tuple[TextUnit, list[Match]]] = field(default_factory=list)
    classes: dict[str, ColumnClass] | None = None


class RecordTables:
    """The JSON tables of one source, for the full profile's stage (one per :meth:`FullProfile.begin`)."""

    def __init__(self, stage: Any, sample_rows: int, column_values: int) -> None:
        self.stage = stage
        self.sample_rows = sample_rows
        self.column_values = column_values
        self.tables: dict[str, _Records] = {}
        self.extra: list[Finding] = []

    def add(self, batch: Sequence[TextUnit], idx: Sequence[int], per_unit: dict[int, list[Match]]) -> None:
        """Sample (or, once classified, apply the columns to) the record cells ``batch[i]`` for ``i``
        in ``idx``, whose other matches ``per_unit`` already holds."""
        for i in idx:
            unit = batch[i]
            cell = unit.row_key
            assert isinstance(cell, RecordCell)
            table = self.tables.get(cell.table)
            if table is None:
                table = self.tables[cell.table] = _Records()
            matches = per_unit.get(i, [])
            if table.classes is not None:
                m = self._apply(table, unit, matches)
                if m is not None:
                    per_unit.setdefault(i, []).append(m)
                continue
            column = table.columns.get(cell.column)
            if column is None:
                column = table.columns[cell.column] = _Column()
            if len(column.values) < self.column_values:
                column.values.append(unit.text[cell.start :])
                min_score = self.stage.min_score
                for entity in {m.entity for m in matches if m.score >= min_score and m.start >= cell.start}:
                    column.counts[entity] += 1
            table.pending.append((unit, list(matches)))
            table.rows.add(cell.row)
            if len(table.rows) >= self.sample_rows:
                self._decide(table)

    def finish(self) -> list[Finding]:
        """Classify what is still sampled; the findings of the cells that were held back."""
        for table in self.tables.values():
            if table.classes is None:
                self._decide(table)
        return self.extra

    def _decide(self, table: _Records) -> None:
        table.classes = {}
        if len(table.rows) >= MIN_RECORDS:
            for name, column in table.columns.items():
                cc = classify_column(header(name), column.values, column.counts)
                if cc is not None and cc.entity in ENTITIES:
                    table.classes[name] = cc
        for unit, matches in table.pending:
            m = self._apply(table, unit, matches)
            if m is not None:
                self.extra.append(self.stage.engine.finding(unit, m, self.stage.source))
        table.pending = []
        table.columns = {}

    def _apply(self, table: _Records, unit: TextUnit, matches: list[Match]) -> Match | None:
        """The column's finding for one cell: the whole value, unless the cell already has a finding
        of that entity or one that overlaps the value (as for a CSV cell)."""
        assert table.classes is not None and isinstance(unit.row_key, RecordCell)
        cell = unit.row_key
        cc = table.classes.get(cell.column)
        if cc is None or cc.entity is None or cc.entity in self.stage._excluded():
            return None
        text = unit.text
        value = text[cell.start :]
        lo = cell.start + len(value) - len(value.lstrip())
        hi = cell.start + len(value.rstrip())
        if hi <= lo or special.is_empty_value(value):
            return None
        min_score = self.stage.min_score
        for m in matches:
            if m.entity == cc.entity or (m.score >= min_score and m.start < hi and m.end > lo):
                return None
        score = SCORES[cc.evidence]
        if score < min_score:
            return None
        evidence = {'rule': 'column', 'column': cell.column, 'by': cc.evidence, 'share': cc.share}
        return Match(cc.entity, lo, hi, score, RECOGNIZER, evidence)


@lru_cache(maxsize=1024)
def header(path: str) -> str:
    """The header a record column is classified by: its path (``name.last``, read as 'name last'),
    or its leaf's name when that names something and the path's rule is a weaker one found in a
    parent (``contact.address``: 'contact' is a weak person synonym, 'address' a strong address one).

    >>> header('name.last'), header('contact.address'), header('werknemer.naam'), header('company.name')
    ('name.last', 'address', 'werknemer.naam', 'company.name')
    """
    if '.' not in path:
        return path
    leaf = path.rsplit('.', 1)[1]
    own = header_rule(leaf)
    if own is None:
        return path
    whole = header_rule(path)
    if whole is None or whole == own or whole.strength == 'strong':
        return path
    return leaf
