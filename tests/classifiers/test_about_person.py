"""The "about a person" judgement, and zero special-category findings on policies and statements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.classifiers import about_person
from gdprscan.classifiers.categories import is_special
from gdprscan.recognizers import special
from gdprscan.recognizers.base import Match
from gdprscan.scanner.cli import main

STATEMENTS = Path('/work/shared/statements')

POLICY_NL = """Arbeidsreglement – hoofdstuk 7: afwezigheden

Ziekte. In geval van ziekte verwittigt de werknemer zijn leidinggevende vóór 9 uur en bezorgt hij binnen
twee werkdagen een medisch attest (doktersbriefje) aan de personeelsdienst. De werkgever kan een
controlearts sturen. Tijdens een periode van arbeidsongeschiktheid is de werknemer bereikbaar.

Arbeidsongevallen. Elk arbeidsongeval, ook een ongeval op de weg naar het werk, wordt dezelfde dag gemeld
aan de preventieadviseur. De werknemer die na een lange ziekte het werk hervat, kan een re-integratietraject
aanvragen bij de arbeidsgeneesheer. Zwangere werkneemsters melden hun zwangerschap zo snel mogelijk.

Syndicale premie. De werkgever houdt geen vakbondsbijdrage in op het loon; de syndicale premie wordt door de
vakbond (ACV, ABVV, ACLVB) uitbetaald aan de vakbondsleden.

Aanwerving. Voor functies met minderjarigen moet de kandidaat een uittreksel uit het strafregister
(model 2) voorleggen. De prikklok werkt met een badge; er worden geen vingerafdrukken verwerkt.
Neutraliteit: geen discriminatie op basis van afkomst, geloof, seksuele geaardheid of politieke overtuiging.
Vragen? Mail naar hr@voorbeeld.be.
"""
POLICY_FR = """Règlement de travail – chapitre 7 : absences

Maladie. En cas de maladie, le travailleur prévient son responsable avant 9 heures et remet un certificat
médical au service du personnel dans les deux jours ouvrables. L'employeur peut envoyer un médecin
contrôleur. Pendant une incapacité de travail, le travailleur reste joignable.

Accidents du travail. Tout accident du travail, y compris sur le chemin du travail, est déclaré le jour même
au conseiller en prévention. Le travailleur qui reprend le travail après une longue maladie peut demander un
trajet de réintégration au médecin du travail. Les travailleuses enceintes signalent leur grossesse
au plus vite.

Prime syndicale. L'employeur ne retient aucune cotisation syndicale sur le salaire ; la prime syndicale est
versée aux travailleurs syndiqués par leur syndicat (CSC, FGTB, CGSLB).

Recrutement. Pour les fonctions avec des mineurs, le candidat doit présenter un extrait de casier judiciaire
(modèle 2). La pointeuse fonctionne avec un badge ; aucune empreinte digitale n'est traitée.
Neutralité : aucune discrimination fondée sur l'origine, la religion, l'orientation sexuelle ou les opinions
politiques. Des questions ? Écrivez à rh@exemple.be.
"""
POLICY_EN = """Work rules – chapter 7: absence

Illness. In case of illness the employee informs their manager before 9 am and provides a medical certificate
to HR within two working days. The employer may send a control doctor. During incapacity for work the
employee remains reachable.

Accidents at work. Every accident at work, including on the way to work, is reported the same day to the
prevention adviser. An employee returning after a long illness can request a reintegration plan from the
occupational physician. Pregnant employees should report their pregnancy as soon as possible.

Union premium. The employer does not withhold union dues from pay; the union premium is paid to union members
by their union (ACV, ABVV, ACLVB).

Recruitment. For positions with minors the candidate must provide a criminal record extract (model 2). The
time clock works with a badge; no fingerprints are processed. No discrimination based on origin, religion,
sexual orientation or political opinion. Questions? Write to hr@example.be.
"""


def judge(text: str, term: str, matches: list[Match] | None = None) -> dict | None:  # type: ignore[type-arg]
    start = text.index(term)
    return about_person.judge(text, start, start + len(term), matches or [])


@pytest.mark.parametrize(
    ('text', 'term', 'rule'),
    [
        ('Beste Jan,\n\nJe ziekteverlof is verlengd tot 28 maart.', 'ziekteverlof', 'salutation'),
        (
            'Chère Madame Dubois,\n\nNous avons reçu le certificat médical.',
            'certificat médical',
            'salutation',
        ),
        ('Dear Tom,\nthe sick leave was recorded.', 'sick leave', 'salutation'),
        ('We ontvingen je medisch attest.', 'medisch attest', 'addressed'),
        ('Nous avons bien reçu votre certificat médical.', 'certificat médical', 'addressed'),
        ('Thanks, your sick leave was recorded.', 'sick leave', 'addressed'),
        ('Ik ben sinds maandag ziek.', 'ziek', 'first_person'),
        ('Je suis malade depuis lundi.', 'malade', 'first_person'),
        ('I am pregnant and due in May.', 'pregnant', 'first_person'),
    ],
)
def test_links_without_names(text: str, term: str, rule: str) -> None:
    link = judge(text, term)
    assert link is not None and link['rule'] == rule


def test_link_to_a_name_is_masked() -> None:
    text = 'Opvolging Evi Jacobs: burn-out sinds november.'
    name = Match('PERSON', 10, 20, 0.85, 'person')
    link = judge(text, 'burn-out', [name])
    assert link == {'rule': 'name', 'link': 'PERSON', 'masked': '*** ******'}


def test_link_to_an_identifier_keeps_two_characters() -> None:
    text = 'RRN 85.07.30-033.28 – arbeidsongeval op 3 maart'
    rrn = Match('BE_NATIONAL_NUMBER', 4, 19, 0.95, 'be_national_number')
    link = judge(text, 'arbeidsongeval', [rrn])
    assert link == {'rule': 'identifier', 'link': 'BE_NATIONAL_NUMBER', 'masked': '**.**.**-***.28'}


@pytest.mark.parametrize(
    ('text', 'term'),
    [
        ('In geval van ziekte bezorgt de werknemer een medisch attest.', 'medisch attest'),
        ('Als je ziek bent, bezorg je een medisch attest.', 'medisch attest'),  # conditional, 2nd person
        ('En cas de maladie, envoyez votre certificat médical.', 'certificat médical'),
        ('If you are ill, you must send your medical certificate.', 'medical certificate'),
        ('Elke werknemer kan een re-integratietraject aanvragen.', 're-integratietraject'),
        ('We process health data such as the medical certificate.', 'medical certificate'),  # "we"
        ('Onze werknemers krijgen een medisch onderzoek.', 'medisch onderzoek'),  # "onze" is no addressee
        (
            'Beste collega’s,\n\nhet arbeidsongeval van gisteren herinnert ons aan de regels.',
            'arbeidsongeval',
        ),
        (
            'Madame, Monsieur,\n\nle certificat médical est à joindre.',
            'certificat médical',
        ),  # nobody in particular
    ],
)
def test_no_link(text: str, term: str) -> None:
    assert judge(text, term) is None


def test_generic_mailbox_is_no_link() -> None:
    text = 'Een medisch attest stuurt u naar hr@firma.be.'
    at = text.index('hr@')
    mail = Match('EMAIL_ADDRESS', at, at + len('hr@firma.be'), 0.6, 'email')
    assert about_person.is_link(mail, 'hr@firma.be') is False
    assert judge(text, 'medisch attest', [mail]) is None
    assert about_person.is_link(mail, 'jan.peeters@firma.be') is True


def test_name_in_the_same_generic_sentence_still_links() -> None:
    text = 'Indien Jan Peeters ziek is, vervangt Els hem.'
    name = Match('PERSON', 7, 18, 0.85, 'person')
    assert judge(text, 'ziek', [name])['rule'] == 'name'  # type: ignore[index]


def test_salutation_links_the_rest_of_the_letter_only() -> None:
    text = 'Beste Jan,\n\n' + 'Bla bla. ' * 10 + 'Je ziekteverlof is verlengd.'
    assert judge(text, 'ziekteverlof')['rule'] == 'salutation'  # type: ignore[index]
    far = 'Beste Jan,\n\n' + 'x' * (about_person.LETTER + 10) + '\n\nHet ziekteverlof loopt af.'
    assert judge(far, 'ziekteverlof') is None


def test_row_link() -> None:
    m = Match('EMAIL_ADDRESS', 0, 20, 0.6, 'email')
    assert about_person.row_link([(m, 'jan.peeters@firma.be')]) == {
        'rule': 'table_row',
        'link': 'EMAIL_ADDRESS',
        'masked': 'j***@f***.be',
    }
    assert about_person.row_link([(m, 'info@firma.be')]) is None


def test_terms_occur_in_the_policies() -> None:
    # the negatives below are real negatives only if the terms are there to be found
    for text, lang in (
        (POLICY_NL, 'nl'),
        (POLICY_FR, 'fr'),
        (POLICY_EN, 'en'),
        (FAQ_NL, 'nl'),
        (FAQ_EN, 'en'),
    ):
        assert len({m.entity for m in special.find(text, lang)}) >= 2


def scan_specials(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:  # type: ignore[type-arg]
    main(['scan', str(path), '--profile', 'full', '--format', 'jsonl', *extra])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    return [r for r in rows if is_special(r['entity'])]


@pytest.mark.parametrize('name', ['group-s-nl.txt', 'liantis-en.txt'])
def test_shared_statements_have_no_special_findings(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = STATEMENTS / name
    if not path.exists():
        pytest.skip('shared statements not present')
    assert special.find(path.read_text(encoding='utf-8'))  # they do mention special categories
    assert scan_specials(path, capsys) == []
    assert scan_specials(path, capsys, '--min-score', '0') == []


FAQ_NL = """Veelgestelde vragen

Wat als ik ziek word? Meld je ziekte vóór 9 uur aan je leidinggevende. Bezorg je medisch attest binnen
twee werkdagen. Stuur je doktersbriefje via de app.

Heb ik recht op een syndicale premie? Gelieve je attest van de vakbond voor 30 juni te bezorgen.
"""
FAQ_FR = """Questions fréquentes

Que faire si je suis malade ? Prévenez votre responsable avant 9 heures. Envoyez votre certificat
médical dans les deux jours ouvrables.

Ai-je droit à une prime syndicale ? Veuillez remettre l'attestation de votre syndicat avant le 30 juin.
"""
FAQ_EN = """Frequently asked questions

What should I do if I am sick? Inform your manager before 9 am. Send your medical certificate within two
working days. Please upload your sick note in the app.

Am I entitled to a union premium? Hand in your union certificate before 30 June.
"""


@pytest.mark.parametrize(
    ('text', 'lang'),
    [(POLICY_NL, 'nl'), (POLICY_FR, 'fr'), (POLICY_EN, 'en'), (FAQ_NL, 'nl'), (FAQ_FR, 'fr'), (FAQ_EN, 'en')],
)
def test_hr_policies_have_no_special_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, lang: str
) -> None:
    path = tmp_path / f'policy_{lang}.txt'
    path.write_text(text, encoding='utf-8')
    assert scan_specials(path, capsys) == []
    assert scan_specials(path, capsys, '--lang', lang) == []


@pytest.mark.parametrize(
    ('line', 'greets_one'),
    [
        ('Beste Jan,', True),
        ('Dag Sofie', True),
        ('Chère Madame Dubois,', True),
        ('Dear Mr Smith,', True),
        ('Geachte mevrouw Van Acker,', True),
        ('Hi there,', False),  # nobody by name
        ('Dear Sir,', False),
        ('Geachte heer,', False),
        ("Beste collega's,", False),  # a group
        ('Madame, Monsieur,', False),
        ('Dear all,', False),
    ],
)
def test_salutations(line: str, greets_one: bool) -> None:
    assert bool(about_person.salutations(f'{line}\n\nTekst.')) is greets_one
