"""PDF extraction on real PDFs written with reportlab: page and line of each finding."""
from __future__ import annotations

import json

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import pdf

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def write_pdf(path, pages):
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 20
        c.showPage()
    c.save()
    return path


def test_page_and_line(tmp_path, capsys):
    path = write_pdf(tmp_path / 'attest.pdf', [
        ['Medisch attest', 'Werknemer: Jan Peeters', f'Rekening: IBAN {IBAN}'],
        [],  # an empty page
        ['Bijlage', 'Opmerkingen', 'geen', f'Rijksregisternummer: {RRN}'],
    ])
    code, rows = scan(capsys, path)
    assert code == 1
    assert [(r['entity'], r['location']) for r in rows] == [
        ('IBAN_CODE', {'page': 1, 'line': 3}),
        ('BE_NATIONAL_NUMBER', {'page': 3, 'line': 4}),
    ]
    assert all(r['score'] == 0.95 for r in rows)


def test_units_per_page(tmp_path):
    path = write_pdf(tmp_path / 'p.pdf', [['een'], ['twee', 'drie']])
    assert [(u.text, u.location, u.track) for u in pdf.extract(path) if 'property' not in u.location] == [
        ('een', {'page': 1, 'line': 1}, 'line'),
        ('twee\ndrie', {'page': 2, 'line': 1}, 'line'),
    ]


def test_pdf_without_text_layer_is_an_error(tmp_path, capsys):
    path = write_pdf(tmp_path / 'scan.pdf', [[], []])  # pages without text, like a scanned image
    assert main(['scan', str(path), '--format', 'jsonl']) == 0
    out, err = capsys.readouterr()
    assert out == ''
    assert err == f'gdprscan: {path}: no text layer (scanned image?); PDF not scanned, OCR is not supported\n'


def test_filled_in_form_fields(tmp_path, capsys):
    path = tmp_path / 'formulier.pdf'
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 800, 'Aanvraag uittreksel strafregister')
    c.showPage()
    c.drawString(72, 800, 'Gegevens kandidaat')
    c.acroForm.textfield(name='insz', value=RRN, x=72, y=700, width=200, height=20)
    c.acroForm.textfield(name='naam', value='Jan Peeters', x=72, y=650, width=200, height=20)
    c.acroForm.textfield(name='opmerking', value='', x=72, y=600, width=200, height=20)
    c.save()
    units = [(u.text, u.location) for u in pdf.extract(path) if 'property' not in u.location]
    assert units == [
        ('Aanvraag uittreksel strafregister', {'page': 1, 'line': 1}),
        ('Gegevens kandidaat', {'page': 2, 'line': 1}),
        (f'insz: {RRN}', {'page': 2, 'field': 'insz'}),  # the field name is context
        ('naam: Jan Peeters', {'page': 2, 'field': 'naam'}),
    ]
    code, rows = scan(capsys, path)
    assert [(r['location'], r['score']) for r in rows] == [({'page': 2, 'field': 'insz'}, 0.95)]


def test_document_information_is_scanned(tmp_path, capsys):
    """A payroll run puts the employee in the PDF's title and author (QA4 Q32)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / 'loonfiche.pdf'
    c = canvas.Canvas(str(path))
    c.setTitle('Loonfiche 85.07.30-033.28')
    c.setAuthor('Marie Dubois')
    c.drawString(100, 750, 'Loonfiche maart 2024')
    c.save()
    assert [(u.text, u.location) for u in pdf.extract(path) if 'property' in u.location][:2] == [
        ('Loonfiche 85.07.30-033.28', {'property': 'title'}),
        ('Marie Dubois', {'property': 'author'}),
    ]
    assert main(['scan', str(path), '--profile', 'full', '--format', 'jsonl']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'property': 'title'}),
        ('PERSON', {'property': 'author'}),
    ]
