"""Synthetic-data awareness: valid values that are obviously test data are allowed by policy.

Test fixtures are full of checksum-valid values that belong to nobody: e-mail
addresses at domains reserved for documentation, the example IBANs of the
SWIFT IBAN registry, card numbers that payment providers publish for testing,
IP addresses of the documentation ranges. Flagging them trains developers to
ignore the hook, so the hook marks them ``suppressed='synthetic'`` (they stay
in SARIF as suppressed results). National numbers have no reserved range: a
team lists its own test numbers, or a birth-date range nobody real has.

The policy is ``[tool.gdprscan] synthetic = {...}`` (keys in :data:`DEFAULTS`,
checked by :func:`validate`); a key given replaces its default, and
``enabled = false`` turns the policy off. See docs/synthetic-data.md.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import replace
from datetime import date
from typing import Any

from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

DEFAULTS: dict[str, Any] = {
    'enabled': True,
    # RFC 2606 / RFC 6761 reserved names, plus example.be (a convention in Belgian test data).
    'email_domains': [
        'example.com',
        'example.org',
        'example.net',
        'example.be',
        'example',
        'test',
        'invalid',
        'localhost',
    ],
    # The example IBAN of each country in the SWIFT IBAN registry (the ones documentation copies).
    'ibans': [
        'BE71096123456769',
        'NL91ABNA0417164300',
        'DE89370400440532013000',
        'FR1420041010050500013M02606',
        'LU280019400644750000',
        'GB82WEST12345698765432',
    ],
    # Country code + start of the BBAN (check digits skipped), e.g. 'BE539' for a Belgian bank code.
    'iban_prefixes': [],
    # Card numbers that payment providers document as test cards.
    'credit_cards': [
        '4111111111111111',
        '4242424242424242',
        '4012888888881881',
        '5555555555554444',
        '5105105105105100',
        '378282246310005',
        '371449635398431',
        '6011111111111117',
    ],
    # RFC 5737 and RFC 3849 documentation networks.
    'ip_networks': ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'],
    # Belgian national / BIS numbers a team declares as its own test numbers (digits only or formatted).
    'national_numbers': [],
    # Inclusive ISO dates ['1900-01-01', '1900-12-31']: national numbers born then count as synthetic.
    'birth_date_range': [],
}

_TYPES: dict[str, type] = {
    'enabled': bool,
    'email_domains': list,
    'ibans': list,
    'iban_prefixes': list,
    'credit_cards': list,
    'ip_networks': list,
    'national_numbers': list,
    'birth_date_range': list,
}
_NON_ALNUM = re.compile(r'[^0-9A-Za-z]')


class SyntheticPolicyError(ValueError):
    """A synthetic-data policy with an unknown key or a value of the wrong type."""


def validate(policy: dict[str, Any]) -> dict[str, Any]:
    """``policy`` merged over the defaults, or :class:`SyntheticPolicyError` naming the bad key."""
    for key, value in policy.items():
        if key not in _TYPES:
            raise SyntheticPolicyError(f'unknown key {key!r} in synthetic (known: {", ".join(_TYPES)})')
        if not isinstance(value, _TYPES[key]):
            raise SyntheticPolicyError(f'synthetic.{key} must be a {_TYPES[key].__name__}')
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise SyntheticPolicyError(f'synthetic.{key} must be a list of strings')
    merged = {**DEFAULTS, **policy}
    for net in merged['ip_networks']:
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError:
            raise SyntheticPolicyError(f'synthetic.ip_networks: {net!r} is not a network') from None
    dates = merged['birth_date_range']
    if dates:
        try:
            lo, hi = (date.fromisoformat(d) for d in dates)
        except ValueError:
            raise SyntheticPolicyError(
                'synthetic.birth_date_range must be two ISO dates [from, to]'
            ) from None
        if lo > hi:
            raise SyntheticPolicyError('synthetic.birth_date_range: the first date is after the second')
    return merged


def _compact(value: str) -> str:
    return _NON_ALNUM.sub('', value).upper()


class Policy:
    """A checked policy, with its lists turned into sets once."""

    def __init__(self, policy: dict[str, Any] | None) -> None:
        p = validate(policy or {})
        self.enabled: bool = p['enabled']
        self.domains = tuple(d.lower().strip('.') for d in p['email_domains'])
        self.ibans = {_compact(v) for v in p['ibans']}
        self.iban_prefixes = tuple(_compact(v) for v in p['iban_prefixes'])
        self.cards = {_compact(v) for v in p['credit_cards']}
        self.networks = [ipaddress.ip_network(n, strict=False) for n in p['ip_networks']]
        self.national_numbers = {_compact(v) for v in p['national_numbers']}
        dates = p['birth_date_range']
        self.birth_range = tuple(date.fromisoformat(d) for d in dates) if dates else None

    def is_synthetic(self, f: Finding) -> bool:
        """True when ``f``'s value is test data under this policy."""
        entity, value = f.entity, f.value
        if entity == 'EMAIL_ADDRESS':
            domain = value.rpartition('@')[2].lower().rstrip('.')
            return any(domain == d or domain.endswith('.' + d) for d in self.domains)
        if entity == 'IBAN_CODE':
            compact = _compact(value)
            return compact in self.ibans or (compact[:2] + compact[4:]).startswith(self.iban_prefixes)
        if entity == 'CREDIT_CARD':
            return _compact(value) in self.cards
        if entity == 'IP_ADDRESS':
            try:
                ip = ipaddress.ip_address(value.strip('[]'))
            except ValueError:
                return False
            return any(ip.version == n.version and ip in n for n in self.networks)
        if entity in ('BE_NATIONAL_NUMBER', 'BE_BIS_NUMBER'):
            compact = _compact(value)
            if compact in self.national_numbers:
                return True
            return self.birth_range is not None and self._born_in_range(compact, entity)
        return False

    def _born_in_range(self, digits: str, entity: str) -> bool:
        from stdnum.be import bis
        from stdnum.be import nn
        from stdnum.exceptions import ValidationError

        assert self.birth_range is not None
        try:
            born = (bis if entity == 'BE_BIS_NUMBER' else nn).get_birth_date(digits)
        except (ValidationError, ValueError):  # not a number of this kind
            return False
        return born is not None and self.birth_range[0] <= born <= self.birth_range[1]


def apply(result: ScanResult, policy: dict[str, Any] | None) -> None:
    """Mark synthetic findings of ``result`` ``suppressed='synthetic'`` (defaults when ``policy`` is None)."""
    checked = Policy(policy)
    if not checked.enabled:
        return
    for i, f in enumerate(result.findings):
        if not f.suppressed and checked.is_synthetic(f):
            result.findings[i] = replace(f, suppressed='synthetic')
