"""National numbers written as floats: what pandas writes for an INSZ column with one missing value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.recognizers import be_national_number
from gdprscan.scanner.cli import main


@pytest.mark.parametrize(
    ('text', 'value'),
    (('85073003328.0', '85073003328'), ('85.07.30-033.28.0', '85.07.30-033.28'), ('85073003328.000', '85073003328')),
)
def test_whole_float_is_a_national_number(text: str, value: str) -> None:
    assert [m.span for m in be_national_number.find(f'rrn {text} ')] == [(4, 4 + len(value))]


@pytest.mark.parametrize('text', ('85073003328.25', '85073003328,0', '85073003328.0001', '85073003328.05'))
def test_amounts_stay_out(text: str) -> None:
    assert list(be_national_number.find(f'bedrag {text} ')) == []


def test_pandas_exports_are_scanned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'export.csv').write_text('naam,insz\nJan Peeters,85073003328.0\nAnn Claes,\n', encoding='utf-8')
    (tmp_path / 'export.json').write_text(
        json.dumps([{'naam': 'Jan Peeters', 'insz': 85073003328.0}, {'naam': 'Ann', 'insz': None}]), encoding='utf-8'
    )
    main(['scan', str(tmp_path), '--format', 'jsonl'])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((f['source'], f['entity'], f['score']) for f in found) == [
        ('export.csv', 'BE_NATIONAL_NUMBER', 0.95),
        ('export.json', 'BE_NATIONAL_NUMBER', 0.95),
    ]
