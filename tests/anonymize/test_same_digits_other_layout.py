"""A national or enterprise number found once is replaced wherever its digits recur in the file, in any
layout, even under a counter-context word the scan does not report (QA4 Q6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn
from stdnum.be import vat


def test_other_layouts_of_a_found_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'nl.txt').write_text(
        'Rijksregisternummer 85.07.30-033.28.\nBestelnummer 85073003328 verzonden.\n', encoding='utf-8'
    )
    (src / 'fr.txt').write_text(
        "Numéro d'entreprise 0403.170.701. Référence commande 0403170701.\n", encoding='utf-8'
    )
    monkeypatch.setenv('GDPRSCAN_KEY', 'ab' * 32)
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_KEY']) == 0
    capsys.readouterr()
    nl_copy = (out / 'nl.txt').read_text(encoding='utf-8')
    fr_copy = (out / 'fr.txt').read_text(encoding='utf-8')
    assert '85073003328' not in nl_copy and '85.07.30-033.28' not in nl_copy
    assert '0403170701' not in fr_copy and '0403.170.701' not in fr_copy
    # both layouts of one number get one surrogate, which is valid
    dotted, bare = nl_copy.split()[1].rstrip('.'), nl_copy.split()[3]
    assert dotted.replace('.', '').replace('-', '') == bare and nn.is_valid(bare)
    kbo_dotted, kbo_bare = fr_copy.split()[2].rstrip('.'), fr_copy.split()[5].rstrip('.')
    assert kbo_dotted.replace('.', '') == kbo_bare and vat.is_valid('BE' + kbo_bare)


def test_other_numbers_under_the_counter_word_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    # (a line between: a context word within 40 characters before a number counts, across lines)
    text = 'INSZ 85.07.30-033.28\nDe levering gebeurt volgende week via de koerier.\nBestelnummer 61071894044 verzonden.\n'
    (src / 'a.txt').write_text(text, encoding='utf-8')
    monkeypatch.setenv('GDPRSCAN_KEY', 'ab' * 32)
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_KEY']) == 0
    capsys.readouterr()
    assert 'Bestelnummer 61071894044 verzonden.' in (out / 'a.txt').read_text(encoding='utf-8')
