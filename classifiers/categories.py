"""GDPR categories and articles of entities, from the data file ``categories.yaml``.

The mapping is data, not code, so a DPO can read and review it. Unknown entities
(a third-party recogniser's) fall back to ``identification`` under article 6
unless the plugin's entity is listed in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

ARTICLE_ORDER = {'6': 0, '9': 1, '10': 2}
SPECIAL_ARTICLES = ('9', '10')


@dataclass(frozen=True)
class Category:
    id: str
    article: str
    labels: dict[str, str]
    group_s: tuple[int, ...]
    liantis: str | None
    partena: str | None

    def label(self, lang: str = 'en') -> str:
        return self.labels.get(lang) or self.labels['en']


@cache
def _data() -> dict[str, Any]:
    text = files('gdprscan.classifiers').joinpath('categories.yaml').read_text(encoding='utf-8')
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def categories() -> dict[str, Category]:
    """All categories by id, in the order of the data file."""
    out = {}
    for cid, c in _data()['categories'].items():
        out[cid] = Category(
            id=cid,
            article=str(c['article']),
            labels=dict(c['labels']),
            group_s=tuple(c.get('group_s', ())),
            liantis=c.get('liantis'),
            partena=c.get('partena'),
        )
    return out


def entity_categories(entity: str) -> tuple[str, ...]:
    """Category ids of ``entity``."""
    return tuple(_data()['entities'].get(entity, ('identification',)))


def article_of(category_ids: tuple[str, ...] | list[str]) -> str:
    """The strictest article among ``category_ids`` ('10' > '9' > '6')."""
    cats = categories()
    arts = [cats[c].article for c in category_ids if c in cats] or ['6']
    return max(arts, key=ARTICLE_ORDER.__getitem__)


@cache
def classify(entity: str) -> tuple[tuple[str, ...], str]:
    """(category ids, article) of ``entity``."""
    ids = entity_categories(entity)
    return ids, article_of(ids)


def is_special(entity: str) -> bool:
    """True when ``entity`` falls under article 9 or 10."""
    return classify(entity)[1] in SPECIAL_ARTICLES


def known_entities() -> tuple[str, ...]:
    return tuple(_data()['entities'])


@cache
def special_entities() -> frozenset[str]:
    """Entities that fall under article 9 or 10 (health, union, criminal, ...)."""
    return frozenset(e for e in known_entities() if is_special(e))
