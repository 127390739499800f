"""D19: `gdprscan verify` is the safety net: it checks with the full profile unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
LETTER = (
    'Beste Jan Peeters,\n'
    'Uw rijksregisternummer 85.07.30-033.28 is genoteerd.\n'
    'Met vriendelijke groeten,\nSophie Lambert\n'
)


def test_verify_finds_names_an_identifier_copy_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_D19_KEY', KEY)
    src, dest = tmp_path / 'share', tmp_path / 'share-test'
    src.mkdir()
    (src / 'brief.txt').write_text(LETTER, encoding='utf-8')
    # the README's workflow with a copy made on the identifier profile: the names stay
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', 'GDPRSCAN_D19_KEY']) == 0
    copied = (dest / 'brief.txt').read_text(encoding='utf-8')
    assert 'Jan Peeters' in copied and '85.07.30-033.28' not in copied
    assert '(profile identifiers)' in capsys.readouterr().out

    assert main(['verify', str(src), str(dest)]) == 1
    captured = capsys.readouterr()
    assert 'leak check FAILED' in captured.out and '(profile full)' in captured.out
    assert 'LEAK brief.txt: PERSON' in captured.err
    assert 'Peeters' not in captured.out + captured.err

    assert main(['verify', str(src), str(dest), '--profile', 'identifiers']) == 0
    out = capsys.readouterr().out
    assert 'leak check OK: 0 of 1 ' in out and '(profile identifiers)' in out


def test_verify_passes_a_full_profile_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_D19_KEY', KEY)
    src, dest = tmp_path / 'share', tmp_path / 'share-test'
    src.mkdir()
    (src / 'brief.txt').write_text(LETTER, encoding='utf-8')
    args = ['--key-env', 'GDPRSCAN_D19_KEY']
    assert main(['anonymize', str(src), '--out', str(dest), '--profile', 'full', *args]) == 0
    capsys.readouterr()
    assert main(['verify', str(src), str(dest), *args]) == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
