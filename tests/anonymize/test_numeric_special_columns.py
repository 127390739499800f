"""QA3 R5: numbers that are special-category data (union dues, sick-leave days or hours) get a keyed
numeric surrogate of the same shape and type, never the category phrase, so numeric loads of a
copy keep working: CSV text, XLSX numbers, SQLite and PostgreSQL columns, the pipeline API."""

from __future__ import annotations

import csv
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.surrogates import Surrogates
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Settings

KEY = '00112233445566778899aabbccddeeff'
PHRASES = ('vakbondslid', 'trade union member', 'medische reden', 'medical reason')


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_NUMSPECIAL_KEY', KEY)
    return 'GDPRSCAN_NUMSPECIAL_KEY'


def _shape(text: str) -> str:
    return re.sub('[0-9]', '9', text)


@pytest.mark.parametrize(
    'value',
    ('13,50', '13.50', '7', '0', '0,00', '-4.5', '1.234,56', '1,234.56', '100', ' 12 '),
)
def test_special_number_keeps_the_shape_and_is_never_the_value(value: str) -> None:
    s = Surrogates(bytes.fromhex(KEY))
    new = s.replace('TRADE_UNION_MEMBERSHIP', value)
    assert _shape(new) == _shape(value) and new != value
    assert new == Surrogates(bytes.fromhex(KEY)).replace('TRADE_UNION_MEMBERSHIP', value)  # keyed, stable
    assert new != Surrogates(b'another key, 16+ bytes').replace('TRADE_UNION_MEMBERSHIP', value)
    digits = value.strip().lstrip('-').split(',')[0].split('.')[0]
    if len(digits) > 1:
        assert new.strip().lstrip('-')[0] != '0'  # 13,50 never becomes 03,50


def test_special_numbers_are_distinct() -> None:
    """A permutation of the numbers of one shape: two people never share a surrogate amount."""
    s = Surrogates(bytes.fromhex(KEY))
    values = [f'{i // 100},{i % 100:02d}' for i in range(1000, 10000)]  # 10,00 .. 99,99
    news = [s.replace('HEALTH_DATA', v) for v in values]
    assert len(set(news)) == len(values)
    assert all(re.fullmatch(r'[1-9][0-9],[0-9]{2}', n) for n in news)
    # a date, a word or an exponent is no amount: the category phrase as before
    for value in ('13.05.2024', 'lid ABVV', '2024-05-13', '1e5'):
        assert (
            Surrogates(bytes.fromhex(KEY), lang='nl').replace('TRADE_UNION_MEMBERSHIP', value)
            == 'vakbondslid'
        )


def test_csv_and_xlsx_copies_keep_numbers(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    src, dest = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'leden.csv').write_text(
        'naam;vakbondsbijdrage;insz\nJan Peeters;13,50;85073003328\nAn Claes;7,25;17073003384\n'
        'Piet Janssens;13,50;61071894044\n',
        encoding='utf-8',
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Leden'
    ws.append(['Naam', 'Union dues withheld', 'INSZ'])
    ws.append(['Jan Peeters', 13.5, '85073003328'])
    ws.append(['An Claes', 7, '17073003384'])
    wb.save(src / 'leden.xlsx')
    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env, '--profile', 'full']) == 0
    capsys.readouterr()

    rows = list(csv.reader((dest / 'leden.csv').read_text(encoding='utf-8').splitlines(), delimiter=';'))
    dues = [r[1] for r in rows[1:]]
    assert all(re.fullmatch(r'[1-9][0-9],[0-9]{2}|[0-9],[0-9]{2}', d) for d in dues), dues
    assert _shape(dues[1]) == '9,99' and dues[0] == dues[2]  # same amount, same surrogate
    assert '13,50' not in dues and '7,25' not in dues
    assert not any(p in (dest / 'leden.csv').read_text(encoding='utf-8') for p in PHRASES)

    values = list(openpyxl.load_workbook(dest / 'leden.xlsx')['Leden'].values)
    assert values[0] == ('Naam', 'Union dues withheld', 'INSZ')
    (_, a, _), (_, b, _) = values[1:]
    assert isinstance(a, float) and a != 13.5 and re.fullmatch(r'[1-9][0-9]\.[0-9]', repr(a))
    assert type(b) is int and 0 <= b <= 9 and b != 7


def _special_table(conn: sa.Connection, numeric: str, integer: str) -> None:
    conn.execute(
        sa.text(
            f'CREATE TABLE leden (id INTEGER PRIMARY KEY, naam TEXT, insz TEXT, vakbondsbijdrage {numeric}, '
            f'vakbond_dagen {integer}, ziekte_uren REAL, vakbondslid TEXT)'
        )
    )
    for row in (
        (1, 'Jan Peeters', '85073003328', 13.5, 3, 7.5, 'ABVV'),
        (2, 'An Claes', '17073003384', 7.25, 12, 0.5, 'ACV'),
        (3, 'Piet Janssens', '61071894044', 13.5, 12, 7.5, 'ACLVB'),
    ):
        conn.execute(
            sa.text('INSERT INTO leden VALUES (:a, :b, :c, :d, :e, :f, :g)'),
            dict(zip('abcdefg', row, strict=True)),
        )


def _check_db(url: str) -> None:
    with sa.create_engine(url).connect() as conn:
        rows = conn.execute(
            sa.text('SELECT vakbondsbijdrage, vakbond_dagen, ziekte_uren, vakbondslid FROM leden ORDER BY id')
        ).fetchall()
    dues = [Decimal(str(r[0])).quantize(Decimal('0.01')) for r in rows]
    assert dues[0] == dues[2] != Decimal('13.50') and dues[1] != Decimal('7.25')
    assert all(Decimal('0') <= d < Decimal('100') for d in dues)
    days = [r[1] for r in rows]
    assert all(type(d) is int for d in days) and days[1] == days[2] and 10 <= days[1] <= 99 and days[0] != 3
    hours = [r[2] for r in rows]
    assert all(isinstance(h, float) for h in hours) and hours[0] == hours[2] != 7.5 and hours[1] != 0.5
    assert {r[3] for r in rows} == {'vakbondslid'}  # text: the category phrase, as before


def test_sqlite_copy_gives_numeric_surrogates(tmp_path: Path) -> None:
    src, dst = tmp_path / 'hr.db', tmp_path / 'copy.db'
    with sa.create_engine(f'sqlite:///{src}').begin() as conn:
        _special_table(conn, 'NUMERIC(6,2)', 'INTEGER')
    settings = Settings(profile='full')
    result = copy_database(
        f'sqlite:///{src}', f'sqlite:///{dst}', bytes.fromhex(KEY), settings=settings, check=True
    )
    assert result.leaks is not None and result.leaks.count == 0
    _check_db(f'sqlite:///{dst}')
    with sqlite3.connect(dst) as conn:
        types = conn.execute(
            'SELECT typeof(vakbondsbijdrage), typeof(vakbond_dagen), typeof(ziekte_uren) FROM leden'
        )
        assert set(types) == {('real', 'integer', 'real')}


def test_postgres_copy_gives_numeric_surrogates() -> None:
    from conftest import pg_databases

    with pg_databases('gdprscan_numspecial', 2) as (src, dst):
        with sa.create_engine(src).begin() as conn:
            _special_table(conn, 'NUMERIC(6,2)', 'INTEGER')
        result = copy_database(src, dst, bytes.fromhex(KEY), settings=Settings(profile='full'), check=True)
        assert result.leaks is not None and result.leaks.count == 0
        _check_db(dst)
        with sa.create_engine(dst).connect() as conn:
            dues = [r[0] for r in conn.execute(sa.text('SELECT vakbondsbijdrage FROM leden'))]
        assert all(isinstance(d, Decimal) and d.as_tuple().exponent == -2 for d in dues)


def test_pipeline_api_gives_numeric_surrogates() -> None:
    import pandas as pd

    p = Pseudonymizer(bytes.fromhex(KEY))
    df = pd.DataFrame(
        {'naam': ['Jan Peeters', 'An Claes'], 'vakbondsbijdrage': [13.5, 7.25], 'vakbond_dagen': [3, 12]}
    )
    out = p.dataframe(df)
    assert str(out['vakbondsbijdrage'].dtype) == 'float64' and str(out['vakbond_dagen'].dtype) == 'int64'
    assert out['vakbondsbijdrage'].tolist() != [13.5, 7.25] and out['vakbond_dagen'].tolist() != [3, 12]
    assert 10 <= out['vakbond_dagen'][1] <= 99
