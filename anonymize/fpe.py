"""Keyed permutations of small integer ranges and strings: the bijections behind every surrogate.

Why a permutation and not a hash: a hash into a valid space collides (two people,
one surrogate, a broken unique key); a permutation never does. Why a *cyclic*
one: a random permutation has fixed points (about one per domain), and a fixed
point is an unchanged national number. So a value x goes to
``P^-1(P(x) + 1 mod n)``, which walks one cycle through the whole domain and never
returns x itself. Restricting to the valid values (phone ranges, national check
digits) is cycle-walking: step again until the result is valid; on a single
cycle every valid value reaches another valid value first. The k-th step is
``P^-1(P(x) + k)``, so a walk computes ``P(x)`` once.

``P`` is FF3-1 (NIST SP 800-38G rev. 1) where the standard allows it (domain at
least 10^6, length within its maximum); domains up to 2^16 use a keyed random
cycle (the domain sorted by a keyed BLAKE2b hash); the rest, or every domain with
``cipher='feistel'``, an 8-round balanced Feistel network over bits with keyed
BLAKE2b round functions, cycle-walked into the range. Keys and tweaks are HMAC
derivations of the user's key per purpose.

Why FF3-1 stays the default although ``feistel`` was once faster: FF3-1 is the
published standard, and it no longer costs more. :mod:`.ff31` computes exactly the
``ff3`` package's FF3-1 (tested against NIST's ACVP vectors and against the
package) with AES from ``cryptography`` and, for a (tweak, length) used often,
precomputed round tables, so a permutation of a 7-digit account is a few list
look-ups. ``feistel`` is still offered and gives the same surrogates as before;
its bit-oriented network must cycle-walk decimal domains (10^5 in 2^18), so it is
now the slower of the two. Both are keyed permutations of the valid space with
8 rounds (Patarin: enough for a balanced Feistel network to be a strong PRP); the
round tables change how the round function is computed, never its values.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from gdprscan.anonymize.ff31 import FF31
from gdprscan.anonymize.ff31 import TABLE_AFTER
from gdprscan.anonymize.keys import derive

CIPHERS = ('ff3', 'feistel')
FF3_MIN_DOMAIN = 10**6
ROUNDS = 8
DIGITS = '0123456789'
BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'
MAX_WALK = 1_000_000
#: Domains up to this size use a precomputed cycle (sort by keyed hash): one hash per element, once.
TABLE_MAX = 1 << 16
#: Feistel halves up to this many bits use precomputed round tables instead of a hash per round
#: (once the pair of half size and tweak has been used TABLE_AFTER times).
ROUND_TABLE_BITS = 12
#: Cycle tables, and apart from them Feistel round tables, are kept up to this many elements each.
CACHE_ELEMENTS = 1 << 23


class WalkError(ValueError):
    """No valid value reached within the walk limit (the value is not in a usable domain)."""


@lru_cache(maxsize=256)
def _ff3_maxlen(radix: int) -> int:
    return 2 * math.floor(96 / math.log2(radix))


class Permuter:
    """Keyed cyclic permutations (no fixed points) over ``range(n)`` and over strings of an alphabet."""

    def __init__(self, key: bytes, cipher: str = 'ff3') -> None:
        if cipher not in CIPHERS:
            raise ValueError(f'unknown cipher {cipher!r} (choose from {", ".join(CIPHERS)})')
        self.cipher = cipher
        self._feistel_key = derive(key, 'feistel')
        self._ff3_key = derive(key, 'ff3', size=16)
        self._ff3: dict[int, FF31] = {}
        self._cycles: dict[tuple[int, bytes], list[int]] = {}
        self._cycle_size = 0
        self._rounds: dict[tuple[int, bytes], list[list[int]]] = {}
        self._round_uses: dict[tuple[int, bytes], int] = {}
        self._round_size = 0
        self._hashers: dict[bytes, Any] = {}
        #: (n, radix, length) -> 'table' (a precomputed cycle), 'ff3' or 'feistel'
        self._modes: dict[tuple[int, int, int], str] = {}
        #: (purpose, n) -> cycle table of a small int domain; (purpose, -length) -> (FF3-1, tweak)
        self._shortcuts: dict[tuple[str, int], Any] = {}

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
                self._shortcuts.clear()
                self._cycle_size = n
            self._cycles[(n, tweak)] = table
        return table

    def _hasher(self, tweak: bytes) -> Any:
        """The keyed BLAKE2b state of a tweak, copied per round (cheaper than a new keyed hash)."""
        base = self._hashers.get(tweak)
        if base is None:
            if len(self._hashers) >= 65_536:
                self._hashers.clear()
            base = self._hashers[tweak] = hashlib.blake2b(
                key=self._feistel_key, digest_size=8, salt=tweak[:16]
            )
        return base

    def _round_tables(self, half: int, tweak: bytes) -> list[list[int]] | None:
        """The eight round functions of a (half size, tweak) as tables, once the pair is used often:
        the same values the per-round hash gives, computed once."""
        key = (half, tweak)
        tables = self._rounds.get(key)
        if tables is not None:
            return tables
        if half > ROUND_TABLE_BITS:
            return None
        uses = self._round_uses.get(key, 0) + 1
        self._round_uses[key] = uses
        if uses < TABLE_AFTER:
            return None
        if len(self._round_uses) >= 65_536:
            self._round_uses.clear()
        base = self._hasher(tweak)
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
        self._round_size += ROUNDS << half
        if self._round_size > CACHE_ELEMENTS:
            self._rounds.clear()
            self._round_size = ROUNDS << half
        self._rounds[key] = tables
        return tables

    # -- the underlying permutation P and its inverse ------------------------------------------
    def _ff3_cipher(self, radix: int) -> FF31:
        c = self._ff3.get(radix)
        if c is None:
            c = self._ff3[radix] = FF31(self._ff3_key, radix)
        return c

    def _use_ff3(self, radix: int, length: int) -> bool:
        return self.cipher == 'ff3' and radix**length >= FF3_MIN_DOMAIN and length <= _ff3_maxlen(radix)

    def _feistel(self, x: int, n: int, tweak: bytes, inverse: bool) -> int:
        half, mask, nbytes = _halves(n)
        tables = self._round_tables(half, tweak)
        if tables is not None:
            # the eight rounds unrolled; the halves swap roles each round instead of swapping values
            t0, t1, t2, t3, t4, t5, t6, t7 = tables
            while True:
                left, right = x >> half, x & mask
                if inverse:
                    right ^= t7[left]
                    left ^= t6[right]
                    right ^= t5[left]
                    left ^= t4[right]
                    right ^= t3[left]
                    left ^= t2[right]
                    right ^= t1[left]
                    left ^= t0[right]
                else:
                    left ^= t0[right]
                    right ^= t1[left]
                    left ^= t2[right]
                    right ^= t3[left]
                    left ^= t4[right]
                    right ^= t5[left]
                    left ^= t6[right]
                    right ^= t7[left]
                x = (left << half) | right
                if x < n:
                    return x
        base = self._hasher(tweak)
        while True:
            left, right = x >> half, x & mask
            rounds = range(ROUNDS - 1, -1, -1) if inverse else range(ROUNDS)
            for r in rounds:
                if inverse:
                    left, right = right, left
                h = base.copy()
                h.update(bytes((r,)) + right.to_bytes(nbytes, 'big'))
                left ^= int.from_bytes(h.digest(), 'big') & mask
                if not inverse:
                    left, right = right, left
            x = (left << half) | right
            if x < n:
                return x

    # -- the cyclic permutation ---------------------------------------------------------------
    def walk(
        self,
        x: int,
        n: int,
        tweak: bytes,
        radix: int = 10,
        length: int = 0,
        valid: Callable[[int], bool] | None = None,
    ) -> int:
        """``x`` moved along the keyed cycle through ``range(n)`` to the next value that satisfies
        ``valid`` (``n = radix**length`` selects FF3-1 where it applies).

        On the cycle ``P^-1(P(x) + k)``, the k-th successor costs one inverse permutation once
        ``P(x)`` is known, so a walk over invalid values does not recompute ``P``.
        """
        mode = self._modes.get((n, radix, length))
        if mode is None:
            if n < 2:
                raise WalkError('domain too small')
            if not length or radix**length != n:
                radix, length = 0, 0
            ff3 = self._use_ff3(radix, length)
            if len(self._modes) >= 65_536:
                self._modes.clear()
            mode = 'table' if n <= TABLE_MAX and not ff3 else ('ff3' if ff3 else 'feistel')
            self._modes[(n, radix, length)] = mode
        if mode == 'table':
            table = self._cycle(n, tweak)
            y = table[x]
            walked = 1
            while valid is not None and not valid(y):
                y = table[y]
                walked += 1
                if walked > MAX_WALK or y == x:
                    raise WalkError('no valid value on the cycle')
            return y
        if mode == 'ff3':
            got = self._ff3_cipher(radix).walk(x, length, tweak[:7], valid, MAX_WALK)
            if got is None:
                raise WalkError('no valid value on the cycle')
            return got
        feistel = self._feistel
        z = feistel(x, n, tweak, False)
        walked = 0
        while True:
            z = z + 1 if z + 1 < n else 0
            y = feistel(z, n, tweak, True)
            walked += 1
            if y == x or walked > MAX_WALK:  # back at x: no other valid value
                raise WalkError('no valid value on the cycle')
            if valid is None or valid(y):
                return y

    def step(
        self, x: int, n: int, tweak: bytes, radix: int = 10, length: int = 0, alphabet: str = DIGITS
    ) -> int:
        """The successor of ``x`` on the keyed cycle through ``range(n)`` (``n = radix**length`` for FF3)."""
        return self.walk(x, n, tweak, radix, length)

    def _shortcut(self, key: tuple[str, int], value: Any) -> None:
        """Remember what a (purpose, size) resolves to, so the next call skips the tweak and mode."""
        if len(self._shortcuts) >= 65_536:
            self._shortcuts.clear()
        self._shortcuts[key] = value

    def int(self, x: int, n: int, purpose: str, valid: Callable[[int], bool] | None = None) -> int:
        """``x`` (in ``range(n)``) moved along the cycle to the next value that satisfies ``valid``."""
        table = self._shortcuts.get((purpose, n))
        if table is not None and valid is None and 0 <= x < n:
            return table[x]  # a small domain's cycle table: the same as walk() gives
        y = self.walk(x, n, _tweak(purpose), 10, _decimal_length(n), valid)
        if valid is None and self._modes.get((n, 10, _decimal_length(n))) == 'table':
            self._shortcut((purpose, n), self._cycle(n, _tweak(purpose)))
        return y

    def string(self, s: str, alphabet: str, purpose: str, valid: Callable[[str], bool] | None = None) -> str:
        """``s`` (characters of ``alphabet``) to another string of the same length, cyclically."""
        if alphabet is DIGITS and s.isascii() and s.isdigit():
            # Decimal strings (accounts, phone and card digits) under FF3-1: straight to the cipher's
            # fused walk, with the tweak resolved once per purpose and length.
            length = len(s)
            cut = self._shortcuts.get((purpose, -length))
            if cut is not None and cut[0] is not None:
                cipher, tweak7 = cut
                if valid is None:
                    y = cipher.walk(int(s), length, tweak7, None, MAX_WALK)
                else:
                    check = valid
                    y = cipher.walk(int(s), length, tweak7, lambda i: check(str(i).zfill(length)), MAX_WALK)
                if y is None:
                    raise WalkError('no valid value on the cycle')
                return str(y).zfill(length)
            if cut is None:
                ff3 = self._use_ff3(10, length)
                self._shortcut(
                    (purpose, -length), (self._ff3_cipher(10), _tweak(purpose)[:7]) if ff3 else (None, b'')
                )
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
        x = _from_str(s, alphabet)
        tweak = _tweak(purpose)
        if valid is None:
            y = self.walk(x, radix**length, tweak, radix, length)
        else:
            check = valid
            y = self.walk(
                x, radix**length, tweak, radix, length, lambda i: check(_to_str(i, alphabet, length))
            )
        return _to_str(y, alphabet, length)


@lru_cache(maxsize=4096)
def _halves(n: int) -> tuple[int, int, int]:
    """(half width in bits, its mask, its byte length) of the balanced Feistel network over ``n``."""
    bits = max(2, (n - 1).bit_length())
    bits += bits % 2
    half = bits // 2
    return half, (1 << half) - 1, (half + 7) // 8


@lru_cache(maxsize=4096)
def _decimal_length(n: int) -> int:
    """``k`` when ``n`` is ``10**k`` (FF3-1 then applies to ``range(n)``), else 0."""
    length = len(str(n - 1))
    return length if n > 1 and n == 10**length else 0


@lru_cache(maxsize=65536)
def _tweak(purpose: str) -> bytes:
    """A 16-byte tweak per purpose (FF3-1 uses the first 7 bytes, the Feistel rounds all 16)."""
    return hashlib.sha256(purpose.encode('utf-8')).digest()[:16]


def _to_str(x: int, alphabet: str, length: int) -> str:
    if alphabet is DIGITS or alphabet == DIGITS:
        return str(x).zfill(length)
    radix = len(alphabet)
    out = []
    for _ in range(length):
        x, r = divmod(x, radix)
        out.append(alphabet[r])
    return ''.join(reversed(out))


def _from_str(s: str, alphabet: str) -> int:
    if alphabet == DIGITS and s.isascii() and s.isdigit():
        return int(s)
    radix = len(alphabet)
    x = 0
    for ch in s:
        x = x * radix + alphabet.index(ch)
    return x
