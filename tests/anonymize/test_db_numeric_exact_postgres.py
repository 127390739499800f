"""Amounts in unconstrained NUMERIC columns are copied exactly on PostgreSQL's bulk-load path.

QA found 12345678901234567.89 copied as 12345678901234568 and 3000 as 3000.0 in columns the copy
did not even touch: the COPY path used the generic Numeric's bind processor, which makes a float.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database

KEY = b'pg-numeric-test-key-0123456789abc'


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_numeric', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(sa.text('CREATE TABLE loon (id INT PRIMARY KEY, insz TEXT, bedrag NUMERIC, uren NUMERIC(6, 2))'))
            conn.execute(
                sa.text(
                    "INSERT INTO loon VALUES (1, '85073003328', 12345678901234567.89, 38.00), "
                    "(2, 'x', 3000, 0.5), (3, NULL, 0.1, NULL)"
                )
            )
        yield urls[0], urls[1]


def _amounts(url: str) -> list[tuple]:
    with sa.create_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text('SELECT bedrag::text, uren::text FROM loon ORDER BY id'))]


def test_numeric_amounts_are_copied_exactly(pg: tuple[str, str]) -> None:
    src, dst = pg
    copy_database(src, dst, KEY)
    assert _amounts(dst) == _amounts(src) == [
        ('12345678901234567.89', '38.00'),
        ('3000', '0.50'),
        ('0.1', None),
    ]
