"""benchmarks/compare_presidio.py on a handful of documents: its output, its labels, and IBAN/e-mail recall.

Presidio runs with its pattern recognisers only (``ner='none'``): loading the spaCy pipeline
would take longer than this test may; the full comparison is the benchmark's job.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]


def _compare_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        'compare_presidio', ROOT / 'benchmarks' / 'compare_presidio.py'
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope='module')
def cmp() -> ModuleType:
    # find_spec, not import: importing Presidio would import tldextract before the module clears its URLs
    if importlib.util.find_spec('presidio_analyzer') is None:
        skip_or_fail('presidio_analyzer is not installed (pip install -e .[presidio])')
    return _compare_module()


@pytest.fixture(scope='module')
def result(cmp: ModuleType) -> dict[str, Any]:
    sets = {'identifiers': cmp.identifier_docs(per_lang=2), **cmp.eval_sets(['held-out'], limit=3)}
    out: dict[str, Any] = cmp.compare(sets, ner='none')
    return out


def test_identifier_labels_are_valid_and_negatives_present(cmp: ModuleType) -> None:
    from stdnum import iban
    from stdnum.be import bis
    from stdnum.be import eid
    from stdnum.be import nn
    from stdnum.be import vat

    check = {
        'BE_NATIONAL_NUMBER': nn.is_valid,
        'BE_BIS_NUMBER': bis.is_valid,
        'BE_ID_CARD_NUMBER': eid.is_valid,
        'BE_ENTERPRISE_NUMBER': vat.is_valid,
        'IBAN_CODE': iban.is_valid,
    }
    docs = cmp.identifier_docs(per_lang=3)
    assert docs == cmp.identifier_docs(per_lang=3)  # seeded: the same set every run
    seen = set()
    for doc in docs:
        for span in doc['spans']:
            value = doc['text'][span['start'] : span['end']]
            assert value == value.strip() and value
            if span['entity'] in check:
                assert check[span['entity']](value), (span['entity'], doc['id'])
            seen.add((doc['lang'], span['entity']))
    assert seen == {(lang, ent) for lang in cmp.LANGS for ent in cmp.ID_ENTITIES}
    notes = ' '.join(d['text'] for d in docs)
    assert '+++' in notes  # structured payment references among the hard negatives


def test_output_structure(cmp: ModuleType, result: dict[str, Any]) -> None:
    assert set(result) >= {'gdprscan', 'presidio', 'criterion', 'sets', 'throughput'}
    assert set(result['sets']) == {'identifiers', 'held-out'}
    for s in result['sets'].values():
        assert s['documents'] > 0
        for key, pair in s['rows'].items():
            entity, lang = key.split('/')
            assert lang in (*cmp.LANGS, 'all')
            a, b = pair['gdprscan'], pair['presidio']
            assert a['gold'] == b['gold']
            for row in (a, b):
                assert 0.0 <= row['precision'] <= 1.0 and 0.0 <= row['recall'] <= 1.0
    assert 'PERSON/all' in result['sets']['held-out']['rows']
    t = result['throughput']
    assert t['gdprscan_mb_s'] > 0 and t['presidio_mb_s'] > 0 and t['documents'] == 12
    out = io.StringIO()
    cmp.print_report(result, out)
    text = out.getvalue()
    assert 'IBAN_CODE/all' in text and 'BE_NATIONAL_NUMBER/nl' in text and 'throughput' in text


def test_presidio_has_no_belgian_identifiers(result: dict[str, Any]) -> None:
    rows = result['sets']['identifiers']['rows']
    for entity in ('BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER', 'BE_ENTERPRISE_NUMBER'):
        theirs = rows[f'{entity}/all']['presidio']
        assert theirs['gold'] > 0 and theirs['found'] == 0 and theirs['recall'] == 0.0


@pytest.mark.parametrize('entity', ('IBAN_CODE', 'EMAIL_ADDRESS'))
def test_gdprscan_recall_not_below_presidio(result: dict[str, Any], entity: str) -> None:
    pair = result['sets']['identifiers']['rows'][f'{entity}/all']
    assert pair['gdprscan']['gold'] >= 6
    assert pair['gdprscan']['recall'] >= pair['presidio']['recall']


def test_tldextract_stays_offline(result: dict[str, Any]) -> None:
    from tldextract import tldextract

    assert tldextract.TLD_EXTRACTOR.suffix_list_urls == ()
