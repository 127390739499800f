"""Shared types of the recognisers: :class:`Match`, the :class:`Recognizer` protocol, helpers.

Imports nothing of the project; recognisers see strings, never files.

Scoring, for every pattern recogniser: a candidate that fails its validator
(checksum, phone-number plan, ...) is dropped, never scored low. A valid one gets
the module's ``SCORE`` (medium, 0.4-0.6 by how often such a shape occurs by
chance). :func:`boost` raises it to ``CONTEXT_SCORE`` (0.95) when one of the
module's ``CONTEXT`` words (any of nl/fr/en, or the unit's language when known)
occurs within ``CONTEXT_WINDOW`` characters before the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Protocol
from typing import runtime_checkable

CONTEXT_SCORE = 0.95
#: Score of a match preceded by a counter-context word (below the default --min-score 0.5).
COUNTER_SCORE = 0.3
#: Words that say a number belongs to a document, not a person. A mod-97 check passes by chance
#: for 1 in 97 eleven-digit invoice numbers; next to these words (or under such a column header)
#: a match is demoted to ``COUNTER_SCORE`` unless a CONTEXT word is present too. Recognisers of
#: checksummed digit runs opt in with ``NEGATIVE_CONTEXT = DOCUMENT_NUMBER_WORDS``; the phone recogniser
#: uses them too, less the words that also name a person. Tracking, serial, batch and lot words came
#: with QA2's D4/D5 (``Track & trace: 82040208949``, ``Batch 092345678``).
DOCUMENT_NUMBER_WORDS = {
    'nl': (
        'factuur',
        'factuurnummer',
        'factuurnr',
        'bestelling',
        'bestelnummer',
        'ordernummer',
        'order',
        'referentie',
        'ref',
        'klantnummer',
        'artikel',
        'artikelnummer',
        'productcode',
        'product',
        'bestelbon',
        'ticket',
        'zending',
        'pakket',
        'gestructureerde mededeling',
        'ogm',
        'creditnota',
        'facturen',
        'bestellingen',
        'zendingsnummer',
        'track & trace',
        'track and trace',
        'track',
        'tracknummer',
        'serienummer',
        'sn',
        's/n',
        'batch',
        'batchnummer',
        'lot',
        'lotnummer',
    ),
    'fr': (
        'facture',
        'numéro de facture',
        'commande',
        'référence',
        'réf',
        'article',
        'produit',
        'bon de commande',
        'colis',
        'communication structurée',
        'note de crédit',
        'client',
        'factures',
        'commandes',
        'numéro de commande',
        'numéro de suivi',
        'numéro de série',
        'lot',
    ),
    'en': (
        'invoice',
        'invoice number',
        'order',
        'order number',
        'reference',
        'ref',
        'item',
        'product',
        'sku',
        'ticket',
        'tracking',
        'shipment',
        'parcel',
        'purchase order',
        'credit note',
        'customer',
        'invoices',
        'orders',
        'tracking number',
        'track',
        'serial',
        'serial number',
        'batch',
        'lot',
    ),
}
CONTEXT_WINDOW = 40
LANGUAGES = ('nl', 'fr', 'en')


@dataclass(slots=True)
class Match:
    """One entity found in a string: offsets into that string, never a copy of the file.

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made
    creating one cost 1.3 us instead of 0.5; a dense export makes three per finding. Treat it as
    immutable all the same (make a new one; ``dataclasses.replace``).
    """

    entity: str
    start: int
    end: int
    score: float
    recognizer: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@runtime_checkable
class Recognizer(Protocol):
    """What the engine needs of a recogniser (a module satisfies it by its names).

    Optional: ``TRIGGER`` (a :class:`Trigger`) lets the engine run it on windows only.
    """

    ENTITY: str
    SCORE: float
    CONTEXT: Mapping[str, tuple[str, ...]]

    def find(self, text: str) -> Iterator[Match]: ...


@dataclass(frozen=True, slots=True)
class Trigger:
    """Where a recogniser can match, so the engine runs it on small windows instead of a whole batch.

    The engine finds *digit clusters* (digits with ``' ./()-'`` between them, at least
    seven characters) with one fast regex, and runs the recogniser on the cluster plus
    ``before``/``after`` characters when the cluster holds at least ``min_digits``
    digits and ``min_dots`` dots. Every match must overlap its cluster. When
    ``whole_if(batch)`` is true the recogniser runs on the whole batch instead (for
    shapes a digit cluster misses, such as ``fe80::1``). ``pattern``, when given, must be
    the regex whose matches ``find`` validates: it is searched in the window first
    (cheaper than a call of ``find``), and ``find`` then starts at its first match. A
    triggered recogniser's ``find`` takes ``pos`` and ``endpos`` like
    :meth:`re.Pattern.finditer`, so its look-behinds see the text before the window.
    """

    min_digits: int
    min_dots: int = 0
    before: int = 8
    after: int = 8
    whole_if: Callable[[str], bool] | None = None
    pattern: re.Pattern[str] | None = None


class RecognizerError(ValueError):
    """A plugin or YAML recogniser that does not have the required names."""


def check_recognizer(obj: Any, name: str) -> Recognizer:
    """Return ``obj`` if it has the recogniser names, else raise :class:`RecognizerError`."""
    missing = [n for n in ('ENTITY', 'SCORE', 'CONTEXT', 'find') if not hasattr(obj, n)]
    if missing:
        raise RecognizerError(f'recogniser {name!r} lacks {", ".join(missing)}')
    if not isinstance(obj.ENTITY, str) or not callable(obj.find) or not isinstance(obj.CONTEXT, Mapping):
        raise RecognizerError(f'recogniser {name!r}: ENTITY must be text, CONTEXT a mapping, find callable')
    return obj  # type: ignore[no-any-return]


def normalise(value: str) -> str:
    """The value without separators, as the validators want it."""
    return re.sub(r'[\s./-]', '', value)


def match_pattern(
    text: str,
    pattern: re.Pattern[str],
    is_valid: Callable[[str], bool],
    entity: str,
    score: float,
    recognizer: str | None = None,
    group: int = 0,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[Match]:
    """Matches of ``pattern`` in ``text[pos:endpos]`` whose (separator-free) text passes ``is_valid``."""
    name = recognizer or entity.lower()
    for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
        start, end = m.span(group)
        if is_valid(normalise(m.group(group))):
            yield Match(entity, start, end, score, name)


def context_words(context: Mapping[str, tuple[str, ...]], lang: str | None = None) -> tuple[str, ...]:
    """The context words of ``lang``, or of every language when it is unknown."""
    if lang in context:
        return tuple(context[lang])  # type: ignore[index]
    return tuple(w for words in context.values() for w in words)


def _context_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = '|'.join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf'(?<!\w)(?:{alts})(?!\w)', re.IGNORECASE)


_regex_cache: dict[tuple[str, ...], re.Pattern[str]] = {}


def find_context(
    text: str, start: int, words: tuple[str, ...], window: int = CONTEXT_WINDOW, lo: int = 0
) -> str | None:
    """The first context word in the ``window`` characters before ``start`` (not before ``lo``)."""
    if not words:
        return None
    rx = _regex_cache.get(words)
    if rx is None:
        rx = _regex_cache[words] = _context_regex(words)
    m = rx.search(text, max(lo, start - window), start)
    return m.group(0).lower() if m else None


def boost(text: str, match: Match, context: Mapping[str, tuple[str, ...]], lang: str | None = None) -> Match:
    """``match`` with score ``CONTEXT_SCORE`` and the word in its evidence when context precedes it."""
    word = find_context(text, match.start, context_words(context, lang))
    if word is None or match.score >= CONTEXT_SCORE:
        return match
    evidence = {**match.evidence, 'context': word}
    return Match(match.entity, match.start, match.end, CONTEXT_SCORE, match.recognizer, evidence)
