"""PERSON: names in nl/fr/en letters, e-mails and notes; hard negatives commented with why."""

from __future__ import annotations

import subprocess
import sys

import pytest
from gdprscan.recognizers import person


def names(text: str, lang: str | None = None) -> list[str]:
    return [text[m.start : m.end] for m in person.find(text, lang)]


@pytest.mark.parametrize(('text', 'expected', 'rule'), (
    # nl
    ('Beste Jan Peeters,\nJe verlof is goedgekeurd.', 'Jan Peeters', 'salutation'),
    ('Geachte mevrouw Van Acker,', 'Van Acker', 'title'),
    ('De werknemer Els Van den Broeck meldt zich ziek.', 'Els Van den Broeck', 'role'),
    ('Jan Peeters (INSZ 85.07.30-033.28) is afwezig.', 'Jan Peeters', 'identifier'),
    ('Met vriendelijke groeten,\nHilde Vanhoutte\nHR Business Partner', 'Hilde Vanhoutte', 'signature'),
    ('Gesprek met J. Peeters over de evaluatie.', 'J. Peeters', 'initial'),
    ('Naam: Yusuf Demir', 'Yusuf Demir', 'label'),
    ('Telefoon van Marc Verstraete: hij belt terug.', 'Marc Verstraete', 'first_last'),
    ('Gisteren belde Kevin over zijn contract.', 'Kevin', 'first_alone'),
    ('Naam: PEETERS Jan', 'PEETERS Jan', 'label'),
    # fr
    ('Madame Sophie Dubois, nous vous confirmons votre engagement.', 'Sophie Dubois', 'title'),
    ('Cordialement,\n\nMarie-Claire Dupont-Lambert', 'Marie-Claire Dupont-Lambert', 'signature'),
    ('Monsieur Jean-Pierre Van Damme est absent.', 'Jean-Pierre Van Damme', 'title'),
    ('Appel de Fatima Ouali : elle souhaite un rendez-vous.', 'Fatima Ouali', 'first_last'),
    ('Je soussignée, Catherine Delvaux, certifie', 'Catherine Delvaux', 'role'),
    # en
    ('Dear Mr Smith, please find attached the contract.', 'Smith', 'title'),
    ('Dear Mr. John Smith,', 'John Smith', 'title'),
    ('Exit interview with Ben Carter today.', 'Ben Carter', 'first_last'),
    ("We confirm that Daniel O'Connor, born on 12 July 1985, works here.", "Daniel O'Connor", 'identifier'),
    ('Kind regards,\nRebecca Hughes\nPeople Team', 'Rebecca Hughes', 'signature'),
))  # fmt: skip
def test_positive(text: str, expected: str, rule: str) -> None:
    found = [(text[m.start : m.end], m.evidence['rule']) for m in person.find(text)]
    assert (expected, rule) in found


@pytest.mark.parametrize('text', (
    'Acme Solutions NV, Kerkstraat 12, 9000 Gent',  # a company and a street
    'Jan De Nul NV bouwt een brug.',  # a company named after a person
    'Bij Cornelis, Moonen en Smeets NV begint je contract.',  # a list of surnames ending in a company form
    'Jordan & Hope Consulting LLP',  # first names inside a company name
    'Op 3 Mei 2024 vergaderde de raad in Gent.',  # a month after a number, and a city
    'Rue Jean Jaurès 12, 1000 Bruxelles',  # a street named after a person
    'Microsoft Teams vergadering met Google Drive link.',  # products
    'The HR Manager approved the Leave Policy.',  # job title and policy name
    'Het Arbeidsreglement van De Lijn.',  # a company with a particle
    'Parking at Jubilee Park remains free.',  # a place whose last word is also a surname
    'Saint Nicolas apporte des cadeaux.',  # a saint
    'Met vriendelijke groeten,\nStad Lier – Dienst Personeel',  # an organisation signs, not a person
    'Thanks,\nFacilities',  # a team signs
    'An Introduction to GDPR',  # "An" is a name only with a listed surname
    'Le Conseil d\'Administration se réunit en Juin.',  # institution and month
    'Kerkstraat is een mooie straat.',  # a street name alone
))  # fmt: skip
def test_negative(text: str) -> None:
    assert names(text) == []


def test_repeat_of_a_found_name() -> None:
    text = 'Sophie Dubois a confirmé. Ensuite, Dubois a signé le contrat.'
    assert [(text[m.start : m.end], m.evidence['rule']) for m in person.find(text)] == [
        ('Sophie Dubois', 'first_last'), ('Dubois', 'repeat'),
    ]  # fmt: skip


def test_evidence_never_holds_the_value() -> None:
    text = 'Beste Jan Peeters, welkom.'
    for m in person.find(text):
        assert 'Peeters' not in str(m.evidence) and 'Jan' not in str(m.evidence)


def test_offsets_in_a_batch_with_nul_separators() -> None:
    text = 'x\x00Beste Jan Peeters,\x00Madame Sophie Dubois'
    assert names(text) == ['Jan Peeters', 'Sophie Dubois']


@pytest.mark.parametrize(('value', 'low', 'high'), (
    ('Jan Peeters', 0.9, 1.0),
    ('Peeters, Jan', 0.9, 1.0),
    ('Yusuf Demir', 0.9, 1.0),
    ('Tine', 0.6, 0.9),
    ('Acme NV', 0.0, 0.2),  # a company
    ('Kerkstraat', 0.0, 0.2),  # a street
    ('Gent', 0.0, 0.2),  # a city
    ('Laptop 15 inch', 0.0, 0.05),  # digits
))  # fmt: skip
def test_looks_like_name(value: str, low: float, high: float) -> None:
    assert low <= person.looks_like_name(value) <= high


def test_lists_load_lazily() -> None:
    code = (
        'import sys\n'
        'from gdprscan.recognizers import person\n'
        'assert person._lists is None\n'
        "list(person.find('Beste Jan'))\n"
        'assert person._lists is not None\n'
        "assert 'spacy' not in sys.modules and 'faker' not in sys.modules\n"
    )
    subprocess.run([sys.executable, '-c', code], check=True)


@pytest.mark.parametrize(('lang', 'letter', 'expected'), (
    ('nl', 'Beste Kobe Vercruysse,\n\nJe contract bij Acme Solutions NV start op 1 maart.\n\n'
           'Met vriendelijke groeten,\nHilde Vanhoutte\n', {'Kobe Vercruysse', 'Hilde Vanhoutte'}),
    ('fr', 'Madame Dubois,\n\nVotre adresse : Rue de la Loi 16 boîte 2, 1000 Bruxelles.\n\n'
           'Cordialement,\n\nJulien Lemaire\n', {'Dubois', 'Julien Lemaire'}),
    ('en', 'Dear Ms Patel,\n\nYour manager, David Collins, will call you on Monday.\n\n'
           'Kind regards,\nRebecca Hughes\nPeople Team\n', {'Patel', 'David Collins', 'Rebecca Hughes'}),
))  # fmt: skip
def test_full_profile_scan_of_a_letter(tmp_path, capsys, lang: str, letter: str, expected: set[str]) -> None:
    import json

    from gdprscan.scanner.cli import main

    (tmp_path / f'letter_{lang}.txt').write_text(letter, encoding='utf-8')
    main(['scan', str(tmp_path), '--profile', 'full', '--format', 'jsonl', '--show-values'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    people = {r['value'] for r in rows if r['entity'] == 'PERSON'}
    assert people == expected
    for row in rows:  # evidence names the rule and context, never the name itself
        assert not any(name in json.dumps(row.get('evidence', {}), ensure_ascii=False) for name in people)
    main(['scan', str(tmp_path), '--format', 'jsonl'])  # the identifier profile looks for no names
    assert 'PERSON' not in capsys.readouterr().out
