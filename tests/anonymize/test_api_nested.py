"""QA2 D23: ``Pseudonymizer.records`` on nested records (JSON APIs, document stores) and bytes.

Nested dicts and lists are rewritten leaf by leaf with their key as column context (as a JSON file
copy does), bytes are read as UTF-8 text (as a database copy reads a BLOB) and stay bytes, and a value
the API cannot read raises a one-line error instead of passing through with a real identifier in it.
"""

from __future__ import annotations

import copy

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.pipeline import UnsupportedValue
from gdprscan.anonymize.surrogates import Surrogates
from stdnum import iban
from stdnum.be import nn

KEY = b'api-nested-key-0123456789abcdef'
RRN = '85073003328'
IBAN = 'BE71 0961 2345 6769'


def _rrn() -> str:
    return Surrogates(KEY).replace('BE_NATIONAL_NUMBER', RRN)


def test_nested_dicts_lists_tuples_and_bytes_are_rewritten() -> None:
    assert nn.is_valid(RRN) and iban.is_valid(IBAN)
    row = {
        'id': 1,
        'adres': {'straat': 'Kerkstraat 1', 'iban': IBAN},
        'tags': [RRN, 'vast'],
        'paar': (RRN, 7),
        'raw': b'INSZ ' + RRN.encode(),
        'diep': {'lijst': [{'rekening': IBAN, 'insz': int(RRN)}]},
    }
    before = copy.deepcopy(row)
    [out] = list(Pseudonymizer(KEY).records([row]))
    assert row == before  # the input is not changed
    new_iban = out['adres']['iban']
    assert iban.is_valid(new_iban) and new_iban != IBAN
    assert new_iban == Surrogates(KEY).replace('IBAN_CODE', IBAN)  # the flat value's surrogate
    assert out['adres']['straat'] == 'Kerkstraat 1' and out['id'] == 1
    assert out['tags'] == [_rrn(), 'vast']
    assert out['paar'] == (_rrn(), 7) and isinstance(out['paar'], tuple)
    assert out['raw'] == b'INSZ ' + _rrn().encode() and isinstance(out['raw'], bytes)
    deep = out['diep']['lijst'][0]
    assert deep['rekening'] == new_iban and deep['insz'] == int(_rrn())


def test_a_dict_key_holding_a_national_number_is_renamed() -> None:
    [out] = list(Pseudonymizer(KEY).records([{'per_persoon': {RRN: {'uren': 38}}}]))
    assert out['per_persoon'] == {_rrn(): {'uren': 38}}


def test_nested_values_in_a_classified_column_are_rewritten_too() -> None:
    rows = [{'iban': IBAN}, {'iban': [IBAN, 'BE57 0630 0000 0035']}, {'iban': None}]
    out = list(Pseudonymizer(KEY).records(rows))
    assert iban.is_valid(out[0]['iban']) and out[0]['iban'] != IBAN
    assert isinstance(out[1]['iban'], list) and out[1]['iban'][0] == out[0]['iban']
    assert all(iban.is_valid(v) for v in out[1]['iban']) and out[2]['iban'] is None


@pytest.mark.parametrize('value', ({RRN}, object(), frozenset({RRN})))
def test_an_unreadable_value_type_is_an_error_not_a_pass(value: object) -> None:
    with pytest.raises(UnsupportedValue) as caught:
        list(Pseudonymizer(KEY).records([{'opmerking': value}]))
    message = str(caught.value)
    assert "column 'opmerking'" in message and type(value).__name__ in message
    assert RRN not in message and '\n' not in message  # one line, no value
    assert isinstance(caught.value, TypeError)


def test_binary_bytes_are_an_error_in_free_text_and_noise_in_a_ruled_column() -> None:
    blob = b'\x89PNG\r\n\x1a\n\x00\x00' + RRN.encode()
    with pytest.raises(UnsupportedValue, match="column 'foto': binary data"):
        list(Pseudonymizer(KEY).records([{'foto': blob}]))
    [out] = list(Pseudonymizer(KEY, columns={'foto': 'BIOMETRIC_DATA'}).records([{'foto': blob}]))
    assert isinstance(out['foto'], bytes) and len(out['foto']) == len(blob) and out['foto'] != blob
    [kept] = list(Pseudonymizer(KEY, columns={'foto': 'keep'}).records([{'foto': blob}]))
    assert kept['foto'] == blob  # kept on the caller's explicit word only
