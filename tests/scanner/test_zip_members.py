"""ZIP members and gzipped files are read, inside the zip-bomb limits (QA Q12: payroll exports in
`export_2024.zip` and `dump.csv.gz` were skipped unread)."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.limits import Limits
from gdprscan.scanner.walk import Candidate

RRN, RRN2 = '85.07.30-033.28', '17.07.30-033.84'
IBAN = 'BE71 0961 2345 6769'


def _scan(capsys: pytest.CaptureFixture[str], *targets: Path) -> tuple[int, list[dict], list[str]]:
    code = main(['scan', *map(str, targets), '--format', 'jsonl', '--no-progress'])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err.splitlines()


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


def test_zip_members_are_read_with_their_own_locations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(tmp_path / 'export_2024.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('loon/export.csv', f'naam;insz\nJan;{RRN}\n')
        zf.writestr('personeel.xlsx', _xlsx())
        zf.writestr('leeg/', '')  # a folder entry
        zf.writestr('notities', f'RRN {RRN2}\n')  # no suffix: sniffed as text
    code, rows, err = _scan(capsys, tmp_path)
    assert (code, err) == (1, [])
    where = sorted((r['entity'], json.dumps(r['location'], sort_keys=True)) for r in rows)
    assert where == [
        (
            'BE_NATIONAL_NUMBER',
            json.dumps({'column': 'insz', 'line': 2, 'member': 'loon/export.csv', 'row': 1}),
        ),
        ('BE_NATIONAL_NUMBER', json.dumps({'column': 5, 'line': 1, 'member': 'notities'})),
        (
            'IBAN_CODE',
            json.dumps(
                {'cell': 'B2', 'column': 'iban', 'member': 'personeel.xlsx', 'row': 1, 'sheet': 'Personeel'}
            ),
        ),
    ]
    assert {r['source'] for r in rows} == {'export_2024.zip'}


def test_members_not_read_give_one_line_and_keep_the_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, 'w') as zf:
        zf.writestr('diep.csv', f'insz\n{RRN2}\n')
    with zipfile.ZipFile(tmp_path / 'mixed.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('logo.png', b'\x89PNG\r\n\x1a\n' + b'\x00' * 64)
        zf.writestr(f'CV {RRN2}/nested.zip', inner.getvalue())  # one level only
        zf.writestr('a.txt', f'INSZ {RRN}\n')
    code, rows, err = _scan(capsys, tmp_path)
    assert code == 1 and [r['location'].get('member') for r in rows] == ['a.txt']
    assert err == [
        'gdprscan: mixed.zip: 2 of 3 archive members not read: 1 binary or unsupported format (.png); '
        '1 nested archive (archives are read one level deep) (.zip)'
    ]


def test_a_zip_bomb_is_refused_without_decompressing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(tmp_path / 'bom.zip', 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('zeros.txt', b'0' * (4 << 20))  # ~1000:1
    code, rows, err = _scan(capsys, tmp_path)
    assert (code, rows) == (0, [])
    assert len(err) == 1 and err[0].startswith(
        'gdprscan: bom.zip: refused zip archive: possible zip bomb (member compression ratio'
    )


def test_a_corrupt_zip_is_an_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'kapot.zip').write_bytes(b'PK\x03\x04 not really a zip')
    code, rows, err = _scan(capsys, tmp_path)
    assert err == ['gdprscan: kapot.zip: corrupt or truncated zip archive (BadZipFile)']


def test_gzipped_csv_is_read_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'dump.csv.gz').write_bytes(gzip.compress(f'naam;insz\nJan;{RRN}\nAn;{RRN2}\n'.encode()))
    (tmp_path / 'app.log.gz').write_bytes(gzip.compress(f'login by {IBAN}\n'.encode('cp1252')))
    code, rows, err = _scan(capsys, tmp_path)
    assert (code, err) == (1, [])
    where = sorted((r['source'], json.dumps(r['location'], sort_keys=True)) for r in rows)
    assert where == [
        ('app.log.gz', json.dumps({'column': 10, 'line': 1})),
        ('dump.csv.gz', json.dumps({'column': 'insz', 'line': 2, 'row': 1})),
        ('dump.csv.gz', json.dumps({'column': 'insz', 'line': 3, 'row': 2})),
    ]


def test_gzip_decompression_is_capped(tmp_path: Path) -> None:
    bomb = tmp_path / 'big.csv.gz'
    bomb.write_bytes(gzip.compress(b'insz\n' + b'1' * (3 << 20)))
    engine = Engine(Settings(limits=Limits(max_unzipped_size=1 << 20)))
    result = engine.scan_file(Candidate(bomb, 'big.csv.gz'))
    assert result.error == f'refused gzip file: possible bomb (over {1 << 20} bytes uncompressed)'
    (tmp_path / 'cut.csv.gz').write_bytes(gzip.compress(f'insz\n{RRN}\n'.encode())[:-12])
    assert engine.scan_file(Candidate(tmp_path / 'cut.csv.gz', 'cut.csv.gz')).error == (
        'corrupt or truncated gzip file (EOFError)'
    )


def test_a_compressed_tar_is_skipped_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = f'INSZ {RRN}\n'.encode()
    with tarfile.open(tmp_path / 'backup.tar.gz', 'w:gz') as tar:
        info = tarfile.TarInfo('a.txt')
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    code, rows, err = _scan(capsys, tmp_path)
    assert (code, rows) == (0, [])
    assert err == ['gdprscan: backup.tar.gz: archive format not read (only .zip and .gz are); skipped']


def test_a_member_name_is_scanned_and_masked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(tmp_path / 'fiches.zip', 'w') as zf:
        zf.writestr(f'loonfiche {RRN}.txt', f'IBAN {IBAN}\n')
    code, rows, err = _scan(capsys, tmp_path)
    assert code == 1 and RRN not in json.dumps(rows)
    where = sorted((r['entity'], json.dumps(r['location'], sort_keys=True)) for r in rows)
    assert where == [
        ('BE_NATIONAL_NUMBER', json.dumps({'member': 'loonfiche **.**.**-***.28.txt', 'member_name': True})),
        ('IBAN_CODE', json.dumps({'column': 6, 'line': 1, 'member': 'loonfiche **.**.**-***.28.txt'})),
    ]
