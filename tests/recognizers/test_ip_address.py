"""IP_ADDRESS: low score alone, raised by context; versions, netmasks, loopback and dotted numbers silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import ip_address as ip
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit


@pytest.mark.parametrize(
    'value',
    (
        '81.246.12.7',
        '192.168.1.20',
        '10.0.0.1',
        '2001:db8::8a2e:370:7334',
        'fe80::1ff:fe23:4567:890a',
        '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    ),
)
def test_positive_forms(value: str) -> None:
    assert [(m.span, m.score) for m in ip.find(f'ip {value}, ok')] == [((3, 3 + len(value)), 0.3)]


@pytest.mark.parametrize(
    'text',
    (
        'version 1.2.3.4',  # a version string
        'Version: 10.0.1.2',  # idem, capitalised with a colon
        'v1.2.3.4',  # glued version tag
        'mask 255.255.255.0',  # a netmask (reserved range)
        '127.0.0.1',  # loopback points at no one
        '0.0.0.0',  # unspecified
        '224.0.0.251',  # multicast
        '10.1.2.3.4',  # five parts: a section number or OID
        '1.2.3.456',  # part above 255
        '01.02.2024',  # a date
        '12:30:45',  # a time
        '00:1A:2B:3C:4D:5E',  # a MAC address
    ),
)
def test_negatives(text: str) -> None:
    assert list(ip.find(text)) == []


def test_reported_only_with_context() -> None:
    engine = Engine(Settings(min_score=0.5))
    text = 'client ip: 81.246.12.7\n' + 'Het verlof wordt twee weken vooraf gevraagd.\n' + 'zie 81.246.12.8\n'
    unit = TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)
    found = [
        (f.location['line'], f.score) for f in engine.detect([unit], 'log.txt') if f.entity == 'IP_ADDRESS'
    ]
    assert found == [(1, 0.95)]
