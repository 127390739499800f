"""E-mail extraction on real .eml files written with the stdlib email package."""
from __future__ import annotations

import json
from email.message import EmailMessage

import docx

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import eml

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def message(body, html=None):
    m = EmailMessage()
    m['From'] = 'Jan Peeters <jan.peeters@example.be>'
    m['To'] = 'hr@example.be'
    m['Subject'] = 'Ziekteverlof: =?utf-8?q?attest?='
    m.set_content(body)
    if html:
        m.add_alternative(html, subtype='html')
    return m


def test_headers_body_and_text_attachment(tmp_path, capsys):
    m = message(f'Beste,\n\nIn bijlage mijn attest.\nMijn rijksregisternummer is {RRN}.\n\nJan\n')
    m.add_attachment(f'naam;iban\nJan Peeters;{IBAN}\n'.encode('cp1252'), maintype='text', subtype='csv',
                     filename='loon.csv')
    path = tmp_path / 'ziek.eml'
    path.write_bytes(bytes(m))
    code, rows = scan(capsys, path)
    assert code == 1
    assert [(r['entity'], r['location']) for r in rows] == [
        ('EMAIL_ADDRESS', {'header': 'From'}),
        ('EMAIL_ADDRESS', {'header': 'To'}),
        ('BE_NATIONAL_NUMBER', {'line': 4, 'column': 29}),
        ('IBAN_CODE', {'attachment': 'loon.csv', 'column': 'iban', 'row': 1, 'line': 2}),
    ]


def test_html_alternative_not_reported_twice_and_html_only_body(tmp_path, capsys):
    both = message(f'IBAN {IBAN}\n', html=f'<p>IBAN&nbsp;<b>{IBAN}</b></p>')
    html_only = EmailMessage()
    html_only['Subject'] = 'loon'
    html_only.set_content(f'<html><style>p{{}}</style><p>Hallo</p><p>INSZ: {RRN}</p></html>', subtype='html')
    (tmp_path / 'both.eml').write_bytes(bytes(both))
    (tmp_path / 'html.eml').write_bytes(bytes(html_only))
    code, rows = scan(capsys, tmp_path)
    body = [(r['source'], r['entity'], r['location']) for r in rows if 'line' in r['location']]
    assert body == [
        ('both.eml', 'IBAN_CODE', {'line': 1, 'column': 6}),
        ('html.eml', 'BE_NATIONAL_NUMBER', {'line': 2, 'column': 7}),
    ]
    units = [u.text for u in eml.extract(tmp_path / 'html.eml')]
    assert units == ['loon', f'Hallo\nINSZ: {RRN}']


def test_docx_attachment_and_forwarded_mail(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph('Uittreksel strafregister aangevraagd')
    d.add_paragraph(f'INSZ {RRN}')
    letter = tmp_path / 'brief.docx'
    d.save(letter)
    inner = message('doorgestuurd', html=None)
    inner.add_attachment(letter.read_bytes(), maintype='application',
                         subtype='vnd.openxmlformats-officedocument.wordprocessingml.document',
                         filename='brief.docx')
    outer = EmailMessage()
    outer['Subject'] = 'Fwd'
    outer.set_content('zie bijlage')
    outer.add_attachment(inner)
    png = b'\x89PNG\r\n\x1a\n\x00\x00\x00'
    outer.add_attachment(png, maintype='image', subtype='png', filename='logo.png')
    path = tmp_path / 'fwd.eml'
    path.write_bytes(bytes(outer))
    letter.unlink()
    code, rows = scan(capsys, tmp_path)
    assert [(r['entity'], r['location']) for r in rows] == [
        ('EMAIL_ADDRESS', {'attachment': '#1', 'header': 'From'}),  # the forwarded message's headers
        ('EMAIL_ADDRESS', {'attachment': '#1', 'header': 'To'}),
        ('BE_NATIONAL_NUMBER', {'attachment': '#1/brief.docx', 'paragraph': 2}),
    ]  # the PNG is skipped as binary


def test_broken_attachment_keeps_the_body_findings_and_reports_the_attachment(tmp_path, capsys):
    m = message(f'INSZ {RRN}\n')
    m.add_attachment(b'PK\x03\x04 not really a zip', maintype='application', subtype='octet-stream',
                     filename='contract.docx')
    (tmp_path / 'kapot.eml').write_bytes(bytes(m))
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r['entity'], r['location']) for r in rows] == [
        ('EMAIL_ADDRESS', {'header': 'From'}),
        ('EMAIL_ADDRESS', {'header': 'To'}),
        ('BE_NATIONAL_NUMBER', {'line': 1, 'column': 6}),  # read before the attachment failed
    ]
    reason = 'attachment 1 (contract.docx): corrupt or truncated Word document (BadZipFile)'
    assert err == f'gdprscan: kapot.eml: {reason}\n'


def test_single_part_message_that_is_a_document(tmp_path, capsys):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / 'scan.pdf'
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 800, f'IBAN {IBAN}')
    c.save()
    m = EmailMessage()
    m['Subject'] = 'scan'
    m.set_content(pdf.read_bytes(), maintype='application', subtype='pdf', filename='scan.pdf')
    pdf.unlink()
    (tmp_path / 'scanner.eml').write_bytes(bytes(m))
    code, rows = scan(capsys, tmp_path)
    assert [r['location'] for r in rows] == [{'attachment': 'scan.pdf', 'page': 1, 'line': 1}]
