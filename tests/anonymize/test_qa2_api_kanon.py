"""QA2 D13: ``Pseudonymizer.dataframe`` follows the database copy's k-anonymity rules.

When k-anonymity generalises birth dates or sex, surrogate national numbers must keep neither
(as in ``gdprscan anonymize`` of a database), the API and the database copy give the same
surrogates for the same key and policy, and a national number stored as an integer (leading
zeros lost) gets the surrogate of its text form.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.columns import cell_text
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.policy import from_dict
from stdnum.be import nn

KEY = b'qa2-api-kanon-key-0123456789'
POLICY = {
    'quasi_identifiers': {
        'werknemer.geboortedatum': 'birth_date',
        'werknemer.geslacht': 'sex',
        'werknemer.postcode': 'postcode',
    },
    'k': 5,
}


def _national_number(born: dt.date, serial: int) -> str:
    body = f'{born:%y%m%d}{serial:03d}'
    check = 97 - int(('2' if born.year >= 2000 else '') + body) % 97
    digits = body + f'{check:02d}'
    assert nn.is_valid(digits)
    return f'{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}'


def _people() -> list[tuple[int, str, int, str, str, str]]:
    rows = []
    for i in range(120):
        born = dt.date(1955 + (i * 7) % 54, 1 + (i * 5) % 12, 1 + (i * 11) % 28)  # 2000-2008 too
        serial = 1 + (i * 37) % 997
        rrn = _national_number(born, serial)
        as_int = int(rrn.replace('.', '').replace('-', ''))
        sex = 'M' if serial % 2 else 'V'
        postcode = ('9000', '2000', '1000', '4000', '8500', '3000')[i % 6]
        rows.append((i + 1, rrn, as_int, born.isoformat(), sex, postcode))
    return rows


@pytest.fixture()
def people_db(tmp_path: Path) -> Path:
    path = tmp_path / 'hr.db'
    with sqlite3.connect(path) as db:
        db.execute(
            'CREATE TABLE werknemer (id INTEGER PRIMARY KEY, rijksregisternummer TEXT, rrn_num INTEGER, '
            'geboortedatum TEXT, geslacht TEXT, postcode TEXT)'
        )
        db.executemany('INSERT INTO werknemer VALUES (?, ?, ?, ?, ?, ?)', _people())
    return path


def _digits(v: object) -> str:
    return ''.join(c for c in str(v) if c.isdigit())


def test_dataframe_hides_birth_year_and_sex_like_the_database_copy(people_db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip('pandas')
    policy = from_dict(POLICY)
    dest = tmp_path / 'copy.db'
    result = copy_database(f'sqlite:///{people_db}', f'sqlite:///{dest}', KEY, policy)
    [table] = result.tables
    with sqlite3.connect(people_db) as db:
        df = pd.read_sql('SELECT * FROM werknemer', db)
    out = Pseudonymizer(KEY, policy).dataframe(df, table='werknemer')

    # k-anonymity generalised birth dates: the surrogate numbers no longer carry year and sex
    assert out.attrs['gdprscan_k'] == table.k and table.k >= 5
    old, new = df['rijksregisternummer'].tolist(), out['rijksregisternummer'].tolist()
    assert all(nn.is_valid(v) for v in new)
    same_year = sum(_digits(a)[:2] == _digits(b)[:2] for a, b in zip(old, new, strict=True))
    same_sex = sum(
        int(_digits(a)[6:9]) % 2 == int(_digits(b)[6:9]) % 2 for a, b in zip(old, new, strict=True)
    )
    assert same_year <= len(old) * 0.2  # chance agreement only (was 120/120)
    assert same_sex <= len(old) * 0.75  # about half by chance (was 120/120)

    # the API gives exactly the database copy's surrogates for the same key and policy
    with sqlite3.connect(dest) as db:
        copied = dict(db.execute('SELECT id, rijksregisternummer FROM werknemer'))
    assert [copied[i] for i in df['id']] == new

    # the integer column gets the text column's surrogate (leading zeros restored), still valid
    ints = out['rrn_num'].tolist()
    assert [int(_digits(v)) for v in new] == ints
    assert all(nn.is_valid(f'{v:011d}') for v in ints)
    assert any(len(str(v)) < 11 for v in df['rrn_num'])  # people born 2000-2009 are in the data


def test_records_pad_integer_national_numbers() -> None:
    p = Pseudonymizer(KEY)
    [row] = list(p.records([{'insz': 3021412249, 'rrn': '03.02.14-122.49'}]))
    assert isinstance(row['insz'], int) and nn.is_valid(f'{row["insz"]:011d}')
    assert f'{row["insz"]:011d}' == _digits(row['rrn'])  # one surrogate per person
    assert cell_text(12345, 'BE_NATIONAL_NUMBER') == '12345'  # not a national number: not padded


def test_no_generalised_birth_dates_keeps_year_and_sex() -> None:
    pd = pytest.importorskip('pandas')
    rows = [{'rrn': r[1], 'dept': 'IT'} for r in _people()[:30]]
    out = Pseudonymizer(KEY, columns={'rrn': 'BE_NATIONAL_NUMBER'}).dataframe(pd.DataFrame(rows))
    assert out.attrs['gdprscan_k'] is None
    for a, b in zip([r['rrn'] for r in rows], out['rrn'], strict=True):
        assert _digits(a)[:2] == _digits(b)[:2] and int(_digits(a)[6:9]) % 2 == int(_digits(b)[6:9]) % 2
