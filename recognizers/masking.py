"""Masking that keeps a value's shape and at most its last two to four characters.

Never reveals the birth date inside a national or BIS number: only the two check
digits stay (``**.**.**-***.28``). Pure string logic at the bottom layer, so reporters,
the "about a person" evidence and anonymisation all mask the same way.

>>> mask('85.07.30-033.28', 'BE_NATIONAL_NUMBER')
'**.**.**-***.28'
>>> mask('BE71 0961 2345 6769', 'IBAN_CODE')
'BE** **** **** 6769'
>>> mask('jan.peeters@example.be', 'EMAIL_ADDRESS')
'j***@e***.be'
>>> mask('+32 470 12 34 56', 'PHONE_NUMBER')
'+** *** ** ** 56'
>>> mask('Jan Peeters', 'PERSON')
'*** *******'
>>> mask('depressie', 'HEALTH_DATA'), mask('EMP-12345678', 'EMPLOYEE_ID')
('*********', '***-******78')
"""
from __future__ import annotations

import re

_KEEP_LAST = {
    'BE_NATIONAL_NUMBER': 2,
    'BE_BIS_NUMBER': 2,
    'PHONE_NUMBER': 2,
    'IBAN_CODE': 4,
    'CREDIT_CARD': 4,
    'BE_ID_CARD_NUMBER': 2,
    'BE_ENTERPRISE_NUMBER': 3,
    'IP_ADDRESS': 0,
    'PERSON': 0,
    'LOCATION': 0,
    'DATE_OF_BIRTH': 0,
}


#: Exactly the characters ``str.isalnum`` accepts (``re``'s ``\\w`` is isalnum plus '_').
_ALNUM = re.compile(r'[^\W_]')


def _mask_tail(value: str, keep: int) -> str:
    """Alphanumerics become '*', except the last ``keep`` of them; separators stay."""
    cut = 0
    if keep:
        seen = 0
        for i in range(len(value) - 1, -1, -1):
            if value[i].isalnum():
                seen += 1
                if seen == keep:
                    cut = i
                    break
    else:
        cut = len(value)
    return _ALNUM.sub('*', value[:cut]) + value[cut:]


def _mask_email(value: str) -> str:
    local, _, domain = value.rpartition('@')
    host, dot, tld = domain.rpartition('.')
    return f'{local[:1]}***@{host[:1]}***{dot}{tld}' if host else f'{local[:1]}***@***'


def mask(value: str, entity: str) -> str:
    """``value`` with its identifying characters replaced by '*'."""
    if entity == 'EMAIL_ADDRESS' and '@' in value:
        return _mask_email(value)
    if entity == 'IBAN_CODE':
        head = value[:2]
        return head + _mask_tail(value[2:], 4)
    if entity in _KEEP_LAST:
        return _mask_tail(value, _KEEP_LAST[entity])
    # Other identifiers (a plugin's employee number) keep a short tail to tell them apart; words
    # (a diagnosis, a union, a free-text span) keep nothing: a tail would hint at the word.
    compact = sum(c.isalnum() for c in value)
    return _mask_tail(value, 2 if compact >= 8 and any(c.isdigit() for c in value) else 0)
