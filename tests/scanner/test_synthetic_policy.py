"""Synthetic-data policy: documented test values are allowed in hook mode and when configured."""

from __future__ import annotations

import json

import pytest
from gdprscan.classifiers.categories import classify
from gdprscan.scanner import synthetic
from gdprscan.scanner.cli import main
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult


def finding(entity, value):
    cats, art = classify(entity)
    return Finding('f.txt', {'line': 1}, entity, cats, art, 0.9, 'r', value)


@pytest.mark.parametrize(
    ('entity', 'value', 'synthetic_'),
    (
        ('EMAIL_ADDRESS', 'jan@example.com', True),
        ('EMAIL_ADDRESS', 'jan@mail.EXAMPLE.org', True),  # subdomain, any case
        ('EMAIL_ADDRESS', 'jan@qa.test', True),
        ('EMAIL_ADDRESS', 'jan@example.be', True),
        ('EMAIL_ADDRESS', 'jan@notexample.com', False),  # only the reserved name itself and its subdomains
        ('EMAIL_ADDRESS', 'jan@example.com.evil.be', False),
        ('IBAN_CODE', 'BE71 0961 2345 6769', True),  # the SWIFT registry example
        ('IBAN_CODE', 'BE62 5100 0754 7061', False),
        ('CREDIT_CARD', '4111 1111 1111 1111', True),
        ('CREDIT_CARD', '4556 7375 8689 9855', False),
        ('IP_ADDRESS', '192.0.2.15', True),  # RFC 5737
        ('IP_ADDRESS', '2001:db8::1', True),  # RFC 3849
        ('IP_ADDRESS', '81.82.83.84', False),
        ('BE_NATIONAL_NUMBER', '85.07.30-033.28', False),  # no national number is synthetic by default
    ),
)
def test_default_policy(entity, value, synthetic_):
    assert synthetic.Policy(None).is_synthetic(finding(entity, value)) is synthetic_


def test_iban_prefix_skips_the_check_digits():
    policy = synthetic.Policy({'iban_prefixes': ['be510']})
    assert policy.is_synthetic(finding('IBAN_CODE', 'BE62 5100 0754 7061'))
    assert not policy.is_synthetic(finding('IBAN_CODE', 'BE05 0014 2793 4875'))  # bank code 001


def test_national_numbers_by_list_and_birth_date_range():
    policy = synthetic.Policy(
        {'national_numbers': ['85073003328'], 'birth_date_range': ['2017-07-01', '2017-07-31']}
    )
    assert policy.is_synthetic(finding('BE_NATIONAL_NUMBER', '85.07.30-033.28'))
    assert policy.is_synthetic(finding('BE_NATIONAL_NUMBER', '17.07.30-033.84'))  # born 2017-07-30
    assert not policy.is_synthetic(finding('BE_NATIONAL_NUMBER', '40.00.00-953.81'))  # birth date unknown


def test_apply_marks_and_can_be_disabled():
    result = ScanResult(
        ['.'], [finding('EMAIL_ADDRESS', 'a@example.com'), finding('EMAIL_ADDRESS', 'a@bedrijf.be')]
    )
    synthetic.apply(result, {'enabled': False})
    assert result.active == result.findings
    synthetic.apply(result, None)
    assert [f.suppressed for f in result.findings] == ['synthetic', None]


@pytest.mark.parametrize(
    ('policy', 'message'),
    (
        ({'domains': ['x']}, "unknown key 'domains'"),
        ({'email_domains': 'example.com'}, 'must be a list'),
        ({'ip_networks': ['not-a-net']}, 'is not a network'),
        ({'birth_date_range': ['2000-01-01']}, 'two ISO dates'),
    ),
)
def test_bad_policy_is_a_config_error(tmp_path, capsys, policy, message):
    items = ', '.join(f'{k} = {json.dumps(v)}' for k, v in policy.items())
    (tmp_path / 'pyproject.toml').write_text(
        f'[tool.gdprscan]\nsynthetic = {{ {items} }}\n', encoding='utf-8'
    )
    (tmp_path / 'a.txt').write_text('x\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'a.txt'), '--config', str(tmp_path / 'pyproject.toml')]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count('\n') == 1


def fixture(tmp_path):
    (tmp_path / 'users.yaml').write_text(
        'test: jan@example.com\nrekening: BE71 0961 2345 6769\nreal: an.peeters@bedrijf.be\n',
        encoding='utf-8',
    )
    return tmp_path / 'users.yaml'


def test_hook_mode_applies_the_default_policy(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = fixture(tmp_path)
    assert main(['scan', '--hook', path.name]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == 'users.yaml:3:7 EMAIL_ADDRESS a***@b***.be'
    assert len(out.splitlines()) == 2  # one finding and the hint


def test_plain_scan_reports_everything_unless_configured(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = fixture(tmp_path)
    main(['scan', path.name, '--format', 'jsonl'])
    assert len(capsys.readouterr().out.splitlines()) == 3
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.gdprscan]\nsynthetic = { email_domains = ["bedrijf.be"] }\n', encoding='utf-8'
    )
    main(['scan', path.name, '--format', 'jsonl'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # the configured list replaces the default domains; the default IBAN list still applies
    assert [r['masked'] for r in rows] == ['j***@e***.com']
