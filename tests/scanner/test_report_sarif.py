"""SARIF 2.1.0 through the CLI, validated against the bundled official schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters.sarif import FINGERPRINT_NAME
from gdprscan.scanner.reporters.sarif import SCHEMA_FILE

KEY = '9f' * 32


@pytest.fixture(scope='module')
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding='utf-8'))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A working folder with fixtures, a broken symlink and no key unless a test sets one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('GDPRSCAN_KEY', raising=False)
    monkeypatch.setenv('GDPRSCAN_KEY_FILE', str(tmp_path / 'no-key'))
    d = tmp_path / 'data dir'
    d.mkdir()
    (d / 'persoon é.txt').write_text('x\nRRN 85.07.30-033.28\n', encoding='utf-8')
    (d / 'ok.txt').write_text(
        'IBAN BE62 5100 0754 7061  # gdprscan: allow\nmail an@bedrijf.be\n', encoding='utf-8'
    )
    (d / 'p.csv').write_text('naam,insz\nJan,17073003384\n', encoding='utf-8')
    (d / 'gone.txt').symlink_to(d / 'missing.txt')
    return tmp_path


def sarif(capsys, *args):
    code = main(['scan', 'data dir', '--format', 'sarif', *args])
    out = capsys.readouterr().out
    return code, out, json.loads(out)


def test_the_bundled_schema_is_the_complete_official_one(validator):
    schema = validator.schema
    assert schema['title'] == 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema'
    assert schema['$id'].endswith('/sarif-schema-2.1.0.json')
    assert len(schema['definitions']) == 52
    assert not validator.is_valid({'runs': []})  # version missing
    assert not validator.is_valid({'version': '2.1.0', 'runs': [{'tool': {'driver': {}}}]})  # no name

    def log(result):
        return {'version': '2.1.0', 'runs': [{'tool': {'driver': {'name': 'x'}}, 'results': [result]}]}

    assert validator.is_valid(log({'message': {'text': 'm'}}))
    assert not validator.is_valid(log({'message': {'text': 'm'}, 'suppressions': [{'kind': 'nope'}]}))
    unencoded = {'physicalLocation': {'artifactLocation': {'uri': 'data dir/a b.txt'}}}
    assert not validator.is_valid(
        log({'message': {'text': 'm'}, 'locations': [unencoded]})
    )  # formats checked


def test_valid_log_with_rules_regions_and_notifications(repo, capsys, validator):
    code, out, log = sarif(capsys)
    assert code == 1
    validator.validate(log)
    run = log['runs'][0]
    rules = run['tool']['driver']['rules']
    assert [r['id'] for r in rules] == ['BE_NATIONAL_NUMBER', 'EMAIL_ADDRESS', 'IBAN_CODE']
    assert rules[0]['properties']['article'] == '6'
    assert rules[0]['properties']['categories'] == ['identification']
    for res in run['results']:
        assert rules[res['ruleIndex']]['id'] == res['ruleId']
    by_uri = {r['locations'][0]['physicalLocation']['artifactLocation']['uri']: r for r in run['results']}
    nn = by_uri['data%20dir/persoon%20%C3%A9.txt']
    phys = nn['locations'][0]['physicalLocation']
    assert phys['artifactLocation']['uriBaseId'] == '%SRCROOT%'
    assert phys['region'] == {'startLine': 2, 'startColumn': 5, 'endColumn': 20}
    assert by_uri['data%20dir/p.csv']['locations'][0]['physicalLocation']['region'] == {'startLine': 2}
    assert by_uri['data%20dir/p.csv']['properties']['location'] == {'column': 'insz', 'row': 1, 'line': 2}
    [note] = run['invocations'][0]['toolExecutionNotifications']
    assert note['message']['text'] == 'gone.txt: No such file or directory'
    assert note['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'data%20dir/gone.txt'


def test_allowlisted_findings_are_suppressed_results(repo, capsys, validator):
    _, _, log = sarif(capsys)
    results = log['runs'][0]['results']
    [iban] = [r for r in results if r['ruleId'] == 'IBAN_CODE']
    assert iban['suppressions'][0]['kind'] == 'inSource'
    assert all('suppressions' not in r for r in results if r['ruleId'] != 'IBAN_CODE')


def test_baseline_suppression_is_external(repo, capsys, monkeypatch, validator):
    monkeypatch.setenv('GDPRSCAN_KEY', KEY)
    assert main(['baseline', 'create', 'data dir/p.csv']) == 0
    code, _, log = sarif(capsys, '--baseline', '.gdprscan-baseline.json')
    validator.validate(log)
    [csv_result] = [r for r in log['runs'][0]['results'] if 'p.csv' in json.dumps(r['locations'])]
    assert csv_result['suppressions'][0]['kind'] == 'external'
    assert code == 1  # the national number in the .txt file is not in the baseline


def test_masked_without_values_and_without_key_no_fingerprint(repo, capsys, validator):
    _, out, log = sarif(capsys)
    for raw in ('85.07.30-033.28', '17073003384', 'an@bedrijf.be', '5100 0754 7061'):
        assert raw not in out
    assert all('partialFingerprints' not in r for r in log['runs'][0]['results'])


def test_keyed_fingerprints_ignore_line_moves(repo, capsys, monkeypatch, validator):
    monkeypatch.setenv('GDPRSCAN_KEY', KEY)
    _, _, log = sarif(capsys)
    validator.validate(log)
    before = {r['ruleId']: r['partialFingerprints'][FINGERPRINT_NAME] for r in log['runs'][0]['results']}
    f = repo / 'data dir' / 'persoon é.txt'
    f.write_text('an unrelated line above\n' + f.read_text(encoding='utf-8'), encoding='utf-8')
    _, _, log = sarif(capsys)
    after = {r['ruleId']: r['partialFingerprints'][FINGERPRINT_NAME] for r in log['runs'][0]['results']}
    assert before == after and len(set(after.values())) == 3
    monkeypatch.setenv('GDPRSCAN_KEY', 'a' * 64)
    _, _, log = sarif(capsys)
    other = {r['ruleId']: r['partialFingerprints'][FINGERPRINT_NAME] for r in log['runs'][0]['results']}
    assert not set(other.values()) & set(after.values())  # another key, other fingerprints


def test_show_values(repo, capsys, validator):
    _, out, log = sarif(capsys, '--show-values')
    validator.validate(log)
    values = {r['properties']['value'] for r in log['runs'][0]['results']}
    assert '85.07.30-033.28' in values


def test_short_key_is_a_notification_not_a_crash(repo, capsys, monkeypatch, validator):
    monkeypatch.setenv('GDPRSCAN_KEY', 'short')
    code, _, log = sarif(capsys)
    validator.validate(log)
    [note] = log['runs'][0]['invocations'][0]['toolConfigurationNotifications']
    assert 'partialFingerprints omitted' in note['message']['text'] and code == 1


def test_file_outside_the_working_folder_gets_a_file_uri(tmp_path, capsys, monkeypatch, validator):
    inner = tmp_path / 'work'
    inner.mkdir()
    monkeypatch.chdir(inner)
    (tmp_path / 'x.txt').write_text('85.07.30-033.28\n', encoding='utf-8')
    main(['scan', str(tmp_path / 'x.txt'), '--format', 'sarif'])
    log = json.loads(capsys.readouterr().out)
    validator.validate(log)
    loc = log['runs'][0]['results'][0]['locations'][0]['physicalLocation']['artifactLocation']
    assert loc == {'uri': 'file://' + (tmp_path / 'x.txt').as_posix()}


def test_database_sources_keep_their_url(validator):
    from gdprscan.classifiers.categories import classify
    from gdprscan.scanner.reporters.sarif import sarif_log
    from gdprscan.scanner.types import Finding
    from gdprscan.scanner.types import ScanResult

    cats, art = classify('EMAIL_ADDRESS')
    loc = {'schema': 'public', 'table': 'person', 'column': 'e mail', 'row': 3}
    source = 'postgresql://hr@db.local/hr#public.person'
    f = Finding(source, loc, 'EMAIL_ADDRESS', cats, art, 0.95, 'email', 'an@bedrijf.be')
    log = sarif_log(ScanResult([source], [f]))
    validator.validate(log)
    [result] = log['runs'][0]['results']
    physical = result['locations'][0]['physicalLocation']
    assert physical == {'artifactLocation': {'uri': source}}  # no region: a table row is not a line
    assert result['properties']['location'] == loc
