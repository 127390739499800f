"""The leak check searches one-word names in the copy of the file SOURCE had them in: an unmodified name
list in split columns fails it; the same surname in another file, or as another name's surrogate, does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gdprscan.anonymize import verify
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.keys import load
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
ROWS = [
    ('Jan', 'Peeters'),
    ('Sofie', 'Janssens'),
    ('Pieter', 'Goossens'),
    ('Marie', 'Claes'),
    ('Lotte', 'Maes'),
]


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY)
    return 'GDPRSCAN_TEST_KEY'


def name_list(folder: Path, rows: list[tuple[str, str]] = ROWS) -> Path:
    folder.mkdir()
    lines = ['voornaam;achternaam;afdeling', *(f'{f};{s};Logistiek' for f, s in rows)]
    (folder / 'personeel.csv').write_text('\n'.join(lines) + '\n', 'utf-8')
    (folder / 'memo.txt').write_text('Het magazijn sluit om 17 uur.\n', 'utf-8')
    return folder


def test_an_unmodified_copy_of_split_name_columns_fails(tmp_path: Path, key_env: str, capsys) -> None:
    src = name_list(tmp_path / 'src')
    same = tmp_path / 'same'
    shutil.copytree(src, same)
    assert main(['verify', str(src), str(same), '--key-env', key_env]) == 1
    out, err = capsys.readouterr()
    assert 'leak check FAILED' in out and 'LEAK personeel.csv: PERSON x' in err
    assert not any(name in out + err for row in ROWS for name in row)  # never a value


def test_a_real_copy_passes_and_a_name_put_back_fails_in_its_own_file_only(
    tmp_path: Path, key_env: str, capsys
) -> None:
    src, dest = name_list(tmp_path / 'src'), tmp_path / 'dest'
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env, '--profile', 'full']) == 0
    assert 'leak check OK' in capsys.readouterr().out
    copy = (dest / 'personeel.csv').read_text('utf-8')
    assert not any(s in copy for _f, s in ROWS)
    assert main(['verify', str(src), str(dest), '--key-env', key_env]) == 0
    capsys.readouterr()
    # the surname in another file of the copy is not this file's name list: not counted
    with (dest / 'memo.txt').open('a', encoding='utf-8') as f:
        f.write('Peeters levert vrijdag.\n')
    assert main(['verify', str(src), str(dest), '--key-env', key_env]) == 0
    capsys.readouterr()
    # put back into its own file, it is a leak
    with (dest / 'personeel.csv').open('a', encoding='utf-8') as f:
        f.write('Jan;Peeters;Logistiek\n')
    assert main(['verify', str(src), str(dest), '--key-env', key_env]) == 1
    assert 'LEAK personeel.csv: PERSON x' in capsys.readouterr().err


def test_a_surname_that_is_another_names_surrogate_is_no_leak_with_the_key(
    tmp_path: Path, key_env: str, capsys
) -> None:
    """Surrogates come from the same name lists: when the surrogate of a surname is also a surname of
    the source, the copy holds it as a surrogate. With the key that is told apart; without, it counts."""
    actions = Actions(load(env=key_env))
    surrogates = {s: actions.apply('PERSON', s) for _f, s in ROWS}
    _name, taken = next((s, t) for s, t in surrogates.items() if t and ' ' not in t and t not in surrogates)
    rows = [*ROWS, ('Eva', taken)]
    src, dest = name_list(tmp_path / 'src', rows), tmp_path / 'dest'
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env, '--profile', 'full']) == 0
    capsys.readouterr()
    assert taken in (dest / 'personeel.csv').read_text('utf-8')  # as the surrogate of another surname
    assert main(['verify', str(src), str(dest), '--key-env', key_env]) == 0
    capsys.readouterr()
    assert main(['verify', str(src), str(dest)]) == 1  # without the key: a coincidence looks like a leak
    assert 'without the key' in capsys.readouterr().err


def test_check_counts_single_words_per_file(tmp_path: Path) -> None:
    """The function itself: (entity, value, file) triples; a word of another value's surrogate is ignored."""
    dest = tmp_path / 'dest'
    dest.mkdir()
    (dest / 'a.csv').write_text('naam\nPeeters\n', 'utf-8')
    (dest / 'b.csv').write_text('naam\nGoossens\n', 'utf-8')
    values = {
        ('PERSON', 'Peeters', 'a.csv'),
        ('PERSON', 'Goossens', 'a.csv'),
        ('PERSON', 'Jan Maes', 'b.csv'),
    }
    report = verify.check(values, dest)
    assert report.leaks == {('a.csv', 'PERSON'): 1} and report.leaked_values == 1
    report = verify.check(values, dest, ignore={('PERSON', 'Jan Peeters')})  # 'Peeters': a surrogate's word
    assert report.leaks == {} and report.leaked_values == 0
