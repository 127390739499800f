"""Shared fixtures. Servers come from tests/services.sh; in CI (GDPRSCAN_REQUIRE_SERVICES=1) a
missing server fails the test instead of skipping it."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

REQUIRE_SERVICES = os.environ.get('GDPRSCAN_REQUIRE_SERVICES') == '1'


def skip_or_fail(reason: str) -> None:
    """Skip on a laptop without servers; fail in CI, where every test must run."""
    if REQUIRE_SERVICES:
        pytest.fail(f'required service missing in CI: {reason}')
    pytest.skip(reason)


@contextlib.contextmanager
def pg_databases(prefix: str, count: int) -> Iterator[list[str]]:
    """``count`` empty throwaway databases on the test PostgreSQL server (their URLs), dropped after use;
    skipped (or failed in CI) without a server."""
    import uuid

    import sqlalchemy as sa

    base = os.environ.get('GDPRSCAN_TEST_PG_URL')
    if not base:
        skip_or_fail('GDPRSCAN_TEST_PG_URL not set (source tests/services.sh && services_start)')
    admin = sa.create_engine(base, isolation_level='AUTOCOMMIT')
    names = [f'{prefix}_{uuid.uuid4().hex[:8]}' for _ in range(count)]
    try:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'CREATE DATABASE {name}'))
    except sa.exc.OperationalError as e:
        skip_or_fail(f'PostgreSQL does not answer ({type(e).__name__})')
    url = sa.engine.make_url(base)
    try:
        yield [url.set(database=n).render_as_string(hide_password=False) for n in names]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
        admin.dispose()
