"""QA: the pre-commit hook obeys include/exclude globs from pyproject.toml and the command line.

pre-commit passes file names, and file TARGETs used to bypass every glob: a team's
`exclude = ["docs/**"]` under [tool.gdprscan] (docs/pre-commit.md) had no effect on the hook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for rel in ('docs/example.md', 'tests/fixtures/a.csv'):
        Path(rel).parent.mkdir(parents=True, exist_ok=True)
        Path(rel).write_text(f'rrn\n{RRN}\n', encoding='utf-8')
    return tmp_path


def test_config_exclude_applies_to_hook_files(repo: Path, capsys) -> None:
    Path('pyproject.toml').write_text('[tool.gdprscan]\nexclude = ["docs/**"]\n', encoding='utf-8')
    assert main(['scan', '--hook', 'docs/example.md']) == 0
    assert capsys.readouterr().out == ''
    assert main(['scan', '--hook', 'docs/example.md', 'tests/fixtures/a.csv']) == 1
    out = capsys.readouterr().out
    assert out.startswith('tests/fixtures/a.csv:2:rrn BE_NATIONAL_NUMBER') and 'docs/example' not in out


def test_config_include_applies_to_hook_files(repo: Path, capsys) -> None:
    Path('pyproject.toml').write_text('[tool.gdprscan]\ninclude = ["tests/**"]\n', encoding='utf-8')
    assert main(['scan', '--hook', './docs/example.md']) == 0
    assert main(['scan', '--hook', './tests/fixtures/a.csv']) == 1


def test_command_line_exclude_applies_to_file_targets(repo: Path, capsys) -> None:
    assert main(['scan', 'docs/example.md', '--format', 'jsonl', '--exclude', '*.md']) == 0
    assert capsys.readouterr().out == ''
