"""JSONL output through the CLI: the contract, masking, stderr lines, exit codes, atomic -o."""

from __future__ import annotations

import json
import os

import pytest
from gdprscan.classifiers.categories import classify
from gdprscan.scanner.cli import main
from gdprscan.scanner.cli.common import output
from gdprscan.scanner.cli.scan import exit_code
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

KEYS = {'source', 'location', 'entity', 'categories', 'article', 'score', 'recognizer', 'masked'}


@pytest.fixture
def tree(tmp_path):
    (tmp_path / 'a.txt').write_text('Naam: Jan\nRRN 85.07.30-033.28\n', encoding='utf-8')
    (tmp_path / 'b.txt').write_text('IBAN BE62 5100 0754 7061 # gdprscan: allow\n', encoding='utf-8')
    (tmp_path / 'gone.txt').symlink_to(tmp_path / 'missing.txt')  # listed, but cannot be opened
    return tmp_path


def rows(text):
    return [json.loads(line) for line in text.splitlines()]


def test_contract_masked_and_one_stderr_line_per_unreadable_file(tree, capsys):
    assert main(['scan', str(tree), '--format', 'jsonl']) == 1
    out, err = capsys.readouterr()
    [row] = rows(out)  # the pragma-allowed IBAN is not a JSONL row
    assert set(row) - {'evidence'} == KEYS
    assert row['masked'] == '**.**.**-***.28' and 'value' not in row
    assert '85.07.30-033.28' not in out and '5100 0754' not in out
    assert row['location'] == {'line': 2, 'column': 5} and row['source'] == 'a.txt'
    assert err.splitlines() == ['gdprscan: gone.txt: No such file or directory']


def test_show_values(tree, capsys):
    main(['scan', str(tree / 'a.txt'), '--format', 'jsonl', '--show-values'])
    [row] = rows(capsys.readouterr().out)
    assert row['value'] == '85.07.30-033.28'


@pytest.mark.parametrize(
    ('fail_on', 'code'),
    (
        ('none', 0),
        ('any', 1),
        ('special', 0),  # a national number is article 6
        ('IBAN_CODE', 0),  # the only IBAN is allowed by its pragma
        ('iban_code,be_national_number', 1),
        ('BE_NATIONAL_NUMBER', 1),
    ),
)
def test_fail_on(tree, capsys, fail_on, code):
    assert main(['scan', str(tree), '--format', 'jsonl', '--fail-on', fail_on]) == code


def test_fail_on_special_counts_articles_9_and_10():
    def finding(entity, suppressed=None):
        cats, article = classify(entity)
        return Finding('f.txt', {'line': 1}, entity, cats, article, 0.9, 'r', 'x', suppressed=suppressed)

    assert exit_code(ScanResult(['.'], [finding('HEALTH_DATA')]), 'special') == 1
    assert exit_code(ScanResult(['.'], [finding('CRIMINAL_DATA')]), 'special') == 1
    assert exit_code(ScanResult(['.'], [finding('HEALTH_DATA', 'pragma')]), 'special') == 0
    assert exit_code(ScanResult(['.'], [finding('EMAIL_ADDRESS')]), 'special') == 0


def test_clean_tree_exits_zero_and_prints_nothing(tmp_path, capsys):
    (tmp_path / 'c.txt').write_text('factuur 2024-0017, totaal EUR 85.07\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 0
    assert capsys.readouterr().out == ''


def test_output_file_written_whole(tree, tmp_path, capsys):
    target = tmp_path / 'report.jsonl'
    assert main(['scan', str(tree / 'a.txt'), '--format', 'jsonl', '-o', str(target)]) == 1
    assert capsys.readouterr().out == ''
    [row] = rows(target.read_text(encoding='utf-8'))
    assert row['entity'] == 'BE_NATIONAL_NUMBER'


def test_failed_command_leaves_the_old_output_and_no_temporary_file(tree, tmp_path, capsys):
    out_dir = tmp_path / 'out'
    out_dir.mkdir()
    target = out_dir / 'report.jsonl'
    target.write_text('previous report\n', encoding='utf-8')
    code = main(
        ['scan', str(tree), '--format', 'jsonl', '-o', str(target), '--baseline', str(tmp_path / 'no.json')]
    )
    assert code == 2
    assert 'no such baseline' in capsys.readouterr().err
    assert target.read_text(encoding='utf-8') == 'previous report\n'
    assert os.listdir(out_dir) == ['report.jsonl']


def test_output_is_atomic_when_writing_fails(tmp_path):
    target = tmp_path / 'report.jsonl'
    with pytest.raises(RuntimeError):
        with output(str(target)) as f:
            f.write('{"half": ')
            raise RuntimeError('reporter failed half-way')
    assert os.listdir(tmp_path) == []


def test_output_into_missing_folder_is_exit_2(tree, tmp_path, capsys):
    assert main(['scan', str(tree), '--format', 'jsonl', '-o', str(tmp_path / 'nope' / 'r.jsonl')]) == 2
    assert 'Traceback' not in capsys.readouterr().err
