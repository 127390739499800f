"""BE_ENTERPRISE_NUMBER: KBO/BCE and BE VAT forms; mobile numbers and look-alikes stay silent."""

from __future__ import annotations

import pytest
from gdprscan.recognizers import be_enterprise_number as kbo


# Vectors from stdnum's be.vat doctests (0403019261, 0428759497) and a new 1xxx number.
@pytest.mark.parametrize(
    ('value', 'score'),
    (
        ('0403.019.261', 0.5),
        ('0403 019 261', 0.5),
        ('BE0403019261', 0.5),
        ('BE 0403.019.261', 0.5),
        ('BE 428759497', 0.5),  # old nine-digit VAT form
        ('BE403019261', 0.5),
        ('1023.456.797', 0.5),  # enterprise numbers starting with 1 (issued since 2023)
        ('0428759497', 0.3),  # compact: the shape of a mobile number, needs context
    ),
)
def test_positive_forms(value: str, score: float) -> None:
    assert [(m.span, m.score) for m in kbo.find(f'KBO {value}.')] == [((4, 4 + len(value)), score)]


@pytest.mark.parametrize(
    'text',
    (
        'BE431150351',  # checksum (stdnum's negative)
        '0403.019.262',  # checksum
        '2403.019.261',  # must start with 0 or 1
        '0403.019 261',  # mixed grouping is no enterprise number layout
        '+++040/3019/26188+++',  # structured payment reference
        '10403019261',  # glued inside a longer digit run
        '0403.019.261,50',  # an amount with decimals
        'BE0403019261X',  # glued to letters (a product code)
        '0470 12 34 56',  # a mobile number
    ),
)
def test_negatives(text: str) -> None:
    assert list(kbo.find(text)) == []
