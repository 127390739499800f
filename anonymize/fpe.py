"""Keyed permutations of small integer ranges and strings: the bijections behind every surrogate.

Why a permutation and not a hash: a hash into a valid space collides (two people,
one surrogate, a broken unique key); a permutation never does. Why a *cyclic*
one: a random permutation has fixed points (about one per domain), and a fixed
point is an unchanged national number. So a value x goes to
``P^-1(P(x) + 1 mod n)``, which walks one cycle through the whole domain and never
returns x itself. Restricting to the valid values (phone ranges, national check
digits) is cycle-walking: step again until the result is valid; on a single
cycle every valid value reaches another valid value first.

``P`` is FF3-1 (NIST SP 800-38G rev. 1, the ``ff3`` package) where the standard
allows it (domain at least 10^6, length within its maximum) and otherwise, or
with ``cipher='feistel'`` (several times faster), an 8-round balanced Feistel
network over bits with keyed BLAKE2b as round function, cycle-walked into the
range. Keys and tweaks are HMAC derivations of the user's key per purpose.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from gdprscan.anonymize.keys import derive

CIPHERS = ('ff3', 'feistel')
FF3_MIN_DOMAIN = 10**6
ROUNDS = 8
DIGITS = '0123456789'
BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'
MAX_WALK = 1_000_000
#: Domains up to this size use a precomputed cycle (sort by keyed hash): one hash per element, once.
TABLE_MAX = 1 << 16
#: Feistel halves up to this many bits use precomputed round tables instead of a hash per round.
ROUND_TABLE_BITS = 12
CACHE_TABLES = 256
#: Cycle tables are kept up to this many elements in all (about 64 MB).
CACHE_ELEMENTS = 1 << 23


class WalkError(ValueError):
    """No valid value reached within the walk limit (the value is not in a usable domain)."""


def _ff3_maxlen(radix: int) -> int:
    return 2 * math.floor(96 / math.log2(radix))


class Permuter:
    """Keyed cyclic permutations (no fixed points) over ``range(n)`` and over strings of an alphabet."""

    def __init__(self, key: bytes, cipher: str = 'ff3') -> None:
        if cipher not in CIPHERS:
            raise ValueError(f'unknown cipher {cipher!r} (choose from {", ".join(CIPHERS)})')
        self.cipher = cipher
        self._feistel_key = derive(key, 'feistel')
        self._ff3_key = derive(key, 'ff3', size=16).hex()
        self._ff3: dict[str, Any] = {}
        self._cycles: dict[tuple[int, bytes], list[int]] = {}
        self._cycle_size = 0
        self._rounds: dict[tuple[int, bytes], list[list[int]]] = {}

    def _cycle(self, n: int, tweak: bytes) -> list[int]:
        """successor table of a keyed uniformly random n-cycle: order the domain by a keyed hash,
        then each element's successor is the next one in that order."""
        table = self._cycles.get((n, tweak))
        if table is None:
            base = hashlib.blake2b(key=self._feistel_key, digest_size=8, salt=tweak[:16], person=b'cycle')

            def rank(i: int) -> bytes:
                h = base.copy()
                h.update(i.to_bytes(8, 'big'))
                return h.digest()

            order = sorted(range(n), key=rank)
            table = [0] * n
            for i, x in enumerate(order):
                table[x] = order[(i + 1) % n]
            self._cycle_size += n
            if self._cycle_size > CACHE_ELEMENTS:
                self._cycles.clear()
                self._cycle_size = n
            self._cycles[(n, tweak)] = table
        return table

    def _round_tables(self, half: int, tweak: bytes) -> list[list[int]]:
        tables = self._rounds.get((half, tweak))
        if tables is None:
            base = hashlib.blake2b(key=self._feistel_key, digest_size=8, salt=tweak[:16])
            mask = (1 << half) - 1
            nbytes = (half + 7) // 8
            tables = []
            for r in range(ROUNDS):
                row = []
                for right in range(1 << half):
                    h = base.copy()
                    h.update(bytes((r,)) + right.to_bytes(nbytes, 'big'))
                    row.append(int.from_bytes(h.digest(), 'big') & mask)
                tables.append(row)
            if len(self._rounds) >= CACHE_TABLES:
                self._rounds.clear()
            self._rounds[(half, tweak)] = tables
        return tables

    # -- the underlying permutation P and its inverse ------------------------------------------
    def _ff3_cipher(self, alphabet: str) -> Any:
        c = self._ff3.get(alphabet)
        if c is None:
            from ff3 import FF3Cipher

            zero_tweak = '00' * 7
            c = (
                FF3Cipher(self._ff3_key, zero_tweak)
                if alphabet == DIGITS
                else (FF3Cipher.withCustomAlphabet(self._ff3_key, zero_tweak, alphabet))
            )
            self._ff3[alphabet] = c
        return c

    def _use_ff3(self, radix: int, length: int) -> bool:
        return self.cipher == 'ff3' and radix**length >= FF3_MIN_DOMAIN and length <= _ff3_maxlen(radix)

    def _feistel(self, x: int, n: int, tweak: bytes, inverse: bool) -> int:
        bits = max(2, (n - 1).bit_length())
        bits += bits % 2
        half = bits // 2
        mask = (1 << half) - 1
        nbytes = (half + 7) // 8
        if half <= ROUND_TABLE_BITS:
            tables = self._round_tables(half, tweak)
            while True:
                left, right = x >> half, x & mask
                if inverse:
                    for r in range(ROUNDS - 1, -1, -1):
                        left, right = right ^ tables[r][left], left
                else:
                    for r in range(ROUNDS):
                        left, right = right, left ^ tables[r][right]
                x = (left << half) | right
                if x < n:
                    return x
        base = hashlib.blake2b(key=self._feistel_key, digest_size=8, salt=tweak[:16])
        while True:
            left, right = x >> half, x & mask
            rounds = range(ROUNDS - 1, -1, -1) if inverse else range(ROUNDS)
            for r in rounds:
                if inverse:
                    left, right = right, left
                h = base.copy()
                h.update(bytes((r,)) + right.to_bytes(nbytes, 'big'))
                f = h.digest()
                left ^= int.from_bytes(f, 'big') & mask
                if not inverse:
                    left, right = right, left
            x = (left << half) | right
            if x < n:
                return x

    def _perm(
        self, x: int, n: int, tweak: bytes, inverse: bool, radix: int, length: int, alphabet: str
    ) -> int:
        if self._use_ff3(radix, length):
            c = self._ff3_cipher(alphabet)
            t = tweak[:7].hex()
            s = _to_str(x, alphabet, length)
            out = c.decrypt_with_tweak(s, t) if inverse else c.encrypt_with_tweak(s, t)
            return _from_str(out, alphabet)
        return self._feistel(x, n, tweak, inverse)

    # -- the cyclic permutation ---------------------------------------------------------------
    def step(
        self, x: int, n: int, tweak: bytes, radix: int = 10, length: int = 0, alphabet: str = DIGITS
    ) -> int:
        """The successor of ``x`` on the keyed cycle through ``range(n)`` (``n = radix**length`` for FF3)."""
        if n < 2:
            raise WalkError('domain too small')
        if not length or radix**length != n:
            radix, length, alphabet = 0, 0, ''
        if n <= TABLE_MAX and not self._use_ff3(radix, length):
            return self._cycle(n, tweak)[x]
        y = self._perm(x, n, tweak, False, radix, length, alphabet)
        return self._perm((y + 1) % n, n, tweak, True, radix, length, alphabet)

    def int(self, x: int, n: int, purpose: str, valid: Callable[[int], bool] | None = None) -> int:
        """``x`` (in ``range(n)``) moved along the cycle to the next value that satisfies ``valid``."""
        tweak = _tweak(purpose)
        length = len(str(n - 1)) if n > 1 and n == 10 ** len(str(n - 1)) else 0
        y = self.step(x, n, tweak, 10, length)
        walked = 1
        while valid is not None and not valid(y):
            y = self.step(y, n, tweak, 10, length)
            walked += 1
            if walked > MAX_WALK or y == x:
                raise WalkError('no valid value on the cycle')
        return y

    def string(self, s: str, alphabet: str, purpose: str, valid: Callable[[str], bool] | None = None) -> str:
        """``s`` (characters of ``alphabet``) to another string of the same length, cyclically."""
        radix, length = len(alphabet), len(s)
        if length == 0:
            return s
        maxlen = _ff3_maxlen(radix)
        if length > maxlen and valid is None:
            # Long strings: each chunk is permuted on its own (still a bijection of the whole).
            return ''.join(
                self.string(s[i : i + maxlen], alphabet, f'{purpose}\x1f{i}')
                for i in range(0, length, maxlen)
            )
        n = radix**length
        tweak = _tweak(purpose)
        x = _from_str(s, alphabet)
        y = self.step(x, n, tweak, radix, length, alphabet)
        walked = 1
        while valid is not None and not valid(_to_str(y, alphabet, length)):
            y = self.step(y, n, tweak, radix, length, alphabet)
            walked += 1
            if walked > MAX_WALK or y == x:
                raise WalkError('no valid value on the cycle')
        return _to_str(y, alphabet, length)


@lru_cache(maxsize=65536)
def _tweak(purpose: str) -> bytes:
    """A 16-byte tweak per purpose (FF3-1 uses the first 7 bytes, the Feistel rounds all 16)."""
    return hashlib.sha256(purpose.encode('utf-8')).digest()[:16]


def _to_str(x: int, alphabet: str, length: int) -> str:
    radix = len(alphabet)
    out = []
    for _ in range(length):
        x, r = divmod(x, radix)
        out.append(alphabet[r])
    return ''.join(reversed(out))


def _from_str(s: str, alphabet: str) -> int:
    radix = len(alphabet)
    x = 0
    for ch in s:
        x = x * radix + alphabet.index(ch)
    return x
