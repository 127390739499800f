"""Every third-party module the package imports is declared for users, not only for the tests.

QA found every PDF left out of copies after a plain `pip install .`: the PDF writer imported
pypdf, which only the `test` extra installed, so the test suite (installed with [all,test]) never saw it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ('recognizers', 'classifiers', 'scanner', 'anonymize')


def _declared() -> set[str]:
    """Normalised distribution names in dependencies and the user-facing extras (not `test`)."""
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text(encoding='utf-8'))['project']
    specs = list(project['dependencies'])
    for extra, items in project.get('optional-dependencies', {}).items():
        if extra != 'test':
            specs.extend(items)
    return {re.split(r'[<>=!~\[ ;]', s, maxsplit=1)[0].lower().replace('_', '-') for s in specs}


def _imported() -> dict[str, str]:
    """Top-level module name -> a file that imports it, for every absolute import in package code."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob('*.py'):
            tree = ast.parse(path.read_text(encoding='utf-8'))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split('.')[0], str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    declared = _declared()
    distributions = packages_distributions()
    missing = []
    for module, where in sorted(_imported().items()):
        if module in sys.stdlib_module_names or module == 'gdprscan':
            continue
        dists = {d.lower().replace('_', '-') for d in distributions.get(module, [])}
        assert dists, f'{module} (imported in {where}) is not installed: declare it and install it'
        if not dists & declared:
            missing.append(f'{module} ({where}; from {", ".join(sorted(dists))})')
    assert not missing, 'imported by the package but declared only for tests, or not at all: ' + '; '.join(missing)
