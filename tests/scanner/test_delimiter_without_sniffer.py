"""The delimiter of an unquoted export is read without csv.Sniffer, and files are scanned the same."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import delimited

ROWS = [
    'id;naam;startdatum;uren;bedrag;opmerking;rrn',
    "1;Jan Peeters;16/03/2021;38,5;5.438,80;La prime de fin d'année est calculée;85.07.30-033.28",
    '2;Marie Dubois;14/05/2008;20,6;6.688,96;;',
    "3;Luc Maes;23/09/2011;24,0;7.431,98;Telewerk, in overleg;90.02.01-997.04",
]


def test_constant_delimiter_wins_over_constant_commas_in_amounts() -> None:
    """Every line has two commas in its amounts and six semicolons: the Sniffer's first-ten-lines rule
    can prefer ','; the delimiter constant on every line is ';'."""
    sample = '\n'.join(ROWS[:3]).replace("d'année est calculée", 'ok') + '\n'
    dialect = delimited._dialect(sample, '.csv')
    assert dialect.delimiter == ';'
    assert dialect.doublequote is False and dialect.skipinitialspace is False


@pytest.mark.parametrize(
    'sample',
    (
        'a,b,c\n1,2,3\n4,5,6\n',
        'a\tb\tc\n1\t2\t3\n4\t5\t6\n',
        'a|b|c\n1|2|3\n4|5|6\n',
        'a; b; c\n1; 2; 3\n4; 5; 6\n',
    ),
)
def test_same_dialect_as_the_sniffer_in_clear_cases(sample: str) -> None:
    ours = delimited._plain_delimiter(sample)
    assert ours is not None
    theirs = csv.Sniffer().sniff(sample, delimiters=delimited.DELIMITERS)
    for attr in ('delimiter', 'quotechar', 'doublequote', 'skipinitialspace', 'lineterminator', 'quoting'):
        assert getattr(ours, attr) == getattr(theirs, attr), attr


@pytest.mark.parametrize(
    'sample',
    (
        'a;b\n"x;y";2\n3;4\n',  # real quoting
        "a;b\n'x;y';2\n3;4\n",  # a single quote next to a delimiter
        'a;b,c\n1;2,3\n4;5,6\n',  # two constant candidates
        'a;b\n',  # one line
        'a;b\n1;2;3\n4\n',  # no constant count
    ),
)
def test_unclear_samples_are_left_to_the_sniffer(sample: str) -> None:
    assert delimited._plain_delimiter(sample) is None


def test_apostrophes_inside_words_keep_the_fast_path() -> None:
    assert delimited._plain_delimiter('\n'.join(ROWS) + '\n') is not None


def test_scan_finds_the_same_on_both_readings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same export, once unquoted (fast path) and once with a quoted cell (Sniffer): same findings."""
    plain = tmp_path / 'a' / 'export.csv'
    quoted = tmp_path / 'b' / 'export.csv'
    plain.parent.mkdir()
    quoted.parent.mkdir()
    plain.write_text('\n'.join(ROWS) + '\n', encoding='utf-8')
    quoted.write_text('\n'.join(ROWS).replace('Telewerk, in overleg', '"Telewerk, in overleg"') + '\n')
    assert delimited._plain_delimiter(plain.read_text()) is not None
    assert delimited._plain_delimiter(quoted.read_text()) is None
    found = []
    for path in (plain, quoted):
        main(['scan', str(path), '--format', 'jsonl', '--no-progress'])
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        found.append(sorted((f['entity'], f['location']['column'], f['location']['row']) for f in lines))
    assert found[0] == found[1] == [('BE_NATIONAL_NUMBER', 'rrn', 1), ('BE_NATIONAL_NUMBER', 'rrn', 3)]


EXCEL_CRLF = 'Naam;INSZ;Opmerking\r\nPeeters;85073003328;"ziekte\r\nverlof"\r\nDubois;61071894044;ok\r\n'
EXCEL_SEP = 'sep=;\r\nNaam;Voornaam;INSZ\r\nPeeters;Jan;85073003328\r\nDubois;Marie;61071894044\r\n'


def _findings(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> list[tuple[str, str, int, int]]:
    main(['scan', str(path), '--format', 'jsonl', '--no-progress', *args])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return sorted((f['entity'], f['location']['column'], f['location']['row'], f['location']['line']) for f in lines)


def test_semicolon_crlf_export_with_multiline_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What Excel writes on a Belgian PC: the Sniffer gives up on it; the header's ';' decides (QA4 Q1)."""
    path = tmp_path / 'loon.csv'
    path.write_bytes(EXCEL_CRLF.encode('cp1252'))
    assert _findings(capsys, path) == [('BE_NATIONAL_NUMBER', 'INSZ', 1, 2), ('BE_NATIONAL_NUMBER', 'INSZ', 2, 4)]
    full = _findings(capsys, path, '--profile', 'full')
    assert ('PERSON', 'Naam', 1, 2) in full and ('PERSON', 'Naam', 2, 4) in full


def test_excel_sep_line_sets_the_delimiter_and_is_no_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / 'sep.csv'
    path.write_text(EXCEL_SEP, encoding='utf-8', newline='')
    assert _findings(capsys, path) == [('BE_NATIONAL_NUMBER', 'INSZ', 1, 3), ('BE_NATIONAL_NUMBER', 'INSZ', 2, 4)]
    full = _findings(capsys, path, '--profile', 'full')
    assert {(e, c) for e, c, _, _ in full} >= {('PERSON', 'Naam'), ('PERSON', 'Voornaam')}


def test_copies_keep_the_dialect_and_replace_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy of both files keeps ';', CRLF, the sep line and the multi-line cell, with surrogates (QA4 Q4)."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'loon.csv').write_bytes(EXCEL_CRLF.encode('cp1252'))
    (src / 'sep.csv').write_text(EXCEL_SEP, encoding='utf-8', newline='')
    monkeypatch.setenv('GDPRSCAN_KEY', 'ab' * 32)
    out = tmp_path / 'out'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_KEY', '--profile', 'full']) == 0
    capsys.readouterr()
    for name in ('loon.csv', 'sep.csv'):
        copy = (out / name).read_bytes().decode('cp1252')
        rows = list(csv.reader(copy.splitlines(keepends=True)[1 if name == 'sep.csv' else 0 :], delimiter=';'))
        assert [len(r) for r in rows] == [len(rows[0])] * len(rows), copy
        for real in ('Peeters', 'Dubois', '85073003328', '61071894044'):
            assert real not in copy
        assert '\r\n' in copy
    assert (out / 'sep.csv').read_bytes().startswith(b'sep=;\r\n')
    assert b'"' in (out / 'loon.csv').read_bytes()  # the multi-line cell stays one quoted cell
