"""Keyed fingerprints of findings, for baselines and SARIF ``partialFingerprints``.

A plain or salted hash of a national number leaks it: all ~36 million valid
numbers hash in minutes. So a fingerprint is HMAC-SHA256 under a secret key kept
outside the repository: ``GDPRSCAN_KEY`` (hex or text, at least 16 bytes) or the
file named by ``GDPRSCAN_KEY_FILE`` (default ``~/.config/gdprscan/key``). Without
the key nobody can test a guess against a fingerprint.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

DEFAULT_KEY_FILE = Path('~/.config/gdprscan/key')
MIN_KEY_BYTES = 16


class KeyError_(ValueError):
    """No usable key: the message says where one is looked for."""


def _decode(raw: str) -> bytes:
    raw = raw.strip()
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        key = raw.encode('utf-8')
    return key


def load_key(env: str = 'GDPRSCAN_KEY', file: str | None = None, required: bool = True) -> bytes | None:
    """The key from ``$env``, ``file``, ``$GDPRSCAN_KEY_FILE`` or the default key file."""
    if file is None and os.environ.get(env):
        key = _decode(os.environ[env])
        source = f'${env}'
    else:
        path = Path(file or os.environ.get('GDPRSCAN_KEY_FILE') or DEFAULT_KEY_FILE).expanduser()
        try:
            key = _decode(path.read_text(encoding='utf-8'))
        except (OSError, UnicodeDecodeError):
            if required:
                raise KeyError_(
                    f'no key: set ${env} or write one to {path} (e.g. `python -c "import secrets; '
                    f'print(secrets.token_hex(32))" > {path}`)'
                ) from None
            return None
        source = str(path)
    if len(key) < MIN_KEY_BYTES:
        raise KeyError_(f'the key in {source} is shorter than {MIN_KEY_BYTES} bytes')
    return key


def fingerprint(key: bytes, *parts: str) -> str:
    """HMAC-SHA256 of ``parts`` (joined unambiguously), hex, 32 characters."""
    msg = '\x1f'.join(parts).encode('utf-8')
    return hmac.new(key, msg, hashlib.sha256).hexdigest()[:32]


def key_file_problem(path: str | Path) -> str | None:
    """Why a key file is unsafe (readable or writable by other users), or None.

    Whoever reads the key can link every surrogate or fingerprint back to its value, and
    whoever can write it can swap it; as ssh does for private keys, say so. A pipe
    (``--key-file <(pass show key)``) or a file that cannot be examined is not judged.
    """
    import stat

    try:
        st = os.stat(Path(path).expanduser())
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or not st.st_mode & 0o077:
        return None
    return f'key file readable or writable by other users (mode {stat.S_IMODE(st.st_mode):03o}); chmod 600 it'


def key_file_in_use(env: str = 'GDPRSCAN_KEY', file: str | None = None) -> Path | None:
    """The key file :func:`load_key` reads with these arguments, or None when the key comes from ``$env``."""
    if file is None and os.environ.get(env):
        return None
    return Path(file or os.environ.get('GDPRSCAN_KEY_FILE') or DEFAULT_KEY_FILE).expanduser()
