"""E-mail look-alikes in code and configuration are no addresses; real addresses still are (QA4 Q3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.recognizers import email
from gdprscan.scanner.cli import main

NOT_ADDRESSES = (
    '"""Use ``@contextlib.asynccontextmanager`` or ``@radius.setter`` on the property."""',
    'q = users.c.email.like("%@gmail.com")',
    '# see https://www.mail-archive.com/sqlite-users@sqlite.org/msg30517.html',
    'SENTRY_DSN=https://abc123@o12345.ingest.sentry.io/1234567',
    'url = git@github.com:acme/x.git',
    '"repository": "git+ssh://git@github.com/acme/app.git"',
    'RUN pip install git+https://oauth2:token@gitlab.com/acme/lib.git',
    'y = x@self.weights  # matrix product',
    'logo@2x.png',
)
ADDRESSES = (
    ('mail: jan.peeters@example.be.', 'jan.peeters@example.be'),
    ('Jan <jan@acme.vlaanderen>', 'jan@acme.vlaanderen'),
    ('mailto:marie@acme.brussels', 'marie@acme.brussels'),
    ('contact: marie_dubois+hr@example.com', 'marie_dubois+hr@example.com'),
    ('intern: p.claes@hr.acme.local', 'p.claes@hr.acme.local'),
    ("'jan@x.be'", 'jan@x.be'),
    ('`jan@x.be`', 'jan@x.be'),
)


@pytest.mark.parametrize('text', NOT_ADDRESSES)
def test_code_and_config_lines_are_not_addresses(text: str) -> None:
    assert [text[m.start : m.end] for m in email.find(text)] == []


@pytest.mark.parametrize(('text', 'address'), ADDRESSES)
def test_real_addresses_still_found(text: str, address: str) -> None:
    assert [text[m.start : m.end] for m in email.find(text)] == [address]


def test_tld_list_holds_belgian_and_common_domains() -> None:
    assert {'be', 'com', 'eu', 'brussels', 'vlaanderen', 'gent', 'io', 'xn--p1ai'} <= email.TLDS
    assert not {'setter', 'weights', 'asynccontextmanager'} & email.TLDS


def test_hook_passes_on_such_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for i, line in enumerate(NOT_ADDRESSES):
        path = tmp_path / f'f{i}.py'
        path.write_text(line + '\n', encoding='utf-8')
        files.append(str(path))
    assert main(['scan', '--hook', *files]) == 0
    bad = tmp_path / 'fixture.py'
    bad.write_text('OWNER = "jan.peeters@telenet.be"\n', encoding='utf-8')
    assert main(['scan', '--hook', *files, str(bad)]) == 1
    capsys.readouterr()
