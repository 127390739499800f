"""The XLSX copy rewrites cell comments, print headers/footers and hyperlink targets.

QA (Q16): a note "INSZ partner: 61.07.18-940.44, is zwanger" by "Marie Dubois", a print header with a
national number, a footer with a name and a mailto: link stayed in the copy, and the leak check,
which did not read them, said OK.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'xlsx-comments-key-0123456789abcdef'
RRN2 = '61.07.18-940.44'
MAIL = 'jan.peeters@telenet.be'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_COMMENTS_KEY', KEY)


def _workbook(path: Path) -> Path:
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
    wb.save(path)
    return path


@pytest.mark.parametrize('profile', ['identifiers', 'full'])
def test_comments_headers_footers_and_links_are_rewritten(tmp_path, capsys, profile):
    from openpyxl import load_workbook

    src = _workbook(tmp_path / 'lijst.xlsx')
    out = tmp_path / 'copy.xlsx'
    code = main(
        ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_COMMENTS_KEY', '--profile', profile]
    )
    assert code == 0 and 'leak check OK' in capsys.readouterr().out
    ws = load_workbook(out)['Lijst']
    comment = ws['A2'].comment
    [number] = re.findall(r'\d\d\.\d\d\.\d\d-\d{3}\.\d\d', comment.text)
    assert number != RRN2 and nn.is_valid(number) and comment.text.startswith('INSZ partner: ')
    assert comment.author and comment.author != 'Marie Dubois'  # replaced as the workbook's authors are
    header = ws.oddHeader.center.text
    assert header.startswith('Vertrouwelijk - INSZ ') and RRN2 not in header
    assert header.endswith(number)  # the same surrogate as in the comment
    target = ws['B2'].hyperlink.target
    assert target.startswith('mailto:') and MAIL not in target and '@' in target
    footer = ws.oddFooter.left.text
    if profile == 'full':
        assert 'zwanger' not in comment.text  # a special category: generalised
        assert footer.startswith('Opgesteld door ') and 'Dubois' not in footer
        assert footer.endswith(comment.author)  # one person, one surrogate
    else:  # the identifier profile does not look for names: the footer stays, as a scan reports nothing
        assert footer == 'Opgesteld door Marie Dubois'


def test_verify_reads_comments_of_the_copy(tmp_path, capsys):
    src = _workbook(tmp_path / 'src.xlsx')
    code = main(['verify', str(src), str(src)])  # the source itself as its "copy": every value is there
    out = ''.join(capsys.readouterr())
    assert code == 1 and 'leak check FAILED' in out
    assert 'BE_NATIONAL_NUMBER' in out and 'EMAIL_ADDRESS' in out and RRN2 not in out
