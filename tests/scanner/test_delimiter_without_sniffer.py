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
