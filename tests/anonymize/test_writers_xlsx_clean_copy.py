"""QA2 D36: a workbook in which the scanner finds nothing is copied without loading it (its sheets
byte for byte, author fields replaced); a workbook with findings, or one a policy column rule
names, still goes through the XLSX writer."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = 'writers-xlsx-clean-key-0123456789a'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_WRITERS_XLSX_KEY', KEY)


def _workbook(path: Path, creator: str | None, extra: list[object] | None = None) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Voorraad'
    ws.append(['artikel', 'aantal', 'afdeling'])
    for i in range(300):
        ws.append([f'schroef M{i % 12}', i * 7, 'magazijn'])
    if extra is not None:
        ws.append(extra)
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = None
    wb.save(path)


def _copy(src: Path, out: Path, tmp_path: Path, policy: str | None = None) -> int:
    argv = ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_WRITERS_XLSX_KEY']
    if policy is not None:
        (tmp_path / 'policy.yaml').write_text(policy, encoding='utf-8')
        argv += ['--policy', str(tmp_path / 'policy.yaml')]
    return main(argv)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_clean_workbook_without_author_is_copied_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'voorraad.xlsx'
    _workbook(src, creator=None)
    out = tmp_path / 'copy.xlsx'
    assert _copy(src, out, tmp_path) == 0
    assert _sha(out) == _sha(src)  # write_xlsx would re-save it (new zip, new timestamps)
    assert '1 copied unchanged' in capsys.readouterr().out


def test_clean_workbook_keeps_its_sheets_and_loses_its_author(tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / 'voorraad.xlsx'
    _workbook(src, creator='Jan Peeters')
    out = tmp_path / 'copy.xlsx'
    assert _copy(src, out, tmp_path) == 0
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != 'docProps/core.xml':
                assert a.read(name) == b.read(name), name
        assert b'Jan Peeters' not in b.read('docProps/core.xml')
    creator = openpyxl.load_workbook(out).properties.creator
    assert creator and creator != 'Jan Peeters'


def test_workbook_with_findings_is_still_rewritten(tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / 'voorraad.xlsx'
    _workbook(src, creator=None, extra=['INSZ 85.07.30-033.28', 1, 'magazijn'])
    out = tmp_path / 'copy.xlsx'
    assert _copy(src, out, tmp_path) == 0
    last = list(openpyxl.load_workbook(out)['Voorraad'].values)[-1]
    assert last[0].startswith('INSZ ') and '85.07.30-033.28' not in last[0]


def test_policy_column_rule_on_a_clean_workbook_still_applies(tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / 'voorraad.xlsx'
    _workbook(src, creator=None)
    out = tmp_path / 'copy.xlsx'
    assert _copy(src, out, tmp_path, 'columns:\n  Voorraad.afdeling: drop\n') == 0
    header = next(openpyxl.load_workbook(out)['Voorraad'].values)
    assert header == ('artikel', 'aantal')
    # a rule for another column or table leaves the fast copy
    out2 = tmp_path / 'copy2.xlsx'
    assert _copy(src, out2, tmp_path, 'columns:\n  Andere.afdeling: drop\n') == 0
    assert _sha(out2) == _sha(src)
