"""``[tool.gdprscan]``: found from the working folder, validated, command line wins."""

from __future__ import annotations

import json

import pytest
from gdprscan.scanner import config
from gdprscan.scanner.cli import main


def write(tmp_path, body):
    (tmp_path / 'pyproject.toml').write_text('[tool.gdprscan]\n' + body, encoding='utf-8')
    return tmp_path / 'pyproject.toml'


@pytest.mark.parametrize(
    ('body', 'message'),
    (
        ('colour = "red"\n', "unknown key 'colour'"),
        ('min_score = "high"\n', "'min_score' has the wrong type"),
        ('workers = true\n', "'workers' has the wrong type"),
        ('exclude = "*.log"\n', "'exclude' has the wrong type"),
        ('exclude = [1, 2]\n', "'exclude' must be a list of strings"),
        ('profile = "deep"\n', "'profile' must be one of identifiers, full"),
        ('format = "xml"\n', "'format' must be one of"),
        ('synthetic = { enabled = "no" }\n', 'synthetic.enabled must be a bool'),
        ('min_score = \n', 'not valid TOML'),
    ),
)
def test_bad_configuration_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, body, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, body)
    (tmp_path / 'a.txt').write_text('x\n', encoding='utf-8')
    assert main(['scan', 'a.txt']) == 2
    err = capsys.readouterr().err
    assert message in err and err.count('\n') == 1 and 'Traceback' not in err


def test_found_from_a_subfolder_and_used(tmp_path, capsys, monkeypatch):
    write(tmp_path, 'exclude = ["*.log"]\nentities = ["EMAIL_ADDRESS"]\nfail_on = "none"\nformat = "jsonl"\n')
    sub = tmp_path / 'src'
    sub.mkdir()
    (sub / 'a.txt').write_text('RRN 85.07.30-033.28\nmail an@bedrijf.be\n', encoding='utf-8')
    (sub / 'b.log').write_text('mail piet@bedrijf.be\n', encoding='utf-8')
    monkeypatch.chdir(sub)
    assert main(['scan', '.']) == 0  # fail_on = none
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r['source'], r['entity']) for r in rows] == [('a.txt', 'EMAIL_ADDRESS')]
    assert main(['scan', '.', '--fail-on', 'any', '--entities', 'BE_NATIONAL_NUMBER']) == 1  # CLI wins
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row['entity'] == 'BE_NATIONAL_NUMBER'


def test_no_table_means_defaults(tmp_path):
    (tmp_path / 'pyproject.toml').write_text('[project]\nname = "x"\n', encoding='utf-8')
    assert config.load(start=tmp_path).values == {}


def test_explicit_file_with_top_level_keys(tmp_path):
    f = tmp_path / 'gdprscan.toml'
    f.write_text('min_score = 0.8\nsynthetic = { email_domains = ["corp.test"] }\n', encoding='utf-8')
    cfg = config.load(str(f))
    assert cfg.get('min_score') == 0.8 and cfg.path == f
