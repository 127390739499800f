"""The labelled evaluation set is well-formed and rebuilt exactly by its generator."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

EVAL = Path(__file__).resolve().parents[2] / 'benchmarks' / 'eval'
KINDS = {'letter', 'email', 'note', 'table', 'policy', 'statement', 'invoice'}
ENTITIES = {'PERSON', 'LOCATION', 'DATE_OF_BIRTH', 'PHONE_NUMBER', 'BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER'}


def _generate() -> Any:
    spec = importlib.util.spec_from_file_location('eval_generate', EVAL / 'generate.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _docs(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding='utf-8').splitlines() if line]


@pytest.mark.parametrize('name', sorted(p.name for p in EVAL.glob('*.jsonl')))
def test_documents_are_well_formed(name: str) -> None:
    from gdprscan.classifiers.categories import is_special

    ids = set()
    for doc in _docs(name):
        assert doc['id'] not in ids
        ids.add(doc['id'])
        assert doc['lang'] in ('nl', 'fr', 'en') and doc['kind'] in KINDS
        for span in doc['spans']:
            value = doc['text'][span['start'] : span['end']]
            assert value and value == value.strip(), (doc['id'], span)
            assert span['entity'] in ENTITIES or is_special(span['entity'])
        assert all(is_special(e) for e in doc['special'])
        if doc['kind'] in ('policy', 'statement'):
            assert doc['special'] == []


def test_generated_part_is_reproducible() -> None:
    gen = _generate()
    assert gen.generate(7, 60) == _docs('generated.jsonl')


@pytest.mark.parametrize('part', ('dev', 'test'))
def test_handwritten_jsonl_matches_its_annotated_source(part: str) -> None:
    gen = _generate()
    source = (EVAL / f'handwritten_{part}.txt').read_text(encoding='utf-8')
    docs = gen.parse_handwritten(source)
    assert docs == _docs(f'handwritten_{part}.jsonl')
    assert '[[' not in ''.join(d['text'] for d in docs)  # every label was parsed
    assert len({d['lang'] for d in docs}) == 3 and len(docs) >= 36
