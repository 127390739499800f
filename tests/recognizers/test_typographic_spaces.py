"""No-break spaces and hyphens inside identifiers (Word, PDF, web banking pastes) (QA4 Q42, Q41)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum import iban
from stdnum.be import nn

NBSP, NNBSP, NBHY = '\u00a0', '\u202f', '\u2011'
TEXT = (
    f'IBAN BE97{NBSP}3106{NBSP}6447{NBSP}5449\n'
    f'GSM +32{NBSP}470{NBSP}12{NBSP}34{NBSP}56\n'
    f'RRN 85.07.30{NBSP}033.28\n'
    f'NISS 85{NNBSP}07{NNBSP}30{NNBSP}033{NNBSP}28\n'
    f'INSZ 850730{NBHY}033{NBHY}28\n'
)


def _scan(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict]:  # type: ignore[type-arg]
    main(['scan', str(path), '--format', 'jsonl', '--no-progress'])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_found_with_no_break_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'nbsp.txt'
    path.write_text(TEXT, encoding='utf-8')
    found = [(f['entity'], f['location']['line']) for f in _scan(capsys, path)]
    assert found == [
        ('IBAN_CODE', 1),
        ('PHONE_NUMBER', 2),
        ('BE_NATIONAL_NUMBER', 3),
        ('BE_NATIONAL_NUMBER', 4),
        ('BE_NATIONAL_NUMBER', 5),
    ]


def test_copy_keeps_the_spaces_and_gives_valid_surrogates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'nbsp.txt').write_text(TEXT, encoding='utf-8')
    monkeypatch.setenv('GDPRSCAN_KEY', 'cd' * 32)
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_KEY']) == 0
    capsys.readouterr()
    lines = (out / 'nbsp.txt').read_text(encoding='utf-8').splitlines()
    account = lines[0].split(' ', 1)[1]
    assert account.count(NBSP) == 3 and iban.is_valid(account.replace(NBSP, '')) and '3106' not in account
    for line, space in ((lines[2], NBSP), (lines[3], NNBSP), (lines[4], NBHY)):
        number = line.split(' ', 1)[1]
        assert space in number and nn.is_valid(number.replace(space, '').replace('.', '').replace(' ', ''))
        assert number.replace(space, '') not in TEXT.replace(space, '')


@pytest.mark.parametrize('header', ('Rijksregisternr.', 'rijksreg_nr', 'nat_nr', 'RR-nummer', 'Nationaal nummer'))
def test_dutch_header_spellings_are_context(tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str) -> None:
    path = tmp_path / 'h.csv'
    path.write_text(f'naam;{header}\nPeeters;85073003328\n', encoding='utf-8')
    [finding] = _scan(capsys, path)
    assert finding['score'] == 0.95 and 'context' in finding['evidence']
