"""Hyperscan's digit clusters equal Python's ``re`` ones, and the prefilter gives the same matches on both."""

from __future__ import annotations

import platform
import random
import sys

import pytest
from gdprscan.recognizers import clusters
from gdprscan.recognizers import load
from gdprscan.recognizers.prefilter import Prefilter
from test_prefilter_windows import TRICKY
from test_prefilter_windows import _gen_share
from test_prefilter_windows import whole

#: The thresholds the identifier profile uses (9 digits, 3 dots), a plugin's lower ones, and "no dots".
THRESHOLDS = ((9, 3), (4, 3), (12, clusters.NONE), (1, 2), (clusters.NONE, 3), (7, 1))


def spans(found: list) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    return [m.span() for m in found]


def test_hyperscan_is_used_where_it_is_declared() -> None:
    """pyproject declares hyperscan for x86_64 Linux and macOS: there the fast path must really run."""
    if platform.machine() != 'x86_64' or sys.platform not in ('linux', 'darwin'):
        pytest.skip('hyperscan is not a dependency on this platform')
    assert clusters.available()


@pytest.fixture(autouse=True)
def _hyperscan_on_small_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small texts take the re path in production (compiling costs more); here both paths are compared."""
    monkeypatch.setattr(clusters, 'MIN_CHARS', 0)


@pytest.mark.parametrize(('min_digits', 'min_dots'), THRESHOLDS)
def test_random_runs_same_clusters(min_digits: int, min_dots: int) -> None:
    rnd = random.Random(min_digits * 31 + min_dots)
    alphabet = '0123456789 ./()-a\x00é€x\n'
    for _ in range(4000):
        text = ''.join(
            rnd.choice('0123456789') if rnd.random() < 0.5 else rnd.choice(alphabet)
            for _ in range(rnd.randint(0, 70))
        )
        assert spans(clusters.clusters(text, min_digits, min_dots)) == spans(
            clusters.clusters_re(text, min_digits, min_dots)
        ), repr(text)


def test_generated_share_same_clusters() -> None:
    gen = _gen_share()
    rnd = random.Random(5)
    text = gen.text_block(rnd, 200_000, dense=True) + '\x00' + gen.csv_block(rnd, 100_000) + TRICKY
    got = spans(clusters.clusters(text, 9, 3))
    assert len(got) > 500
    assert got == spans(clusters.clusters_re(text, 9, 3))


def test_dates_and_amounts_are_not_clusters() -> None:
    text = '23/01/2014;14,4;KP-1594;9.658,92;12.03.2024;10:15\x0085.07.30-033.28'
    assert [m.group() for m in clusters.clusters(text, 9, 3)] == ['85.07.30-033.28']


def test_prefilter_without_hyperscan_gives_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback of machines without Hyperscan, end to end through the prefilter."""
    gen = _gen_share()
    text = gen.text_block(random.Random(9), 60_000, dense=True) + TRICKY
    recs = load('identifiers')
    fast = sorted((m.entity, m.start, m.end) for _, m in Prefilter(recs).matches(text))
    monkeypatch.setattr(clusters, 'hyperscan', None)
    clusters._database.cache_clear()
    try:
        assert not clusters.available()
        slow = sorted((m.entity, m.start, m.end) for _, m in Prefilter(recs).matches(text))
    finally:
        clusters._database.cache_clear()
    assert fast == slow == whole(recs, text)
    assert len(fast) > 50


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        ('naam;gdprscan: allow', True),
        ('GDPRSCAN: Allow', True),
        ('Élise;GdprScan: ALLOW;é', True),
        ('Élise;gdprscan allow', False),
        ('gdprscan:\u00a0allow', False),
        ('x\udcff gdprscan: allow', True),  # a lone surrogate (undecodable byte kept by surrogateescape)
        ('', False),
    ),
)
def test_pragma_finder_any_ascii_case(text: str, expected: bool) -> None:
    assert clusters.literal_finder('gdprscan: allow')(text) is expected
