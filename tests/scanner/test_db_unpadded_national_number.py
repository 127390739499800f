"""A real SQLite database whose INTEGER columns hold national numbers without their leading zeros.

``render`` pads 9- and 10-digit integers to 11 digits and the recogniser checks them as written;
without the padding (files, or a future ``render``) the recogniser's unpadded rule finds them under a
national-number column name only. 8 digits (born January-September 2000) are not covered.
"""

from __future__ import annotations

import json
import sqlite3

from gdprscan.scanner.cli import main


def test_integer_national_numbers_under_a_national_number_column(tmp_path, capsys) -> None:
    path = tmp_path / 'hr.db'
    with sqlite3.connect(path) as db:
        db.execute(
            'CREATE TABLE werknemer (id INTEGER PRIMARY KEY, naam TEXT, rrn_num INTEGER, klantnummer INTEGER)'
        )
        db.executemany(
            'INSERT INTO werknemer VALUES (?, ?, ?, ?)',
            [
                (1, 'Sophie', 3021412249, 5047590087),  # 03.02.14-122.49; the customer number: by chance
                (2, 'Lars', 112764410, 1076945301),  # 00.11.27-644.10: 9 digits
                (3, 'Jan', 85073003328, 12),
            ],
        )
    db.close()
    code = main(['scan', f'sqlite:///{path}', '--format', 'jsonl', '--sample', 'all'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    cells = sorted(
        (r['location']['row'], r['location']['column'], r['entity'], r['score'])
        for r in rows
        if 'row' in r['location']
    )
    assert code == 1
    assert cells == [
        (1, 'rrn_num', 'BE_NATIONAL_NUMBER', 0.95),
        (2, 'rrn_num', 'BE_NATIONAL_NUMBER', 0.95),
        (3, 'rrn_num', 'BE_NATIONAL_NUMBER', 0.95),
    ]
    assert not any(r['location'].get('column') == 'klantnummer' for r in rows)


def test_a_text_column_with_an_unpadded_number_needs_the_column_name(tmp_path, capsys) -> None:
    path = tmp_path / 'stock.db'
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE voorraad (id INTEGER PRIMARY KEY, artikel TEXT, insz TEXT)')
        db.execute("INSERT INTO voorraad VALUES (1, '3021412249', NULL)")  # valid unpadded, by chance
        db.execute("INSERT INTO voorraad VALUES (2, NULL, '5090906457')")  # 05.09.09-064.57 under insz
    db.close()
    assert main(['scan', f'sqlite:///{path}', '--format', 'jsonl', '--sample', 'all']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    cells = [(r['location']['column'], r['location'].get('row'), r['score'], r['evidence']) for r in rows]
    assert ('insz', 2, 0.95, {'context': 'insz', 'unpadded': True}) in cells
    assert not any(column == 'artikel' for column, *_ in cells)
