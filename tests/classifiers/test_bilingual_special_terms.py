"""Special categories in the second language of a text, the terms QA4 found missing, and the
organisation's own processing sentences (QA4 Q9, Q40)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.recognizers import language
from gdprscan.scanner.cli import main

CRIM = (
    'Jan Peeters heeft een strafblad.\n'
    'Jan Peeters zat twee jaar in de gevangenis.\n'
    'Jan Peeters is lid van BBTK.\n'
    'Marie Dubois est affiliée au SETCa.\n'
    'Marie Dubois a fait de la prison.\n'
    'John Smith has a criminal record.\n'
)


def _special(capsys: pytest.CaptureFixture[str], path: Path) -> list[tuple[int, str]]:
    main(['scan', str(path), '--profile', 'full', '--format', 'jsonl', '--no-progress'])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return sorted({(f['location']['line'], f['entity']) for f in found if f['article'] in ('9', '10')})


def test_runs_of_lines_per_language() -> None:
    assert [lang for _, _, lang in language.runs(CRIM, 'nl')] == ['nl', 'fr', 'en']
    assert language.runs('Met vriendelijke groeten,\nJan\n', 'nl') == [(0, 30, 'nl')]


def test_each_language_of_one_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'notes.txt'
    path.write_text(CRIM, encoding='utf-8')
    assert _special(capsys, path) == [
        (1, 'CRIMINAL_DATA'),
        (2, 'CRIMINAL_DATA'),
        (3, 'TRADE_UNION_MEMBERSHIP'),
        (4, 'TRADE_UNION_MEMBERSHIP'),
        (5, 'CRIMINAL_DATA'),
        (6, 'CRIMINAL_DATA'),
    ]


def test_lang_option_still_fixes_one_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'notes.txt'
    path.write_text(CRIM, encoding='utf-8')
    main(['scan', str(path), '--profile', 'full', '--lang', 'nl', '--format', 'jsonl', '--no-progress'])
    special = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (6, 'CRIMINAL_DATA') not in {(f['location']['line'], f['entity']) for f in special}


@pytest.mark.parametrize(
    ('line', 'entity'),
    (
        ('Jan Peeters is hiv-positief.', 'HEALTH_DATA'),
        ('Marie Dubois est séropositive.', 'HEALTH_DATA'),
        ('John Smith is HIV-positive.', 'HEALTH_DATA'),
        ('Jan Peeters heeft ADHD.', 'HEALTH_DATA'),
        ('John Smith has autism.', 'HEALTH_DATA'),
        ('Jan Peeters heeft een alcoholprobleem.', 'HEALTH_DATA'),
        # (a shorter line reads as English: "'s" and "is")
        ("Jan Peeters is Jehova's getuige en komt niet naar het kerstfeest.", 'RELIGIOUS_BELIEF'),
        ('Jan Peeters eet halal.', 'RELIGIOUS_BELIEF'),
        ('Marie Dubois a fait de la prison.', 'CRIMINAL_DATA'),
        ('Jan Peeters is voorwaardelijk vrij.', 'CRIMINAL_DATA'),
    ),
)
def test_terms_qa_found_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, entity: str) -> None:
    path = tmp_path / 'one.txt'
    path.write_text(line + '\n', encoding='utf-8')
    assert _special(capsys, path) == [(1, entity)]


@pytest.mark.parametrize(
    'line',
    (
        'Wij verwerken uw medische attesten enkel om uw afwezigheid te rechtvaardigen.',
        'Nous traitons vos certificats médicaux uniquement pour justifier votre absence.',
        'We only process your medical certificates to justify your absence.',
    ),
)
def test_the_organisation_describing_its_processing_is_about_no_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    path = tmp_path / 'privacy.txt'
    path.write_text(line + '\n', encoding='utf-8')
    assert _special(capsys, path) == []
