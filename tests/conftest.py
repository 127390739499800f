"""Shared fixtures. Servers come from tests/services.sh; in CI (GDPRSCAN_REQUIRE_SERVICES=1) a
missing server fails the test instead of skipping it."""
from __future__ import annotations

import os

import pytest

REQUIRE_SERVICES = os.environ.get('GDPRSCAN_REQUIRE_SERVICES') == '1'


def skip_or_fail(reason: str) -> None:
    """Skip on a laptop without servers; fail in CI, where every test must run."""
    if REQUIRE_SERVICES:
        pytest.fail(f'required service missing in CI: {reason}')
    pytest.skip(reason)
