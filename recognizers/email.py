"""EMAIL_ADDRESS: e-mail addresses.

Pattern: the regex starts at the '@' (a literal, so the scan is fast) and
matches the domain: dot-separated labels and an alphabetic top-level domain of
at least two letters; the local part is then taken backwards from the '@'
(letters, digits and ``.!#$%&'*+/=?^_`{|}~-``).

Validator: a local part that holds a letter or digit, starts with one (or '_') once leading
punctuation is dropped, and does not end with a dot nor contain '..' or '/'; a domain of labels
that do not start or end with '-'; a top-level domain that exists (:data:`TLDS`, the ICANN part
of the Public Suffix List in ``tlds.txt``, plus a few internal ones such as ``local``) and is not
a file extension (``icon@2x.png`` is an image). Not part of a URL: a local part right after
``scheme://`` or ``user:`` (``https://key@o1.ingest.sentry.io``, ``https://oauth2:token@gitlab.com``)
is a URL's user information, and ``git@github.com:acme/x.git`` (an address followed by ``:`` and
a path) is an SSH remote. Why: a pre-commit hook over code met decorators in docstrings
(``@contextlib.asynccontextmanager`` after two backticks), SQL patterns (``'%@gmail.com'``), Sentry
DSNs and git remotes on every other commit.

Scoring: 0.6 (the shape alone is strong); the engine raises it to 0.95 with a
CONTEXT word within 40 characters before it or in the column header.

>>> [m.span for m in find('mail: jan.peeters@example.be.')]
[(6, 28)]
>>> list(find('logo@2x.png and @decorator and user@localhost and x@self.weights'))
[]
>>> list(find("like('%@gmail.com') ``@radius.setter`` https://k3y@o1.sentry.io/1 git@github.com:a/b"))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files

from gdprscan.recognizers.base import Match

ENTITY = 'EMAIL_ADDRESS'
SCORE = 0.6
CONTEXT = {
    'nl': ('e-mail', 'email', 'mail', 'e-mailadres', 'mailadres', 'contact'),
    'fr': ('e-mail', 'courriel', 'adresse électronique', 'mail', 'adresse e-mail'),
    'en': ('e-mail', 'email', 'mail', 'email address', 'contact'),
}
DOMAIN = re.compile(r'@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24}))(?![\w@-])')
LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
#: Top-level domains that exist (ICANN section of the Public Suffix List), read once from ``tlds.txt``.
TLDS = frozenset(
    line
    for line in files('gdprscan.recognizers').joinpath('tlds.txt').read_text(encoding='utf-8').split()
    if not line.startswith('#')
)
#: Names used inside organisations (``jan@hr.acme.local``): mail is sent to them, so they are addresses too;
#: and the reserved ``example`` and ``test`` (RFC 2606) of synthetic data and documentation.
INTERNAL_TLDS = frozenset({'local', 'internal', 'intranet', 'corp', 'lan', 'localdomain', 'example', 'test'})
#: File extensions that look like top-level domains (``logo@2x.png``).
NOT_TLDS = frozenset(
    {'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'ts', 'py', 'md', 'txt', 'pdf'}
)


def find(text: str) -> Iterator[Match]:
    if '@' not in text:
        return
    for m in DOMAIN.finditer(text):
        tld = m.group(2).lower()
        if tld in NOT_TLDS or (tld not in TLDS and tld not in INTERNAL_TLDS):
            continue
        end = m.end()
        if end + 1 < len(text) and text[end] == ':' and not text[end + 1].isspace():
            continue  # git@github.com:acme/x.git, an SSH remote
        at = m.start()
        start = at
        while start > 0 and text[start - 1] in LOCAL_CHARS and at - start < 64:
            start -= 1
        local = text[start:at]
        while local and not (local[0].isalnum() or local[0] == '_'):  # quotes, dots, backticks before it
            start += 1
            local = local[1:]
        if not local or local.endswith('.') or '..' in local or '/' in local:
            continue
        if start > 0 and text[start - 1] == '/':
            continue  # https://key@host, git+ssh://git@host: a URL's user information
        if start and text[start - 1] == ':':
            token = text[max(0, start - 256) : start].rsplit(None, 1)[-1]
            if '//' in token:
                continue  # https://user:token@host: a URL's user information
        yield Match(ENTITY, start, end, SCORE, 'email')
