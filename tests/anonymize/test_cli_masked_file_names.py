"""D35: anonymize and verify print personal data in file names masked, as scan does, and a dry run
counts a file name it will replace."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
RRN = '85.07.30-033.28'
RRN2 = '99.01.01-005.14'


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_D35_KEY', KEY)
    return 'GDPRSCAN_D35_KEY'


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / 'loon'
    root.mkdir()
    (root / f'loonfiche {RRN2}.txt').write_text('Loonfiche januari, bruto 3000 EUR\n', encoding='utf-8')
    (root / f'kapot {RRN}.docx').write_bytes(b'PK\x03\x04 not a real zip')
    return root


def test_dry_run_counts_file_name_replacements_masked(
    src: Path, tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(['anonymize', str(src), '--out', str(tmp_path / 'dry'), '--dry-run', '--key-env', key_env]) == 1
    )
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert 'loonfiche **.**.**-***.14.txt [file name]: BE_NATIONAL_NUMBER x1' in lines
    assert not any('nothing to replace' in line for line in lines)
    assert 'kapot **.**.**-***.28.docx: not copied' in lines
    assert 'gdprscan: kapot **.**.**-***.28.docx: corrupt or truncated Word document' in captured.err
    assert RRN not in captured.out + captured.err and RRN2 not in captured.out + captured.err
    assert not (tmp_path / 'dry').exists()


def test_real_copy_messages_mask_names_and_the_name_is_replaced(
    src: Path, tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1  # the broken docx
    captured = capsys.readouterr()
    assert 'gdprscan: kapot **.**.**-***.28.docx: corrupt or truncated Word document' in captured.err
    assert RRN not in captured.out + captured.err
    [copy] = dest.iterdir()
    assert copy.name.startswith('loonfiche ') and RRN2 not in copy.name


def test_verify_masks_names_in_error_and_leak_lines(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / 'bad-copy'
    dest.mkdir()
    # a careless copy: the original file name (with its national number) kept
    (dest / f'loonfiche {RRN2}.txt').write_text('Loonfiche januari\n', encoding='utf-8')
    assert main(['verify', str(src), str(dest), '--profile', 'identifiers']) == 1
    captured = capsys.readouterr()
    assert 'LEAK loonfiche **.**.**-***.14.txt: BE_NATIONAL_NUMBER x1' in captured.err
    assert 'gdprscan: kapot **.**.**-***.28.docx: corrupt or truncated Word document' in captured.err
    assert RRN not in captured.out + captured.err and RRN2 not in captured.out + captured.err
