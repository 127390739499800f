"""Declared versus found: does what a scan finds match what the privacy statement declares?

``--declared FILE`` is either a privacy statement (txt, md, html, pdf, docx; read by
``classifiers.statement``) or a declared-categories YAML (``gdprscan statement FILE --format yaml``
writes one to start from; format in ``docs/dpo-workflow.md``)::

    categories:
      identification:                 # everywhere
      health:
        scope: ['hr/medical/**']      # only findings in these sources are covered
        evidence: 3 Gezondheid

A finding is *covered* when one of its categories is declared for its source (an e-mail address is
contact data or electronic-communication data: declaring either covers it). Categories of findings
that nothing covers are *undeclared*; declared categories with no finding are *not found*.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from gdprscan.classifiers.categories import categories
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

#: at most this many places per undeclared category in the report, and per source among them
MAX_WHERE = 25
PER_SOURCE = 3
#: at most this many sources counted per undeclared category
MAX_SOURCES = 100
YAML_SUFFIXES = ('.yaml', '.yml')
_KEYS = frozenset(('scope', 'evidence'))


class DeclaredError(Exception):
    """A declared-categories file or statement that cannot be used: one line."""


@dataclass(frozen=True)
class Declared:
    """One declared category and where it applies (no scope: everywhere)."""

    id: str
    scope: tuple[str, ...] = ()
    evidence: str = ''

    def covers(self, source: str) -> bool:
        return not self.scope or any(_glob(g).search(_norm(source)) for g in self.scope)


@dataclass(frozen=True)
class Declaration:
    """What a file declares and, for a statement, what it says it does not process."""

    kind: str  # 'statement' or 'yaml'
    declared: tuple[Declared, ...]
    denied: tuple[str, ...] = ()


def _norm(source: str) -> str:
    return source.replace('\\', '/')


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob matched against the end of a source, like a .gitignore line: ``**`` spans folders."""
    pat = _norm(pattern).lstrip('/')
    out, i = [], 0
    while i < len(pat):
        if pat.startswith('**/', i):
            out.append('(?:.*/)?')
            i += 3
        elif pat.startswith('**', i):
            out.append('.*')
            i += 2
        elif pat[i] == '*':
            out.append('[^/]*')
            i += 1
        elif pat[i] == '?':
            out.append('[^/]')
            i += 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    return re.compile(r'(?:^|/)' + ''.join(out) + r'$')


def load(file: str, lang: str = 'auto') -> Declaration:
    """The declaration in ``file``: a declared-categories YAML, or a statement in any supported format."""
    path = Path(file)
    if not path.is_file():
        raise DeclaredError(f'{file}: {"not a file" if path.exists() else "no such file"}')
    if path.suffix.lower() in YAML_SUFFIXES:
        return _load_yaml(path)
    from gdprscan.classifiers import statement
    from gdprscan.scanner.statement_text import StatementReadError
    from gdprscan.scanner.statement_text import read_text

    try:
        reading = statement.read(read_text(path), lang)
    except StatementReadError as e:
        raise DeclaredError(str(e)) from e
    if not reading.declared:
        raise DeclaredError(
            f'{file}: no declared categories found in this statement; '
            'write a declared-categories YAML instead (gdprscan statement FILE --format yaml)'
        )
    return Declaration(
        'statement',
        tuple(Declared(d.id, (), d.evidence) for d in reading.declared),
        tuple(d.id for d in reading.denied),
    )


def _load_yaml(path: Path) -> Declaration:
    try:
        data = yaml.safe_load(path.read_text(encoding='utf-8'))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise DeclaredError(f'{path}: not valid YAML ({type(e).__name__})') from e
    except OSError as e:
        raise DeclaredError(f'{path}: {e.strerror or type(e).__name__}') from e
    if isinstance(data, dict) and 'categories' in data:
        data = data['categories']
    elif isinstance(data, dict) and 'statement' in data:
        raise DeclaredError(f'{path}: no "categories:" (see docs/dpo-workflow.md)')
    if data is None:
        data = {}
    if isinstance(data, list):  # [id, {id: {scope: ...}}]
        merged: dict[str, Any] = {}
        for item in data:
            if isinstance(item, str):
                merged[item] = None
            elif isinstance(item, dict):
                merged.update(item)
            else:
                raise DeclaredError(
                    f'{path}: a category must be an id or a mapping, not {type(item).__name__}'
                )
        data = merged
    if not isinstance(data, dict):
        raise DeclaredError(f'{path}: expected "categories:" with category ids (see docs/dpo-workflow.md)')
    known = categories()
    out = []
    for cid, spec in data.items():
        cid = str(cid)
        if cid not in known:
            raise DeclaredError(f'{path}: unknown category "{cid}" (gdprscan categories lists them)')
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - _KEYS:
            extra = sorted(set(spec) - _KEYS) if isinstance(spec, dict) else [type(spec).__name__]
            raise DeclaredError(
                f'{path}: {cid}: unknown setting {", ".join(map(str, extra))} (scope, evidence)'
            )
        scope = spec.get('scope') or ()
        if isinstance(scope, str):
            scope = (scope,)
        if not isinstance(scope, (list, tuple)) or not all(isinstance(g, str) for g in scope):
            raise DeclaredError(f'{path}: {cid}: scope must be a glob or a list of globs')
        out.append(Declared(cid, tuple(scope), str(spec.get('evidence') or '')))
    order = list(known)
    return Declaration('yaml', tuple(sorted(out, key=lambda d: order.index(d.id))))


def compare(result: ScanResult, file: str) -> dict[str, Any]:
    """The comparison that goes into ``result.extra['declared']`` (and so into every report)."""
    # the statement's language is its own (often two or three languages), not the scan's --lang
    return comparison(result, load(file), file)


def comparison(result: ScanResult, declaration: Declaration, file: str) -> dict[str, Any]:
    cats = categories()
    by_id = {d.id: d for d in declaration.declared}
    active = result.active
    found = Counter(c for f in active for c in f.categories)
    in_scope = Counter(c for f in active for c in f.categories if c in by_id and by_id[c].covers(f.source))
    uncovered: dict[str, list[Finding]] = {}
    for f in active:
        if any(c in by_id and by_id[c].covers(f.source) for c in f.categories):
            continue
        for c in f.categories:
            uncovered.setdefault(c, []).append(f)
    order = list(cats)
    undeclared = []
    for cid in sorted(uncovered, key=lambda c: (order.index(c) if c in cats else len(order), c)):
        fs = uncovered[cid]
        by_source = Counter(f.source for f in fs)
        entry: dict[str, Any] = {
            'category': cid,
            'article': cats[cid].article if cid in cats else '6',
            'count': len(fs),
            'where': [
                {'source': f.source, 'location': f.location, 'entity': f.entity, 'masked': f.masked}
                for f in _places(fs, by_source)
            ],
            'sources': len(by_source),
            'by_source': dict(by_source.most_common(MAX_SOURCES)),
            'denied': cid in declaration.denied,
        }
        if cid in by_id and by_id[cid].scope:
            entry['scope'] = list(by_id[cid].scope)
        undeclared.append(entry)
    return {
        'file': file,
        'kind': declaration.kind,
        'declared': [d.id for d in declaration.declared],
        'found': {
            cid: {'article': cats[cid].article if cid in cats else '6', 'count': n}
            for cid, n in sorted(
                found.items(), key=lambda kv: order.index(kv[0]) if kv[0] in cats else len(order)
            )
        },
        'undeclared': undeclared,
        'not_found': [d.id for d in declaration.declared if not in_scope[d.id]],
        'denied': list(declaration.denied),
        'evidence': {d.id: d.evidence for d in declaration.declared if d.evidence},
        'scope': {d.id: list(d.scope) for d in declaration.declared if d.scope},
    }


def _places(findings: list[Finding], by_source: Counter[str]) -> list[Finding]:
    """Up to MAX_WHERE findings, a few from each source (the sources with most findings first)."""
    per: dict[str, list[Finding]] = {}
    for f in findings:
        per.setdefault(f.source, []).append(f)
    out: list[Finding] = []
    for source, _ in sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])):
        out.extend(sorted(per[source], key=lambda f: _location_key(f.location))[:PER_SOURCE])
        if len(out) >= MAX_WHERE:
            break
    return out[:MAX_WHERE]


def _location_key(location: dict[str, Any]) -> tuple[str, ...]:
    return tuple(f'{k}={v:>12}' if isinstance(v, int) else f'{k}={v}' for k, v in sorted(location.items()))


def to_yaml(declared: list[tuple[str, str]], statement: str, denied: list[str] | None = None) -> str:
    """A declared-categories file to start from: ``declared`` is [(id, evidence)]."""
    cats = categories()
    lines = [
        '# Declared categories of personal data, for `gdprscan scan ... --declared THIS_FILE`.',
        f'# Read from the privacy statement {statement}; check every entry against the statement.',
        '# Each category may get a `scope:` (globs matched against the end of a source path or',
        "# database URL, e.g. ['hr/medical/**', '*/payroll.xlsx']); without it the category is",
        '# declared for every source. Category ids: `gdprscan categories`.',
        f'statement: {_quote(statement)}',
        'categories:',
    ]
    if not declared:
        lines[-1] = 'categories: {}'
    for cid, evidence in declared:
        c = cats[cid]
        lines.append(f'  {cid}:  # {c.label("en")}, art. {c.article}')
        if evidence:
            lines.append(f'    evidence: {_quote(evidence)}')
        lines.append("    # scope: ['**']")
    for cid in denied or ():
        lines.append(f'  # {cid}: the statement says it is not processed')
    return '\n'.join(lines) + '\n'


def _quote(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix('\n...\n').strip()
