"""XLSX copies read titles and headers as the scanner does: header cells stay, titles are free text.

QA found a copy that rewrote the title "Overzicht lonen 2024" and the header cell "Naam" into
surnames, because the writer took the title for the header and the header for data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'xlsx-title-header-key-0123456789'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_XLSX_KEY', KEY)


def _workbook(path: Path, title: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = 'Lonen 2024'
    ws.append([title])
    ws.append([])
    ws.append(['Naam', 'INSZ', 'Rekeningnummer', 'Afdeling'])
    ws.append(['Jan Peeters', '85.07.30-033.28', 'BE71 0961 2345 6769', 'Productie'])
    ws.append(['Ann Claes', '68.11.23-244.86', 'BE71 0961 2345 6769', 'Logistiek'])
    wb.save(path)


def _rows(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    return [tuple(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_header_and_plain_title_are_kept_data_replaced(tmp_path: Path) -> None:
    src, out = tmp_path / 'lonen.xlsx', tmp_path / 'copy.xlsx'
    _workbook(src, 'Overzicht lonen 2024')
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_XLSX_KEY', '--profile', 'full']) == 0
    rows = _rows(out)
    assert rows[0][0] == 'Overzicht lonen 2024'
    assert rows[2] == ('Naam', 'INSZ', 'Rekeningnummer', 'Afdeling')
    data = rows[3:]
    assert [r[0] for r in data] != ['Jan Peeters', 'Ann Claes'] and all(r[0] for r in data)
    assert all(nn.is_valid(r[1]) and r[1] not in ('85.07.30-033.28', '68.11.23-244.86') for r in data)
    assert [r[3] for r in data] == ['Productie', 'Logistiek']


def test_a_name_in_the_title_is_rewritten_as_text(tmp_path: Path) -> None:
    src, out = tmp_path / 'lonen.xlsx', tmp_path / 'copy.xlsx'
    _workbook(src, 'Loonfiche van Jan Peeters, INSZ 85.07.30-033.28')
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_XLSX_KEY', '--profile', 'full']) == 0
    title = _rows(out)[0][0]
    assert title.startswith('Loonfiche van ') and 'Peeters' not in title and '85.07.30-033.28' not in title
    assert _rows(out)[2] == ('Naam', 'INSZ', 'Rekeningnummer', 'Afdeling')
