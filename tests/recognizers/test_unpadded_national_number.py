"""National and BIS numbers stored as numbers (born 2000-2009, leading zeros lost): found only with context.

``03.02.14-122.49`` in an Excel/JSON number or an integer column is ``3021412249``. The recogniser
gives such a run 0.3 (below the default --min-score); a context word or a national-number
column header / JSON key raises it to 0.95. Vectors are computed with python-stdnum.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from gdprscan.recognizers import be_bis_number as bis_rec
from gdprscan.recognizers import be_national_number as rrn
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit
from stdnum.be import bis
from stdnum.be import nn


def unpadded(number: str) -> str:
    assert nn.is_valid(number) or bis.is_valid(number), number
    return number.lstrip('0')


@pytest.mark.parametrize(
    'number',
    (
        '03021412249',  # QA2's vector: 03.02.14-122.49, 10 digits as a number
        '05090906457',  # born 2005
        '09012447104',  # born 2009
        '00112764410',  # born Oct-Dec 2000: 9 digits
    ),
)
def test_unpadded_national_number_is_a_low_score_match(number: str) -> None:
    digits = unpadded(number)
    [m] = rrn.find(f'INSZ {digits};')
    assert (m.span, m.score, dict(m.evidence)) == ((5, 5 + len(digits)), 0.3, {'unpadded': True})
    assert m.score < 0.5 <= rrn.SCORE


@pytest.mark.parametrize(
    'text',
    (
        '3021412248',  # checksum
        '4021412249',  # 04.02.14-122.49: checksum
        '13021412249',  # 11 digits: checked as written (13.02.14...), and invalid
        '0302141224',  # starts with 0: a padded form would have 11 digits
        '3021412249.50',  # an amount with decimals
        '1.3021412249',  # a decimal fraction
        'ABC3021412249',  # glued to letters
        '3021412249-X',  # hyphened into a code
        '3021412249123',  # glued to more digits
        '5042534536',  # checksum
        '99010100514'[1:],  # 9010100514: 09.01.01-005.14 fails the born-2000 check
        '42529777',  # 00.04.25-297.77 (born Jan-Sep 2000, 8 digits): left out for speed, see the module
    ),
)
def test_unpadded_negatives(text: str) -> None:
    assert list(rrn.find(f'x {text} y')) == []


def test_only_the_born_2000_rule_counts() -> None:
    # 06.01.01-005.xx: pick the check digits that satisfy only the 1900 rule (a person born 1906).
    base = '060101005'
    old_rule = f'{97 - int(base) % 97:02d}'
    assert nn.is_valid(base + old_rule) and nn.get_birth_year(base + old_rule) == 1906
    assert list(rrn.find(f'INSZ {(base + old_rule).lstrip("0")}')) == []
    new_rule = f'{97 - int("2" + base) % 97:02d}'
    assert [m.score for m in rrn.find(f'INSZ {(base + new_rule).lstrip("0")}')] == [0.3]


def test_unpadded_bis_number() -> None:
    digits = unpadded('02222823919')  # 02.22.28-239.19, month + 20
    [m] = bis_rec.find(f'bisnummer {digits}')
    assert (m.entity, m.score, dict(m.evidence)) == ('BE_BIS_NUMBER', 0.3, {'unpadded': True})
    assert list(rrn.find(f'bisnummer {digits}')) == []  # month 22: not a national number


def detect(text: str, column: str | None = None, min_score: float = 0.5) -> list[tuple[str, str, float]]:
    engine = Engine(Settings(min_score=min_score))
    unit = (
        TextUnit(text, {'column': column, 'row': 1})
        if column
        else TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)
    )
    return [(f.entity, f.value, f.score) for f in engine.detect([unit], 'x')]


def test_engine_reports_an_unpadded_number_only_with_context() -> None:
    assert detect('Sophie Lambert 3021412249') == []
    assert detect('Sophie Lambert, rijksregisternummer 3021412249') == [
        ('BE_NATIONAL_NUMBER', '3021412249', 0.95)
    ]
    assert detect('3021412249', column='INSZ') == [('BE_NATIONAL_NUMBER', '3021412249', 0.95)]
    assert detect('3021412249', column='rrn_num') == [('BE_NATIONAL_NUMBER', '3021412249', 0.95)]
    assert detect('3021412249', column='klantnummer') == []
    assert detect('3021412249', column='bedrag') == []
    # below the threshold it is still seen, with its evidence, for --min-score 0.3 users
    assert detect('klantnummer 3021412249', min_score=0.0) == [('BE_NATIONAL_NUMBER', '3021412249', 0.3)]


def test_cli_finds_unpadded_numbers_in_xlsx_json_and_csv(tmp_path, capsys) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(['Naam', 'INSZ', 'Klantnummer'])
    ws.append(['Sophie Lambert', 3021412249, 5047590087])  # the customer number passes by chance
    ws.append(['Jan Peeters', 85073003328, 1076945301])
    wb.save(tmp_path / 'p.xlsx')
    (tmp_path / 'p.json').write_text(json.dumps([{'naam': 'Sophie', 'insz_nummer': 5090906457}]))
    (tmp_path / 'p.csv').write_text('naam;niss;bedrag\nSophie;112764410;2073829642\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--format', 'jsonl']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = sorted((r['source'].rsplit('/', 1)[-1], r['masked'], r['score']) for r in rows)
    assert found == [
        ('p.csv', '*******10', 0.95),
        ('p.json', '********57', 0.95),
        ('p.xlsx', '*********28', 0.95),
        ('p.xlsx', '********49', 0.95),
    ]
    assert all(r['evidence'].get('unpadded') for r in rows if r['masked'] != '*********28')
