"""Masking keeps exactly the last N alphanumerics, whatever the script or separators."""

from __future__ import annotations

import random

from gdprscan.recognizers import masking


def _spec(value: str, keep: int) -> str:
    """The rule written out character by character: the reference the fast version must equal."""
    total = sum(c.isalnum() for c in value)
    out, seen = [], 0
    for c in value:
        if c.isalnum():
            seen += 1
            out.append(c if seen > total - keep else '*')
        else:
            out.append(c)
    return ''.join(out)


def test_mask_tail_equals_the_rule_on_random_strings() -> None:
    rnd = random.Random(3)
    alphabet = '0123456789abcXYZ .-/_@éß²٣+'
    for _ in range(20000):
        value = ''.join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        keep = rnd.randint(0, 5)
        assert masking._mask_tail(value, keep) == _spec(value, keep), (value, keep)


def test_masks_of_identifiers_keep_shape_and_tail() -> None:
    assert masking.mask('85.07.30-033.28', 'BE_NATIONAL_NUMBER') == '**.**.**-***.28'
    assert masking.mask('0470/12.34.56', 'PHONE_NUMBER') == '****/**.**.56'
    assert masking.mask('BE71096123456769', 'IBAN_CODE') == 'BE**********6769'
