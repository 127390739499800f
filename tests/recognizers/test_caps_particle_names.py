"""Upper-case surnames with particles, as Belgian administrations write them (QA4 Q23)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

LINE = 'Aanwezig: VAN DEN BROECK Anneleen, DE SMET Pieter en JANSSENS Els.\n'


def test_the_particles_belong_to_the_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'caps.txt'
    path.write_text(LINE, encoding='utf-8')
    main(['scan', str(path), '--profile', 'full', '--show-values', '--format', 'jsonl', '--no-progress'])
    found = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [f['value'] for f in found if f['entity'] == 'PERSON'] == [
        'VAN DEN BROECK Anneleen',
        'DE SMET Pieter',
        'JANSSENS Els',
    ]


def test_the_copy_does_not_double_a_particle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'caps.txt').write_text(LINE, encoding='utf-8')
    monkeypatch.setenv('GDPRSCAN_KEY', 'ab' * 32)
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_KEY', '--profile', 'full']) == 0
    capsys.readouterr()
    copy = (out / 'caps.txt').read_text(encoding='utf-8')
    for real in ('BROECK', 'SMET', 'Anneleen', 'Pieter', 'JANSSENS'):
        assert real not in copy
    words = copy.split()
    assert all(not (a in ('DE', 'VAN', 'DEN') and b == 'DE') for a, b in zip(words, words[1:], strict=False)), copy
    assert copy.startswith('Aanwezig: VAN DEN ') and ', DE ' in copy
