"""verify without the key says why a leak may be a coincidence; with the key it says nothing of the sort."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


def test_leaks_found_without_the_key_come_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'a.txt').write_text('INSZ 85.07.30-033.28\n', encoding='utf-8')
    shutil.copytree(src, tmp_path / 'copy')  # not pseudonymised at all: a real leak
    assert main(['verify', str(src), str(tmp_path / 'copy')]) == 1
    assert 'verify ran without the key' in capsys.readouterr().err
    monkeypatch.setenv('GDPRSCAN_VERIFY_KEY', '00112233445566778899aabbccddeeff')
    assert main(['verify', str(src), str(tmp_path / 'copy'), '--key-env', 'GDPRSCAN_VERIFY_KEY']) == 1
    assert 'verify ran without the key' not in capsys.readouterr().err
