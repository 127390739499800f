"""Configuration from ``[tool.gdprscan]`` in ``pyproject.toml`` (or a file given by ``--config``).

Keys (all optional): ``include``, ``exclude`` (globs), ``entities`` (list),
``profile`` ("identifiers" or "full"), ``min_score``, ``fail_on``, ``lang``,
``baseline`` (path), ``workers``, ``max_file_size`` (bytes), ``timeout``
(seconds), ``recognizers`` (YAML files of pattern recognisers), ``synthetic``
(a table, see docs/synthetic-data.md) and ``format`` (the default report
format). Command-line options win over the file. An unknown key or a wrong type
is a configuration error (exit 2), never silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEYS: dict[str, type | tuple[type, ...]] = {
    'include': list,
    'exclude': list,
    'entities': list,
    'profile': str,
    'min_score': (int, float),
    'fail_on': str,
    'lang': str,
    'baseline': str,
    'workers': int,
    'max_file_size': int,
    'timeout': (int, float),
    'recognizers': list,
    'synthetic': dict,
    'format': str,
}


LISTS_OF_STRINGS = ('include', 'exclude', 'entities', 'recognizers')
CHOICES = {
    'profile': ('identifiers', 'full'),
    'lang': ('auto', 'nl', 'fr', 'en'),
    'format': ('table', 'jsonl', 'json', 'csv', 'sarif', 'html'),
}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Config:
    values: dict[str, Any]
    path: Path | None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.gdprscan]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / 'pyproject.toml'
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding='utf-8')
                data = tomllib.loads(text)
            except (OSError, UnicodeDecodeError):
                return None
            except tomllib.TOMLDecodeError:  # ours if it mentions the table: load() reports the error
                return candidate if 'tool.gdprscan' in text else None
            return candidate if 'gdprscan' in data.get('tool', {}) else None
    return None


def load(path: str | None = None, start: Path | None = None) -> Config:
    """The configuration at ``path``, or found from ``start`` (default: the working directory)."""
    if path is None:
        found = find_pyproject(start or Path.cwd())
        if found is None:
            return Config({}, None)
        file = found
    else:
        file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding='utf-8'))
    except OSError as e:
        raise ConfigError(f'{file}: {e.strerror}') from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f'{file}: not valid TOML ({e})') from e
    table = data.get('tool', {}).get('gdprscan', data if path and file.suffix != '.toml' else None)
    if table is None:
        table = data.get('tool', {}).get('gdprscan', {}) if file.name == 'pyproject.toml' else data
    return Config(validate(table, file), file)


def validate(table: dict[str, Any], file: Path) -> dict[str, Any]:
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f'{file}: unknown key {key!r} in [tool.gdprscan]')
        if not isinstance(value, KEYS[key]) or (isinstance(value, bool) and key != 'synthetic'):
            raise ConfigError(f'{file}: {key!r} has the wrong type ({type(value).__name__})')
        if key in LISTS_OF_STRINGS and isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f'{file}: {key!r} must be a list of strings')
        if key in CHOICES and value not in CHOICES[key]:
            raise ConfigError(f'{file}: {key!r} must be one of {", ".join(CHOICES[key])}')
    if 'synthetic' in table:
        from gdprscan.scanner.synthetic import SyntheticPolicyError
        from gdprscan.scanner.synthetic import validate as validate_synthetic

        try:
            validate_synthetic(table['synthetic'])
        except SyntheticPolicyError as e:
            raise ConfigError(f'{file}: {e}') from None
    return dict(table)
