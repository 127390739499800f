"""One writer per format: read a source file, rewrite its text by the policy, write the copy.

Every writer has the signature ``write(src, dst, ctx) -> None``: ``src`` is only read, ``dst`` is
a fresh path inside the temporary tree. A table column whose policy rule says keep/drop/null/
redact/replace-as-entity is handled whole; every other string goes through the engine
(:class:`~gdprscan.anonymize.text.Rewriter`) in batches. Formats: text (txt, md, logs, ... in
their own encoding and line endings), CSV/TSV (same dialect), JSON and JSON Lines, XLSX (cell
values replaced in place, styles kept; comments, print headers/footers, links and sheet names too),
DOCX (runs rewritten in place: formatting, tables, headers and footers kept; author fields
replaced), EML (headers, text parts; non-text attachments are removed and counted), PDF (text per
page, re-rendered as a new valid PDF; form fields kept with rewritten values). A ``[table.]column``
rule names a file's table as kanon's file tables do: the file name without suffix, or the sheet
name (then the file name) in a workbook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from collections.abc import Container
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from gdprscan.anonymize.cells import single_value
from gdprscan.anonymize.policy import ColumnRule
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.text import apply_edits
from gdprscan.anonymize.text import apply_to_pieces

BLOCK = 1 << 20
ROWS = 2000


@dataclass
class Context:
    """What a writer needs: the rewriter (engine + actions), the policy, and notes for the report."""

    rewriter: Rewriter
    policy: Policy
    source: str
    notes: list[str] = field(default_factory=list)
    #: (table, column) of every column header this file showed (table: file stem, sheet name, or None),
    #: for :func:`gdprscan.anonymize.policy.unmatched_rules` over the whole SOURCE (never a value)
    columns: set[tuple[str | None, str]] = field(default_factory=set)

    def saw(self, names: Iterable[str], *tables: str) -> None:
        """Record column headers of this file, under each table name they can be ruled by."""
        for name in names:
            if name:
                self.columns.add((None, name))
                self.columns.update((t, name) for t in tables)

    def column_rule(self, column: str | None, *tables: str) -> ColumnRule | None:
        """The policy's rule for ``[table.]column``, as :func:`gdprscan.anonymize.kanon.file_table`
        reads quasi-identifiers: a file's table is its name without suffix (CSV/TSV, JSON), a sheet
        is a table named by the sheet (then by the workbook's file name); the first table name that
        has a rule wins, a plain ``column`` rule applies in every table."""
        if not column:
            return None
        for table in tables or (None,):
            rule = self.policy.column_rule(column, table)
            if rule is not None:
                return rule
        return None

    def cells(
        self,
        texts: Sequence[str],
        columns: Sequence[str | None],
        tables: Sequence[str] = (),
        rows: Sequence[Any] | None = None,
        extra: Mapping[int, Sequence[Any]] | None = None,
    ) -> list[str | None]:
        """Cells rewritten: whole-column rules first, the rest through the engine. A column rule
        ``replace``/``mask``/``generalise`` without an entity applies its action to every span the
        engine finds in the column's cells (as a database copy applies it to the column's cells).
        ``extra``: findings per cell index got elsewhere (the scan of a JSON file, as the scanner
        reads it); their values are replaced in that cell too, unless a whole-cell rule handles it."""
        out: list[str | None] = list(texts)
        todo: list[int] = []
        forced: dict[int, str] = {}  # index -> the column rule's action for the spans found in it
        rules = {c: self.column_rule(c, *tables) for c in dict.fromkeys(columns)}
        for column, rule in rules.items():
            if rule is not None and rule.action == 'redact' and rule.entity is None:
                # '[BE_NATIONAL_NUMBER]' as a database copy writes it: the column classifier's entity
                rules[column] = _redact_rule(
                    column, [t for t, c in zip(texts, columns, strict=False) if c == column]
                )
        for i, (text, column) in enumerate(zip(texts, columns, strict=False)):
            rule = rules[column]
            if rule is None or (rule.action in ('replace', 'generalise', 'mask') and rule.entity is None):
                if text.strip():
                    if rule is not None:
                        forced[len(todo)] = rule.action
                    todo.append(i)
                continue
            out[i] = self.whole_cell(text, column, rule)
        if todo:
            # A whole number written as a float is read as its digits (pandas' to_csv of an integer
            # column with one missing value writes a national number as 85073003328.0).
            floats = {i: d for i in todo if (d := float_digits(texts[i])) is not None}
            done = self._engine_cells(
                [floats.get(i, texts[i]) for i in todo],
                [columns[i] for i in todo],
                [rows[i] for i in todo] if rows is not None else None,
                forced,
                {j: fs for j, i in enumerate(todo) if (fs := extra.get(i))} if extra else None,
            )
            for i, new in zip(todo, done, strict=False):
                digits = floats.get(i)
                if digits is None:
                    out[i] = new
                elif new != digits:
                    out[i] = _as_float_text(texts[i], digits, new)
        return out

    def _engine_cells(
        self,
        texts: list[str],
        columns: list[str | None],
        rows: list[Any] | None,
        forced: dict[int, str],
        extra: Mapping[int, Sequence[Any]] | None = None,
    ) -> list[str]:
        """``texts`` through the engine in one call (rows linked as in a scan); the spans found in a
        string of ``forced`` get that action instead of their entity's; a ``forced`` string in which the
        engine finds nothing is one value of its column's entity (the column classifier's, as a database
        copy plans a column: a bare date under ``geboortedatum``), when it holds exactly one. ``extra``:
        more findings per string (see :meth:`cells`)."""
        if not forced:
            if not extra:
                return self.rewriter.rewrite_many(texts, self.source, columns, rows)
            plan = self.rewriter.plan_many(texts, self.source, columns, rows, extra=extra)
            out = list(texts)
            for k, text_edits in plan.items():
                out[k] = apply_edits(texts[k], text_edits)
            return out
        from gdprscan.anonymize.text import edits
        from gdprscan.anonymize.text import spans_of
        from gdprscan.anonymize.text import unit_of

        per_unit: dict[int, list[Any]] = {}
        for f in self.rewriter.findings(texts, columns, self.source, rows):
            i = unit_of(f)
            if i is not None and f.value:  # column-level findings (no value) have no span
                per_unit.setdefault(i, []).append(f)
        for j, fs in (extra or {}).items():
            per_unit.setdefault(j, []).extend(fs)
        out = list(texts)
        for i, found in per_unit.items():
            replace = (
                self._forced_replacer(columns[i], forced[i], texts, columns, i)
                if i in forced
                else self.rewriter._replacer(columns[i])
            )
            out[i] = apply_edits(texts[i], edits(texts[i], spans_of(texts[i], found), replace))
        entities = _column_entities(
            {columns[i]: texts[i] for i in forced if i not in per_unit}, texts, columns
        )
        for i, action in forced.items():
            entity = entities.get(columns[i])
            if i not in per_unit and entity is not None and single_value(entity, texts[i]):
                new = self._forced_replacer(columns[i], action, texts, columns, i)(entity, texts[i])
                out[i] = '' if new is None else new
        return out

    def _forced_replacer(
        self, column: str | None, action: str, texts: list[str], columns: list[str | None], i: int
    ) -> Callable[[str, str], str | None]:
        """The replacement of one span by the column rule's ``action``, counted as the rewriter counts."""
        from gdprscan.anonymize.columns import padded
        from gdprscan.anonymize.columns import width_back
        from gdprscan.anonymize.fakes import SPECIAL_PHRASES

        rewriter = self.rewriter

        def replace(entity: str, value: str) -> str | None:
            key = (column or '', entity)
            rewriter.counts[key] = rewriter.counts.get(key, 0) + 1
            rewriter.values.add((entity, value))
            lang = rewriter.language(texts[i], texts, columns) if entity in SPECIAL_PHRASES else None
            full = padded(value, entity)  # 3021412249: a national number that lost its leading zero
            new = rewriter.actions.apply(entity, full, action, lang)
            return new if new is None or full == value else width_back(value, full, new)

        return replace

    def note_kept_columns(self, names: Sequence[str], where: str = '') -> None:
        """Note each column whose header carries counter-context (``factuurnummer``): its numbers
        are document numbers, kept as a scan does not report them (shown by --dry-run too)."""
        from gdprscan.anonymize.columns import counter_context
        from gdprscan.recognizers.base import COUNTER_SCORE

        settings = getattr(self.rewriter.engine, 'settings', None)
        if getattr(settings, 'min_score', 0.0) <= COUNTER_SCORE:
            return  # demoted matches are still replaced at this min score: nothing is kept
        for name in dict.fromkeys(n for n in names if n):
            word = counter_context(name, 'BE_NATIONAL_NUMBER')
            if word is not None and self.column_rule(name) is None:
                self.notes.append(f'{where}column {name}: numbers kept (counter-context {word!r})')

    def whole_cell(self, text: str, column: str | None, rule: ColumnRule) -> str | None:
        counts = self.rewriter.counts
        key = (column or '', rule.entity or rule.action)
        if rule.action == 'keep' or not text.strip():
            return text
        counts[key] = counts.get(key, 0) + 1
        self.rewriter.values.add((rule.entity or 'UNKNOWN', text))
        if rule.action == 'null':
            return None
        if rule.action == 'redact':
            return f'[{rule.entity or "UNKNOWN"}]'
        return self.rewriter.actions.apply(rule.entity or 'UNKNOWN', text, rule.action)


def _column_entities(
    wanted: dict[str | None, str], texts: list[str], columns: list[str | None]
) -> dict[str | None, str]:
    """The column classifier's entity of each column in ``wanted``, from its cells in ``texts``."""
    from gdprscan.anonymize.columns import classify

    out = {}
    for column in wanted:
        entity = (
            classify(column, [t for t, c in zip(texts, columns, strict=False) if c == column])
            if column
            else None
        )
        if entity is not None:
            out[column] = entity
    return out


def _redact_rule(column: str | None, texts: list[str]) -> ColumnRule:
    """A ``redact`` rule with the entity of its column (``UNKNOWN`` when the classifier tells none)."""
    from gdprscan.anonymize.columns import classify

    return ColumnRule('redact', (classify(column, texts) if column else None) or 'UNKNOWN')


#: A whole number written as a float: ``85073003328.0`` or ``8.5073003328e10``.
_FLOAT_INT = re.compile(r'(\d{8,19})\.0+|\d\.\d+[eE]\+?\d{1,2}')


def float_digits(text: str) -> str | None:
    """The digits of a cell that is a whole number of 8 to 19 digits written as a float, else None.

    >>> float_digits('85073003328.0'), float_digits('8.5073003328e10'), float_digits('1234.50')
    ('85073003328', '85073003328', None)
    """
    t = text.strip()
    m = _FLOAT_INT.fullmatch(t)
    if m is None:
        return None
    if m.group(1):
        return m.group(1)
    f = float(t)
    return str(int(f)) if f.is_integer() and 10**7 <= f < 10**19 else None


def _as_float_text(text: str, digits: str, new: str) -> str:
    """The replacement ``new`` of the digits of float cell ``text``, written as the cell wrote them."""
    if not new.isdigit():
        return new  # masked or redacted
    if digits in text:
        return text.replace(digits, new, 1)  # 85073003328.0 -> 85121174716.0
    return repr(float(int(new)))  # exponent form: a plain float literal


# -- text -------------------------------------------------------------------------------------------
def write_text(src: Path, dst: Path, ctx: Context) -> None:
    from gdprscan.scanner.extractors.encoding import sniff_bytes

    with src.open('rb') as f:
        encoding = sniff_bytes(f.read(BLOCK))
    with (
        src.open('r', encoding=encoding, errors='strict', newline='') as fin,
        dst.open('w', encoding=encoding, errors='replace', newline='') as fout,
    ):
        carry = ''
        while True:
            chunk = fin.read(BLOCK)
            if not chunk:
                break
            text = carry + chunk
            cut = text.rfind('\n') + 1
            if cut == 0:
                carry = text
                continue
            block, carry = text[:cut], text[cut:]
            fout.write(ctx.rewriter.rewrite_many([block], ctx.source)[0])
        if carry:
            fout.write(ctx.rewriter.rewrite_many([carry], ctx.source)[0])


# -- CSV / TSV ----------------------------------------------------------------------------------------
def write_delimited(src: Path, dst: Path, ctx: Context) -> None:
    from gdprscan.anonymize import csvio
    from gdprscan.scanner.extractors.delimited import _dialect
    from gdprscan.scanner.extractors.delimited import skip_sep_line
    from gdprscan.scanner.extractors.encoding import sniff_encoding

    encoding = sniff_encoding(src)
    with (
        # errors='replace' as the scan reads it: one undecodable byte must not leave the file out
        src.open(newline='', encoding=encoding, errors='replace') as fin,
        dst.open('w', newline='', encoding=encoding, errors='replace') as fout,
    ):
        sample = fin.read(8192)
        dialect = _dialect(sample, src.suffix.lower())
        lineterminator = '\r\n' if '\r\n' in sample else '\n'
        fin.seek(0)
        if skip_sep_line(fin):  # Excel's "sep=;" line: kept as it is, never a header
            fout.write(sample.split('\n', 1)[0] + '\n')
        reader = csvio.reader(fin, dialect)
        writer = csvio.writer(fout, dialect, lineterminator)  # writes a stray quote (O"Brien) as read
        header = next(reader, None)
        if header is None:
            return
        names = [h.strip() for h in header]
        ctx.saw(names, src.stem)
        drop = {
            i
            for i, h in enumerate(names)
            if (r := ctx.column_rule(h, src.stem)) is not None and r.action == 'drop'
        }
        writer.writerow([h for i, h in enumerate(header) if i not in drop])
        kept = ['' if i in drop else n for i, n in enumerate(names)]
        ctx.note_kept_columns(kept)
        generalise = _csv_kanon(src, encoding, dialect, kept, ctx)
        batch: list[list[str]] = []
        done = 1
        for row in reader:
            batch.append(row)
            if len(batch) >= ROWS:
                _write_rows(batch, names, drop, writer, ctx, done, generalise, src.stem)
                done += len(batch)
                batch = []
        if batch:
            _write_rows(batch, names, drop, writer, ctx, done, generalise, src.stem)


def _csv_kanon(
    src: Path, encoding: str, dialect: Any, names: list[str], ctx: Context
) -> Callable[[list[str]], None] | None:
    """k-anonymity for a CSV/TSV table: the policy's quasi-identifier columns (table = file name
    without suffix) counted in a first pass over SOURCE, as a database copy counts a table; returns
    the function that generalises a rewritten row in place, and notes the k reached."""
    from gdprscan.anonymize import csvio
    from gdprscan.anonymize import kanon
    from gdprscan.scanner.extractors.delimited import skip_sep_line

    table = kanon.file_table(ctx.policy, names, src.stem)
    if table is None:
        return None
    at = {name: names.index(name) for name in table.kinds}
    with src.open(newline='', encoding=encoding, errors='replace') as f:
        skip_sep_line(f)  # Excel's 'sep=;' line, then the header: neither is a row to count
        reader = csvio.reader(f, dialect)
        next(reader, None)
        rows = ([_csv_value(row, at[c]) for c in table.kinds] for row in reader if any(row))
        kanon.prepare_rows(table, table.kinds, rows, ctx.policy.k)
    ctx.notes.append(f'k-anonymity: {kanon.describe(table)}')
    apply = kanon.row_generaliser(table)
    if apply is None:
        return None

    def generalise(row: list[str]) -> None:
        cells = {c: _csv_value(row, i) for c, i in at.items()}
        apply(cells)
        for c, i in at.items():
            if i < len(row):
                new = cells[c]
                row[i] = '' if new is None else str(new)

    return generalise


def _csv_value(row: list[str], i: int) -> str | None:
    return row[i] if i < len(row) and row[i].strip() else None


def _write_rows(
    rows: list[list[str]],
    names: list[str],
    drop: set[int],
    writer: Any,
    ctx: Context,
    first_row: int,
    generalise: Callable[[list[str]], None] | None = None,
    table: str | None = None,
) -> None:
    texts, columns, where, keys = [], [], [], []
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            if i not in drop and cell:
                texts.append(cell)
                columns.append(names[i] if i < len(names) and names[i] else f'#{i + 1}')
                where.append((r, i))
                keys.append(first_row + r)
    for (r, i), new in zip(where, ctx.cells(texts, columns, (table,) if table else (), keys), strict=False):
        rows[r][i] = '' if new is None else new
    for row in rows:
        if generalise is not None and any(row):
            generalise(row)
        writer.writerow([c for i, c in enumerate(row) if i not in drop])


# -- JSON / JSON Lines ----------------------------------------------------------------------------------
def _json_text(v: Any) -> str | None:
    """The text of a JSON leaf to scan: a string, or a number that holds a long integer. pandas writes
    an integer column with one missing value as floats, so a national number can be ``85073003328.0``
    or ``8.5073003328e10``: read as the integer it holds."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**63:
        v = int(v)
    if isinstance(v, int) and abs(v) >= 10**8:
        return str(v)
    return None


def _collect(obj: Any, key: str | None, slots: list[tuple[Any, Any, str | None, str]]) -> None:
    """(container, index or key, column, text) of every string or long integer in ``obj``."""
    if isinstance(obj, dict):
        for k, v in list(obj.items()):
            slots.append((obj, ('key', k), k, k))
            if isinstance(v, (dict, list)):
                _collect(v, k, slots)
            elif (text := _json_text(v)) is not None:
                slots.append((obj, k, k, text))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            if isinstance(v, (dict, list)):
                _collect(v, key, slots)
            elif (text := _json_text(v)) is not None:
                slots.append((obj, i, key, text))


#: Where each value and key of a parsed JSON document sits in its file: (id of its container, its key
#: or index, is a key) -> (line, column), as the scanner locates it.
Places = dict[tuple[int, Any, bool], tuple[int, int]]
#: The scan's findings of one JSON file by (line, column): what the copy must replace.
Found = dict[tuple[int, int], list[Any]]


def json_places(
    obj: Any, text: str, first_line: int = 1, wanted: Container[tuple[int, int]] | None = None
) -> Places:
    """The :data:`Places` of the document ``obj`` parsed from ``text`` (only those at a location in
    ``wanted``, when given: memory stays small for a big document); empty when the two do not line up
    token for token (a repeated key, NaN): the copy then replaces what its own pass finds."""
    from gdprscan.scanner.extractors.jsonfile import token_places

    def refs(o: Any) -> Iterator[tuple[int, Any, bool, bool]]:
        """(container id, key or index, is a key, is a string) of every key, string and number."""
        is_dict = isinstance(o, dict)
        for k, v in o.items() if is_dict else enumerate(o):
            if is_dict:
                yield id(o), k, True, True
            if isinstance(v, (dict, list)):
                yield from refs(v)
            elif isinstance(v, str):
                yield id(o), k, False, True
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                yield id(o), k, False, False

    if not isinstance(obj, (dict, list)):
        return {}
    if '\r' in text:  # line ends as the scanner counts them
        text = text.replace('\r\n', '\n').replace('\r', '\n')
    out: Places = {}
    for ref, token in zip_longest(refs(obj), token_places(text, first_line)):
        if ref is None or token is None or ref[3] != token[0]:
            return {}
        at = (token[1], token[2])
        if wanted is None or at in wanted:
            out[ref[0], ref[1], ref[2]] = at
    return out


def json_found(src: Path, ctx: Context) -> Found:
    """The findings of a scan of ``src`` (the scanner's own extractor and engine), by location.

    Only with the full profile: it reads arrays of records as tables (a surname in a ``name.last``
    column), which the copy's own pass over the values does not. The identifier profile reads JSON as
    before, values with their keys as context, as the copy's own pass does: no second pass there."""
    from gdprscan.scanner import extractors

    found: Found = {}
    if getattr(getattr(ctx.rewriter.engine, 'settings', None), 'profile', None) != 'full':
        return found
    extractor = extractors.for_path(src)
    if extractor is None:
        return found
    for f in ctx.rewriter.engine.detect(extractor.extract(src), ctx.source):
        line, column = f.location.get('line'), f.location.get('column')
        if f.value and isinstance(line, int) and isinstance(column, int):
            found.setdefault((line, column), []).append(f)
    return found


def json_value_columns(
    path: Path, wanted: Container[tuple[int, int]] | None = None
) -> dict[tuple[int, int], str]:
    """The column (the leaf's key, as a copy's column rules name it) of each value of the JSON or JSON
    Lines file ``path`` by its (line, column) (those in ``wanted``, when given): so the leak check knows
    which findings a ``keep`` rule kept."""
    from gdprscan.scanner.extractors.encoding import sniff_encoding

    out: dict[tuple[int, int], str] = {}
    encoding = sniff_encoding(path)
    with path.open(encoding=encoding, newline='' if path.suffix.lower() != '.json' else None) as f:
        docs: Iterable[tuple[int, str]] = (
            [(1, f.read())] if path.suffix.lower() == '.json' else enumerate(f, start=1)
        )
        for first, line in docs:
            text = line.rstrip('\r\n')
            try:
                data = json.loads(text) if text.strip() else None
            except json.JSONDecodeError:
                continue
            places = json_places(data, text, first, wanted)
            if not places:
                continue
            slots: list[tuple[Any, Any, str | None, str]] = []
            _collect(data, None, slots)
            for container, k, column, _text in slots:
                at = places.get((id(container), k, False)) if not isinstance(k, tuple) else None
                if at is not None and column:
                    out[at] = column
    return out


def _rewrite_json(obj: Any, ctx: Context, places: Places | None = None, found: Found | None = None) -> Any:
    """``obj`` with its strings and long integers rewritten in place. ``places`` and ``found``: the
    scan's findings of the file and where each value sits, so the copy replaces what the scan reports
    (a surname the scan found in a ``name.last`` column of records) on top of what its own pass finds."""
    slots: list[tuple[Any, Any, str | None, str]] = []
    if isinstance(obj, (dict, list)):
        _collect(obj, None, slots)
    elif isinstance(obj, str):
        return ctx.rewriter.rewrite_many([obj], ctx.source)[0]
    if not slots:
        return obj
    values = [s for s in slots if not isinstance(s[1], tuple)]
    keys = [s for s in slots if isinstance(s[1], tuple)]
    extra: dict[int, list[Any]] = {}
    key_extra: dict[int, list[Any]] = {}
    if places and found:
        for n, (container, k, _col, _text) in enumerate(values):
            at = places.get((id(container), k, False))
            if at is not None and at in found:
                extra[n] = found[at]
        for n, (container, (_, k), _col, _text) in enumerate(keys):
            at = places.get((id(container), k, True))
            if at is not None and at in found:
                key_extra[n] = found[at]
    stem = Path(ctx.source).stem  # the table of a JSON file's records, as for a CSV file
    ctx.saw({str(s[2]) for s in keys}, stem)
    drop = [
        (c, k)
        for c, k, col, _ in values
        if (r := ctx.column_rule(col, stem)) is not None and r.action == 'drop'
    ]
    # Each dict is a record (a row): the full profile classifies its keys as table columns.
    new_values = ctx.cells(
        [s[3] for s in values],
        [s[2] for s in values],
        (stem,),
        rows=[id(s[0]) for s in values],
        extra=extra,
    )
    for (container, k, _col, old), new in zip(values, new_values, strict=False):
        original = container[k]
        if isinstance(original, float) and not isinstance(original, bool):
            if new != old:  # a number stays a number of its type; masked or redacted: text
                container[k] = float(int(new)) if new is not None and new.isdigit() else new
        elif isinstance(original, int) and new is not None and new.isdigit() and not new.startswith('0'):
            container[k] = int(new)
        elif new != old or not isinstance(original, int):
            container[k] = new
    for container, k in drop:
        del container[k]
    new_keys = _rewrite_keys([s[3] for s in keys], ctx, key_extra) if keys else []
    for (container, (_, k), _col, old), new in zip(keys, new_keys, strict=False):
        if new != old and k in container and new not in container:
            container[new] = container.pop(k)
    return obj


def _rewrite_keys(texts: list[str], ctx: Context, extra: dict[int, list[Any]]) -> list[str]:
    if not extra:
        return ctx.rewriter.rewrite_many(texts, ctx.source)
    out = list(texts)
    for i, text_edits in ctx.rewriter.plan_many(texts, ctx.source, extra=extra).items():
        out[i] = apply_edits(texts[i], text_edits)
    return out


def write_json(src: Path, dst: Path, ctx: Context) -> None:
    from gdprscan.scanner.extractors.encoding import sniff_encoding

    text = src.read_text(encoding=sniff_encoding(src))
    data = json.loads(text)
    indent: int | None = None
    if m := re.search(r'\n( +|\t)\S', text):
        indent = len(m.group(1))
    found = json_found(src, ctx)
    places = json_places(data, text, wanted=found) if found else None
    out = json.dumps(_rewrite_json(data, ctx, places, found), ensure_ascii=False, indent=indent)
    dst.write_text(out + ('\n' if text.endswith('\n') else ''), encoding='utf-8')


def write_jsonl(src: Path, dst: Path, ctx: Context) -> None:
    from gdprscan.scanner.extractors.encoding import sniff_encoding

    found = json_found(src, ctx)  # the scan of the whole file: its tables span every line
    with (
        src.open(encoding=sniff_encoding(src), newline='') as fin,
        dst.open('w', encoding='utf-8', newline='') as fout,
    ):
        batch: list[str] = []
        first = 1
        for line in fin:
            batch.append(line)
            if len(batch) >= ROWS:
                _jsonl_batch(batch, fout, ctx, first, found)
                first += len(batch)
                batch = []
        if batch:
            _jsonl_batch(batch, fout, ctx, first, found)


def _jsonl_batch(
    lines: list[str], fout: Any, ctx: Context, first: int = 1, found: Found | None = None
) -> None:
    """Lines of JSON Lines rewritten together (records are the rows of one table); ``first``: the
    line number of ``lines[0]``, to place the scan's ``found`` findings."""
    parsed: list[tuple[str, str, Any]] = []
    places: Places = {}
    for n, line in enumerate(lines, start=first):
        body = line.rstrip('\r\n')
        end = line[len(body) :]
        try:
            data = json.loads(body) if body.strip() else None
        except json.JSONDecodeError:
            parsed.append((body, end, _RAW))
            continue
        parsed.append((body, end, data))
        if found:
            places.update(json_places(data, body, n, found))
    records = [data for _b, _e, data in parsed if isinstance(data, (dict, list))]
    _rewrite_json(records, ctx, places, found)
    raw = [i for i, (_b, _e, data) in enumerate(parsed) if data is _RAW or isinstance(data, str)]
    texts = ctx.rewriter.rewrite_many([parsed[i][0] for i in raw], ctx.source) if raw else []
    new_raw = dict(zip(raw, texts, strict=True))
    for i, (body, end, data) in enumerate(parsed):
        if i in new_raw:
            fout.write(new_raw[i] + end)
        elif isinstance(data, (dict, list)):
            fout.write(json.dumps(data, ensure_ascii=False) + end)
        else:
            fout.write(body + end)


_RAW = object()


# -- XLSX ------------------------------------------------------------------------------------------------
def write_xlsx(src: Path, dst: Path, ctx: Context) -> None:
    import warnings

    from gdprscan.scanner.extractors import zipguard
    from gdprscan.scanner.extractors.tabular import cell_text
    from gdprscan.scanner.extractors.tabular import split_header
    from openpyxl import load_workbook

    zipguard.check(src, 'spreadsheet')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        wb = load_workbook(src, keep_links=False, keep_vba=src.suffix.lower() == '.xlsm')
    notes_from = len(ctx.notes)  # this file's notes name its sheets: renamed below with them
    for ws in wb.worksheets:
        # The scanner's own rule (titles, header, data), so the copy sees the columns a scan reports.
        layout = split_header(ws.iter_rows(), lambda row: [c.value for c in row])
        header: dict[int, str] = {}
        drop_cols: list[int] = []
        cells, texts, columns, keys = [], [], [], []
        qi: Any = None  # the sheet's quasi-identifier columns (k-anonymity), once the header is known
        qi_rows: list[dict[str, Any]] = []
        qi_source: list[tuple[Any, ...]] = []  # their values before the rewrite: what k is counted on
        if layout.header is not None:  # column names are never rewritten
            header = {c.column: str(c.value).strip() for c in layout.header if c.value is not None}
            ctx.saw(header.values(), ws.title, src.stem)
            drop_cols = [
                col
                for col, name in header.items()
                if (r := ctx.column_rule(name, ws.title, src.stem)) is not None and r.action == 'drop'
            ]
            qi = _xlsx_qi(ctx, header, drop_cols, ws.title, src.stem)
            ctx.note_kept_columns(list(header.values()), f'sheet {ws.title}: ')
        _xlsx_titles(ctx, layout.titles)
        for row in layout.data:
            values = [c.value for c in row]
            if qi is not None and any(v is not None for v in values):
                qi_rows.append({header[c.column]: c for c in row if header.get(c.column) in qi.kinds})
                qi_source.append(tuple(_xlsx_value(qi_rows[-1].get(name)) for name in qi.kinds))
            for c in row:
                v = c.value
                if isinstance(v, str) and v.startswith('='):
                    continue  # a formula: its inputs are rewritten, it recomputes
                text = cell_text(v)  # the scanner's rendering, so the copy sees what a scan sees
                if text is None or not text.strip():
                    continue
                cells.append(c)
                texts.append(text)
                columns.append(header.get(c.column, c.column_letter))
                keys.append(c.row)
        for c, old, new in zip(
            cells, texts, ctx.cells(texts, columns, (ws.title, src.stem), keys), strict=False
        ):
            if new != old:
                c.value = _typed(c.value, new)
        if qi is not None:
            _xlsx_kanon(ctx, qi, qi_rows, qi_source, ws.title)
        for col in sorted(drop_cols, reverse=True):
            ws.delete_cols(col)
    _xlsx_properties(wb.properties, ctx)
    _xlsx_extras(wb, ctx, notes_from)
    wb.save(dst)


#: Rows of each sheet read for column names a policy rule could name (titles and the header are above).
HEAD_ROWS = 50


def copy_xlsx_if_clean(src: Path, dst: Path, ctx: Context, engine: Any) -> bool:
    """Copy a workbook in which the scanner finds nothing without loading it: :func:`write_xlsx` holds
    the whole workbook in memory (openpyxl's normal mode, ~90 times the file size), the scan streams
    it. Only when no ``columns``/``quasi_identifiers`` rule of the policy names a column of it; the
    author fields (``creator``, ``lastModifiedBy``) are replaced as :func:`write_xlsx` replaces them,
    every other part of the file is copied as it is. False (nothing written) when the workbook has
    findings, a rule applies or the scan cannot read it: then :func:`write_xlsx` does the copy."""
    import shutil

    from gdprscan.scanner.walk import Candidate

    result = engine.scan_file(Candidate(src, ctx.source))
    if result.error or any(not f.location.get('file_name') for f in result.findings):
        return False  # (personal data in the file name is replaced by the caller)
    if (ctx.policy.columns or ctx.policy.quasi_identifiers) and _xlsx_ruled(src, ctx):
        return False
    core = _xlsx_core_authors(src, ctx)
    if core is None:
        shutil.copyfile(src, dst)
    else:
        _zip_copy(src, dst, {'docProps/core.xml': core})
    return True


def _xlsx_ruled(src: Path, ctx: Context) -> bool:
    """True when a policy column rule or quasi-identifier may name a column of the workbook: any text
    in the first :data:`HEAD_ROWS` rows of a sheet is taken for a column name (read-only mode)."""
    import warnings

    from openpyxl import load_workbook

    policy = ctx.policy
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        wb = load_workbook(src, read_only=True, keep_links=False)
    try:
        for ws in wb.worksheets:
            tables = (ws.title, src.stem)
            for row in ws.iter_rows(max_row=HEAD_ROWS, values_only=True):
                for value in row:
                    name = str(value).strip() if value is not None else ''
                    if name and (
                        ctx.column_rule(name, *tables) is not None
                        or any(policy.quasi_identifier(name, t) is not None for t in tables)
                    ):
                        return True
    finally:
        wb.close()
    return False


_CORE_AUTHOR = re.compile(r'<((?:\w+:)?(?:creator|lastModifiedBy))(\s[^>]*)?>([^<]+)</\1>')


def _xlsx_core_authors(src: Path, ctx: Context) -> bytes | None:
    """``docProps/core.xml`` with its author fields replaced, or None when it names no author."""
    import zipfile
    from xml.sax.saxutils import escape
    from xml.sax.saxutils import unescape

    with zipfile.ZipFile(src) as z:
        try:
            core = z.read('docProps/core.xml').decode('utf-8')
        except KeyError:
            return None

    def replace(m: re.Match[str]) -> str:
        value = unescape(m.group(3))
        if not value.strip():
            return m.group()
        new = ctx.rewriter.actions.apply('PERSON', value) or ''
        return f'<{m.group(1)}{m.group(2) or ""}>{escape(new)}</{m.group(1)}>'

    new_core = _CORE_AUTHOR.sub(replace, core)
    return None if new_core == core else new_core.encode('utf-8')


def _zip_copy(src: Path, dst: Path, replaced: dict[str, bytes]) -> None:
    """A copy of zip ``src`` with the members in ``replaced`` swapped, member by member (memory flat)."""
    import shutil
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w') as zout:
        for info in zin.infolist():
            if info.filename in replaced:
                zout.writestr(info, replaced[info.filename])
                continue
            with zin.open(info) as fin, zout.open(info, 'w') as fout:
                shutil.copyfileobj(fin, fout, BLOCK)


def _xlsx_titles(ctx: Context, titles: list[Any]) -> None:
    """Title rows above the header ("Personeelslijst 2024 - Jan Peeters") are free text, as the scanner
    reads them: rewritten span by span, never by a column rule."""
    title_cells = [c for row in titles for c in row if isinstance(c.value, str) and c.value.strip()]
    if title_cells:
        new = ctx.rewriter.rewrite_many([c.value for c in title_cells], ctx.source)
        for c, text in zip(title_cells, new, strict=True):
            c.value = text


def _xlsx_qi(ctx: Context, header: dict[int, str], drop_cols: list[int], sheet: str, stem: str) -> Any:
    """The sheet's quasi-identifier columns from the policy (``sheet.column``, ``file.column`` or
    ``column``), or None."""
    from gdprscan.anonymize import kanon

    names = [name for col, name in header.items() if col not in drop_cols]
    return kanon.file_table(ctx.policy, names, sheet, stem)


def _xlsx_kanon(
    ctx: Context, table: Any, rows: list[dict[str, Any]], source: list[tuple[Any, ...]], sheet: str
) -> None:
    """k-anonymity for one sheet, as for a database table: levels chosen from the ``source`` values
    of the quasi-identifiers, then each data row's rewritten cells (``rows``) generalised; the k
    reached is noted per sheet."""
    from gdprscan.anonymize import kanon

    kanon.prepare_rows(table, table.kinds, source, ctx.policy.k)
    ctx.notes.append(f'k-anonymity, sheet {sheet}: {kanon.describe(table)}')
    apply = kanon.row_generaliser(table)
    if apply is None:
        return
    for row in rows:
        values = {c: _xlsx_value(row.get(c)) for c in table.kinds}
        apply(values)
        for c, cell in row.items():
            cell.value = values[c]


def _xlsx_value(cell: Any) -> Any:
    if cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
        return None
    return cell.value


#: A number as :func:`~gdprscan.scanner.extractors.tabular.cell_text` writes a numeric cell (no exponent).
_XLSX_NUMBER = re.compile(r'-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?')


def _typed(original: Any, new: str | None) -> Any:
    """A rewritten cell in its original type where it still fits (numbers, dates), else text."""
    import datetime as dt

    if new is None:
        return None
    if isinstance(original, bool):
        return original
    if isinstance(original, int | float) and new.isdigit() and not new.startswith('0'):
        return int(new)
    if isinstance(original, int | float) and _XLSX_NUMBER.fullmatch(new):
        return float(new) if '.' in new or isinstance(original, float) else int(new)  # union dues 13.5
    if isinstance(original, dt.datetime | dt.date):
        try:
            return dt.datetime.fromisoformat(new)
        except ValueError:
            return new
    return new


def _xlsx_properties(props: Any, ctx: Context) -> None:
    for name in ('creator', 'lastModifiedBy'):
        value = getattr(props, name, None)
        if value:
            setattr(props, name, ctx.rewriter.actions.apply('PERSON', value))


#: Characters Excel refuses in a sheet name, and what a surrogate's one becomes ('[PERSON]' -> '(PERSON)').
_SHEET_CHARS = str.maketrans({'[': '(', ']': ')', ':': '_', '*': '_', '?': '_', '/': '_', '\\': '_'})
SHEET_TITLE_MAX = 31


def _xlsx_extras(wb: Any, ctx: Context, notes_from: int) -> None:
    """What a workbook holds besides its cells, as the scanner reads it (``scanner/extractors/xlsx.py``):
    cell comments (their authors replaced as the workbook's authors are), print headers and footers,
    hyperlink targets and tooltips are rewritten span by span; then sheet names (one sheet per
    employee) get their surrogate text, kept a valid, unique Excel name, and every reference to a
    renamed sheet (formulas, defined names, internal links) and this file's notes follow it."""
    from functools import partial

    from gdprscan.scanner.extractors.xlsx import HEADERS_FOOTERS

    renames = _xlsx_sheet_names(wb, ctx)
    texts: list[str] = []
    setters: list[Callable[[str], None]] = []

    def later(text: Any, setter: Callable[[str], None]) -> None:
        if isinstance(text, str) and text.strip():
            texts.append(text)
            setters.append(setter)

    for ws in wb.worksheets:
        # the cells that exist (``iter_rows`` would build tuples over the whole dimension: 10x slower)
        for c in ws._cells.values():
            if c.comment is not None:
                comment = c.comment
                later(comment.text, partial(setattr, comment, 'text'))
                if isinstance(comment.author, str) and comment.author.strip():
                    comment.author = ctx.rewriter.actions.apply('PERSON', comment.author) or ''
            if c.hyperlink is not None:
                link = c.hyperlink
                if link.location and renames:  # a place in the workbook: follows the sheet's new name
                    link.location = _xlsx_renamed_refs(link.location, renames, formula=False)
                target = link.target
                if isinstance(target, str) and target.startswith('#'):  # the same, as '#Sheet!A1'
                    link.target = '#' + _xlsx_renamed_refs(target[1:], renames, formula=False)
                    target = None
                texts_of_link = {'target': target, 'tooltip': link.tooltip, 'display': link.display}
                for attr, text in texts_of_link.items():
                    later(text, partial(setattr, link, attr))
            if renames and isinstance(c.value, str) and c.value.startswith('='):
                c.value = _xlsx_renamed_refs(c.value, renames)
        for attr, _, _ in HEADERS_FOOTERS:
            item = getattr(ws.HeaderFooter, attr, None)
            for position in ('left', 'center', 'right'):
                part = getattr(item, position, None)
                if part is not None:
                    later(part.text, partial(setattr, part, 'text'))
    if texts:
        new_texts = ctx.rewriter.rewrite_many(texts, ctx.source)
        for setter, old, new in zip(setters, texts, new_texts, strict=True):
            if new != old:
                setter(new)
    if renames:
        _xlsx_rename(wb, ctx, renames, notes_from)


def _xlsx_sheet_names(wb: Any, ctx: Context) -> dict[str, str]:
    """Old -> new name of each sheet whose name holds personal data: the surrogate text, with the
    characters Excel refuses replaced, cut to 31 characters and made unique (case-insensitively)."""
    titles = [ws.title for ws in (*wb.worksheets, *wb.chartsheets)]
    new = ctx.rewriter.rewrite_many(titles, ctx.source)
    renames = {}
    taken = {t.lower() for t, n in zip(titles, new, strict=True) if n == t}
    for old, text in zip(titles, new, strict=True):
        if text == old:
            continue
        name = text.translate(_SHEET_CHARS).strip().strip("'")[:SHEET_TITLE_MAX].strip() or 'Sheet'
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            suffix = f' ({n})'
            candidate = name[: SHEET_TITLE_MAX - len(suffix)] + suffix
        taken.add(candidate.lower())
        renames[old] = candidate
    return renames


def _xlsx_rename(wb: Any, ctx: Context, renames: dict[str, str], notes_from: int) -> None:
    """Rename the sheets (through a temporary name first: a new name may be another sheet's old one),
    repoint the defined names to them, and print the new names in this file's notes."""
    every = (*wb.worksheets, *wb.chartsheets)
    sheets = [(ws, renames[ws.title]) for ws in every if ws.title in renames]
    for i, (ws, _) in enumerate(sheets):
        ws.title = f'gdprscan-{i}'
    for ws, new in sheets:
        ws.title = new
    for chart in (chart for ws in every for chart in getattr(ws, '_charts', ())):
        for ref in _xlsx_chart_refs(chart):
            ref.f = _xlsx_renamed_refs(ref.f, renames, formula=False)
    for names in (wb.defined_names, *(ws.defined_names for ws in wb.worksheets)):
        for defined in names.values():
            if isinstance(defined.attr_text, str):
                defined.attr_text = _xlsx_renamed_refs(defined.attr_text, renames, formula=False)
    for i in range(notes_from, len(ctx.notes)):
        for old, new in sorted(renames.items(), key=lambda p: -len(p[0])):
            ctx.notes[i] = ctx.notes[i].replace(f'sheet {old}:', f'sheet {new}:')


def _xlsx_chart_refs(chart: Any) -> Iterator[Any]:
    """The cell references of a chart's series (values, categories, x/y, bubble sizes, series name)."""
    for series in getattr(chart, 'series', ()):
        for attr in ('val', 'cat', 'xVal', 'yVal', 'bubbleSize', 'tx'):
            source = getattr(series, attr, None)
            for kind in ('numRef', 'strRef', 'multiLvlStrRef'):
                ref = getattr(source, kind, None)
                if ref is not None and isinstance(getattr(ref, 'f', None), str):
                    yield ref


_SHEET_REF = re.compile(r"('(?:[^']|'')+'|[^'!:]+)!")


def _xlsx_renamed_refs(text: str, renames: dict[str, str], formula: bool = True) -> str:
    """``text`` (a formula, or a reference such as a defined name's ``'Jan Peeters'!$A$1``) with every
    reference to a renamed sheet pointing at its new name; text literals are left alone."""
    from openpyxl.formula.tokenizer import Token
    from openpyxl.formula.tokenizer import Tokenizer
    from openpyxl.formula.tokenizer import TokenizerError

    def sheet(m: re.Match[str]) -> str:
        name = m.group(1)
        name = name[1:-1].replace("''", "'") if name.startswith("'") else name
        new = renames.get(name)
        return m.group() if new is None else "'" + new.replace("'", "''") + "'!"

    try:
        tokens = Tokenizer(text if formula else '=' + text)
    except TokenizerError:
        return text
    changed = False
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE and '!' in token.value:
            new = _SHEET_REF.sub(sheet, token.value)
            changed = changed or new != token.value
            token.value = new
    if not changed:
        return text
    out = tokens.render()
    return out if formula else out[1:]


# -- DOCX ------------------------------------------------------------------------------------------------
def write_docx(src: Path, dst: Path, ctx: Context) -> None:
    """Runs rewritten in place in the body, headers, footers, text boxes, comments, footnotes and
    endnotes. Tracked changes stay tracked (a reviewer of the copy still accepts or rejects them): inserted
    text is rewritten with its paragraph, deleted text (``w:delText``, read by a scan as a unit of its own)
    is rewritten as its own text; every author of a revision or comment, the comment's initials and Word's
    list of reviewers (``people.xml``) get the author's surrogate, as the author property does."""
    import docx
    from docx.oxml.ns import qn
    from gdprscan.scanner.extractors import zipguard

    zipguard.check(src, 'document')
    document = docx.Document(str(src))
    xml_parts = _docx_xml_parts(document)
    parts = [document.element.body]
    for section in document.sections:
        for hf in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    parts.extend(root for part, root in xml_parts if str(part.content_type).endswith(_DOCX_NOTES))
    paragraphs = [p for part in parts for p in part.iter(qn('w:p'))]
    pieces_per_p = []
    for p in paragraphs:
        ts = list(p.iter(qn('w:t')))
        pieces_per_p.append((ts, [t.text or '' for t in ts]))
    # Deleted text per paragraph (its own, not a nested text box's), after the paragraphs in one call.
    deleted = [(p, ds) for p in paragraphs if (ds := _docx_own(p, f'{_W}delText'))]
    pieces_per_p.extend((ds, [d.text or '' for d in ds]) for _p, ds in deleted)
    texts = [''.join(pieces) for _ts, pieces in pieces_per_p]
    in_tables = _docx_table_findings(src, document, paragraphs, ctx)
    plan = ctx.rewriter.plan_many(texts, ctx.source, extra=in_tables)
    for i, text_edits in plan.items():
        ts, pieces = pieces_per_p[i]
        for t, new in zip(ts, apply_to_pieces(pieces, text_edits), strict=False):
            if new != t.text:
                t.text = new
                t.set('{http://www.w3.org/XML/1998/namespace}space', 'preserve')
    props = document.core_properties
    for name in ('author', 'last_modified_by'):
        value = getattr(props, name)
        if value:
            setattr(props, name, ctx.rewriter.actions.apply('PERSON', value) or '')
    _docx_authors(xml_parts, ctx)
    _docx_hyperlinks(xml_parts, ctx)
    document.save(str(dst))


#: Parts read from the package as XML: the stories that can hold revisions and comments, and Word's
#: list of reviewers. Notes and comments are rewritten like the body; the main part, headers and footers
#: come from python-docx's sections (a header linked to the previous section is not repeated).
_DOCX_NOTES = ('comments+xml', 'footnotes+xml', 'endnotes+xml')
_DOCX_XML = ('main+xml', 'header+xml', 'footer+xml', 'people+xml', *_DOCX_NOTES)
_W15 = '{http://schemas.microsoft.com/office/word/2012/wordml}'


def _docx_xml_parts(document: Any) -> list[tuple[Any, Any]]:
    """(part, root element) of each story part of the package and of ``people.xml``. A part python-docx
    keeps as bytes (footnotes, endnotes, people) is parsed here; :func:`_docx_authors` writes it back."""
    from lxml import etree

    out = []
    for part in document.part.package.iter_parts():
        if str(part.content_type).endswith(_DOCX_XML):
            root = getattr(part, 'element', None)
            if root is None:
                root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False))
            out.append((part, root))
    return out


def _docx_hyperlinks(xml_parts: list[tuple[Any, Any]], ctx: Context) -> None:
    """Rewrite external hyperlink targets (``mailto:jan.peeters@telenet.be``, a URL with a national
    number) as the scanner reads them, one string each: the display text alone is not the link."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = [
        rel
        for part, _root in xml_parts
        for rel in part.rels.values()
        if rel.is_external and rel.reltype == RT.HYPERLINK and str(rel.target_ref).strip()
    ]
    if not rels:
        return
    new = ctx.rewriter.rewrite_many([str(rel.target_ref) for rel in rels], ctx.source)
    for rel, target in zip(rels, new, strict=True):
        if target != rel.target_ref:
            rel._target = target.replace(' ', '%20')  # a surrogate name must not break the address


def _docx_own(p: Any, tag: str) -> list[Any]:
    """The ``tag`` elements of paragraph ``p`` itself, not of a paragraph nested in it (a text box)."""
    return [el for el in p.iter(tag) if next(el.iterancestors(f'{_W}p'), None) is p]


def _docx_authors(xml_parts: list[tuple[Any, Any]], ctx: Context) -> None:
    """Replace the author of every revision and comment, a comment's initials and the reviewers of
    ``people.xml`` by the name's surrogate (the same in every part), then store the parts python-docx
    keeps as bytes."""
    from lxml import etree

    names: dict[str, str] = {}

    def surrogate(name: str) -> str:
        if name not in names:
            names[name] = (ctx.rewriter.actions.apply('PERSON', name) or '') if name.strip() else name
        return names[name]

    author, initials = f'{_W}author', f'{_W}initials'
    for part, root in xml_parts:
        for el in root.iterfind(f'.//*[@{author}]'):
            old = el.get(author) or ''
            new = surrogate(old)
            if new != old:
                el.set(author, new)
                if el.get(initials):
                    el.set(initials, ''.join(w[0] for w in new.split()[:3]).upper() or 'X')
        for person in root.iter(f'{_W15}person'):
            old = person.get(f'{_W15}author') or ''
            person.set(f'{_W15}author', surrogate(old))
            for presence in person.iter(f'{_W15}presenceInfo'):  # an account id or e-mail: the name as Word
                presence.set(f'{_W15}providerId', 'None')  # writes it for a local account
                presence.set(f'{_W15}userId', surrogate(old))
        if getattr(part, 'element', None) is None:
            part._blob = etree.tostring(root, xml_declaration=True, encoding='UTF-8', standalone=True)


_W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
_W_TC = f'{_W}tc'


def _docx_table_findings(
    src: Path, document: Any, paragraphs: list[Any], ctx: Context
) -> dict[int, list[Any]]:
    """Findings in the document's tables as a scan finds them, per index in ``paragraphs``.

    The scanner reads a table row by row, a cell as ``'<header>: <text>'`` with a row key, so the
    full profile links a union or diagnosis cell to the person in the same row (rule
    ``table_row``); paragraphs alone do not show that link. So the tables are scanned here with
    the scanner's own DOCX extractor, and each finding goes to the paragraphs of its cell. A
    column classification of a first-row cell is the header misread as data: headers are kept.
    """
    from gdprscan.scanner.extractors import docx as docx_extractor

    if not any(next(p.iterancestors(_W_TC), None) is not None for p in paragraphs):
        return {}  # no table: nothing the paragraphs miss (and no second read of the file)
    units = [
        u
        for u in docx_extractor.extract(src)
        if 'table' in u.location and not {'textbox', 'footnote', 'endnote', 'comment'} & set(u.location)
    ]
    if not units:
        return {}
    index = {p: i for i, p in enumerate(paragraphs)}
    out: dict[int, list[Any]] = {}
    for f in ctx.rewriter.engine.detect(units, ctx.source):
        loc = f.location
        if not f.value or (loc.get('row') == 1 and f.recognizer == 'column_classifier'):
            continue
        cell = _docx_cell(document, loc)
        if cell is None:
            continue
        for p in cell.iter(f'{_W}p'):
            i = index.get(p)
            if i is not None and f.value in ''.join(_paragraph_text(p)):
                out.setdefault(i, []).append(f)
    return out


def _paragraph_text(p: Any) -> list[str]:
    """The ``w:t`` texts of a paragraph element (what the DOCX writer rewrites)."""
    return [t.text or '' for t in p.iter(f'{_W}t')]


def _docx_cell(document: Any, loc: dict[str, Any]) -> Any:
    """The ``w:tc`` element of a table-cell location of the DOCX extractor, or None."""
    container = document
    for kind in ('header', 'footer'):
        if kind in loc:
            prefix = {None: '', 'first': 'first_page_', 'even': 'even_page_'}.get(loc.get('variant'), '')
            try:
                container = getattr(document.sections[loc[kind] - 1], prefix + kind)
            except IndexError:
                return None
    try:
        return container.tables[loc['table'] - 1].rows[loc['row'] - 1].cells[loc['cell'] - 1]._tc
    except (IndexError, KeyError, TypeError):
        return None


# -- EML -------------------------------------------------------------------------------------------------
ADDRESS_HEADERS = ('from', 'to', 'cc', 'bcc', 'reply-to', 'sender', 'return-path', 'delivered-to')


def write_eml(src: Path, dst: Path, ctx: Context) -> None:
    import email
    import email.policy

    msg = email.message_from_bytes(src.read_bytes(), policy=email.policy.default)
    # The message and every message attached or forwarded in it (message/rfc822, at any depth):
    # each has its own From/To/Subject, rewritten like the outer one's.
    messages = [msg, *_nested_messages(msg)]
    heads: list[str] = []
    subjects: list[str] = []
    for m in messages:
        heads.extend(_eml_headers(m, ctx))
        subjects.append(str(m.get('subject', '')))
    removed = 0
    parts = []
    for part in list(msg.walk()):
        if part.is_multipart():
            continue
        if part.get_content_maintype() == 'text':
            parts.append(part)
        else:
            part.set_content('(attachment removed by gdprscan anonymize)', subtype='plain', charset='utf-8')
            removed += 1
    # A CSV/TSV attachment is read by the scanner as a file of its own (column headers, column rules):
    # it is rewritten by the CSV writer, as that file would be. One call for the original headers, the
    # subjects and all other text parts: the full profile links a diagnosis in the body to the sender
    # named in From, as a scan of the message does. A part is read as the scanner reads it (its charset
    # if that decodes it, else the sniffed encoding: a cp1252 text attached without charset) and
    # written back in that encoding.
    tables = [p for p in parts if _eml_table_suffix(p)]
    parts = [p for p in parts if not _eml_table_suffix(p)]
    decoded = [_eml_decode(p) for p in parts]
    contents = [text for text, _encoding in decoded]
    new = ctx.rewriter.rewrite_many(heads + subjects + contents, ctx.source)
    new_subjects = new[len(heads) : len(heads) + len(subjects)]
    for m, subject, new_subject in zip(messages, subjects, new_subjects, strict=True):
        if subject and new_subject != subject:
            del m['subject']
            m['Subject'] = new_subject
    names = _eml_filenames(parts + tables, ctx)
    for part in tables:
        _eml_table(part, names.get(id(part), part.get_filename()), ctx)
    texts = new[len(heads) + len(subjects) :]
    for part, (content, encoding), text in zip(parts, decoded, texts, strict=True):
        filename = names.get(id(part), part.get_filename())
        if text != content or filename != part.get_filename():
            part.set_content(
                text,
                subtype=part.get_content_subtype(),
                charset=_eml_charset(text, encoding),
                disposition=part.get_content_disposition(),
                filename=filename,
            )
    if removed:
        ctx.notes.append(f'{removed} non-text attachment(s) removed')
    # An internationalised address (RFC 6532: jérôme@...) is written as UTF-8, as its source was meant.
    utf8 = any(not str(v).isascii() for m in messages for n, v in m.items() if n.lower() in ADDRESS_HEADERS)
    dst.write_bytes(msg.as_bytes(policy=email.policy.default.clone(utf8=utf8)))


#: Encodings a sniffer names that a mail charset parameter spells otherwise (a BOM is not kept; UTF-16/32
#: text goes back as UTF-8, which every client reads).
_MAIL_CHARSETS = {'cp1252': 'windows-1252', 'utf-8-sig': 'utf-8', 'utf-16': 'utf-8', 'utf-16-le': 'utf-8',
                  'utf-16-be': 'utf-8', 'utf-32': 'utf-8'}


def _eml_decode(part: Any) -> tuple[str, str]:
    """A text part's text and the encoding it was read with, as the e-mail extractor reads it."""
    from gdprscan.scanner.extractors.encoding import decode

    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return '', 'utf-8'
    return decode(payload, part.get_content_charset())


def _eml_charset(text: str, encoding: str) -> str:
    """The charset a rewritten part is written in: its own when every character fits, else UTF-8."""
    charset = _MAIL_CHARSETS.get(encoding.lower(), encoding)
    try:
        text.encode(charset)
    except (LookupError, UnicodeEncodeError):
        return 'utf-8'
    return charset


def _eml_table_suffix(part: Any) -> str | None:
    """'.csv' or '.tsv' for a text part the e-mail extractor reads as a table (by its file name's suffix,
    else by its content type, as the extractor names the attachment's temporary file)."""
    suffix = Path(part.get_filename() or '').suffix.lower()
    if not suffix:
        suffix = {'csv': '.csv', 'tab-separated-values': '.tsv'}.get(part.get_content_subtype(), '')
    return suffix if suffix in ('.csv', '.tsv') else None


def _eml_table(part: Any, filename: str | None, ctx: Context) -> None:
    """Rewrite a CSV/TSV attachment with :func:`write_delimited` on its bytes, as the scanner reads them
    (a file named like the attachment, so a ``table.column`` rule names it by its stem), in its own
    encoding; the part keeps its content type and gets the charset it is written in."""
    import tempfile

    from gdprscan.scanner.extractors.encoding import decode

    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return
    name = Path(part.get_filename() or 'attachment').name.replace('\0', '_').strip(' .') or 'attachment'
    if Path(name).suffix.lower() != _eml_table_suffix(part):
        name += _eml_table_suffix(part) or ''
    with tempfile.TemporaryDirectory(prefix='gdprscan-eml-') as tmp:
        src, out = Path(tmp, 'in', name), Path(tmp, 'out', name)
        src.parent.mkdir()
        out.parent.mkdir()
        src.write_bytes(payload)
        write_delimited(src, out, ctx)
        data = out.read_bytes()
    if data == payload and filename == part.get_filename():
        return
    text, encoding = decode(data, part.get_content_charset())
    part.set_content(
        data,
        'text',
        part.get_content_subtype(),
        disposition=part.get_content_disposition(),
        filename=filename,
    )
    part.set_param('charset', _eml_charset(text, encoding))


def _eml_filenames(parts: list[Any], ctx: Context) -> dict[int, str]:
    """New file names of the text attachments whose names hold personal data (``loonfiche
    85.07.30-033.28 Peeters.txt``), by ``id`` of the part; rewritten as a scan reads them (as file
    names, in one call), with the same keyed surrogates as the contents."""
    named = [(id(p), name) for p in parts if (name := p.get_filename())]
    if not named:
        return {}
    new = ctx.rewriter.rewrite_many([name for _i, name in named], ctx.source)
    return {i: n.replace('/', '_') for (i, old), n in zip(named, new, strict=True) if n != old}


def _nested_messages(msg: Any) -> list[Any]:
    """Messages inside ``msg`` (attached or forwarded as message/rfc822), depth first."""
    from email.message import Message

    out: list[Any] = []
    for part in msg.walk():
        if part.get_content_type() == 'message/rfc822' and part.is_multipart():
            out.extend(m for m in part.get_payload() if isinstance(m, Message))
    return out


def _eml_headers(msg: Any, ctx: Context) -> list[str]:
    """Rewrite the address and free-text headers of one message in place; returns its original
    address headers as ``'Name: value'`` lines (context for the body, as in a scan)."""
    from email.utils import getaddresses

    actions = ctx.rewriter.actions
    original = [f'{name}: {value}' for name, value in msg.items() if name.lower() in ADDRESS_HEADERS]
    for name in list(msg.keys()):
        lname = name.lower()
        values = msg.get_all(name) or []
        if lname in ADDRESS_HEADERS:
            new_values = []
            for value in values:
                pairs = []
                for display, addr in getaddresses([str(value)]):
                    new_display = actions.apply('PERSON', display) if display else ''
                    new_addr = actions.apply('EMAIL_ADDRESS', addr) if '@' in addr else addr
                    pairs.append(_format_address(new_display or '', new_addr or ''))
                new_values.append(', '.join(pairs))
        elif lname in ('comments', 'keywords', 'received') or lname.startswith('x-'):  # Received: client IPs
            # 'X-Originating-IP: [81.82.83.84]': the name is the context of a bare address, as in a scan
            prefix = f'{name}: '
            rewritten = ctx.rewriter.rewrite_many([prefix + str(v) for v in values], ctx.source)
            new_values = [n.removeprefix(prefix) for n in rewritten]
        else:
            continue
        del msg[name]
        for v in new_values:
            msg[name] = v
    return original


def _format_address(display: str, addr: str) -> str:
    """``formataddr`` for any address: it refuses a non-ASCII local part, which RFC 6532 allows."""
    from email.headerregistry import Address
    from email.utils import formataddr

    if addr.isascii():
        return formataddr((display, addr))
    local, _, domain = addr.rpartition('@')
    return str(Address(display_name=display, username=local, domain=domain))


# -- PDF -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _FormField:
    """One widget of a filled-in AcroForm field: where it sits and what it holds (never printed)."""

    page: int
    name: str
    kind: str  # '/Tx' text, '/Ch' choice, '/Btn' check box or button, '/Sig' signature
    value: str
    rect: tuple[float, float, float, float]
    flags: int


def write_pdf(src: Path, dst: Path, ctx: Context) -> None:
    """The text of each page rewritten and rendered as a new PDF. Form fields (AcroForm) are not part
    of the text layer: text and choice values are rewritten (the field name is their column context,
    as in a scan) and written back as text fields at the same place; check boxes keep their state."""
    import pdfplumber
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    pages = []
    with pdfplumber.open(str(src)) as pdf:
        for page in pdf.pages:
            pages.append((float(page.width), float(page.height), page.extract_text() or ''))
    texts = ctx.rewriter.rewrite_many([t for _w, _h, t in pages], ctx.source)
    fields = _pdf_fields(src)
    filled = [f for f in fields if f.kind in ('/Tx', '/Ch') and f.value.strip()]
    values = ctx.rewriter.rewrite_many([f.value for f in filled], ctx.source, [f.name for f in filled])
    new_value = {id(f): v for f, v in zip(filled, values, strict=True)}
    c = canvas.Canvas(str(dst), pageCompression=1)
    c.setTitle('anonymised copy')
    c.setAuthor('gdprscan anonymize')
    font, size, margin = 'Helvetica', 10, 50
    kept: set[str] = set()
    dropped: set[str] = set()
    for index, ((width, height, _old), text) in enumerate(zip(pages, texts, strict=False)):
        c.setPageSize((width, height))
        _pdf_draw_fields(c, [f for f in fields if f.page == index], new_value, kept, dropped)
        y = height - margin
        c.setFont(font, size)
        for line in text.split('\n'):
            for piece in simpleSplit(line, font, size, width - 2 * margin) or ['']:
                if y < margin:
                    c.showPage()
                    c.setPageSize((width, height))
                    c.setFont(font, size)
                    y = height - margin
                c.drawString(margin, y, piece)
                y -= size * 1.3
        c.showPage()
    c.save()
    if kept:
        ctx.notes.append(f'{len(kept)} form field(s) carried over')
    if dropped - kept:  # the copy lost these values: it is no unchanged copy, and says why
        ctx.rewriter.counts[('form fields', 'DROPPED')] = len(dropped - kept)
        ctx.notes.append(
            f'{len(dropped - kept)} form field(s) dropped (signatures, push buttons, radio groups)'
        )


def _pdf_fields(src: Path) -> list[_FormField]:
    """The widgets of the document's form fields, page by page (pypdf; none without a form)."""
    from pypdf import PdfReader

    reader = PdfReader(str(src))
    if '/AcroForm' not in reader.root_object:
        return []
    out = []
    for index, page in enumerate(reader.pages):
        for ref in page.get('/Annots') or []:
            widget = ref.get_object()
            if widget.get('/Subtype') != '/Widget':
                continue
            names, node, kind, value, flags = [], widget, None, None, 0
            while node is not None:  # a widget inherits name parts, type, value and flags from its parents
                if '/T' in node:
                    names.append(str(node['/T']))
                kind = kind or node.get('/FT')
                value = node.get('/V') if value is None else value
                flags = flags or int(node.get('/Ff', 0))
                parent = node.get('/Parent')
                node = parent.get_object() if parent is not None else None
            if value is None and kind == '/Btn':
                value = widget.get('/AS')  # a check box's state lives in its widget
            if not names or kind is None or value is None:
                continue
            x1, y1, x2, y2 = (float(v) for v in widget['/Rect'])
            rect = (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
            text = ', '.join(str(v) for v in value) if isinstance(value, list) else str(value)
            out.append(_FormField(index, '.'.join(reversed(names)), str(kind), text, rect, flags))
    return out


def _pdf_draw_fields(
    c: Any, fields: list[_FormField], new_value: dict[int, str], kept: set[str], dropped: set[str]
) -> None:
    """Write ``fields`` of one page as AcroForm fields of the copy, each name once (a field shown by
    several widgets keeps its first); adds the names written to ``kept``, the others to ``dropped``."""
    for f in fields:
        x, y, w, h = f.rect
        if f.name in kept:
            continue
        if f.kind not in ('/Tx', '/Ch', '/Btn') or (f.kind == '/Btn' and f.flags & 0x18000):
            dropped.add(f.name)  # a signature, a push button or a radio group
            continue
        kept.add(f.name)
        if f.kind == '/Btn':
            c.acroForm.checkbox(
                name=f.name,
                checked=f.value not in ('/Off', 'Off', ''),
                x=x,
                y=y,
                size=min(w, h),
                fieldFlags='',
            )
            continue
        c.acroForm.textfield(
            name=f.name,
            value=new_value.get(id(f), f.value),
            x=x,
            y=y,
            width=w,
            height=h,
            maxlen=None,
            fieldFlags='multiline' if f.flags & 0x1000 else '',
            borderWidth=0,
        )


WRITERS: dict[str, Callable[[Path, Path, Context], None]] = {
    '.csv': write_delimited,
    '.tsv': write_delimited,
    '.json': write_json,
    '.jsonl': write_jsonl,
    '.ndjson': write_jsonl,
    '.xlsx': write_xlsx,
    '.xlsm': write_xlsx,
    '.docx': write_docx,
    '.eml': write_eml,
    '.pdf': write_pdf,
}


def writer_for(path: Path) -> Callable[[Path, Path, Context], None] | None:
    """The writer for ``path`` by suffix; the text writer for every suffix the text extractor reads."""
    suffix = path.suffix.lower()
    if suffix in WRITERS:
        return WRITERS[suffix]
    from gdprscan.scanner.extractors import for_path
    from gdprscan.scanner.extractors import text as text_extractor

    return write_text if for_path(path) is text_extractor else None
