"""A health reason in a database row is replaced whatever the storage type of the row's national number.

QA (Q7) found absence reasons ('griep', 'depressie') copied verbatim when the row's national number
was an INTEGER column (the same rows with a TEXT column became 'medische reden'), while
`gdprscan scan --profile full` reported every one as art. 9 data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.policy import MIN_SCORE
from gdprscan.scanner.engine import Settings

KEY = b'integer-link-special-key-0123456'
ROWS = ((1, 85073003328, 'griep'), (2, 61071894044, 'depressie'), (3, 3050473944, 'burn-out'))


def _full() -> Settings:
    return Settings(profile='full', min_score=MIN_SCORE)


def _reasons(url: str) -> list[str]:
    with sa.create_engine(url).connect() as conn:
        return [r[0] for r in conn.execute(sa.text('SELECT reden FROM afwezigheid ORDER BY id'))]


@pytest.mark.parametrize('rrn_type', ['integer', 'bigint', 'numeric', 'real'])
def test_sqlite_reasons_replaced_with_a_numeric_national_number(tmp_path: Path, rrn_type: str) -> None:
    src, dst = tmp_path / 'hr.db', tmp_path / 'hr-test.db'
    with sqlite3.connect(src) as conn:
        conn.execute(f'create table afwezigheid (id integer primary key, rrn {rrn_type}, reden text)')
        conn.executemany('insert into afwezigheid values (?, ?, ?)', ROWS)
    result = copy_database(f'sqlite:///{src}', f'sqlite:///{dst}', KEY, settings=_full(), check=True)
    reasons = _reasons(f'sqlite:///{dst}')
    assert len(reasons) == 3
    for word in ('griep', 'depressie', 'burn-out'):
        assert not [r for r in reasons if word in r], word
    assert result.leaks is not None and result.leaks.count == 0
    assert _reasons(f'sqlite:///{src}') == ['griep', 'depressie', 'burn-out']  # SOURCE untouched


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_int_link', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(sa.text('CREATE TABLE afwezigheid (id INT PRIMARY KEY, rrn BIGINT, reden TEXT)'))
            insert = sa.text('INSERT INTO afwezigheid VALUES (:a, :b, :c)')
            conn.execute(insert, [dict(zip('abc', row, strict=True)) for row in ROWS])
        yield urls[0], urls[1]


def test_postgres_reasons_replaced_with_a_bigint_national_number(pg: tuple[str, str]) -> None:
    src, dst = pg
    copy_database(src, dst, KEY, settings=_full())
    reasons = _reasons(dst)
    for word in ('griep', 'depressie', 'burn-out'):
        assert not [r for r in reasons if word in r], word
