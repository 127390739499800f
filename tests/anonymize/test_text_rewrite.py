"""Free-text rewriting: overlaps resolved one way, special categories generalised, presidio path equal."""

from __future__ import annotations

import pytest
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.policy import from_dict
from gdprscan.anonymize.text import Rewriter
from gdprscan.anonymize.text import apply_to_pieces
from gdprscan.anonymize.text import rewrite
from gdprscan.recognizers.base import Match
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings

KEY = b'text-key-0123456789abcdef'
TEXT = 'Jan Peeters (RRN 85.07.30-033.28) is lid van ACV en heeft diabetes; veroordeeld voor diefstal.'


def _matches() -> list[Match]:
    return [
        Match('PERSON', 0, 11, 0.85, 'names'),
        Match('PERSON', 4, 11, 0.5, 'names'),  # overlaps the full name, lower score: dropped
        Match('BE_NATIONAL_NUMBER', 17, 32, 0.95, 'be_national_number'),
        Match('PHONE_NUMBER', 17, 26, 0.4, 'phone'),  # inside the national number: dropped
        Match('TRADE_UNION_MEMBERSHIP', 38, 49, 0.8, 'special'),
        Match('HEALTH_DATA', 60, 68, 0.8, 'special'),
        Match('CRIMINAL_DATA', 70, 93, 0.8, 'special'),
    ]


def test_rewrite_resolves_overlaps_and_generalises_special_categories() -> None:
    actions = Actions(KEY, lang='nl')
    seen = []

    def replace(entity: str, value: str) -> str | None:
        seen.append(entity)
        return actions.apply(entity, value)

    out = rewrite(TEXT, _matches(), replace)
    assert seen == ['PERSON', 'BE_NATIONAL_NUMBER', 'TRADE_UNION_MEMBERSHIP', 'HEALTH_DATA', 'CRIMINAL_DATA']
    assert 'Peeters' not in out and '85.07.30' not in out and 'ACV' not in out and 'diabetes' not in out
    assert 'vakbondslid' in out and 'medische reden' in out and 'strafrechtelijk gegeven' in out
    assert out.endswith('.') and '(RRN ' in out


def test_presidio_engine_gives_the_same_text() -> None:
    pytest.importorskip('presidio_anonymizer')
    actions = Actions(KEY, lang='nl')
    plain = rewrite(TEXT, _matches(), actions.apply)
    assert rewrite(TEXT, _matches(), actions.apply, use_presidio=True) == plain


@pytest.mark.parametrize(
    ('pieces', 'edits', 'expected'),
    (
        (['ab', 'cd', 'ef'], [(1, 5, 'XY')], ['aXY', '', 'f']),  # one span across three runs
        (['abc'], [(0, 1, 'Z'), (2, 3, 'W')], ['ZbW']),
        (['', 'abc', ''], [(0, 3, '')], ['', '', '']),
    ),
)
def test_apply_to_pieces(pieces: list[str], edits: list[tuple[int, int, str]], expected: list[str]) -> None:
    assert apply_to_pieces(pieces, edits) == expected


def test_rewriter_replaces_every_occurrence_and_counts_per_column() -> None:
    rw = Rewriter(Engine(Settings(min_score=0.0)), Actions(KEY))
    texts = ['85.07.30-033.28 en nog eens 85.07.30-033.28', 'niets', 'BE71 0961 2345 6769']
    out = rw.rewrite_many(texts, 'mem', ['notes', 'x', 'iban'])
    assert (
        '85.07.30-033.28' not in out[0]
        and out[0].split(' en nog eens ')[0] == out[0].split(' en nog eens ')[1]
    )
    assert out[1] is texts[1]
    assert rw.counts[('notes', 'BE_NATIONAL_NUMBER')] == 2 and rw.counts[('iban', 'IBAN_CODE')] == 1


def test_policy_actions_per_entity() -> None:
    actions = Actions(
        KEY,
        from_dict(
            {
                'entities': {
                    'IBAN_CODE': 'mask',
                    'EMAIL_ADDRESS': 'redact',
                    'PHONE_NUMBER': 'keep',
                    'IP_ADDRESS': 'null',
                }
            }
        ),
    )
    assert actions.apply('IBAN_CODE', 'BE71 0961 2345 6769') != 'BE71 0961 2345 6769'
    assert '*' in actions.apply('IBAN_CODE', 'BE71 0961 2345 6769')
    assert actions.apply('EMAIL_ADDRESS', 'a@b.be') == '[EMAIL_ADDRESS]'
    assert actions.apply('PHONE_NUMBER', '0470 12 34 56') == '0470 12 34 56'
    assert actions.apply('IP_ADDRESS', '10.0.0.1') is None
    assert actions.apply('DATE_OF_BIRTH', '30/07/1985', 'generalise') == '1985'
    assert actions.apply('LOCATION', 'Kerkstraat 1, 9000 Gent', 'generalise') == 'East Flanders'
