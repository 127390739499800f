"""Baselines: keyed fingerprints of accepted findings, stable in git, never values."""

from __future__ import annotations

import json

import pytest
from gdprscan.scanner import baseline
from gdprscan.scanner.cli import main

KEY = '4b' * 32


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv('GDPRSCAN_KEY', KEY)
    (tmp_path / 'tests' / 'fixtures').mkdir(parents=True)
    (tmp_path / 'tests' / 'fixtures' / 'people.csv').write_text(
        'naam,insz,iban\nJan,85073003328,BE62 5100 0754 7061\n', encoding='utf-8'
    )
    (tmp_path / 'notes.txt').write_text('RRN 17.07.30-033.84\n', encoding='utf-8')
    return tmp_path


def hook(capsys, *files):
    code = main(['scan', '--hook', *files])
    return code, capsys.readouterr().out


def test_create_stores_fingerprints_not_values(repo, capsys):
    assert main(['baseline', 'create']) == 0
    text = (repo / '.gdprscan-baseline.json').read_text(encoding='utf-8')
    doc = json.loads(text)
    assert [(e['source'], e['entity']) for e in doc['findings']] == [
        ('notes.txt', 'BE_NATIONAL_NUMBER'),
        ('tests/fixtures/people.csv', 'BE_NATIONAL_NUMBER'),
        ('tests/fixtures/people.csv', 'IBAN_CODE'),
    ]
    for raw in ('85073003328', '17.07.30', '170730', '5100', '7061', 'BE62'):
        assert raw not in text
    assert all(len(e['fingerprint']) == 32 for e in doc['findings'])
    assert '3 accepted findings' in capsys.readouterr().err


def test_baseline_allows_accepted_and_refuses_new(repo, capsys):
    assert hook(capsys, 'tests/fixtures/people.csv', 'notes.txt')[0] == 1
    main(['baseline', 'create', 'tests'])  # a narrower target: paths stay relative to the repository
    capsys.readouterr()
    assert hook(capsys, 'tests/fixtures/people.csv') == (0, '')
    code, out = hook(capsys, 'tests/fixtures/people.csv', 'notes.txt')
    assert code == 1 and out.startswith('notes.txt:1:5 BE_NATIONAL_NUMBER **.**.**-***.84\n')
    with (repo / 'tests' / 'fixtures' / 'people.csv').open('a', encoding='utf-8') as f:
        f.write('Piet,90020199704,\n')  # a new person in an accepted file
    code, out = hook(capsys, 'tests/fixtures/people.csv')
    assert code == 1 and out.startswith('tests/fixtures/people.csv:3:insz BE_NATIONAL_NUMBER')


def test_stable_bytes_and_no_churn_on_unrelated_edits(repo, capsys):
    main(['baseline', 'create'])
    first = (repo / '.gdprscan-baseline.json').read_bytes()
    notes = repo / 'notes.txt'
    notes.write_text('a new first line\n\n' + notes.read_text(encoding='utf-8'), encoding='utf-8')
    main(['baseline', 'create'])
    assert (repo / '.gdprscan-baseline.json').read_bytes() == first
    assert hook(capsys, 'notes.txt') == (0, '')  # the moved finding is still accepted


def test_same_value_reformatted_is_the_same_finding(repo, capsys):
    main(['baseline', 'create'])
    (repo / 'notes.txt').write_text('RRN 170730 033 84\n', encoding='utf-8')
    assert hook(capsys, 'notes.txt') == (0, '')


def test_update_adds_new_and_drops_fixed(repo, capsys):
    main(['baseline', 'create'])
    (repo / 'notes.txt').write_text('RRN 90.02.01-997.04\n', encoding='utf-8')
    capsys.readouterr()
    assert main(['baseline', 'update']) == 0
    assert '1 added, 1 removed, 2 kept' in capsys.readouterr().err
    assert hook(capsys, 'notes.txt') == (0, '')


def test_update_of_one_file_keeps_the_others(repo, capsys):
    main(['baseline', 'create'])
    (repo / 'notes.txt').write_text('nothing here\n', encoding='utf-8')
    assert main(['baseline', 'update', 'notes.txt']) == 0
    doc = json.loads((repo / '.gdprscan-baseline.json').read_text(encoding='utf-8'))
    assert {e['source'] for e in doc['findings']} == {'tests/fixtures/people.csv'}


def test_no_key_is_exit_2_with_a_clear_message(repo, capsys, monkeypatch):
    monkeypatch.delenv('GDPRSCAN_KEY')
    monkeypatch.setenv('GDPRSCAN_KEY_FILE', str(repo / 'no-such-key'))
    assert main(['baseline', 'create']) == 2
    err = capsys.readouterr().err
    assert err.startswith('gdprscan: error: baselines need a fingerprint key') and err.count('\n') == 1
    assert not (repo / '.gdprscan-baseline.json').exists()


def test_key_from_file(repo, capsys, monkeypatch):
    monkeypatch.delenv('GDPRSCAN_KEY')
    (repo / 'key').write_text(KEY + '\n', encoding='utf-8')
    monkeypatch.setenv('GDPRSCAN_KEY_FILE', str(repo / 'key'))
    assert main(['baseline', 'create']) == 0
    monkeypatch.setenv('GDPRSCAN_KEY', KEY)  # the same key from the environment matches
    assert hook(capsys, 'notes.txt') == (0, '')


def test_wrong_key_shows_the_findings_uncompared(repo, capsys, monkeypatch):
    main(['baseline', 'create'])
    capsys.readouterr()
    monkeypatch.setenv('GDPRSCAN_KEY', 'c3' * 32)
    assert main(['scan', '--hook', 'notes.txt']) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith('notes.txt:1:5 BE_NATIONAL_NUMBER **.**.**-***.84\n')
    assert 'another fingerprint key' in captured.err and captured.err.count('\n') == 1


def test_without_a_key_a_clean_commit_passes_and_findings_show(repo, capsys, monkeypatch):
    main(['baseline', 'create'])
    capsys.readouterr()
    monkeypatch.delenv('GDPRSCAN_KEY')
    monkeypatch.setenv('GDPRSCAN_KEY_FILE', str(repo / 'no-such-key'))
    (repo / 'clean.txt').write_text('hello\n', encoding='utf-8')
    assert main(['scan', '--hook', 'clean.txt']) == 0
    assert capsys.readouterr() == ('', '')
    assert main(['scan', '--hook', 'notes.txt']) == 1
    captured = capsys.readouterr()
    assert 'BE_NATIONAL_NUMBER' in captured.out and '17.07.30' not in captured.out
    assert 'no fingerprint key' in captured.err and 'Ask your team' in captured.err


@pytest.mark.parametrize(
    'content', ('not json', '{"version": 99, "findings": []}', '{"version": 1, "findings": [1]}')
)
def test_malformed_baseline_is_exit_2(repo, capsys, content):
    (repo / 'b.json').write_text(content, encoding='utf-8')
    assert main(['scan', 'notes.txt', '--baseline', 'b.json']) == 2
    err = capsys.readouterr().err
    assert 'b.json' in err and 'Traceback' not in err


def test_fingerprint_is_keyed():
    from gdprscan.classifiers.categories import classify
    from gdprscan.scanner.types import Finding

    cats, art = classify('BE_NATIONAL_NUMBER')
    f = Finding('a.txt', {'line': 1}, 'BE_NATIONAL_NUMBER', cats, art, 0.9, 'r', '85.07.30-033.28')
    one = baseline.finding_fingerprint(bytes.fromhex(KEY), f, 'a.txt')
    assert one != baseline.finding_fingerprint(bytes.fromhex('c3' * 32), f, 'a.txt')
    assert one != baseline.finding_fingerprint(bytes.fromhex(KEY), f, 'b.txt')  # bound to its file
    import hashlib

    assert one not in (
        hashlib.sha256(b'85073003328').hexdigest()[:32],
        hashlib.sha256(b'85.07.30-033.28').hexdigest()[:32],
    )


def test_the_baseline_file_itself_is_never_a_finding(repo, capsys):
    main(['baseline', 'create'])
    path = repo / '.gdprscan-baseline.json'
    doc = json.loads(path.read_text(encoding='utf-8'))
    doc['findings'].append({'entity': 'BE_NATIONAL_NUMBER', 'fingerprint': '85073003328', 'source': 'x'})
    path.write_text(baseline.dumps(doc), encoding='utf-8')  # digits that happen to form a valid number
    assert main(['scan', '.gdprscan-baseline.json', '--format', 'jsonl']) == 1  # without the baseline
    capsys.readouterr()
    assert hook(capsys, '.gdprscan-baseline.json') == (0, '')
