"""Rough edges a DPO meets at the scan command line: one line, exit 2, checked before the scan."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    (root / 'hr').mkdir(parents=True)
    (root / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    (root / 'hr' / 'b.txt').write_text('IBAN BE71 0961 2345 6769\n', encoding='utf-8')
    return root


def usage_error(capsys, *argv: str) -> str:
    """Run ``gdprscan scan ARGV``; assert exit 2, nothing on stdout and one error line; return it."""
    code = main(['scan', *argv])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ''  # no report before the error
    [line] = err.splitlines()
    assert line.startswith('gdprscan') and 'Traceback' not in err
    return line


@pytest.mark.parametrize(
    ('argv', 'message'),
    (
        (['--fail-on', ','], '--fail-on takes one of none, any, special, undeclared'),  # used to pass as 0
        (['--fail-on', 'any,special'], 'unknown entities ANY, SPECIAL in --fail-on: none, any, special'),
        (['--fail-on', 'undeclared'], '--fail-on undeclared needs --declared FILE'),  # used to come after
        (['--entities', ','], '--entities takes entity names'),  # used to say 'unknown entity  ('
        (['--min-score', '1.5'], '--min-score must be between 0 and 1'),
        (['--min-score', '-0.1'], '--min-score must be between 0 and 1'),
        (['--min-score', 'nan'], '--min-score must be between 0 and 1'),
        (['--timeout', 'inf'], '--timeout must be a finite number of seconds'),  # every file failed
        (['--timeout', 'nan'], '--timeout must be a finite number of seconds'),  # no limit at all
        (['--timeout', '0'], '--timeout must be greater than 0'),
        (['--workers', '0'], '--workers must be at least 1'),
        (['--workers', '-2'], '--workers must be at least 1'),
        (['-o', ''], '-o/--output needs a file name'),
    ),
)
def test_bad_option_is_one_line_and_exit_2(share, capsys, argv, message):
    line = usage_error(capsys, str(share), '--format', 'jsonl', *argv)
    assert message in line


def test_report_into_a_missing_folder(share, tmp_path, capsys):
    line = usage_error(capsys, str(share), '--format', 'json', '-o', str(tmp_path / 'nope' / 'report.json'))
    assert line.endswith(f'folder {tmp_path / "nope"} does not exist')
    assert not (tmp_path / 'nope').exists()


def test_missing_target(tmp_path, capsys):
    line = usage_error(capsys, str(tmp_path / 'Loon 2024'))
    assert line == f'gdprscan: error: {tmp_path / "Loon 2024"}: no such file, folder or database URL'


def test_unknown_option_is_still_a_usage_error(share, capsys):
    assert main(['scan', str(share), '--bogus']) == 2
    assert 'unrecognized arguments: --bogus' in capsys.readouterr().err


def test_empty_folder_is_clean_with_a_hint(tmp_path, capsys):
    empty = tmp_path / 'leeg'
    empty.mkdir()
    assert main(['scan', str(empty)]) == 0
    out, err = capsys.readouterr()
    assert err == ''
    assert out.startswith('0 files scanned, no personal data found in ')
    assert 'Hint: no files were scanned' in out
    assert main(['scan', str(empty), '--format', 'json']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc['findings'] == [] and doc['summary']['files_scanned'] == 0


def test_targets_after_options_are_scanned(share, tmp_path, capsys):
    """argparse used to refuse `scan share --format json other` ('unrecognized arguments: other')."""
    other = tmp_path / 'other.txt'
    other.write_text('mail an.peeters@bedrijf.be\n', encoding='utf-8')
    assert main(['scan', str(share / 'a.txt'), '--format', 'json', str(other)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc['summary']['files_scanned'] == 2
    assert {f['entity'] for f in doc['findings']} == {'BE_NATIONAL_NUMBER', 'EMAIL_ADDRESS'}


def test_a_file_reached_twice_is_scanned_once(share, capsys):
    argv = [str(share), str(share), str(share / 'hr'), str(share / 'hr' / 'b.txt'), '--format', 'json']
    assert main(['scan', *argv]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc['summary']['files_scanned'] == 2
    sources = sorted(f['source'] for f in doc['findings'])  # several TARGETs: sources keep the path
    assert len(sources) == 2 and sources[0].endswith('a.txt') and sources[1].endswith('b.txt')


def test_sqlite_file_target_says_how_to_scan_it(tmp_path, capsys):
    db = tmp_path / 'hr.db'
    with sqlite3.connect(db) as conn:
        conn.execute('CREATE TABLE werknemers (insz TEXT)')
    conn.close()
    assert main(['scan', str(db)]) == 0
    out, err = capsys.readouterr()
    assert (
        err == f'gdprscan: {db}: a SQLite database, skipped as a file; scan its tables with sqlite:///{db}\n'
    )
    assert '1 skipped (binary files, links not followed)' in out
    assert main(['scan', f'sqlite:///{db}', '--format', 'json']) == 1  # the advice works: column 'insz'
    assert json.loads(capsys.readouterr().out)['summary']['tables_scanned'] == 1


def _run_on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """gdprscan with stdout on a real pseudo-terminal; returns (code, terminal text, stderr)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, '-m', 'gdprscan.scanner.cli', *argv],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=cwd,
            timeout=120,
        )
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    return proc.returncode, b''.join(chunks).decode('utf-8', 'replace'), proc.stderr.decode('utf-8')


def test_html_to_a_terminal_asks_for_a_file(share, tmp_path):
    code, screen, err = _run_on_a_terminal(['scan', str(share), '--format', 'html'], tmp_path)
    assert code == 2 and screen == ''
    assert err == 'gdprscan: error: --format html writes a web page: give it a file with -o report.html\n'
    code, screen, err = _run_on_a_terminal(
        ['scan', str(share), '--format', 'html', '-o', 'report.html'], tmp_path
    )
    assert code == 1 and screen == '' and err == ''
    assert (tmp_path / 'report.html').read_text(encoding='utf-8').startswith('<!DOCTYPE html>')


def test_html_to_a_pipe_or_file_still_works(share, capsys):
    """Redirected stdout (`> report.html`, a pipe, a test's capture) is not a terminal: no error."""
    assert main(['scan', str(share), '--format', 'html']) == 1
    assert capsys.readouterr().out.startswith('<!DOCTYPE html>')


def test_fifo_target_does_not_hang_the_sqlite_check(tmp_path):
    """Looking for a SQLite header must not open a FIFO: open() would wait for a writer forever."""
    fifo = tmp_path / 'pipe'
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, '-m', 'gdprscan.scanner.cli', 'scan', str(fifo), '--format', 'json'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and 'Traceback' not in proc.stderr
    assert json.loads(proc.stdout)['findings'] == []
