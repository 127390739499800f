"""The prefilter (digit clusters, windows) finds exactly what each recogniser finds on the whole text."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from gdprscan.recognizers import load
from gdprscan.recognizers.prefilter import Prefilter

ROOT = Path(__file__).resolve().parents[2]


def _gen_share():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location('gen_share', ROOT / 'benchmarks' / 'gen_share.py')
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRICKY = (
    'RRN 85.07.30-033.28 tel 02 555 12 12, BIS 98.47.28-997.65; IBAN NL91 ABNA 0417 1643 00 TEST\n'
    '+32 (0)470 12 34 56 BE 0403.019.261 card 4111 1111 1111 1111 eid 591-1917064-58\x00'
    'client 81.246.12.7 version 1.2.3.4 fe80::1ff:fe23:4567:890a +++090/9337/55493+++ 1285073003328\n'
    'FR14 2004 1010 0505 0001 3M02 606,BE71096123456769;0470/12.34.56 01/02/2024 1.234.567,89 '
    'mail jan.peeters@example.be 85073003328'
)


def whole(recs: list, text: str) -> list[tuple[str, int, int]]:  # type: ignore[type-arg]
    return sorted((m.entity, m.start, m.end) for r in recs for m in r.find(text))


def windowed(recs: list, text: str) -> list[tuple[str, int, int]]:  # type: ignore[type-arg]
    return sorted((m.entity, m.start, m.end) for _, m in Prefilter(recs).matches(text))


def test_tricky_text_same_as_whole_text() -> None:
    recs = load('identifiers')
    got = windowed(recs, TRICKY)
    assert got == whole(recs, TRICKY)
    assert {e for e, _, _ in got} == {
        'BE_NATIONAL_NUMBER',
        'PHONE_NUMBER',
        'BE_BIS_NUMBER',
        'IBAN_CODE',
        'BE_ENTERPRISE_NUMBER',
        'CREDIT_CARD',
        'BE_ID_CARD_NUMBER',
        'IP_ADDRESS',
        'EMAIL_ADDRESS',
    }


@pytest.mark.parametrize('seed', (1, 2, 3))
def test_generated_share_same_as_whole_text(seed: int) -> None:
    gen = _gen_share()
    rnd = random.Random(seed)
    text = gen.text_block(rnd, 150_000, dense=True) + '\x00' + gen.csv_block(rnd, 50_000)
    recs = load('identifiers')
    got = windowed(recs, text)
    assert len(got) > 200
    assert got == whole(recs, text)


def test_every_shift_of_a_window_edge() -> None:
    """Identifiers at every distance from the text's start and end, glued or not."""
    recs = load('identifiers')
    for pad in range(0, 40):
        for value in ('85073003328', 'BE71 0961 2345 6769', '0470 12 34 56', '1285073003328', '81.246.12.7'):
            text = 'x' * pad + value + '9' * (pad % 3) + ' y' * pad
            assert windowed(recs, text) == whole(recs, text), text
