"""Digit clusters with enough digits or dots, found by Hyperscan when it is installed.

Why: the prefilter (:mod:`.prefilter`) runs recognisers only around *digit clusters*
(:data:`CLUSTER`), but an HR file holds far more clusters than identifiers: every
date (``23/01/2014``), time and amount is one. With Python's ``re`` each cluster costs a
match object and a digit count in Python, about 1.7 us; on a CSV export with a date on
every row that was a third of the scan. Hyperscan (Intel's regex engine, wheels on PyPI)
finds only the clusters that can hold an identifier, at 300+ MB/s, and calls back once per
such cluster; dates and amounts never reach Python.

The result is exactly :func:`clusters_re`'s, which stays the fallback on machines without
Hyperscan (other CPU architectures) and is what the tests compare against:

- Hyperscan has no look-behind, so a pattern starts at the character before a maximal run of
  cluster characters (or at the start of the text) and reaches the run's ``min_digits``-th
  digit (or ``min_dots``-th dot) counted from its first ``[0-9(]``. That reports each run at
  most once per pattern, and every run that :func:`clusters_re` keeps (a looser count when a
  run starts with '(' is filtered below);
- the cluster itself is then :data:`CLUSTER` matched from there, and its digits and dots
  are counted as before.

The text is handed to Hyperscan as Latin-1 bytes with every other character replaced by
'?', so byte offsets are character offsets; clusters are ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

CLUSTER = re.compile(r'[0-9(][0-9 ./()\-]{5,}[0-9]')  # ASCII classes: faster than \d in str patterns
NOT_DIGITS = str.maketrans('', '', ' ./()-')
#: Characters of a cluster, and those that may lead a run before its first ``[0-9(]``.
_RUN_START = rb'(?:^|[^0-9 ./()\-])[ ./)\-]*[0-9(]'
#: A threshold no recogniser asks for (the prefilter's "no recogniser needs dots").
NONE = 1 << 20

#: Below this many characters the re path is used: compiling the Hyperscan database costs about 30 ms,
#: more than ``re`` spends on a small file, and a pre-commit hook scans a few small files.
MIN_CHARS = 64 * 1024
#: The module once imported (lazily, for the same reason); None when it cannot be.
hyperscan: Any = False


def available() -> bool:
    """True when Hyperscan is installed and works on this CPU."""
    return _database(9, 3) is not None


def clusters(text: str, min_digits: int, min_dots: int) -> list[re.Match[str]]:
    """Clusters of ``text`` with at least ``min_digits`` digits or ``min_dots`` dots, in order."""
    db = _database(min_digits, min_dots) if len(text) >= MIN_CHARS else None
    if db is None:
        return clusters_re(text, min_digits, min_dots)
    starts: list[int] = []
    add = starts.append

    def found(_id: int, start: int, _end: int, _flags: int, _ctx: Any) -> None:
        add(start)

    db.scan(text.encode('latin-1', 'replace'), match_event_handler=found)
    out: list[re.Match[str]] = []
    done = 0
    for pos in sorted(starts):
        if pos < done:
            continue  # the digit and the dot pattern found the same run
        m = CLUSTER.search(text, pos)
        if m is None:
            continue
        done = m.end()
        g = m.group()
        if len(g.translate(NOT_DIGITS)) >= min_digits or g.count('.') >= min_dots:
            out.append(m)
    return out


def clusters_re(text: str, min_digits: int, min_dots: int) -> list[re.Match[str]]:
    """:func:`clusters` with Python's ``re`` alone: every cluster, then its digits and dots counted."""
    return [
        m
        for m in CLUSTER.finditer(text)
        if len((g := m.group()).translate(NOT_DIGITS)) >= min_digits or g.count('.') >= min_dots
    ]


@lru_cache(maxsize=16)
def _database(min_digits: int, min_dots: int) -> Any:
    """A compiled Hyperscan database for these thresholds, or None without a working Hyperscan."""
    global hyperscan
    if hyperscan is False:
        module: Any = None
        try:
            import hyperscan as module
        except ImportError:  # not on this platform: the re path gives the same clusters
            pass
        hyperscan = module
    if hyperscan is None:
        return None
    patterns = []
    if min_digits < NONE:
        patterns.append(_RUN_START + rb'(?:[ ./()\-]*[0-9]){%d}' % max(0, min_digits - 1))
    if min_dots < NONE:
        patterns.append(_RUN_START + rb'(?:[0-9 /()\-]*\.){%d}' % max(1, min_dots))
    if not patterns:
        return None
    try:
        db = hyperscan.Database()
        db.compile(
            expressions=patterns,
            ids=list(range(len(patterns))),
            elements=len(patterns),
            flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(patterns),
        )
    except Exception:  # no SSSE3, or a library without the features asked for: fall back to re
        return None
    return db


def literal_finder(literal: str) -> Callable[[str], bool]:
    """``contains(text)``: ``literal`` (ASCII) occurs in ``text`` in any ASCII letter case.

    A case-insensitive ``re`` search cannot skip ahead on a literal and ran at 150 MB/s; the
    allow pragma is looked for in every file.
    """
    folded = literal.lower().encode('ascii')

    lowered = literal.lower()

    def contains(text: str) -> bool:
        if text.isascii():  # O(1): a flag of the string; lower() of ASCII text is a fast C loop
            return lowered in text.lower()
        return folded in text.encode('utf-8', 'surrogatepass').lower()

    return contains
