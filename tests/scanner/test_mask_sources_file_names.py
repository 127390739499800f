"""Identifiers in file names are masked in every printed path, not only in ``masked`` (QA2 D14).

Real files in tmp_path: a payslip whose name holds a national number (and an IBAN inside), an
unreadable PDF whose name holds another one, and a plain note. Every report format, the hook and the
stderr lines must print the masked name unless --show-values; baselines, SARIF fingerprints and
--declared scopes keep working on the real path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.masked_sources import mask_name
from gdprscan.scanner.masked_sources import shown
from gdprscan.scanner.types import Finding

KEY = '5d' * 32
PAYSLIP = 'loonfiche 99.01.01-005.14.txt'
PAYSLIP_SHOWN = 'loonfiche **.**.**-***.14.txt'
BROKEN = 'rrn 85.07.30-033.28.pdf'
BROKEN_SHOWN = 'rrn **.**.**-***.28.pdf'
RAW = ('99.01.01-005.14', '85.07.30-033.28')
FORMATS = ('table', 'jsonl', 'json', 'csv', 'sarif', 'html')


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    (root / 'HR' / 'loon').mkdir(parents=True)
    (root / 'HR' / 'loon' / PAYSLIP).write_text('Rekening BE62 5100 0754 7061\n', encoding='utf-8')
    (root / BROKEN).write_bytes(b'not a PDF at all')
    (root / 'notes.txt').write_text('RRN 17.07.30-033.84\n', encoding='utf-8')
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def artifact_uri(result: dict[str, Any]) -> str:
    return str(result['locations'][0]['physicalLocation']['artifactLocation']['uri'])


def sarif_uris(text: str) -> list[str]:
    """The decoded artifact URIs of a SARIF log: results and unreadable-file notifications."""
    run_ = json.loads(text)['runs'][0]
    located = run_['results'] + run_['invocations'][0]['toolExecutionNotifications']
    return [unquote(artifact_uri(r)) for r in located]


@pytest.mark.parametrize('fmt', FORMATS)
def test_every_format_masks_the_name(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    report = tmp_path / f'report.{fmt}'
    code, _, err = run(capsys, 'scan', str(share), '--format', fmt, '-o', str(report))
    text = report.read_text(encoding='utf-8')
    assert code == 1
    assert [r for r in RAW if r in text or r in err] == []
    assert f'gdprscan: {BROKEN_SHOWN}: ' in err  # the unreadable file's stderr line
    shown_text = '\n'.join(sarif_uris(text)) if fmt == 'sarif' else text
    # the table folds long paths at a space: the name's end and the short name are whole
    assert PAYSLIP_SHOWN.split()[1] in shown_text and BROKEN_SHOWN in shown_text


@pytest.mark.parametrize('fmt', FORMATS)
def test_show_values_prints_the_real_name(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    report = tmp_path / f'report.{fmt}'
    _, _, err = run(capsys, 'scan', str(share), '--format', fmt, '-o', str(report), '--show-values')
    text = report.read_text(encoding='utf-8')
    shown_text = '\n'.join(sarif_uris(text)) if fmt == 'sarif' else text
    assert PAYSLIP.split()[1] in shown_text and BROKEN in shown_text and f'gdprscan: {BROKEN}: ' in err


def test_jsonl_rows(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, 'scan', str(share), '--format', 'jsonl')
    rows = {
        (r['source'], r['entity'], json.dumps(r['location'], sort_keys=True))
        for r in map(json.loads, out.splitlines())
    }
    assert rows == {
        (f'HR/loon/{PAYSLIP_SHOWN}', 'BE_NATIONAL_NUMBER', '{"file_name": true}'),
        (f'HR/loon/{PAYSLIP_SHOWN}', 'IBAN_CODE', '{"column": 10, "line": 1}'),
        (BROKEN_SHOWN, 'BE_NATIONAL_NUMBER', '{"file_name": true}'),
        ('notes.txt', 'BE_NATIONAL_NUMBER', '{"column": 5, "line": 1}'),  # no value in its name: as is
    }


def test_hook_line_says_file_name(
    share: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(share)
    payslip = f'HR/loon/{PAYSLIP}'
    # the hook masks even with --show-values: its output lands in CI logs
    code, out, err = run(capsys, 'scan', '--hook', payslip, BROKEN, 'notes.txt', '--show-values')
    assert code == 1
    assert out.splitlines()[:4] == [
        f'HR/loon/{PAYSLIP_SHOWN} (file name): BE_NATIONAL_NUMBER **.**.**-***.14',
        f'HR/loon/{PAYSLIP_SHOWN}:1:10 IBAN_CODE BE** **** **** 7061',
        f'{BROKEN_SHOWN} (file name): BE_NATIONAL_NUMBER **.**.**-***.28',
        'notes.txt:1:5 BE_NATIONAL_NUMBER **.**.**-***.84',
    ]
    assert err == f'gdprscan: {BROKEN_SHOWN}: corrupt PDF (no PDF header)\n'
    assert [r for r in RAW if r in out or r in err] == []


def test_baseline_and_sarif_fingerprints_use_the_real_path(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(share)
    monkeypatch.setenv('GDPRSCAN_KEY', KEY)
    assert run(capsys, 'baseline', 'create')[0] == 0
    accepted = json.loads((share / '.gdprscan-baseline.json').read_text(encoding='utf-8'))['findings']
    assert {e['source'] for e in accepted} == {f'HR/loon/{PAYSLIP}', BROKEN, 'notes.txt'}
    assert run(capsys, 'scan', '.', '--baseline', '.gdprscan-baseline.json', '--format', 'jsonl')[:2] == (
        0,
        '',
    )
    report = tmp_path / 'r.sarif'
    run(capsys, 'scan', '.', '--baseline', '.gdprscan-baseline.json', '--format', 'sarif', '-o', str(report))
    results = json.loads(report.read_text(encoding='utf-8'))['runs'][0]['results']
    results = [
        r for r in results if artifact_uri(r) != '.gdprscan-baseline.json'
    ]  # its own numbers: suppressed
    assert all(r['suppressions'][0]['justification'] == 'accepted in the gdprscan baseline' for r in results)
    assert {r['partialFingerprints']['gdprscan/v1'] for r in results} == {e['fingerprint'] for e in accepted}
    named = [r for r in results if r['properties']['location'] == {'file_name': True}]
    assert sorted(artifact_uri(r) for r in named) == [
        'HR/loon/loonfiche%20%2A%2A.%2A%2A.%2A%2A-%2A%2A%2A.14.txt',
        'rrn%20%2A%2A.%2A%2A.%2A%2A-%2A%2A%2A.28.pdf',
    ]


def test_sarif_uri_of_a_folder_outside_the_working_folder(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / 'cwd'
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    report = tmp_path / 'r.sarif'
    run(capsys, 'scan', str(share), '--format', 'sarif', '-o', str(report))
    uris = set(sarif_uris(report.read_text(encoding='utf-8')))
    assert f'file://{share}/HR/loon/{PAYSLIP_SHOWN}' in uris and f'file://{share}/{BROKEN_SHOWN}' in uris


def test_declared_scope_sees_the_real_name_and_prints_the_masked_one(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declared = tmp_path / 'declared.yaml'
    declared.write_text(
        "categories:\n  identification:\n    scope: ['notes.txt', '**/loonfiche 99.01.01-*']\n  financial:\n",
        encoding='utf-8',
    )
    _, out, _ = run(capsys, 'scan', str(share), '--format', 'json', '--declared', str(declared))
    report: dict[str, Any] = json.loads(out)
    [undeclared] = report['declared']['undeclared']  # the payslip is in scope by its real name
    assert [w['source'] for w in undeclared['where']] == [BROKEN_SHOWN]
    assert undeclared['by_source'] == {BROKEN_SHOWN: 1}
    assert [r for r in RAW if r in out] == []


def test_targets_given_as_files_are_masked_in_the_html_head(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / 'r.html'
    run(capsys, 'scan', str(share / 'HR' / 'loon' / PAYSLIP), '--format', 'html', '-o', str(report))
    text = report.read_text(encoding='utf-8')
    assert RAW[0] not in text and PAYSLIP_SHOWN in text and 'file name' in text


# -- the masking itself -----------------------------------------------------------------------------
def name_finding(source: str, value: str, entity: str = 'BE_NATIONAL_NUMBER') -> Finding:
    return Finding(source, {'file_name': True}, entity, (), '6', 0.6, 'x', value)


def test_in_every_component_where_the_value_is() -> None:
    pairs = [('85.07.30-033.28', '**.**.**-***.28')]
    assert (  # folder names are scanned too (QA Q27): the value is never printed in clear
        mask_name('85.07.30-033.28/rrn 85.07.30-033.28.txt', pairs)
        == '**.**.**-***.28/rrn **.**.**-***.28.txt'
    )
    assert mask_name('a/b.txt', pairs) == 'a/b.txt'


def test_several_values_and_the_progress_bar_form() -> None:
    source = 'HR/CV Jan Peeters 85.07.30-033.28.docx'
    findings = [
        name_finding(source, 'Jan Peeters', 'PERSON'),
        name_finding(source, '85.07.30-033.28'),
        Finding(
            source, {'line': 1}, 'PERSON', (), '6', 0.9, 'x', 'Sofie Claes'
        ),  # in the text: not in the name
    ]
    assert shown(source, findings) == 'HR/CV *** ******* **.**.**-***.28.docx'
    assert shown('other.txt', findings) == 'other.txt'


def test_two_names_that_mask_alike_stay_two_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ('rrn 85.07.30-033.28.txt', 'rrn 85.07.31-003.28.txt', 'rrn **.**.**-***.28.txt'):
        (tmp_path / name).write_text('hallo\n', encoding='utf-8')
    (tmp_path / 'rrn **.**.**-***.28.txt').write_text('RRN 17.07.30-033.84\n', encoding='utf-8')
    _, out, _ = run(capsys, 'scan', str(tmp_path), '--format', 'json')
    by_source = json.loads(out)['summary']['by_source']
    assert by_source == {  # the real file called 'rrn **...' keeps its name; sorted real names get [2], [3]
        'rrn **.**.**-***.28.txt': 1,
        'rrn **.**.**-***.28.txt [2]': 1,
        'rrn **.**.**-***.28.txt [3]': 1,
    }
