"""Language detection: nl/fr/en on short HR texts, 'nl' when nothing tells."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import language


@pytest.mark.parametrize(('text', 'lang'), (
    ('Beste Jan, je verlof is goedgekeurd.', 'nl'),
    ('Met vriendelijke groeten,', 'nl'),
    ('De werknemer is ziek', 'nl'),
    ('Geboortedatum: 12/03/1985', 'nl'),
    ('Hallo Els, bedankt voor je mail', 'nl'),
    ('Madame, nous vous confirmons votre congé.', 'fr'),
    ('Cordialement,', 'fr'),
    ('Date de naissance : 12/03/1985', 'fr'),
    ('Le travailleur est malade', 'fr'),
    ("L'employeur traite les données du travailleur.", 'fr'),
    ('Rue de la Loi 16, 1000 Bruxelles', 'fr'),
    ('Dear Mr Smith, please find attached the contract.', 'en'),
    ('Kind regards,', 'en'),
    ('Date of birth: 12/03/1985', 'en'),
    ('The employee is on sick leave', 'en'),
    ('Hi Sarah, thanks for your email', 'en'),
))  # fmt: skip
def test_detect(text: str, lang: str) -> None:
    assert language.detect(text) == lang


@pytest.mark.parametrize('text', (
    '',  # nothing
    '12345',  # digits only
    'Jan Peeters',  # a name tells no language
    'Kerkstraat 12, 9000 Gent',  # too little: the default
))  # fmt: skip
def test_default_is_dutch(text: str) -> None:
    assert language.detect(text) == 'nl'


def test_only_the_sample_is_read() -> None:
    text = 'Dear colleague, the employee is on leave. ' * 60 + 'de werknemer is ziek en het verlof ' * 1000
    assert language.detect(text) == 'en'  # the first SAMPLE characters decide
