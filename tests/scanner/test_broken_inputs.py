"""Broken inputs: one clear stderr line per bad file, the scan goes on, sources untouched, no traceback."""
from __future__ import annotations

import json
import os
import shutil
import struct
import tracemalloc
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from pypdf import PdfWriter
from reportlab.pdfgen import canvas

from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.extractors import delimited
from gdprscan.scanner.extractors import text
from gdprscan.scanner.limits import Limits
from gdprscan.scanner.walk import Candidate

RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def run(capsys, *args):
    code = main(['scan', *map(str, args), '--format', 'jsonl', '--no-progress'])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob('*'))
        if p.is_file() and not p.is_symlink()
    }


# -- real documents to break -----------------------------------------------------------------
def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(f'INSZ {RRN}')
    d.save(path)
    return path


def make_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(['iban'])
    wb.active.append([IBAN])
    wb.save(path)
    return path


def make_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 800, f'IBAN {IBAN}')
    c.save()
    return path


def make_ole(path: Path, streams: tuple[str, ...] = ('EncryptionInfo', 'EncryptedPackage')) -> Path:
    """A minimal OLE compound file (CFB v3) whose directory names ``streams``: how Office stores an
    encrypted .docx/.xlsx (written by hand: no library here writes encrypted Office files)."""
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + bytes(16) + struct.pack(
        '<HHHHH6xIIIIIIIII', 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0, end, 0
    )
    header += struct.pack('<I', 0) + struct.pack('<I', free) * 108  # DIFAT: the FAT is sector 0
    fat = struct.pack('<III', fatsect, end, end) + struct.pack('<I', free) * 125
    entries = []
    names = ('Root Entry', *streams)
    for i, name in enumerate(names):
        raw = name.encode('utf-16-le') + b'\x00\x00'
        kind, child, start, size = (5, 1, end, 0) if i == 0 else (2, free, 2, 64)  # root storage / stream
        right = i + 1 if 0 < i < len(names) - 1 else free
        entries.append(
            raw.ljust(64, b'\x00') + struct.pack('<HBBIII', len(raw), kind, 1, free, right, child)
            + bytes(16 + 4 + 8 + 8) + struct.pack('<IQ', start, size)
        )
    directory = b''.join(entries).ljust(512, b'\x00')
    path.write_bytes(header + fat + directory + os.urandom(512))
    return path


def make_bomb(path: Path, megabytes: int = 64) -> Path:
    """A real .docx/.xlsx plus one member of zeros: ~1000:1, the classic bomb shape (64 MB -> ~62 KB)."""
    (make_docx if path.suffix == '.docx' else make_xlsx)(path)
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, 'a', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open('word/media/image1.bin', 'w', force_zip64=True) as w:
            for _ in range(megabytes):
                w.write(chunk)
    return path


# -- one error line per broken file ------------------------------------------------------------
@pytest.mark.parametrize(('name', 'build', 'reason'), (
    ('garbage.docx', lambda p: p.write_bytes(os.urandom(3000)),
     'corrupt Word document (not a zip container)'),
    ('half.docx', lambda p: p.write_bytes(make_docx(p).read_bytes()[:2000]),
     'corrupt or truncated Word document (BadZipFile)'),
    ('notword.docx', lambda p: zipfile.ZipFile(p, 'w').writestr('a.txt', 'x'),
     'corrupt Word document (KeyError)'),  # a zip, but no Word parts
    ('half.xlsx', lambda p: p.write_bytes(make_xlsx(p).read_bytes()[:3000]),
     'corrupt or truncated spreadsheet (BadZipFile)'),
    ('badxml.xlsx', lambda p: zipfile.ZipFile(p, 'w').writestr('[Content_Types].xml', '<Types'),
     'corrupt spreadsheet (XMLSyntaxError)'),
    ('half.pdf', lambda p: p.write_bytes(make_pdf(p).read_bytes()[:600]), None),
    ('garbage.pdf', lambda p: p.write_bytes(b'%PDF-1.7\n' + os.urandom(4000)), None),
    ('text.pdf', lambda p: p.write_text('not a pdf'), 'corrupt PDF (no PDF header)'),
    ('encrypted.docx', make_ole, 'encrypted document (password-protected Office file)'),
    ('legacy.xlsx', lambda p: make_ole(p, ('Workbook',)),
     'not a spreadsheet: legacy Office (OLE) file with a new-style suffix'),
))
def test_broken_document_gives_one_line(tmp_path, capsys, name, build, reason):
    path = tmp_path / name
    build(path)
    before = snapshot(tmp_path)
    code, rows, err = run(capsys, tmp_path)
    assert code == 0 and rows == []
    [line] = err.splitlines()
    assert line.startswith(f'gdprscan: {name}: ')
    if reason:
        assert line == f'gdprscan: {name}: {reason}'
    else:
        assert line.startswith(f'gdprscan: {name}: corrupt PDF (')
    assert 'Traceback' not in err
    assert snapshot(tmp_path) == before


def test_encrypted_pdf(tmp_path, capsys):
    plain = make_pdf(tmp_path / 'plain.pdf')
    for name, user_password in (('locked.pdf', 'geheim'), ('restricted.pdf', '')):
        writer = PdfWriter()
        for page in PdfReader(plain).pages:
            writer.add_page(page)
        writer.encrypt(user_password=user_password, owner_password='eigenaar', algorithm='AES-128')
        with open(tmp_path / name, 'wb') as f:
            writer.write(f)
    code, rows, err = run(capsys, tmp_path)
    assert err == 'gdprscan: locked.pdf: encrypted document (password-protected PDF)\n'
    # an empty user password only restricts permissions: the text is readable and scanned
    assert sorted(r['source'] for r in rows) == ['plain.pdf', 'restricted.pdf']


@pytest.mark.parametrize(('name', 'kind'), (('bomb.docx', 'Word document'), ('bomb.xlsx', 'spreadsheet')))
def test_zip_bomb_is_refused_without_decompressing(tmp_path, name, kind):
    bomb = make_bomb(tmp_path / name)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    engine = Engine(Settings())
    tracemalloc.start()
    try:
        result = engine.scan_file(Candidate(bomb, name))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.findings == []
    assert result.error == f'refused {kind}: possible zip bomb (member compression ratio 1029:1 > 200:1)'
    assert peak < 20 * 1024 * 1024  # the 64 MB member was never inflated


def test_total_uncompressed_size_limit(tmp_path):
    """Many members, each under the ratio check, that add up past max_unzipped_size."""
    path = make_xlsx(tmp_path / 'wide.xlsx')
    with zipfile.ZipFile(path, 'a', compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(6):
            z.writestr(f'xl/media/blob{i}.bin', os.urandom(1 << 20))  # incompressible: ratio ~1
    engine = Engine(Settings(limits=Limits(max_unzipped_size=4 * 1024 * 1024)))
    result = engine.scan_file(Candidate(path, 'wide.xlsx'))
    assert result.error is not None
    assert result.error.startswith('refused spreadsheet: possible zip bomb (')
    assert Engine(Settings()).scan_file(Candidate(path, 'wide.xlsx')).error is None  # default limit: fine


def test_file_size_limit_for_documents(tmp_path, capsys):
    make_pdf(tmp_path / 'big.pdf')
    (tmp_path / 'big.txt').write_text(f'IBAN {IBAN}\n' + 'x' * 5000)  # text streams: its own, larger limit
    code, rows, err = run(capsys, tmp_path, '--max-file-size', '100')
    assert err.startswith('gdprscan: big.pdf: file too large (') and len(err.splitlines()) == 1
    assert [r['source'] for r in rows] == ['big.txt']


# -- encodings and binaries --------------------------------------------------------------------
NAMES = 'naam;insz;adres\nZoë Müller;85.07.30-033.28;Rue de l’Église 5, Liège\nFrançois Dubois;;Straße 1 €\n'


@pytest.mark.parametrize('encoding', ('cp1252', 'utf-16', 'utf-8-sig', 'utf-16-le'))
def test_csv_and_txt_encodings_decode(tmp_path, capsys, encoding):
    data = NAMES.encode(encoding)
    (tmp_path / 'p.csv').write_bytes(data)
    (tmp_path / 'p.txt').write_bytes(data)
    cells = [u.text for u in delimited.extract(tmp_path / 'p.csv')]
    assert cells == ['Zoë Müller', RRN, 'Rue de l’Église 5, Liège', 'François Dubois', 'Straße 1 €']
    assert ''.join(u.text for u in text.extract(tmp_path / 'p.txt')).replace('\r\n', '\n') == NAMES
    code, rows, err = run(capsys, tmp_path)
    assert err == ''
    assert sorted((r['source'], json.dumps(r['location'])) for r in rows) == [
        ('p.csv', json.dumps({'column': 'insz', 'line': 2, 'row': 1})),
        ('p.txt', json.dumps({'column': 12, 'line': 2})),
    ]


def test_binary_file_is_skipped_and_named(tmp_path, capsys):
    (tmp_path / 'blob.xyz').write_bytes(b'\x00\x01\x02' + RRN.encode() + os.urandom(2000))
    (tmp_path / 'photo.jpg').write_bytes(b'\xff\xd8\xff' + RRN.encode())
    code, rows, err = run(capsys, tmp_path)
    assert (code, rows) == (0, [])  # not an error; but never silent: a file not read is named (QA Q12)
    assert err == (
        'gdprscan: blob.xyz: binary file (.xyz), not read; skipped\n'
        'gdprscan: photo.jpg: image (no OCR); skipped\n'
    )
    main(['scan', str(tmp_path), '--format', 'json'])
    doc = json.loads(capsys.readouterr().out)
    assert (doc['summary']['files_skipped'], doc['summary']['files_scanned']) == (2, 0)
    assert [s['source'] for s in doc['skipped']] == ['blob.xyz', 'photo.jpg']


def test_unreadable_entries(tmp_path, capsys):
    (tmp_path / 'ok.txt').write_text(f'IBAN {IBAN}\n')
    (tmp_path / 'gone.txt').symlink_to(tmp_path / 'missing.txt')  # dangling: cannot be opened
    (tmp_path / 'folder.txt').mkdir()  # a directory with a file's name is walked, not read
    (tmp_path / 'folder.txt' / 'inner.csv').write_text(f'rrn\n{RRN}\n')
    os.mkfifo(tmp_path / 'pipe.txt')  # opening it would block: skipped, like a binary
    code, rows, err = run(capsys, tmp_path)
    assert err == (
        'gdprscan: gone.txt: No such file or directory\n'
        'gdprscan: pipe.txt: special file (FIFO, socket or device), not opened; skipped\n'
    )
    assert sorted(r['source'] for r in rows) == ['folder.txt/inner.csv', 'ok.txt']
    assert code == 1


# -- a share with one bad file among twenty -----------------------------------------------------
def test_twenty_files_one_broken(tmp_path, capsys):
    share = tmp_path / 'share'
    share.mkdir()
    for i in range(6):
        (share / f'note{i}.txt').write_text(f'Notitie {i}\nINSZ {RRN}\n', encoding='utf-8')
        (share / f'loon{i}.csv').write_text(f'naam;iban\nWerknemer {i};{IBAN}\n', encoding='cp1252')
    for i in range(3):
        make_docx(share / f'brief{i}.docx')
        make_xlsx(share / f'lijst{i}.xlsx')
    shutil.copy(share / 'brief0.docx', share / 'kapot.docx')
    with open(share / 'kapot.docx', 'r+b') as f:
        f.truncate(f.seek(0, 2) // 2)
    assert len(list(share.iterdir())) == 19
    make_pdf(share / 'attest.pdf')
    before = snapshot(share)
    code, rows, err = run(capsys, share, '--workers', '2')
    assert err == 'gdprscan: kapot.docx: corrupt or truncated Word document (BadZipFile)\n'
    assert code == 1
    assert len({r['source'] for r in rows}) == 19
    assert len(rows) == 19
    assert snapshot(share) == before
    assert sorted(p.name for p in share.iterdir()) == sorted(before)  # nothing written next to them


@pytest.mark.parametrize('name', ('empty.docx', 'empty.xlsx', 'empty.pdf', 'empty.eml', 'empty.csv', 'empty.json'))
def test_zero_byte_files_are_scanned_not_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A 0-byte file holds no data in any format: read, counted, no error line to chase."""
    (tmp_path / name).write_bytes(b'')
    assert main(['scan', str(tmp_path), '--format', 'json', '--no-progress']) == 0
    result = json.loads(capsys.readouterr().out)
    assert result['errors'] == []
    assert result['summary']['files_scanned'] == 1 and result['findings'] == []
