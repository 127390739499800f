"""Table columns: what a column holds, from its header and the share of its values that match.

Used by the full profile for CSV/XLSX tables and by the database scanner. Why both signals: a
header alone lies (a column ``iban`` full of product codes, ``naam`` holding product names), and
values alone miss what no recogniser can validate (first names in no list, ``burgerlijke staat``).

- Header synonyms (nl/fr/en) are data: ``column_names.yaml``.
- Validated entities (national number, IBAN, e-mail, ...) named by the header need at least
  :data:`MIN_SHARE_NAMED` of the sampled values to validate; an unnamed column (``col7``) is
  classified by data when :data:`MIN_SHARE_DATA` of its values validate.
- ``entity_counts``: how many of the sampled values each recogniser matched (entity -> count),
  when the caller already ran them; otherwise the identifier recognisers run here on ``values``.
- Names and addresses use :func:`gdprscan.recognizers.person.looks_like_name` and
  :func:`gdprscan.recognizers.location.looks_like_address`; a *strong* header (``voornaam``)
  accepts unknown names of the right shape, a *weak* one (``naam``) needs name-like values.
- Special categories (``diagnose``, ``vakbond``, ``strafregister``...) count by header; the values
  only turn the evidence from 'name' into 'both'.
- Art. 6 categories with no entity (family, professional, financial, education, language,
  physical, location, login, personal characteristics) give ``entity=None``.

>>> classify_column('rijksregisternummer', ['85.07.30-033.28', '']).evidence
'both'
>>> classify_column('iban', ['PRD-0001', 'PRD-0002']) is None
True
>>> classify_column('burgerlijke_staat', ['gehuwd', 'ongehuwd']).categories
('family',)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from gdprscan.classifiers.categories import article_of
from gdprscan.classifiers.categories import classify

#: A header-named validated entity needs this share of validating values (when there are values).
MIN_SHARE_NAMED = 0.3
#: An unnamed column is classified by data from this share of matching values.
MIN_SHARE_DATA = 0.6
#: Share of name-like (or address-like) values that confirms a person (address) header.
MIN_SHARE_CONFIRM = 0.5
#: A strong person/address header also stands on values of the right shape.
MIN_SHARE_SHAPE = 0.8
#: At most this many values are looked at.
MAX_VALUES = 1000

EVIDENCE_NAME, EVIDENCE_DATA, EVIDENCE_BOTH = 'name', 'data', 'both'

#: Entities that point at a person: a table with such a column holds people.
IDENTIFYING = frozenset(
    {
        'PERSON',
        'BE_NATIONAL_NUMBER',
        'BE_BIS_NUMBER',
        'BE_ID_CARD_NUMBER',
        'EMAIL_ADDRESS',
        'PHONE_NUMBER',
        'IBAN_CODE',
        'CREDIT_CARD',
        'DATE_OF_BIRTH',
        'LOCATION',
    }
)


@dataclass(frozen=True)
class ColumnClass:
    """What a column holds; ``entity`` is None for an art. 6 category with no entity of its own."""

    entity: str | None
    categories: tuple[str, ...]
    article: str
    #: Share of the non-empty sampled values that match ``entity`` (0.0 when nothing is checked).
    share: float
    #: Non-empty values looked at.
    sampled: int
    #: 'name' (header only), 'data' (values only) or 'both'.
    evidence: str


@dataclass(frozen=True)
class _Rule:
    target: str  # entity, or category id when kind == 'category'
    kind: str
    strength: str  # 'strong' | 'weak' | ''


def normalise_header(name: str) -> tuple[str, ...]:
    """Header words: accents dropped, camelCase split, lower case (``'DateNaissance'`` -> date naissance)."""
    text = unicodedata.normalize('NFKD', name)
    text = ''.join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r'(?<=[a-z])(?=[A-Z])', ' ', text)
    return tuple(w for w in re.split(r'[^0-9a-z]+', text.lower()) if w)


@cache
def _data() -> dict[str, Any]:
    text = files('gdprscan.classifiers').joinpath('column_names.yaml').read_text(encoding='utf-8')
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _rules() -> dict[tuple[str, ...], _Rule]:
    """Synonym words -> rule; later lists never override earlier ones."""
    rules: dict[tuple[str, ...], _Rule] = {}

    def add(words: Sequence[str], rule: _Rule) -> None:
        for w in words:
            rules.setdefault(normalise_header(str(w)), rule)

    for entity, spec in _data()['entities'].items():
        kind = spec['kind']
        add(spec.get('strong', ()), _Rule(entity, kind, 'strong'))
        add(spec.get('synonyms', ()), _Rule(entity, kind, 'strong'))
        add(spec.get('weak', ()), _Rule(entity, kind, 'weak'))
    for category, words in _data()['categories'].items():
        add(words, _Rule(category, 'category', ''))
    return rules


@cache
def _compact_rules() -> dict[str, _Rule]:
    return {''.join(k): v for k, v in reversed(list(_rules().items()))}


@cache
def _not_person() -> tuple[str, ...]:
    return tuple(_data()['not_person'])


def header_rule(name: str) -> _Rule | None:
    """The rule of the longest synonym in header ``name``, or None."""
    words = normalise_header(name)
    if not words:
        return None
    rules = _rules()
    best: tuple[int, _Rule] | None = None
    n = len(words)
    for i in range(n):
        for j in range(i + 1, min(n, i + 6) + 1):
            rule = rules.get(words[i:j])
            if rule is not None:
                size = sum(len(w) for w in words[i:j]) + (j - i)
                if best is None or size > best[0]:
                    best = (size, rule)
    compact = _compact_rules().get(''.join(words))
    if compact is not None and (best is None or len(''.join(words)) >= best[0]):
        best = (len(''.join(words)) + 1, compact)
    return best[1] if best else None


def header_entity(name: str) -> str | None:
    """The entity a header names (None for category-only or unknown headers)."""
    rule = header_rule(name)
    return rule.target if rule is not None and rule.kind != 'category' else None


def is_person_key(name: str) -> bool:
    """A header of a key that points at one person (``employee_id``, ``personeelsnummer``, ``matricule``):
    a table with such a column holds people even without a name in it (a foreign key to employees)."""
    words = normalise_header(name)
    compact = ''.join(words)
    if compact in _person_keys():
        return True
    if len(words) >= 2 and words[-1] in ('id', 'nr', 'no', 'nummer', 'number', 'numero', 'key', 'ref'):
        return ''.join(words[:-1]) in _person_words()
    return False


@cache
def _person_keys() -> frozenset[str]:
    return frozenset(''.join(normalise_header(str(w))) for w in _data()['person_keys'])


@cache
def _person_words() -> frozenset[str]:
    return frozenset(''.join(normalise_header(str(w))) for w in _data()['person_words'])


def _is_company_header(name: str) -> bool:
    compact = ''.join(normalise_header(name))
    return any(w in compact for w in _not_person())


def classify_column(
    name: str, values: Sequence[str], entity_counts: Mapping[str, int] | None = None
) -> ColumnClass | None:
    """What column ``name`` holds, judged from the header and the sampled ``values``; None if nothing."""
    sample = [v.strip() for v in values[:MAX_VALUES] if v is not None and str(v).strip()]
    counts = Counter(entity_counts) if entity_counts is not None else _count_entities(sample)
    rule = header_rule(name)
    if rule is not None:
        found = _by_header(name, rule, sample, counts)
        if found is not None:
            return found
    return _by_data(sample, counts)


def _result(
    entity: str | None, categories: tuple[str, ...], share: float, sampled: int, evidence: str
) -> ColumnClass:
    return ColumnClass(
        entity, categories, article_of(categories), round(min(1.0, share), 4), sampled, evidence
    )


def _entity_result(entity: str, share: float, sampled: int, evidence: str) -> ColumnClass:
    return _result(entity, classify(entity)[0], share, sampled, evidence)


def _by_header(name: str, rule: _Rule, sample: list[str], counts: Counter[str]) -> ColumnClass | None:
    n = len(sample)
    if rule.kind == 'category':
        return _result(None, (rule.target,), 0.0, n, EVIDENCE_NAME)
    entity = rule.target
    if rule.kind == 'validated':
        if n == 0:
            return _entity_result(entity, 0.0, 0, EVIDENCE_NAME)
        share = counts.get(entity, 0) / n
        return _entity_result(entity, share, n, EVIDENCE_BOTH) if share >= MIN_SHARE_NAMED else None
    if rule.kind == 'special':
        if n == 0:
            return _entity_result(entity, 0.0, 0, EVIDENCE_NAME)
        share = _special_share(entity, sample, counts)
        return _entity_result(entity, share, n, EVIDENCE_BOTH if share >= MIN_SHARE_NAMED else EVIDENCE_NAME)
    if rule.kind == 'date_of_birth':
        if n == 0:
            return _entity_result(entity, 0.0, 0, EVIDENCE_NAME)
        share = sum(1 for v in sample if is_birth_date(v)) / n
        return _entity_result(entity, share, n, EVIDENCE_BOTH) if share >= MIN_SHARE_CONFIRM else None
    if rule.kind == 'person':
        if _is_company_header(name):
            return None
        return _confirm(entity, rule, sample, counts, _name_score, _name_shaped)
    if rule.kind == 'address':
        return _confirm(entity, rule, sample, counts, _address_score, _address_shaped)
    return None


def _confirm(
    entity: str, rule: _Rule, sample: list[str], counts: Counter[str], score: Any, shaped: Any
) -> ColumnClass | None:
    """A person/address header confirmed by its values (or, if strong, by their shape)."""
    n = len(sample)
    if n == 0:
        return _entity_result(entity, 0.0, 0, EVIDENCE_NAME) if rule.strength == 'strong' else None
    liked = sum(1 for v in sample if score(v) >= 0.5)
    share = max(liked, counts.get(entity, 0)) / n
    if share >= MIN_SHARE_CONFIRM:
        return _entity_result(entity, share, n, EVIDENCE_BOTH)
    if rule.strength == 'strong' and sum(1 for v in sample if shaped(v)) / n >= MIN_SHARE_SHAPE:
        return _entity_result(entity, share, n, EVIDENCE_NAME)
    return None


def _by_data(sample: list[str], counts: Counter[str]) -> ColumnClass | None:
    n = len(sample)
    if n == 0:
        return None
    best = max(((c, e) for e, c in counts.items() if c > 0), default=None)
    if best is not None and best[0] / n >= MIN_SHARE_DATA:
        return _entity_result(best[1], best[0] / n, n, EVIDENCE_DATA)
    if 'PERSON' not in counts:
        share = sum(1 for v in sample if _name_score(v) >= 0.7) / n
        if share >= MIN_SHARE_DATA:
            return _entity_result('PERSON', share, n, EVIDENCE_DATA)
    return None


# -- value checks ---------------------------------------------------------------------------------
_NAME_SHAPE = re.compile(r"^[^\W\d_]+(?:[ '\-.,]{1,2}[^\W\d_]+){0,4}\.?$")
_ADDRESS_SHAPE = re.compile(r'[^\W\d_]{3,}')
_DATE = re.compile(
    r'^(?:(?P<d1>\d{1,2})[./ -](?P<m1>\d{1,2})[./ -](?P<y1>\d{4})'
    r'|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?:[T ][\d:.]+Z?)?'
    r'|(?P<d3>\d{1,2})\.? ?(?P<mon>[^\W\d_]{3,10})\.? (?P<y3>\d{4}))$'
)


def _name_shaped(value: str) -> bool:
    return len(value) <= 60 and bool(_NAME_SHAPE.match(value))


def _address_shaped(value: str) -> bool:
    return len(value) <= 200 and bool(_ADDRESS_SHAPE.search(value))


def _name_score(value: str) -> float:
    from gdprscan.recognizers import person

    return float(person.looks_like_name(value)) if _name_shaped(value) else 0.0


def _address_score(value: str) -> float:
    from gdprscan.recognizers import location

    return float(location.looks_like_address(value)) if _address_shaped(value) else 0.0


def is_birth_date(value: str) -> bool:
    """A date (d/m/y, ISO, '3 maart 1985') with a year a living person may be born in."""
    import datetime as dt

    m = _DATE.match(value.strip())
    if not m:
        return False
    year = int(m.group('y1') or m.group('y2') or m.group('y3'))
    return 1900 <= year <= dt.date.today().year


#: A template stored as text: base64 or hex, long enough not to be a word.
_BLOB = re.compile(r'(?:[A-Za-z0-9+/]{40,}={0,2}|(?:0x)?[0-9a-fA-F]{40,})')


def _special_share(entity: str, sample: list[str], counts: Counter[str]) -> float:
    if counts.get(entity):
        return counts[entity] / len(sample)
    if entity == 'BIOMETRIC_DATA':
        return sum(1 for v in sample if _BLOB.fullmatch(v.replace('\n', ''))) / len(sample)
    from gdprscan.recognizers import icd10
    from gdprscan.recognizers import special

    hits = 0
    for v in sample:
        if entity == 'HEALTH_DATA' and icd10.is_code(v):
            hits += 1
        elif any(m.entity == entity for m in special.find(v[:2000], column=True)):
            hits += 1
    return hits / len(sample)


def _count_entities(sample: list[str]) -> Counter[str]:
    """How many values each identifier recogniser matches (a value counts once per entity)."""
    from gdprscan import recognizers

    counts: Counter[str] = Counter()
    if not sample:
        return counts
    for rec in recognizers.load('identifiers'):
        for v in sample:
            if any(True for _ in rec.find(v[:2000])):
                counts[rec.ENTITY] += 1
    return counts
