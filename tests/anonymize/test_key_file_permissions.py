"""A key file that other users can read or write is used, with one warning line that says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '00112233445566778899aabbccddeeff'


def _src(tmp_path: Path) -> Path:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'a.txt').write_text('INSZ 85.07.30-033.28\n', encoding='utf-8')
    return src


@pytest.mark.parametrize(('mode', 'warned'), ((0o600, False), (0o644, True), (0o666, True)))
def test_anonymize_warns_on_an_open_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int, warned: bool
) -> None:
    key = tmp_path / 'key'
    key.write_text(KEY, encoding='utf-8')
    os.chmod(key, mode)
    assert main(['anonymize', str(_src(tmp_path)), '--out', str(tmp_path / 'out'), '--key-file', str(key)]) == 0
    err = capsys.readouterr().err
    assert ('readable or writable by other users' in err) is warned
    assert KEY not in err


def test_baseline_warns_on_an_open_default_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / 'key'
    key.write_text(KEY, encoding='utf-8')
    os.chmod(key, 0o664)
    monkeypatch.delenv('GDPRSCAN_KEY', raising=False)
    monkeypatch.setenv('GDPRSCAN_KEY_FILE', str(key))
    monkeypatch.chdir(_src(tmp_path))
    assert main(['baseline', 'create']) == 0
    assert 'chmod 600' in capsys.readouterr().err
