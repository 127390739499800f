"""EMAIL_ADDRESS: e-mail addresses.

Pattern: the regex starts at the '@' (a literal, so the scan is fast) and
matches the domain: dot-separated labels and an alphabetic top-level domain of
at least two letters; the local part is then taken backwards from the '@'
(letters, digits and ``.!#$%&'*+/=?^_`{|}~-``).

Validator: a non-empty local part that does not start or end with a dot nor
contain '..', a domain of labels that do not start or end with '-', and a
top-level domain that is not a file extension (``icon@2x.png`` is an image).

Scoring: 0.6 (the shape alone is strong); the engine raises it to 0.95 with a
CONTEXT word within 40 characters before it or in the column header.

>>> [m.span for m in find('mail: jan.peeters@example.be.')]
[(6, 28)]
>>> list(find('logo@2x.png and @decorator and user@localhost'))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
#: File extensions that look like top-level domains (``logo@2x.png``).
NOT_TLDS = frozenset(
    {'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'ts', 'py', 'md', 'txt', 'pdf'}
)


def find(text: str) -> Iterator[Match]:
    if '@' not in text:
        return
    for m in DOMAIN.finditer(text):
        if m.group(2).lower() in NOT_TLDS:
            continue
        at = m.start()
        start = at
        while start > 0 and text[start - 1] in LOCAL_CHARS and at - start < 64:
            start -= 1
        local = text[start:at]
        while local and local[0] in "'.":  # quotes and dots before an address are punctuation
            start += 1
            local = local[1:]
        if not local or local.endswith('.') or '..' in local:
            continue
        yield Match(ENTITY, start, m.end(), SCORE, 'email')
