"""QA2 D44: ``Pseudonymizer.dataframe``/``arrow`` on the dtypes read_sql, read_csv and read_parquet give.

pandas nullable dtypes (Int64, string, boolean) must not raise, categorical columns must not turn into
NaN, and national numbers stored as floats (an integer column with one missing value) or as integers
without their leading zero (born 2000-2009) must be replaced, never returned as they came in.
Vectors are checked with python-stdnum.
"""

from __future__ import annotations

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.surrogates import Surrogates
from stdnum import iban
from stdnum.be import nn

pd = pytest.importorskip('pandas')

KEY = b'api-dtypes-key-0123456789abcdef'
RRN = '85073003328'  # 85.07.30-033.28
RRN_2003 = '03021412249'  # 03.02.14-122.49: 3021412249 as a number
IBANS = ('BE71 0961 2345 6769', 'BE57 0630 0000 0035')


def _surrogate(digits: str) -> str:
    """The surrogate of a national number's 11 bare digits (what every column type must agree on)."""
    return Surrogates(KEY).replace('BE_NATIONAL_NUMBER', digits)


def test_vectors_are_valid() -> None:
    assert nn.is_valid(RRN) and nn.is_valid(RRN_2003) and all(iban.is_valid(v) for v in IBANS)


def test_nullable_int_column_with_missing_value() -> None:
    df = pd.DataFrame({'insz': pd.Series([int(RRN), None, int(RRN_2003)], dtype='Int64')})
    out = Pseudonymizer(KEY).dataframe(df)
    assert str(out['insz'].dtype) == 'Int64' and out['insz'].isna().tolist() == [False, True, False]
    first, third = int(out['insz'][0]), int(out['insz'][2])
    assert f'{first:011d}' == _surrogate(RRN) and f'{third:011d}' == _surrogate(RRN_2003)
    assert nn.is_valid(f'{third:011d}') and third != int(RRN_2003)
    assert len(str(third)) == 10  # born 2003: the surrogate keeps the year, so the width too


def test_nullable_string_and_boolean_columns() -> None:
    df = pd.DataFrame(
        {
            'iban': pd.Series([IBANS[0], None, IBANS[1]], dtype='string'),
            'actief': pd.Series([True, None, False], dtype='boolean'),
        }
    )
    out = Pseudonymizer(KEY).dataframe(df)
    assert out['iban'].dtype == df['iban'].dtype and out['actief'].dtype == df['actief'].dtype
    assert out['iban'].isna().tolist() == [False, True, False]
    new = [out['iban'][0], out['iban'][2]]
    assert all(iban.is_valid(v) for v in new) and not set(new) & set(IBANS)
    assert out['actief'].tolist() == df['actief'].tolist()


def test_categorical_names_are_replaced_not_wiped() -> None:
    names = ['Jan Peeters', 'Ann Claes', 'Jan Peeters', None]
    df = pd.DataFrame({'naam': pd.Series(names, dtype='category'), 'dept': ['IT', 'HR', 'IT', 'HR']})
    out = Pseudonymizer(KEY).dataframe(df)
    assert isinstance(out['naam'].dtype, pd.CategoricalDtype)
    new = out['naam'].tolist()
    assert new[3] is None or new[3] != new[3]  # the missing value stays missing
    assert all(isinstance(v, str) and v.strip() for v in new[:3])  # not NaN
    assert not {'Jan Peeters', 'Ann Claes'} & set(new[:3])
    assert new[0] == new[2] != new[1]  # one person, one surrogate
    assert out['dept'].tolist() == df['dept'].tolist()


def test_float_national_numbers_with_nan_are_replaced() -> None:
    df = pd.DataFrame(
        {
            'insz': [float(RRN), float('nan'), float(int(RRN_2003))],
            'x': [float(RRN), 8.5073003328e10, None],  # no header context: found in the data
            'bedrag': [1234.56, 85073003328.5, None],  # an amount with a fraction: not an identifier
        }
    )
    out = Pseudonymizer(KEY).dataframe(df)
    assert str(out['insz'].dtype) == 'float64' and out['insz'].isna().tolist() == [False, True, False]
    assert f'{int(out["insz"][0]):011d}' == _surrogate(RRN)
    assert f'{int(out["insz"][2]):011d}' == _surrogate(RRN_2003)
    assert out['x'][0] == out['x'][1] == float(int(_surrogate(RRN)))
    assert out['bedrag'][:2].tolist() == [1234.56, 85073003328.5]


def test_text_national_number_without_its_leading_zero_keeps_its_width() -> None:
    df = pd.DataFrame({'insz': pd.Series([RRN_2003.lstrip('0'), None, RRN], dtype='string')})
    out = Pseudonymizer(KEY).dataframe(df)
    short, full = out['insz'][0], out['insz'][2]
    assert short == _surrogate(RRN_2003)[1:] and len(short) == 10
    assert full == _surrogate(RRN)


def test_arrow_keeps_the_schema_and_replaces_every_column() -> None:
    pa = pytest.importorskip('pyarrow')
    table = pa.table(
        {
            'rrn_int': pa.array([int(RRN), None, int(RRN_2003)], pa.int64()),
            'naam': pa.array(['Jan Peeters', 'Ann Claes', 'Jan Peeters']).dictionary_encode(),
            'iban': pa.array([IBANS[0], None, IBANS[1]], pa.string()),
        }
    )
    out = Pseudonymizer(KEY).arrow(table)
    assert out.schema == table.schema
    ints = out.column('rrn_int').to_pylist()
    assert ints[1] is None and [f'{v:011d}' for v in (ints[0], ints[2])] == [
        _surrogate(RRN),
        _surrogate(RRN_2003),
    ]
    names = out.column('naam').to_pylist()
    assert None not in names and not {'Jan Peeters', 'Ann Claes'} & set(names) and names[0] == names[2]
    new_ibans = out.column('iban').to_pylist()
    assert new_ibans[1] is None and all(iban.is_valid(v) for v in (new_ibans[0], new_ibans[2]))
    assert not set(new_ibans) & set(IBANS)


def test_birth_dates_with_a_time_are_replaced_not_returned() -> None:
    import datetime as dt

    rows = [{'geboortedatum': dt.datetime(1985, 7, 30, 8, 15)}, {'geboortedatum': pd.Timestamp('1990-01-02')}]
    out = [r['geboortedatum'] for r in Pseudonymizer(KEY).records(rows)]
    assert isinstance(out[0], dt.datetime) and isinstance(out[1], pd.Timestamp)
    assert out[0].date() != dt.date(1985, 7, 30) and (out[0].hour, out[0].minute) == (8, 15)
    assert out[1].date() != dt.date(1990, 1, 2)
    surrogate = Surrogates(KEY).replace('DATE_OF_BIRTH', '1985-07-30')
    assert out[0].date().isoformat() == surrogate
