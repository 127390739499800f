"""QA3: a national number stored as an INTEGER in an untyped SQLite column that the copy reads as free
text (mixed with words, or too few rows to classify) is replaced like one in a typed integer column:
a valid surrogate of the same width that stays an integer, the same one the person gets elsewhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gdprscan.anonymize.database import copy_database
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = '00112233445566778899aabbccddeeff'


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_UNTYPED_NN_KEY', KEY)
    return 'GDPRSCAN_UNTYPED_NN_KEY'


def test_untyped_free_text_column_with_integer_national_numbers(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = tmp_path / 'hr.db', tmp_path / 'copy.db'
    with sqlite3.connect(src) as conn:
        conn.execute('CREATE TABLE t (naam, insz TEXT, info)')
        conn.executemany(
            'INSERT INTO t VALUES (?, ?, ?)',
            [
                ('Jan Peeters', '85073003328', 85073003328),
                ('An Claes', '03021412249', 3021412249),  # born 2003: the integer lost its leading zero
                ('Piet Janssens', '61071894044', 'thuis, griep'),
                ('Els Wouters', '17073003384', 'tel 0475 12 34 56'),
                ('Tom Maes', '90011512264', 12345),  # a small number: no identifier, kept
            ],
        )
    code = main(['anonymize', f'sqlite:///{src}', '--out', f'sqlite:///{dst}', '--key-env', key_env])
    out = capsys.readouterr().out
    assert code == 0 and 'leak check OK' in out
    with sqlite3.connect(dst) as conn:
        rows = conn.execute('SELECT insz, info, typeof(info) FROM t ORDER BY rowid').fetchall()
    (insz1, info1, type1), (insz2, info2, type2) = rows[:2]
    assert type1 == type2 == 'integer'
    assert len(str(info1)) == 11 and len(str(info2)) == 10  # the same width as the originals
    assert info1 != 85073003328 and info2 != 3021412249
    assert nn.is_valid(str(info1)) and nn.is_valid(str(info2).zfill(11))
    assert (str(info1), str(info2).zfill(11)) == (insz1, insz2)  # the person's surrogate in the text column
    assert rows[2][1] == 'thuis, griep' and rows[4][1:] == (12345, 'integer')


def test_integer_column_of_small_numbers_with_one_national_number(tmp_path: Path) -> None:
    """An INTEGER column (SQLite: any value) of small numbers is no national-number column, so the copy
    reads it as the scan does, cell by cell: the one national number in it is replaced, an integer."""
    src, dst = tmp_path / 'nrs.db', tmp_path / 'copy.db'
    numbers = (12, 7, 4512, 99, 3021412249, 15, 8)
    with sqlite3.connect(src) as conn:
        conn.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, nummer INTEGER)')
        conn.executemany('INSERT INTO t (nummer) VALUES (?)', [(n,) for n in numbers])
    result = copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', bytes.fromhex(KEY), check=True)
    assert result.leaks is not None and result.leaks.count == 0 and result.kept_at is None
    with sqlite3.connect(dst) as conn:
        rows = conn.execute('SELECT nummer, typeof(nummer) FROM t ORDER BY id').fetchall()
    assert {kind for _, kind in rows} == {'integer'}
    new = [n for n, _ in rows]
    assert new[:4] == [12, 7, 4512, 99] and new[5:] == [15, 8]  # small numbers are no identifiers
    assert new[4] != 3021412249 and len(str(new[4])) == 10 and nn.is_valid(str(new[4]).zfill(11))
