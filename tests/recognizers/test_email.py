"""EMAIL_ADDRESS: ordinary addresses; decorators, file names and local hosts stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import email


@pytest.mark.parametrize(
    'value',
    (
        'jan.peeters@example.be',
        'marie-claire.dubois+hr@sub.example.co.uk',
        "o'brien@example.com",
        'j_peeters99@werk.vlaanderen',
        'info@xn--caf-dma.be',
    ),
)
def test_positive_forms(value: str) -> None:
    assert [m.span for m in email.find(f'mail <{value}>.')] == [(6, 6 + len(value))]


@pytest.mark.parametrize(
    'text',
    (
        '@decorator',  # no local part, no domain
        'user@localhost',  # no top-level domain
        'logo@2x.png',  # an image file name, not an address
        'jan..peeters@example.be',  # consecutive dots in the local part
        'jan.@example.be',  # local part ends with a dot
        'git@github',  # no top-level domain
        'prijs 5@10.50',  # numbers, no domain name
    ),
)
def test_negatives(text: str) -> None:
    assert list(email.find(text)) == []


def test_trailing_dot_is_punctuation() -> None:
    text = 'contact: jan@example.be.'
    [m] = email.find(text)
    assert text[m.start : m.end] == 'jan@example.be'
