"""IP_ADDRESS: IPv4 and IPv6 addresses (online identifiers under the GDPR).

Pattern: dotted-quad IPv4 (each part 0-255) not glued to letters, digits or
more dots; IPv6 as colon-separated hex groups (with ``::``). Not a version
string: a candidate right after 'version', 'versie', 'ver.', 'release' or 'v'
is dropped (``version 1.2.3.4``).

Validator: :mod:`ipaddress` parses it; loopback, unspecified, multicast and
reserved addresses (``127.0.0.1``, ``0.0.0.0``, netmasks such as
``255.255.255.0``) point at no one and are dropped.

Scoring: 0.3, below the default ``--min-score`` of 0.5: dotted numbers are
common (section numbers, OIDs), so an IP address is reported when a CONTEXT word
occurs within 40 characters before it or in the column header (0.95).

>>> [(m.span, m.score) for m in find('client 81.246.12.7 logged in')]
[((7, 18), 0.3)]
>>> [m.span for m in find('from 2001:db8::8a2e:370:7334')]
[(5, 28)]
>>> list(find('version 1.2.3.4, mask 255.255.255.0, 10.1.2.3.4'))
[]
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from gdprscan.recognizers.base import Match
from gdprscan.recognizers.base import Trigger

ENTITY = 'IP_ADDRESS'
SCORE = 0.3
CONTEXT = {
    'nl': ('ip', 'ip-adres', 'ipadres', 'ip adres', 'host', 'client', 'verbinding'),
    'fr': ('ip', 'adresse ip', 'adresse', 'hôte', 'client', 'connexion'),
    'en': ('ip', 'ip address', 'ipv4', 'ipv6', 'host', 'client', 'remote_addr', 'src', 'from'),
}
_OCTET = r'(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)'
V4 = re.compile(rf'(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\w-])(?!\.\w)')
V6 = re.compile(r'(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)?:(?:[0-9A-Fa-f]{0,4}:){1,6}[0-9A-Fa-f]{1,4}(?![\w:])')
#: A quick test for IPv6 (its hex groups are no digit cluster): '::' or three colon-separated groups.
V6_HINT = re.compile(r':[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:')
VERSION = re.compile(r'(?:\bversion|\bversie|\bver\.?|\brelease|\bv)\s*[:=]?\s*["\']?$', re.IGNORECASE)


def _may_hold_v6(text: str) -> bool:
    return '::' in text or V6_HINT.search(text) is not None


TRIGGER = Trigger(min_digits=4, min_dots=3, before=16, whole_if=_may_hold_v6, pattern=V4)


def is_public(candidate: str) -> bool:
    """A parseable address that can point at a device (not loopback, unspecified, multicast, reserved)."""
    try:
        ip = ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_multicast or ip.is_reserved)


def find(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
    end = len(text) if endpos is None else endpos
    found = list(V4.finditer(text, pos, end))
    if _may_hold_v6(text[pos:end] if pos or endpos is not None else text):
        found.extend(V6.finditer(text, pos, end))
        found.sort(key=lambda m: m.start())
    for m in found:
        if is_public(m.group(0)) and not VERSION.search(text, max(0, m.start() - 12), m.start()):
            yield Match(ENTITY, m.start(), m.end(), SCORE, 'ip_address')
