"""The sample share: every planted identifier is found where it was planted, the negatives stay clean,
and the generator is deterministic."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from gdprscan.scanner.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / 'samples'


def load_generator():
    spec = importlib.util.spec_from_file_location('samples_generate', SAMPLES / 'generate.py')
    module = importlib.util.module_from_spec(spec)
    sys.modules['samples_generate'] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def check_share(share: Path, expected: Path, capsys) -> None:
    code = main(['scan', str(share), '--format', 'jsonl', '--show-values', '--no-progress'])
    out, err = capsys.readouterr()
    assert code == 1 and err == ''
    rows = [json.loads(line) for line in out.splitlines()]
    generator = load_generator()
    found = {(r['source'], r['entity'], generator.digest(r['value'])) for r in rows}
    planted = set(generator.iter_expected(expected))
    assert planted - found == set()  # recall: every planted identifier, in its file
    assert found - planted == set()  # precision: nothing else, so nothing in negatief/
    assert not [r for r in rows if r['source'].startswith('negatief/')]


def test_committed_share_findings_match_what_was_planted(capsys):
    share = SAMPLES / 'share'
    suffixes = {p.suffix for p in share.rglob('*') if p.is_file()}
    assert suffixes >= {'.txt', '.md', '.csv', '.tsv', '.xlsx', '.json', '.jsonl', '.docx', '.pdf', '.eml'}
    assert sum(p.stat().st_size for p in share.rglob('*') if p.is_file()) < 300 * 1024
    check_share(share, SAMPLES / 'expected.json', capsys)


def test_generator_is_deterministic_and_its_output_checks_out(tmp_path, capsys):
    generator = load_generator()
    for name in ('a', 'b'):
        generator.main(['--out', str(tmp_path / name), '--expected', str(tmp_path / f'{name}.json')])
    capsys.readouterr()
    files_a = sorted(p.relative_to(tmp_path / 'a') for p in (tmp_path / 'a').rglob('*') if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / 'b') for p in (tmp_path / 'b').rglob('*') if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / 'a' / f).read_bytes() == (tmp_path / 'b' / f).read_bytes() for f in files_a)
    share = SAMPLES / 'share'
    committed = sorted(p.relative_to(share) for p in share.rglob('*') if p.is_file())
    assert files_a == committed
    check_share(tmp_path / 'a', tmp_path / 'a.json', capsys)


def test_full_profile_finds_the_special_categories_and_none_in_the_negatives(capsys):
    """Health, trade union and criminal data (art. 9/10) exactly in the files that are about them."""
    code = main(['scan', str(SAMPLES / 'share'), '--profile', 'full', '--format', 'jsonl', '--no-progress'])
    out, err = capsys.readouterr()
    assert code == 1 and err == ''
    found: dict[str, set[str]] = {}
    for row in map(json.loads, out.splitlines()):
        if row['article'] in ('9', '10'):
            found.setdefault(row['source'], set()).update(row['categories'])
    expected = json.loads((SAMPLES / 'expected.json').read_text(encoding='utf-8'))['special_categories']
    assert found == {f: set(cats) for f, cats in expected.items() if cats}
