"""A file name that is not UTF-8 (Latin-1 'José' on a Samba share) never costs the report (QA4 Q38)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    root.mkdir()
    with open(os.path.join(os.fsencode(root), b'Jos\xe9 loonfiche.txt'), 'wb') as f:
        f.write(b'INSZ 61071894044\n')
    (root / 'ok.txt').write_text('IBAN BE71 0961 2345 6769\n', encoding='utf-8')
    return root


@pytest.mark.parametrize('fmt', ('json', 'jsonl', 'csv', 'table', 'sarif', 'html'))
def test_every_report_format_is_written(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f'report.{fmt}'
    assert main(['scan', str(share), '--format', fmt, '-o', str(out), '--no-progress']) == 1
    capsys.readouterr()
    text = out.read_bytes().decode('utf-8')  # valid UTF-8 throughout
    assert '61071894044' not in text
    if fmt == 'json':
        doc = json.loads(text)
        assert sorted(f['source'] for f in doc['findings']) == ['Jos\ufffd loonfiche.txt', 'ok.txt']
    if fmt == 'sarif':
        results = json.loads(text)['runs'][0]['results']
        uris = {r['locations'][0]['physicalLocation']['artifactLocation']['uri'] for r in results}
        # the raw bytes, %-encoded: the link opens the real file
        assert any(uri.endswith('/share/Jos%E9%20loonfiche.txt') for uri in uris), uris


def test_stdout_and_the_full_profile(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', str(share), '--profile', 'full', '--format', 'jsonl', '--no-progress']) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {f['entity'] for f in lines} >= {'BE_NATIONAL_NUMBER', 'IBAN_CODE'}
