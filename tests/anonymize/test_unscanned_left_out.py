"""`gdprscan anonymize` never copies what the scanner did not read (QA Q12: archives, a UTF-16 `.dat`
and a SQLite file were byte-copied into the "pseudonymised" copy, exit 0, leak check OK). Archives the
scanner reads completely are rewritten inside (tests/anonymize/test_archive_copies.py)."""

from __future__ import annotations

import gzip
import sqlite3
import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = '0123456789abcdef0123456789abcdef'
RRN = '85.07.30-033.28'
PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_UNSCANNED_KEY', KEY)


def _anonymize(src: Path, out: Path, *extra: str) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_UNSCANNED_KEY', *extra])


def test_unscanned_files_are_left_out_with_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    with zipfile.ZipFile(src / 'export_2024.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('loon_export.csv', f'naam;insz\nJan;{RRN}\n')  # read completely: rewritten inside
    with zipfile.ZipFile(src / 'handleiding.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('lees mij.txt', 'Geen persoonsgegevens hier.\n')  # read completely, clean
    with zipfile.ZipFile(src / 'met_logo.zip', 'w') as zf:
        zf.writestr('logo.png', PNG)  # a member not read: the archive is not completely scanned
    (src / 'dump.csv.gz').write_bytes(gzip.compress(f'naam;insz\nJan;{RRN}\n'.encode()))
    (src / 'logo.png').write_bytes(PNG)
    with sqlite3.connect(src / 'hr.db') as db:
        db.execute('create table p (insz text)')
        db.execute('insert into p values (?)', (RRN,))
    db.close()
    (src / 'adressen.dat').write_bytes(f'naam\tinsz\nJan\t{RRN}\n'.encode('utf-16'))
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [
        'adressen.dat',
        'dump.csv.gz',
        'export_2024.zip',
        'handleiding.zip',
    ]
    assert captured.err.splitlines() == [
        'gdprscan: hr.db: not scanned (SQLite database, not read as a file (scan it as a sqlite:/// URL)); '
        '--copy-unscanned copies it unchanged; not in the copy',
        'gdprscan: logo.png: not scanned (image (no OCR)); --copy-unscanned copies it unchanged; '
        'not in the copy',
        'gdprscan: met_logo.zip: member 1 (.png): not scanned (image (no OCR)); not in the copy',
    ]
    assert '7 files: 3 rewritten, 1 copied unchanged, 3 left out' in captured.out
    assert 'leak check OK' in captured.out
    # the .dat was read as the UTF-16 table it is, and rewritten in its own encoding
    rows = (out / 'adressen.dat').read_bytes().decode('utf-16').splitlines()
    assert rows[0] == 'naam\tinsz' and rows[1].split('\t')[1] != RRN and nn.is_valid(rows[1].split('\t')[1])


def test_copy_unscanned_copies_them_with_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'logo.png').write_bytes(PNG)
    with zipfile.ZipFile(src / 'met_logo.zip', 'w') as zf:
        zf.writestr('logo.png', PNG)  # never copied: the leak check could not read that member in the copy
    (src / 'a.txt').write_text(f'INSZ {RRN}\n', encoding='utf-8')
    out = tmp_path / 'out'
    assert _anonymize(src, out, '--copy-unscanned') == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ['a.txt', 'logo.png']
    assert (out / 'logo.png').read_bytes() == PNG and 'leak check OK' in captured.out
    assert captured.err.splitlines() == [
        'gdprscan: met_logo.zip: member 1 (.png): not scanned (image (no OCR)); not in the copy',
        'gdprscan: logo.png: not scanned (image (no OCR)); copied unchanged (--copy-unscanned)',
    ]
    assert RRN not in (out / 'a.txt').read_text(encoding='utf-8')
