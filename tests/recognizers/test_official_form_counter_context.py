"""A national number in the register's own form is reported under a 'referentie' header or word (QA4 Q8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


def _scan(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict]:  # type: ignore[type-arg]
    main(['scan', str(path), '--format', 'jsonl', '--no-progress'])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_reference_column_of_official_form_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'ref.csv'
    path.write_text('klant,referentie,bedrag\nPeeters,85.07.30-033.28,12\nDubois,61.07.18-940.44,13\n')
    found = _scan(capsys, path)
    assert [(f['entity'], f['location']['row'], f['evidence']) for f in found] == [
        ('BE_NATIONAL_NUMBER', 1, {'official_form': True}),
        ('BE_NATIONAL_NUMBER', 2, {'official_form': True}),
    ]


def test_reference_word_in_a_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'brief.txt'
    path.write_text('Uw referentie: 85.07.30-033.28\nVotre référence : 61.07.18-940.44\n', encoding='utf-8')
    assert [f['masked'] for f in _scan(capsys, path)] == ['**.**.**-***.28', '**.**.**-***.44']


@pytest.mark.parametrize(
    'line',
    (
        'Factuurnummer: 85073003328',  # a bare run under a counter-context word stays demoted
        'Bestelnummer 850730 033 28',
        'referentie 85.07.30.033.28',  # not the register's form
    ),
)
def test_other_forms_keep_the_counter_context(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    path = tmp_path / 'doc.txt'
    path.write_text(line + '\n', encoding='utf-8')
    assert _scan(capsys, path) == []
