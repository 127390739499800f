"""DOCX extraction on real documents written with python-docx."""
from __future__ import annotations

import json

import docx
import pytest

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import docx as docx_extractor

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def scan(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl'])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def letter(tmp_path):
    d = docx.Document()
    d.add_paragraph('Betreft: uw loonbrief')
    d.add_paragraph('')
    d.add_paragraph(f'Uw rijksregisternummer {RRN} staat op de loonbrief.')
    table = d.add_table(rows=3, cols=3)
    for c, text in enumerate(('Naam', 'Rekening', 'Bedrag')):
        table.cell(0, c).text = text
    table.cell(1, 0).text = 'Jan Peeters'
    table.cell(1, 1).text = IBAN
    table.cell(1, 2).text = 'EUR 2.450,00'
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = 'Totaal'
    section = d.sections[0]
    section.header.paragraphs[0].text = 'HR-dienst, vertrouwelijk'
    section.footer.paragraphs[0].text = f'Dossier INSZ {RRN}'
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = f'Eerste pagina, rekening {IBAN}'
    d.core_properties.author = 'Els Maes'
    path = tmp_path / 'brief.docx'
    d.save(path)
    return path


def test_locations_of_paragraphs_tables_headers_and_footers(letter, capsys):
    code, rows = scan(capsys, letter)
    assert code == 1
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'paragraph': 3}),  # the empty paragraph 2 still counts
        ('IBAN_CODE', {'table': 1, 'row': 2, 'cell': 2}),
        ('IBAN_CODE', {'header': 1, 'variant': 'first', 'paragraph': 1}),
        ('BE_NATIONAL_NUMBER', {'footer': 1, 'paragraph': 1}),
    ]
    assert rows[1]['score'] == 0.95  # the header cell 'Rekening' is context, as for a CSV column


def test_units_merged_cells_once_and_properties(letter):
    units = list(docx_extractor.extract(letter))
    table = [(u.text, u.location) for u in units if 'table' in u.location]
    assert table == [
        ('Naam', {'table': 1, 'row': 1, 'cell': 1}),
        ('Rekening', {'table': 1, 'row': 1, 'cell': 2}),
        ('Bedrag', {'table': 1, 'row': 1, 'cell': 3}),
        ('Naam: Jan Peeters', {'table': 1, 'row': 2, 'cell': 1}),
        (f'Rekening: {IBAN}', {'table': 1, 'row': 2, 'cell': 2}),
        ('Bedrag: EUR 2.450,00', {'table': 1, 'row': 2, 'cell': 3}),
        ('Naam: Totaal', {'table': 1, 'row': 3, 'cell': 1}),  # merged over two columns: reported once
    ]
    pairs = [(u.text, u.location) for u in units]
    assert ('Els Maes', {'property': 'author'}) in pairs
    assert ('HR-dienst, vertrouwelijk', {'header': 1, 'paragraph': 1}) in pairs


def test_linked_header_of_second_section_not_repeated(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = f'INSZ {RRN}'
    d.add_paragraph('deel 1')
    d.add_section()
    d.add_paragraph('deel 2')
    path = tmp_path / 'twee.docx'
    d.save(path)
    headers = [u.location for u in docx_extractor.extract(path) if 'header' in u.location]
    assert headers == [{'header': 1, 'paragraph': 1}]


def test_comment_is_scanned(tmp_path, capsys):
    d = docx.Document()
    p = d.add_paragraph('Evaluatie')
    d.add_comment(p.runs, text=f'INSZ {RRN} nakijken', author='HR')
    path = tmp_path / 'commentaar.docx'
    d.save(path)
    code, rows = scan(capsys, path)
    assert [r['location'] for r in rows] == [{'comment': 1, 'paragraph': 1}]


W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
TEXTBOX_RUN = f'''<w:r xmlns:w="{W}"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml">
 <mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
   <w:p><w:r><w:t>Adres</w:t></w:r></w:p><w:p><w:r><w:t>INSZ</w:t><w:tab/><w:t>{RRN}</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
   <w:p><w:r><w:t>Adres</w:t></w:r></w:p><w:p><w:r><w:t>INSZ</w:t><w:tab/><w:t>{RRN}</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent>
</w:r>'''
FOOTNOTES = f'''<w:footnotes xmlns:w="{W}">
 <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
 <w:footnote w:type="continuationSeparator" w:id="0">
  <w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
 <w:footnote w:id="1"><w:p><w:r><w:t>Zie bijlage.</w:t></w:r></w:p></w:footnote>
 <w:footnote w:id="2"><w:p><w:r><w:t>Gestort op rekening {IBAN}.</w:t></w:r></w:p></w:footnote>
</w:footnotes>'''


def add_footnotes(path):
    """Add a footnotes part the way Word stores it: the part, a relationship and a content type."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    rels = parts['word/_rels/document.xml.rels'].decode()
    parts['word/_rels/document.xml.rels'] = rels.replace('</Relationships>', (
        '<Relationship Id="rId99" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes"/></Relationships>')).encode()
    types = parts['[Content_Types].xml'].decode()
    parts['[Content_Types].xml'] = types.replace('</Types>', (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>')).encode()
    parts['word/footnotes.xml'] = FOOTNOTES.encode()
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_text_box_and_footnote(tmp_path, capsys):
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph('Briefhoofd')
    p._p.append(parse_xml(TEXTBOX_RUN))
    path = tmp_path / 'sjabloon.docx'
    d.save(path)
    add_footnotes(path)
    units = [(u.text, u.location) for u in docx_extractor.extract(path)]
    assert ('Briefhoofd', {'paragraph': 1}) in units  # the paragraph's own text, without the box
    assert [u for u in units if 'textbox' in u[1]] == [  # once, though Word stores a box twice
        ('Adres', {'textbox': 1, 'paragraph': 1}),
        (f'INSZ\t{RRN}', {'textbox': 1, 'paragraph': 2}),
    ]
    code, rows = scan(capsys, path)
    assert [(r['entity'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', {'textbox': 1, 'paragraph': 2}),
        ('IBAN_CODE', {'footnote': 2, 'paragraph': 1}),
    ]
