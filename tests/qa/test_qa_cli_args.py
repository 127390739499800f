"""QA: options that would make a scheduled check pass silently, or lose a long scan at the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    root.mkdir()
    (root / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    return root


@pytest.mark.parametrize(
    'fail_on',
    (
        'BE_NATIONAL_NUMBR',  # a typo: used to exit 0 on a share full of national numbers
        'undeclared,special',  # keywords do not combine; used to be read as two unknown entities
    ),
)
def test_unknown_fail_on_entity_is_a_usage_error(share: Path, capsys, fail_on: str) -> None:
    assert main(['scan', str(share), '--format', 'jsonl', '--fail-on', fail_on]) == 2
    err = capsys.readouterr().err
    assert err.startswith('gdprscan: error: unknown entit') and 'Traceback' not in err


def test_unknown_entities_is_a_usage_error(share: Path, capsys) -> None:
    assert main(['scan', str(share), '--format', 'jsonl', '--entities', 'BE_NATIONAL_NUMBR']) == 2
    assert 'unknown entity BE_NATIONAL_NUMBR' in capsys.readouterr().err


def test_known_entities_still_work(share: Path, capsys) -> None:
    argv = ['scan', str(share), '--format', 'jsonl', '--entities', 'be_national_number,iban_code']
    assert main(argv + ['--fail-on', 'BE_NATIONAL_NUMBER']) == 1
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['entity'] == 'BE_NATIONAL_NUMBER'


def test_entity_of_a_yaml_recogniser_is_known(share: Path, tmp_path: Path, capsys) -> None:
    (share / 'b.txt').write_text('badge EMP-004211\n', encoding='utf-8')
    rec = tmp_path / 'rec.yaml'
    rec.write_text(
        "recognizers:\n  - entity: STAFF_ID\n    patterns:\n      - regex: 'EMP-\\d{6}'\n", encoding='utf-8'
    )
    assert (
        main(['scan', str(share), '--format', 'jsonl', '--recognizers', str(rec), '--fail-on', 'STAFF_ID'])
        == 1
    )
    assert 'STAFF_ID' in capsys.readouterr().out


@pytest.mark.parametrize('output', ('missing-folder/report.json', '.'))
def test_unwritable_output_is_a_usage_error_before_scanning(
    share: Path, tmp_path: Path, capsys, output: str
) -> None:
    target = tmp_path / output
    assert main(['scan', str(share), '--format', 'json', '-o', str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith('gdprscan: error: ') and 'internal error' not in err
    assert str(target) in err


@pytest.mark.parametrize(
    'argv',
    (
        ['--max-file-size', '0'],  # used to fall back to the default silently
        ['--max-file-size', '-1'],  # used to refuse every file
        ['--timeout', '-5'],  # used to disable the timeout
        ['--timeout', '0'],
        ['--workers', '0'],  # used to mean "all cores"
    ),
)
def test_nonpositive_limits_are_usage_errors(share: Path, capsys, argv: list[str]) -> None:
    assert main(['scan', str(share), '--format', 'jsonl', *argv]) == 2
    assert capsys.readouterr().err.startswith(f'gdprscan: error: {argv[0]} must be')


def test_report_never_overwrites_a_scanned_file(tmp_path: Path, capsys) -> None:
    # `gdprscan scan export.csv --format csv -o export.csv` used to replace the HR export by the report.
    export = tmp_path / 'export.csv'
    export.write_text(f'naam;rrn\nJan;{RRN}\n', encoding='utf-8')
    before = export.read_bytes()
    assert main(['scan', str(export), '--format', 'csv', '-o', str(export)]) == 2
    assert 'is one of the scanned files' in capsys.readouterr().err
    assert export.read_bytes() == before
    (tmp_path / 'sub').mkdir()
    assert main(['scan', str(tmp_path / 'sub'), str(export), '--format', 'json', '-o', str(export)]) == 2
    assert 'is one of the scanned files' in capsys.readouterr().err
    assert export.read_bytes() == before
    (tmp_path / 'sub').rmdir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ['export.csv']  # no temporary file left


def test_report_into_the_scanned_folder_with_exclude(tmp_path: Path, capsys) -> None:
    (tmp_path / 'a.txt').write_text(f'RRN {RRN}\n', encoding='utf-8')
    report = tmp_path / 'report.json'
    assert main(['scan', str(tmp_path), '--format', 'json', '-o', str(report)]) == 1  # new file: fine
    argv = ['scan', str(tmp_path), '--format', 'json', '-o', str(report), '--exclude', 'report.json']
    assert main(argv) == 1
    assert json.loads(report.read_text(encoding='utf-8'))['summary']['files_scanned'] == 1
    assert main(argv[:-2]) == 1  # a re-run that rewrites its report inside the scanned folder is normal


def test_baseline_create_rejects_unknown_entity(share: Path, monkeypatch, capsys) -> None:
    # A typo used to write an empty baseline ("0 accepted findings") and exit 0.
    monkeypatch.setenv('GDPRSCAN_KEY', 'qa-test-key-0123456789abcdef')
    out = share / 'baseline.json'
    assert main(['baseline', 'create', str(share), '-o', str(out), '--entities', 'BE_NATIONAL_NUMBR']) == 2
    assert 'unknown entity BE_NATIONAL_NUMBR' in capsys.readouterr().err
    assert not out.exists()
