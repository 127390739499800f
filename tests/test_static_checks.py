"""ruff and mypy (disallow_untyped_defs) over the package code, as part of the one test command.

mypy cannot follow setuptools' editable import hook, so it checks a temporary tree in which
``gdprscan/<folder>`` links to each top-level package folder: the names users import.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ('recognizers', 'classifiers', 'scanner', 'anonymize')


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_ruff_clean() -> None:
    if shutil.which('ruff') is None:
        pytest.skip('ruff is not installed (pip install -e .[test])')
    proc = _run(['ruff', 'check', *PACKAGES], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean(tmp_path: Path) -> None:
    pytest.importorskip('mypy')
    pkg = tmp_path / 'gdprscan'
    pkg.mkdir()
    for name in PACKAGES:
        (pkg / name).symlink_to(ROOT / name, target_is_directory=True)
    proc = _run(
        [sys.executable, '-m', 'mypy', '--config-file', str(ROOT / 'pyproject.toml'), '--namespace-packages',
         '--explicit-package-bases', '--cache-dir', str(tmp_path / '.mypy_cache'), '-p', 'gdprscan'],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
