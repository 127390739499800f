"""What a scan of the synthetic HR database (samples/hr_database.py) must report, on every dialect.

Shared by test_database_sqlite.py and test_database_servers.py; not a test module itself.
"""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections import defaultdict
from pathlib import Path
from typing import Any

from gdprscan.scanner.cli import main

ROOT = Path(__file__).resolve().parents[2]


def hr_database() -> Any:
    """The builder module samples/hr_database.py (samples/ is not a package)."""
    spec = importlib.util.spec_from_file_location('hr_database', ROOT / 'samples' / 'hr_database.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scan(argv: list[str], capsys: Any) -> tuple[int, list[dict[str, Any]], str]:
    """Run ``gdprscan scan ARGV --format jsonl``: exit code, findings, stderr."""
    rc = main(['scan', *argv, '--format', 'jsonl', '--no-progress'])
    out, err = capsys.readouterr()
    return rc, [json.loads(line) for line in out.splitlines()], err


class Report:
    """Findings grouped by (table, column): cell counts per entity and the column-level findings."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.columns: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
        for r in rows:
            key = (_table(r), r['location']['column'])
            if r['recognizer'] == 'column_classifier':
                self.columns[key][r['entity']] = r
            else:
                self.cells[key][r['entity']] += 1

    def tables(self) -> set[str]:
        return {_table(r) for r in self.rows}


def _table(row: dict[str, Any]) -> str:
    """The table's name without its schema ('hr_x.employees' -> 'employees')."""
    return str(row['location']['table']).rsplit('.', 1)[-1]


def rows_of(rows: list[dict[str, Any]], table: str, column: str) -> list[dict[str, Any]]:
    """The cell findings (not the column findings) of one column."""
    return [
        r for r in rows
        if _table(r) == table and r['location']['column'] == column and r['recognizer'] != 'column_classifier'
    ]


def check_hr(rows: list[dict[str, Any]], employees: int, source_prefix: str, sampling: str = 'all') -> Report:
    """The per-table, per-column answers of a scan that read every row of ``employees`` employees."""
    rep = Report(rows)
    assert all(r['source'].startswith(source_prefix + '#') for r in rows)
    assert all('value' not in r for r in rows)  # masked by default

    # employees: name and data agree
    for column, entity in (('rijksregisternummer', 'BE_NATIONAL_NUMBER'), ('iban', 'IBAN_CODE'),
                           ('email', 'EMAIL_ADDRESS')):
        assert rep.cells['employees', column][entity] == employees, column
        col = rep.columns['employees', column][entity]
        assert col['evidence']['by'] == 'both', column
        assert col['evidence']['share'] == 1.0
        assert col['evidence']['sampled'] == employees
        assert col['evidence']['sampling'] == sampling
        assert col['masked'] == '' and set(col['location']) == {'table', 'column'}
    nn = rep.columns['employees', 'rijksregisternummer']['BE_NATIONAL_NUMBER']
    assert nn['categories'] == ['identification'] and nn['article'] == '6'
    assert rep.columns['payslips', 'rekeningnummer']['IBAN_CODE']['evidence']['by'] == 'both'
    assert rep.cells['payslips', 'rekeningnummer']['IBAN_CODE'] == 2 * employees

    # a column named col7 full of national numbers is found by its data; col8 holds them as BIGINT
    for column in ('col7', 'col8'):
        col = rep.columns['legacy_export', column]['BE_NATIONAL_NUMBER']
        assert col['evidence']['by'] == 'data', column
        assert col['evidence']['share'] >= 0.9
    assert rep.cells['legacy_export', 'col7']['BE_NATIONAL_NUMBER'] == employees // 2
    assert not rep.cells['legacy_export', 'col1'] and not rep.cells['legacy_export', 'col2']

    # a column named iban full of product codes is not IBAN
    assert not any(r['entity'] == 'IBAN_CODE' for r in rows if _table(r) == 'products')
    # the innocent departments table yields nothing
    assert 'departments' not in rep.tables()

    # special categories by column: a binary fingerprint template, a diagnosis, a trade union
    bio = rep.columns['badges', 'vingerafdruk']['BIOMETRIC_DATA']
    assert bio['article'] == '9' and bio['evidence']['by'] == 'name'
    assert bio['evidence']['binary_values'] == employees
    assert rep.columns['medical_visits', 'diagnose']['HEALTH_DATA']['article'] == '9'
    assert rep.columns['union_memberships', 'vakbond']['TRADE_UNION_MEMBERSHIP']['article'] == '9'
    # a BLOB holding UTF-8 text is read as text
    assert rep.cells['badges', 'remark']['EMAIL_ADDRESS'] == employees // 4

    # cells are located by table, column, 1-based scan position and the integer primary key
    cells = rows_of(rows, 'employees', 'rijksregisternummer')
    cell = cells[0]
    assert set(cell['location']) == {'table', 'column', 'row', 'pk'}
    assert cell['masked'].endswith(cell['masked'][-2:]) and '*' in cell['masked']
    return rep
