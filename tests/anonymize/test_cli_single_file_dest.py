"""D30: a single-file copy to a DEST it cannot be (other suffix, a folder, no such folder) is refused
with exit 2 and one line, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.anonymize import files
from gdprscan.anonymize.actions import Actions
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings

KEY = '0123456789abcdef0123456789abcdef'


@pytest.fixture
def csv_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv('GDPRSCAN_D30_KEY', KEY)
    src = tmp_path / 'in' / 'medewerkers.csv'
    src.parent.mkdir()
    src.write_text('naam;rrn\nJan;85.07.30-033.28\n', encoding='utf-8')
    return src


def _entries(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob('*'))


@pytest.mark.parametrize(
    ('out', 'reason'),
    (
        ('copy.xlsx', 'DEST needs the suffix .csv'),  # CSV text in a workbook name: a broken xlsx
        ('copy', 'DEST needs the suffix .csv'),
        ('boekdir/', 'names a folder; SOURCE is a file'),  # would have become a regular file 'boekdir'
        ('missing/dir/copy.csv', 'does not exist'),  # a typo must not create folders
        ('existing', 'is a folder; SOURCE is a file'),
    ),
)
def test_impossible_dest_is_refused_before_writing(
    csv_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, reason: str
) -> None:
    (tmp_path / 'existing').mkdir()
    before = _entries(tmp_path)
    target = str(tmp_path / out) + ('/' if out.endswith('/') else '')
    assert main(['anonymize', str(csv_source), '--out', target, '--key-env', 'GDPRSCAN_D30_KEY']) == 2
    captured = capsys.readouterr()
    assert captured.out == '' and captured.err.count('\n') == 1
    assert captured.err.startswith('gdprscan: error: ') and reason in captured.err
    assert _entries(tmp_path) == before


def test_same_suffix_in_another_case_is_accepted(csv_source: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'COPY.CSV'
    assert main(['anonymize', str(csv_source), '--out', str(dest), '--key-env', 'GDPRSCAN_D30_KEY']) == 0
    assert '85.07.30-033.28' not in dest.read_text(encoding='utf-8')


def test_the_api_refuses_too(csv_source: Path, tmp_path: Path) -> None:
    with pytest.raises(files.TreeError, match='suffix .csv'):
        files.anonymize_tree(
            csv_source, tmp_path / 'copy.json', Actions(KEY.encode()), Engine(Settings(min_score=0.5))
        )
    assert not (tmp_path / 'copy.json').exists()
