"""QA: file and folder names are data, not markup or terminal control.

Folders such as 'Loon [juni]' lost their bracketed part in the table report (rich
markup), a path containing '[/bold]' crashed it (MarkupError, exit 2, report lost),
and a newline or ESC in a name split the one-line messages or reached the terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    (root / 'Loon [juni]').mkdir(parents=True)
    (root / 'Loon [juni]' / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    (root / 'oud[').mkdir()
    (root / 'oud[' / 'bold].txt').write_text(
        f'RRN {RRN}\n', encoding='utf-8'
    )  # the path reads 'oud[/bold].txt'
    (root / 'oud[' / 'i].docx').write_bytes(b'not a zip')
    return root


def test_table_shows_bracketed_paths_verbatim(share: Path, capsys) -> None:
    assert main(['scan', str(share), '--no-progress']) == 1
    out = capsys.readouterr().out
    assert 'Loon [juni]/a.txt' in out
    assert 'oud[/bold].txt' in out
    assert 'oud[/i].docx' in out  # in the unreadable-sources table


def test_control_characters_in_names_stay_on_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / 'new\nline.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    (tmp_path / 'esc\x1b[2Jname.docx').write_bytes(b'not a zip')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    err = capsys.readouterr().err
    assert '\x1b' not in err
    assert err.splitlines() == ['gdprscan: esc\\x1b[2Jname.docx: corrupt Word document (not a zip container)']
    assert main(['scan', str(tmp_path), '--no-progress']) == 1
    assert '\x1b' not in capsys.readouterr().out


def test_hook_line_per_finding_with_newline_in_name(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path('new\nline.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    assert main(['scan', '--hook', 'new\nline.txt']) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == 'new\\nline.txt:1:5 BE_NATIONAL_NUMBER **.**.**-***.28'
