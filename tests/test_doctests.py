"""Run the doctests of every module of the installed gdprscan package: the examples in docstrings stay true.

The package folders are mapped under ``gdprscan`` (a namespace package), which an
editable install exposes only through a path hook, so the walk starts at each
mapped subpackage. A module whose import needs a missing optional dependency
(presidio, spaCy, psycopg, ...) is skipped, not failed.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

ROOTS = ('gdprscan.recognizers', 'gdprscan.classifiers', 'gdprscan.scanner', 'gdprscan.anonymize')


def module_names() -> list[str]:
    names = set()
    for root in ROOTS:
        try:
            package = importlib.import_module(root)
        except ModuleNotFoundError:
            continue
        names.add(root)
        for info in pkgutil.walk_packages(package.__path__, root + '.', onerror=lambda name: None):
            if not info.name.rsplit('.', 1)[-1].startswith('__'):  # __main__ would run the CLI
                names.add(info.name)
    return sorted(names)


@pytest.mark.parametrize('name', module_names())
def test_doctests(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name and not e.name.startswith('gdprscan'):
            pytest.skip(f'optional dependency {e.name} is not installed')
        raise
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f'{result.failed} of {result.attempted} doctest examples failed in {name}'
