"""The hook prints at most MAX_PER_FILE lines per file, then a count (QA4 Q35)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters import hook


def test_a_dump_is_summed_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / 'dump.csv'
    dump.write_text('naam,insz\n' + ''.join(f'x{i},85073003328\n' for i in range(500)), encoding='utf-8')
    small = tmp_path / 'small.txt'
    small.write_text('INSZ 85073003328\n', encoding='utf-8')
    assert main(['scan', '--hook', str(dump), str(small)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len([x for x in lines if x.startswith(str(dump) + ':')]) == hook.MAX_PER_FILE
    assert f'gdprscan: ... and {500 - hook.MAX_PER_FILE} more findings in {dump}' in lines[-2]
    assert [x for x in lines if x.startswith(str(small) + ':')] == [f'{small}:1:6 BE_NATIONAL_NUMBER *********28']
    assert lines[-1].startswith('gdprscan: 501 findings of personal data.')
    assert len(lines) == hook.MAX_PER_FILE + 3
