"""Third-party recognisers: a YAML file (--recognizers) and the gdprscan.recognizers entry points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.recognizers import yaml_patterns
from gdprscan.scanner.cli import main

YAML_OK = r"""
recognizers:
  - entity: NL_BSN
    validator: stdnum.nl.bsn
    score: 0.5
    patterns:
      - regex: '(?<!\d)\d{4}\.?\d{2}\.?\d{3}(?!\d)'
    context:
      nl: [bsn, burgerservicenummer]
      en: [citizen service number]
  - entity: STAFF_ID
    patterns: ['EMP-\d{6}']
    score: 0.6
  - entity: LOYALTY_CARD
    validator: luhn
    patterns: ['(?<!\d)7\d{15}(?!\d)']
"""


def scan_jsonl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    rc = main(['scan', *args, '--format', 'jsonl', '--show-values', '--workers', '1'])
    return rc, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_yaml_file_through_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / 'rules.yaml'
    rules.write_text(YAML_OK, encoding='utf-8')
    (tmp_path / 'data').mkdir()
    (tmp_path / 'data' / 'a.txt').write_text(
        'burgerservicenummer 1112.22.333\n'  # valid BSN (stdnum's doctest), with context
        'bsn 1112.22.334\n'  # BSN checksum fails: dropped
        'badge EMP-004211\n'
        'kaart 7000000000000005 en 7000000000000003\n',  # Luhn-valid, then Luhn-invalid
        encoding='utf-8',
    )
    rc, rows = scan_jsonl(capsys, str(tmp_path / 'data'), '--recognizers', str(rules))
    assert rc == 1
    got = sorted((r['entity'], r['value'], r['score'], r['location']['line']) for r in rows)
    assert got == [
        ('LOYALTY_CARD', '7000000000000005', 0.5, 4),
        ('NL_BSN', '1112.22.333', 0.95, 1),
        ('STAFF_ID', 'EMP-004211', 0.6, 3),
    ]


def test_yaml_context_from_csv_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / 'rules.yaml'
    rules.write_text(YAML_OK, encoding='utf-8')
    (tmp_path / 'p.csv').write_text('naam;BSN\nJan;111222333\n', encoding='utf-8')
    rc, rows = scan_jsonl(capsys, str(tmp_path / 'p.csv'), '--recognizers', str(rules))
    assert [(r['entity'], r['score'], r['location']) for r in rows] == [
        ('NL_BSN', 0.95, {'column': 'BSN', 'row': 1, 'line': 2}),
    ]


@pytest.mark.parametrize(
    ('text', 'message'),
    (
        ('recognizers: [', 'not valid YAML at line 1'),  # syntax error
        ('[]', 'expected a non-empty list'),  # nothing in it
        ('recognizers:\n  - patterns: ["x"]\n', 'entity must be an upper-case name'),  # no entity
        ('recognizers:\n  - entity: X\n', 'patterns must be a non-empty list'),  # no patterns
        ('recognizers:\n  - entity: X\n    patterns: ["(unclosed"]\n', 'bad regex'),  # regex does not compile
        ('recognizers:\n  - entity: X\n    patterns: ["x"]\n    validator: md5\n', 'unknown validator'),
        ('recognizers:\n  - entity: X\n    patterns: ["x"]\n    validator: stdnum.xx.nothing\n', 'not found'),
        (
            'recognizers:\n  - entity: X\n    patterns: ["x"]\n    score: 2\n',
            'score must be a number from 0 to 1',
        ),
        (
            'recognizers:\n  - entity: X\n    patterns: ["x"]\n    context: {de: [a]}\n',
            "context language 'de'",
        ),
        ('recognizers:\n  - entity: X\n    patterns: ["x"]\n    colour: red\n', 'unknown key(s) colour'),
    ),
)
def test_bad_yaml_is_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    rules = tmp_path / 'bad.yaml'
    rules.write_text(text, encoding='utf-8')
    with pytest.raises(ValueError, match='^' + str(rules).replace('.', r'\.')):
        yaml_patterns.load_file(rules)
    (tmp_path / 'a.txt').write_text('hello\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'a.txt'), '--recognizers', str(rules)]) == 2
    err = capsys.readouterr().err
    assert message in err and 'Traceback' not in err and len(err.strip().splitlines()) == 1


def test_missing_yaml_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / 'a.txt').write_text('hello\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'a.txt'), '--recognizers', str(tmp_path / 'none.yaml')]) == 2
    assert 'cannot read recogniser file' in capsys.readouterr().err


def test_bad_yaml_with_worker_pool_fails_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With many files the scan runs in worker processes; a bad file must still be one error, not a hang."""
    rules = tmp_path / 'bad.yaml'
    rules.write_text('recognizers:\n  - entity: lower\n', encoding='utf-8')
    for i in range(70):
        (tmp_path / f'f{i}.txt').write_text('x\n', encoding='utf-8')
    assert main(['scan', str(tmp_path), '--recognizers', str(rules), '--workers', '2']) == 2
    assert 'entity must be an upper-case name' in capsys.readouterr().err


PLUGIN = '''
"""A third-party recogniser: Belgian social-security employer numbers (RSZ/ONSS) 'RSZ 123-4567890-12'."""
import re
from gdprscan.recognizers.base import Match

ENTITY = 'BE_RSZ_EMPLOYER'
SCORE = 0.6
CONTEXT = {'nl': ('rsz',), 'fr': ('onss',), 'en': ('employer number',)}
PATTERN = re.compile(r'RSZ \\d{3}-\\d{7}-\\d{2}')


def find(text):
    for m in PATTERN.finditer(text):
        yield Match(ENTITY, m.start(), m.end(), SCORE, 'acme_rsz')
'''


def install_plugin(root: Path, module: str, source: str, target: str | None = None) -> None:
    """A real distribution on sys.path: module + *.dist-info with METADATA and entry_points.txt."""
    (root / f'{module}.py').write_text(source, encoding='utf-8')
    info = root / f'acme_{module}-1.0.dist-info'
    info.mkdir()
    (info / 'METADATA').write_text(
        f'Metadata-Version: 2.1\nName: acme-{module}\nVersion: 1.0\n', encoding='utf-8'
    )
    (info / 'entry_points.txt').write_text(
        f'[gdprscan.recognizers]\n{module} = {target or module}\n', encoding='utf-8'
    )


def test_entry_point_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / 'site').mkdir()
    install_plugin(tmp_path / 'site', 'acme_rsz', PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / 'site'))
    doc = tmp_path / 'doc.txt'
    doc.write_text('Werkgever RSZ 123-4567890-12, RRN 85.07.30-033.28\n', encoding='utf-8')
    rc, rows = scan_jsonl(capsys, str(doc))
    assert rc == 1
    assert sorted((r['entity'], r['recognizer']) for r in rows) == [
        ('BE_NATIONAL_NUMBER', 'be_national_number'),
        ('BE_RSZ_EMPLOYER', 'acme_rsz'),
    ]


@pytest.mark.parametrize(
    ('source', 'target', 'message'),
    (
        (
            'raise ImportError("libfoo missing")\n',
            None,
            'cannot be loaded: ImportError: libfoo missing',
        ),  # import fails
        ('ENTITY = "X"\n', None, 'lacks SCORE, CONTEXT, find'),  # not a recogniser
        ('ENTITY = "X"\n', 'broken_attr:NOPE', 'cannot be loaded: AttributeError'),  # object does not exist
    ),
)
def test_bad_entry_point_is_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    source: str,
    target: str | None,
    message: str,
) -> None:
    site = tmp_path / 'site'
    site.mkdir()
    module = (target or 'broken_mod').split(':')[0]
    install_plugin(site, module, source, target)
    monkeypatch.syspath_prepend(str(site))
    (tmp_path / 'a.txt').write_text('hello\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'a.txt')]) == 2
    err = capsys.readouterr().err
    assert message in err and 'Traceback' not in err and len(err.strip().splitlines()) == 1
