"""DATE_OF_BIRTH: a date only with a birth context before it; hard negatives commented with why."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import date_of_birth


def dates(text: str) -> list[str]:
    return [text[m.start : m.end] for m in date_of_birth.find(text)]


@pytest.mark.parametrize(('text', 'date'), (
    ('Jan Peeters, geboren op 12/03/1985 te Gent', '12/03/1985'),
    ('geboren te Gent op 3 maart 1985', '3 maart 1985'),
    ('Geboortedatum: 17.09.1996', '17.09.1996'),
    ('Jan Peeters (°12.03.1985)', '12.03.1985'),
    ('Date de naissance : 1er janvier 1990', '1er janvier 1990'),
    ('née le 05.06.1979 à Liège', '05.06.1979'),
    ('Né(e) le 12-03-1985', '12-03-1985'),
    ('DOB: 1985-03-12', '1985-03-12'),
    ('born March 3, 1985', 'March 3, 1985'),
    ('born on the 3rd of March 1985', '3rd of March 1985'),
    ('Date of birth 14/02/1990', '14/02/1990'),
))  # fmt: skip
def test_positive(text: str, date: str) -> None:
    assert dates(text) == [date]


@pytest.mark.parametrize('text', (
    'Factuurdatum 12/03/2024',  # a date without birth context
    'Renée 12/03/1985',  # "née" inside a name is no context
    'geboorteverlof van 12/03/2024 tot 21/03/2024',  # birth leave: the word is longer than the context
    'Geboortedatum: 31/02/1985',  # no such day
    'Date of birth: 12/03/2090',  # in the future
    'born\n12/03/1985',  # the context is on another line
    'Date de naissance : voir annexe. Contrat signé le 12/03/2024',  # too far after the context
))  # fmt: skip
def test_negative(text: str) -> None:
    assert dates(text) == []


def test_evidence_names_the_context_not_the_value() -> None:
    [m] = date_of_birth.find('geboren op 12/03/1985')
    assert m.evidence == {'rule': 'context', 'context': 'geboren'}


def test_one_match_when_two_contexts_precede() -> None:
    assert dates('Date de naissance (née le) 12/03/1985') == ['12/03/1985']


def test_looks_like_date() -> None:
    assert date_of_birth.looks_like_date('12/03/1985')
    assert not date_of_birth.looks_like_date('31/02/1985')  # no such day
    assert not date_of_birth.looks_like_date('Jan Peeters')
