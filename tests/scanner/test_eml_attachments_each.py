"""QA4 Q20/Q10/Q17: every e-mail attachment is read on its own (a broken one is named in the error line,
the next one is still scanned); attachment names are scanned like file names and masked wherever a
report prints them; a body without charset is decoded like a file (sniffed), not with U+FFFD."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import eml
from gdprscan.scanner.types import ExtractError

RRN = '85.07.30-033.28'
IBAN = 'BE97 3106 6447 5449'
NAME = f'loonfiche {RRN} Peeters.txt'


def _encrypted_pdf() -> bytes:
    import io

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption('user', 'owner'))
    c.drawString(100, 700, f'RRN {RRN}')
    c.save()
    return out.getvalue()


def _message(*attachments: tuple[bytes, str, str, str]) -> bytes:
    m = EmailMessage()
    m['From'] = 'hr@example.be'
    m['Subject'] = 'lonen november'
    m.set_content('Zie de bijlagen.\n')
    for data, maintype, subtype, filename in attachments:
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(m)


def _rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


CSV = f'naam;insz;iban\nJan Peeters;{RRN};{IBAN}\n'.encode()
PDF = ('application', 'pdf', 'beveiligd.pdf')
SEVEN_ZIP = b"7z\xbc\xaf'\x1c\x00\x04 (an archive no extractor opens)"
DOCX = ('application', 'vnd.openxmlformats-officedocument.wordprocessingml.document', 'contract.docx')


def test_attachments_after_broken_ones_are_scanned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'lonen.eml').write_bytes(
        _message(
            (_encrypted_pdf(), *PDF),
            (b'PK\x03\x04 not really a zip', *DOCX),
            (SEVEN_ZIP, 'application', 'x-7z-compressed', 'bijlagen.7z'),
            (CSV, 'text', 'csv', 'lonen.csv'),
        )
    )
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    out, err = capsys.readouterr()
    found = {(r['entity'], r['location'].get('attachment')) for r in _rows(out)}  # type: ignore[union-attr]
    assert ('BE_NATIONAL_NUMBER', 'lonen.csv') in found and ('IBAN_CODE', 'lonen.csv') in found
    assert err.splitlines() == [
        'gdprscan: lonen.eml: attachment 1 (beveiligd.pdf): encrypted document (password-protected PDF); '
        'attachment 2 (contract.docx): corrupt or truncated Word document (BadZipFile); '
        'attachment 3 (bijlagen.7z): archive not scanned (.7z)'  # never skipped without a word
    ]


def test_a_broken_forwarded_attachment_does_not_stop_the_outer_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = EmailMessage()
    inner['Subject'] = 'fwd'
    inner.set_content('doorgestuurd\n')
    inner.add_attachment(_encrypted_pdf(), maintype='application', subtype='pdf', filename='a.pdf')
    outer = EmailMessage()
    outer['Subject'] = 'lonen'
    outer.set_content('zie bijlage\n')
    outer.add_attachment(inner)
    outer.add_attachment(CSV, maintype='text', subtype='csv', filename='lonen.csv')
    (tmp_path / 'fwd.eml').write_bytes(bytes(outer))
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    out, err = capsys.readouterr()
    assert {r['location'].get('attachment') for r in _rows(out)} == {'lonen.csv'}  # type: ignore[union-attr]
    assert 'attachment 1 (#1): attachment 1 (a.pdf): encrypted document' in err


def test_attachment_name_is_a_finding_and_masked_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'loon.eml').write_bytes(
        _message(
            (f'IBAN {IBAN}\n'.encode(), 'text', 'plain', NAME),
            (b'PK\x03\x04 kapot', 'application', 'octet-stream', f'contract {RRN}.docx'),
            (b'hallo\n', 'text', 'plain', ''),  # unnamed: '#3', no name to scan
        )
    )
    names = []
    with pytest.raises(ExtractError, match='^attachment 2 '):  # raised after the last attachment
        names.extend(u.text for u in eml.extract(tmp_path / 'loon.eml') if u.location.get('attachment_name'))
    assert names == [NAME, f'contract {RRN}.docx']
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    out, err = capsys.readouterr()
    rows = _rows(out)
    shown = 'loonfiche **.**.**-***.28 Peeters.txt'
    located = [(r['entity'], r['location']) for r in rows]
    assert ('BE_NATIONAL_NUMBER', {'attachment': shown, 'attachment_name': True}) in located
    assert [r['location'] for r in rows if r['entity'] == 'IBAN_CODE'] == [
        {'attachment': shown, 'line': 1, 'column': 6}
    ]
    assert 'attachment 2 (contract **.**.**-***.28.docx): corrupt' in err
    for fmt in ('json', 'sarif', 'html', 'csv', 'hook', 'table'):
        main(['scan', str(tmp_path), '--format', fmt])
        out, err = capsys.readouterr()
        assert RRN not in out + err and '85073003328' not in out + err, fmt
    main(['scan', str(tmp_path), '--format', 'jsonl', '--show-values'])
    assert NAME in capsys.readouterr().out  # the clear name only when values are asked for


def test_body_without_charset_is_sniffed(tmp_path: Path) -> None:
    raw = (
        'From: hr@example.be\nSubject: adres\nMIME-Version: 1.0\nContent-Type: text/plain\n'
        'Content-Transfer-Encoding: 8bit\n\nDe nieuwe werknemer heet André Lefèvre.\n'
    ).encode('cp1252')
    (tmp_path / 'cp1252.eml').write_bytes(raw)
    bodies = [u.text for u in eml.extract(tmp_path / 'cp1252.eml') if 'line' in u.location]
    assert bodies == ['De nieuwe werknemer heet André Lefèvre.\n']


# -- QA4 Q33: the sender's IP address -----------------------------------------------------------------
def test_first_hop_and_originating_ip_are_scanned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = (
        'Received: from mx2.example.be (mx2.example.be [195.130.131.4]) by mail.example.be\n'
        'Received: from [81.82.83.84] by mx2.example.be\n'  # the first hop: the sender's home line
        'X-Originating-IP: [81.82.83.85]\n'
        'From: hr@example.be\nSubject: ziekmelding\n\nZie onderwerp.\n'
    )
    (tmp_path / 'hdr.eml').write_text(raw, encoding='ascii')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    ips = [r['location'] for r in _rows(capsys.readouterr().out) if r['entity'] == 'IP_ADDRESS']
    assert ips == [{'header': 'Received'}, {'header': 'X-Originating-IP'}]  # the mail server is not a person
