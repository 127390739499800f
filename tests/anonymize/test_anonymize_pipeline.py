"""The pipeline API (records, DataFrame, Arrow), k-anonymity and the policy file."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize import kanon
from gdprscan.anonymize.policy import PolicyError
from gdprscan.anonymize.policy import from_dict
from gdprscan.anonymize.policy import load
from gdprscan.anonymize.surrogates import Surrogates
from stdnum import iban
from stdnum.be import nn

KEY = b'pipeline-key-0123456789ab'
ROWS = [
    {
        'id': i,
        'rrn': rrn,
        'iban': 'BE71 0961 2345 6769' if i % 2 else 'BE57 0630 0000 0035',
        'email': f'jan{i}@acme.be',
        'note': f'bel 0470 12 34 {i:02d}',
        'dept': 'IT',
    }
    for i, rrn in enumerate(['85.07.30-033.28', '17.07.30-033.84'] * 10)
]


def test_records_stream_and_match_the_file_surrogates() -> None:
    p = Pseudonymizer(KEY)
    stream = p.records(iter(ROWS))
    assert iter(stream) is stream  # a generator: can sit in an ETL step
    out = list(stream)
    assert len(out) == len(ROWS) and [r['id'] for r in out] == [r['id'] for r in ROWS]
    assert all(nn.is_valid(r['rrn']) and r['rrn'] not in ('85.07.30-033.28', '17.07.30-033.84') for r in out)
    assert all(iban.is_valid(r['iban']) for r in out) and {r['dept'] for r in out} == {'IT'}
    assert all(
        r['note'].startswith('bel 0470') and r['note'] != s['note'] for r, s in zip(out, ROWS, strict=False)
    )
    assert len({r['email'] for r in out}) == len(ROWS)  # distinct stays distinct
    # the same key gives the same surrogate as the file/database copies
    assert out[0]['rrn'] == Surrogates(KEY).replace('BE_NATIONAL_NUMBER', '85.07.30-033.28')
    assert ROWS[0]['rrn'] == '85.07.30-033.28'  # the input is not changed


def test_explicit_columns_and_policy_drop() -> None:
    p = Pseudonymizer(KEY, from_dict({'columns': {'dept': 'drop'}}), columns={'note': 'redact'})
    row = next(p.records([{'note': 'x', 'dept': 'IT', 'rrn': '85.07.30-033.28'}]))
    assert row == {'note': '[UNKNOWN]', 'rrn': row['rrn']} and 'dept' not in row


def test_dataframe_and_arrow() -> None:
    pd = pytest.importorskip('pandas')
    pa = pytest.importorskip('pyarrow')
    df = pd.DataFrame(ROWS)
    before = df.copy()
    out = Pseudonymizer(KEY).dataframe(df)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.columns) == list(df.columns) and out['id'].dtype == df['id'].dtype
    assert all(nn.is_valid(v) for v in out['rrn']) and not set(out['rrn']) & set(df['rrn'])
    table = Pseudonymizer(KEY).arrow(pa.Table.from_pandas(df))
    assert table.column_names == list(df.columns) and table.column('rrn').to_pylist() == out['rrn'].tolist()


def test_dataframe_k_anonymity() -> None:
    pd = pytest.importorskip('pandas')
    rows = [
        {
            'birth_date': dt.date(1960 + i % 30, 1 + i % 12, 1 + i % 28),
            'postcode': ('9000', '2000', '8500', '4000')[i % 4],
            'gender': 'MF'[i % 2],
            'salary': 3000 + i,
        }
        for i in range(200)
    ]
    out = Pseudonymizer(KEY, from_dict({'k': 5})).dataframe(pd.DataFrame(rows))
    k = out.attrs['gdprscan_k']
    assert k is not None and k >= 5
    groups = Counter(map(tuple, out[['birth_date', 'postcode', 'gender']].astype(str).values.tolist()))
    assert sum(n for n in groups.values() if n < 5) <= 200 * 0.05
    assert out['salary'].tolist() == [r['salary'] for r in rows]  # not a quasi-identifier: unchanged


def test_kanon_choose_reaches_k_and_reports_it() -> None:
    kinds = {'birth_date': 'birth_date', 'postcode': 'postcode', 'sex': 'sex'}
    combos = Counter()
    for i in range(500):
        combos[(1950 + i % 50, ('9000', '9100', '2000', '2300', '1000')[i % 5], 'MF'[i % 2])] += 1
    plan = kanon.choose(kinds, combos, 5)
    grouped = Counter()
    for combo, n in combos.items():
        grouped[plan.key(combo)] += n
    assert all(n >= 5 for g, n in grouped.items() if g not in plan.suppress) and plan.k >= 5
    assert plan.suppressed_rows <= 25
    assert kanon.level_value('postcode', 1, '9000') == 'east_flanders'
    assert kanon.level_value('postcode', 2, '9000') == 'Flanders'
    assert kanon.level_value('birth_date', 1, dt.date(1987, 3, 1)) == 1985


def test_policy_file(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / 'samples' / 'policy.yaml'
    policy = load(sample)
    assert policy.k >= 2 and policy.entity_action('HEALTH_DATA') in ('generalise', 'redact')
    assert policy.column_rule('notes', 'employees') is not None
    for bad, message in (
        ({'k': 0}, 'k must'),
        ({'entities': {'PERSON': 'shred'}}, 'entities.PERSON'),
        ({'columns': {'x': 'drop'}, 'typo': 1}, 'unknown policy key'),
        ({'entities': {'PERSON': 'drop'}}, 'columns only'),
        ({'quasi_identifiers': {'x': 'shoe size'}}, 'kind must'),
    ):
        with pytest.raises(PolicyError, match=message):
            from_dict(bad)
    broken = tmp_path / 'p.yaml'
    broken.write_text('entities: [unclosed\n', 'utf-8')
    with pytest.raises(PolicyError, match='not valid YAML'):
        load(broken)
