"""QA4 Q17/Q10: the e-mail copy reads text attachments as the scanner does (a cp1252 CSV without
charset is sniffed, not decoded as UTF-8 with U+FFFD), writes them back in their own encoding with the
names replaced, and renames attachments whose names hold personal data."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'qa4-eml-cp1252-key-0123456789abcd'
RRN = '85.07.30-033.28'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_QA4_EML_KEY', KEY)


def _anonymize(src: Path, out: Path, *extra: str) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_QA4_EML_KEY', *extra])


def _without_charset(m: EmailMessage, data: bytes, subtype: str, filename: str) -> None:
    """Attach ``data`` as Windows clients do: a text type with no charset parameter, base64."""
    m.add_attachment(data, maintype='text', subtype=subtype, filename=filename)
    part = m.get_payload()[-1]
    part.del_param('charset')
    assert part.get_content_charset() is None


def _attachments(path: Path) -> dict[str, EmailMessage]:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return {p.get_filename(): p for p in msg.walk() if p.get_filename()}


def test_cp1252_csv_without_charset_is_rewritten_in_cp1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = EmailMessage()
    m['From'] = 'Jan Peeters <jan.peeters@telenet.be>'
    m['To'] = 'hr@example.be'
    m['Subject'] = 'Adreswijziging'
    m.set_content('Mijn nieuw adres staat in de bijlage.\n')
    rows = 'Prénom;Nom;NISS\nAndré;Lefèvre;85073003328\nHélène;Dubois;61071894044\n'
    _without_charset(m, rows.encode('cp1252'), 'csv', 'adres.csv')
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'mail.eml').write_bytes(bytes(m))
    assert _anonymize(src, tmp_path / 'out', '--profile', 'full') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    part = _attachments(tmp_path / 'out' / 'mail.eml')['adres.csv']
    assert part.get_content_charset() == 'windows-1252' and part.get_content_type() == 'text/csv'
    data = part.get_payload(decode=True)
    assert b'\xef\xbf\xbd' not in data  # no U+FFFD in UTF-8
    header, *lines = data.decode('cp1252').splitlines()
    assert header == 'Prénom;Nom;NISS'  # the header row as it was, in its encoding
    for original in ('André', 'Lefèvre', 'Hélène', 'Dubois', '85073003328', '61071894044'):
        assert original not in data.decode('cp1252')
    assert len(lines) == 2 and all(nn.is_valid(line.split(';')[2]) for line in lines)


def test_cp1252_text_attachment_and_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = EmailMessage()
    m['From'] = 'hr@example.be'
    m['Subject'] = 'loonfiche'
    m.set_content(f'Loonfiche van de werknemer met INSZ {RRN} in bijlage.\n')
    note = f'Opmerking: rijksregisternummer {RRN}, dossier geopend na overleg in het café.\n'
    _without_charset(m, note.encode('cp1252'), 'plain', f'loonfiche {RRN} Peeters.txt')
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'loon.eml').write_bytes(bytes(m))
    assert _anonymize(src, tmp_path / 'out') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    raw = (tmp_path / 'out' / 'loon.eml').read_bytes()
    assert b'85.07.30-033.28' not in raw and b'85073003328' not in raw
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    surrogate = msg.get_body().get_content().split('INSZ ')[1].split()[0]
    assert nn.is_valid(surrogate) and surrogate != RRN
    [(name, part)] = _attachments(tmp_path / 'out' / 'loon.eml').items()
    assert name == f'loonfiche {surrogate} Peeters.txt'  # the same keyed surrogate as in the body
    assert part.get_content_charset() == 'windows-1252'
    assert part.get_payload(decode=True).decode('cp1252') == note.replace(RRN, surrogate)


def test_received_client_ip_is_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'hdr.eml').write_text(
        'Received: from [81.82.83.84] by mail.example.be\nFrom: hr@example.be\nSubject: x\n\nZie bijlage.\n',
        encoding='ascii',
    )
    assert _anonymize(src, tmp_path / 'out') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    msg = email.message_from_bytes((tmp_path / 'out' / 'hdr.eml').read_bytes(), policy=email.policy.default)
    received = str(msg['Received'])
    assert '81.82.83.84' not in received
    assert received.startswith('from [') and received.endswith('by mail.example.be')  # the shape kept
