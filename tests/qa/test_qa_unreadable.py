"""QA: sources without read permission are reported, one line each, never silently skipped.

Root ignores file modes, so as root the CLI runs under ``setpriv`` without the
capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RRN = '85.07.30-033.28'


def _gdprscan(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, '-m', 'gdprscan.scanner.cli', *args]
    if os.geteuid() == 0:
        setpriv = shutil.which('setpriv')
        if setpriv is None:
            pytest.skip('running as root without setpriv: file modes cannot be enforced')
        caps = '-dac_override,-dac_read_search'
        cmd = [setpriv, f'--bounding-set={caps}', f'--inh-caps={caps}', '--', *cmd]
    env = {**os.environ, 'GDPRSCAN_DEBUG': ''}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60, env=env)


@pytest.fixture
def share(tmp_path: Path):
    root = tmp_path / 'share'
    (root / 'open').mkdir(parents=True)
    (root / 'open' / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    locked = root / 'Personeel geheim'
    locked.mkdir()
    (locked / 'b.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    locked.chmod(0)
    yield root
    locked.chmod(0o755)


def test_locked_folder_is_an_error_not_clean(share: Path) -> None:
    proc = _gdprscan('scan', '.', '--format', 'json', cwd=share)
    assert 'Traceback' not in proc.stderr
    doc = json.loads(proc.stdout)
    assert {'source': 'Personeel geheim', 'error': 'Permission denied'} in doc['errors']
    assert doc['summary']['files_with_errors'] == 1
    assert [f['source'] for f in doc['findings']] == ['open/a.txt']


def test_locked_folder_gives_one_stderr_line(share: Path) -> None:
    proc = _gdprscan('scan', str(share), '--format', 'jsonl', cwd=share.parent)
    assert proc.returncode == 1  # the readable finding
    lines = [ln for ln in proc.stderr.splitlines() if ln]
    assert lines == ['gdprscan: Personeel geheim: Permission denied']


def test_locked_target_folder_itself(share: Path) -> None:
    proc = _gdprscan('scan', 'Personeel geheim', '--format', 'jsonl', cwd=share)
    assert proc.returncode == 0
    assert proc.stderr.strip() == 'gdprscan: Personeel geheim: Permission denied'


def test_file_target_inside_locked_folder_is_a_source_error(share: Path) -> None:
    proc = _gdprscan('scan', 'Personeel geheim/b.txt', '--format', 'jsonl', cwd=share)
    assert 'internal error' not in proc.stderr
    assert proc.returncode == 0
    assert proc.stderr.strip() == 'gdprscan: Personeel geheim/b.txt: Permission denied'


def test_hook_reports_unreadable_staged_file(share: Path) -> None:
    proc = _gdprscan('scan', '--hook', 'Personeel geheim/b.txt', 'open/a.txt', cwd=share)
    assert 'internal error' not in proc.stderr
    assert proc.returncode == 1
    assert 'gdprscan: Personeel geheim/b.txt: Permission denied' in proc.stderr.splitlines()
    assert proc.stdout.startswith('open/a.txt:1:5 BE_NATIONAL_NUMBER **.**.**-***.28')
