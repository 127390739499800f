"""The speed paths of the surrogates give exactly what the plain paths give.

FF3-1 with ``cryptography`` AES and round tables against NIST's ACVP vectors and the ``ff3`` package;
the decimal and small-domain shortcuts of the permuter against a step-by-step walk; the phone parse
plans against a fresh parse per number; the IBAN checksum and the template fill against stdnum and
the character-by-character versions; a database copy's column caches against ``Surrogates.replace``.
"""

from __future__ import annotations

import gc
import random
import sqlite3
from pathlib import Path

import pytest
from ff3 import FF3Cipher
from gdprscan.anonymize import database
from gdprscan.anonymize import ff31
from gdprscan.anonymize import surrogates as surrogates_module
from gdprscan.anonymize.database import copy_database
from gdprscan.anonymize.fpe import DIGITS
from gdprscan.anonymize.fpe import Permuter
from gdprscan.anonymize.fpe import _tweak
from gdprscan.anonymize.policy import from_dict
from gdprscan.anonymize.surrogates import Surrogates
from stdnum import iban

KEY = b'fast-path-key-0123456789abcdef'
LETTERS = 'abcdefghijklmnopqrstuvwxyz'

# ACVP FF3-1 vectors (56-bit tweaks), as listed in the ff3 package's tests.
ACVP = (
    (DIGITS, '2DE79D232DF5585D68CE47882AE256D6', 'CBD09280979564', '3992520240', '8901801106'),
    (
        DIGITS,
        '01C63017111438F7FC8E24EB16C71AB5',
        'C4E822DCD09F27',
        '60761757463116869318437658042297305934914824457484538562',
        '35637144092473838892796702739628394376915177448290847293',
    ),
    (LETTERS, '718385E6542534604419E83CE387A437', 'B6F35084FA90E1', 'wfmwlrorcd', 'ywowehycyd'),
    (
        LETTERS,
        'DB602DFF22ED7E84C8D8C865A941A238',
        'EBEFD63BCC2083',
        'kkuomenbzqvggfbteqdyanwpmhzdmoicekiihkrm',
        'belcfahcwwytwrckieymthabgjjfkxtxauipmjja',
    ),
)


def _num(s: str, alphabet: str) -> int:
    x = 0
    for c in s:
        x = x * len(alphabet) + alphabet.index(c)
    return x


def _str(x: int, alphabet: str, length: int) -> str:
    out = []
    for _ in range(length):
        x, d = divmod(x, len(alphabet))
        out.append(alphabet[d])
    return ''.join(reversed(out))


@pytest.mark.parametrize(('alphabet', 'key', 'tweak', 'plain', 'cipher'), ACVP)
def test_ff31_acvp_vectors(alphabet: str, key: str, tweak: str, plain: str, cipher: str) -> None:
    f = ff31.FF31(bytes.fromhex(key), len(alphabet))
    t = bytes.fromhex(tweak)
    assert f.encrypt(_num(plain, alphabet), len(plain), t) == _num(cipher, alphabet)
    assert f.decrypt(_num(cipher, alphabet), len(cipher), t) == _num(plain, alphabet)


@pytest.mark.parametrize('alphabet', (DIGITS, LETTERS, DIGITS + LETTERS))
def test_ff31_equals_the_ff3_package_with_and_without_round_tables(alphabet: str) -> None:
    """Every legal length; more calls per (tweak, length) than TABLE_AFTER, so both the direct AES
    rounds and the precomputed tables are compared with the reference implementation."""
    rng = random.Random(len(alphabet))
    key = bytes(rng.randrange(256) for _ in range(16))
    ref = FF3Cipher.withCustomAlphabet(key.hex(), '00' * 7, alphabet)
    mine = ff31.FF31(key, len(alphabet))
    radix = len(alphabet)
    tweak = bytes(rng.randrange(256) for _ in range(7))
    for length in range(ref.minLen, ref.maxLen + 1):
        calls = ff31.TABLE_AFTER + 5 if radix ** ((length + 1) // 2) <= ff31.TABLE_MAX_HALF else 3
        for _ in range(calls):
            x = rng.randrange(radix**length)
            expected = _num(ref.encrypt_with_tweak(_str(x, alphabet, length), tweak.hex()), alphabet)
            assert mine.encrypt(x, length, tweak) == expected
            assert mine.decrypt(expected, length, tweak) == x
        assert ff31.max_length(radix) == ref.maxLen


def test_ff31_walk_is_decrypt_of_encrypt_plus_k() -> None:
    f = ff31.FF31(bytes(range(16)), 10)
    tweak = b'\x01\x02\x03\x04\x05\x06\x07'
    rng = random.Random(1)
    for _ in range(ff31.TABLE_AFTER + 50):  # past the table threshold: the fused walk is used
        x = rng.randrange(10**7)

        def valid(y: int) -> bool:
            return y % 3 == 0

        z = f.encrypt(x, 7, tweak)
        expected = None
        for k in range(1, 100):
            y = f.decrypt((z + k) % 10**7, 7, tweak)
            if valid(y):
                expected = y
                break
        assert f.walk(x, 7, tweak, valid, 10**6) == expected
        assert f.walk(x, 7, tweak, None, 10**6) == f.decrypt((z + 1) % 10**7, 7, tweak)


@pytest.mark.parametrize('cipher', ('ff3', 'feistel'))
def test_permuter_shortcuts_equal_the_walk(cipher: str) -> None:
    """The decimal-string and small-int shortcuts give the successor on the same keyed cycle."""
    p, plain = Permuter(KEY, cipher), Permuter(KEY, cipher)
    rng = random.Random(2)
    for length in (3, 6, 7, 9):
        purpose = f'test\x1f{length}'
        tweak = _tweak(purpose)
        n = 10**length
        for _ in range(80):
            x = rng.randrange(n)
            s = str(x).zfill(length)
            assert p.string(s, DIGITS, purpose) == str(plain.walk(x, n, tweak, 10, length)).zfill(length)
            odd = p.string(s, DIGITS, purpose, lambda c: int(c) % 2 == 1)
            assert int(odd) % 2 == 1 and odd != s
            assert odd == str(plain.walk(x, n, tweak, 10, length, lambda y: y % 2 == 1)).zfill(length)
    for n in (2, 366, 499):
        for x in range(n):
            assert p.int(x, n, f'small\x1f{n}') == plain.walk(x, n, _tweak(f'small\x1f{n}'), 10, 0)
        assert sorted(p.int(x, n, f'small\x1f{n}') for x in range(n)) == list(range(n))  # a permutation


def _phones(rng: random.Random) -> list[str]:
    out = [
        '+32 470 12 34 56',
        '0470/12.34.56',
        '0032 2 555 12 12',
        '+32 (0)9 233 45 67',
        '+33 6 12 34 56 78',
        '+31 6 12345678',
        '+49 30 1234567',
        '+1 202 555 0143',
        '+39 06 1234 5678',
        '+32 800 12 345',
    ]
    for _ in range(1500):
        prefix = rng.choice(('+32 ', '0032 ', '0', '+32 (0)', '+31 ', '+33 ', '+352 ', '+44 ', '+1 '))
        body = ''.join(rng.choice(DIGITS) for _ in range(rng.randrange(7, 11)))
        sep = rng.choice((' ', '.', '', '/'))
        out.append(prefix + sep.join(body[i : i + 2] for i in range(0, len(body), 2)))
    return out


@pytest.mark.parametrize('cipher', ('ff3', 'feistel'))
def test_phone_plans_give_what_a_fresh_parse_gives(cipher: str) -> None:
    """One instance reuses the parse of earlier numbers of the same shape and prefix; a fresh
    instance per number parses each one. Valid, invalid and foreign numbers alike."""
    values = _phones(random.Random(3))
    shared = Surrogates(KEY, cipher=cipher)
    warm = [shared.replace('PHONE_NUMBER', v) for v in values]
    assert len(shared._phone_plans) > 0  # the plans were used
    cold = [Surrogates(KEY, cipher=cipher).replace('PHONE_NUMBER', v) for v in values]
    assert warm == cold


def test_iban_checksum_and_fill_equal_stdnum_and_the_slow_fill() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        country = rng.choice(('BE', 'NL', 'FR', 'DE', 'GB', 'LU'))
        bban = ''.join(
            rng.choice(DIGITS + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(rng.randrange(10, 25))
        )
        if rng.random() < 0.5:
            bban = ''.join(c for c in bban if c.isdigit()) or '0'
        check = surrogates_module._iban_check_digits(country, bban)
        assert check == iban.calc_check_digits(country + '00' + bban)
        assert surrogates_module._iban_remainder(country, bban, int(check)) == 1
        template = ''.join(rng.choice('0123456789 .-/{}()aB') for _ in range(rng.randrange(1, 30)))
        digits = ''.join(rng.choice(DIGITS) for c in template if c.isdigit())
        slow = iter(digits)
        assert surrogates_module._fill(template, digits) == ''.join(
            next(slow) if c.isdigit() else c for c in template
        )


def test_database_copy_caches_give_what_surrogates_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a column cache far smaller than the table (so it is emptied and refilled), every cell
    of the copy is the surrogate a fresh ``Surrogates`` gives for it; the GC threshold comes back."""
    monkeypatch.setattr(database, 'COLUMN_CACHE', 7)
    src = tmp_path / 'src.db'
    con = sqlite3.connect(src)
    con.execute(
        'CREATE TABLE staff (id INTEGER PRIMARY KEY, rijksregisternummer TEXT, iban TEXT, email TEXT, '
        'phone TEXT, first_name TEXT)'
    )
    rng = random.Random(5)
    rows = []
    for i in range(1, 301):
        yy, mm, dd, serial = (
            rng.randrange(50, 99),
            rng.randrange(1, 13),
            rng.randrange(1, 29),
            rng.randrange(1, 998),
        )
        body = f'{yy:02d}{mm:02d}{dd:02d}{serial:03d}'
        rrn = body + f'{97 - int(body) % 97:02d}'
        account = f'063{rng.randrange(10**7):07d}'
        bban = account + f'{int(account) % 97 or 97:02d}'
        ibn = 'BE' + iban.calc_check_digits('BE00' + bban) + bban
        rows.append(
            (
                i,
                f'{rrn[:2]}.{rrn[2:4]}.{rrn[4:6]}-{rrn[6:9]}.{rrn[9:]}',
                ' '.join(ibn[j : j + 4] for j in range(0, 16, 4)),
                f'{rng.choice(("jan", "an", "luc"))}.{i % 40}@acme.be',  # repeats: cache hits
                f'+32 47{i % 10} {rng.randrange(10**6):06d}',
                rng.choice(('Jan', 'Marie', 'Luc')),
            )
        )
    con.executemany('INSERT INTO staff VALUES (?,?,?,?,?,?)', rows)
    con.commit()
    con.close()
    before = gc.get_threshold()
    result = copy_database(f'sqlite:///{src}', f'sqlite:///{tmp_path / "copy.db"}', KEY, from_dict({}))
    assert gc.get_threshold() == before
    assert result.tables[0].rows == 300
    copied = sqlite3.connect(tmp_path / 'copy.db').execute('SELECT * FROM staff ORDER BY id').fetchall()
    reference = Surrogates(KEY)
    entities = ('BE_NATIONAL_NUMBER', 'IBAN_CODE', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'PERSON')
    for original, copy in zip(rows, copied, strict=True):
        assert copy[0] == original[0]
        for entity, old, new in zip(entities, original[1:], copy[1:], strict=True):
            assert new == reference.replace(entity, old), entity


def test_single_value_check_agrees_with_single_value() -> None:
    from gdprscan.anonymize.cells import single_value
    from gdprscan.anonymize.cells import single_value_check

    rng = random.Random(6)
    entities = (
        'EMAIL_ADDRESS',
        'PERSON',
        'LOCATION',
        'BE_NATIONAL_NUMBER',
        'IBAN_CODE',
        'UNKNOWN',
        'HEALTH_DATA',
    )
    checks = {e: single_value_check(e) for e in entities}
    for _ in range(5000):
        text = ''.join(rng.choice('ab @.\t 12') for _ in range(rng.randrange(0, 140)))
        for entity in entities:
            assert checks[entity](text) == single_value(entity, text), (entity, len(text))
