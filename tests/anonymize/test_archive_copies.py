"""`gdprscan anonymize` rewrites the files inside `.zip` archives and `.gz` files (QA Q12: they were
byte-copied with real national numbers inside)."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum import iban
from stdnum.be import nn

KEY = '0123456789abcdef0123456789abcdef'
RRN, RRN_DIGITS = '85.07.30-033.28', '85073003328'
IBAN = 'BE71 0961 2345 6769'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_ARCHIVE_KEY', KEY)


def _anonymize(src: Path, out: Path) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_ARCHIVE_KEY'])


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Personeel'
    ws.append(['naam', 'iban'])
    ws.append(['Jan', IBAN])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_zip_members_are_rewritten_and_renamed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    with zipfile.ZipFile(src / 'export_2024.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('loon/', b'')
        zf.writestr('loon/export.csv', f'naam;insz\nJan;{RRN}\n')
        zf.writestr(f'loonfiche {RRN}.txt', f'IBAN {IBAN}\n')
        zf.writestr('personeel.xlsx', _xlsx())
        zf.writestr('lees mij.txt', 'Niets persoonlijks.\n')
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    captured = capsys.readouterr()
    assert '1 files: 1 rewritten' in captured.out and 'leak check OK' in captured.out
    with zipfile.ZipFile(out / 'export_2024.zip') as zf:
        names = zf.namelist()
        assert names[:2] == ['loon/', 'loon/export.csv'] and names[3:] == ['personeel.xlsx', 'lees mij.txt']
        renamed = names[2]
        assert renamed.startswith('loonfiche ') and RRN not in renamed and nn.is_valid(renamed[10:25])
        rows = zf.read('loon/export.csv').decode().splitlines()
        assert rows[0] == 'naam;insz' and nn.is_valid(rows[1].split(';')[1]) and RRN not in rows[1]
        new_iban = zf.read(renamed).decode().removeprefix('IBAN ').strip()
        assert iban.is_valid(new_iban) and new_iban != IBAN
        assert zf.read('lees mij.txt') == b'Niets persoonlijks.\n'
        import openpyxl

        ws = openpyxl.load_workbook(io.BytesIO(zf.read('personeel.xlsx')))['Personeel']
        assert ws['B2'].value != IBAN and iban.is_valid(ws['B2'].value)
    raw = (out / 'export_2024.zip').read_bytes()
    assert RRN.encode() not in raw and RRN_DIGITS.encode() not in raw


def test_gzipped_csv_is_rewritten_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'dump.csv.gz').write_bytes(gzip.compress(f'naam;insz\nJan;{RRN}\nAn;17.07.30-033.84\n'.encode()))
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    assert 'leak check OK' in capsys.readouterr().out
    packed = (out / 'dump.csv.gz').read_bytes()
    assert packed[3] & 0x08 == 0  # FNAME not set: the inner file's name is not stored
    rows = gzip.decompress(packed).decode().splitlines()
    assert rows[0] == 'naam;insz' and all(nn.is_valid(r.split(';')[1]) for r in rows[1:])
    assert RRN not in '\n'.join(rows)


def test_an_archive_with_a_member_that_cannot_be_copied_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, 'w') as zf:
        zf.writestr('diep.csv', f'insz\n{RRN}\n')
    with zipfile.ZipFile(src / f'dossier {RRN}.zip', 'w') as zf:
        zf.writestr('a.csv', f'insz\n{RRN}\n')
        zf.writestr('oud.zip', inner.getvalue())
    (src / 'kapot.csv.gz').write_bytes(gzip.compress(f'insz\n{RRN}\n'.encode())[:-10])
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 1
    assert list(out.iterdir()) == []
    assert capsys.readouterr().err.splitlines() == [
        'gdprscan: dossier **.**.**-***.28.zip: member 2 (.zip): nested archive (archives are read one level '
        'deep); not in the copy',
        'gdprscan: kapot.csv.gz: corrupt or truncated gzip file (EOFError); not in the copy',
    ]
    assert not list(tmp_path.glob('**/*.partial'))
