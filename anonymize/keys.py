"""The secret key behind every surrogate: from an environment variable or a file, never from code.

Whoever holds the key can recompute (and so link) surrogates; whoever does not can
neither reverse them nor test a guess. So the key is at least 16 bytes, never
printed, logged or written next to the copy, and errors name where it was looked
for, never its value. A key given as hex is decoded; any other text is used as
UTF-8 bytes. Sub-keys per purpose are HMAC-SHA256 derivations, so one key serves
every entity without two entities sharing a permutation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

MIN_KEY_BYTES = 16
MAX_KEY_FILE_BYTES = 4096


class KeyError_(ValueError):
    """No usable key: the message says where it was looked for (never the key)."""


def _decode(raw: str) -> bytes:
    raw = raw.strip()
    try:
        return bytes.fromhex(raw)
    except ValueError:
        return raw.encode('utf-8')


#: What :func:`load` says when it gets neither or both sources; the CLI says it with its options.
NO_KEY = 'give the key with exactly one of env= (an environment variable name) or file= (a key file path)'


def load(env: str | None = None, file: str | None = None) -> bytes:
    """The key from ``$env`` or from ``file`` (exactly one of them). Errors name this function's
    parameters; the CLI checks its own options first, so its errors name ``--key-env``/``--key-file``."""
    if (env is None) == (file is None):
        raise KeyError_(NO_KEY)
    if env is not None:
        raw = os.environ.get(env)
        if not raw:
            raise KeyError_(f'environment variable ${env} is not set or empty')
        where = f'${env}'
    else:
        path = Path(file or '').expanduser()
        try:
            with path.open('rb') as f:  # a pipe (--key-file <(pass show key)) is fine; /dev/zero is not
                data = f.read(MAX_KEY_FILE_BYTES + 1)
            raw = data.decode('utf-8')
        except (OSError, UnicodeDecodeError) as e:
            raise KeyError_(f'cannot read key file {path} ({type(e).__name__})') from None
        if len(data) > MAX_KEY_FILE_BYTES:
            raise KeyError_(f'key file {path} is longer than {MAX_KEY_FILE_BYTES} bytes: not a key file')
        where = str(path)
    key = _decode(raw)
    if len(key) < MIN_KEY_BYTES:
        raise KeyError_(f'the key in {where} is shorter than {MIN_KEY_BYTES} bytes')
    return key


def derive(key: bytes, *purpose: str, size: int = 32) -> bytes:
    """A sub-key for ``purpose`` (HMAC-SHA256 of the joined purpose parts), ``size`` <= 32 bytes."""
    msg = '\x1f'.join(('gdprscan-anonymize',) + purpose).encode('utf-8')
    return hmac.new(key, msg, hashlib.sha256).digest()[:size]
