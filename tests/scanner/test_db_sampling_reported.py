"""A database scan that read only a sample of a table says so in every report format.

QA (Q18) found "1 table scanned, no personal data found", exit 0, for a table of 20,000 rows of
which the default sample read 5,000: the one national number sat in row 15,000 and no report said
the result was a sample (`--sample all` finds it).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.scanner.cli import main

ROWS = 20_000


def _notes() -> list[tuple[int, str]]:
    return [(i, 'klant belde, geen probleem') for i in range(1, ROWS + 1)]


@pytest.fixture()
def samp(tmp_path: Path) -> str:
    path = tmp_path / 'samp.db'
    with sqlite3.connect(path) as conn:
        conn.execute('create table notities (id integer primary key, tekst text)')
        conn.executemany('insert into notities values (?, ?)', _notes())
        conn.execute('create table klein (id integer primary key, tekst text)')
        conn.execute("insert into klein values (1, 'niets')")
    return f'sqlite:///{path}'


def test_table_footer_says_sampled(samp: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', samp, '--no-progress']) == 0
    out = capsys.readouterr().out
    assert '1 table sampled (5,000 of 20,000 rows read; --sample all reads every row)' in out
    assert '2 tables scanned' in out


def test_dutch_footer(samp: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', samp, '--no-progress', '--report-lang', 'nl']) == 0
    assert '1 tabel steekproefsgewijs gelezen (5.000 van 20.000 rijen' in capsys.readouterr().out


def test_json_summary_and_per_table(samp: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', samp, '--format', 'json']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc['summary']['sampled'] == {
        'tables': 1,
        'rows_read': 5000,
        'rows_total': 20000,
        'rows_total_exact': True,
    }
    [note] = doc['sampled']  # the small table was read in full: not listed
    assert note['table'] == 'notities' and note['text'] == 'sampled 5,000 of 20,000 rows'


def test_html_and_sarif(samp: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / 'r.html'
    assert main(['scan', samp, '--format', 'html', '--output', str(html)]) == 0
    text = html.read_text(encoding='utf-8')
    assert 'notities: sampled 5,000 of 20,000 rows' in text and 'tables sampled, not read in full' in text
    assert main(['scan', samp, '--format', 'sarif']) == 0
    props = json.loads(capsys.readouterr().out)['runs'][0]['properties']
    assert [(t['rowsRead'], t['rowsTotal']) for t in props['tablesSampled']] == [(5000, 20000)]


def test_sample_all_reports_no_sample(samp: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', samp, '--format', 'json', '--sample', 'all']) == 0
    doc = json.loads(capsys.readouterr().out)
    assert 'sampled' not in doc['summary'] and doc['sampled'] == []


@pytest.fixture()
def pg() -> Iterator[str]:
    from conftest import pg_databases

    with pg_databases('gdprscan_sampling', 1) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            conn.execute(sa.text('CREATE TABLE notities (id INT PRIMARY KEY, tekst TEXT)'))
            sql = "INSERT INTO notities SELECT g, 'klant belde' FROM generate_series(1, 20000) g"
            conn.execute(sa.text(sql))
        yield urls[0]


def test_postgres_sample_is_reported(pg: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['scan', pg, '--format', 'json']) == 0
    [note] = json.loads(capsys.readouterr().out)['sampled']
    assert note['table'] == 'notities' and note['rows_read'] == 5000 and note['rows_total'] == 20000
