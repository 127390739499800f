"""Recognisers: one module per entity, found by name.

A recogniser is a module (or any object) with the names checked by
:class:`gdprscan.recognizers.base.Recognizer`. The built-ins are listed per
profile in ``PROFILES``; third parties add theirs through the ``gdprscan.recognizers``
entry-point group or a YAML file of pattern recognisers (:mod:`.yaml_patterns`).
The engine runs them through :mod:`.prefilter`; :mod:`.presidio` wraps them for Presidio.
Modules are imported on first use, so the identifier profile never pays for the
NLP ones.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable

from gdprscan.recognizers.base import Recognizer
from gdprscan.recognizers.base import RecognizerError
from gdprscan.recognizers.base import check_recognizer

# Profile "identifiers": checksum-validated identifiers and contact data; cheap,
# no models, the pre-commit default.
IDENTIFIERS = (
    'be_national_number',
    'be_bis_number',
    'be_id_card_number',
    'be_enterprise_number',
    'iban',
    'email',
    'phone',
    'credit_card',
    'ip_address',
)
# Profile "full" adds names, addresses, birth dates and the special categories.
FULL_ONLY: tuple[str, ...] = ()

PROFILES = {'identifiers': IDENTIFIERS, 'full': IDENTIFIERS + FULL_ONLY}

_cache: dict[str, Recognizer] = {}


def builtin(name: str) -> Recognizer:
    """The built-in recogniser module ``name``, imported once."""
    if name not in _cache:
        module = importlib.import_module(f'gdprscan.recognizers.{name}')
        _cache[name] = check_recognizer(module, name)
    return _cache[name]


def plugins() -> list[Recognizer]:
    """Recognisers registered by installed packages under ``gdprscan.recognizers``.

    An entry point names a module or object with the recogniser names (``pkg.mod`` or
    ``pkg.mod:OBJ``). One that cannot be imported or lacks a name raises
    :class:`RecognizerError` (a ``ValueError``) with one line naming the plugin, so the
    CLI exits with code 2 instead of a traceback.
    """
    key = tuple(sys.path)
    if key not in _plugin_cache:
        _plugin_cache[key] = _discover()
    return list(_plugin_cache[key])


#: Plugins found per ``sys.path``: scanning every installed distribution takes 30-100 ms, and worker
#: processes (forked after the first engine) inherit the result.
_plugin_cache: dict[tuple[str, ...], list[Recognizer]] = {}


def _discover() -> list[Recognizer]:
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group='gdprscan.recognizers'):
        try:
            obj = ep.load()
        except Exception as e:  # any import-time failure of third-party code
            raise RecognizerError(
                f'recogniser plugin {ep.name!r} ({ep.value}) cannot be loaded: {type(e).__name__}: {e}'
            ) from None
        found.append(check_recognizer(obj, f'plugin {ep.name} ({ep.value})'))
    return found


def load(profile: str = 'identifiers', entities: Iterable[str] | None = None) -> list[Recognizer]:
    """Recognisers of ``profile`` plus plugins, optionally restricted to ``entities``."""
    if profile not in PROFILES:
        raise ValueError(f'unknown profile {profile!r} (choose from {", ".join(PROFILES)})')
    recs = [builtin(name) for name in PROFILES[profile]] + plugins()
    if entities is not None:
        wanted = {e.upper() for e in entities}
        recs = [r for r in recs if r.ENTITY in wanted]
    return recs
