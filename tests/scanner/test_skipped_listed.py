"""Files the scanner does not read are listed by name and reason, and text without a known suffix is read
(QA Q12: `gdprscan scan` said "3 skipped" and named none of them)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import for_path
from gdprscan.scanner.extractors import looks_like_text

RRN = '85.07.30-033.28'


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(['scan', *args, '--format', 'json', '--no-progress'])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def _share(root: Path) -> Path:
    root.mkdir()
    (root / 'logo.png').write_bytes(b'\x89PNG\r\n\x1a\n' + b'\x00' * 64)
    (root / 'oud.doc').write_bytes(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\x00' * 512)
    with sqlite3.connect(root / 'hr.db') as db:
        db.execute('create table p (insz text)')
        db.execute('insert into p values (?)', (RRN,))
    db.close()
    # a UTF-16 TSV with a suffix that says nothing: text, so it is read
    (root / 'adressen.dat').write_bytes(f'naam\tinsz\nJan Peeters\t{RRN}\n'.encode('utf-16'))
    return root


def test_json_lists_every_skipped_file_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc, err = _json(capsys, str(_share(tmp_path / 'share')))
    assert code == 1
    assert doc['skipped'] == [
        {'source': 'hr.db', 'reason': 'SQLite database, not read as a file (scan it as a sqlite:/// URL)'},
        {'source': 'logo.png', 'reason': 'image (no OCR)'},
        {'source': 'oud.doc', 'reason': 'legacy Office format (not read)'},
    ]
    assert doc['summary']['files_skipped'] == 3 and doc['summary']['files_scanned'] == 1
    [finding] = doc['findings']
    assert finding['source'] == 'adressen.dat' and finding['location'] == {'column': 13, 'line': 2}


def test_terminal_names_few_skipped_files_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = _share(tmp_path / 'share')
    assert main(['scan', str(share), '--no-progress']) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        'gdprscan: hr.db: SQLite database, not read as a file (scan it as a sqlite:/// URL); skipped',
        'gdprscan: logo.png: image (no OCR); skipped',
        'gdprscan: oud.doc: legacy Office format (not read); skipped',
    ]
    assert '3 skipped' in captured.out
    # the pre-commit hook stays quiet about files it cannot read (images, fonts)
    assert main(['scan', '--hook', str(share / 'logo.png'), str(share / 'oud.doc')]) == 0
    assert capsys.readouterr().err == ''


def test_many_skipped_files_are_counted_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(12):
        (tmp_path / f'foto{i:02}.jpg').write_bytes(b'\xff\xd8\xff\xe0\x00\x10JFIF\x00')
    (tmp_path / 'a.txt').write_text(f'INSZ {RRN}\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--no-progress', '--format', 'jsonl']) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        'gdprscan: (skipped): 12 files skipped, not read (binary or unsupported formats); '
        '--format json -o FILE lists them under "skipped"'
    ]
    code, doc, _err = _json(capsys, str(tmp_path))
    assert len(doc['skipped']) == 12


def test_a_skipped_file_is_listed_with_its_name_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / f'scan {RRN}.png').write_bytes(b'\x89PNG\r\n\x1a\n' + b'\x00' * 64)
    code, doc, _err = _json(capsys, str(tmp_path))
    assert doc['skipped'] == [{'source': 'scan **.**.**-***.28.png', 'reason': 'image (no OCR)'}]
    assert RRN not in json.dumps(doc)
    code, doc, _err = _json(capsys, str(tmp_path), '--show-values')
    assert doc['skipped'][0]['source'] == f'scan {RRN}.png'


@pytest.mark.parametrize(
    ('content', 'text'),
    (
        ('naam;insz\nJan;85073003328\n'.encode('cp1252'), True),
        ('nom\tniss\nÉlodie\t85073003328\n'.encode('cp850'), True),  # a DOS export: any 8-bit text
        ('naam\tinsz\n'.encode('utf-16'), True),  # NUL bytes, but UTF-16 with a BOM
        ('naam\tinsz\n'.encode('utf-16-le'), True),  # UTF-16 without BOM
        (b'\x01\x02\x03' + bytes(range(14, 32)) * 40, False),  # control bytes, no NUL: binary
        (b'GIF89a\x01\x00\x01\x00\x00\xff', False),  # a NUL byte
    ),
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, content: bytes, text: bool) -> None:
    path = tmp_path / 'export.dat'
    path.write_bytes(content)
    assert looks_like_text(path) is text
    assert (for_path(path) is not None) is text


def test_random_bytes_without_nul_are_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytes(b for b in os.urandom(20000) if b)[:8192]  # compressed-looking, no NUL byte
    (tmp_path / 'blob.xyz').write_bytes(data + f' INSZ {RRN} '.encode())
    code, doc, _err = _json(capsys, str(tmp_path))
    assert doc['skipped'] == [{'source': 'blob.xyz', 'reason': 'binary file (.xyz), not read'}]


def test_html_report_lists_skipped_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    share = _share(tmp_path / 'share')
    report = tmp_path / 'report.html'
    main(['scan', str(share), '--format', 'html', '-o', str(report), '--no-progress'])
    capsys.readouterr()
    page = report.read_text(encoding='utf-8')
    assert 'Every file could be read.' not in page
    assert '<td class="mono">logo.png</td><td>image (no OCR) (skipped, not read)</td>' in page
