"""CREDIT_CARD: Luhn plus issuer prefix and length; EANs, order numbers and failing checks stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import credit_card as cc


# Vectors: the networks' published test numbers (all pass Luhn).
@pytest.mark.parametrize(
    ('value', 'score'),
    (
        ('4111 1111 1111 1111', 0.5),
        ('4111-1111-1111-1111', 0.5),
        ('5555 5555 5555 4444', 0.5),
        ('3782 822463 10005', 0.5),  # Amex 4-6-5
        ('3056 930902 5904', 0.5),  # Diners 4-6-4
        ('6011 1111 1111 1117', 0.5),
        ('3530 1113 3330 0000', 0.5),
        ('2223 0031 2200 3222', 0.5),
        ('6703 0000 0000 0015', 0.5),  # Bancontact (Maestro range)
        ('4111111111111111', 0.3),
        ('378282246310005', 0.3),  # compact: needs context
    ),
)
def test_positive_forms(value: str, score: float) -> None:
    assert [(m.span, m.score) for m in cc.find(f'card {value}.')] == [((5, 5 + len(value)), score)]


@pytest.mark.parametrize(
    'text',
    (
        '4111 1111 1111 1112',  # Luhn
        '1234 5678 9012 3452',  # passes Luhn, but no network starts with 1
        '4006381333931',  # 13-digit Luhn-valid number starting with 4: an EAN-13 (German barcode range)
        '5400634506888',  # Belgian EAN-13 product code
        '71234567890123',  # order number: no issuer prefix 7
        '41111111111111111111',  # 20 digits: too long for any card
        '94111111111111111',  # the card number glued inside a longer digit run
        '4111 1111 1111 1111,00',  # an amount-like tail
        '+++411/1111/11111+++',  # structured payment reference shape
    ),
)
def test_negatives(text: str) -> None:
    assert list(cc.find(text)) == []
