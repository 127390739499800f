"""Pattern recognisers from a YAML file: new identifiers without writing Python.

Why: a DPO or a team adds a national number of another country, a staff number
or a customer id with a regex, an existing checksum and context words, in a file
kept next to the scan configuration (``gdprscan scan --recognizers FILE``).

Format (a list under ``recognizers:``, or a bare list)::

    recognizers:
      - entity: NL_BSN                  # required, upper case
        name: nl_bsn                    # optional, default: the entity in lower case
        patterns:                       # required: one or more regexes (Python syntax)
          - regex: '(?<!\\d)\\d{9}(?!\\d)'
            score: 0.5                  # optional, default: the recogniser's score
        validator: stdnum.nl.bsn        # optional: luhn, iban, mod97, none, or a stdnum module
        score: 0.5                      # optional, default 0.5
        ignore_case: false              # optional
        context:                        # optional: words per language (nl, fr, en)
          nl: [bsn, burgerservicenummer]
          en: [citizen service number]

A validator gets the match without spaces, dots, dashes and slashes; a failing
match is dropped. ``mod97`` is ISO 7064 mod 97-10 (as in IBAN); a ``stdnum.*``
module contributes its ``is_valid``. Scores follow the built-ins: medium alone,
0.95 with a context word before the match or in the column header.

A bad file raises :class:`ValueError` with one line (``FILE: recognizers[0]: ...``),
which the CLI turns into exit code 2.

>>> rec = from_dict({'entity': 'STAFF_ID', 'patterns': [{'regex': 'EMP-\\\\d{6}'}]}, 'x')
>>> [(m.entity, m.span, m.score) for m in rec.find('badge EMP-004211')]
[('STAFF_ID', (6, 16), 0.5)]
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gdprscan.recognizers.base import LANGUAGES
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Recognizer
from gdprscan.recognizers.base import normalise

DEFAULT_SCORE = 0.5
_ENTITY = re.compile(r'[A-Z][A-Z0-9_]*')


def _builtin_validators() -> dict[str, Callable[[str], bool]]:
    from stdnum import iban
    from stdnum import luhn
    from stdnum.iso7064 import mod_97_10

    return {'luhn': luhn.is_valid, 'iban': iban.is_valid, 'mod97': mod_97_10.is_valid}


class PatternRecognizer:
    """A recogniser made of regexes, an optional validator, a score and context words."""

    def __init__(
        self,
        entity: str,
        name: str,
        patterns: list[tuple[re.Pattern[str], float]],
        validator: Callable[[str], bool] | None,
        score: float,
        context: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.ENTITY = entity
        self.SCORE = score
        self.CONTEXT: Mapping[str, tuple[str, ...]] = dict(context)
        self.__name__ = name
        self.patterns = patterns
        self.validator = validator

    def find(self, text: str) -> Iterator[Match]:
        for pattern, score in self.patterns:
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                if self.validator is None or self.validator(normalise(m.group(0))):
                    yield Match(self.ENTITY, m.start(), m.end(), score, self.__name__)

    def __repr__(self) -> str:
        return f'<PatternRecognizer {self.__name__} ({self.ENTITY})>'


def _validator(name: Any, where: str) -> Callable[[str], bool] | None:
    if name is None or name == 'none':
        return None
    if not isinstance(name, str):
        raise ValueError(f'{where}: validator must be a name')
    builtin = _builtin_validators()
    if name in builtin:
        return builtin[name]
    if not re.fullmatch(r'stdnum(\.[a-z_][a-z0-9_]*)+', name):
        raise ValueError(f'{where}: unknown validator {name!r} (luhn, iban, mod97, none or a stdnum module)')
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ValueError(f'{where}: validator module {name!r} not found') from None
    is_valid = getattr(module, 'is_valid', None)
    if not callable(is_valid):
        raise ValueError(f'{where}: {name!r} has no is_valid()')
    return is_valid  # type: ignore[no-any-return]


def _score(value: Any, where: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f'{where}: score must be a number from 0 to 1')
    return float(value)


def _context(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f'{where}: context must map a language (nl, fr, en) to a list of words')
    out = {}
    for lang, words in value.items():
        if lang not in LANGUAGES:
            raise ValueError(f'{where}: context language {lang!r} is not one of {", ".join(LANGUAGES)}')
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f'{where}: context.{lang} must be a list of words')
        out[lang] = tuple(w.strip().lower() for w in words)
    return out


def from_dict(spec: Any, where: str) -> Recognizer:
    """One recogniser from its YAML mapping; ``where`` prefixes error messages."""
    if not isinstance(spec, dict):
        raise ValueError(f'{where}: expected a mapping with entity and patterns')
    unknown = set(spec) - {'entity', 'name', 'patterns', 'validator', 'score', 'context', 'ignore_case'}
    if unknown:
        raise ValueError(f'{where}: unknown key(s) {", ".join(sorted(map(str, unknown)))}')
    entity = spec.get('entity')
    if not isinstance(entity, str) or not _ENTITY.fullmatch(entity):
        raise ValueError(f'{where}: entity must be an upper-case name such as NL_BSN')
    score = _score(spec.get('score'), where, DEFAULT_SCORE)
    flags = re.IGNORECASE if spec.get('ignore_case') else 0
    raw = spec.get('patterns')
    if not isinstance(raw, list) or not raw:
        raise ValueError(f'{where}: patterns must be a non-empty list')
    patterns = []
    for i, p in enumerate(raw):
        here = f'{where}: patterns[{i}]'
        if isinstance(p, str):
            p = {'regex': p}
        if not isinstance(p, dict) or not isinstance(p.get('regex'), str):
            raise ValueError(f'{here}: needs a regex')
        try:
            compiled = re.compile(p['regex'], flags)
        except re.error as e:
            raise ValueError(f'{here}: bad regex ({e})') from None
        patterns.append((compiled, _score(p.get('score'), here, score)))
    name = spec.get('name') or entity.lower()
    if not isinstance(name, str):
        raise ValueError(f'{where}: name must be text')
    return PatternRecognizer(
        entity,
        name,
        patterns,
        _validator(spec.get('validator'), where),
        score,
        _context(spec.get('context'), where),
    )


def load_file(path: str | Path) -> list[Recognizer]:
    """The recognisers of a YAML file; :class:`ValueError` (one line) when it is unreadable or wrong."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding='utf-8'))
    except OSError as e:
        raise ValueError(f'{path}: cannot read recogniser file ({e.strerror or type(e).__name__})') from None
    except UnicodeDecodeError:
        raise ValueError(f'{path}: recogniser file is not UTF-8') from None
    except yaml.YAMLError as e:
        mark = getattr(e, 'problem_mark', None)
        line = f' at line {mark.line + 1}' if mark is not None else ''
        raise ValueError(f'{path}: not valid YAML{line}') from None
    if isinstance(data, dict) and set(data) == {'recognizers'}:
        data = data['recognizers']
    if not isinstance(data, list) or not data:
        raise ValueError(f'{path}: expected a non-empty list under "recognizers:"')
    return [from_dict(spec, f'{path}: recognizers[{i}]') for i, spec in enumerate(data)]
