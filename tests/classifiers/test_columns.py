"""Column classification: header synonyms (nl/fr/en) together with the share of values that match."""

from __future__ import annotations

import base64

import pytest
from gdprscan.classifiers.columns import ColumnClass
from gdprscan.classifiers.columns import classify_column
from gdprscan.classifiers.columns import header_entity
from gdprscan.classifiers.columns import is_person_key
from gdprscan.classifiers.columns import normalise_header

NATIONAL = ['85.07.30-033.28', '17.07.30-033.84', '85073003328']
IBANS = ['BE71 0961 2345 6769', 'BE71096123456769', 'NL91ABNA0417164300']
PRODUCTS = ['Laptop Dell XPS 13', 'Bureaustoel Ergo Plus', 'Koffiemachine Senseo', 'Printer HP LaserJet']


def test_api_shape() -> None:
    cc = classify_column('rijksregisternummer', NATIONAL)
    assert isinstance(cc, ColumnClass)
    assert cc == ColumnClass('BE_NATIONAL_NUMBER', ('identification',), '6', 1.0, 3, 'both')
    with pytest.raises(AttributeError):
        cc.entity = 'X'  # type: ignore[misc]  # frozen


@pytest.mark.parametrize(
    'header', ['DateNaissance', 'date_de_naissance', 'Date de naissance', 'DATE-NAISSANCE']
)
def test_normalise_header(header: str) -> None:
    assert header_entity(header) == 'DATE_OF_BIRTH'
    assert 'naissance' in normalise_header(header)


@pytest.mark.parametrize(
    ('header', 'entity'),
    [
        ('rijksregisternummer', 'BE_NATIONAL_NUMBER'),
        ('INSZ', 'BE_NATIONAL_NUMBER'),
        ('niss', 'BE_NATIONAL_NUMBER'),
        ('rrn', 'BE_NATIONAL_NUMBER'),
        ('numéro national', 'BE_NATIONAL_NUMBER'),
        ('iban', 'IBAN_CODE'),
        ('Rekeningnummer', 'IBAN_CODE'),
        ('numero_de_compte', 'IBAN_CODE'),
        ('e-mail', 'EMAIL_ADDRESS'),
        ('adresse_mail', 'EMAIL_ADDRESS'),
        ('email_adres', 'EMAIL_ADDRESS'),
        ('gsm', 'PHONE_NUMBER'),
        ('téléphone', 'PHONE_NUMBER'),
        ('voornaam', 'PERSON'),
        ('prénom', 'PERSON'),
        ('first_name', 'PERSON'),
        ('FirstName', 'PERSON'),
        ('naam', 'PERSON'),
        ('nom', 'PERSON'),
        ('adres', 'LOCATION'),
        ('adresse', 'LOCATION'),
        ('geboortedatum', 'DATE_OF_BIRTH'),
        ('dob', 'DATE_OF_BIRTH'),
        ('vakbond', 'TRADE_UNION_MEMBERSHIP'),
        ('syndicat', 'TRADE_UNION_MEMBERSHIP'),
        ('diagnose', 'HEALTH_DATA'),
        ('code_icd10', 'HEALTH_DATA'),
        ('strafregister', 'CRIMINAL_DATA'),
        ('casier_judiciaire', 'CRIMINAL_DATA'),
        ('religie', 'RELIGIOUS_BELIEF'),
        ('vingerafdruk', 'BIOMETRIC_DATA'),
        ('empreinte_digitale', 'BIOMETRIC_DATA'),
        ('dna_test', 'GENETIC_DATA'),
        ('politieke_partij', 'POLITICAL_OPINION'),
        ('orientation sexuelle', 'SEXUAL_ORIENTATION'),
        ('etniciteit', 'ETHNIC_ORIGIN'),
        ('omschrijving', None),  # a description: nothing
        ('totaal', None),  # ends in "taal" but is no language column
    ],
)
def test_header_entity(header: str, entity: str | None) -> None:
    assert header_entity(header) == entity


def test_national_numbers_by_header_and_by_data() -> None:
    named = classify_column('INSZ', NATIONAL)
    assert named is not None and named.entity == 'BE_NATIONAL_NUMBER' and named.evidence == 'both'
    unnamed = classify_column('col7', NATIONAL + [''])
    assert unnamed is not None and unnamed.entity == 'BE_NATIONAL_NUMBER'
    assert unnamed.evidence == 'data' and unnamed.sampled == 3 and unnamed.share == 1.0


def test_iban_header_full_of_product_codes_is_not_iban() -> None:
    assert classify_column('iban', ['PRD-0001', 'PRD-0002', 'PRD-0003']) is None
    assert classify_column('iban', IBANS).entity == 'IBAN_CODE'  # type: ignore[union-attr]


def test_entity_counts_from_the_caller_are_used() -> None:
    # the caller (database scanner) already ran the recognisers: 2 of 4 values were IBANs
    cc = classify_column('rekening', ['x', 'y', 'z', 'w'], {'IBAN_CODE': 2})
    assert cc is not None and cc.entity == 'IBAN_CODE' and cc.share == 0.5
    assert classify_column('rekening', ['x', 'y', 'z', 'w'], {'IBAN_CODE': 0}) is None
    assert classify_column('kolom', ['x', 'y', 'z'], {'EMAIL_ADDRESS': 3}).entity == 'EMAIL_ADDRESS'  # type: ignore[union-attr]


def test_named_column_without_values_is_classified_by_name() -> None:
    cc = classify_column('rijksregisternummer', [])
    assert cc is not None and cc.evidence == 'name' and cc.sampled == 0


def test_first_names_in_no_list_are_person_by_header() -> None:
    values = ['Xylander', 'Quirijntje', 'Zoë-Amber', 'Brunhilde', 'Okwudili']
    cc = classify_column('voornaam', values)
    assert cc is not None and cc.entity == 'PERSON' and cc.categories == ('identification',)
    assert classify_column('prénom', values).entity == 'PERSON'  # type: ignore[union-attr]


def test_naam_with_product_names_is_not_person() -> None:
    assert classify_column('naam', PRODUCTS) is None
    assert classify_column('productnaam', ['Jan', 'Piet']) is None  # a product's name, by header


def test_naam_with_people_is_person() -> None:
    cc = classify_column('naam', ['Jan Peeters', 'Sofie Claes', 'Marc Dubois', 'Fatima El Amrani'])
    assert cc is not None and cc.entity == 'PERSON' and cc.evidence == 'both'


def test_unnamed_column_of_full_names_is_person_by_data() -> None:
    cc = classify_column('col3', ['Jan Peeters', 'Sofie Claes', 'Marc Dubois', 'An Janssens'])
    assert cc is not None and cc.entity == 'PERSON' and cc.evidence == 'data'
    assert classify_column('col4', PRODUCTS) is None


def test_voornaam_of_numbers_is_not_person() -> None:
    assert classify_column('voornaam', ['1', '2', '3', '4']) is None


@pytest.mark.parametrize(
    ('header', 'values', 'category'),
    [
        ('burgerlijke staat', ['gehuwd', 'ongehuwd'], 'family'),
        ('état civil', ['marié'], 'family'),
        ('personen_ten_laste', ['2', '0'], 'family'),
        ('dependants', ['1'], 'family'),
        ('paritair comité', ['200', '124'], 'professional'),
        ('commission_paritaire', ['200'], 'professional'),
        ('functie', ['boekhouder'], 'professional'),
        ('job title', ['accountant'], 'professional'),
        ('anciënniteit', ['12'], 'professional'),
        ('brutoloon', ['3250,00'], 'financial'),
        ('salaire', ['2900'], 'financial'),
        ('salary', ['4100'], 'financial'),
        ('diploma', ['master'], 'education'),
        ('taal', ['NL'], 'language'),
        ('langue', ['FR'], 'language'),
        ('gewicht', ['72'], 'physical'),
    ],
)
def test_art6_categories_without_entity(header: str, values: list[str], category: str) -> None:
    cc = classify_column(header, values)
    assert cc is not None and cc.entity is None
    assert cc.categories == (category,) and cc.article == '6' and cc.evidence == 'name'


@pytest.mark.parametrize(
    ('header', 'values', 'entity', 'article', 'evidence'),
    [
        ('vakbond', ['ACV', 'ABVV', 'ACLVB'], 'TRADE_UNION_MEMBERSHIP', '9', 'both'),
        ('syndicat', ['CSC', 'FGTB'], 'TRADE_UNION_MEMBERSHIP', '9', 'both'),
        ('vakbond', ['ja', 'ja', 'nee'], 'TRADE_UNION_MEMBERSHIP', '9', 'name'),  # by header only
        ('diagnose', ['F32.1', 'M54.5', 'S82.0'], 'HEALTH_DATA', '9', 'both'),  # ICD-10 codes
        ('strafregister', ['blanco', 'blanco'], 'CRIMINAL_DATA', '10', 'name'),
        ('religie', ['katholiek', 'moslim'], 'RELIGIOUS_BELIEF', '9', 'both'),
        ('partij', ['N-VA', 'PS', 'Groen'], 'POLITICAL_OPINION', '9', 'both'),
    ],
)
def test_special_columns(header: str, values: list[str], entity: str, article: str, evidence: str) -> None:
    cc = classify_column(header, values)
    assert cc is not None
    assert (cc.entity, cc.article, cc.evidence) == (entity, article, evidence)


def test_binary_fingerprint_column() -> None:
    templates = [base64.b64encode(bytes(range(i, i + 60))).decode() for i in range(5)]
    cc = classify_column('vingerafdruk', templates)
    assert cc is not None and cc.entity == 'BIOMETRIC_DATA' and cc.evidence == 'both'
    # a BLOB column the database scanner could not render as text: no values, still biometric
    assert classify_column('fingerprint_template', []).entity == 'BIOMETRIC_DATA'  # type: ignore[union-attr]


def test_birth_dates_need_plausible_dates() -> None:
    assert classify_column('geboortedatum', ['30/07/1985', '1990-01-02']).entity == 'DATE_OF_BIRTH'  # type: ignore[union-attr]
    assert classify_column('geboortedatum', ['onbekend', 'n.v.t.', 'later']) is None


def test_unknown_column_of_words_is_nothing() -> None:
    assert classify_column('opmerking', ['ok', 'te bekijken', 'dringend']) is None


@pytest.mark.parametrize(
    ('header', 'key'),
    [
        ('employee_id', True),
        ('werknemer_id', True),
        ('personeelsnummer', True),
        ('matricule', True),
        ('EmployeeId', True),
        ('klant_nr', True),
        ('product_id', False),  # a product, not a person
        ('order_nr', False),
        ('id', False),  # the table's own key says nothing about people
    ],
)
def test_person_keys(header: str, key: bool) -> None:
    assert is_person_key(header) is key
