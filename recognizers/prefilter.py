"""Run many recognisers over one batch of text fast: one cheap scan, then small windows.

Why: each recogniser's own regex over a whole 256 KiB batch costs a full pass of
Python's ``re`` (10-80 MB/s when a pattern starts with a look-behind or a class),
so nine of them cap a scan at a few MB/s. Most identifiers are digits, so one
regex finds every *digit cluster* (a digit or '(', at least five of ``0-9 ./()-``,
a digit; ASCII digits only, as identifiers are written); a cluster with too few
digits for any recogniser (dates, times, amounts under a million) costs one
``translate``. A recogniser that declares a
:class:`~gdprscan.recognizers.base.Trigger` runs only on a window around each
cluster that can hold it; the others (e-mail, whose regex starts at a literal
'@', plugins, YAML patterns) run on the whole batch as before.

Results equal running every recogniser on the whole text: ``find`` gets the
window as ``pos``/``endpos`` of the whole text, so look-behinds see the real text
before it; the window reaches ``EDGE`` characters beyond ``after`` and a match
ending in that margin is dropped (its look-aheads saw a cut); a match must
overlap its cluster. A test compares both on a generated share.

>>> from gdprscan.recognizers import load
>>> scan = Prefilter(load('identifiers'))
>>> sorted((m.entity, m.start) for _, m in scan.matches('RRN 85.07.30-033.28, tel 02 555 12 12'))
[('BE_NATIONAL_NUMBER', 4), ('PHONE_NUMBER', 25)]
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any

from gdprscan.recognizers import clusters
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Recognizer
from gdprscan.recognizers.base import Trigger

CLUSTER = clusters.CLUSTER
#: Characters after a window that look-aheads may need (the longest is the national number's
#: "no decimals but .0 to .000": ``.000`` and one more character).
EDGE = 5
_NOT_DIGITS = str.maketrans('', '', ' ./()-')


#: No-break spaces (Word, PDF, text pasted from web banking; French typography's narrow one) and the
#: no-break hyphen: one character each, read as ' ' and '-' so offsets stay those of the real text.
_TYPOGRAPHIC = (('\u00a0', ' '), ('\u202f', ' '), ('\u2007', ' '), ('\u2011', '-'))


def typographic_to_ascii(text: str) -> str:
    """``text`` with no-break spaces and hyphens as plain ones (``BE97\u00a03106...`` is an IBAN)."""
    if text.isascii():  # O(1)
        return text
    for special, plain in _TYPOGRAPHIC:
        if special in text:
            text = text.replace(special, plain)
    return text


class Prefilter:
    """``matches(text)``: (recogniser, match) pairs of every recogniser, windows where it pays."""

    def __init__(self, recs: Sequence[Recognizer]) -> None:
        self.recognizers = list(recs)
        self.triggered: list[tuple[Recognizer, Trigger]] = []
        self.whole: list[Recognizer] = []
        for rec in self.recognizers:
            trigger = getattr(rec, 'TRIGGER', None)
            if isinstance(trigger, Trigger):
                self.triggered.append((rec, trigger))
            else:
                self.whole.append(rec)

    def matches(self, text: str) -> Iterator[tuple[Recognizer, Match]]:
        text = typographic_to_ascii(text)
        for rec in self.whole:
            for m in rec.find(text):
                yield rec, m
        windowed = []
        for rec, trigger in self.triggered:
            if trigger.whole_if is not None and trigger.whole_if(text):
                for m in rec.find(text):
                    yield rec, m
            else:
                windowed.append((rec, trigger))
        if windowed:
            yield from self._windows(text, windowed)

    def _windows(
        self, text: str, windowed: list[tuple[Recognizer, Trigger]]
    ) -> Iterator[tuple[Recognizer, Match]]:
        size = len(text)
        plan = [
            (t.min_digits, t.min_dots, t.before, t.after + EDGE, t.pattern, rec)
            for rec, t in sorted(windowed, key=lambda rt: rt[1].min_digits)
        ]
        # A cluster is skipped at once when it has too few digits for every recogniser that needs no dots
        # and too few dots for the others: dates, times and small amounts, most clusters of a text.
        plain = min((p[0] for p in plan if p[1] == 0), default=clusters.NONE)
        dotted = min((p[1] for p in plan if p[1] > 0), default=clusters.NONE)
        eligible = clusters.clusters(text, plain, dotted)
        seen: set[tuple[int, int]] = set()
        for cm in eligible:
            cluster = cm.group()
            digits = len(cluster.translate(_NOT_DIGITS))
            dots = cluster.count('.')
            s, e = cm.span()
            last: tuple[Any, int, int, Any] = (None, 0, 0, None)
            for min_digits, min_dots, before, after, pattern, rec in plan:
                if digits < min_digits:
                    break
                if dots < min_dots:
                    continue
                ws = s - before if s > before else 0
                we = e + after if e + after < size else size
                start = ws
                if pattern is not None:
                    if last[:3] == (pattern, ws, we):
                        first = last[3]  # the same pattern on the same window (national and BIS numbers)
                    else:
                        first = pattern.search(text, ws, we)
                        last = (pattern, ws, we, first)
                    if first is None or first.start() >= e:
                        continue  # no candidate, or the first starts past the cluster: nothing can overlap it
                    start = first.start()  # finditer from ws would find this same first candidate
                for m in rec.find(text, start, we):  # type: ignore[call-arg]
                    if m.end > we - EDGE and we < size:
                        continue  # too near the cut end: its look-aheads did not see the real text
                    if m.end <= s or m.start >= e:
                        continue  # belongs to another cluster's window
                    key = (id(rec), m.start)
                    if key not in seen:
                        seen.add(key)
                        yield rec, m
