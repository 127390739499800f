"""Special-category term recognition (recognizers/special.py, icd10.py): what matches, what must not."""

from __future__ import annotations

import re

import pytest
from gdprscan.recognizers import icd10
from gdprscan.recognizers import special


def entities(text: str, lang: str | None = None, column: bool = False) -> list[str]:
    return [m.entity for m in special.find(text, lang, column=column)]


@pytest.mark.parametrize(
    ('text', 'lang', 'entity'),
    [
        # health, Belgian reality, inflections and multi-word terms
        ('Je ziekteverlof is verlengd.', 'nl', 'HEALTH_DATA'),
        ('Hij is sinds maandag ziek.', 'nl', 'HEALTH_DATA'),
        ('Zijn arbeidsongeschiktheid loopt tot 30/06.', 'nl', 'HEALTH_DATA'),
        ('We ontvingen het doktersbriefje.', 'nl', 'HEALTH_DATA'),
        ('Medisch   attest ontvangen', 'nl', 'HEALTH_DATA'),  # spaces
        ('Start van het re-integratietraject', 'nl', 'HEALTH_DATA'),
        ('Start van het reintegratietraject', 'nl', 'HEALTH_DATA'),  # hyphen optional
        ('afspraak bij de arbeidsgeneesheer', 'nl', 'HEALTH_DATA'),
        ('aangifte arbeidsongeval', 'nl', 'HEALTH_DATA'),
        ('ze is zwanger', 'nl', 'HEALTH_DATA'),
        ('burn-out sinds november', 'nl', 'HEALTH_DATA'),
        ('Votre certificat médical', 'fr', 'HEALTH_DATA'),
        ('votre certificat medical', 'fr', 'HEALTH_DATA'),  # accents optional
        ('en congé de maladie', 'fr', 'HEALTH_DATA'),
        ('incapacité de travail', 'fr', 'HEALTH_DATA'),
        ('accident du travail du 3 mars', 'fr', 'HEALTH_DATA'),
        ('rendez-vous médecine du travail', 'fr', 'HEALTH_DATA'),
        ('she is on sick leave', 'en', 'HEALTH_DATA'),
        ('a doctor’s note', 'en', 'HEALTH_DATA'),  # typographic apostrophe
        ('Diagnose: F32.1', 'nl', 'HEALTH_DATA'),  # ICD-10 after a label
        # trade union
        ('de vakbondspremie werd ingehouden', 'nl', 'TRADE_UNION_MEMBERSHIP'),
        ('syndicale premie 2024', 'nl', 'TRADE_UNION_MEMBERSHIP'),
        ('Hij is lid van het ACV.', 'nl', 'TRADE_UNION_MEMBERSHIP'),
        ('Elle est affiliée à la CSC.', 'fr', 'TRADE_UNION_MEMBERSHIP'),
        ('cotisation syndicale retenue', 'fr', 'TRADE_UNION_MEMBERSHIP'),
        ('He is a member of the ABVV.', 'en', 'TRADE_UNION_MEMBERSHIP'),
        ('Vakbond: ACLVB', 'nl', 'TRADE_UNION_MEMBERSHIP'),
        # criminal
        ('uittreksel uit het strafregister', 'nl', 'CRIMINAL_DATA'),
        ('bewijs van goed gedrag en zeden', 'nl', 'CRIMINAL_DATA'),
        ('hij werd veroordeeld', 'nl', 'CRIMINAL_DATA'),
        ('extrait de casier judiciaire', 'fr', 'CRIMINAL_DATA'),
        ('certificat de bonne vie et moeurs', 'fr', 'CRIMINAL_DATA'),
        ('he was convicted of fraud', 'en', 'CRIMINAL_DATA'),
        # political opinion: a party with membership or opinion around it
        ('Zij is lid van N-VA.', 'nl', 'POLITICAL_OPINION'),
        ('gemeenteraadslid voor Vlaams Belang', 'nl', 'POLITICAL_OPINION'),
        ('Hij stemt op Groen.', 'nl', 'POLITICAL_OPINION'),
        ('Il est membre du PS depuis 2010.', 'fr', 'POLITICAL_OPINION'),
        ('candidate sur la liste Les Engagés', 'fr', 'POLITICAL_OPINION'),
        ('She campaigns for PVDA.', 'en', 'POLITICAL_OPINION'),
        # religion and non-confessional philosophy
        ('Hij is praktiserend katholiek.', 'nl', 'RELIGIOUS_BELIEF'),
        ('zij is vrijzinnig', 'nl', 'RELIGIOUS_BELIEF'),
        ('tijdens de ramadan', 'nl', 'RELIGIOUS_BELIEF'),
        ('Elle est musulmane.', 'fr', 'RELIGIOUS_BELIEF'),
        ('il est attaché à la laïcité', 'fr', 'RELIGIOUS_BELIEF'),
        ('She is a devout Christian.', 'en', 'RELIGIOUS_BELIEF'),
        # ethnic origin, sexual orientation
        ('van Marokkaanse afkomst', 'nl', 'ETHNIC_ORIGIN'),
        ("d'origine congolaise", 'fr', 'ETHNIC_ORIGIN'),
        ('of Turkish descent', 'en', 'ETHNIC_ORIGIN'),
        ('hij is homoseksueel', 'nl', 'SEXUAL_ORIENTATION'),
        ('elle est lesbienne', 'fr', 'SEXUAL_ORIENTATION'),
        ('he came out as gay', 'en', 'SEXUAL_ORIENTATION'),
        # biometric, genetic
        ('je vingerafdruk werd geregistreerd', 'nl', 'BIOMETRIC_DATA'),
        ('empreinte digitale enregistrée', 'fr', 'BIOMETRIC_DATA'),
        ('facial recognition enrolment', 'en', 'BIOMETRIC_DATA'),
        ('resultaat van de DNA-test', 'nl', 'GENETIC_DATA'),
        ('test génétique positif', 'fr', 'GENETIC_DATA'),
        ('carrier of the BRCA1 gene', 'en', 'GENETIC_DATA'),
    ],
)
def test_finds(text: str, lang: str, entity: str) -> None:
    assert entity in entities(text, lang)
    assert entity in entities(text)  # language unknown: all three lists


@pytest.mark.parametrize(
    ('text', 'lang'),
    [
        ('Kerkstraat 12, naast het ziekenhuis', 'nl'),  # "ziek" inside "ziekenhuis"
        ('Ziekenhuisstraat 3, 8000 Brugge', 'nl'),
        ('P.S. Vergeet je badge niet.', 'nl'),  # P.S. in a letter, not the party
        ('PS: ik ben morgen lid van de jury', 'nl'),  # PS: at the start of a postscript
        ('Mr Groen is lid van de raad van bestuur', 'nl'),  # Groen the surname
        ('Jan Groen stemt voor het voorstel', 'nl'),
        ('MR. DUPONT est membre du comité', 'fr'),  # MR. as a title
        ('De partij Groen organiseert een debat', 'nl'),  # a party, but no membership or opinion
        ('Het ACV organiseert een actiedag', 'nl'),  # a union, but nobody's membership
        ('Université catholique de Louvain', 'fr'),  # catholic university: no cue
        ('KU Leuven, Katholieke Universiteit', 'nl'),
        ('Could you price the version without a fingerprint reader?', 'en'),  # a device
        ('empreinte carbone de l’entreprise', 'fr'),  # carbon footprint
        ('Vakbond: geen', 'nl'),  # label with an empty value
        ('Religion: -', 'en'),
        ('Gezondheidsgegevens worden beveiligd bewaard.', 'nl'),  # a category noun, no fact
        ('We process health data and trade union membership.', 'en'),
        ('données de santé, affiliation syndicale', 'fr'),
        ('Parking A12 en lokaal B03', 'nl'),  # ICD-10 shapes without a diagnosis cue
        ('a first aid course', 'en'),  # "aid" is not the French "Aïd"
        ('Breng je eID mee naar het onthaal', 'nl'),  # the Belgian eID card, not "Eid"
        ('Installeer de software van de CD-ROM', 'nl'),  # not "Rom" people
    ],
)
def test_does_not_find(text: str, lang: str) -> None:
    assert entities(text, lang) == []


@pytest.mark.parametrize('text', ['a first aid course', 'Breng je eID mee', 'CD-ROM drive'])
def test_no_cross_language_homographs(text: str) -> None:
    # table cells are matched against all three languages at once
    assert entities(text) == []


def test_column_mode_counts_cued_words_without_cue() -> None:
    assert entities('ACV', 'nl') == []
    assert entities('ACV', 'nl', column=True) == ['TRADE_UNION_MEMBERSHIP']
    assert entities('katholiek', column=True) == ['RELIGIOUS_BELIEF']
    assert entities('N-VA', column=True) == ['POLITICAL_OPINION']


def test_evidence_holds_the_terms_not_the_text() -> None:
    [m] = special.find('Beste Jan, je ziekteverlof is verlengd.', 'nl')
    assert m.evidence == {'terms': ['ziekteverlof'], 'rule': 'term'}
    assert (m.start, m.end) == (14, 26)
    [m] = special.find('Zij is lid van het ABVV sinds 2019.', 'nl')
    assert m.evidence['rule'] == 'cue' and m.evidence['cue'] == 'lid'


def test_label_value_span() -> None:
    text = 'Naam: Jan Peeters\nVakbond: ACV | Afdeling: IT'
    found = [m for m in special.find(text, 'nl') if m.evidence['rule'] == 'label']
    assert [(text[m.start : m.end], m.entity) for m in found] == [('ACV', 'TRADE_UNION_MEMBERSHIP')]


def test_long_label_sentence_is_not_a_value() -> None:
    # a privacy statement's bullet "Medical data: we only process these data ..." states no value
    assert entities('Diagnosis: we only process these data within the external service for prevention.') == []


def test_icd10() -> None:
    assert icd10.is_code('F32.1') and icd10.is_code('M54') and icd10.is_code('S82.0')
    assert not icd10.is_code('U07.1')  # U is reserved
    assert not icd10.is_code('F3')
    assert [m.entity for m in icd10.find('code ICD-10 M54.5 (lage rugpijn)')] == ['HEALTH_DATA']
    assert list(icd10.find('Lokaal M54 op de eerste verdieping')) == []


def test_regex_is_a_trie_and_compiles_once() -> None:
    rx, groups, _, anchors = special._regex('nl')
    assert {'ziekteverlof', 'medisch', 'acv', 'reintegratietraject', 'integratietraject'} <= set(anchors)
    assert anchors['gevangenis'] == len('in de ')  # anchored past the common words
    assert rx is special._regex('nl')[0]  # cached
    assert set(e for e, _ in groups.values()) == set(special.ENTITIES)
    assert re.compile(special.trie_regex(['ziek', 'ziekte', 'ziekteverlof'])).fullmatch('ziekteverlof')


def test_fold_keeps_offsets() -> None:
    text = 'Élise ÉTAIT malade, Ærø'
    assert len(special.fold(text)) == len(text) and special.fold(text).startswith('elise etait malade')


def test_terms_file_has_every_language() -> None:
    data = special._data()
    for entity in special.ENTITIES:
        assert set(data[entity]['terms']) == {'nl', 'fr', 'en'}, entity
