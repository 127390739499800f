"""D37: anonymize and verify load the custom recognisers that scan loads (config list and --recognizers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
RULES = """recognizers:
  - entity: EMPLOYEE_ID
    score: 0.7
    patterns:
      - regex: 'EMP-\\d{6}'
    context:
      nl: [personeelsnummer]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv('GDPRSCAN_D37_KEY', KEY)
    (tmp_path / 'rules.yaml').write_text(RULES, encoding='utf-8')
    (tmp_path / 'src').mkdir()
    (tmp_path / 'src' / 'emp.txt').write_text('personeelsnummer EMP-123456\n', encoding='utf-8')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _copy_text(dest: Path) -> str:
    return (dest / 'emp.txt').read_text(encoding='utf-8')


def test_config_recognizers_are_replaced_and_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / 'pyproject.toml').write_text(
        '[tool.gdprscan]\nrecognizers = ["rules.yaml"]\n', encoding='utf-8'
    )
    assert main(['scan', 'src', '--format', 'jsonl']) == 1  # the scan reports it
    capsys.readouterr()
    assert main(['anonymize', 'src', '--out', 'out', '--key-env', 'GDPRSCAN_D37_KEY']) == 0
    out = capsys.readouterr().out
    copied = _copy_text(project / 'out')
    assert 'EMP-123456' not in copied and re.fullmatch(
        r'personeelsnummer [A-Z]{3}-\d{6}\n', copied
    )  # same shape
    assert '1 rewritten' in out and 'leak check OK: 0 of 1 ' in out

    # verify reads the same configuration: a copy that kept the value is a leak
    (project / 'kept').mkdir()
    (project / 'kept' / 'emp.txt').write_text('personeelsnummer EMP-123456\n', encoding='utf-8')
    assert main(['verify', 'src', 'kept', '--profile', 'identifiers']) == 1
    assert 'LEAK emp.txt: EMPLOYEE_ID x1' in capsys.readouterr().err


def test_recognizers_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['anonymize', 'src', '--out', 'plain', '--key-env', 'GDPRSCAN_D37_KEY']) == 0
    assert 'EMP-123456' in _copy_text(project / 'plain')  # without the rule nothing is found
    args = ['--key-env', 'GDPRSCAN_D37_KEY', '--recognizers', 'rules.yaml']
    assert main(['anonymize', 'src', '--out', 'out', *args]) == 0
    assert 'EMP-123456' not in _copy_text(project / 'out')
    capsys.readouterr()
    assert main(['verify', 'src', 'plain', '--recognizers', 'rules.yaml', '--profile', 'identifiers']) == 1
    assert 'LEAK emp.txt: EMPLOYEE_ID x1' in capsys.readouterr().err


def test_bad_recognizer_file_is_a_usage_error_before_writing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / 'bad.yaml').write_text('recognizers:\n  - entity: lower\n', encoding='utf-8')
    args = ['--key-env', 'GDPRSCAN_D37_KEY', '--recognizers', 'bad.yaml']
    assert main(['anonymize', 'src', '--out', 'out', *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith('gdprscan: error: ') and err.count('\n') == 1 and 'bad.yaml' in err
    assert not (project / 'out').exists() and not list(project.glob('.out.gdprscan-partial-*'))
    assert main(['verify', 'src', 'src', '--recognizers', 'bad.yaml']) == 2


def test_policy_may_name_an_entity_of_a_command_line_recognizer(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / 'policy.yaml').write_text('entities:\n  EMPLOYEE_ID: redact\n', encoding='utf-8')
    args = ['anonymize', 'src', '--out', 'out', '--key-env', 'GDPRSCAN_D37_KEY', '--policy', 'policy.yaml']
    assert main([*args, '--recognizers', 'rules.yaml']) == 0
    assert 'EMP-123456' not in _copy_text(project / 'out')
    assert main([*args[:3], 'out2', *args[4:]]) == 2  # without the rules the entity is unknown: a typo?
    assert 'EMPLOYEE_ID' in capsys.readouterr().err


def test_a_policy_column_that_matches_nothing_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / 'src' / 'personeel.csv').write_text('naam;opmerking\nJan Peeters;lid ACV\n', encoding='utf-8')
    (project / 'policy.yaml').write_text('columns:\n  personeel.opmerkingen: drop\n', encoding='utf-8')
    args = ['anonymize', 'src', '--out', 'out', '--key-env', 'GDPRSCAN_D37_KEY', '--policy', 'policy.yaml']
    assert main(args) == 0
    err = capsys.readouterr().err
    assert 'personeel.opmerkingen matches no column' in err and err.count('matches no column') == 1
