"""QA: two folder TARGETs holding files of the same name stay two sources.

`gdprscan scan A B` used to report both A/export.txt and B/export.txt as `export.txt`:
one row in the table, and SARIF pointed both results at A/export.txt.
"""

from __future__ import annotations

import json
from pathlib import Path

from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'


def _shares(tmp_path: Path) -> None:
    for name in ('A', 'B'):
        (tmp_path / name).mkdir()
        (tmp_path / name / 'export.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')


def test_jsonl_sources_are_distinct(tmp_path: Path, monkeypatch, capsys) -> None:
    _shares(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(['scan', 'A', 'B', '--format', 'jsonl']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r['source'] for r in rows] == ['A/export.txt', 'B/export.txt']


def test_sarif_points_at_each_file(tmp_path: Path, monkeypatch, capsys) -> None:
    _shares(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(['scan', 'A', 'B', '--format', 'sarif']) == 1
    results = json.loads(capsys.readouterr().out)['runs'][0]['results']
    uris = [r['locations'][0]['physicalLocation']['artifactLocation']['uri'] for r in results]
    assert uris == ['A/export.txt', 'B/export.txt']


def test_single_target_keeps_relative_sources(tmp_path: Path, monkeypatch, capsys) -> None:
    _shares(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(['scan', 'A', '--format', 'jsonl']) == 1
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['source'] == 'export.txt'  # issue #3: relative to the TARGET folder
