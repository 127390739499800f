"""SIGTERM (CI cancel, ``timeout``) ends a scan or a copy like Ctrl-C: clean-up, exit 143, no orphans.

Only the main process gets the signal, as ``kill PID`` or a CI runner sends it; its pool workers
must not run on, and nothing half-written may stay. A parent killed with SIGKILL takes its scan
workers with it too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LETTER = (
    'Beste {name},\nUw rijksregisternummer 85.07.30-033.28 en rekening BE71 0961 2345 6769 zijn genoteerd.\n'
    'U bent sinds maandag arbeidsongeschikt wegens een burn-out. Met vriendelijke groeten, Els Claes\n'
)


def _tree(root: Path, files: int = 160, repeat: int = 120) -> Path:
    for i in range(files):
        folder = root / f'd{i % 8}'
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f'brief_{i}.txt').write_text(LETTER.format(name=f'Jan Peeters {i}') * repeat, encoding='utf-8')
    return root


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path('/proc').iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / 'stat').read_text().rsplit(')', 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path('/proc') / str(pid) / 'stat').read_text().rsplit(')', 1)[1].split()[0]
        except OSError:
            continue
        if state != 'Z':
            alive.add(pid)
    return alive


def _start(args: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], set[int]]:
    """Start ``gdprscan ARGS`` and wait until its pool workers run; (process, worker pids)."""
    proc = subprocess.Popen(
        [sys.executable, '-m', 'gdprscan.scanner.cli', *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    if len(workers) < 2:
        proc.kill()
        pytest.fail(f'no pool workers started (exit {proc.poll()}): {proc.communicate()[1][-300:]!r}')
    time.sleep(0.3)  # let the workers get into their files
    return proc, workers


def _gone(pids: set[int], seconds: float = 10) -> set[int]:
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _alive(pids)


def test_sigterm_stops_a_scan_with_exit_143_and_no_orphan_workers(tmp_path: Path) -> None:
    tree = _tree(tmp_path / 'share')
    report = tmp_path / 'report.json'
    proc, workers = _start(['scan', str(tree), '--profile', 'full', '--workers', '2', '--format', 'json', '-o', str(report)])
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert b'terminated' in err and b'Traceback' not in err
    assert not _gone(workers)
    assert not report.exists() and not list(tmp_path.glob('*.json*'))


def test_sigterm_stops_a_copy_and_leaves_no_partial_folder(tmp_path: Path) -> None:
    tree = _tree(tmp_path / 'share')
    dest = tmp_path / 'copy'
    key = {'GDPRSCAN_TEST_KEY': '5' * 64}
    args = ['anonymize', str(tree), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY', '--profile', 'full']
    proc, workers = _start(args, key)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert b'Traceback' not in err
    assert not _gone(workers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['share']  # no DEST, no .copy.gdprscan-partial-*


def test_scan_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    # Two big files: each worker is seconds deep into one when the parent dies, so only the
    # kernel's parent-death signal (not the closed task pipe) can stop it at once.
    tree = _tree(tmp_path / 'share', files=2, repeat=100_000)
    proc, workers = _start(['scan', str(tree), '--profile', 'full', '--workers', '2', '--format', 'json'])
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert not _gone(workers, seconds=2)
