"""QA2 D11/D12 for database copies and the CLI (needs the proposed database.py / cli anonymize.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gdprscan.anonymize.database import copy_database
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'qa2-db-counter-context-key-01'
INVOICES = [74070226616, 58102882214, 53020337085, 65101813482, 75070761424, 72102704548]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / 'hr.db'
    with sqlite3.connect(path) as c:
        c.execute('CREATE TABLE factuur (factuurnummer INTEGER PRIMARY KEY, klant TEXT)')
        c.executemany('INSERT INTO factuur VALUES (?, ?)', [(v, f'Klant {i}') for i, v in enumerate(INVOICES)])
        c.execute('CREATE TABLE werknemer (id INTEGER PRIMARY KEY, rrn TEXT, rrn_num INTEGER)')
        c.executemany(
            'INSERT INTO werknemer VALUES (?, ?, ?)',
            [(1, '00.08.23-309.56', 82330956), (2, '85.07.30-033.28', 85073003328), (3, '03.02.14-122.49', 3021412249)],
        )
    return path


def test_invoice_key_kept_and_integer_national_numbers_padded(db: Path, tmp_path: Path) -> None:
    result = copy_database(f'sqlite:///{db}', f'sqlite:///{tmp_path / "copy.db"}', KEY)
    assert '  factuurnummer: keep (counter-context \'factuurnummer\')' in result.lines()
    with sqlite3.connect(tmp_path / 'copy.db') as c:
        assert [r[0] for r in c.execute('SELECT factuurnummer FROM factuur ORDER BY klant')] == INVOICES
        for text, number in c.execute('SELECT rrn, rrn_num FROM werknemer'):
            assert int(''.join(ch for ch in text if ch.isdigit())) == number and nn.is_valid(f'{number:011d}')


def test_cli_replaces_what_scan_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv('QA2_KEY', KEY.decode())
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'factuur.txt').write_text('Factuur nr. 75070761424\nRRN 85.07.30-033.28\n', encoding='utf-8')
    assert main(['anonymize', str(src), '--out', str(tmp_path / 'out'), '--key-env', 'QA2_KEY']) == 0
    copy = (tmp_path / 'out' / 'factuur.txt').read_text(encoding='utf-8')
    assert '75070761424' in copy and '85.07.30-033.28' not in copy
    assert main(['anonymize', str(src), '--out', str(tmp_path / 'o2'), '--key-env', 'QA2_KEY', '--min-score', '0']) == 0
    assert '75070761424' not in (tmp_path / 'o2' / 'factuur.txt').read_text(encoding='utf-8')
