"""Personal data in file names, masked wherever a report or a message prints the path.

``HR/loon/loonfiche 99.01.01-005.14.txt`` gives a finding located ``{"file_name": true}``; its value
would still be printed in clear inside every ``source`` of that file, on the hook line that lands in
CI logs and on the stderr line of an unreadable file. So, unless ``--show-values``, the CLI calls
:func:`mask_sources` once, after the allowlists (baseline, synthetic data, pragma) and the declared
comparison have used the real paths and before the reporter runs: each value found in a file name
is replaced by its mask in the file-name component (``loonfiche **.**.**-***.14.txt``), in the
findings, the errors, the file TARGETs and the declared section. Folder names are scanned and masked
too (:mod:`gdprscan.scanner.path_names`); two names that mask alike get `` [2]``, `` [3]``: they stay
two sources.
A masked finding keeps the real path in ``clear_source`` for SARIF's keyed fingerprint and URI,
never printed. Workbook sheet names are masked the same way (:func:`mask_sheets`).

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
    """``source`` with each value replaced by its mask in the file name and in the folder names: folder
    names are scanned too (``dossiers/Marie Dubois/CV Marie Dubois.pdf``), and a value found in one
    component must not be printed in clear in another.
    """
    for value, masked in pairs:
        source = source.replace(value, masked)
    return source


def shown(source: str, findings: Iterable[Finding]) -> str:
    """How ``source`` may be printed, given findings of it (the progress bar, before the result)."""
    pairs = name_values(f for f in findings if f.source == source).get(source)
    return mask_name(source, pairs) if pairs else source


def mask_sources(result: ScanResult) -> None:
    """Mask personal data found in file names in every path ``result`` will print (in place)."""
    mask_attachments(result)
    mask_attachments(result, 'member')  # zip members: {'member': name, 'member_name': True}
    mask_sheets(result)
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


def mask_attachments(result: ScanResult, key: str = 'attachment') -> None:
    """Mask values found in e-mail attachment names (``{'attachment': name, 'attachment_name': True}``)
    in the ``attachment`` location of every finding of that message and in its error line
    (``attachment 1 (loonfiche **.**.**-***.28.txt): ...``). A location is changed in place, so every
    section that holds it (the declared comparison's places) prints it masked too.

    >>> f = Finding('mail.eml', {'attachment': 'loon 85.07.30-033.28.txt', 'attachment_name': True},
    ...             'BE_NATIONAL_NUMBER', (), '6', 0.6, 'be_national_number', '85.07.30-033.28')
    >>> result = ScanResult(['mail.eml'], [f], [('mail.eml', 'attachment 2 (loon 85.07.30-033.28.txt): bad')])
    >>> mask_attachments(result)
    >>> f.location['attachment'], result.errors[0][1]
    ('loon **.**.**-***.28.txt', 'attachment 2 (loon **.**.**-***.28.txt): bad')
    """
    pairs: dict[str, list[tuple[str, str]]] = {}
    for f in result.findings:
        if f.location.get(f'{key}_name') and f.value:
            found = pairs.setdefault(f.source, [])
            if (f.value, f.masked) not in found:
                found.append((f.value, f.masked))
    if not pairs:
        return

    def hide(text: str, source: str) -> str:
        for value, masked in sorted(pairs[source], key=lambda p: -len(p[0])):
            text = text.replace(value, masked)
        return text

    for f in result.findings:
        name = f.location.get(key)
        if f.source in pairs and isinstance(name, str):
            f.location[key] = hide(name, f.source)
    result.errors = [(s, hide(reason, s) if s in pairs else reason) for s, reason in result.errors]


def sheet_masks(findings: Iterable[Finding]) -> dict[tuple[str, str], str]:
    """(source, sheet name) -> the name as it may be printed, for each sheet with a value in its name;
    two sheets of a workbook that mask alike get `` [2]``: they stay two sheets.

    >>> f = Finding('t.xlsx', {'sheet': 'Jan 85.07.30-033.28', 'sheet_name': True}, 'BE_NATIONAL_NUMBER',
    ...             (), '6', 0.6, 'be_national_number', '85.07.30-033.28')
    >>> sheet_masks([f])
    {('t.xlsx', 'Jan 85.07.30-033.28'): 'Jan **.**.**-***.28'}
    """
    findings = list(findings)
    values: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f in findings:
        sheet = f.location.get('sheet')
        if f.location.get('sheet_name') and isinstance(sheet, str) and f.value:
            pairs = values.setdefault((f.source, sheet), [])
            if (f.value, f.masked) not in pairs:
                pairs.append((f.value, f.masked))
    if not values:
        return {}
    sheets = {(f.source, f.location.get('sheet')) for f in findings}
    taken = {where for where in sheets if where not in values}
    out = {}
    for (source, sheet), pairs in sorted(values.items()):
        masked = sheet
        for value, mask in sorted(pairs, key=lambda p: -len(p[0])):
            masked = masked.replace(value, mask)
        shown_as, n = masked, 1
        while (source, shown_as) in taken:
            n += 1
            shown_as = f'{masked} [{n}]'
        taken.add((source, shown_as))
        out[source, sheet] = shown_as
    return out


def mask_sheets(result: ScanResult) -> None:
    """Mask values found in sheet names (``{'sheet': name, 'sheet_name': True}``) in the ``sheet`` of
    every location of that workbook. A location is changed in place, as :func:`mask_attachments`
    does, so the declared comparison's places print it masked too (a masked name holds ``*``, which
    no sheet name may hold: a location met twice is left as it is the second time)."""
    masks = sheet_masks(result.findings)
    for f in result.findings if masks else ():
        new = masks.get((f.source, f.location.get('sheet')))  # type: ignore[arg-type]
        if new is not None:
            f.location['sheet'] = new


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
