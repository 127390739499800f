"""XLSX cell comments, print headers/footers and hyperlink targets are scanned, located by cell.

QA (Q16): a note "INSZ partner: 61.07.18-940.44, is zwanger" by "Marie Dubois", a print header with a
national number, a footer naming the author and a mailto: link were not reported at all.
"""

from __future__ import annotations

import json
from pathlib import Path

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import xlsx

RRN2 = '61.07.18-940.44'
MAIL = 'jan.peeters@telenet.be'


def workbook_with_extras(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    wb = Workbook()
    ws = wb.active
    ws.title = 'Lijst'
    ws.append(['Naam', 'Mail'])
    ws.append(['Peeters', 'klik'])
    ws['A2'].comment = Comment(f'INSZ partner: {RRN2}, is zwanger', 'Marie Dubois')
    ws['B2'].hyperlink = f'mailto:{MAIL}'
    ws.oddHeader.center.text = f'Vertrouwelijk - INSZ {RRN2}'
    ws.oddFooter.left.text = 'Opgesteld door Marie Dubois'
    ws.firstHeader.right.text = 'Contact: els.maes@skynet.be'
    wb.properties.creator = 'Marie Dubois'  # the workbook's author, as DOCX authors are read
    wb.save(path)
    return path


def test_units_of_comments_headers_footers_and_links(tmp_path):
    units = [(u.text, u.location) for u in xlsx.extract(workbook_with_extras(tmp_path / 'x.xlsx'))]
    assert (f'INSZ partner: {RRN2}, is zwanger', {'sheet': 'Lijst', 'cell': 'A2', 'comment': 'text'}) in units
    assert ('Marie Dubois', {'sheet': 'Lijst', 'cell': 'A2', 'comment': 'author'}) in units
    assert (f'mailto:{MAIL}', {'sheet': 'Lijst', 'cell': 'B2', 'link': 'target'}) in units
    assert (f'Vertrouwelijk - INSZ {RRN2}', {'sheet': 'Lijst', 'header': 'center'}) in units
    assert ('Opgesteld door Marie Dubois', {'sheet': 'Lijst', 'footer': 'left'}) in units
    assert ('Contact: els.maes@skynet.be', {'sheet': 'Lijst', 'header': 'right', 'variant': 'first'}) in units


def test_scan_reports_them_with_clear_locations(tmp_path, capsys):
    path = workbook_with_extras(tmp_path / 'x.xlsx')
    code = main(['scan', str(path), '--profile', 'full', '--format', 'jsonl'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    got = {(r['entity'], json.dumps(r['location'], sort_keys=True)) for r in rows}
    expected = [
        ('BE_NATIONAL_NUMBER', {'sheet': 'Lijst', 'cell': 'A2', 'comment': 'text'}),
        ('HEALTH_DATA', {'sheet': 'Lijst', 'cell': 'A2', 'comment': 'text'}),
        ('PERSON', {'sheet': 'Lijst', 'cell': 'A2', 'comment': 'author'}),
        ('EMAIL_ADDRESS', {'sheet': 'Lijst', 'cell': 'B2', 'link': 'target'}),
        ('BE_NATIONAL_NUMBER', {'sheet': 'Lijst', 'header': 'center'}),
        ('PERSON', {'sheet': 'Lijst', 'footer': 'left'}),
        ('EMAIL_ADDRESS', {'sheet': 'Lijst', 'header': 'right', 'variant': 'first'}),
        ('PERSON', {'property': 'author'}),
    ]
    assert {(e, json.dumps(loc, sort_keys=True)) for e, loc in expected} <= got
    assert RRN2 not in json.dumps(rows) and MAIL not in json.dumps(rows)


def test_identifier_profile_finds_the_numbers_and_addresses(tmp_path, capsys):
    path = workbook_with_extras(tmp_path / 'x.xlsx')
    code = main(['scan', str(path), '--format', 'jsonl'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert sorted(r['entity'] for r in rows) == [
        'BE_NATIONAL_NUMBER', 'BE_NATIONAL_NUMBER', 'EMAIL_ADDRESS', 'EMAIL_ADDRESS'
    ]
