"""LOCATION: Belgian and UK/US street addresses; hard negatives commented with why."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import location


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in location.find(text)]


@pytest.mark.parametrize('address', (
    'Kerkstraat 12 bus 3, 9000 Gent',
    'Rue de la Loi 16 boîte 2, 1000 Bruxelles',
    'Avenue Louise 54, 1050 Ixelles',
    'Meir 1, 2000 Antwerpen',  # no street word: the postcode and municipality tell
    'Koning Albertlaan 112A, 8200 Brugge',
    'Chaussée de Wavre 1234/5, 1160 Auderghem',
    'Sint-Pietersnieuwstraat 33, B-9000 Gent',
    'Grote Markt 1\n1000 Brussel',  # postcode on the next line
    '16, rue de la Loi, 1000 Bruxelles',  # number first
    '221B Baker Street, London NW1 6XE',
    '27 Kingsway, Manchester M20 5PQ',  # any street name with a UK postcode
    '1600 Pennsylvania Avenue, Washington, DC 20500',
    'Stationsstraat 5',  # a street and number without postcode
))  # fmt: skip
def test_positive(address: str) -> None:
    assert spans(f'Adres: {address}. Dank u.') == [address]


@pytest.mark.parametrize('text', (
    'Artikel 12, 1000 Brussel',  # an article number, not a house number
    'op 12 mei 2024 in Gent',  # a date and a city
    'Het kantoor in Gent is open.',  # a city alone
    'Kerkstraat is een mooie straat',  # a street without number
    'Zie pagina 12, 1000 exemplaren',  # a page and a count
    'De factuur 2024 3000 Leuven',  # numbers, no street
    'La réunion est déplacée au 5 mars 2023, Avenue Louise.',  # a year before a street name
))  # fmt: skip
def test_negative(text: str) -> None:
    assert spans(text) == []


def test_evidence_rule_and_postcode() -> None:
    [m] = location.find('Kerkstraat 12, 9000 Gent')
    assert m.evidence == {'rule': 'street', 'postcode': True} and m.score == 0.85
    [m] = location.find('Kerkstraat 12')
    assert m.evidence == {'rule': 'street', 'postcode': False} and m.score == 0.6


@pytest.mark.parametrize(('value', 'low', 'high'), (
    ('Rue de la Loi 16, 1000 Bruxelles', 0.95, 1.0),
    ('Kerkstraat 12', 0.6, 0.9),
    ('9000 Gent', 0.4, 0.6),  # a postcode line alone
    ('Jan Peeters', 0.0, 0.0),
))  # fmt: skip
def test_looks_like_address(value: str, low: float, high: float) -> None:
    assert low <= location.looks_like_address(value) <= high
