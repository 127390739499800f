"""Bad input never stops `gdprscan anonymize` / `gdprscan verify` (issue #7): special files, symlinks,
broken and oversized files each give one line, the run goes on, nothing half-written is left."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from gdprscan.anonymize import files
from gdprscan.anonymize import verify
from gdprscan.anonymize.actions import Actions
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.limits import Limits

KEY = 'robustness-key-0123456789abcdef'
RRN = '85.07.30-033.28'
RRN_DIGITS = '85073003328'


@pytest.fixture
def src(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv('GDPRSCAN_ROBUST_KEY', KEY)
    root = tmp_path / 'src'
    (root / 'sub').mkdir(parents=True)
    (root / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    return root


def _anonymize(src: Path, out: Path) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_ROBUST_KEY'])


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry of ``root`` (links by target, regular files by content; FIFOs are not opened)."""
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob('*')):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = 'link:' + os.readlink(p)
        elif p.is_fifo():
            out[rel] = 'fifo'
        elif p.is_file():
            out[rel] = p.read_bytes()
    return out


def _no_leftovers(tmp_path: Path, out: Path) -> None:
    assert not [p for p in tmp_path.iterdir() if 'gdprscan-partial' in p.name]
    if out.exists():
        assert not [p for p in out.rglob('*') if p.name.endswith('.partial')]


def _lines(err: str, name: str) -> list[str]:
    return [line for line in err.splitlines() if name in line]


def test_special_and_dangling_entries_are_skipped_with_one_line_each(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(src / 'pipe.txt')
    os.mkfifo(src / 'sub' / 'export.csv')  # a FIFO with a writer's suffix: never handed to the writer
    os.symlink('nowhere.txt', src / 'dangling.txt')
    os.symlink('pipe.txt', src / 'to-pipe.txt')  # a link to a FIFO is a FIFO too
    before = _snapshot(src)
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    err = capsys.readouterr().err
    assert 'Traceback' not in err and 'internal error' not in err
    for name, why in (
        ('pipe.txt', 'named pipe'),
        ('sub/export.csv', 'named pipe'),
        ('dangling.txt', 'broken symbolic link'),
        ('to-pipe.txt', 'named pipe'),
    ):
        [line] = _lines(err, f': {name}:')
        assert why in line and line.endswith('; skipped')
    assert sorted(p.name for p in out.rglob('*') if not p.is_dir()) == ['a.txt']
    assert RRN not in (out / 'a.txt').read_text(encoding='utf-8')
    assert _snapshot(src) == before
    _no_leftovers(tmp_path, out)


def test_symlinks_out_of_the_tree_are_not_followed(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / 'elsewhere'
    (outside / 'dir').mkdir(parents=True)
    (outside / 'secret.txt').write_text('RRN 17.07.30-033.84\n', encoding='utf-8')
    (outside / 'dir' / 'more.txt').write_text('RRN 17.07.30-033.84\n', encoding='utf-8')
    os.symlink(outside / 'secret.txt', src / 'secret.txt')
    os.symlink('../../elsewhere/dir', src / 'sub' / 'linked-dir')
    os.symlink('a.txt', src / 'sub-link.txt')  # inside the tree: copied, as a rewritten regular file
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    err = capsys.readouterr().err
    assert 'outside SOURCE' in _lines(err, ': secret.txt:')[0]
    assert 'outside SOURCE' in _lines(err, ': sub/linked-dir:')[0]
    assert not (out / 'secret.txt').exists() and not (out / 'sub' / 'linked-dir').exists()
    copied = out / 'sub-link.txt'
    assert copied.is_file() and not copied.is_symlink()
    assert copied.read_text(encoding='utf-8') == (out / 'a.txt').read_text(encoding='utf-8')
    assert RRN not in copied.read_text(encoding='utf-8')
    assert (outside / 'secret.txt').read_text(encoding='utf-8') == 'RRN 17.07.30-033.84\n'


def test_broken_files_of_every_writer_are_left_out_and_the_run_goes_on(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (src / 'broken.docx').write_bytes(b'PK\x03\x04 not a zip')
    (src / 'broken.xlsx').write_bytes(b'garbage')
    (src / 'broken.pdf').write_bytes(b'%PDF-1.4 truncated')
    (src / 'broken.json').write_text('{"rrn": "85.07.30', encoding='utf-8')
    (src / 'broken.eml').write_bytes(b'\xff\xfe\x00garbage\x00' * 10)
    (src / 'sub' / 'latin.txt').write_bytes(f'Jérôme RRN {RRN}\n'.encode('latin-1'))
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 1
    err = capsys.readouterr().err
    assert 'Traceback' not in err and 'internal error' not in err
    for name in ('broken.docx', 'broken.xlsx', 'broken.pdf', 'broken.json'):
        [line] = _lines(err, f': {name}:')
        assert line.endswith('not in the copy')
        assert not (out / name).exists()
    assert RRN not in (out / 'a.txt').read_text(encoding='utf-8')
    latin = (out / 'sub' / 'latin.txt').read_bytes().decode('latin-1')
    assert latin.startswith('Jérôme RRN ') and RRN not in latin
    _no_leftovers(tmp_path, out)


def test_single_file_source_that_fails_or_is_special_leaves_no_dest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_ROBUST_KEY', KEY)
    (tmp_path / 'broken.docx').write_bytes(b'PK\x03\x04 not a zip')
    os.mkfifo(tmp_path / 'pipe.txt')
    assert _anonymize(tmp_path / 'broken.docx', tmp_path / 'copy.docx') == 1
    assert _anonymize(tmp_path / 'pipe.txt', tmp_path / 'copy.txt') == 0
    err = capsys.readouterr().err
    assert 'Traceback' not in err and 'internal error' not in err
    assert len(_lines(err, 'broken.docx')) == 1 and 'named pipe' in _lines(err, 'pipe.txt')[0]
    assert not (tmp_path / 'copy.docx').exists() and not (tmp_path / 'copy.txt').exists()
    _no_leftovers(tmp_path, tmp_path / 'copy.docx')


def test_file_over_the_size_limit_is_left_out(src: Path, tmp_path: Path) -> None:
    (src / 'big.json').write_text('{"note": "' + 'x' * 5000 + '"}', encoding='utf-8')
    (src / 'big.txt').write_text(f'RRN {RRN}\n' + 'y' * 5000, encoding='utf-8')
    settings = Settings(min_score=0.0, limits=Limits(max_file_size=1000, max_text_file_size=10_000))
    out = tmp_path / 'out'
    report = files.anonymize_tree(src, out, Actions(KEY.encode()), Engine(settings))
    by_name = {f.source: f for f in report.files}
    assert by_name['big.json'].status == 'error'
    assert by_name['big.json'].reason == 'file too large (5012 bytes > 1000)'
    assert by_name['big.txt'].status == 'rewritten'  # text streams: the larger limit applies
    assert not (out / 'big.json').exists()
    assert RRN not in (out / 'big.txt').read_text(encoding='utf-8')
    _no_leftovers(tmp_path, out)


def _anonymize_without_dac_override(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; as root, under ``setpriv`` without the capabilities that let root
    ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a mode-0 file is unreadable."""
    cmd = [sys.executable, '-m', 'gdprscan.scanner.cli', 'anonymize', str(src), '--out', str(out),
           '--key-env', 'GDPRSCAN_ROBUST_KEY']
    if os.geteuid() == 0:
        setpriv = shutil.which('setpriv')
        if setpriv is None:
            pytest.skip('running as root without setpriv: file modes cannot be enforced')
        caps = '-dac_override,-dac_read_search'
        cmd = [setpriv, f'--bounding-set={caps}', f'--inh-caps={caps}', '--', *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_unreadable_file_is_left_out(src: Path, tmp_path: Path) -> None:
    locked = src / 'locked.txt'
    locked.write_text(f'RRN {RRN}\n', encoding='utf-8')
    locked.chmod(0)
    try:
        proc = _anonymize_without_dac_override(src, tmp_path / 'out')
    finally:
        locked.chmod(0o600)
    assert proc.returncode == 1, proc.stderr
    [line] = _lines(proc.stderr, ': locked.txt:')
    assert 'Permission denied' in line
    assert 'Traceback' not in proc.stderr
    assert not (tmp_path / 'out' / 'locked.txt').exists()
    assert (tmp_path / 'out' / 'a.txt').is_file()


def test_eml_with_international_addresses_is_rewritten(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = EmailMessage()
    m['From'] = 'Jérôme Lambert <jérôme.lambert@acme-hr.be>'
    m['To'] = 'hr@acme-hr.be, Zoë <zoë@acme-hr.be>'
    m['Subject'] = 'Ziekteverlof'
    m.set_content(f'Mijn rijksregisternummer is {RRN}.\n')
    (src / 'mail.eml').write_bytes(bytes(m))
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    assert 'mail.eml' not in capsys.readouterr().err
    copy = email.message_from_bytes((out / 'mail.eml').read_bytes(), policy=email.policy.default)
    senders = copy['From'].addresses
    recipients = copy['To'].addresses
    assert len(senders) == 1 and len(recipients) == 2
    assert senders[0].addr_spec != 'jérôme.lambert@acme-hr.be' and '@' in senders[0].addr_spec
    assert 'Lambert' not in senders[0].display_name
    assert 'zoë@acme-hr.be' not in [a.addr_spec for a in recipients]
    body = copy.get_body().get_content()
    assert RRN not in body and 'rijksregisternummer' in body


def test_verify_skips_special_files_in_dest_and_reads_big_binaries_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / 'dest'
    dest.mkdir()
    os.mkfifo(dest / 'pipe.txt')
    blob = os.urandom(300).replace(b'8', b'') + RRN_DIGITS.encode() + os.urandom(300).replace(b'8', b'')
    (dest / 'blob.bin').write_bytes(blob)
    monkeypatch.setattr(verify, 'PIECE', 64)  # pieces far smaller than the file: the value spans two
    texts = list(verify.dest_texts(dest))
    assert [t for loc, t, _e in texts if loc == 'pipe.txt'] == ['pipe.txt']  # its name only, never opened
    assert len(texts) > 5 and all(e is None for _l, _t, e in texts)
    report = verify.check([('BE_NATIONAL_NUMBER', RRN)], dest)
    assert report.count == 1 and not report.errors
    assert report.leaks[('blob.bin', 'BE_NATIONAL_NUMBER')] >= 1


def test_verify_cli_does_not_hang_on_special_files(tmp_path: Path) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    (src / 'sub').mkdir(parents=True)
    (dest / 'sub').mkdir(parents=True)
    (src / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    (dest / 'a.txt').write_text('RRN 85.04.25-963.03\n', encoding='utf-8')
    os.mkfifo(src / 'sub' / 'in.csv')
    os.mkfifo(dest / 'sub' / 'out.csv')
    cmd = [sys.executable, '-m', 'gdprscan.scanner.cli', 'verify', str(src), str(dest)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert 'leak check OK: 0 of 1' in proc.stdout
    assert 'Traceback' not in proc.stderr


def test_symlink_loop_is_skipped_with_one_line(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink('loop.txt', src / 'loop.txt')
    out = tmp_path / 'out'
    assert _anonymize(src, out) == 0
    err = capsys.readouterr().err
    assert 'internal error' not in err
    [line] = _lines(err, ': loop.txt:')
    assert 'symbolic link loop' in line
    assert (out / 'a.txt').is_file() and not (out / 'loop.txt').exists()


def test_personal_data_in_file_and_folder_names_is_replaced(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = src / f'dossier {RRN}'
    person.mkdir()
    (person / f'loonfiche {RRN}.txt').write_text('nothing here\n', encoding='utf-8')
    (person / f'attest {RRN}.bin').write_bytes(b'\x00\x01binary without findings\x00')
    (src / 'plain name.txt').write_text('nothing\n', encoding='utf-8')
    out = tmp_path / 'out'  # the .bin cannot be scanned: copied only with --copy-unscanned
    args = ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_ROBUST_KEY', '--copy-unscanned']
    assert main(args) == 0
    captured = capsys.readouterr()
    assert 'leak check OK' in captured.out
    paths = sorted(str(p.relative_to(out)) for p in out.rglob('*'))
    assert paths and not [p for p in paths if RRN in p]
    assert (out / 'plain name.txt').is_file() and (out / 'a.txt').is_file()
    [folder] = [p for p in out.iterdir() if p.name.startswith('dossier ')]
    assert sorted(p.name.split(' ')[0] for p in folder.iterdir()) == ['attest', 'loonfiche']
    assert (src / f'dossier {RRN}' / f'loonfiche {RRN}.txt').is_file()  # the source keeps its names


def test_verify_counts_a_leak_in_a_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'dest'
    for root in (src, dest):
        root.mkdir()
        (root / f'loonfiche {RRN}.txt').write_text('nothing here\n', encoding='utf-8')
    assert main(['verify', str(src), str(dest)]) == 1
    assert 'leak check FAILED: 1 of 1' in capsys.readouterr().out


@pytest.mark.parametrize('option', ('--key-file', '--policy'))
def test_endless_or_huge_key_and_policy_files_are_refused(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    args = ['anonymize', str(src), '--out', str(tmp_path / 'out')]
    if option == '--policy':
        args += ['--key-env', 'GDPRSCAN_ROBUST_KEY']
    assert main([*args, option, '/dev/zero']) == 2  # never ends: read only up to the limit
    huge = tmp_path / 'huge'
    huge.write_bytes(b'a' * (2 << 20))
    assert main([*args, option, str(huge)]) == 2
    err = capsys.readouterr().err
    assert 'not a key file' in err if option == '--key-file' else 'not a policy file' in err
    assert err.count('\n') == 2 and 'Traceback' not in err
    assert not (tmp_path / 'out').exists()


def test_key_file_may_be_a_pipe(src: Path, tmp_path: Path) -> None:
    # `--key-file <(pass show gdprscan)`: the key arrives through a pipe, which is read, not skipped
    pipe = tmp_path / 'key.fifo'
    os.mkfifo(pipe)
    cmd = [
        sys.executable,
        '-m',
        'gdprscan.scanner.cli',
        'anonymize',
        str(src),
        '--out',
        str(tmp_path / 'out'),
    ]
    proc = subprocess.Popen([*cmd, '--key-file', str(pipe)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with pipe.open('w', encoding='utf-8') as f:
        f.write(KEY + '\n')
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert RRN not in (tmp_path / 'out' / 'a.txt').read_text(encoding='utf-8')


def test_dest_that_cannot_be_created_is_a_usage_error(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'a-file').write_text('x', encoding='utf-8')
    assert _anonymize(src, tmp_path / 'a-file' / 'out') == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'cannot create' in err and 'internal error' not in err


def test_dest_filled_by_someone_else_meanwhile_is_not_overwritten(src: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'out'

    def intruder(_fr: files.FileReport) -> None:
        dest.mkdir(exist_ok=True)
        (dest / 'theirs.txt').write_text('not ours\n', encoding='utf-8')

    with pytest.raises(files.TreeError, match='cannot move the copy into place'):
        files.anonymize_tree(src, dest, Actions(KEY.encode()), Engine(Settings(min_score=0.0)), intruder)
    assert [p.name for p in dest.iterdir()] == ['theirs.txt']
    _no_leftovers(tmp_path, dest)


def test_verify_refuses_to_parse_an_oversized_copy(tmp_path: Path) -> None:
    from gdprscan.scanner import limits

    dest = tmp_path / 'dest'
    dest.mkdir()
    (dest / 'big.json').write_text('{"rrn": "' + RRN + '", "pad": "' + 'x' * 3000 + '"}', encoding='utf-8')
    old = limits.current()
    limits.configure(Limits(max_file_size=1000))
    try:
        report = verify.check([('BE_NATIONAL_NUMBER', RRN)], dest)
    finally:
        limits.configure(old)
    assert report.errors == [('big.json', 'file too large (3037 bytes > 1000)')]


def test_bad_entries_among_many_files_in_worker_processes(src: Path, tmp_path: Path) -> None:
    for i in range(70):  # above the engine's POOL_MIN_FILES: files go to forked workers
        (src / 'sub' / f'f{i:02d} {RRN}.txt').write_text(f'{i}: RRN {RRN}\n', encoding='utf-8')
    os.mkfifo(src / 'sub' / 'pipe.txt')
    os.symlink('gone.txt', src / 'sub' / 'dangling.txt')
    (src / 'sub' / 'broken.docx').write_bytes(b'PK\x03\x04 not a zip')
    dest = tmp_path / 'out'
    report = files.anonymize_tree(
        src, dest, Actions(KEY.encode()), Engine(Settings(min_score=0.0)), workers=2
    )
    status = {f.source: f.status for f in report.files}
    assert status['sub/pipe.txt'] == status['sub/dangling.txt'] == 'skipped'
    assert status['sub/broken.docx'] == 'error'
    copies = sorted((dest / 'sub').iterdir())
    assert len(copies) == 70 and not [p for p in copies if RRN in p.name or p.name.endswith('.partial')]
    assert all(RRN not in p.read_text(encoding='utf-8') for p in copies)
    assert len({p.name for p in copies}) == 70
    _no_leftovers(tmp_path, dest)
