"""Reading privacy statements: the two shared Belgian statements, and statements written here in
Dutch, French and English, as txt, md, html, docx and pdf."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from gdprscan.classifiers import statement
from gdprscan.scanner.cli import main
from gdprscan.scanner.declared import load
from gdprscan.scanner.statement_text import StatementReadError
from gdprscan.scanner.statement_text import read_text

STATEMENTS = Path(__file__).resolve().parents[2].parent / 'shared' / 'statements'

# Read by hand. Group S numbers 18 categories and collects only 3 (Gezondheid), 10 (Professionele
# gegevens), 11 (Elektronische communicatiegegevens), 12 (Lokalisatiegegevens), 13 (Economische en
# financiële gegevens), 14 (Privé- en gezinsleven), 15 (Taalkeuze), 17 (Persoonlijke kenmerken) and
# 18 (Identificatiegegevens); elsewhere it says the data of the self-employed concern "hun identificatie
# (naam, adres, rijksregisternummer, ...)": the address is contact data.
GROUP_S = {
    'health',
    'professional',
    'electronic_communication',
    'location',
    'financial',
    'family',
    'language',
    'personal_characteristics',
    'identification',
    'contact',
}
# Liantis: the ten headed bullets; "personal characteristics" keeps "which language you speak",
# "educational and professional" and "political, trade union, and ideological" are groups,
# "legal data" means the criminal record check.
LIANTIS = {
    'identification',
    'contact',
    'family',
    'personal_characteristics',
    'language',
    'education',
    'professional',
    'financial',
    'physical',
    'health',
    'criminal',
    'political_opinion',
    'trade_union',
    'religious_belief',
}


def shared(name: str) -> str:
    path = STATEMENTS / name
    if not path.is_file():
        pytest.fail(f'shared statement missing: {path}')
    return path.read_text(encoding='utf-8')


def ids(text: str, lang: str = 'auto') -> set[str]:
    return set(statement.read(text, lang).ids)


def denied(text: str, lang: str = 'auto') -> set[str]:
    return {d.id for d in statement.read(text, lang).denied}


def test_group_s_only_the_selected_numbers():
    reading = statement.read(shared('group-s-nl.txt'))
    assert reading.lang == 'nl'
    assert set(reading.ids) == GROUP_S
    # listed among the 18 but not selected: genetic (1), biometric (2), ... criminal (9)
    assert not set(reading.ids) & {
        'genetic',
        'biometric',
        'ethnic_origin',
        'political_opinion',
        'religious_belief',
        'trade_union',
        'sexual_orientation',
        'criminal',
    }
    evidence = {d.id: d.evidence for d in reading.declared}
    assert evidence['health'].startswith(
        '3 Gezondheid \u2014 Group S verzamelt enkel gegevens van volgende aard'
    )
    assert evidence['family'].startswith('14 Privé- en gezinsleven')
    assert 'adres' in evidence['contact']
    assert {d.how for d in reading.declared if d.id != 'contact'} == {'selection'}


def test_liantis_headed_list_and_groups():
    reading = statement.read(shared('liantis-en.txt'))
    assert reading.lang == 'en'
    assert set(reading.ids) == LIANTIS
    evidence = {d.id: d.evidence for d in reading.declared}
    assert evidence['trade_union'].startswith('Political, trade union, and ideological data:')
    assert evidence['criminal'].startswith('Legal data:')
    assert 'which language you speak' in evidence['language']
    # the definition-free statement mentions "health and safety at work" many times: not a declaration
    # source for anything but the medical heading
    assert evidence['health'].startswith('Medical and psychosocial data:')


def test_articles_come_from_the_category_table():
    reading = statement.read(shared('liantis-en.txt'))
    arts = {d.id: d.article for d in reading.declared}
    assert arts['health'] == '9' and arts['criminal'] == '10' and arts['contact'] == '6'


NL = """Privacyverklaring van Voorbeeld Sociaal Secretariaat

Welke gegevens verwerken wij?
Wij verwerken de volgende categorieën van persoonsgegevens:
- Identificatiegegevens: naam, voornaam, rijksregisternummer
- Financiële gegevens: bankrekeningnummer en loon
- Gezondheidsgegevens: wij verwerken geen gezondheidsgegevens.

Voor de loonberekening verzamelen wij naam, voornaam, leeftijd/geboortedatum, gender, burgerlijke
staat, nationaliteit, taalkeuze en adres.

Wij verwerken nooit gegevens over uw politieke opvattingen of vakbondslidmaatschap.

Persoonsgegevens: alle informatie over een geïdentificeerde of identificeerbare natuurlijke persoon;
als identificeerbaar wordt beschouwd een persoon die kan worden geïdentificeerd aan de hand van
locatiegegevens of genetische gegevens.
"""


def test_dutch_headed_inline_and_negations():
    assert ids(NL) == {
        'identification',
        'financial',
        'personal_characteristics',
        'family',
        'language',
        'contact',
    }
    assert denied(NL) == {'health', 'political_opinion', 'trade_union'}
    assert statement.read(NL).lang == 'nl'


FR = """Déclaration de confidentialité

Nous distinguons les catégories suivantes :
1. Données d'identification
2. Coordonnées
3. Données de santé
4. Données financières
5. Opinions politiques
6. Données de localisation

Nous ne traitons que les catégories 1, 2, 4 et 6.

Les catégories particulières de données sont les données qui révèlent l'origine raciale ou ethnique,
les opinions politiques, l'appartenance syndicale, les données génétiques et les données de santé.

Nous ne traitons pas de données biométriques. Nous conservons votre date de naissance et vos
données d'identification et de contact.
"""


def test_french_numbered_selection_definition_and_negation():
    # 'ne ... que' is 'only', not a negation; the definition of special categories declares nothing
    assert ids(FR) == {'identification', 'contact', 'financial', 'location', 'personal_characteristics'}
    assert denied(FR) == {'biometric'}
    assert statement.read(FR).lang == 'fr'


EN = """Privacy notice

"Special categories of personal data" means personal data revealing racial or ethnic origin, political
opinions, religious beliefs or trade union membership, and health data.

Categories of personal data we process:
* Identification data: name, employee number
* Financial data: IBAN, salary
* Login data: username and password

We never process genetic or biometric data. We do not keep criminal records.
We keep your identification and contact data, your date of birth and your language preference.
"""


def test_english_headed_groups_and_negations():
    assert ids(EN) == {
        'identification',
        'financial',
        'login',
        'contact',
        'personal_characteristics',
        'language',
    }
    assert denied(EN) == {'genetic', 'biometric', 'criminal'}


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        ('We process your health data.', {'health'}),
        ('Health data: we do not keep these.', set()),  # a negated heading
        ('Our website explains health and safety at work.', set()),  # mentions health, declares nothing
        ('Legal basis: the employment contract.', set()),  # 'legal' only counts as 'legal data'
        ('The Data Protection Authority may ask for your name.', set()),  # no 'we process'
        ('We verzamelen uw identificatie- en contactgegevens.', {'identification', 'contact'}),
        ('Wij houden uw vakbondslidmaatschap bij voor de vakbondspremie.', {'trade_union'}),
        ('Nous traitons des données au nom de votre employeur.', set()),  # 'au nom de' is not a name
        ('Nous collectons vos données de santé et votre numéro de compte.', {'health', 'financial'}),
    ),
)
def test_sentences(text, expected):
    assert ids(text) == expected


def test_numbered_list_without_selection_or_declaring_lead_in_declares_nothing():
    text = 'De AVG onderscheidt:\n1 Genetische gegevens\n2 Biometrische gegevens\n3 Gezondheid\n'
    assert ids(text) == set()
    text = (
        'Wij verwerken de volgende categorieën:\n1 Identificatiegegevens\n2 Contactgegevens\n3 Gezondheid\n'
    )
    assert ids(text) == {'identification', 'contact', 'health'}


NUMBERED = (
    'De AVG (artikel 4 en 9) deelt deze gegevens in:\n\n1 Genetische gegevens\n2 Gezondheid\n'
    '3 Lidmaatschap van een vakbond\n4 Strafrechtelijke veroordelingen\n5 Professionele gegevens\n'
    '6 Lokalisatiegegevens\n7 Identificatiegegevens\n\n'
)


@pytest.mark.parametrize(
    ('selection', 'expected', 'no'),
    (
        (
            'Wij verzamelen enkel gegevens van volgende aard: 2, 5 en 7.',
            {'health', 'professional', 'identification'},
            set(),
        ),
        ('We only collect the categories 5 to 7.', {'professional', 'location', 'identification'}, set()),
        (
            'Nous ne collectons que les données 5 à 7 et 2.',
            {'health', 'professional', 'location', 'identification'},
            set(),
        ),
        (
            'Wij verwerken geen gegevens van de categorieën 1 tot 4.',
            set(),
            {'genetic', 'health', 'trade_union', 'criminal'},
        ),
        ('Zie ook artikel 4 en 9 van de AVG.', set(), set()),  # article numbers are no selection
    ),
)
def test_numbered_selection_variants(selection, expected, no):
    assert ids(NUMBERED + selection) == expected
    assert denied(NUMBERED + selection) == no


def test_language_restriction():
    text = 'Nous traitons vos données de santé. We process your financial data.'
    assert ids(text, 'fr') == {'health'}
    assert ids(text, 'en') == {'financial'}
    assert ids(text) == {'health', 'financial'}


# --- file formats ---------------------------------------------------------------------------------

EXPECTED_EN = {'identification', 'financial', 'login', 'contact', 'personal_characteristics', 'language'}


def _html(path: Path) -> None:
    path.write_text(
        '<!DOCTYPE html><html><head><title>Privacy</title><style>li{color:red}</style>'
        '<script>var name = "health data";</script></head><body>'
        '<h1>Privacy notice</h1><p>Categories of personal data we process:</p><ul>'
        '<li><b>Identification data</b>: name, employee number</li><li>Financial data: IBAN, salary</li>'
        '<li>Login data: username and password</li></ul>'
        '<p>We never process genetic or biometric data. We do not keep criminal records.</p>'
        '<p>We keep your identification and contact data, your date of birth and your language '
        'preference.</p></body></html>',
        encoding='utf-8',
    )


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading('Privacy notice', 1)
    d.add_paragraph('Categories of personal data we process:')
    for item in (
        'Identification data: name, employee number',
        'Financial data: IBAN, salary',
        'Login data: username and password',
    ):
        d.add_paragraph(item, style='List Bullet')
    d.add_paragraph('We never process genetic or biometric data. We do not keep criminal records.')
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = 'Contact data', 'we keep your e-mail address'
    t.cell(1, 0).text, t.cell(1, 1).text = (
        'Personal characteristics',
        'your date of birth, your language preference',
    )
    d.save(str(path))


def _pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    lines = [
        'Privacy notice',
        '',
        'Categories of personal data we process:',
        '\u2022 Identification data: name, employee number',
        '\u2022 Financial data: IBAN, salary',
        '\u2022 Login data: username and password',
        '',
        'We never process genetic or biometric data. We do not keep criminal records.',
        'We keep your identification and contact data, your date of birth and your',
        'language preference.',
    ]
    for line in lines:
        if line:
            c.drawString(60, y, line)
        y -= 28 if not line else 16
    c.save()


@pytest.mark.parametrize(('suffix', 'make'), (('.html', _html), ('.docx', _docx), ('.pdf', _pdf)))
def test_formats(tmp_path, suffix, make):
    path = tmp_path / f'privacy{suffix}'
    make(path)
    text = read_text(path)
    assert 'health data' not in text  # script content is not text
    assert '- Login data: username and password' in text  # list items keep their bullet
    assert ids(text) == EXPECTED_EN
    assert denied(text) == {'genetic', 'biometric', 'criminal'}


def test_markdown(tmp_path):
    path = tmp_path / 'privacy.md'
    path.write_text(
        '# Privacy\n\nWe process:\n\n* **Identificatiegegevens**: naam\n* Financial data: IBAN\n'
        '\n| Category | Example |\n|---|---|\n| Health data | sick leave |\n',
        encoding='utf-8',
    )
    assert ids(read_text(path)) == {'identification', 'financial', 'health'}


@pytest.mark.parametrize(
    ('name', 'content', 'reason'),
    (
        ('broken.pdf', b'%PDF-1.4 garbage', 'unreadable pdf'),
        ('broken.docx', b'PK\x03\x04 not a zip', 'corrupt or truncated Word document'),
        ('latin1.txt', 'Données de santé'.encode('cp1252'), None),  # read with the sniffed encoding
    ),
)
def test_bad_files(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    if reason is None:
        assert 'santé' in read_text(path)
        return
    with pytest.raises(StatementReadError, match=reason):
        read_text(path)


# --- the command ----------------------------------------------------------------------------------


def test_cli_json(capsys):
    assert main(['statement', str(STATEMENTS / 'group-s-nl.txt'), '--format', 'json']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc['statement'] == str(STATEMENTS / 'group-s-nl.txt')
    assert {c['id'] for c in doc['categories']} == GROUP_S
    assert all(set(c) == {'id', 'article', 'evidence'} and c['evidence'] for c in doc['categories'])
    assert {c['id']: c['article'] for c in doc['categories']}['health'] == '9'


def test_cli_yaml_round_trip(tmp_path, capsys):
    out = tmp_path / 'declared.yaml'
    assert main(['statement', str(STATEMENTS / 'liantis-en.txt'), '--format', 'yaml', '-o', str(out)]) == 0
    text = out.read_text(encoding='utf-8')
    assert text.startswith('# Declared categories')
    assert set(yaml.safe_load(text)['categories']) == LIANTIS
    assert {d.id for d in load(str(out)).declared} == LIANTIS


def test_cli_table_and_errors(tmp_path, capsys):
    assert main(['statement', str(STATEMENTS / 'liantis-en.txt'), '--lang', 'en']) == 0
    out = capsys.readouterr().out
    assert 'trade_union' in out and 'Legal data:' in out
    assert main(['statement', str(tmp_path / 'missing.pdf')]) == 2
    assert 'no such file' in capsys.readouterr().err
    (tmp_path / 'x.pdf').write_bytes(b'not a pdf')
    assert main(['statement', str(tmp_path / 'x.pdf')]) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'Traceback' not in err
