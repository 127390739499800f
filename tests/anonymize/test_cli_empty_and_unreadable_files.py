"""D20: empty files are copied as empty files; unreadable ones are named in the scanner's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
SUFFIXES = ('json', 'docx', 'xlsx', 'pdf', 'csv', 'txt', 'eml', 'jsonl', 'bin')


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_D20_KEY', KEY)
    return 'GDPRSCAN_D20_KEY'


def test_zero_byte_files_of_every_format_are_copied_empty(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'out'
    (src / 'sub').mkdir(parents=True)
    for suffix in SUFFIXES:
        (src / 'sub' / f'leeg.{suffix}').touch()
    (src / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    (src / 'sub' / 'leeg.json').chmod(0o640)
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 0
    captured = capsys.readouterr()
    assert captured.err == ''
    assert (
        f'{len(SUFFIXES) + 1} files: 1 rewritten, {len(SUFFIXES)} copied unchanged, 0 left out'
        in captured.out
    )
    for suffix in SUFFIXES:
        copy = dest / 'sub' / f'leeg.{suffix}'
        assert copy.is_file() and copy.stat().st_size == 0, suffix
    assert (dest / 'sub' / 'leeg.json').stat().st_mode & 0o777 == 0o640
    assert main(['verify', str(src), str(dest), '--profile', 'identifiers']) == 0


def test_a_single_empty_file_is_copied(tmp_path: Path, key_env: str) -> None:
    (tmp_path / 'leeg.docx').touch()
    assert (
        main(
            [
                'anonymize',
                str(tmp_path / 'leeg.docx'),
                '--out',
                str(tmp_path / 'c.docx'),
                '--key-env',
                key_env,
            ]
        )
        == 0
    )
    assert (tmp_path / 'c.docx').read_bytes() == b''


def _encrypted_pdf(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption('user', 'owner'))
    c.drawString(100, 700, 'RRN 85.07.30-033.28')
    c.save()


def test_unreadable_files_get_the_scanners_wording(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    _encrypted_pdf(src / 'geheim.pdf')
    (src / 'ok.txt').write_text('niets\n', encoding='utf-8')
    assert main(['scan', str(src / 'geheim.pdf'), '--format', 'jsonl']) == 0
    scan_reason = capsys.readouterr().err.strip().split(': ', 2)[2]
    assert scan_reason == 'encrypted document (password-protected PDF)'

    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1
    err = capsys.readouterr().err
    assert f'gdprscan: geheim.pdf: {scan_reason}; not in the copy' in err
    assert 'unreadable or unwritable' not in err and 'Exception' not in err
    assert not (dest / 'geheim.pdf').exists() and (dest / 'ok.txt').exists()
