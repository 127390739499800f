"""Database copies are leak-checked before they are DEST (QA2 D21, issue #7: "an interrupted run leaves
no half-written file or table presented as complete").

Real SQLite files and the real PostgreSQL server of tests/services.sh. A failing check is real: the
policy keeps ``archief.oud_rrn`` while the same national numbers are replaced in ``werknemer.rrn``,
so the originals stay in the copy. Interrupts are real signals sent to a child process: the child
sends SIGINT or SIGTERM to itself when the leak check starts (a profile hook on the check's first
function), so the signal lands during the check every time, not by a timing guess.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.database import verify_copy
from gdprscan.anonymize.policy import from_dict
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'db-leak-check-test-key-0123456789'
KEY_HEX = KEY.hex()
KEEP_OLD = {'columns': {'archief.oud_rrn': 'keep'}, 'quasi_identifiers': {}, 'k': 1}
NO_KANON = {'quasi_identifiers': {}, 'k': 1}


def rrn(i: int) -> str:
    first = f'850730{100 + i:03d}'
    number = f'{first}{97 - int(first) % 97:02d}'
    assert nn.is_valid(number)
    return f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}'


ROWS = [(i + 1, rrn(i), f'medewerker {i}') for i in range(20)]


def _fill(conn: sa.Connection) -> None:
    conn.execute(sa.text('CREATE TABLE werknemer (id INTEGER PRIMARY KEY, rrn VARCHAR(20) NOT NULL UNIQUE)'))
    conn.execute(
        sa.text('CREATE TABLE archief (id INTEGER PRIMARY KEY, oud_rrn VARCHAR(20), omschrijving TEXT)')
    )
    for i, number, text in ROWS:
        conn.execute(sa.text('INSERT INTO werknemer VALUES (:i, :r)'), {'i': i, 'r': number})
        conn.execute(sa.text('INSERT INTO archief VALUES (:i, :r, :t)'), {'i': i, 'r': number, 't': text})


@pytest.fixture()
def source_db(tmp_path: Path) -> Path:
    path = tmp_path / 'bron' / 'hr.db'
    path.parent.mkdir()
    engine = sa.create_engine(f'sqlite:///{path}')
    with engine.begin() as conn:
        _fill(conn)
    engine.dispose()
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if 'gdprscan-partial' in p.name)


# -- SQLite ------------------------------------------------------------------------------------------
def test_sqlite_passing_check_is_renamed_to_dest(source_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'kopie.db'
    result = copy_database(
        f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, from_dict(NO_KANON), check=True
    )
    assert result.leaks is not None and result.leaks.count == 0 and result.kept_at is None
    assert sqlite3.connect(dest).execute('SELECT COUNT(*) FROM archief').fetchone() == (20,)
    assert _leftovers(tmp_path) == [] and not list(tmp_path.glob('*leaking*'))
    # the check on the uncommitted copy is the check `gdprscan verify` runs on DEST afterwards
    again = verify_copy(f'sqlite:///{source_db}', f'sqlite:///{dest}', policy=from_dict(NO_KANON), key=KEY)
    assert (again.checked_values, again.count) == (result.leaks.checked_values, 0)
    assert result.leaks.checked_values >= 20


def test_sqlite_failing_check_is_kept_aside_not_at_dest(source_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'kopie.db'
    result = copy_database(
        f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, from_dict(KEEP_OLD), check=True
    )
    assert result.leaks is not None
    assert result.leaks.count == 20  # the 20 originals, still in the kept column
    assert result.leaks.leaks == {('archief.oud_rrn', 'BE_NATIONAL_NUMBER'): 20}
    assert not dest.exists()
    assert result.kept_at == dest.resolve().with_name('kopie.db.gdprscan-leaking')
    assert stat.S_IMODE(result.kept_at.stat().st_mode) == 0o600
    kept = sqlite3.connect(result.kept_at)
    assert kept.execute('SELECT oud_rrn FROM archief ORDER BY id').fetchall() == [(r[1],) for r in ROWS]
    assert [r[0] for r in kept.execute('SELECT rrn FROM werknemer')] != [r[1] for r in ROWS]
    kept.close()
    assert _leftovers(tmp_path) == []
    # a second failing run never overwrites the first kept copy
    second = copy_database(
        f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, from_dict(KEEP_OLD), check=True
    )
    assert second.kept_at == dest.resolve().with_name('kopie.db.gdprscan-leaking-2')
    assert not dest.exists() and _leftovers(tmp_path) == []


def test_without_check_the_api_writes_dest_as_before(source_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'kopie.db'
    result = copy_database(f'sqlite:///{source_db}', f'sqlite:///{dest}', KEY, from_dict(KEEP_OLD))
    assert result.leaks is None and dest.exists()


def test_cli_failing_check_says_not_written(
    source_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('DB_LEAK_KEY', KEY_HEX)
    policy = tmp_path / 'policy.yaml'
    policy.write_text('columns:\n  archief.oud_rrn: keep\nquasi_identifiers: {}\nk: 1\n', encoding='utf-8')
    dest = tmp_path / 'kopie.db'
    args = ['anonymize', f'sqlite:///{source_db}', '--out', f'sqlite:///{dest}', '--key-env', 'DB_LEAK_KEY']
    assert main([*args, '--policy', str(policy)]) == 1
    out, err = capsys.readouterr()
    assert 'leak check FAILED: 20 of' in out
    assert 'LEAK archief.oud_rrn: BE_NATIONAL_NUMBER x20' in err
    assert 'not written: the copy failed the leak check; kept for inspection at' in err
    assert 'kopie.db.gdprscan-leaking' in err and '85.07.30' not in out + err
    assert not dest.exists() and (tmp_path / 'kopie.db.gdprscan-leaking').is_file()
    # the same copy without the kept column passes and is DEST
    policy.write_text('quasi_identifiers: {}\nk: 1\n', encoding='utf-8')
    assert main([*args, '--policy', str(policy)]) == 0
    out, err = capsys.readouterr()
    assert 'leak check OK: 0 of' in out and 'not written' not in err
    assert dest.is_file() and _leftovers(tmp_path) == []


# -- interrupts: a real signal during the check --------------------------------------------------------
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from gdprscan.anonymize import database
    from gdprscan.scanner.cli import main

    sig = getattr(signal, sys.argv[1])
    folder = sys.argv[2]

    def hook(frame, event, arg):
        if event == 'call' and frame.f_code is database._source_needles.__code__:
            sys.setprofile(None)
            print('in check:', sorted(os.listdir(folder)), flush=True)
            os.kill(os.getpid(), sig)

    sys.setprofile(hook)
    sys.exit(main(sys.argv[3:]))
    """
)


def _interrupt(sig: str, folder: str, source: str, dest: str) -> subprocess.CompletedProcess[str]:
    args = ['anonymize', source, '--out', dest, '--key-env', 'DB_LEAK_KEY']
    env = {**os.environ, 'DB_LEAK_KEY': KEY_HEX}
    return subprocess.run(
        [sys.executable, '-c', CHILD, sig, folder, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize(
    ('sig', 'code', 'message'), (('SIGINT', 130, 'interrupted'), ('SIGTERM', 143, 'terminated'))
)
def test_sqlite_signal_during_check_removes_the_copy(
    source_db: Path, tmp_path: Path, sig: str, code: int, message: str
) -> None:
    out = tmp_path / 'uit'
    out.mkdir()
    dest = out / 'kopie.db'
    run = _interrupt(sig, str(out), f'sqlite:///{source_db}', f'sqlite:///{dest}')
    assert run.returncode == code, run.stderr
    assert f'gdprscan: error: {message}' in run.stderr and 'Traceback' not in run.stderr
    [line] = [x for x in run.stdout.splitlines() if x.startswith('in check:')]
    assert '.kopie.db.gdprscan-partial-' in line and "'kopie.db'" not in line  # the signal hit the check
    assert sorted(p.name for p in out.iterdir()) == []


# -- PostgreSQL ------------------------------------------------------------------------------------------
@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    """A SOURCE database with the tables above and an empty DEST database, on the test server."""
    from conftest import pg_databases

    with pg_databases('gdprscan_leakchk', 2) as urls:
        src = sa.create_engine(urls[0])
        with src.begin() as conn:
            _fill(conn)
        src.dispose()
        yield urls[0], urls[1]


def _tables(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_pg_failing_check_is_rolled_back(pg: tuple[str, str]) -> None:
    source, dest = pg
    result = copy_database(source, dest, KEY, from_dict(KEEP_OLD), check=True)
    assert result.leaks is not None and result.leaks.count == 20 and result.kept_at is None
    assert result.leaks.leaks == {('archief.oud_rrn', 'BE_NATIONAL_NUMBER'): 20}
    assert _tables(dest) == []  # nothing of the copy was committed
    # the same DEST takes a passing copy afterwards
    result = copy_database(source, dest, KEY, from_dict(NO_KANON), check=True)
    assert result.leaks is not None and result.leaks.count == 0
    assert _tables(dest) == ['archief', 'werknemer']


def test_pg_check_ignores_other_tables_of_dest(pg: tuple[str, str]) -> None:
    """DEST may hold tables of its own (not the copy's): they are not searched, not touched."""
    source, dest = pg
    engine = sa.create_engine(dest)
    with engine.begin() as conn:
        conn.execute(sa.text('CREATE TABLE eigen (nummer TEXT)'))
        conn.execute(sa.text('INSERT INTO eigen VALUES (:r)'), {'r': ROWS[0][1]})
    engine.dispose()
    result = copy_database(source, dest, KEY, from_dict(NO_KANON), check=True)
    assert result.leaks is not None and result.leaks.count == 0
    assert _tables(dest) == ['archief', 'eigen', 'werknemer']


def test_pg_cli_failing_check_says_rolled_back(
    pg: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, dest = pg
    monkeypatch.setenv('DB_LEAK_KEY', KEY_HEX)
    policy = tmp_path / 'policy.yaml'
    policy.write_text('columns:\n  archief.oud_rrn: keep\nquasi_identifiers: {}\nk: 1\n', encoding='utf-8')
    assert (
        main(['anonymize', source, '--out', dest, '--key-env', 'DB_LEAK_KEY', '--policy', str(policy)]) == 1
    )
    _out, err = capsys.readouterr()
    assert 'not written: the copy failed the leak check; rolled back: no table of the copy was written' in err
    assert _tables(dest) == []


@pytest.mark.parametrize(('sig', 'code'), (('SIGINT', 130), ('SIGTERM', 143)))
def test_pg_signal_during_check_leaves_no_table(
    pg: tuple[str, str], tmp_path: Path, sig: str, code: int
) -> None:
    source, dest = pg
    run = _interrupt(sig, str(tmp_path), source, dest)
    assert run.returncode == code, run.stderr
    assert any(x.startswith('in check:') for x in run.stdout.splitlines())
    assert 'Traceback' not in run.stderr
    assert _tables(dest) == []
