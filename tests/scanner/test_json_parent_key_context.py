"""JSON keys as context: the parent key and separators read as spaces (QA2 D5: ``invoice.number``)."""

from __future__ import annotations

import json

from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors import jsonfile


def units(doc: object) -> list[str]:
    return [u.text for u in jsonfile.leaves(json.dumps(doc))]


def test_parent_key_is_part_of_the_context() -> None:
    assert units({'invoice': {'number': '89052436840', 'lines': [{'sku': 'A1'}]}}) == [
        'invoice number: 89052436840',
        'lines sku: A1',  # one parent level only: the words must stay near the value
    ]
    assert units({'werknemers': [{'insz_nummer': 3021412249}, 5]}) == [
        'werknemers insz nummer: 3021412249',
        'werknemers: 5',
    ]
    assert units({'85073003328': {'note': 'x'}, 'a': [[1]]}) == ['85073003328', 'note: x', 'a: 1']


def test_invoice_number_in_json_is_not_a_national_number_and_locations_stay(tmp_path, capsys) -> None:
    doc = {
        'employee': {'niss': 3021412249, 'contact': {'phone': '0470123456'}},
        'invoice': {'number': '89052436840'},
        'order-details': {'order_number': '0486809444'},
    }
    text = json.dumps(doc, indent=2)
    path = tmp_path / 'export.json'
    path.write_text(text, encoding='utf-8')
    assert main(['scan', str(path), '--format', 'jsonl', '--show-values']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    lines = text.splitlines()

    def where(value: str) -> dict[str, int]:
        line = next(i for i, t in enumerate(lines, 1) if value in t)
        return {'line': line, 'column': lines[line - 1].index(value) + 1}

    assert [(r['entity'], r['value'], r['score'], r['location']) for r in rows] == [
        ('BE_NATIONAL_NUMBER', '3021412249', 0.95, where('3021412249')),
        ('PHONE_NUMBER', '0470123456', 0.95, where('0470123456')),
    ]
