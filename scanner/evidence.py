"""What a report may print of a finding's ``evidence``: nothing taken from the scanned text.

Recognisers and stages explain a finding in ``Finding.evidence``. Most keys are ours: rule names,
the context or cue word of our own lists that raised the score, column names, counts and scores,
and the masked link to a person. One key carries text of the source: ``terms``, the special-category
words that matched ("depressie", "abvv"). Printed next to a masked value, it would state the diagnosis
or the union in clear. So, unless ``--show-values``, :func:`public` replaces ``terms`` by
``term_lists``: where each term is listed in ``recognizers/special_terms.yaml``
(``HEALTH_DATA terms (nl)``), which tells a DPO why the text matched without saying what it says.
A key this module does not know (a plugin's) is treated as source text: its strings are masked.

>>> public({'terms': ['depressie'], 'rule': 'salutation', 'match': 'term'}, 'HEALTH_DATA', False)
{'term_lists': ['HEALTH_DATA terms (nl)'], 'rule': 'salutation', 'match': 'term'}
>>> public({'context': 'rrn', 'note': 'Jan Peeters'}, 'PERSON', False)
{'context': 'rrn', 'note': '*** *******'}
"""

from __future__ import annotations

import re
from functools import cache
from functools import lru_cache
from typing import Any

from gdprscan.recognizers.masking import mask

#: Keys whose values never come from the scanned text (see the audit in docs/reports.md).
SAFE_KEYS = frozenset(
    {
        'rule',  # every recogniser: a rule name
        'match',  # full profile: how a special term matched (term, label, cue, column, icd10)
        'link',  # about_person: the entity or kind of the link to a person
        'masked',  # about_person: the link's value, already masked
        'context',  # engine, person, date_of_birth: a word of our CONTEXT lists (or the header's)
        'counter_context',  # engine: a word of our counter-context lists
        'cue',  # special: a word of the cue lists of special_terms.yaml
        'postcode',  # location: a boolean
        'unpadded',  # national/BIS number stored without its leading zero: a boolean
        'official_form',  # national/BIS number written as the register does (85.07.30-033.28): a boolean
        'column',  # column rules: the column's header
        'by',  # column classifier: 'name', 'data' or 'both'
        'share',
        'level',
        'sampled',
        'sampling',
        'values',
        'checked',
        'cells',
        'read',
        'binary_values',
    }
)
#: Keys that hold special-category words of the source, and the key that replaces them.
TERMS, TERM_LISTS = 'terms', 'term_lists'
#: The lists of special_terms.yaml a term can come from, preferred first for the rule that matched it.
_KINDS = ('terms', 'labels', 'cued', 'cased')
_PREFERRED = {
    'term': ('terms',),
    'label': ('labels',),
    'cue': ('cued', 'cased'),
    'column': ('cued', 'cased', 'terms'),
}
_NOT_ALNUM = re.compile(r'[\W_]+')


def public(evidence: dict[str, Any], entity: str, show_values: bool) -> dict[str, Any]:
    """``evidence`` as a report may print it: as is with ``show_values``, else without source text."""
    if show_values:
        return dict(evidence)
    out: dict[str, Any] = {}
    for key, value in evidence.items():
        if key == TERMS:
            out[TERM_LISTS] = term_lists(value, entity, _rule(evidence))
        elif key in SAFE_KEYS:
            out[key] = value
        else:
            out[key] = _masked(value, entity)
    return out


def _rule(evidence: dict[str, Any]) -> str:
    """How the terms matched: a linked special-category finding keeps it under 'match'."""
    return str(evidence.get('match') or evidence.get('rule') or 'term')


def term_lists(terms: Any, entity: str, rule: str) -> list[str]:
    """The lists ``terms`` come from, in order, each once (``['HEALTH_DATA terms (nl, fr, en)']``)."""
    if isinstance(terms, str):
        terms = [terms]
    out: list[str] = []
    for term in terms if isinstance(terms, (list, tuple)) else ():
        where = _where(str(term), entity, rule)
        if where not in out:
            out.append(where)
    return out


@lru_cache(maxsize=4096)
def _where(term: str, entity: str, rule: str) -> str:
    if rule == 'icd10':
        return 'ICD-10 cue'
    found = _index().get(entity, {}).get(_key(term), {})
    kinds = [kind for kind in (*_PREFERRED.get(rule, ()), *_KINDS) if found.get(kind)]
    if not kinds:
        return f'{entity} term'
    return f'{entity} {kinds[0]} ({", ".join(found[kinds[0]])})'


def _key(term: str) -> str:
    """A term as matched ('dépression', 'burn out', 'ACV') and as listed compare equal."""
    from gdprscan.recognizers.special import fold

    return _NOT_ALNUM.sub('', fold(term))


@cache
def _index() -> dict[str, dict[str, dict[str, list[str]]]]:
    """entity -> term key -> kind -> languages, from special_terms.yaml (read once, when needed)."""
    from importlib.resources import files

    import yaml

    text = files('gdprscan.recognizers').joinpath('special_terms.yaml').read_text(encoding='utf-8')
    data: dict[str, Any] = yaml.safe_load(text)
    index: dict[str, dict[str, dict[str, list[str]]]] = {}
    for entity, spec in data.items():
        terms = index.setdefault(str(entity), {})
        for kind in _KINDS:
            for lang, words in (spec.get(kind) or {}).items():
                for word in words or ():
                    langs = terms.setdefault(_key(str(word)), {}).setdefault(kind, [])
                    if lang not in langs:
                        langs.append(str(lang))
    return index


def _masked(value: Any, entity: str) -> Any:
    """A value of an unknown key, with every string masked (numbers, booleans and None stay)."""
    if isinstance(value, str):
        return mask(value, entity)
    if isinstance(value, (list, tuple)):
        return [_masked(v, entity) for v in value]
    if isinstance(value, dict):
        return {str(k): _masked(v, entity) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return mask(str(value), entity)
