"""The full profile's engine stage: names, addresses, birth dates, special categories, table columns.

The engine runs the identifier recognisers over a batch of units, then hands the batch to
:meth:`FullProfile.process`, which adds, per unit:

- PERSON, LOCATION, DATE_OF_BIRTH (:mod:`gdprscan.recognizers.person`, ``.location``,
  ``.date_of_birth``) in the unit's language (``--lang`` or :func:`gdprscan.recognizers.language.detect`);
- the special categories (:mod:`gdprscan.recognizers.special`), kept only when the passage or table
  row is about an identifiable person (:mod:`gdprscan.classifiers.about_person`); a mention with no
  link to a person is dropped, whatever ``--min-score``: policies and privacy statements that talk
  about health or trade unions hold no such data about anyone (the Python API's default
  ``min_score`` is 0.0, so a low score would not keep them out of reports);
- for tables (units with a ``row_key``: CSV, XLSX, DOCX tables, database rows): the columns are
  classified (:func:`gdprscan.classifiers.columns.classify_column`) from the first
  :data:`TABLE_SAMPLE` rows; a ``voornaam`` column then gives PERSON findings for all its cells, a
  ``vakbond`` column TRADE_UNION_MEMBERSHIP findings when the table holds people, and art. 6
  columns with no entity of their own (``burgerlijke staat``, ``brutoloon``) one column finding each;
- for JSON fields (short ``key: value`` units): the special terms, their cues and the links are
  looked for across the fields of a batch, so ``code: VAKBOND`` + ``organisatie: ACV`` in a payslip
  record is a trade-union membership of that record's person (the nearest name or identifier before);
  the fields of JSON records (arrays of objects, JSON Lines) are also cells of a table whose columns
  are classified as above (:mod:`gdprscan.scanner.json_columns`): a ``name.last`` column of surnames
  is PERSON.

Prose is judged per paragraph; a text block of 1 MiB is one regex pass per recogniser, and only
the paragraphs around a special-category match are looked at again. State that spans units (a
salutation in one DOCX paragraph, the sick leave in the next) is kept per source between
:meth:`begin` and :meth:`finish`. Every special-category finding carries ``evidence``: the matched
terms, how they matched, and the rule and masked link to the person.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from typing import Any

from gdprscan.classifiers import about_person
from gdprscan.classifiers.columns import IDENTIFYING
from gdprscan.classifiers.columns import ColumnClass
from gdprscan.classifiers.columns import classify_column
from gdprscan.classifiers.columns import is_person_key
from gdprscan.recognizers import date_of_birth
from gdprscan.recognizers import language
from gdprscan.recognizers import location as location_rec
from gdprscan.recognizers import person
from gdprscan.recognizers import special
from gdprscan.recognizers.base import Match
from gdprscan.scanner.extractors.jsonfile import RecordCell
from gdprscan.scanner.json_columns import RecordTables
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit

SEP = '\x00'
#: Rows of a table sampled before its columns are classified.
TABLE_SAMPLE = 200
#: Values per column handed to the column classifier.
COLUMN_VALUES = 200
#: Location keys that tell a cell apart inside one table ('line': the physical line of a CSV cell).
_CELL_KEYS = frozenset({'row', 'column', 'cell', 'pk', 'line'})
#: Entities a column lends to all its cells (identifiers are validated per cell instead).
_COLUMN_ENTITIES = frozenset({'PERSON', 'LOCATION', 'DATE_OF_BIRTH'})
_COLUMN_SCORE = {'both': 0.85, 'data': 0.75, 'name': 0.7}
RECOGNIZER = 'column_classifier'
#: A JSON field longer than this is judged as prose on its own.
FIELD_MAX = 500


@dataclass
class _Column:
    name: str
    values: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class _Pending:
    unit: TextUnit
    existing: list[Match]
    specials: list[Match]


@dataclass
class _Table:
    location: dict[str, Any]
    lang: str | None
    columns: dict[str, _Column] = field(default_factory=dict)
    rows: set[Any] = field(default_factory=set)
    pending: list[_Pending] = field(default_factory=list)
    row_links: dict[Any, dict[str, Any]] = field(default_factory=dict)
    classes: dict[str, ColumnClass | None] | None = None
    people: dict[str, Any] | None = None


class FullProfile:
    """One per engine; :meth:`begin` / :meth:`process` / :meth:`finish` per source."""

    def __init__(self, settings: Any, engine: Any) -> None:
        self.settings = settings
        self.engine = engine
        self.min_score = float(settings.min_score or 0.0)
        self.lang = settings.lang if settings.lang in ('nl', 'fr', 'en') else None
        wanted = {e.upper() for e in settings.entities} if settings.entities else None
        have = {r.ENTITY for r in engine.recognizers}
        recs = (person, location_rec, date_of_birth)
        self.name_recs = [r for r in recs if (wanted is None or r.ENTITY in wanted) and r.ENTITY not in have]
        self.specials = frozenset(e for e in special.ENTITIES if wanted is None or e in wanted)
        # with --entities HEALTH_DATA, names and identifiers still serve as links, unreported
        self.link_recs: list[Any] = []
        if self.specials and wanted is not None:
            from gdprscan import recognizers

            self.link_recs = [r for r in recognizers.load('identifiers') if r.ENTITY not in have]
            if person not in self.name_recs and 'PERSON' not in have:
                self.link_recs.append(person)
        self.begin('')

    # -- engine hooks ----------------------------------------------------------------------------
    def begin(self, source: str) -> None:
        self.source = source
        self.offset = 0  # characters of prose seen in this source
        self.greeting: tuple[int, str] | None = None  # (absolute offset, masked name)
        self.anchor: tuple[int, dict[str, Any]] | None = None  # last name/identifier in prose
        self.tables: dict[tuple[Any, ...], _Table] = {}
        self.records = RecordTables(self, TABLE_SAMPLE, COLUMN_VALUES)  # tables of JSON records
        self.extra: list[Finding] = []

    def process(self, batch: Sequence[TextUnit], per_unit: dict[int, list[Match]]) -> dict[int, list[Match]]:
        cells: list[int] = []
        record: list[int] = []
        json_cells: list[int] = []
        for i, unit in enumerate(batch):
            if isinstance(unit.row_key, RecordCell):  # a field, and a cell of its records' table
                json_cells.append(i)
            elif unit.row_key is not None:
                cells.append(i)
                continue
            if _is_field(unit):
                self._prose(i, unit, per_unit, mentions=False)
                record.append(i)
            else:
                self._prose(i, unit, per_unit)
        if record:
            self._fields(batch, record, per_unit)
        if json_cells:
            self.records.add(batch, json_cells, per_unit)
        if cells:
            self._cells(batch, cells, per_unit)
        return per_unit

    def finish(self, source: str, findings: list[Finding]) -> list[Finding]:
        for table in self.tables.values():
            if table.classes is None:
                self._decide(table)
        out = findings + self.extra + self.records.finish()
        for table in self.tables.values():
            out.extend(self._column_findings(table))
        self.begin(source)
        return out

    # -- prose -----------------------------------------------------------------------------------
    def _find(self, recs: Sequence[Any], text: str, lang: str | None) -> list[Match]:
        found = []
        for rec in recs:
            if rec in (person, location_rec, date_of_birth):
                found.extend(rec.find(text, lang))
            else:
                found.extend(rec.find(text))
        return found

    def _prose(self, i: int, unit: TextUnit, per_unit: dict[int, list[Match]], mentions: bool = True) -> None:
        text = unit.text
        start = self.offset
        self.offset += len(text) + 1
        if not text.strip():
            return
        lang = self.lang or language.detect(text)
        existing = per_unit.get(i, [])
        names = self._find(self.name_recs, text, lang)
        links = about_person.Links(text, existing + names + self._find(self.link_recs, text, lang))
        kept = [m for m in names if m.score >= self.min_score]
        greetings = about_person.salutations(text)
        if self.specials and mentions:
            for m, m_lang in self._special_terms(text, lang):
                if m.entity not in self.specials:
                    continue
                carried = self._carried(start + m.start)
                link = about_person.judge(text, m.start, m.end, links, greetings, carried, m_lang)
                judged = _with_link(m, link)
                if judged is not None and judged.score >= self.min_score:
                    kept.append(judged)
        if kept:
            per_unit[i] = existing + kept
        if greetings:
            pos, masked = greetings[-1]
            self.greeting = (start + pos, masked)
        if links.matches:
            last = links.matches[-1]
            self.anchor = (start + last.end, about_person.link_of(last, text[last.start : last.end]))

    def _special_terms(self, text: str, lang: str) -> list[tuple[Match, str]]:
        """Special-category terms of ``text`` with the language to judge them in: the text's language
        for its own terms (as before), and for each run of lines written in another one (a French reply
        below a Dutch note) that language, for the terms only its list finds (judged in it too: "Es-tu
        malade ?" is a question to the reader). ``--lang`` fixes one language for all."""
        found = [(m, lang) for m in special.find(text, lang)]
        if self.lang is not None or '\n' not in text.rstrip('\n'):
            return found
        runs = [r for r in language.runs(text, lang) if r[2] != lang]
        if not runs:
            return found
        seen = {(m.start, m.end, m.entity) for m, _ in found}
        for run_lang in sorted({r[2] for r in runs}):
            # One pass of that language's lists over its runs joined (whole lines, so sentences stay
            # whole; thousands of short runs would each pay a call), mapped back to the text.
            spans = [(start, end) for start, end, lang_of in runs if lang_of == run_lang]
            joined_at = list(itertools.accumulate((end - start for start, end in spans), initial=0))
            joined = ''.join(text[start:end] for start, end in spans)
            for m in special.find(joined, run_lang):
                k = bisect.bisect_right(joined_at, m.start) - 1
                if m.end > joined_at[k + 1]:
                    continue  # across two runs that are not neighbours in the text
                shift = spans[k][0] - joined_at[k]
                key = (m.start + shift, m.end + shift, m.entity)
                if key not in seen:
                    seen.add(key)
                    moved = Match(m.entity, key[0], key[1], m.score, m.recognizer, m.evidence)
                    found.append((moved, run_lang))
        found.sort(key=lambda pair: pair[0].start)
        return found

    def _fields(self, batch: Sequence[TextUnit], idx: list[int], per_unit: dict[int, list[Match]]) -> None:
        """JSON fields ("organisatie: ACV"): one unit each, so the special terms, their cues ("code:
        VAKBOND") and the links to a person (a name or INSZ of the record) are looked for across the
        fields of the batch, joined line by line as one text."""
        if not self.specials:
            return
        text = '\n'.join(batch[i].text for i in idx)
        starts, pos = [], 0
        for i in idx:
            starts.append(pos)
            pos += len(batch[i].text) + 1
        shifted = [
            Match(m.entity, m.start + lo, m.end + lo, m.score, m.recognizer, m.evidence)
            for i, lo in zip(idx, starts, strict=True)
            for m in per_unit.get(i, [])
        ]
        links = about_person.Links(text, shifted)
        for m in special.find(text, self.lang):
            if m.entity not in self.specials:
                continue
            k = bisect.bisect_right(starts, m.start) - 1
            lo = starts[k]
            if m.end > lo + len(batch[idx[k]].text):
                continue
            judged = _with_link(m, about_person.judge(text, m.start, m.end, links, [], None, self.lang))
            if judged is not None and judged.score >= self.min_score:
                per_unit.setdefault(idx[k], []).append(
                    Match(m.entity, m.start - lo, m.end - lo, judged.score, m.recognizer, judged.evidence)
                )

    def _carried(self, pos: int) -> dict[str, Any] | None:
        """A link from earlier units of this source: a salutation, or a name just before."""
        if self.greeting is not None and pos - self.greeting[0] <= about_person.LETTER:
            return about_person.evidence('salutation', 'salutation', self.greeting[1])
        if self.anchor is not None and pos - self.anchor[0] <= about_person.NEAR:
            return {**self.anchor[1], 'rule': 'nearby'}
        return None

    # -- tables ----------------------------------------------------------------------------------
    def _table(self, unit: TextUnit) -> _Table:
        key = tuple(sorted((k, str(v)) for k, v in unit.location.items() if k not in _CELL_KEYS))
        table = self.tables.get(key)
        if table is None:
            where = {k: v for k, v in unit.location.items() if k not in _CELL_KEYS}
            # cells are too short to tell a language: all three term lists, unless --lang says
            table = self.tables[key] = _Table(where, self.lang)
        return table

    def _cells(self, batch: Sequence[TextUnit], idx: list[int], per_unit: dict[int, list[Match]]) -> None:
        text = SEP.join(batch[i].text for i in idx)
        starts, pos = [], 0
        for i in idx:
            starts.append(pos)
            pos += len(batch[i].text) + 1
        tables = {i: self._table(batch[i]) for i in idx}
        lang = self.lang
        found: dict[int, list[Match]] = {}
        specials: dict[int, list[Match]] = {}

        def spread(matches: list[Match], into: dict[int, list[Match]]) -> None:
            for m in matches:
                k = bisect.bisect_right(starts, m.start) - 1
                lo = starts[k]
                if m.end <= lo + len(batch[idx[k]].text):
                    into.setdefault(idx[k], []).append(
                        Match(m.entity, m.start - lo, m.end - lo, m.score, m.recognizer, m.evidence)
                    )

        spread(self._find(self.name_recs, text, lang), found)
        links: dict[int, list[Match]] = {}
        if self.link_recs:
            spread(self._find(self.link_recs, text, lang), links)
        if self.specials:
            spread([m for m in special.find(text, lang) if m.entity in self.specials], specials)
        batch_rows: dict[tuple[int, Any], dict[str, Any]] = {}
        for i in idx:
            unit, table = batch[i], tables[i]
            names = found.get(i, [])
            existing = per_unit.get(i, []) + names
            row = (id(table), unit.row_key)
            if row not in batch_rows:
                link = about_person.row_link(
                    (m, unit.text[m.start : m.end]) for m in existing + links.get(i, [])
                )
                if link is not None:
                    batch_rows[row] = link
            kept = [m for m in names if m.score >= self.min_score]
            if kept:
                per_unit[i] = per_unit.get(i, []) + kept
            if table.classes is None:
                self._sample(
                    table, unit, existing + links.get(i, []), specials.get(i, []), batch_rows.get(row)
                )
            else:
                per_unit.setdefault(i, []).extend(
                    self._apply(table, unit, existing, specials.get(i, []), batch_rows.get(row))
                )
        for i in idx:
            if not per_unit.get(i):
                per_unit.pop(i, None)

    def _sample(
        self,
        table: _Table,
        unit: TextUnit,
        matches: list[Match],
        specials: list[Match],
        link: dict[str, Any] | None,
    ) -> None:
        name = str(unit.location.get('column', unit.location.get('cell', '')))
        column = table.columns.setdefault(name, _Column(name))
        if len(column.values) < COLUMN_VALUES:
            column.values.append(unit.text)
            for entity in {m.entity for m in matches if m.score >= self.min_score}:
                column.counts[entity] += 1
        if link is not None:
            table.row_links.setdefault(unit.row_key, link)
        table.pending.append(_Pending(unit, matches, specials))
        table.rows.add(unit.row_key)
        if len(table.rows) >= TABLE_SAMPLE:
            self._decide(table)

    def _decide(self, table: _Table) -> None:
        """Classify the sampled columns, then give the held-back cells their findings."""
        table.classes = {}
        for name, column in table.columns.items():
            cc = classify_column(name, column.values, column.counts)
            table.classes[name] = cc
            if (
                table.people is None
                and cc is not None
                and cc.entity in IDENTIFYING
                and cc.entity != 'LOCATION'
            ):
                table.people = about_person.evidence('table', cc.entity, column=name)
        if table.people is None:
            key = next((name for name in table.columns if is_person_key(name)), None)
            if key is not None:
                table.people = about_person.evidence('table', 'person_key', column=key)
        for p in table.pending:
            adds = self._apply(table, p.unit, p.existing, p.specials, table.row_links.get(p.unit.row_key))
            taken = [m for m in p.existing if m.score >= self.min_score]
            for m in adds:
                if all(m.end <= t.start or m.start >= t.end for t in taken):
                    taken.append(m)
                    self.extra.append(self.engine.finding(p.unit, m, self.source))
        table.pending = []
        table.row_links = {}

    def _apply(
        self,
        table: _Table,
        unit: TextUnit,
        existing: list[Match],
        specials: list[Match],
        row_link: dict[str, Any] | None,
    ) -> list[Match]:
        """Matches a classified table adds to one cell: column entities and linked special categories."""
        assert table.classes is not None
        name = str(unit.location.get('column', unit.location.get('cell', '')))
        cc = table.classes.get(name)
        text = unit.text
        lo = len(text) - len(text.lstrip())
        hi = len(text.rstrip())
        out: list[Match] = []
        empty = special.is_empty_value(text) or hi <= lo
        link = row_link or table.people
        if (
            cc is not None
            and cc.entity in _COLUMN_ENTITIES
            and not empty
            and cc.entity not in self._excluded()
        ):
            if not any(m.entity == cc.entity for m in existing):
                evidence = {'rule': 'column', 'column': name, 'by': cc.evidence, 'share': cc.share}
                score = _COLUMN_SCORE[cc.evidence]
                if score >= self.min_score:
                    out.append(Match(cc.entity, lo, hi, score, RECOGNIZER, evidence))
        if cc is not None and cc.entity in self.specials and not empty:
            if link is not None:
                terms = _cell_terms(text)
                evidence = {'match': 'column', 'column': name, 'by': cc.evidence, 'terms': terms, **link}
                score = about_person.RULE_SCORES[link['rule']]
                if score >= self.min_score:
                    out.append(Match(cc.entity, lo, hi, score, RECOGNIZER, evidence))
                    specials = [m for m in specials if m.entity != cc.entity]
        for m in specials:
            judged = _with_link(m, link)
            if judged is not None and judged.score >= self.min_score:
                out.append(judged)
        return out

    def _excluded(self) -> frozenset[str]:
        wanted = self.settings.entities
        if not wanted:
            return frozenset()
        return frozenset(_COLUMN_ENTITIES - {e.upper() for e in wanted})

    def _column_findings(self, table: _Table) -> list[Finding]:
        """One finding per art. 6 column with no entity of its own, in a table that holds people.

        Skipped for database tables: the database scanner reports every column itself.
        """
        if table.classes is None or table.people is None or self.settings.entities:
            return []
        if isinstance(table.location.get('table'), str):  # a database table (DOCX tables are numbered)
            return []
        out = []
        for name, cc in table.classes.items():
            if cc is None or cc.entity is not None:
                continue
            score = _COLUMN_SCORE['name']
            if score < self.min_score:
                continue
            out.append(
                Finding(
                    source=self.source,
                    location={**table.location, 'column': name},
                    entity=column_entity(cc),
                    categories=cc.categories,
                    article=cc.article,
                    score=score,
                    recognizer=RECOGNIZER,
                    value='',
                    evidence={'level': 'column', 'by': cc.evidence, 'sampled': cc.sampled},
                )
            )
        return out


@lru_cache(maxsize=4096)
def _cell_terms(text: str) -> list[str]:
    """The special terms in a cell of a special-category column (cells repeat: 'ACV', 'ABVV')."""
    return sorted({t for m in special.find(text, column=True) for t in m.evidence.get('terms', ())})


def _is_field(unit: TextUnit) -> bool:
    """A short 'key: value' unit of a JSON document (located by line and column, no line tracking)."""
    loc = unit.location
    return unit.track == '' and 'line' in loc and 'column' in loc and len(unit.text) <= FIELD_MAX


def column_entity(cc: ColumnClass) -> str:
    """The entity name a report shows for ``cc``: its entity, or e.g. FAMILY_DATA for a category column."""
    return cc.entity or f'{cc.categories[0].upper()}_DATA'


def _with_link(m: Match, link: dict[str, Any] | None) -> Match | None:
    """A special-category match scored and explained by its link to a person; None without a link."""
    if link is None:
        return None
    evidence = {k: v for k, v in m.evidence.items() if k != 'rule'}
    evidence['match'] = m.evidence.get('rule', 'term')
    evidence.update(link)
    return Match(
        m.entity, m.start, m.end, about_person.RULE_SCORES.get(link['rule'], 0.7), m.recognizer, evidence
    )
