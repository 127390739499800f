"""Person names and identifiers in file and folder names are findings, masked in every printed path
(QA Q27: `dossiers/Marie Dubois/` and `loonfiche 85.07.30-033.28 Jan Peeters.txt` were printed in clear)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

RRN = '85.07.30-033.28'
NAMES = ('Jan Peeters', 'Peeters Jan', 'Marie Dubois')


def _share(root: Path) -> Path:
    (root / 'dossiers' / 'Marie Dubois').mkdir(parents=True)
    (root / 'dossiers' / 'Marie Dubois' / 'evaluatie 2024.txt').write_text(
        'Goed gewerkt.\n', encoding='utf-8'
    )
    (root / f'loonfiche {RRN} Jan Peeters.txt').write_text('Loon maart.\n', encoding='utf-8')
    (root / 'Loonfiche Peeters Jan 2024-03.txt').write_text('Loon april.\n', encoding='utf-8')
    (root / 'handleiding.txt').write_text('Hoe een verlof aanvragen.\n', encoding='utf-8')
    return root


def _names(rows: list[dict]) -> list[tuple[str, str, str]]:
    return sorted(
        (r['source'], r['entity'], json.dumps(r['location'], sort_keys=True))
        for r in rows
        if r['location'].get('file_name')
    )


def test_full_profile_reports_names_in_file_and_folder_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = _share(tmp_path / 'share')
    assert main(['scan', str(share), '--profile', 'full', '--format', 'jsonl', '--no-progress']) == 1
    out = capsys.readouterr().out
    rows = [json.loads(line) for line in out.splitlines()]
    file_name, folder = json.dumps({'file_name': True}), json.dumps({'file_name': True, 'folder': True})
    assert _names(rows) == [
        ('Loonfiche ******* *** 2024-03.txt', 'PERSON', file_name),
        ('dossiers/***** ******/evaluatie 2024.txt', 'PERSON', folder),
        ('loonfiche **.**.**-***.28 *** *******.txt', 'BE_NATIONAL_NUMBER', file_name),
        ('loonfiche **.**.**-***.28 *** *******.txt', 'PERSON', file_name),
    ]
    assert not any(name in out for name in NAMES) and RRN not in out


@pytest.mark.parametrize('fmt', ('json', 'sarif', 'csv', 'table'))
def test_no_report_prints_a_name_from_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    share = _share(tmp_path / 'share')
    main(['scan', str(share), '--profile', 'full', '--format', fmt, '--no-progress'])
    captured = capsys.readouterr()
    assert not any(name in captured.out + captured.err for name in NAMES)
    if fmt != 'table':  # the table may shorten a long path
        main(['scan', str(share), '--profile', 'full', '--format', fmt, '--no-progress', '--show-values'])
        assert 'Marie Dubois' in capsys.readouterr().out


def test_identifier_profile_reads_folder_names_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / f'dossier {RRN}'
    folder.mkdir()
    (folder / 'brief.txt').write_text('Geen gegevens.\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'jsonl', '--no-progress']) == 1
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['source'] == 'dossier **.**.**-***.28/brief.txt'
    assert (row['entity'], row['location']) == ('BE_NATIONAL_NUMBER', {'file_name': True, 'folder': True})
