"""ICD-10 codes under a ``diagnosecode`` header are health data (QA4 Q25)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


@pytest.mark.parametrize('header', ('diagnosecode', 'Diagnose code', 'diagnosis_code', 'ICD code'))
def test_codes_under_a_diagnosis_code_header(tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str) -> None:
    path = tmp_path / 'icd.csv'
    path.write_text(f'personeelsnr;naam;{header}\nP001;Peeters;J11.1\nP002;Dubois;F32.0\n', encoding='utf-8')
    main(['scan', str(path), '--profile', 'full', '--format', 'jsonl', '--no-progress'])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(f['location']['row'] for f in found if f['entity'] == 'HEALTH_DATA') == [1, 2]
