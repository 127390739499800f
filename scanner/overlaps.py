"""Overlapping matches resolved one way everywhere: in reports, the table fast path and anonymised copies."""

from __future__ import annotations

from gdprscan.recognizers.base import Match


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the best of overlapping matches: higher score, then longer; result in text order.

    Greedy by rank within each group of transitively overlapping matches (groups never
    interact), so a unit with thousands of matches costs n log n, not n squared.
    """
    if len(matches) < 2:
        return matches
    ordered = sorted(matches, key=lambda m: (m.start, m.end))
    chosen: list[Match] = []
    group: list[Match] = []
    reach = -1
    for m in ordered:
        if group and m.start >= reach:
            chosen.extend(_best_of(group))
            group = []
        group.append(m)
        reach = max(reach, m.end) if len(group) > 1 else m.end
    chosen.extend(_best_of(group))
    return sorted(chosen, key=lambda m: m.start)


def _best_of(group: list[Match]) -> list[Match]:
    if len(group) == 1:
        return group
    kept: list[Match] = []
    for m in sorted(group, key=lambda m: (-m.score, m.start - m.end, m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in kept):
            kept.append(m)
    return kept
