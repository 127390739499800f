"""D21: the leak check runs on the temporary copy; only a checked copy gets DEST's name."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest
from gdprscan.anonymize import files
from gdprscan.anonymize.actions import Actions
from gdprscan.scanner import signals
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings

KEY = '0123456789abcdef0123456789abcdef'
RRN = '85.07.30-033.28'


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_D21_KEY', KEY)
    return 'GDPRSCAN_D21_KEY'


def _tree(root: Path, leaking: bool) -> Path:
    src = root / 'src'
    src.mkdir()
    (src / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    if leaking:
        # the digits of the number glued to another digit: no scanner match, so not replaced, but the
        # leak check (separators removed, no word boundaries for numbers) finds the original in the copy
        (src / 'b.txt').write_text('code 185073003328\n', encoding='utf-8')
    return src


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if 'gdprscan-partial' in p.name]


def test_a_leaking_folder_copy_never_gets_dests_name(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _tree(tmp_path, leaking=True)
    dest = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1
    captured = capsys.readouterr()
    kept = tmp_path / 'out.gdprscan-leaking'
    assert not dest.exists() and kept.is_dir() and not _leftovers(tmp_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert sorted(p.name for p in kept.iterdir()) == ['a.txt', 'b.txt']
    assert RRN not in (kept / 'a.txt').read_text(encoding='utf-8')
    assert 'LEAK b.txt: BE_NATIONAL_NUMBER x1' in captured.err
    assert 'leak check FAILED: 1 of 1' in captured.out
    assert (
        f'{dest}: not written: the copy failed the leak check; kept for inspection at {kept}' in captured.err
    )
    assert '85073003328' not in captured.out + captured.err

    # a second failing run keeps its copy apart from the first one
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1
    assert (tmp_path / 'out.gdprscan-leaking-2').is_dir() and not dest.exists()


def test_a_leaking_single_file_copy_is_kept_beside_dest(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'brief.txt'
    src.write_text(f'RRN {RRN}, code 185073003328\n', encoding='utf-8')
    dest = tmp_path / 'copy.txt'
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1
    captured = capsys.readouterr()
    kept = tmp_path / 'copy.txt.gdprscan-leaking'
    assert not dest.exists() and kept.is_file() and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert f'LEAK {dest}: BE_NATIONAL_NUMBER x1' in captured.err  # named as DEST, not the temporary file
    assert not _leftovers(tmp_path)


def test_a_clean_copy_is_checked_before_the_rename(tmp_path: Path) -> None:
    src = _tree(tmp_path, leaking=False)
    dest = tmp_path / 'out'
    seen: list[tuple[bool, bool, str]] = []

    def check(copy: Path, report: files.TreeReport) -> bool:
        seen.append(
            (dest.exists(), copy.name.startswith('.out.gdprscan-partial-'), (copy / 'a.txt').read_text())
        )
        return True

    report = files.anonymize_tree(
        src, dest, Actions(KEY.encode()), Engine(Settings(min_score=0.5)), check=check
    )
    [(dest_existed, in_partial, text)] = seen
    assert not dest_existed and in_partial and RRN not in text
    assert report.kept_at is None and (dest / 'a.txt').read_text(encoding='utf-8') == text


@pytest.mark.parametrize(
    'stop',
    (
        pytest.param(lambda: os.kill(os.getpid(), signal.SIGTERM), id='sigterm'),
        pytest.param(lambda: os.kill(os.getpid(), signal.SIGINT), id='ctrl-c'),
    ),
)
def test_a_signal_during_the_check_removes_the_temporary_copy(tmp_path: Path, stop: object) -> None:
    src = _tree(tmp_path, leaking=False)
    dest = tmp_path / 'out'
    during: list[list[str]] = []

    def check(copy: Path, report: files.TreeReport) -> bool:
        during.append(_leftovers(tmp_path))
        stop()  # type: ignore[operator]
        return True  # not reached: the handler raises

    with signals.terminate_as_interrupt(), pytest.raises(KeyboardInterrupt):
        files.anonymize_tree(src, dest, Actions(KEY.encode()), Engine(Settings(min_score=0.5)), check=check)
    assert len(during) == 1 and len(during[0]) == 1  # the copy existed, under its temporary name
    assert not dest.exists() and not _leftovers(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ['src']
