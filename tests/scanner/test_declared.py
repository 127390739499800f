"""``scan --declared FILE``: declared versus found, with a statement or a declared-categories YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

STATEMENTS = Path(__file__).resolve().parents[2].parent / 'shared' / 'statements'


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """hr/ holds identifiers, contacts and an IBAN; it/ an IP address (login, electronic communication)."""
    share = tmp_path / 'share'
    (share / 'hr').mkdir(parents=True)
    (share / 'it').mkdir()
    (share / 'hr' / 'personeel.csv').write_text(
        'naam;insz;iban;email\nJan;85073003328;BE71096123456769;jan.peeters@example.be\n', encoding='utf-8'
    )
    (share / 'hr' / 'nota.txt').write_text('Rekening BE71 0961 2345 6769\n', encoding='utf-8')
    (share / 'it' / 'access.log').write_text('login from 192.168.10.24 ok\n', encoding='utf-8')
    return share


def scan_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(['scan', *argv, '--format', 'json', '--no-progress'])
    return code, json.loads(capsys.readouterr().out)


def test_yaml_undeclared_and_not_found(tmp_path, tree, capsys):
    declared = tmp_path / 'declared.yaml'
    declared.write_text('categories:\n  identification:\n  contact:\n  health:\n', encoding='utf-8')
    code, doc = scan_json(capsys, str(tree), '--declared', str(declared), '--fail-on', 'undeclared')
    assert code == 1
    d = doc['declared']
    assert d['file'] == str(declared) and d['kind'] == 'yaml'
    assert d['declared'] == ['identification', 'contact', 'health']
    assert d['not_found'] == ['health']
    undeclared = {u['category']: u for u in d['undeclared']}
    # the e-mail address is contact OR electronic communication: declaring contact covers it
    assert set(undeclared) == {'financial', 'electronic_communication', 'login'}
    assert undeclared['financial']['count'] == 2 and undeclared['financial']['article'] == '6'
    assert undeclared['electronic_communication']['count'] == 1  # only the IP address
    where = {(w['source'], w['entity'], w['masked']) for w in undeclared['financial']['where']}
    assert where == {
        ('hr/personeel.csv', 'IBAN_CODE', 'BE**********6769'),
        ('hr/nota.txt', 'IBAN_CODE', 'BE** **** **** 6769'),
    }
    assert {w['location'].get('line') for w in undeclared['financial']['where']} >= {1}
    assert d['found']['contact'] == {'article': '6', 'count': 1}
    assert d['found']['identification']['count'] == 1
    assert '0961 2345' not in json.dumps(d)  # masked, always


def test_everything_declared_exits_zero(tmp_path, tree, capsys):
    declared = tmp_path / 'declared.yaml'
    declared.write_text('- identification\n- contact\n- financial\n- login\n', encoding='utf-8')
    code, doc = scan_json(capsys, str(tree), '--declared', str(declared), '--fail-on', 'undeclared')
    assert code == 0
    assert doc['declared']['undeclared'] == [] and doc['declared']['not_found'] == []
    # without --fail-on undeclared, findings still fail the default 'any'
    assert main(['scan', str(tree), '--declared', str(declared), '--format', 'json']) == 1
    capsys.readouterr()


def test_scope_limits_where_a_category_is_declared(tmp_path, tree, capsys):
    declared = tmp_path / 'declared.yml'
    declared.write_text(
        'categories:\n  identification:\n  contact:\n  login:\n'
        "  financial:\n    scope: ['hr/*.csv']\n    evidence: payroll only\n",
        encoding='utf-8',
    )
    code, doc = scan_json(capsys, str(tree), '--declared', str(declared), '--fail-on', 'undeclared')
    assert code == 1
    [u] = doc['declared']['undeclared']
    assert u['category'] == 'financial' and u['count'] == 1 and u['scope'] == ['hr/*.csv']
    assert [w['source'] for w in u['where']] == ['hr/nota.txt']
    assert doc['declared']['evidence'] == {'financial': 'payroll only'}
    declared.write_text(
        "categories:\n  identification:\n  contact:\n  login:\n  financial:\n    scope: ['**/hr/**']\n",
        encoding='utf-8',
    )
    code, doc = scan_json(capsys, str(tree), '--declared', str(declared), '--fail-on', 'undeclared')
    assert code == 0, doc['declared']


def test_statement_as_declaration(tree, capsys):
    code, doc = scan_json(
        capsys, str(tree), '--declared', str(STATEMENTS / 'liantis-en.txt'), '--fail-on', 'undeclared'
    )
    d = doc['declared']
    assert d['kind'] == 'statement'
    # Liantis declares no login data; the IP address is electronic communication or login: both undeclared
    assert {u['category'] for u in d['undeclared']} == {'electronic_communication', 'login'}
    assert code == 1
    assert 'health' in d['not_found'] and 'financial' not in d['not_found']
    assert d['evidence']['financial'].startswith('Financial data:')
    code, doc = scan_json(
        capsys, str(tree), '--declared', str(STATEMENTS / 'group-s-nl.txt'), '--fail-on', 'undeclared'
    )
    # Group S declares electronic communication data (11): the IP address is covered
    assert doc['declared']['undeclared'] == [] and code == 0


def test_docx_statement(tmp_path, tree, capsys):
    import docx

    d = docx.Document()
    d.add_paragraph('Wij verwerken de volgende gegevens:')
    for item in (
        'Identificatiegegevens: naam, rijksregisternummer',
        'Contactgegevens: e-mailadres',
        'Financiële gegevens: rekeningnummer',
        'Elektronische communicatiegegevens: IP-adres',
    ):
        d.add_paragraph(item, style='List Bullet')
    d.save(str(tmp_path / 'privacyverklaring.docx'))
    code, doc = scan_json(
        capsys, str(tree), '--declared', str(tmp_path / 'privacyverklaring.docx'), '--fail-on', 'undeclared'
    )
    assert doc['declared']['declared'] == [
        'identification',
        'contact',
        'financial',
        'electronic_communication',
    ]
    assert doc['declared']['undeclared'] == [] and code == 0


def test_denied_category_is_flagged(tmp_path, tree, capsys):
    statement = tmp_path / 'privacy.txt'
    statement.write_text(
        'We process your name, national register number, e-mail address and IP address.\n'
        'We never process bank account numbers.\n',
        encoding='utf-8',
    )
    code, doc = scan_json(capsys, str(tree), '--declared', str(statement), '--fail-on', 'undeclared')
    [u] = doc['declared']['undeclared']
    assert u['category'] == 'financial' and u['denied'] is True and code == 1


def test_table_shows_the_comparison(tmp_path, tree, capsys):
    declared = tmp_path / 'declared.yaml'
    declared.write_text('categories: [identification, contact]\n', encoding='utf-8')
    assert main(['scan', str(tree), '--declared', str(declared), '--no-progress']) == 1
    out = capsys.readouterr().out
    assert 'Declared versus found' in out and 'Not declared' in out
    assert 'hr/nota.txt:1 BE** **** **** 6769' in out


@pytest.mark.parametrize('fmt', ('csv', 'sarif', 'jsonl'))
def test_other_formats_still_work(tmp_path, tree, capsys, fmt):
    declared = tmp_path / 'declared.yaml'
    declared.write_text('categories: [identification]\n', encoding='utf-8')
    assert (
        main(['scan', str(tree), '--declared', str(declared), '--format', fmt, '--fail-on', 'undeclared'])
        == 1
    )
    assert capsys.readouterr().out


@pytest.mark.parametrize(
    ('content', 'name', 'message'),
    (
        ('categories:\n  helth:\n', 'd.yaml', 'unknown category "helth"'),
        ('categories:\n  health:\n    scopes: [x]\n', 'd.yaml', 'unknown setting scopes'),
        ('categories: [health\n', 'd.yaml', 'not valid YAML'),
        ('categories:\n  health:\n    scope: 3\n', 'd.yaml', 'scope must be a glob'),
        ('Welcome to our website.\n', 'privacy.txt', 'no declared categories found'),
    ),
)
def test_bad_declarations_are_usage_errors(tmp_path, tree, capsys, content, name, message):
    path = tmp_path / name
    path.write_text(content, encoding='utf-8')
    assert main(['scan', str(tree), '--declared', str(path), '--format', 'json']) == 2
    err = capsys.readouterr().err
    assert message in err and err.count('\n') == 1 and 'Traceback' not in err


def test_missing_declaration_and_fail_on_without_it(tmp_path, tree, capsys):
    assert main(['scan', str(tree), '--declared', str(tmp_path / 'nope.yaml'), '--format', 'json']) == 2
    assert 'no such file' in capsys.readouterr().err
    assert main(['scan', str(tree), '--fail-on', 'undeclared', '--format', 'json']) == 2
    assert '--declared' in capsys.readouterr().err
