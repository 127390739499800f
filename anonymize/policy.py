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

Entity names must exist (built-in, installed plugins, or custom recognisers whose files are given):
``IBAN_COD`` is a :class:`PolicyError`, not a rule that never applies. :func:`unmatched_rules` lists
the ``[table.]column`` rules without glob characters that name no column of SOURCE, as warnings.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from collections.abc import Sequence
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


class PolicyWarning(UserWarning):
    """A policy rule that matches nothing in the data it was given (the API warns with it)."""


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


def known_entities(recognizer_files: Sequence[str | Path] = ()) -> frozenset[str]:
    """Entity names a policy may use: the built-in ones, installed plugins' and those of the custom
    pattern recognisers in ``recognizer_files`` (as ``gdprscan scan --entities`` accepts them)."""
    from gdprscan import recognizers
    from gdprscan.classifiers import categories

    known = set(categories.known_entities())
    try:
        known |= {r.ENTITY for r in recognizers.plugins()}
    except ValueError:  # a broken plugin: the scan reports it, the policy check needs the others
        pass
    if recognizer_files:
        from gdprscan.recognizers import yaml_patterns

        for path in recognizer_files:
            try:
                known |= {r.ENTITY for r in yaml_patterns.load_file(str(path))}
            except ValueError as e:
                raise PolicyError(str(e)) from None
    return frozenset(known)


def _configured_entities() -> frozenset[str]:
    """Entities of the custom recognisers listed in the project's configuration (``[tool.gdprscan]
    recognizers``), which ``gdprscan anonymize`` uses even when no file is passed to :func:`load`."""
    from gdprscan.scanner import config as config_mod

    try:
        files = config_mod.load().get('recognizers', [])
        return known_entities(files) if files else frozenset()
    except (ValueError, OSError):  # a bad configuration or recogniser file: the command reports it
        return frozenset()


def _entity(name: Any, where: str, known: frozenset[str]) -> str:
    """An entity name of the policy, upper case; a typo (``IBAN_COD``) is an error, not a rule that
    silently never applies."""
    entity = str(name).upper()
    if entity not in known:
        known = known | _configured_entities()
    if entity not in known:
        import difflib

        close = difflib.get_close_matches(entity, sorted(known), n=1)
        hint = f'; did you mean {close[0]}?' if close else '; see gdprscan categories'
        raise PolicyError(f'{where}: unknown entity {entity}{hint}')
    return entity


def from_dict(data: Any, recognizer_files: Sequence[str | Path] = ()) -> Policy:
    """A :class:`Policy` from parsed YAML; raises :class:`PolicyError` on a bad key or value (an
    unknown entity name included; custom recognisers' entities count when their files are given)."""
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
    raw_entities = _mapping(data, 'entities')
    raw_columns = _mapping(data, 'columns')
    named = bool(raw_entities) or any(isinstance(r, dict) and r.get('entity') for r in raw_columns.values())
    known = known_entities(recognizer_files) if named else frozenset()
    entities = {}
    for entity, action in raw_entities.items():
        entities[_entity(entity, f'entities.{entity}', known)] = _action(
            'generalise' if str(action).lower() == 'generalize' else action, f'entities.{entity}', False
        )
    columns = {}
    for name, rule in raw_columns.items():
        if isinstance(rule, dict):
            action = _action(rule.get('action', 'replace'), f'columns.{name}', True)
            entity = rule.get('entity')
            columns[str(name)] = ColumnRule(
                action, _entity(entity, f'columns.{name}.entity', known) if entity else None
            )
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


def _mapping(data: dict[Any, Any], key: str) -> dict[Any, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise PolicyError(f'{key} must be a mapping (name: action)')
    return value


def unmatched_rules(
    policy: Policy, columns: Iterable[tuple[str | None, str]], where: str = 'SOURCE'
) -> list[str]:
    """One warning line per ``columns``/``quasi_identifiers`` rule of ``policy`` that names a column
    exactly (no glob characters) and matches none of the SOURCE ``columns`` ((table or None, column)
    pairs): a typo (``werknemer.opmerkingen``) would otherwise leave the column as the classifier
    decides, without a word. A warning, not an error: one policy often serves several sources.

    >>> pol = from_dict({'columns': {'werknemer.opmerkingen': 'drop', '*.notes': 'drop', 'salaris': 'keep'}})
    >>> unmatched_rules(pol, [('werknemer', 'opmerking'), ('werknemer', 'salaris')])
    ['policy: columns.werknemer.opmerkingen matches no column of SOURCE (a typo?)']
    """
    pairs = list(columns)
    out = []
    for section, names in (('columns', policy.columns), ('quasi_identifiers', policy.quasi_identifiers)):
        for name in names:
            if any(c in name for c in '*?['):
                continue
            if not any(_names_column(name, table, column) for table, column in pairs):
                out.append(f'policy: {section}.{name} matches no column of {where} (a typo?)')
    return out


def _names_column(name: str, table: str | None, column: str) -> bool:
    """Whether rule ``name`` (``column`` or ``table.column``) names this column (as
    :meth:`Policy.column_rule` matches: exact, or case-insensitively)."""
    candidates = (f'{table}.{column}', column) if table else (column,)
    return any(name == c or name.lower() == c.lower() for c in candidates)


def load(path: str | Path | None, recognizer_files: Sequence[str | Path] = ()) -> Policy:
    """The policy in ``path`` (YAML), or the default policy for None. ``recognizer_files``: custom
    pattern recognisers whose entity names the policy may use."""
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
    return from_dict(data, recognizer_files)
