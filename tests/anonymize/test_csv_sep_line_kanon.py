"""k-anonymity of a CSV copy counts the rows the scan reads: Excel's ``sep=;`` first line and the header
after it are no rows (counted as one, the header's value made a group of one: every postcode erased)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '00112233445566778899aabbccddeeff'


def test_sep_line_and_header_are_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_SEPK_KEY', KEY)
    src, dest = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    rows = ['sep=;', 'naam;postcode'] + [f'P{i};{9000 if i < 5 else 2000}' for i in range(10)]
    (src / 'leden.csv').write_text('\n'.join(rows) + '\n', encoding='utf-8')
    policy = 'quasi_identifiers:\n  postcode: postcode\nk: 5\n'
    (tmp_path / 'policy.yaml').write_text(policy, encoding='utf-8')
    args = ['anonymize', str(src), '--out', str(dest), '--key-env', 'GDPRSCAN_SEPK_KEY']
    assert main([*args, '--policy', str(tmp_path / 'policy.yaml')]) == 0
    err = capsys.readouterr().err
    assert 'leden.csv: k-anonymity: k=5 (postcode:postcode@0; 0 rows suppressed)' in err
    lines = (dest / 'leden.csv').read_text(encoding='utf-8').splitlines()
    assert lines[:2] == ['sep=;', 'naam;postcode']
    assert [line.split(';')[1] for line in lines[2:]] == ['9000'] * 5 + ['2000'] * 5  # already 5-anonymous
