"""Database tables are counted as tables, files as files, in every report that counts."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.types import KIND_TABLE
from gdprscan.scanner.types import FileResult
from gdprscan.scanner.types import ScanResult

RRNS = ('85073003328', '17073003384', '90022812345')  # the last fails mod 97: not a finding


@pytest.fixture
def hr_db(tmp_path: Path) -> Path:
    path = tmp_path / 'hr.db'
    with sqlite3.connect(path) as conn:
        conn.execute('CREATE TABLE werknemers (id INTEGER PRIMARY KEY, naam TEXT, insz TEXT)')
        conn.executemany('INSERT INTO werknemers (naam, insz) VALUES (?, ?)', [('Jan', r) for r in RRNS])
        conn.execute('CREATE TABLE producten (id INTEGER PRIMARY KEY, code TEXT)')
        conn.execute("INSERT INTO producten (code) VALUES ('PRD-0001')")
        conn.execute('CREATE TABLE afdelingen (id INTEGER PRIMARY KEY, naam TEXT)')
        conn.execute("INSERT INTO afdelingen (naam) VALUES ('Loonadministratie')")
    conn.close()
    return path


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    root.mkdir()
    (root / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    (root / 'b.txt').write_text('geen persoonsgegevens\n', encoding='utf-8')
    return root


def scan_json(capsys, *targets: str) -> dict:
    main(['scan', *targets, '--format', 'json', '--workers', '1'])
    return json.loads(capsys.readouterr().out)


def test_json_summary_counts_files_and_tables_apart(hr_db, share, capsys):
    doc = scan_json(capsys, str(share), f'sqlite:///{hr_db}')
    summary = doc['summary']
    assert summary['files_scanned'] == 2  # a.txt and b.txt: files only, as before
    assert summary['tables_scanned'] == 3
    sources = {f['source'] for f in doc['findings']}
    assert 'a.txt' in sources and any(s.endswith('#werknemers') for s in sources)


def test_database_only_scan_has_no_files(hr_db, capsys):
    summary = scan_json(capsys, f'sqlite:///{hr_db}')['summary']
    assert (summary['files_scanned'], summary['tables_scanned']) == (0, 3)


def test_files_only_scan_keeps_its_summary(share, capsys):
    summary = scan_json(capsys, str(share))['summary']
    assert (summary['files_scanned'], summary['tables_scanned']) == (2, 0)


def test_table_footer_names_files_and_tables(hr_db, share, capsys):
    main(['scan', str(share), f'sqlite:///{hr_db}', '--workers', '1'])
    footer = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(r'2 files scanned, 3 tables scanned, \d+ findings \(art\. 6: \d+\)', footer), footer
    main(['scan', f'sqlite:///{hr_db}', '--report-lang', 'nl'])
    footer = capsys.readouterr().out.strip().splitlines()[-1]
    assert footer.startswith('3 tabellen gescand, '), footer  # no '0 files' for a database scan
    main(['scan', str(share), '--report-lang', 'nl'])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith('2 bestanden gescand, 1 vondst ')


def test_sarif_and_html_count_tables(hr_db, share, tmp_path, capsys):
    sarif = tmp_path / 'r.sarif'
    main(['scan', str(share), f'sqlite:///{hr_db}', '--format', 'sarif', '-o', str(sarif)])
    props = json.loads(sarif.read_text(encoding='utf-8'))['runs'][0]['properties']
    assert (props['filesScanned'], props['tablesScanned']) == (2, 3)
    html = tmp_path / 'r.html'
    main(['scan', str(share), f'sqlite:///{hr_db}', '--format', 'html', '-o', str(html)])
    page = html.read_text(encoding='utf-8')
    assert '<span class="num">2</span><span class="lbl">files scanned</span>' in page
    assert '<span class="num">3</span><span class="lbl">database tables scanned</span>' in page
    main(['scan', str(share), '--format', 'html', '-o', str(html)])
    assert 'database tables scanned' not in html.read_text(encoding='utf-8')  # no card without tables


def test_scan_result_counts_by_kind_not_by_name():
    """A file whose name looks like a table (`export#loon`) is a file; only the kind decides."""
    result = ScanResult(['.'])
    result.add(FileResult('export#loon.csv', [], size=10))
    result.add(FileResult('sqlite:///hr.db#loon', [], size=5).as_table())
    result.add(FileResult('sqlite:///hr.db#kapot', [], error='unreadable (OperationalError)').as_table())
    result.add(FileResult('logo.png', [], skipped='binary'))
    assert (result.files_scanned, result.tables_scanned, result.files_skipped) == (1, 2, 1)
    assert result.errors == [('sqlite:///hr.db#kapot', 'unreadable (OperationalError)')]
    assert FileResult('x', []).as_table().kind == KIND_TABLE
