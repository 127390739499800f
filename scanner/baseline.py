"""Baselines: accepted findings, stored as keyed fingerprints, never as values.

A baseline (``.gdprscan-baseline.json``, made by ``gdprscan baseline create``)
lets a team adopt the pre-commit hook on a repository that already holds test
fixtures: what is in it stays allowed, anything new is refused.

Why a keyed fingerprint: a plain or salted hash of a Belgian national number
can be reversed by hashing all ~36 million valid numbers, which takes minutes;
the salt would have to sit next to the hash. An HMAC-SHA256 under a key kept
outside the repository (``GDPRSCAN_KEY`` or the key file, see
:mod:`gdprscan.scanner.fingerprint`) cannot be tested against a guess without
the key. The file also records a key id (an HMAC of a constant) so that a wrong
key is reported as such rather than as "every finding is new".

Stable in git: entries are sorted, there is no timestamp, the JSON is written
with fixed indentation and key order, and the fingerprint covers the entity,
the source path (relative to the working directory) and the value, not the
line, so an edit above a finding does not churn the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from gdprscan.scanner import fingerprint as fp
from gdprscan.scanner import sourcepath
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

DEFAULT_PATH = '.gdprscan-baseline.json'
VERSION = 1
SCHEME = 'hmac-sha256(key, entity, source, normalised value)[:32]'
_SEPARATORS = re.compile(r'[\s.\-/]+')


class BaselineError(ValueError):
    """A baseline that cannot be used: missing, malformed, or no (or the wrong) key."""


def normalise(value: str) -> str:
    """The value without spaces, dots, dashes and slashes, case-folded: one person, one form.

    >>> normalise('85.07.30-033.28') == normalise('85073003328'), normalise('BE71 0961 2345 6769')
    (True, 'be71096123456769')
    """
    return _SEPARATORS.sub('', value).casefold()


def finding_fingerprint(key: bytes, finding: Finding, source: str) -> str:
    """The keyed fingerprint of ``finding`` found in ``source`` (a canonical path)."""
    return fp.fingerprint(key, finding.entity, source, normalise(finding.value))


def key_id(key: bytes) -> str:
    """A short id of the key, so a baseline made with another key is recognised."""
    return fp.fingerprint(key, 'gdprscan-key-id')[:12]


def load_key() -> bytes:
    """The fingerprint key, or a :class:`BaselineError` that says where to put one."""
    try:
        key = fp.load_key()
    except fp.KeyError_ as e:
        raise BaselineError(f'baselines need a fingerprint key: {e}') from None
    assert key is not None
    return key


def entries(key: bytes, findings: Iterable[Finding], targets: list[str]) -> list[dict[str, str]]:
    """Sorted, de-duplicated baseline entries for ``findings``."""
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    canon: dict[str, str] = {}
    for f in findings:
        if f.source not in canon:
            canon[f.source] = sourcepath.canonical(f.source, targets)
        source = canon[f.source]
        entry = {'entity': f.entity, 'fingerprint': finding_fingerprint(key, f, source), 'source': source}
        seen[(source, f.entity, entry['fingerprint'])] = entry
    return [seen[k] for k in sorted(seen)]


def document(key: bytes, items: list[dict[str, str]]) -> dict[str, Any]:
    return {
        'version': VERSION,
        'tool': 'gdprscan',
        'fingerprint': SCHEME,
        'key_id': key_id(key),
        'findings': sorted(items, key=lambda e: (e['source'], e['entity'], e['fingerprint'])),
    }


def dumps(doc: dict[str, Any]) -> str:
    """Deterministic JSON: same findings, same bytes."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + '\n'


def read(path: str | Path) -> dict[str, Any]:
    """The baseline at ``path``, checked; :class:`BaselineError` with a one-line reason otherwise."""
    file = Path(path)
    try:
        doc = json.loads(file.read_text(encoding='utf-8'))
    except FileNotFoundError:
        raise BaselineError(f'{file}: no such baseline (make one with `gdprscan baseline create`)') from None
    except OSError as e:
        raise BaselineError(f'{file}: {e.strerror}') from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BaselineError(f'{file}: not a gdprscan baseline (invalid JSON)') from None
    if (
        not isinstance(doc, dict)
        or doc.get('version') != VERSION
        or not isinstance(doc.get('findings'), list)
    ):
        raise BaselineError(f'{file}: not a gdprscan baseline (version {VERSION} expected)')
    for item in doc['findings']:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ('entity', 'fingerprint')
        ):
            raise BaselineError(f'{file}: malformed entry in "findings"')
    return doc


def check_key(doc: dict[str, Any], key: bytes, path: str | Path) -> None:
    if doc.get('key_id') != key_id(key):
        raise BaselineError(
            f'{path}: made with another fingerprint key; use the team key (GDPRSCAN_KEY or the key file) '
            'or re-create the baseline'
        )


def apply(result: ScanResult, path: str | Path) -> str | None:
    """Mark findings whose fingerprint is in the baseline ``suppressed='baseline'``.

    Digits in the baseline's own hex fingerprints can look like an identifier when
    the hook is given the baseline file itself; findings in it are suppressed too.

    The key is needed only when there is something to compare: a clean commit passes
    without it (a newcomer, a fork's CI without the team secret). Without the right key
    the findings stay as they are and the returned warning says why they were not
    compared; a malformed baseline is a :class:`BaselineError`.
    """
    doc = read(path)
    itself = sourcepath.canonical(str(path), [str(path)])
    canon: dict[str, str] = {}

    def source_of(f: Finding) -> str:
        if f.source not in canon:
            canon[f.source] = sourcepath.canonical(f.source, result.targets)
        return canon[f.source]

    for i, f in enumerate(result.findings):
        if not f.suppressed and source_of(f) == itself:
            result.findings[i] = replace(f, suppressed='baseline')
    if not any(not f.suppressed for f in result.findings):
        return None
    try:
        key = load_key()
    except BaselineError:
        return (
            'findings not compared with this baseline: no fingerprint key. Ask your team for the key the '
            f'baseline was made with ($GDPRSCAN_KEY or {fp.DEFAULT_KEY_FILE})'
        )
    if doc.get('key_id') != key_id(key):
        return (
            'findings not compared with this baseline: it was made with another fingerprint key; use the '
            'team key or re-create the baseline'
        )
    accepted = {(e['entity'], e['fingerprint']) for e in doc['findings']}
    for i, f in enumerate(result.findings):
        if not f.suppressed and (f.entity, finding_fingerprint(key, f, source_of(f))) in accepted:
            result.findings[i] = replace(f, suppressed='baseline')
    return None
