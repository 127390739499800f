"""QA3 R5: the Python API's key loader names its own parameters; the CLI keeps naming its options."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.anonymize import load_key
from gdprscan.anonymize.keys import KeyError_
from gdprscan.scanner.cli import main

KEY = '00112233445566778899aabbccddeeff'


@pytest.mark.parametrize('kwargs', ({}, {'env': 'GDPRSCAN_KEYAPI_KEY', 'file': 'k.key'}))
def test_load_key_without_exactly_one_source_names_env_and_file(kwargs: dict[str, str]) -> None:
    with pytest.raises(KeyError_) as err:
        load_key(**kwargs)
    message = str(err.value)
    assert 'env=' in message and 'file=' in message
    assert '--key-env' not in message and '--key-file' not in message


def test_api_and_cli_each_name_their_own_way_of_giving_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_KEYAPI_KEY', KEY)
    (tmp_path / 'k.key').write_text(KEY + '\n', encoding='utf-8')
    assert load_key(env='GDPRSCAN_KEYAPI_KEY') == load_key(file=str(tmp_path / 'k.key')) == bytes.fromhex(KEY)
    with pytest.raises(KeyError_, match='env=.*file='):
        load_key()

    (tmp_path / 'src').mkdir()
    (tmp_path / 'src' / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    assert main(['anonymize', str(tmp_path / 'src'), '--out', str(tmp_path / 'out')]) == 2
    err = capsys.readouterr().err
    assert 'give the key with exactly one of --key-env VAR or --key-file FILE' in err
    assert 'env=' not in err
    assert not (tmp_path / 'out').exists()
