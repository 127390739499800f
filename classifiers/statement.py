"""The categories of personal data a privacy statement declares, each with the text that declares it.

A DPO compares what the organisation *says* it processes with what a scan *finds*; this module reads
the saying. Statements declare categories in a few ways, all handled here on plain text:

- headed list items: ``Identificatiegegevens: naam, voornaam`` or ``• Financial data: ...``;
- item lists inside a declaring sentence: ``we verwerken naam, voornaam, geboortedatum, ...``;
- numbered category lists with a selection: Group S numbers 18 categories and then says
  ``enkel gegevens van volgende aard: 3, 10, 11, ...``; only the selected numbers are declared;
- groups: ``political, trade union and ideological data`` (a label next to a data word).

Mentioning is not declaring: a sentence counts only when it says data are processed, collected,
kept... (or sits in a list introduced that way); definitions (``... means``, a glossary, the GDPR's
list of special categories) never count, and negated categories (``we do not process health data``)
are reported as denied. The wording lives in ``statement_terms.yaml``, in Dutch, French and English.

>>> [d.id for d in read('Identificatiegegevens: naam, voornaam.').declared]
['identification']
>>> r = read('We verwerken uw naam en adres, maar nooit gezondheidsgegevens.')
>>> [d.id for d in r.declared], [d.id for d in r.denied]
(['identification', 'contact'], ['health'])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from gdprscan.classifiers.categories import categories

LANGS = ('nl', 'fr', 'en')
#: how a declaration was read, best first: the evidence kept for a category is the best one.
HOW_ORDER = ('selection', 'heading', 'list', 'sentence')
MAX_EVIDENCE = 300

# Words allowed between a label and its data word: "identification AND contact data",
# "données D' identification ET DE contact", "gegevens OVER UW gezondheid".
_LINK_FORWARD = frozenset(
    'and or en of et ou other andere overige autres personal persoonlijke personnelles'.split()
)
_LINK_BACKWARD = frozenset(
    'de d des du la le les l van over betreffende inzake omtrent your their uw hun vos votre leur leurs '
    'about on concerning regarding relating to sur concernant relatives relatifs aux au a '
    'et ou and or en of'.split()
)
_BULLET = re.compile(r'^\s*(?:[-\u2013\u2014\u2022\u00b7\u25aa\u25e6\u25cf*+o]|\(?(\d{1,2})[.)])\s+')
_NUMBERED = re.compile(r'^\s*\(?(\d{1,2})[.)]?\s+(\S.{0,120})$')
_HEADED = re.compile(r'^\s*(?P<head>[^\W\d_][^:.;!?\n]{1,80}?)\s?:\s*(?P<body>.*)$', re.S)
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+(?=[^\w]*[A-Z0-9\u00c0-\u00dd])')
_NUMBER_LIST = re.compile(
    r'(?<![\w.,/-])\d{1,2}(?:\s*(?:,|;|&|-|\u2013|\b(?:en|et|and|or|of|ou|tot|to|a)\b)\s*\d{1,2})+(?![\w/]|[.,]\d)'
)
_ARTICLE_BEFORE = re.compile(r'\b(?:artikel|article|art|artikels|articles)\.?\s*\(?$')


@dataclass(frozen=True)
class Declaration:
    """A category the statement declares (or denies), with the text that says so."""

    id: str
    article: str
    evidence: str
    how: str

    def as_dict(self) -> dict[str, str]:
        return {'id': self.id, 'article': self.article, 'evidence': self.evidence}


@dataclass(frozen=True)
class Reading:
    """What a statement declares: categories in the order of ``categories.yaml``."""

    lang: str
    declared: tuple[Declaration, ...]
    denied: tuple[Declaration, ...] = ()

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.declared]


def fold(text: str) -> str:
    """Lower case without accents, one character per character, so offsets stay valid."""
    out = []
    for c in text:
        low = "'" if c == '\u2019' else (c.lower()[:1] or c)
        out.append(unicodedata.normalize('NFKD', low)[:1] or low)
    return ''.join(out)


@dataclass(frozen=True)
class _Vocab:
    terms: dict[str, frozenset[str]]
    labels: dict[str, frozenset[str]]
    term_re: re.Pattern[str]
    label_re: re.Pattern[str]
    data_re: re.Pattern[str]
    declare_re: re.Pattern[str]
    only_re: re.Pattern[str]
    negate_re: re.Pattern[str]
    niet_re: re.Pattern[str]
    break_re: re.Pattern[str]
    define_re: re.Pattern[str]
    ignore_re: re.Pattern[str]


@cache
def _data() -> dict[str, Any]:
    text = files('gdprscan.classifiers').joinpath('statement_terms.yaml').read_text(encoding='utf-8')
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words_re(words: Iterable[str], plural: bool = False) -> re.Pattern[str]:
    alts = sorted({fold(w) for w in words}, key=len, reverse=True)
    suffix = r'(?:s|es|en|n|x)?' if plural else ''
    return re.compile(r'(?<!\w)(' + '|'.join(alts) + r')' + suffix + r'(?!\w)')


def _regex_re(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r'(?<!\w)(?:' + '|'.join(fold(p) for p in patterns) + r')(?!\w)')


@cache
def _vocab(langs: tuple[str, ...]) -> _Vocab:
    data = _data()
    terms: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for cid, spec in data['categories'].items():
        for lang in langs:
            for t in spec['terms'].get(lang, ()):
                terms.setdefault(fold(t), set()).add(cid)
            for t in spec['labels'].get(lang, ()):
                labels.setdefault(fold(t), set()).add(cid)

    def pick(key: str) -> list[str]:
        return [p for lang in langs for p in data[key].get(lang, ())]

    return _Vocab(
        terms={k: frozenset(v) for k, v in terms.items()},
        labels={k: frozenset(v) for k, v in labels.items()},
        term_re=_words_re((re.escape(t) for t in terms), plural=True),
        label_re=_words_re((re.escape(t) for t in labels), plural=True),
        data_re=re.compile(r'(?<!\w)(?:' + '|'.join(fold(p) for p in pick('data_words')) + r')(?!\w)'),
        declare_re=_regex_re(pick('declare')),
        only_re=_regex_re(pick('only')),
        negate_re=re.compile(
            r'(?<!\w)(?:'
            + '|'.join(fold(p) for p in pick('negate') if not p.endswith("'"))
            + r')(?!\w)'
            + ''.join(r'|(?<!\w)' + fold(p) for p in pick('negate') if p.endswith("'"))
        ),
        niet_re=re.compile(r'(?<!\w)niet(?!\w)' if 'nl' in langs else r'(?!x)x'),
        break_re=re.compile(
            r'[;()]|(?<!\w)(?:' + '|'.join(fold(p) for p in pick('clause_breaks')) + r')(?!\w)'
        ),
        define_re=_regex_re(
            pick('define')
            + [
                'persoonsgegevens die verband houden met',
                'personal data (?:related|relating) to',
                'donnees a caractere personnel (?:relatives|qui)',
            ]
        ),
        ignore_re=_regex_re(pick('ignore')),
    )


def detect_language(text: str) -> str:
    """'nl', 'fr' or 'en': the language whose common words are most frequent."""
    stop = _data()['stopwords']
    counts = dict.fromkeys(LANGS, 0)
    sets = {lang: frozenset(stop[lang]) for lang in LANGS}
    for word in re.findall(r'\w+', fold(text[:200_000])):
        for lang in LANGS:
            if word in sets[lang]:
                counts[lang] += 1
    return max(LANGS, key=lambda lang: (counts[lang], lang == 'en'))


# --- text into pieces -------------------------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    kind: str  # 'para' or 'item'
    number: int | None = None
    list_no: int = -1
    lead: str = ''


def normalise(text: str) -> str:
    """NFC, one kind of newline and space, words joined again where a line break hyphenated them."""
    text = unicodedata.normalize('NFC', text).replace('\r\n', '\n').replace('\r', '\n')
    text = text.replace('\u00ad', '').replace('\u00a0', ' ').replace('\u202f', ' ').replace('\t', ' ')
    text = re.sub(r'(?<=[a-z\u00df-\u00ff])-[ ]*\n[ ]*(?=[a-z\u00df-\u00ff])', '', text)
    return text


def _numbered_lines(lines: list[str]) -> set[int]:
    """Lines of runs "1 X", "2 Y", "3 Z"... (blank lines allowed): a numbered category list."""
    found: set[int] = set()
    run: list[int] = []
    expect = 1
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _NUMBERED.match(line)
        if m and int(m.group(1)) == expect:
            run.append(i)
            expect += 1
            continue
        if len(run) >= 3:
            found.update(run)
        run, expect = [], 1
        if m and int(m.group(1)) == 1:
            run, expect = [i], 2
    if len(run) >= 3:
        found.update(run)
    return found


def _pieces(text: str) -> list[_Piece]:
    """Paragraphs and list items; items of one list share ``list_no`` and the paragraph before them."""
    lines = normalise(text).split('\n')
    numbered = _numbered_lines(lines)
    pieces: list[_Piece] = []
    cur: _Piece | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            cur = None
            continue
        bullet = _BULLET.match(line)
        if i in numbered:
            m = _NUMBERED.match(line)
            assert m is not None
            cur = _Piece(m.group(2).strip(), 'item', number=int(m.group(1)))
            pieces.append(cur)
        elif bullet:
            number = int(bullet.group(1)) if bullet.group(1) else None
            cur = _Piece(line[bullet.end() :].strip(), 'item', number=number)
            pieces.append(cur)
        elif cur is not None and not _HEADED.match(stripped):
            cur.text += ' ' + stripped
        elif cur is None and pieces and stripped[:1].islower() and not re.search(r'[.!?:]$', pieces[-1].text):
            cur = pieces[-1]  # a sentence cut by an empty line (PDF page break)
            cur.text += ' ' + stripped
        else:
            cur = _Piece(stripped, 'para')
            pieces.append(cur)
    list_no, lead, in_list = 0, '', False
    for p in pieces:
        p.text = re.sub(r'\s+', ' ', p.text).strip()
        if p.kind == 'item':
            if not in_list:
                list_no += 1
                in_list = True
            p.list_no, p.lead = list_no, lead
        else:
            in_list = False
            lead = p.text
    return pieces


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


# --- reading ----------------------------------------------------------------------------------------


@dataclass
class _Reader:
    vocab: _Vocab
    found: dict[str, Declaration] = field(default_factory=dict)
    denied: dict[str, Declaration] = field(default_factory=dict)

    def add(self, cids: Iterable[str], evidence: str, how: str, deny: bool = False) -> None:
        cats = categories()
        target = self.denied if deny else self.found
        for cid in cids:
            old = target.get(cid)
            if old is None or HOW_ORDER.index(how) < HOW_ORDER.index(old.how):
                target[cid] = Declaration(cid, cats[cid].article, _clip(evidence), how)

    # matching --------------------------------------------------------------------------------------
    def _prepare(self, text: str) -> str:
        folded = fold(text)
        return self.vocab.ignore_re.sub(lambda m: ' ' * len(m.group(0)), folded)

    def heading_categories(self, head: str, strict: bool = True) -> set[str]:
        """Categories named by a heading or a numbered item: labels count anywhere in it.

        ``strict`` (a heading): the heading must be about data ("... data:", "Contact:"), so that
        "Legal basis:" is not read as legal data. A numbered category list is about data already.
        """
        folded = self._prepare(head)
        if len(folded.split()) > 9:
            return set()
        cids: set[str] = set()
        rest = folded
        for regex, table in (
            (self.vocab.term_re, self.vocab.terms),
            (self.vocab.label_re, self.vocab.labels),
        ):
            for m in regex.finditer(rest):
                cids |= table[m.group(1)]
            rest = regex.sub(' ', rest)
        if not cids:
            return set()
        leftover = set(re.findall(r'\w+', self.vocab.data_re.sub(' ', rest))) - _LINK_FORWARD
        if not strict or self.vocab.data_re.search(folded) or not leftover:
            return cids
        return set()

    def matches(self, text: str) -> list[tuple[int, set[str]]]:
        """(offset, categories) of terms, and of labels that stand next to a data word."""
        folded = self._prepare(text)
        out = [(m.start(), set(self.vocab.terms[m.group(1)])) for m in self.vocab.term_re.finditer(folded)]
        taken = [(m.start(), m.end()) for m in self.vocab.term_re.finditer(folded)]
        for m in self.vocab.label_re.finditer(folded):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if self._near_data_word(folded, m.start(), m.end()):
                out.append((m.start(), set(self.vocab.labels[m.group(1)])))
        return out

    def _near_data_word(self, folded: str, start: int, end: int) -> bool:
        after = self.vocab.data_re.search(folded, end, end + 60)
        if after and self._gap_ok(folded[end : after.start()], _LINK_FORWARD):
            return True
        before = [m for m in self.vocab.data_re.finditer(folded, max(0, start - 60), start)]
        return bool(before) and self._gap_ok(folded[before[-1].end() : start], _LINK_BACKWARD)

    def _gap_ok(self, gap: str, links: frozenset[str]) -> bool:
        if re.search(r'[.;:()!?]', gap):
            return False
        gap = self.vocab.label_re.sub(' ', self.vocab.term_re.sub(' ', gap))
        return all(w in links for w in re.findall(r'\w+', gap))

    def negated_spans(self, text: str) -> list[tuple[int, int]]:
        """Where a negation applies: from the negation to the next clause break (Dutch 'niet': the clause)."""
        folded = fold(text)
        breaks = [m.start() for m in self.vocab.break_re.finditer(folded)]
        commas = sorted(breaks + [m.start() for m in re.finditer(',', folded)])
        spans = []
        for m in self.vocab.negate_re.finditer(folded):
            if (
                m.group(0) in ('ne', "n'")
                and re.match(r"[^.;]{0,40}?\bqu(?:e\b|')", folded[m.end() :])
                and not re.match(r'[^.;]{0,40}?\b(?:pas|jamais|aucune?|plus|rien)\b', folded[m.end() :])
            ):
                continue  # French 'ne ... que' means 'only'
            if self.vocab.niet_re.fullmatch(folded, m.start(), m.end()):  # Dutch: 'niet' ends its clause
                start = max((b for b in commas if b < m.start()), default=0)
                end = next((b for b in commas if b > m.end()), len(folded))
            else:
                start, end = m.start(), next((b for b in breaks if b > m.end()), len(folded))
            spans.append((start, end))
        return spans

    # pieces ----------------------------------------------------------------------------------------
    def sentence(self, text: str, evidence: str, how: str, inherited: str = '') -> None:
        """A sentence (or item) declares the categories it names when it says data are processed."""
        folded = fold(text)
        if self.vocab.define_re.search(folded):
            return
        if inherited != 'declare' and not self.vocab.declare_re.search(folded):
            if inherited != 'negate':
                return
        spans = [(0, len(text))] if inherited == 'negate' else self.negated_spans(text)
        for pos, cids in self.matches(text):
            deny = any(a <= pos < b for a, b in spans)
            self.add(cids, evidence, how, deny=deny)

    def lead_state(self, lead: str) -> str:
        """How a list's introduction colours its items: 'declare', 'negate', 'define' or ''."""
        if not lead:
            return ''
        parts = sentences(lead)
        last = fold(parts[-1])
        if self.vocab.define_re.search(last):
            return 'define'
        if (
            last.rstrip().endswith(':')
            and self.vocab.negate_re.search(last)
            and self.vocab.declare_re.search(last)
        ):
            return 'negate'
        if any(
            self.vocab.declare_re.search(fold(s)) and not self.vocab.define_re.search(fold(s)) for s in parts
        ):
            return 'declare' if last.rstrip().endswith(':') or len(parts) > 1 else ''
        return ''

    def headed(self, text: str, how: str, inherited: str = '') -> bool:
        """``Heading: body``; True when the heading names categories (handled here)."""
        m = _HEADED.match(text)
        if not m:
            return False
        cids = self.heading_categories(m.group('head'))
        if not cids:
            return False
        body = m.group('body')
        folded_body = fold(body)
        if self.vocab.define_re.search(folded_body) or inherited == 'define':
            return True
        deny = inherited == 'negate' or (bool(body.strip()) and self._denies(sentences(body)[0]))
        head = m.group('head').strip()
        parts = sentences(body)
        self.add(cids, f'{head}: {parts[0]}' if parts else head, 'heading', deny=deny)
        for s in parts:
            self.sentence(s, f'{head}: {s}', 'list', 'negate' if deny else 'declare')
        return True

    def _denies(self, text: str) -> bool:
        """True when ``text`` negates and names no category outside the negation ("we keep none of these")."""
        spans = self.negated_spans(text)
        if not spans:
            return False
        return all(any(a <= pos < b for a, b in spans) for pos, _ in self.matches(text))

    def numbered(self, items: list[_Piece], after: list[_Piece]) -> None:
        """A numbered category list: the selection after it (or a declaring lead-in) says which count."""
        by_number = {p.number: p for p in items if p.number is not None}
        for p in after[:6]:
            for s in sentences(p.text):
                folded = fold(s)
                if self.vocab.define_re.search(folded):
                    continue
                if not (self.vocab.declare_re.search(folded) or self.vocab.only_re.search(folded)):
                    continue
                chosen = self._selection(folded, max(by_number))
                if not chosen:
                    continue
                spans = self.negated_spans(s)
                for n, pos in chosen:
                    item = by_number.get(n)
                    if item is None:
                        continue
                    deny = any(a <= pos < b for a, b in spans)
                    cids = self.heading_categories(item.text, strict=False)
                    self.add(cids, f'{n} {item.text} \u2014 {s}', 'selection', deny)
                return
        if self.lead_state(items[0].lead) == 'declare':
            for p in items:
                self.add(self.heading_categories(p.text, strict=False), f'{p.number} {p.text}', 'list')

    @staticmethod
    def _selection(folded: str, highest: int) -> list[tuple[int, int]]:
        """Numbers (with their offsets) of an enumeration "3, 10, 11 en 18" or a range "1-5"."""
        for m in _NUMBER_LIST.finditer(folded):
            if _ARTICLE_BEFORE.search(folded[max(0, m.start() - 14) : m.start()]):
                continue
            chosen: list[tuple[int, int]] = []
            tokens = list(re.finditer(r'\d{1,2}|-|\u2013|\btot\b|\bto\b|\ba\b', m.group(0)))
            i = 0
            while i < len(tokens):
                t = tokens[i]
                if t.group(0).isdigit():
                    n = int(t.group(0))
                    if i + 2 < len(tokens) and not tokens[i + 1].group(0).isdigit():
                        hi = int(tokens[i + 2].group(0))
                        chosen.extend((k, m.start() + t.start()) for k in range(n, hi + 1))
                        i += 3
                        continue
                    chosen.append((n, m.start() + t.start()))
                i += 1
            if len(chosen) >= 2 and all(1 <= n <= highest for n, _ in chosen):
                return chosen
        return []


def read(text: str, lang: str = 'auto') -> Reading:
    """The categories ``text`` (a privacy statement) declares and denies."""
    detected = detect_language(text) if lang == 'auto' else lang
    if lang not in ('auto', *LANGS):
        raise ValueError(f'unknown language {lang!r} (auto, nl, fr, en)')
    reader = _Reader(_vocab(LANGS if lang == 'auto' else (lang,)))
    pieces = _pieces(text)
    defining = False
    lists: dict[int, list[_Piece]] = {}
    for p in pieces:
        if p.list_no >= 0:
            lists.setdefault(p.list_no, []).append(p)
    for idx, p in enumerate(pieces):
        folded = fold(p.text)
        if p.kind == 'para':
            is_headed = bool(_HEADED.match(p.text))
            if not is_headed:
                defining = bool(reader.vocab.define_re.search(folded)) and p.text.endswith(':')
                for s in sentences(p.text):
                    reader.sentence(s, s, 'sentence')
                continue
            if defining:
                continue
            if not reader.headed(p.text, 'heading'):
                for s in sentences(p.text):
                    reader.sentence(s, s, 'sentence')
            continue
        items = lists[p.list_no]
        if all(q.number is not None for q in items) and len(items) >= 3:
            if p is items[0]:
                rest = [q for q in pieces[idx:] if q.list_no != p.list_no]
                reader.numbered(items, rest)
            continue
        state = 'define' if defining else reader.lead_state(p.lead)
        if state == 'define':
            continue
        if reader.headed(p.text, 'list', state):
            continue
        for s in sentences(p.text):
            reader.sentence(s, p.text, 'list', state)
    order = list(categories())
    declared = tuple(sorted(reader.found.values(), key=lambda d: order.index(d.id)))
    denied = tuple(
        sorted(
            (d for d in reader.denied.values() if d.id not in reader.found), key=lambda d: order.index(d.id)
        )
    )
    return Reading(detected, declared, denied)


def _clip(text: str) -> str:
    text = re.sub(r'\s+', ' ', text).strip()
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 1].rstrip() + '\u2026'


def evidence_lines(reading: Reading) -> Iterator[str]:
    """``id: evidence`` lines, for logs and tests."""
    for d in reading.declared:
        yield f'{d.id}: {d.evidence}'
