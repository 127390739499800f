"""QA2 D24 (API): a cell that is more than one value ('INSZ 85.07.30-033.28', 'Jan Peeters, 85.07.30-033.28')
has only its national number replaced, by the same valid surrogate in every batch and column.

Before the fix a one-row batch was classified as a national-number column from its one cell and the
whole cell went through the letters/digits shuffle: 'Hsw Nnlhqzj, 34.08.89-735.32' (an invalid number,
another surrogate than the same number elsewhere, output depending on the other rows).
"""

from __future__ import annotations

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.surrogates import Surrogates
from stdnum.be import nn

KEY = b'api-labelled-key-0123456789abcd'
RRN = '85.07.30-033.28'


def _rrn(value: str = RRN) -> str:
    return Surrogates(KEY).replace('BE_NATIONAL_NUMBER', value)


@pytest.mark.parametrize('size', (1, 2, 5, 30))
def test_labelled_cells_keep_the_label_in_every_batch_size(size: int) -> None:
    assert nn.is_valid(RRN) and nn.is_valid(_rrn())
    rows = [{'note': 'Jan Peeters, ' + RRN if i % 2 else 'INSZ ' + RRN} for i in range(size)]
    out = [r['note'] for r in Pseudonymizer(KEY).records(rows)]
    expected = ['Jan Peeters, ' + _rrn() if i % 2 else 'INSZ ' + _rrn() for i in range(size)]
    assert out == expected


def test_one_row_batch_with_a_name_and_a_number() -> None:
    [row] = list(Pseudonymizer(KEY).records([{'note': 'Jan Peeters, ' + RRN}]))
    assert row['note'] == 'Jan Peeters, ' + _rrn()


def test_a_national_number_column_replaces_plain_cells_whole_and_labelled_cells_by_span() -> None:
    plain = ['85073003328', '68112324486', '17073003384'] * 5
    rows = [{'rrn': v} for v in plain] + [{'rrn': 'INSZ ' + RRN}, {'rrn': 'onbekend'}]
    p = Pseudonymizer(KEY)
    out = [r['rrn'] for r in p.records(rows)]
    assert p.plan('rrn', plain).mode == 'cell'
    assert out[: len(plain)] == [_rrn(v) for v in plain]
    assert out[len(plain)] == 'INSZ ' + _rrn()
    assert out[-1] != 'onbekend'  # no number in it: the whole cell of a national-number column, as before


def test_an_explicit_entity_column_with_a_label_replaces_the_span() -> None:
    p = Pseudonymizer(KEY, columns={'nummer': 'BE_NATIONAL_NUMBER'})
    rows = [{'nummer': 'INSZ ' + RRN}, {'nummer': RRN}]
    assert [r['nummer'] for r in p.records(rows)] == ['INSZ ' + _rrn(), _rrn()]


def test_dataframe_labelled_column_matches_records() -> None:
    pd = pytest.importorskip('pandas')
    df = pd.DataFrame({'note': ['INSZ ' + RRN, 'Jan Peeters, ' + RRN]})
    out = Pseudonymizer(KEY).dataframe(df)
    assert out['note'].tolist() == ['INSZ ' + _rrn(), 'Jan Peeters, ' + _rrn()]
