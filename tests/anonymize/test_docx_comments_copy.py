"""QA4 Q14/Q30: the DOCX copy rewrites comments, deleted text of tracked changes and footnotes, and
replaces the authors of comments and revisions (and Word's reviewer list) by the author's surrogate."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'qa4-docx-comments-key-0123456789ab'
RRN = '85.07.30-033.28'
IBAN = 'BE97 3106 6447 5449'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
WHEN = 'w:date="2024-03-01T10:00:00Z"'
PEOPLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people {W15}><w15:person w15:author="Marie Dubois">
<w15:presenceInfo w15:providerId="AD" w15:userId="marie.dubois@acme-hr.be"/></w15:person></w15:people>"""
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Rijksregisternummer {RRN}. </w:t></w:r>
<w:del w:id="301" w:author="Marie Dubois" {WHEN}>
<w:r><w:delText>rekening {IBAN}</w:delText></w:r></w:del></w:p></w:footnote></w:footnotes>"""


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_QA4_DOCX_KEY', KEY)


def _add_part(path: Path, name: str, content_type: str, reltype: str, xml: str) -> None:
    """Add an XML part as Word does: the member, its content type, a relationship from the document."""
    with zipfile.ZipFile(path) as z:
        members = {info.filename: z.read(info) for info in z.infolist()}
    types, rels = '[Content_Types].xml', 'word/_rels/document.xml.rels'
    override = f'<Override PartName="/word/{name}" ContentType="{content_type}"/>'
    members[types] = members[types].replace(b'</Types>', override.encode() + b'</Types>')
    rel = f'<Relationship Id="rIdQa4{len(members)}" Type="{reltype}" Target="{name}"/>'
    members[rels] = members[rels].replace(b'</Relationships>', rel.encode() + b'</Relationships>')
    members[f'word/{name}'] = xml.encode('utf-8')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)


def _commented_docx(path: Path, tracked: bool) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    intro = document.add_paragraph('Evaluatie medewerker.')
    document.add_comment(intro.runs, text=f'INSZ {RRN} nakijken', author='Marie Dubois', initials='MD')
    if tracked:
        p = document.add_paragraph('INSZ: ')
        inserted = f'<w:ins {W} w:id="101" w:author="Marie Dubois" {WHEN}><w:r><w:t>{RRN}</w:t></w:r></w:ins>'
        p._p.append(parse_xml(inserted))
        p._p.append(
            parse_xml(
                f'<w:del {W} w:id="102" w:author="Marie Dubois" {WHEN}>'
                f'<w:r><w:delText>IBAN {IBAN}, ziek wegens depressie</w:delText></w:r></w:del>'
            )
        )
        note = document.add_paragraph('Zie voetnoot.')
        note._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
    document.save(str(path))
    _add_part(
        path,
        'people.xml',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml',
        'http://schemas.microsoft.com/office/2011/relationships/people',
        PEOPLE,
    )
    if tracked:
        _add_part(
            path,
            'footnotes.xml',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml',
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes',
            FOOTNOTES,
        )


def _anonymize(src: Path, out: Path) -> int:
    key = ('--key-env', 'GDPRSCAN_QA4_DOCX_KEY')
    return main(['anonymize', str(src), '--out', str(out), *key, '--profile', 'full'])


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode('utf-8') for n in z.namelist() if n.endswith(('.xml', '.rels'))}


def test_comment_text_author_and_initials_are_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    src = tmp_path / 'src'
    src.mkdir()
    _commented_docx(src / 'evaluatie.docx', tracked=False)
    assert _anonymize(src, tmp_path / 'out') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    copy = tmp_path / 'out' / 'evaluatie.docx'
    xml = '\n'.join(_members(copy).values())
    for original in ('85.07.30-033.28', 'Marie Dubois', 'Dubois', 'w:initials="MD"', 'marie.dubois@'):
        assert original not in xml
    [comment] = list(docx.Document(str(copy)).comments)  # still a comment, on the same paragraph
    words = comment.text.split()
    assert words[0] == 'INSZ' and words[2] == 'nakijken' and nn.is_valid(words[1])
    assert comment.author.strip()
    assert comment.initials == ''.join(w[0] for w in comment.author.split()[:3]).upper()
    people = _members(copy)['word/people.xml']
    assert f'w15:author="{comment.author}"' in people  # one reviewer, one surrogate in every part
    assert 'w15:providerId="None"' in people


def test_tracked_changes_are_rewritten_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    _commented_docx(src / 'contract.docx', tracked=True)
    assert _anonymize(src, tmp_path / 'out') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    members = _members(tmp_path / 'out' / 'contract.docx')
    everything = '\n'.join(members.values())
    for original in ('85.07.30-033.28', '3106 6447 5449', 'depressie', 'Marie Dubois', 'marie.dubois'):
        assert original not in everything
    document, footnotes = members['word/document.xml'], members['word/footnotes.xml']
    assert document.count('<w:ins ') == 1 and document.count('<w:del ') == 1  # revisions stay revisions
    assert '<w:delText xml:space="preserve">IBAN BE' in document and '<w:delText' in footnotes
    authors = {a for text in members.values() for a in _attributes(text, 'w:author=')}
    assert len(authors) == 1  # the comment, both revisions and the footnote's deletion: one surrogate


def _attributes(xml: str, name: str) -> list[str]:
    return [chunk.split('"', 2)[1] for chunk in xml.split(name)[1:]]


def test_content_controls_and_mailto_targets_are_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    document = docx.Document()
    block = parse_xml(
        f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>IBAN {IBAN}</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    document.element.body[-1].addprevious(block)
    link = document.add_paragraph('Contact: ')
    mailto = 'mailto:jan.peeters@telenet.be?subject=loon'
    rid = document.part.relate_to(mailto, RT.HYPERLINK, is_external=True)
    link._p.append(parse_xml(f'<w:hyperlink {W} {r} r:id="{rid}"><w:r><w:t>mail</w:t></w:r></w:hyperlink>'))
    src = tmp_path / 'src'
    src.mkdir()
    document.save(str(src / 'formulier.docx'))
    assert _anonymize(src, tmp_path / 'out') == 0
    assert 'leak check OK: 0 of 2 original values' in capsys.readouterr().out
    members = _members(tmp_path / 'out' / 'formulier.docx')
    rels = members['word/_rels/document.xml.rels']
    assert 'jan.peeters' not in rels and '3106 6447 5449' not in members['word/document.xml']
    [target] = [t for t in _attributes(rels, 'Target=') if t.startswith('mailto:')]
    assert target.endswith('@telenet.be?subject=loon')  # still a mail link, to a surrogate address
