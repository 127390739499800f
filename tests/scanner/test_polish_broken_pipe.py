"""`gdprscan ... | head`: a reader that hangs up ends the command quietly with exit 141.

Real processes and real pipes: the behaviour lives in the interpreter's exit flush and in the
kernel's EPIPE, which an in-process call cannot show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

STATEMENTS = Path(__file__).resolve().parents[2].parent / 'shared' / 'statements'
GDPRSCAN = [sys.executable, '-m', 'gdprscan.scanner.cli']
ENV = {k: v for k, v in os.environ.items() if k != 'GDPRSCAN_DEBUG'}


@pytest.fixture
def big_share(tmp_path: Path) -> Path:
    """About 3,000 findings: far more JSONL than a pipe buffers (64 KiB), so the writer must block."""
    root = tmp_path / 'share'
    root.mkdir()
    (root / 'a.txt').write_text('RRN 85.07.30-033.28\n' * 3000, encoding='utf-8')
    return root


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / 'privacy.txt'
    path.write_text(
        'Wij verwerken identificatiegegevens (naam, voornaam, rijksregisternummer), contactgegevens '
        '(adres, e-mailadres) en financiële gegevens (rekeningnummer).\n',
        encoding='utf-8',
    )
    return path


def into_head(argv: list[str], tmp_path: Path) -> tuple[int, str, str]:
    """``gdprscan ARGV | head -1``: exit code of gdprscan, what head printed, gdprscan's stderr."""
    err_path = tmp_path / 'stderr.txt'
    with err_path.open('wb') as err:
        gd = subprocess.Popen([*GDPRSCAN, *argv], stdout=subprocess.PIPE, stderr=err, env=ENV)
        head = subprocess.Popen(['head', '-1'], stdin=gd.stdout, stdout=subprocess.PIPE)
        assert gd.stdout is not None
        gd.stdout.close()  # head is now the only reader: when it exits, the pipe is closed
        out, _ = head.communicate(timeout=120)
        code = gd.wait(timeout=120)
    return code, out.decode('utf-8'), err_path.read_text(encoding='utf-8')


def into_closed_pipe(argv: list[str], tmp_path: Path, stream: str = 'stdout') -> tuple[int, str]:
    """Run with ``stream`` a pipe whose reader is already gone (the first write fails with EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    other = tmp_path / 'other.txt'
    try:
        with other.open('wb') as f:
            kwargs = (
                {'stdout': write_end, 'stderr': f}
                if stream == 'stdout'
                else {'stdout': f, 'stderr': write_end}
            )
            code = subprocess.run([*GDPRSCAN, *argv], env=ENV, timeout=120, **kwargs).returncode
    finally:
        os.close(write_end)
    return code, other.read_text(encoding='utf-8')


def test_jsonl_into_head_stops_quietly_with_141(big_share, tmp_path):
    code, out, err = into_head(['scan', str(big_share), '--format', 'jsonl', '--workers', '1'], tmp_path)
    assert json.loads(out)['masked'] == '**.**.**-***.28'  # head got its line
    assert err == ''  # no traceback, no 'Exception ignored in ... BrokenPipeError'
    assert code == 141


@pytest.mark.parametrize('fmt', ('json', 'csv', 'sarif'))
def test_other_formats_into_head(big_share, tmp_path, fmt):
    code, out, err = into_head(['scan', str(big_share), '--format', fmt, '--workers', '1'], tmp_path)
    assert out and err == '' and code == 141


@pytest.mark.parametrize('fmt', ('table', 'jsonl', 'html'))
def test_scan_into_a_closed_pipe(big_share, tmp_path, fmt):
    """rich's own broken-pipe handler would exit 1 (read as 'findings'); every format gives 141."""
    code, err = into_closed_pipe(['scan', str(big_share), '--format', fmt], tmp_path)
    assert (code, err) == (141, '')


def test_categories_and_statement_into_head(statement, tmp_path):
    for argv in (['categories'], ['categories', '--format', 'json'], ['statement', str(statement)]):
        code, out, err = into_head(argv, tmp_path)
        assert out and err == '', argv
        assert code in (0, 141), argv  # 0 when the whole output fit in the pipe before head left
        code, err = into_closed_pipe(argv, tmp_path)
        assert (code, err) == (141, ''), argv


def test_shared_statement_into_a_closed_pipe(tmp_path):
    for fmt in ('table', 'json', 'yaml'):
        code, err = into_closed_pipe(
            ['statement', str(STATEMENTS / 'group-s-nl.txt'), '--format', fmt], tmp_path
        )
        assert (code, err) == (141, ''), fmt


def test_closed_stderr_still_writes_the_report(tmp_path):
    """`2>&1 | head` style: losing the reader of the warnings must not lose the report file."""
    share = tmp_path / 'share'
    share.mkdir()
    (share / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    for i in range(50):
        (share / f'kapot{i:02d}.docx').write_bytes(b'PK\x03\x04 truncated')
    report = tmp_path / 'report.json'
    code, out = into_closed_pipe(
        ['scan', str(share), '--format', 'json', '-o', str(report)], tmp_path, 'stderr'
    )
    assert code == 1 and out == ''  # findings: the usual verdict
    doc = json.loads(report.read_text(encoding='utf-8'))
    assert doc['summary']['files_with_errors'] == 50 and doc['summary']['findings'] == 1
