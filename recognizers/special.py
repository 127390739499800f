"""Special categories (GDPR art. 9 and 10) in Dutch, French and English text, from term lists.

The terms are data (``special_terms.yaml``): facts such as "ziekteverlof", "certificat médical",
"convicted"; words that are facts only with a cue in the same sentence (a party name with "lid van",
"katholiek" with "praktiserend"); acronyms matched case-sensitively (ACV, PS, MR, N-VA); and labels
that count as ``label: value`` only ("Vakbond: ACV"). One regex per language, built lazily as a trie
of the terms; accents and hyphens are optional, inflections are listed. Speed: Python's ``re`` tries
every alternative at every position, so the regex only runs where a word of the text (lower case,
accents dropped or kept) is the first word of some term: the distinct words of the text are
collected once (``findall``), and each term's first word that occurs is located with ``str.find``.

A match here says only that the text *mentions* a special category. Whether it is about an
identifiable person is decided by :mod:`gdprscan.classifiers.about_person` in the full profile,
which drops (or scores low) the mentions in policies and privacy statements.

Evidence: ``{'terms': [...], 'rule': 'term' | 'cue' | 'label' | 'column' | 'icd10'}`` (and the
``cue`` word); term words are not personal data.

>>> [(m.entity, m.evidence['terms']) for m in find('Je ziekteverlof is verlengd.', 'nl')]
[('HEALTH_DATA', ['ziekteverlof'])]
>>> [m.entity for m in find('Hij is lid van het ACV.', 'nl')]
['TRADE_UNION_MEMBERSHIP']
>>> list(find('P.S. tot morgen, Mr Groen', 'nl'))
[]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from gdprscan.recognizers import icd10
from gdprscan.recognizers.base import LANGUAGES
from gdprscan.recognizers.base import Match

ENTITIES = (
    'HEALTH_DATA',
    'TRADE_UNION_MEMBERSHIP',
    'CRIMINAL_DATA',
    'RELIGIOUS_BELIEF',
    'POLITICAL_OPINION',
    'ETHNIC_ORIGIN',
    'SEXUAL_ORIENTATION',
    'BIOMETRIC_DATA',
    'GENETIC_DATA',
)
SCORE = 0.6
RECOGNIZER = 'special_terms'
#: Characters around a cued word searched for its cue (within the sentence); per entity if tighter.
CUE_WINDOW = 80
CUE_WINDOWS = {'RELIGIOUS_BELIEF': 30, 'ETHNIC_ORIGIN': 25}
#: A label's value: at most this many characters and words on the label's line.
LABEL_VALUE_CHARS = 60
LABEL_VALUE_WORDS = 5
#: Order matters: at one position the first kind that matches wins, so `exclude` comes first.
KINDS = ('exclude', 'labels', 'terms', 'cued', 'cased')

_ACCENTS = {
    'a': 'aàáâä',
    'e': 'eéèêë',
    'i': 'iíìîï',
    'o': 'oóòôö',
    'u': 'uúùûü',
    'c': 'cç',
    'n': 'nñ',
}
_EMPTY = frozenset(
    '- -- / 0 n nee neen geen nvt n.v.t. n/a na non no none aucun aucune sans niet false onwaar faux nul '
    'null nil onbekend inconnu unknown'.split()
)
#: A title or a capitalised given name right before "Groen", "MR", "PS": a person's name, not a party.
_NAME_BEFORE = re.compile(
    r'(?:(?i:\b(?:dhr|mevr|mr|mme|mevrouw|meneer|mijnheer|madame|monsieur|mrs|ms|dr|heer|juffrouw|mlle))\.?'
    r'|\b[A-Z][a-zà-ÿ]+)\s+$'
)
_SURNAME_LIKE = frozenset({'Groen', 'Vooruit'})
_LETTER_ABBREVIATIONS = frozenset({'PS', 'MR'})
_SENTENCE_END = re.compile(r'[.!?;]\s|\n\s*\n')


def _strip_accents(s: str) -> str:
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))


def _atoms(term: str) -> list[str]:
    """Regex pieces, one per character of ``term`` (see the syntax in special_terms.yaml)."""
    out: list[str] = []
    for c in term:
        if c == ' ':
            out.append(r'[\s\-]+')
        elif c == '-':
            out.append(r'[\s\-]?')
        elif c in "'’":
            out.append("['’]")
        else:
            base = _strip_accents(c).lower()
            if len(base) == 1 and base in _ACCENTS and (c.lower() == base or c.lower() in _ACCENTS[base]):
                group = _ACCENTS[base]
                if c.isupper():
                    group = group.upper()
                out.append(f'[{group}]')
            elif c == 'œ':
                out.append('(?:œ|oe)')
            else:
                out.append(re.escape(c))
    return out


def trie_regex(terms: Iterable[str]) -> str:
    """One regex for all ``terms``, factored by common prefixes (longest match first)."""
    root: dict[str, Any] = {}
    for term in terms:
        node = root
        for atom in _atoms(term):
            node = node.setdefault(atom, {})
        node[''] = True

    def emit(node: dict[str, Any]) -> str:
        end = '' in node
        branches = [atom + emit(child) for atom, child in node.items() if atom != '']
        if not branches:
            return ''
        body = branches[0] if len(branches) == 1 else '(?:' + '|'.join(branches) + ')'
        return f'(?:{body})?' if end else body

    return emit(root)


@cache
def _data() -> dict[str, Any]:
    text = files('gdprscan.recognizers').joinpath('special_terms.yaml').read_text(encoding='utf-8')
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _langs(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang is not None and lang in LANGUAGES else LANGUAGES


def _words(entity: str, kind: str, lang: str | None) -> list[str]:
    spec = _data()[entity].get(kind, {})
    return sorted({str(w) for code in _langs(lang) for w in spec.get(code, ())})


#: Lower case and accents dropped, one character for one (offsets stay valid).
_FOLD = {c: _strip_accents(chr(c)).lower() for c in range(0x250) if len(_strip_accents(chr(c)).lower()) == 1}
_TOKEN = re.compile(r'[^\W_]+')


def fold(text: str) -> str:
    """``text`` in lower case without accents, of the same length."""
    return text.translate(_FOLD)


def _lower(text: str) -> str:
    """``text`` in lower case, of the same length (fast; :func:`fold` when lower() would not keep it)."""
    low = text.lower()
    return low if len(low) == len(text) else fold(text)


#: Words too common to anchor a term on ("in de gevangenis" is anchored on "gevangenis").
_WEAK_ANCHORS = frozenset(
    'a an the of in on at to is was been had has off back en le la les de du des d l un une est '
    'het een van op uit is n re open gens'.split()
)


def _anchors(term: str) -> dict[str, int]:
    """Anchor word -> characters of the term before it: the first word that is not too common, in lower
    case with and without accents; glued to the next word too when a hyphen may be left out."""
    out: dict[str, int] = {}
    for form in (term.lower(), fold(term)):
        words = list(_TOKEN.finditer(form))
        if not words:
            continue
        k = 0
        while k < len(words) - 1 and words[k].group() in _WEAK_ANCHORS:
            k += 1
        out[words[k].group()] = max(out.get(words[k].group(), 0), words[k].start())
        if k == 0 and len(words) > 1 and form[words[0].end() : words[1].start()] == '-':
            out[words[0].group() + words[1].group()] = 0
    return out


@cache
def _regex(
    lang: str | None,
) -> tuple[re.Pattern[str], dict[str, tuple[str, str]], re.Pattern[str], dict[str, int]]:
    """The compiled regex of ``lang`` (None: all languages), group name -> (entity, kind), and the
    anchor regex (over lower-cased text) with each anchor's longest prefix in its terms."""
    parts: list[str] = []
    groups: dict[str, tuple[str, str]] = {}
    anchors: dict[str, int] = {}
    for kind in KINDS:
        for entity in ENTITIES:
            words = _words(entity, kind, lang)
            if not words:
                continue
            for w in words:
                for a, before in _anchors(w).items():
                    anchors[a] = max(anchors.get(a, 0), before)
            name = f'g{len(groups)}'
            groups[name] = (entity, kind)
            body = trie_regex(words)
            if kind == 'cased':
                body = f'(?-i:{body})'
            body = rf'(?:{body})[ \t]*:[ \t]*' if kind == 'labels' else rf'(?:{body})(?!\w)'
            parts.append(f'(?P<{name}>{body})')
    rx = re.compile(r'(?<!\w)(?:' + '|'.join(parts) + ')', re.IGNORECASE)
    anchor_rx = re.compile(r'(?<![^\W_])' + _plain_trie(anchors) + r'(?![^\W_])')
    return rx, groups, anchor_rx, anchors


def _plain_trie(words: Iterable[str]) -> str:
    """A regex of literal ``words`` (no classes, no flags): the fast pre-scan."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for c in word:
            node = node.setdefault(c, {})
        node[''] = True

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + emit(child) for c, child in node.items() if c != '']
        if not branches:
            return ''
        body = branches[0] if len(branches) == 1 else '(?:' + '|'.join(branches) + ')'
        return f'(?:{body})?' if '' in node else body

    return '(?:' + emit(root) + ')'


_WORD_START = re.compile(r'(?<![^\W_])[^\W_]')


def _scan(text: str, lang: str | None) -> Iterator[tuple[re.Match[str], str, str]]:
    """(match, entity, kind) of the regex, tried only around the anchor words found by the pre-scan."""
    rx, groups, anchor_rx, anchors = _regex(lang)
    done = 0
    for a in anchor_rx.finditer(_lower(text)):
        pos = a.start()
        if pos < done:
            continue
        before = anchors.get(a.group(), 0)
        starts = [pos]
        if before:
            lo = max(done, pos - 2 * before - 2)
            starts = [w.start() for w in _WORD_START.finditer(text, lo, pos)] + [pos]
        for start in starts:
            m = rx.match(text, start)
            if m is not None and m.lastgroup is not None and m.end() > pos:
                done = m.end()
                entity, kind = groups[m.lastgroup]
                yield m, entity, kind
                break


@cache
def _cue_regex(entity: str, lang: str | None) -> re.Pattern[str] | None:
    words = _words(entity, 'cues', lang)
    if not words:
        return None
    return re.compile(r'(?<!\w)' + trie_regex(words) + r'(?!\w)', re.IGNORECASE)


def _sentence(text: str, start: int, end: int, window: int) -> tuple[int, int]:
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    after = _SENTENCE_END.search(text, end, hi)
    if after is not None:
        hi = after.start() + 1
    return lo, hi


def _cue(text: str, m: re.Match[str], entity: str, lang: str | None) -> str | None:
    rx = _cue_regex(entity, lang)
    if rx is None:
        return None
    lo, hi = _sentence(text, m.start(), m.end(), CUE_WINDOWS.get(entity, CUE_WINDOW))
    for c in rx.finditer(text, lo, hi):
        if c.end() <= m.start() or c.start() >= m.end():
            return c.group(0).lower()
    return None


def _is_name_not_party(text: str, m: re.Match[str]) -> bool:
    """'Jan Groen', 'Mr Groen', 'PS:' / 'P.S.' / 'MR.' in a letter: not a party."""
    word = m.group(0)
    before = text[max(0, m.start() - 30) : m.start()]
    if word in _SURNAME_LIKE and _NAME_BEFORE.search(before):
        return True
    if word in _LETTER_ABBREVIATIONS:
        line_start = not before.rpartition('\n')[2].strip()
        return text[m.end() : m.end() + 1] == ':' or line_start or bool(_NAME_BEFORE.search(before))
    return False


def _label_value(text: str, end: int) -> tuple[int, int] | None:
    """The span of a label's value: a short rest of the line that says something ('geen' does not)."""
    eol = text.find('\n', end)
    eol = len(text) if eol < 0 else eol
    line = text[end:eol]
    cut = re.search(r'[|;\t]|,\s|\s{3,}', line)
    value = line[: cut.start()] if cut else line
    stripped = value.strip().rstrip('.')
    if not stripped or len(stripped) > LABEL_VALUE_CHARS or len(stripped.split()) > LABEL_VALUE_WORDS:
        return None
    if stripped.lower() in _EMPTY or not any(c.isalnum() for c in stripped):
        return None
    start = end + (len(value) - len(value.lstrip()))
    return start, start + len(stripped)


def find(text: str, lang: str | None = None, column: bool = False) -> Iterator[Match]:
    """Special-category mentions in ``text`` (``lang`` 'nl'/'fr'/'en', or None for all three).

    ``column=True``: ``text`` is a cell of a column whose header names a special category, so cued
    words and acronyms count without a cue ("ACV" in a column ``vakbond``).
    """
    for m, entity, kind in _scan(text, lang if lang in LANGUAGES else None):
        if kind == 'exclude':
            continue
        term = ' '.join(m.group(0).split()).rstrip(': \t').lower()
        evidence: dict[str, Any] = {'terms': [term], 'rule': 'term'}
        start, end = m.start(), m.end()
        if kind == 'labels':
            span = _label_value(text, end)
            if span is None:
                continue
            start, end = span
            evidence['rule'] = 'label'
        elif kind in ('cued', 'cased'):
            if kind == 'cased' and _is_name_not_party(text, m):
                continue
            if column:
                evidence['rule'] = 'column'
            else:
                cue = _cue(text, m, entity, None)  # cues of every language: mixed texts, JSON
                if cue is None:
                    continue
                evidence.update(rule='cue', cue=cue)
        yield Match(entity, start, end, SCORE, RECOGNIZER, evidence)
    yield from icd10.find(text)


def is_empty_value(value: str) -> bool:
    """A cell that says 'none' ('geen', 'nee', '-', 'n/a'): no fact about anyone."""
    return value.strip().lower() in _EMPTY
