"""The full profile on a real SQLite database: special-category cells of tables that hold people."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from gdprscan.scanner.cli import main


def make_db(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE employees (id INTEGER PRIMARY KEY, voornaam TEXT, naam TEXT, insz TEXT);
        CREATE TABLE union_memberships (id INTEGER PRIMARY KEY, employee_id INTEGER, vakbond TEXT);
        CREATE TABLE medical_visits (id INTEGER PRIMARY KEY, werknemer_id INTEGER, diagnose TEXT);
        CREATE TABLE products (id INTEGER PRIMARY KEY, naam TEXT, categorie TEXT);
        INSERT INTO employees VALUES (1, 'Xylander', 'Peeters', '85.07.30-033.28'),
                                     (2, 'Quirijntje', 'Claes', '17.07.30-033.84');
        INSERT INTO union_memberships VALUES (1, 1, 'ACV'), (2, 2, 'geen');
        INSERT INTO medical_visits VALUES (1, 1, 'F32.1'), (2, 2, 'Burn-out, opvolging arbeidsgeneesheer');
        INSERT INTO products VALUES (1, 'Groen thee-extract', 'ACV'),
                                    (2, 'Handcrème ziekenhuisformule', 'PS');
        """
    )
    con.commit()
    con.close()


def scan(url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    main(['scan', url, '--profile', 'full', '--format', 'json'])
    return json.loads(capsys.readouterr().out)['findings']  # type: ignore[no-any-return]


def test_special_cells_need_a_table_of_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / 'hr.db'
    make_db(db)
    findings = scan(f'sqlite:///{db}', capsys)
    cells = [f for f in findings if 'row' in f['location']]

    def where(entity: str) -> list[tuple[str, str, int]]:
        return [
            (f['location']['table'], f['location']['column'], f['location']['row'])
            for f in cells
            if f['entity'] == entity
        ]

    assert where('TRADE_UNION_MEMBERSHIP') == [('union_memberships', 'vakbond', 1)]  # row 2 says "geen"
    assert where('HEALTH_DATA') == [('medical_visits', 'diagnose', 1), ('medical_visits', 'diagnose', 2)]
    union = next(f for f in cells if f['entity'] == 'TRADE_UNION_MEMBERSHIP')
    assert union['evidence']['rule'] == 'table' and union['evidence']['link'] == 'person_key'
    assert union['evidence']['column'] == 'employee_id'
    assert ('employees', 'voornaam', 1) in where('PERSON')  # a first name in no list, by its column
    assert not [f for f in findings if f['location'].get('table') == 'products' and f['article'] != '6']
    # the database scanner's own column findings are not duplicated by the full profile
    family = [f for f in findings if f['recognizer'] == 'column_classifier' and 'row' not in f['location']]
    keys = [(f['location']['table'], f['location']['column']) for f in family]
    assert len(keys) == len(set(keys))
