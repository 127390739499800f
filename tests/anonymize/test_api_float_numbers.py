"""QA2 D40/D44 (copy side): national numbers written as floats (``85073003328.0``, ``8.5073003328e10``:
what pandas writes for an integer column with a missing value) or as integers without their leading
zero are replaced in JSON and CSV copies, keep their type and width, and stay valid numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.anonymize.surrogates import Surrogates
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY_HEX = '6a' * 32
RRN = '85073003328'
RRN_2003 = '03021412249'


def _surrogate(digits: str) -> str:
    return Surrogates(bytes.fromhex(KEY_HEX)).replace('BE_NATIONAL_NUMBER', digits)


@pytest.fixture()
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY_HEX)
    return 'GDPRSCAN_TEST_KEY'


def test_json_float_and_unpadded_numbers(tmp_path: Path, key_env: str) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'export.json').write_text(
        '[{"naam": "Jan", "insz": 8.5073003328e10, "rrn": 85073003328.0, "niss": 3021412249},'
        ' {"naam": "Ann", "insz": null, "bedrag": 1234.5}]',
        encoding='utf-8',
    )
    out = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', key_env]) == 0
    first, second = json.loads((out / 'export.json').read_text('utf-8'))
    assert isinstance(first['insz'], float) and isinstance(first['rrn'], float)
    assert f'{int(first["insz"]):011d}' == f'{int(first["rrn"]):011d}' == _surrogate(RRN)
    assert isinstance(first['niss'], int) and f'{first["niss"]:011d}' == _surrogate(RRN_2003)
    assert nn.is_valid(f'{first["niss"]:011d}') and first['niss'] != int(RRN_2003)
    assert second == {'naam': 'Ann', 'insz': None, 'bedrag': 1234.5}


def test_csv_number_without_its_leading_zero_keeps_its_width(tmp_path: Path, key_env: str) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'lonen.csv').write_text(f'naam;insz\nSophie;{RRN_2003.lstrip("0")}\nJan;{RRN}\n', 'utf-8')
    out = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', key_env]) == 0
    rows = [line.split(';') for line in (out / 'lonen.csv').read_text('utf-8').splitlines()]
    assert rows[1][1] == _surrogate(RRN_2003)[1:] and len(rows[1][1]) == 10  # valid once padded
    assert rows[2][1] == _surrogate(RRN)


def test_csv_floats_written_by_pandas_are_replaced(tmp_path: Path, key_env: str) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    lines = [
        'naam,insz',
        'Jan,85073003328.0',
        'Ann,',
        'Sophie,3021412249.0',
        'X,8.5073003328e10',
        'Y,1234.50',
    ]
    (src / 'export.csv').write_text('\n'.join(lines) + '\n', 'utf-8')
    out = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', key_env]) == 0
    cells = [line.split(',')[1] for line in (out / 'export.csv').read_text('utf-8').splitlines()[1:]]
    assert cells[0] == _surrogate(RRN) + '.0' and cells[1] == ''
    assert cells[2] == _surrogate(RRN_2003)[1:] + '.0'  # width kept, valid once padded
    assert float(cells[3]) == float(int(_surrogate(RRN))) and cells[4] == '1234.50'
