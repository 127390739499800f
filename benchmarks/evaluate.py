"""Accuracy of the full profile on the labelled set: ``python benchmarks/evaluate.py [--lang X]``.

Runs the real engine (``Engine(Settings(profile='full'))``) on each document of
``benchmarks/eval/*.jsonl``: a prose document is one text unit (as the text extractor makes
it: line 1, line/column tracking); a ``table`` document is fed cell by cell with its column
header and row, as the CSV extractor does. If the full-profile stage
(``gdprscan.scanner.full_profile``) cannot be imported, the PERSON, LOCATION and
DATE_OF_BIRTH recognisers are called directly, with the detected language, and the output
says so.

Span scores (PERSON, LOCATION, DATE_OF_BIRTH), per part, entity and language:
``overlap`` criterion: a found span is correct when it overlaps a labelled span of the same
entity not yet matched (one-to-one); recall counts labelled spans so matched. ``exact`` F1
needs identical offsets. Special categories are scored per unit: the set of special entities
reported for a document against its ``special`` list; and the number of special-category
findings on policy and statement documents (target 0).

Parts are reported apart: ``generated`` (from the generator, whose names come from the same
Faker lists as the recognisers: no evidence), ``handwritten_dev`` (rules were tuned on it),
``handwritten_test`` (held out) and D2's ``special_*`` files.
Identifiers (PHONE_NUMBER, BE_NATIONAL_NUMBER, BE_BIS_NUMBER) are scored the same way on the
parts that label them (``identifiers``: hard negatives such as order and invoice numbers).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EVAL = HERE / 'eval'
SPAN_ENTITIES = ('PERSON', 'LOCATION', 'DATE_OF_BIRTH')
#: Identifier entities, scored on the parts that label them (``identifiers.jsonl``).
ID_ENTITIES = ('PHONE_NUMBER', 'BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER')
PROSE_KINDS = ('letter', 'email', 'note')
NEGATIVE_KINDS = ('policy', 'statement')


def load_docs(parts: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Documents per part name (file stem), in file order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(EVAL.glob('*.jsonl')):
        if parts and path.stem not in parts and not any(path.stem.startswith(p) for p in parts):
            continue
        with path.open(encoding='utf-8') as f:
            out[path.stem] = [json.loads(line) for line in f if line.strip()]
    return out


def units_of(doc: dict[str, Any]) -> list[tuple[Any, int]]:
    """(TextUnit, offset of the unit in the document) for ``doc``."""
    from gdprscan.scanner.types import TRACK_LINE_COLUMN
    from gdprscan.scanner.types import TextUnit

    text = doc['text']
    if doc['kind'] != 'table':
        return [(TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN), 0)]
    lines = text.split('\n')
    header = lines[0].split(';')
    units = []
    offset = len(lines[0]) + 1
    for row_no, line in enumerate(lines[1:], start=1):
        pos = offset
        for i, cell in enumerate(line.split(';')):
            if cell.strip():
                column = header[i] if i < len(header) else f'#{i + 1}'
                units.append(
                    (TextUnit(cell, {'column': column, 'row': row_no}, row_key=(doc['id'], row_no)), pos)
                )
            pos += len(cell) + 1
        offset += len(line) + 1
    return units


class Runner:
    """Findings per document as (entity, start, end) in document offsets."""

    def __init__(self, force_direct: bool = False, min_score: float = 0.5) -> None:
        self.min_score = min_score
        self.mode = 'engine'
        self.engine: Any = None
        if not force_direct:
            try:
                from gdprscan.scanner.engine import Engine
                from gdprscan.scanner.engine import Settings

                self.engine = Engine(Settings(profile='full', min_score=min_score))
            except ImportError as e:
                self.mode = f'direct (full profile unavailable: {e})'
        if self.engine is None:
            if force_direct:
                self.mode = 'direct (--direct)'

    def run(self, doc: dict[str, Any]) -> list[tuple[str, int, int]]:
        units = units_of(doc)
        if self.engine is None:
            return self._direct(units, self.min_score)
        findings = self.engine.detect([u for u, _ in units], doc['id'])
        out = []
        line_starts = [0]
        for i, ch in enumerate(doc['text']):
            if ch == '\n':
                line_starts.append(i + 1)
        cell_at = {(u.location.get('column'), u.location.get('row')): (u, off) for u, off in units}
        for f in findings:
            if f.suppressed:
                continue
            loc = f.location
            if 'column' in loc and 'row' in loc and (loc['column'], loc['row']) in cell_at:
                unit, off = cell_at[(loc['column'], loc['row'])]
                at = unit.text.find(f.value)
                start = off + max(at, 0)
            elif 'line' in loc and isinstance(loc.get('column'), int):
                start = line_starts[loc['line'] - 1] + loc['column'] - 1
            else:
                start = doc['text'].find(f.value)
            out.append((f.entity, start, start + len(f.value)))
        return out

    @staticmethod
    def _direct(units: list[tuple[Any, int]], min_score: float) -> list[tuple[str, int, int]]:
        from gdprscan.recognizers import date_of_birth
        from gdprscan.recognizers import language
        from gdprscan.recognizers import location
        from gdprscan.recognizers import person

        out = []
        for unit, off in units:
            lang = language.detect(unit.text)
            matches: list[Any] = []
            for rec in (person, location, date_of_birth):
                matches.extend(m for m in rec.find(unit.text, lang) if m.score >= min_score)
            for m in _resolve(matches):
                out.append((m.entity, off + m.start, off + m.end))
        return out


def _resolve(matches: list[Any]) -> list[Any]:
    from gdprscan.scanner.overlaps import resolve_overlaps

    return resolve_overlaps(matches)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.exact = self.gold = self.pred = 0

    def add(self, gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        used: set[int] = set()
        hit = 0
        for ps, pe in pred:
            for gi, (gs, ge) in enumerate(gold):
                if gi not in used and ps < ge and gs < pe:
                    used.add(gi)
                    hit += 1
                    if (ps, pe) == (gs, ge):
                        self.exact += 1
                    break
        self.tp += hit
        self.fp += len(pred) - hit
        self.fn += len(gold) - hit

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, Any]:
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        ep = self.exact / self.pred if self.pred else 1.0
        er = self.exact / self.gold if self.gold else 1.0
        return {'gold': self.gold, 'found': self.pred, 'precision': p, 'recall': r, 'f1': self._f1(p, r),
                'exact_f1': self._f1(ep, er)}  # fmt: skip


def evaluate(
    parts: Iterable[str] | None = None,
    lang: str | None = None,
    entity: str | None = None,
    force_direct: bool = False,
    show_errors: bool = False,
    min_score: float = 0.5,
) -> dict[str, Any]:
    """All scores, as a dict (see the module docstring)."""
    from gdprscan.classifiers.categories import is_special

    runner = Runner(force_direct, min_score)
    result: dict[str, Any] = {'mode': runner.mode, 'min_score': min_score, 'parts': {}}
    for part, docs in load_docs(parts).items():
        spans: dict[tuple[str, str], Score] = defaultdict(Score)
        entities = _scored(docs, entity)
        special = {'tp': 0, 'fp': 0, 'fn': 0, 'units': 0}
        negative = {'docs': 0, 'findings': 0}
        errors: list[str] = []
        for doc in docs:
            if lang and doc['lang'] != lang:
                continue
            found = runner.run(doc)
            for ent in entities:
                gold = [(s['start'], s['end']) for s in doc['spans'] if s['entity'] == ent]
                pred = sorted({(s, e) for en, s, e in found if en == ent})
                group = (
                    'prose' if doc['kind'] in PROSE_KINDS else 'table' if doc['kind'] == 'table' else 'other'
                )
                for key in ((ent, doc['lang']), (ent, 'all'), (ent, group)):
                    spans[key].add(gold, pred)
                if show_errors:
                    errors.extend(_errors(doc, ent, gold, pred))
            got = {en for en, _, _ in found if is_special(en)}
            want = set(doc.get('special', ()))
            special['units'] += 1
            special['tp'] += len(got & want)
            special['fp'] += len(got - want)
            special['fn'] += len(want - got)
            if doc['kind'] in NEGATIVE_KINDS:
                negative['docs'] += 1
                negative['findings'] += sum(1 for en, _, _ in found if is_special(en))
        result['parts'][part] = {
            'spans': {f'{e}/{g}': s.row() for (e, g), s in sorted(spans.items())},
            'special': special,
            'negative': negative,
            'errors': errors,
        }
    return result


def _scored(docs: list[dict[str, Any]], entity: str | None) -> list[str]:
    """The entities to score on a part: ``entity``, else each family (names/places/dates,
    identifiers) that the part labels; a part labelling nothing gets the name family."""
    if entity:
        return [entity.upper()]
    labelled = {s['entity'] for d in docs for s in d['spans']}
    out = [e for family in (SPAN_ENTITIES, ID_ENTITIES) if labelled & set(family) for e in family]
    return out or list(SPAN_ENTITIES)


def _errors(
    doc: dict[str, Any], ent: str, gold: list[tuple[int, int]], pred: list[tuple[int, int]]
) -> list[str]:
    text = doc['text']
    out = []
    for s, e in pred:
        if not any(s < ge and gs < e for gs, ge in gold):
            out.append(f'FP {ent} {doc["id"]}: {text[s:e]!r}')
    for s, e in gold:
        if not any(s < pe and ps < e for ps, pe in pred):
            out.append(f'FN {ent} {doc["id"]}: {text[s:e]!r}')
    return out


def print_report(result: dict[str, Any], out: Any = sys.stdout) -> None:
    print(f'mode: {result["mode"]}; min_score {result["min_score"]} (the CLI default is 0.5)', file=out)
    print('span criterion: overlap (one-to-one); exact_f1 = identical offsets', file=out)
    for part, r in result['parts'].items():
        print(f'\n== {part}', file=out)
        print(
            f'{"entity/lang":<22}{"gold":>6}{"found":>7}{"prec":>7}{"recall":>8}{"f1":>7}{"exact_f1":>10}',
            file=out,
        )
        for key, row in r['spans'].items():
            if row['gold'] == 0 and row['found'] == 0:
                continue
            print(
                f'{key:<22}{row["gold"]:>6}{row["found"]:>7}{row["precision"]:>7.3f}{row["recall"]:>8.3f}'
                f'{row["f1"]:>7.3f}{row["exact_f1"]:>10.3f}',
                file=out,
            )
        sp = r['special']
        p = sp['tp'] / (sp['tp'] + sp['fp']) if sp['tp'] + sp['fp'] else 1.0
        rc = sp['tp'] / (sp['tp'] + sp['fn']) if sp['tp'] + sp['fn'] else 1.0
        print(f"special categories per unit ({sp['units']} units): precision {p:.3f} recall {rc:.3f} "
              f"(tp {sp['tp']}, fp {sp['fp']}, fn {sp['fn']})", file=out)  # fmt: skip
        neg = r['negative']
        print(f"special-category findings on policy/statement documents: {neg['findings']} "
              f"in {neg['docs']} docs",
              file=out)  # fmt: skip
        for line in r['errors']:
            print('  ' + line, file=out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--lang', choices=('nl', 'fr', 'en'))
    p.add_argument('--entity', help='PERSON, LOCATION, DATE_OF_BIRTH, PHONE_NUMBER, ... (one entity only)')
    p.add_argument(
        '--part', action='append', help='file stem(s) to score, e.g. handwritten_test (repeatable)'
    )
    p.add_argument('--direct', action='store_true', help='call the recognisers directly, not the engine')
    p.add_argument('--errors', action='store_true', help='list false positives and negatives')
    p.add_argument('--min-score', type=float, default=0.5, help='report threshold, as scan --min-score (0.5)')
    p.add_argument('--json', metavar='FILE', help='also write the scores as JSON')
    args = p.parse_args(argv)
    result = evaluate(args.part, args.lang, args.entity, args.direct, args.errors, args.min_score)
    print_report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding='utf-8')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
