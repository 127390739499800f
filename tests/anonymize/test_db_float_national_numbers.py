"""National numbers stored as floats in a database are replaced like the integer and text forms.

QA (Q26) found a SQLite REAL / PostgreSQL double precision column of national numbers copied
unchanged (and missed by the leak check and `gdprscan verify`), and the text forms
'85073003328.0' (a pandas import) and '3050473944' (a 2003-born number that lost its leading
zero) given invalid surrogates that no longer join with the same person's other columns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.database import verify_copy
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'float-national-numbers-key-012345'
#: (real, text written as a float or unpadded, integer): one person per row, three forms
ROWS = ((85073003328.0, '85073003328.0', 85073003328), (3050473944.0, '3050473944', 3050473944))


def _sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute('create table t (id integer primary key, rrn real, rrn_txt text, rrn_num numeric)')
        conn.executemany('insert into t values (?, ?, ?, ?)', [(i + 1, *r) for i, r in enumerate(ROWS)])


def _rows(url: str) -> list[tuple]:
    with sa.create_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text('SELECT rrn, rrn_txt, rrn_num FROM t ORDER BY id'))]


def _check_copy(rows: list[tuple]) -> None:
    originals = {str(int(r[2])).zfill(11) for r in ROWS}
    for (real, text, number), (old_real, _, _) in zip(rows, ROWS, strict=True):
        assert isinstance(real, float)  # a REAL stays a REAL
        digits = str(int(real)).zfill(11)
        assert nn.is_valid(digits) and digits not in originals
        assert str(int(number)).zfill(11) == digits  # joins with the integer form
        assert text.removesuffix('.0').zfill(11) == digits  # and with the text form
        if old_real == 85073003328.0:
            assert text.endswith('.0')  # written as the cell wrote it
        else:
            assert len(text) == 10 and text.isdigit()  # still without its leading zero


def test_sqlite_real_column_and_float_text_forms(tmp_path: Path) -> None:
    src, dst = tmp_path / 'flt.db', tmp_path / 'flt-test.db'
    _sqlite(src)
    with sqlite3.connect(src) as conn:  # amounts in a REAL column stay as they are
        conn.execute('create table loon (id integer primary key, insz text, bruto real)')
        conn.executemany('insert into loon values (?, ?, ?)', [(1, '85073003328', 3512.75), (2, 'x', 2800.0)])
    result = copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY, check=True)
    _check_copy(_rows(f'sqlite:///{dst}'))
    with sqlite3.connect(dst) as conn:
        assert [r[0] for r in conn.execute('select bruto from loon order by id')] == [3512.75, 2800.0]
    assert result.leaks is not None and result.leaks.count == 0
    assert any(line.startswith('  rrn: replace BE_NATIONAL_NUMBER') for line in result.lines())
    assert _rows(f'sqlite:///{src}')[0] == (85073003328.0, '85073003328.0', 85073003328)  # SOURCE untouched


def test_leak_check_counts_a_float_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, same = tmp_path / 'flt.db', tmp_path / 'same.db'
    _sqlite(src)
    _sqlite(same)  # a "copy" that kept everything
    report = verify_copy(f'sqlite:///{src}', f'sqlite:///{same}', key=KEY)
    assert ('t.rrn', 'BE_NATIONAL_NUMBER') in report.leaks
    with sqlite3.connect(same) as conn:  # only the REAL column still holds the originals
        conn.execute("update t set rrn_txt = 'x', rrn_num = 0")
    report = verify_copy(f'sqlite:///{src}', f'sqlite:///{same}', key=KEY)
    assert set(report.leaks) == {('t.rrn', 'BE_NATIONAL_NUMBER')}


def test_cli_verify_reports_the_kept_real_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_FLOAT_KEY', KEY.decode())
    src, same = tmp_path / 'flt.db', tmp_path / 'same.db'
    _sqlite(src)
    _sqlite(same)
    assert main(['verify', f'sqlite:///{src}', f'sqlite:///{same}', '--key-env', 'GDPRSCAN_FLOAT_KEY']) == 1
    assert 'LEAK t.rrn: BE_NATIONAL_NUMBER' in capsys.readouterr().err


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_float_nn', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(
                sa.text(
                    'CREATE TABLE t (id INT PRIMARY KEY, rrn DOUBLE PRECISION, rrn_txt TEXT, rrn_num BIGINT)'
                )
            )
            for i, r in enumerate(ROWS):
                conn.execute(
                    sa.text('INSERT INTO t VALUES (:i, :a, :b, :c)'),
                    {'i': i + 1, 'a': r[0], 'b': r[1], 'c': r[2]},
                )
        yield urls[0], urls[1]


def test_postgres_double_precision_column(pg: tuple[str, str]) -> None:
    src, dst = pg
    result = copy_database(src, dst, KEY, check=True)
    _check_copy(_rows(dst))
    assert result.leaks is not None and result.leaks.count == 0
