"""The anonymisation policy: what happens to each entity and column, and which columns are
quasi-identifiers for k-anonymity. Loaded from YAML (``--policy``); every key is optional.

```yaml
cipher: ff3            # ff3 (FF3-1, default) or feistel (faster, HMAC-BLAKE2b Feistel)
email_domain: keep     # keep the domain, or 'example' (permuted labels + .example)
lang: nl               # language of surrogate names when the text does not tell
entities:              # entity -> action
  IP_ADDRESS: mask
  HEALTH_DATA: generalise
columns:               # [table.]column (globs allowed) -> action, or {action:, entity:}
  employees.notes: redact
  "*.comment": drop
  salary: keep
quasi_identifiers:     # [table.]column -> kind; defaults come from the column classifier
  employees.birth_date: birth_date
  employees.postcode: postcode
k: 5
national_number_keep: year_sex   # or none: also hide birth year and sex in surrogate numbers
```

Actions: ``keep``, ``replace`` (surrogate, the default), ``mask`` (the report mask), ``redact``
(``[ENTITY]``), ``generalise`` (birth date -> year, address -> province, special category ->
the category phrase, others -> mask), ``null`` (empty/NULL), ``drop`` (columns only: the column
is left out of the copy).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from gdprscan.classifiers.categories import special_entities

ACTIONS = ('keep', 'replace', 'mask', 'redact', 'generalise', 'null', 'drop')
QI_KINDS = ('birth_date', 'postcode', 'sex', 'nationality', 'job_title', 'other')
#: The scanner's default ``--min-score``: a copy replaces what a scan with the same settings reports.
MIN_SCORE = 0.5
#: A policy is a short hand-written file; more is a wrong path (a data file, /dev/zero), refused early.
MAX_POLICY_BYTES = 1 << 20


class PolicyError(ValueError):
    """A policy file that cannot be used: one line, says which key."""


@dataclass(frozen=True)
class ColumnRule:
    action: str
    entity: str | None = None


@dataclass(frozen=True)
class Policy:
    cipher: str = 'ff3'
    email_domain: str = 'keep'
    lang: str = 'nl'
    entities: dict[str, str] = field(default_factory=dict)
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    quasi_identifiers: dict[str, str] = field(default_factory=dict)
    k: int = 5
    #: what a surrogate national/BIS number keeps: 'year_sex' or 'none'
    national_number_keep: str = 'year_sex'

    def entity_action(self, entity: str) -> str:
        """What to do with a value of ``entity`` found in text."""
        if entity in self.entities:
            return self.entities[entity]
        return (
            'generalise' if entity in special_entities() else 'replace'
        )  # a special category keeps its category

    def column_rule(self, column: str, table: str | None = None) -> ColumnRule | None:
        """The policy's rule for ``[table.]column``: exact names first, then globs."""
        names = [f'{table}.{column}', column] if table else [column]
        for name in names:
            if name in self.columns:
                return self.columns[name]
        for pattern, rule in self.columns.items():
            if any(fnmatch.fnmatchcase(n.lower(), pattern.lower()) for n in names):
                return rule
        return None

    def quasi_identifier(self, column: str, table: str | None = None) -> str | None:
        names = [f'{table}.{column}', column] if table else [column]
        for name in names:
            if name in self.quasi_identifiers:
                return self.quasi_identifiers[name]
        for pattern, kind in self.quasi_identifiers.items():
            if any(fnmatch.fnmatchcase(n.lower(), pattern.lower()) for n in names):
                return kind
        return None


def _action(value: Any, where: str, allow_drop: bool) -> str:
    if not isinstance(value, str) or value.lower() not in ACTIONS:
        raise PolicyError(f'{where}: action must be one of {", ".join(ACTIONS)}')
    action = value.lower().replace('generalize', 'generalise')
    if action == 'drop' and not allow_drop:
        raise PolicyError(f'{where}: drop applies to columns only')
    return action


def from_dict(data: Any) -> Policy:
    """A :class:`Policy` from parsed YAML; raises :class:`PolicyError` on a bad key or value."""
    if data is None:
        return Policy()
    if not isinstance(data, dict):
        raise PolicyError('the policy must be a mapping')
    unknown = set(data) - {
        'cipher',
        'email_domain',
        'lang',
        'entities',
        'columns',
        'quasi_identifiers',
        'k',
        'national_number_keep',
    }
    if unknown:
        raise PolicyError(f'unknown policy key(s): {", ".join(sorted(map(str, unknown)))}')
    cipher = str(data.get('cipher', 'ff3'))
    if cipher not in ('ff3', 'feistel'):
        raise PolicyError('cipher must be ff3 or feistel')
    email_domain = str(data.get('email_domain', 'keep'))
    if email_domain not in ('keep', 'example'):
        raise PolicyError('email_domain must be keep or example')
    lang = str(data.get('lang', 'nl'))
    if lang not in ('nl', 'fr', 'en'):
        raise PolicyError('lang must be nl, fr or en')
    entities = {}
    for entity, action in (data.get('entities') or {}).items():
        entities[str(entity).upper()] = _action(
            'generalise' if str(action).lower() == 'generalize' else action, f'entities.{entity}', False
        )
    columns = {}
    for name, rule in (data.get('columns') or {}).items():
        if isinstance(rule, dict):
            action = _action(rule.get('action', 'replace'), f'columns.{name}', True)
            entity = rule.get('entity')
            columns[str(name)] = ColumnRule(action, str(entity).upper() if entity else None)
        else:
            columns[str(name)] = ColumnRule(_action(rule, f'columns.{name}', True))
    qis = {}
    raw_qi = data.get('quasi_identifiers') or {}
    if isinstance(raw_qi, list):
        raw_qi = {str(c): 'other' for c in raw_qi}
    for name, kind in raw_qi.items():
        if kind not in QI_KINDS:
            raise PolicyError(f'quasi_identifiers.{name}: kind must be one of {", ".join(QI_KINDS)}')
        qis[str(name)] = str(kind)
    k = data.get('k', 5)
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise PolicyError('k must be a positive integer')
    nn_keep = str(data.get('national_number_keep', 'year_sex'))
    if nn_keep not in ('year_sex', 'none'):
        raise PolicyError('national_number_keep must be year_sex or none')
    return Policy(cipher, email_domain, lang, entities, columns, qis, k, nn_keep)


def load(path: str | Path | None) -> Policy:
    """The policy in ``path`` (YAML), or the default policy for None."""
    if path is None:
        return Policy()
    import yaml

    try:
        with Path(path).open('rb') as f:
            data = f.read(MAX_POLICY_BYTES + 1)
        text = data.decode('utf-8')
    except (OSError, UnicodeDecodeError) as e:
        raise PolicyError(f'cannot read policy {path} ({type(e).__name__})') from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError(f'policy {path} is larger than {MAX_POLICY_BYTES} bytes: not a policy file')
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, 'problem_mark', None)
        where = f' at line {mark.line + 1}' if mark is not None else ''
        raise PolicyError(f'policy {path} is not valid YAML{where}') from None
    return from_dict(data)
