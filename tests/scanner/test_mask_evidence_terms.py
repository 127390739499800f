"""Special-category terms never reach a report without --show-values (QA2 D1).

A full-profile scan of real nl/fr/en letters and a CSV with a union column, written in every format:
the matched words (diagnosis, union, conviction) must not be in the output bytes, and must be there
with --show-values. Evidence keys of the built-in recognisers are all classified (scanner/evidence.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.evidence import SAFE_KEYS
from gdprscan.scanner.evidence import TERM_LISTS
from gdprscan.scanner.evidence import public
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

FORMATS = ('table', 'jsonl', 'json', 'csv', 'sarif', 'html')
#: Words of the texts below that the full profile reports as art. 9/10 (checked in test_the_terms_are_found).
TERMS = (
    'depressie',
    'ziekteverlof',
    'abvv',
    'veroordeeld',
    'werkstraf',
    'certificat médical',
    'en incapacité',
    'fgtb',
    'casier judiciaire',
    'condamnation',
    'chemotherapy',
    'unison',
    'criminal record',
    'shoplifting',
    'aclvb',
)
TEXTS = {
    'brief_nl.txt': (
        'Beste Jan Peeters,\n\n'
        'Uw diagnose: F32.1 (depressie). Je ziekteverlof is verlengd tot 28 maart.\n'
        'U bent lid van het ABVV. Je werd veroordeeld tot een werkstraf.\n\n'
        'Met vriendelijke groeten,\nSofie Claes\n'
    ),
    'lettre_fr.txt': (
        'Chère Madame Dubois,\n\n'
        'Nous avons bien reçu votre certificat médical : vous êtes en incapacité de travail.\n'
        'Vous êtes membre de la FGTB. Votre casier judiciaire mentionne une condamnation.\n\n'
        'Cordialement,\nMarc Lambert\n'
    ),
    'letter_en.txt': (
        'Dear Tom Walker,\n\n'
        'We received your sick note; your chemotherapy continues next week.\n'
        'You are a member of Unison. Your criminal record shows a conviction for shoplifting.\n\n'
        'Kind regards,\nSarah Jones\n'
    ),
    'personeel.csv': (
        'naam;rijksregisternummer;vakbond\n'
        'Jan Peeters;85.07.30-033.28;ACLVB\n'
        'An Claes;17.07.30-033.84;ACLVB\n'
        'Piet Janssens;90.02.01-997.78;-\n'
    ),
}


@pytest.fixture(scope='module')
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp('share')
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding='utf-8')
    return root


def report(share: Path, out: Path, fmt: str, *extra: str) -> str:
    code = main(['scan', str(share), '--profile', 'full', '--format', fmt, '-o', str(out), *extra])
    assert code == 1
    return out.read_text(encoding='utf-8')


def findings(share: Path, tmp_path: Path, *extra: str) -> list[dict[str, Any]]:
    text = report(share, tmp_path / 'all.jsonl', 'jsonl', *extra)
    return [json.loads(line) for line in text.splitlines()]


def test_the_terms_are_found(share: Path, tmp_path: Path) -> None:
    """The fixture is meaningful: every term is a special-category finding's evidence."""
    found = findings(share, tmp_path, '--show-values')
    terms = {t for f in found for t in f.get('evidence', {}).get('terms', ())}
    assert set(TERMS) <= terms
    assert {f['article'] for f in found} >= {'9', '10'}


@pytest.mark.parametrize('fmt', FORMATS)
def test_no_term_without_show_values(share: Path, tmp_path: Path, fmt: str) -> None:
    text = report(share, tmp_path / f'report.{fmt}', fmt).lower()
    assert [t for t in TERMS if t in text] == []


@pytest.mark.parametrize('fmt', [f for f in FORMATS if f != 'table'])  # the table prints no values at all
def test_terms_with_show_values(share: Path, tmp_path: Path, fmt: str) -> None:
    text = report(share, tmp_path / f'report.{fmt}', fmt, '--show-values').lower()
    assert [t for t in TERMS if t not in text] == []


def test_terms_become_their_lists(share: Path, tmp_path: Path) -> None:
    """What a DPO still reads: which list of special_terms.yaml matched, how, and the masked link."""
    by_value = {}
    for clear, masked in zip(
        findings(share, tmp_path, '--show-values'), findings(share, tmp_path), strict=True
    ):
        assert (clear['source'], clear['location'], clear['entity']) == (
            masked['source'],
            masked['location'],
            masked['entity'],
        )
        by_value[clear['value']] = masked['evidence']
    assert by_value['depressie'][TERM_LISTS] == ['HEALTH_DATA terms (nl)']
    assert by_value['ABVV'][TERM_LISTS] == ['TRADE_UNION_MEMBERSHIP cased (nl, en)']
    assert by_value['ABVV']['cue'] == 'lid' and by_value['ABVV']['match'] == 'cue'
    assert by_value['F32.1'][TERM_LISTS] == ['ICD-10 cue']
    assert by_value['certificat médical'][TERM_LISTS] == ['HEALTH_DATA terms (fr)']
    assert by_value['shoplifting'][TERM_LISTS] == ['CRIMINAL_DATA terms (en)']
    assert by_value['ACLVB'][TERM_LISTS] == ['TRADE_UNION_MEMBERSHIP cased (nl, en)']
    assert by_value['ACLVB']['column'] == 'vakbond'
    assert all('terms' not in ev for ev in by_value.values())


def test_builtin_evidence_keys_are_all_classified(share: Path, tmp_path: Path) -> None:
    """A key a recogniser adds without classifying it would be masked blindly: keep the audit current."""
    keys = {k for f in findings(share, tmp_path, '--show-values') for k in f.get('evidence', {})}
    assert keys - SAFE_KEYS == {'terms'}


def test_html_drill_down_shows_lists(share: Path, tmp_path: Path) -> None:
    text = report(share, tmp_path / 'r.html', 'html')
    assert 'term_lists: HEALTH_DATA terms (nl)' in text and 'cue: lid' in text


# -- the rule itself, on findings built by hand (a plugin's evidence) --------------------------------
def finding(evidence: dict[str, Any], entity: str = 'HEALTH_DATA') -> Finding:
    return Finding('a.txt', {'line': 1}, entity, ('health',), '9', 0.9, 'plugin', 'hernia', evidence)


def test_unknown_keys_are_masked_as_source_text() -> None:
    ev = {'rule': 'x', 'snippet': 'Jan heeft een hernia', 'spans': ['hernia', 3], 'meta': {'near': 'Jan'}}
    shown = finding(ev).public_evidence(False)
    assert shown == {
        'rule': 'x',
        'snippet': '*** ***** *** ******',  # words keep no tail: it would hint at the word
        'spans': ['******', 3],
        'meta': {'near': '***'},
    }
    assert finding(ev).public_evidence(True) == ev


def test_as_dict_and_every_reporter_use_the_public_evidence(tmp_path: Path) -> None:
    ev = {'terms': ['hernia'], 'rule': 'name', 'match': 'term', 'link': 'PERSON', 'masked': '*** *******'}
    result = ScanResult(
        targets=['a.txt'], findings=[finding(ev)], files_scanned=1, settings={'show_values': False}
    )
    from gdprscan.scanner import reporters

    for fmt in ('jsonl', 'json', 'csv', 'sarif', 'html', 'table', 'hook'):
        out = tmp_path / fmt
        with out.open('w', encoding='utf-8') as f:
            reporters.get(fmt).write(result, f)
        assert 'hernia' not in out.read_text(encoding='utf-8'), fmt
    # 'hernia' is listed in Dutch and English ('hernie' in French)
    assert finding(ev).as_dict()['evidence'][TERM_LISTS] == ['HEALTH_DATA terms (nl, en)']
    assert public(ev, 'HEALTH_DATA', True) == ev
