"""QA4 Q14/Q30: a DOCX scan reads tracked changes (inserted and deleted text, revision authors),
comments with their authors, and deleted text in tables and footnotes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import docx as docx_extractor

RRN = '85.07.30-033.28'
IBAN = 'BE97 3106 6447 5449'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WHEN = 'w:date="2024-03-01T10:00:00Z"'
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0">
<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Bron: dossier. </w:t></w:r>
<w:del w:id="301" w:author="Luc Janssens" {WHEN}>
<w:r><w:delText>rekening {IBAN}</w:delText></w:r></w:del></w:p>
</w:footnote></w:footnotes>"""


def _add_part(path: Path, name: str, content_type: str, reltype: str, xml: str) -> None:
    """Add an XML part the way Word does: the member, its content type, a relationship from the document."""
    with zipfile.ZipFile(path) as z:
        members = {info.filename: z.read(info) for info in z.infolist()}
    override = f'<Override PartName="/word/{name}" ContentType="{content_type}"/>'
    types = '[Content_Types].xml'
    members[types] = members[types].replace(b'</Types>', override.encode() + b'</Types>')
    rel = f'<Relationship Id="rIdQa4{len(members)}" Type="{reltype}" Target="{name}"/>'
    rels = 'word/_rels/document.xml.rels'
    members[rels] = members[rels].replace(b'</Relationships>', rel.encode() + b'</Relationships>')
    members[f'word/{name}'] = xml.encode('utf-8')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)


def _reviewed_docx(path: Path) -> None:
    """A reviewed evaluation: a comment, an inserted national number, deleted IBAN and diagnosis (in a
    paragraph, a table cell and a footnote), all by named reviewers."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    intro = document.add_paragraph('Evaluatie medewerker.')
    document.add_comment(intro.runs, text=f'INSZ {RRN} nakijken', author='Marie Dubois', initials='MD')
    p = document.add_paragraph('INSZ: ')
    p._p.append(
        parse_xml(f'<w:ins {W} w:id="101" w:author="Marie Dubois" {WHEN}><w:r><w:t>{RRN}</w:t></w:r></w:ins>')
    )
    p._p.append(
        parse_xml(
            f'<w:del {W} w:id="102" w:author="Marie Dubois" {WHEN}>'
            f'<w:r><w:delText>IBAN {IBAN}, ziek wegens depressie</w:delText></w:r></w:del>'
        )
    )
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = 'Naam', 'Opmerking'
    table.rows[1].cells[0].text = 'Jan Peeters'
    cell_p = table.rows[1].cells[1].paragraphs[0]
    cell_p._p.append(
        parse_xml(
            f'<w:del {W} w:id="201" w:author="Marie Dubois" {WHEN}>'
            f'<w:r><w:delText>IBAN {IBAN}</w:delText></w:r></w:del>'
        )
    )
    note = document.add_paragraph('Zie voetnoot.')
    note._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
    document.save(str(path))
    _add_part(
        path,
        'footnotes.xml',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml',
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes',
        FOOTNOTES,
    )


def test_extractor_reads_inserted_deleted_text_and_authors(tmp_path: Path) -> None:
    _reviewed_docx(tmp_path / 'evaluatie.docx')
    extracted = docx_extractor.extract(tmp_path / 'evaluatie.docx')
    units = {(json.dumps(u.location, sort_keys=True), u.text) for u in extracted}
    texts = {loc: text for loc, text in units}
    assert texts['{"paragraph": 2}'] == f'INSZ: {RRN}'  # the insertion is part of its paragraph
    assert texts['{"paragraph": 2, "revision": "deleted"}'] == f'IBAN {IBAN}, ziek wegens depressie'
    assert texts['{"cell": 2, "revision": "deleted", "row": 2, "table": 1}'] == f'IBAN {IBAN}'
    assert texts['{"footnote": 1, "paragraph": 1, "revision": "deleted"}'] == f'rekening {IBAN}'
    assert texts['{"footnote": 1, "paragraph": 1}'] == 'Bron: dossier. '
    assert texts['{"comment": 1, "paragraph": 1}'] == f'INSZ {RRN} nakijken'
    assert texts['{"comment": 1, "property": "author"}'] == 'Marie Dubois'
    authors = sorted(text for loc, text in units if loc == '{"property": "revision_author"}')
    assert authors == ['Luc Janssens', 'Marie Dubois']  # each author once, from every story part


def test_paragraph_texts_leave_nested_text_boxes_to_their_own_paragraph() -> None:
    from docx.oxml import parse_xml

    p = parse_xml(
        f'<w:p {W}><w:r><w:t>Voor </w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r>'
        f'<w:t>in het vak</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>'
        f'<w:ins w:id="1"><w:r><w:t>na</w:t><w:tab/></w:r></w:ins>'
        f'<w:del w:id="2"><w:r><w:delText>weg</w:delText></w:r></w:del></w:p>'
    )
    assert docx_extractor.paragraph_texts(p) == ('Voor na\t', 'weg')


@pytest.mark.parametrize('profile', ('identifiers', 'full'))
def test_scan_reports_inserted_and_deleted_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], profile: str
) -> None:
    _reviewed_docx(tmp_path / 'evaluatie.docx')
    assert main(['scan', str(tmp_path), '--profile', profile, '--format', 'jsonl']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {(r['entity'], json.dumps(r['location'], sort_keys=True)) for r in rows}
    assert ('BE_NATIONAL_NUMBER', '{"paragraph": 2}') in found
    assert ('IBAN_CODE', '{"paragraph": 2, "revision": "deleted"}') in found
    assert ('IBAN_CODE', '{"cell": 2, "revision": "deleted", "row": 2, "table": 1}') in found
    assert ('IBAN_CODE', '{"footnote": 1, "paragraph": 1, "revision": "deleted"}') in found
    if profile == 'full':
        assert ('PERSON', '{"comment": 1, "property": "author"}') in found
        assert ('PERSON', '{"property": "revision_author"}') in found
        assert ('HEALTH_DATA', '{"paragraph": 2, "revision": "deleted"}') in found
    assert all('Marie' not in json.dumps(r) and '5449 ' not in json.dumps(r) for r in rows)  # masked


# -- QA4 Q31: content controls and hyperlink targets -------------------------------------------------
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _form_docx(path: Path) -> None:
    """An HR template filled in: an inline and a block content control, and a mailto: link whose display
    text is not the address."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph('Rijksregisternummer: ')
    p._p.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:r><w:t>{RRN}</w:t></w:r></w:sdtContent></w:sdt>'))
    block = parse_xml(
        f'<w:sdt {W}><w:sdtPr><w:alias w:val="Rekening"/></w:sdtPr><w:sdtContent>'
        f'<w:p><w:r><w:t>IBAN {IBAN}</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    document.element.body[-1].addprevious(block)  # before the section properties, as Word writes it
    link = document.add_paragraph('Contact: ')
    rid = document.part.relate_to('mailto:jan.peeters@telenet.be', RT.HYPERLINK, is_external=True)
    anchor = f'<w:hyperlink {W} {R} r:id="{rid}"><w:r><w:t>mail Jan</w:t></w:r></w:hyperlink>'
    link._p.append(parse_xml(anchor))
    document.save(str(path))


def test_content_controls_and_hyperlink_targets_are_scanned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _form_docx(tmp_path / 'formulier.docx')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    found = {(r['entity'], json.dumps(r['location'], sort_keys=True)) for r in _rows(capsys.readouterr().out)}
    assert found == {
        ('BE_NATIONAL_NUMBER', '{"paragraph": 1}'),  # inline control: part of its paragraph
        ('IBAN_CODE', '{"content_control": 1, "paragraph": 1}'),
        ('EMAIL_ADDRESS', '{"hyperlink": 1}'),
    }


def _rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]
