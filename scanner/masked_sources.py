"""Personal data in file names, masked wherever a report or a message prints the path.

``HR/loon/loonfiche 99.01.01-005.14.txt`` gives a finding located ``{"file_name": true}``; its value
would still be printed in clear inside every ``source`` of that file, on the hook line that lands in
CI logs and on the stderr line of an unreadable file. So, unless ``--show-values``, the CLI calls
:func:`mask_sources` once, after the allowlists (baseline, synthetic data, pragma) and the declared
comparison have used the real paths and before the reporter runs: each value found in a file name
is replaced by its mask in the file-name component (``loonfiche **.**.**-***.14.txt``), in the
findings, the errors, the file TARGETs and the declared section. Folders keep their names (their
names are not scanned); two names that mask alike get `` [2]``, `` [3]``: they stay two sources.
A masked finding keeps the real path in ``clear_source`` for SARIF's keyed fingerprint and URI,
never printed.

>>> f = Finding('HR/loonfiche 85.07.30-033.28.txt', {'file_name': True}, 'BE_NATIONAL_NUMBER', (),
...             '6', 0.6, 'be_national_number', '85.07.30-033.28')
>>> shown('HR/loonfiche 85.07.30-033.28.txt', [f])
'HR/loonfiche **.**.**-***.28.txt'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult


def name_values(findings: Iterable[Finding]) -> dict[str, list[tuple[str, str]]]:
    """(value, masked) of the file-name findings of each real source path, longest value first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for f in findings:
        if f.location.get('file_name') and f.value:
            pairs = out.setdefault(f.clear_source or f.source, [])
            if (f.value, f.masked) not in pairs:
                pairs.append((f.value, f.masked))
    for pairs in out.values():
        pairs.sort(key=lambda p: -len(p[0]))
    return out


def mask_name(source: str, pairs: Iterable[tuple[str, str]]) -> str:
    """``source`` with each value replaced by its mask in the file-name component.

    A value not in that component (a name the path does not end with) is masked wherever it occurs:
    it must not be printed either way.
    """
    head, sep, name = source.rpartition('/')
    for value, masked in pairs:
        if value in name:
            name = name.replace(value, masked)
        else:
            head = head.replace(value, masked)
    return head + sep + name


def shown(source: str, findings: Iterable[Finding]) -> str:
    """How ``source`` may be printed, given findings of it (the progress bar, before the result)."""
    pairs = name_values(f for f in findings if f.source == source).get(source)
    return mask_name(source, pairs) if pairs else source


def mask_sources(result: ScanResult) -> None:
    """Mask personal data found in file names in every path ``result`` will print (in place)."""
    masked = {source: mask_name(source, pairs) for source, pairs in name_values(result.findings).items()}
    masked = _apart({source: new for source, new in masked.items() if new != source}, result)
    if not masked:
        return
    result.findings = [
        replace(f, source=masked[f.source], clear_source=f.source) if f.source in masked else f
        for f in result.findings
    ]
    result.errors = [(masked.get(source, source), reason) for source, reason in result.errors]
    result.targets = [masked.get(target, target) for target in result.targets]
    declared = result.extra.get('declared')
    if isinstance(declared, dict):
        _mask_declared(declared, masked)


def _apart(masked: dict[str, str], result: ScanResult) -> dict[str, str]:
    """Two files whose names differ only in the masked part stay two sources: ``name [2]``."""
    taken = {f.source for f in result.findings if f.source not in masked}
    taken |= {source for source, _ in result.errors if source not in masked}
    out = {}
    for source in sorted(masked):
        shown_as, n = masked[source], 1
        while shown_as in taken:
            n += 1
            shown_as = f'{masked[source]} [{n}]'
        taken.add(shown_as)
        out[source] = shown_as
    return out


def _mask_declared(declared: dict[str, Any], masked: dict[str, str]) -> None:
    """The places listed under each undeclared category (``scanner.declared.compare``'s shape)."""
    for entry in declared.get('undeclared', ()):
        for where in entry.get('where', ()):
            where['source'] = masked.get(where['source'], where['source'])
        if isinstance(entry.get('by_source'), dict):
            entry['by_source'] = {masked.get(s, s): n for s, n in entry['by_source'].items()}
