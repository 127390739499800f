"""Symbolic links that a scan does not follow are counted and listed, never silently left out.

QA: a folder of links to HR data read "0 files scanned, no personal data found".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


def _links(tmp_path: Path) -> Path:
    outside = tmp_path / 'outside'
    outside.mkdir()
    (outside / 'geheim.txt').write_text('INSZ 85.07.30-033.28\n', encoding='utf-8')
    share = tmp_path / 'share'
    share.mkdir()
    (share / 'gewoon.txt').write_text('niets\n', encoding='utf-8')
    os.symlink(outside / 'geheim.txt', share / 'naar_buiten.txt')
    os.symlink(outside, share / 'map_buiten')
    os.symlink(tmp_path / 'weg.txt', share / 'dangling.txt')
    os.symlink(outside / 'geheim.txt', share / 'loonfiche 85.07.30-033.28.txt')
    return share


def test_links_not_followed_are_listed_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    share = _links(tmp_path)
    assert main(['scan', str(share), '--format', 'json']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc['summary']['files_skipped'] == 4
    reasons = {s['source']: s['reason'] for s in doc['skipped']}
    assert reasons['naar_buiten.txt'] == 'symbolic link to a file outside the target (not followed)'
    assert reasons['map_buiten'] == 'symbolic link to a folder outside the target (not followed)'
    assert reasons['dangling.txt'] == 'dangling symbolic link (its target does not exist)'
    assert 'loonfiche **.**.**-***.28.txt' in reasons  # a link's name is masked like a file's


def test_links_give_one_stderr_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    share = _links(tmp_path)
    main(['scan', str(share), '--format', 'jsonl'])
    err = capsys.readouterr().err
    assert err.count('\n') == 4 and 'gdprscan: dangling.txt: dangling symbolic link' in err
    assert '85.07.30-033.28' not in err
