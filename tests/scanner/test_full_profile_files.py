"""`gdprscan scan --profile full --format json` on real CSV, XLSX, DOCX, EML and TXT files in nl/fr/en."""

from __future__ import annotations

import json
import shutil
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from gdprscan.classifiers.categories import is_special
from gdprscan.scanner.cli import main

STATEMENTS = Path('/work/shared/statements')


def scan(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    code = main(['scan', str(path), '--profile', 'full', '--format', 'json', *extra])
    out = capsys.readouterr().out
    report = json.loads(out)
    findings = report['findings']
    assert code == (1 if any(not f.get('suppressed') for f in findings) else 0)
    return findings  # type: ignore[no-any-return]


def specials(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if is_special(f['entity'])]


def by_entity(findings: list[dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    return [f for f in findings if f['entity'] == entity]


# -- prose ----------------------------------------------------------------------------------------
def test_txt_letter_nl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'brief.txt'
    path.write_text(
        'Beste Jan,\n\nJe ziekteverlof van 3 tot 14 maart is verlengd tot 28 maart.\n\n'
        'Met vriendelijke groeten,\nSofie Claes\n',
        encoding='utf-8',
    )
    findings = scan(path, capsys)
    [health] = specials(findings)
    assert (
        health['entity'] == 'HEALTH_DATA' and health['article'] == '9' and health['categories'] == ['health']
    )
    assert health['location'] == {'line': 3, 'column': 4}
    ev = health['evidence']
    assert ev['term_lists'] == ['HEALTH_DATA terms (nl)']
    assert ev['rule'] in ('salutation', 'name') and 'masked' in ev
    assert 'ziekteverlof' not in json.dumps(health)  # the term is the diagnosis: masked (see reports.md)
    assert 'Jan' not in json.dumps(ev)  # the link is masked
    assert 'value' not in health and health['masked'] != 'ziekteverlof'
    assert by_entity(findings, 'PERSON')


def test_txt_policy_and_statements_have_no_special_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'beleid.txt').write_text(
        'In geval van ziekte bezorgt de werknemer een medisch attest binnen twee werkdagen.\n'
        'Bij een arbeidsongeval verwittigt de werknemer onmiddellijk de preventieadviseur.\n'
        'De syndicale premie wordt door de vakbond uitbetaald aan de vakbondsleden.\n',
        encoding='utf-8',
    )
    (tmp_path / 'policy.txt').write_text(
        'In case of illness the employee must provide a medical certificate. '
        'We process health data and trade union membership only where the law requires it.\n',
        encoding='utf-8',
    )
    for name in ('group-s-nl.txt', 'liantis-en.txt'):
        if (STATEMENTS / name).exists():
            shutil.copy(STATEMENTS / name, tmp_path / name)
    assert specials(scan(tmp_path, capsys)) == []


def test_eml_fr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msg = EmailMessage()
    msg['From'] = 'Marc Lambert <marc.lambert@imprimerie-lambert.be>'
    msg['To'] = 'rh@imprimerie-lambert.be'
    msg['Subject'] = 'absence'
    msg.set_content(
        'Bonjour,\n\nJe suis malade depuis lundi. Je vous envoie le certificat médical ce soir.\n\nMarc\n'
    )
    path = tmp_path / 'absence.eml'
    path.write_bytes(bytes(msg))
    found = specials(scan(path, capsys, '--show-values'))  # the terms only with --show-values
    assert {f['entity'] for f in found} == {'HEALTH_DATA'}
    assert {f['evidence']['terms'][0] for f in found} == {'malade', 'certificat médical'}
    assert all(
        f['evidence']['rule'] in ('first_person', 'addressed', 'nearby', 'identifier', 'name') for f in found
    )


def test_eml_newsletter_is_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msg = EmailMessage()
    msg['From'] = 'info@bedrijf.be'
    msg['To'] = 'personeel@bedrijf.be'
    msg['Subject'] = 'Nieuwsbrief'
    msg.set_content(
        "Beste collega's,\n\nHet ACV en het ABVV kondigen een actiedag aan op 13 februari. "
        'In geval van ziekte die dag: bezorg zoals altijd een medisch attest.\n'
    )
    path = tmp_path / 'nieuwsbrief.eml'
    path.write_bytes(bytes(msg))
    assert specials(scan(path, capsys)) == []


def test_docx_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph('Dear Steven,')
    doc.add_paragraph('We have received your criminal record extract. It is in order.')
    doc.add_paragraph('Kind regards,')
    doc.add_paragraph('Hannah Price')
    doc.add_page_break()
    doc.add_paragraph(
        'General rules: candidates for positions with minors must provide a criminal record '
        'extract. In case of illness employees must send a medical certificate.'
    )
    path = tmp_path / 'letter.docx'
    doc.save(str(path))
    found = specials(scan(path, capsys))
    assert [f['entity'] for f in found] == ['CRIMINAL_DATA']
    assert found[0]['article'] == '10' and found[0]['location']['paragraph'] == 2
    assert found[0]['evidence']['rule'] in ('salutation', 'addressed')


def test_docx_policy_nl_is_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading('Arbeidsreglement', 1)
    doc.add_paragraph('In geval van ziekte bezorgt de werknemer een medisch attest.')
    doc.add_paragraph(
        'Elke werknemer kan na een burn-out een re-integratietraject aanvragen bij de arbeidsgeneesheer.'
    )
    doc.add_paragraph(
        'Voor een functie met kinderen moet de kandidaat een uittreksel uit het strafregister voorleggen.'
    )
    path = tmp_path / 'reglement.docx'
    doc.save(str(path))
    assert specials(scan(path, capsys)) == []


def write_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        if line:
            c.drawString(72, y, line)
        y -= 20
    c.showPage()
    c.save()
    return path


def test_pdf_fr_letter_and_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pdf(
        tmp_path / 'lettre.pdf',
        [
            'Madame Sophie Lejeune,',
            '',
            'Nous avons bien reçu votre certificat médical du 3 mars.',
            "Votre incapacité de travail est enregistrée jusqu'au 14 mars.",
            '',
            'Service du personnel',
        ],
    )
    write_pdf(
        tmp_path / 'reglement.pdf',
        [
            'Règlement de travail',
            '',
            'En cas de maladie, le travailleur remet un certificat médical dans les deux jours.',
            'Tout accident du travail est déclaré le jour même au conseiller en prévention.',
        ],
    )
    found = specials(scan(tmp_path, capsys, '--show-values'))  # the terms only with --show-values
    assert {f['source'] for f in found} == {'lettre.pdf'}
    assert {f['evidence']['terms'][0] for f in found} == {'certificat médical', 'incapacité de travail'}
    assert all(f['location']['page'] == 1 for f in found)


# -- tables ---------------------------------------------------------------------------------------
def test_csv_people_table_nl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'personeel.csv'
    path.write_text(
        'voornaam;naam;rijksregisternummer;vakbond;burgerlijke staat;opmerking\n'
        'Xylander;Peeters;85.07.30-033.28;ACV;gehuwd;ziek sinds 3/3\n'
        'Quirijntje;Claes;17.07.30-033.84;geen;ongehuwd;\n'
        'Brunhilde;Maes;90.02.01-997.57;ABVV;gehuwd;\n',
        encoding='utf-8',
    )
    findings = scan(path, capsys)
    first = by_entity([f for f in findings if f['location'].get('column') == 'voornaam'], 'PERSON')
    assert [f['location']['row'] for f in first] == [1, 2, 3]  # names in no list, by column
    assert first[0]['evidence']['rule'] == 'column' and first[0]['recognizer'] == 'column_classifier'
    union = by_entity(findings, 'TRADE_UNION_MEMBERSHIP')
    assert [f['location']['row'] for f in union] == [1, 3]  # row 2 says "geen"
    assert all(f['evidence']['rule'] in ('table_row', 'table') and f['evidence']['link'] for f in union)
    assert union[0]['evidence']['masked'] == '**.**.**-***.28'  # the row's national number, masked
    [health] = by_entity(findings, 'HEALTH_DATA')
    assert health['location'] == {'column': 'opmerking', 'row': 1, 'line': 2}
    [family] = by_entity(findings, 'FAMILY_DATA')
    assert family['location'] == {'column': 'burgerlijke staat'} and family['categories'] == ['family']


def test_csv_linked_by_employee_key_with_fingerprint_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an export of a link table: no name in it, but employee_id points at a person
    import base64

    path = tmp_path / 'badges.csv'
    rows = [f'{i},B-{i:05d},{base64.b64encode(bytes(range(i, i + 64))).decode()}' for i in range(1, 4)]
    path.write_text('employee_id,badge_no,vingerafdruk\n' + '\n'.join(rows) + '\n', encoding='utf-8')
    bio = by_entity(scan(path, capsys), 'BIOMETRIC_DATA')
    assert [f['location']['row'] for f in bio] == [1, 2, 3]
    assert bio[0]['evidence']['link'] == 'person_key' and bio[0]['evidence']['by'] == 'both'
    assert bio[0]['article'] == '9' and bio[0]['masked'].count('*') > 60  # the template is masked


def test_jsonl_payslips_link_each_union_to_its_own_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {
            'werknemer': {'naam': 'Didier Faes', 'insz': '85.07.30-033.28'},
            'inhoudingen': [{'code': 'VAKBOND', 'organisatie': 'ACV', 'bedrag': 13.5}],
        },
        {
            'werknemer': {'naam': 'Maria Renard', 'insz': '17.07.30-033.84'},
            'inhoudingen': [{'code': 'RSZ', 'organisatie': 'RSZ', 'bedrag': 486.0}],
        },
        {
            'werknemer': {'naam': 'Anna Taylor', 'insz': '90.02.01-997.57'},
            'inhoudingen': [{'code': 'VAKBOND', 'organisatie': 'FGTB', 'bedrag': 13.5}],
        },
    ]
    path = tmp_path / 'loonfiches.jsonl'
    path.write_text(''.join(json.dumps(r) + '\n' for r in records), encoding='utf-8')
    union = by_entity(scan(path, capsys), 'TRADE_UNION_MEMBERSHIP')
    assert [f['location']['line'] for f in union] == [1, 3]
    assert union[0]['evidence']['cue'] == 'vakbond'
    assert union[0]['evidence']['masked'] in ('**.**.**-***.28', '****** ****')  # its own record's person


def test_csv_product_table_is_not_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'producten.csv'
    path.write_text(
        'artikel;naam;iban;prijs\n'
        'A-100;Zeep lavendel;PRD-0001;3,50\n'
        'A-101;Handcrème ziekenhuisformule;PRD-0002;7,20\n'
        'A-102;Groen thee-extract;PRD-0003;4,10\n',
        encoding='utf-8',
    )
    findings = scan(path, capsys)
    assert by_entity(findings, 'PERSON') == [] and by_entity(findings, 'IBAN_CODE') == []
    assert specials(findings) == []


def test_xlsx_fr_syndicat_and_diagnosis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Personnel'
    ws.append(['prénom', 'nom', 'courriel', 'syndicat', 'diagnostic', 'commission paritaire'])
    ws.append(['Thomas', 'Lambert', 'thomas.lambert@exemple.be', 'CSC', 'F32.1', '200'])
    ws.append(['Céline', 'Martin', 'celine.martin@exemple.be', 'FGTB', 'M54.5', '200'])
    ws.append(['Olivier', 'Simon', 'olivier.simon@exemple.be', 'aucun', '', '124'])
    products = wb.create_sheet('Produits')
    products.append(['code', 'nom', 'prix'])
    products.append(['A-1', 'Savon lavande', 3.5])
    products.append(['A-2', 'Crème mains', 7.2])
    path = tmp_path / 'personnel.xlsx'
    wb.save(str(path))
    findings = scan(path, capsys)
    union = by_entity(findings, 'TRADE_UNION_MEMBERSHIP')
    assert [(f['location']['sheet'], f['location']['row']) for f in union] == [
        ('Personnel', 1),
        ('Personnel', 2),
    ]
    health = by_entity(findings, 'HEALTH_DATA')
    assert [f['location']['row'] for f in health] == [1, 2] and all(f['article'] == '9' for f in health)
    assert health[0]['evidence']['link'] == 'EMAIL_ADDRESS'
    assert [f['location'] for f in by_entity(findings, 'PROFESSIONAL_DATA')] == [
        {'sheet': 'Personnel', 'column': 'commission paritaire'}
    ]
    assert not [f for f in findings if f['location'].get('sheet') == 'Produits']


def test_xlsx_en_without_people_has_no_special_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(['topic', 'owner team', 'notes'])
    ws.append(['Sick leave policy', 'HR', 'employees must send a medical certificate'])
    ws.append(['Union premium', 'Payroll', 'paid by the union to union members'])
    path = tmp_path / 'topics.xlsx'
    wb.save(str(path))
    assert specials(scan(path, capsys)) == []


def test_identifier_profile_imports_nothing_of_the_full_profile(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / 'a.txt').write_text('Beste Jan, je ziekteverlof is verlengd.\n', encoding='utf-8')
    code = (
        'import sys\nfrom gdprscan.scanner.cli import main\n'
        f'main(["scan", {str(tmp_path)!r}, "--format", "jsonl"])\n'
        'bad = [m for m in sys.modules if m.split(".")[-1] in '
        '("full_profile", "special", "about_person", "columns", "person", "location")]\n'
        'print("LOADED", bad)\n'
    )
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=False).stdout
    assert 'LOADED []' in out
