"""Personal data in file and folder names: ``dossiers/Marie Dubois/ziekmelding Jan Peeters.docx``.

HR shares are organised by person (``Personeelsdossier <naam>/``, ``CV Jan Peeters.pdf``,
``Loonfiche Peeters Jan 2024-03.pdf``), and a path travels into every listing, report, SARIF URI,
CI log and backup. So every component of a source's path, folders included, is scanned like a short
text and each value found becomes a finding located ``{"file_name": true}`` (plus ``"folder": true``
for a folder's name): the report masks it in every printed path
(:mod:`gdprscan.scanner.masked_sources`), and ``gdprscan anonymize`` renames it in the copy with the
same surrogates as the contents (:mod:`gdprscan.anonymize.files`), both from these same findings.

A file name is not a sentence: the person recogniser drops a name after a number (``3 Mei``) and a
capitalised document word joins the name (``Loonfiche Peeters Jan``). On the full profile each name
is therefore also read as *words*: suffix, digits with their separators and ``_`` blanked out (same
length, so offsets hold), and once more with a capitalised first word lower-cased. A value found in a
reading is mapped back to the characters of the real name.

>>> _words('loonfiche 85.07.30-033.28 Jan_Peeters.txt', is_file=True)
'loonfiche                 Jan Peeters    '
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import TextUnit

#: Digits with the separators of dates and numbers inside them, and underscores: not words of a name.
_NOT_WORDS = re.compile(r'\d[\d.,:/-]*|_+')
_SUFFIX = re.compile(r'\.[A-Za-z0-9]{1,10}\Z')
_FIRST_WORD = re.compile(r'\s*([A-ZÀ-Þ][a-zß-ÿ]+)(?=\s+\S+\s+\S)')
#: Components cached per engine; a share has far fewer folders than files.
_CACHE_SIZE = 4096


def _words(name: str, is_file: bool) -> str:
    """``name`` with what cannot be part of a person's name blanked out, at the same offsets."""
    if is_file:
        m = _SUFFIX.search(name)
        if m is not None and m.start() > 0:
            name = name[: m.start()] + ' ' * len(m.group())
    return _NOT_WORDS.sub(lambda m: ' ' * len(m.group()), name)


def _readings(name: str, is_file: bool, full: bool) -> list[str]:
    """The texts ``name`` is scanned as (each the same length as ``name``)."""
    out = [name]
    if not full:
        return out
    words = _words(name, is_file)
    if words.strip() and words != name:
        out.append(words)
    m = _FIRST_WORD.match(words)
    if m is not None:
        out.append(words[: m.start(1)] + words[m.start(1)].lower() + words[m.start(1) + 1 :])
    return out


def component_findings(engine: Any, name: str, is_file: bool) -> list[Finding]:
    """Findings in one path component, values as they stand in ``name``; cached per engine."""
    cache: dict[tuple[str, bool], list[Finding]] = engine.__dict__.setdefault('_path_name_cache', {})
    key = (name, is_file)
    if key in cache:
        return cache[key]
    full = engine.stage is not None
    if not full and not any(c.isdigit() or c == '@' for c in name):
        found: list[Finding] = []  # the identifier profile finds nothing without a digit or an @
    else:
        found = _detect(engine, name, is_file, full)
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = found
    return found


def _detect(engine: Any, name: str, is_file: bool, full: bool) -> list[Finding]:
    readings = _readings(name, is_file, full)
    units = [TextUnit(text, {'reading': i}) for i, text in enumerate(readings)]
    best: dict[str, Finding] = {}
    for f in engine.detect(units, '(file name)'):
        i = f.location.get('reading', 0)
        at = readings[i].find(f.value) if f.value else -1
        if at < 0:
            continue
        value = name[at : at + len(f.value)].strip()
        if value and (value not in best or f.score > best[value].score):
            best[value] = replace(f, value=value)
    # a reading's shorter hit inside a longer one ('Peeters' in 'Jan Peeters') is the same name
    return [f for v, f in best.items() if not any(v != w and v in w for w in best)]


def name_findings(engine: Any, source: str) -> list[Finding]:
    """Findings in the file and folder names of ``source`` (the path as reports print it)."""
    parts = [p for p in source.split('/') if p not in ('', '.', '..')]
    out = []
    for n, part in enumerate(parts):
        is_file = n == len(parts) - 1
        where: dict[str, Any] = {'file_name': True} if is_file else {'file_name': True, 'folder': True}
        for f in component_findings(engine, part, is_file):
            out.append(replace(f, source=source, location=dict(where)))
    return out
