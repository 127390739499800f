"""``-o FILE`` without ``--format`` writes the format its suffix names (QA4 Q22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    root.mkdir()
    (root / 'a.txt').write_text('INSZ 85073003328\n', encoding='utf-8')
    return root


@pytest.mark.parametrize(
    ('name', 'check'),
    (
        ('report.html', lambda t: t.startswith('<!DOCTYPE html>')),
        ('results.sarif', lambda t: json.loads(t)['version'] == '2.1.0'),
        ('results.sarif.json', lambda t: json.loads(t)['version'] == '2.1.0'),
        ('report.json', lambda t: 'findings' in json.loads(t)),
        ('findings.jsonl', lambda t: json.loads(t.splitlines()[0])['entity'] == 'BE_NATIONAL_NUMBER'),
        ('findings.csv', lambda t: t.startswith('source,')),
        ('report.txt', lambda t: 'BE_NATIONAL_NUMBER' in t and not t.startswith('{')),
    ),
)
def test_suffix_names_the_format(share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, check) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    assert main(['scan', str(share), '-o', str(out), '--no-progress']) == 1
    capsys.readouterr()
    assert check(out.read_text(encoding='utf-8'))


def test_explicit_format_wins(share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / 'report.html'
    assert main(['scan', str(share), '-o', str(out), '--format', 'jsonl', '--no-progress']) == 1
    capsys.readouterr()
    assert json.loads(out.read_text(encoding='utf-8').splitlines()[0])['entity'] == 'BE_NATIONAL_NUMBER'
