"""LOCATION: street addresses, Belgian forms first (Dutch and French), UK/US forms too.

Rules (``evidence['rule']``):

- ``street``: a street name with a Dutch street word (``Kerkstraat``, ``Koning Albertlaan``,
  ``Grote Markt``, ``Brusselsesteenweg``) or a French/English one before or after the name
  (``Rue de la Loi``, ``Avenue Louise``, ``Chaussée de Wavre``, ``Baker Street``), then a
  house number (``12``, ``12A``, ``12/3``, ``12 bus 3``, ``16 boîte 2``, ``54 bte 1``), then
  optionally ``, 9000 Gent`` (same or next line). Score 0.85 with a postcode, else 0.6.
- ``postcode``: any capitalised name and number followed by a Belgian postcode (1000-9999)
  and a listed municipality (``Meir 1, 2000 Antwerpen``). Score 0.85.
- ``number_first``: ``16, rue de la Loi``; ``221B Baker Street``. Score 0.6 (0.85 with postcode).
- ``uk_postcode``/``us_zip``: an English street address with ``London SW1A 1AA`` or ``NY 10001``.

A lone ``9000 Gent`` is not reported (it is a place, not an address); the span covers the
street, number, box and postcode line. No list is needed except the municipalities
(``places_be.txt``), loaded on first use.

>>> [(m.start, m.end) for m in find('Adres: Kerkstraat 12 bus 3, 9000 Gent.')]
[(7, 37)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from gdprscan.recognizers import wordlists
from gdprscan.recognizers.base import Match

ENTITY = 'LOCATION'
SCORE = 0.6
LANGUAGES = ('nl', 'fr', 'en')
CONTEXT = {
    'nl': ('adres', 'woonplaats', 'woonachtig', 'wonende', 'domicilie', 'verblijfplaats', 'straat'),
    'fr': ('adresse', 'domicile', 'domicilié', 'domiciliée', 'résidant', 'résidence', 'rue'),
    'en': ('address', 'home address', 'residing', 'lives at', 'street'),
}
RECOGNIZER = 'location'

_UP = 'A-ZÀ-ÖØ-Þ'
_L = 'a-zß-öø-ÿ'
_CAP = rf"(?:[{_UP}][{_L}'’]*\.?(?:-[{_UP}]?[{_L}'’]+)*)"
_NL_END = (
    r'(?:straat|str\.|laan|steenweg|plein|dreef|kaai|lei|baan|markt|singel|vest|dijk|wegel|gracht|steeg|'
    r'weg|park|hof|berg|veld|pad|ring|kouter|meers|akker|heide|hoek|dries|plaats|boulevard|square|'
    r'galerij|passage|wal|brug|poort|bos|vliet|kant|put|molen|hoeve|gaarde|beemd|velden|heuvel)'
)
_FR_STREET = (
    r'(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d\.?|[Cc]haussée|[Pp]lace|[Ss]quare|[Cc]hemin|[Qq]uai|'
    r'[Aa]llée|[Dd]rève|[Ii]mpasse|[Cc]los|[Rr]ond-[Pp]oint|[Gg]alerie|[Pp]arvis|[Ss]entier|[Rr]oute|'
    r'[Rr]ésidence|[Cc]ours|[Vv]oie|[Pp]assage|[Ss]tationsplein)'
)
_EN_END = (
    r'(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Close|Court|Ct\.?|'
    r'Way|Place|Pl\.?|Square|Sq\.?|Crescent|Terrace|Gardens|Grove|Hill|Row|Mews|Parkway)'
)
_CONNECT = r"(?:de|du|des|de la|de l'|d'|l'|la|le|les|aux|au|sur|en|et|à|van|der|den|de|ter|ten|of|the)"
_NUMBER = r'\d{1,4}(?:[ ]?[A-Za-z](?![\w]))?(?:/\d{1,4}[A-Za-z]?)?'
_BOX = r'(?:,?[ ]?(?:bus|bte\.?|boîte|boite|b\.|box|apt\.?|appt\.?|flat|/)[ ]?\w{1,5})?'


def _post(n: int) -> str:
    """', 9000 Gent' (same or next line), with group names numbered ``n`` (pc1, city1, ...)."""
    return (
        rf'(?:,?[ \t]*(?:\n[ \t]*)?(?:B-|BE-)?(?P<pc{n}>[1-9]\d{{3}})'
        rf'[ \t]+(?P<city{n}>{_CAP}(?:[ -]{_CAP})*))'
    )


# Dutch: up to three capitalised words, the last ending in a street word ("Koning Albertlaan", "Grote Markt").
_NL = rf'(?:{_CAP}[ ]){{0,3}}{_CAP}?{_NL_END}\b'
# French: street word, then up to six words (connectors or capitalised) of the name.
_FR = rf'{_FR_STREET}[ ](?:(?:{_CAP}|{_CONNECT})[ ]?){{1,7}}'
_EN = rf'(?:{_CAP}[ ]){{1,3}}{_EN_END}'

#: Street first: "Kerkstraat 12 bus 3, 9000 Gent", "Rue de la Loi 16", "Meir 1, 2000 Antwerpen".
STREET_FIRST = re.compile(
    rf'(?<![\w-])(?P<street>{_NL}|{_FR})[ ]?,?[ ](?P<number>{_NUMBER}){_BOX}(?P<post>{_post(1)})?(?!\w)'
    rf'|(?<![\w-])(?P<street2>{_CAP}(?:[ ]{_CAP}){{0,2}})[ ](?P<number2>{_NUMBER}){_BOX}{_post(2)}(?!\w)'
)
#: Number first: "16, rue de la Loi", "221B Baker Street, London NW1 6XE", "27 Kingsway, Manchester M20 5PQ".
NUMBER_FIRST = re.compile(
    rf'(?=\d)(?:(?<![\w/.,-])(?P<number3>\d{{1,4}}[A-Za-z]?),?[ ](?P<street3>{_FR}|{_EN})(?<![ ])'
    rf'(?P<post3>{_post(3)})?'
    rf'(?P<uk>,?[ ](?:{_CAP}[ ]?)+,?[ ][A-Z]{{1,2}}\d[A-Z\d]?[ ]\d[A-Z]{{2}}'
    rf'|,?[ ](?:{_CAP}[ ]?)+,[ ][A-Z]{{2}}[ ]\d{{5}}(?:-\d{{4}})?)?(?!\w)'
    rf'|(?<![\w/.,-])(?P<number4>\d{{1,4}}[A-Za-z]?)[ ](?P<street4>{_CAP}(?:[ ]{_CAP}){{0,2}}),[ ]'
    rf'(?:{_CAP}[ ]?)+[ ]?[A-Z]{{1,2}}\d[A-Z\d]?[ ]\d[A-Z]{{2}}(?!\w))',
)
#: Speed: a house number after a word ("...straat 12", "Loi 16") is where a street-first address can end;
#: only there is STREET_FIRST tried, at the few word starts of the 60 characters before.
_NL_SUFFIXES = tuple(_NL_END[3:-1].replace('\\', '').split('|'))
_HOUSE = re.compile(r'[a-zß-öø-ÿ.][ ]?,?[ ](?=\d{1,4}(?![\d.,:/]\d))')
_WORD_START = re.compile(
    r'(?<![\w\'’-])(?:[A-ZÀ-ÖØ-Þ]|(?:rue|avenue|av\.|boulevard|bd|chaussée|place|square|chemin|quai|allée|drève|'
    r'impasse|clos|route)\b)'
)


_places: frozenset[str] | None = None


def load() -> frozenset[str]:
    """The municipality list, loaded once per process on first use."""
    global _places
    if _places is None:
        _places = wordlists.places()
    return _places


def _city_end(city: str | None, start: int, places: frozenset[str]) -> int | None:
    """End of the longest listed municipality at the start of ``city`` (at ``start``), or None."""
    if not city:
        return None
    words = city.split(' ')
    for n in range(len(words), 0, -1):
        name = ' '.join(words[:n]).rstrip('.')
        if name.lower() in places:
            return start + len(name)
    return None


def find(text: str, lang: str | None = None) -> Iterator[Match]:
    """LOCATION matches (street addresses) in ``text``; ``lang`` is accepted for the contract."""
    places = load()
    out: list[Match] = []
    for m in NUMBER_FIRST.finditer(text):
        match = _judge(m, text, places)
        if match is not None:
            out.append(match)
    taken = [(m.start, m.end) for m in out]
    starts = [t[0] for t in taken]
    last_end = -1
    for h in _HOUSE.finditer(text):
        number = h.end()
        if number <= last_end:
            continue
        floor = max(0, number - 60)
        lo = max(text.rfind('\n', floor, number) + 1, text.rfind('\x00', floor, number) + 1, floor)
        before = text[lo:number].rstrip(' ,')
        last = before[before.rfind(' ') + 1 :].replace('’', "'").rsplit("'", 1)[-1]
        if not (last[:1].isupper() or last.lower().endswith(_NL_SUFFIXES)):
            continue  # "op 12 maart", "van 3 tot": a street name ends in a capital word or a street word
        # a street name starts at one of the last few word starts before its number
        for w in [w.start() for w in _WORD_START.finditer(text, lo, number)][-4:]:
            sm = STREET_FIRST.match(text, w)
            if sm is not None and number in (sm.start('number'), sm.start('number2')):
                match = _judge(sm, text, places)
                i = bisect.bisect_left(starts, match.end) if match is not None else 0
                if match is not None and not (i and taken[i - 1][1] > match.start):
                    out.append(match)
                    last_end = match.end
                break
    out.sort(key=lambda m: m.start)
    yield from out


def _judge(m: re.Match[str], text: str, places: frozenset[str]) -> Match | None:
    """The Match of one address candidate, or None when it is no address."""
    g = m.groupdict()
    n = next(i for i, k in enumerate(('street', 'street2', 'number3', 'number4'), 1) if g.get(k) is not None)
    pc = g.get(f'pc{n}')
    city_end = _city_end(g[f'city{n}'], m.start(f'city{n}'), places) if pc else None
    if n == 4:
        rule = 'uk_postcode'
    elif n == 1:
        if _street_is_sentence(g['street']):
            return None
        rule = 'street'
    elif n == 2:
        if city_end is None or g['street2'].split()[0].lower() in _NOT_STREET:
            return None
        rule = 'postcode'
    elif g['uk']:
        rule = 'us_zip' if re.search(r'\d{5}', g['uk']) else 'uk_postcode'
    else:
        rule = 'number_first'
        before = text[max(0, m.start() - 12) : m.start()]
        if city_end is None and (len(g['number3']) > 3 or _MONTH_BEFORE.search(before)):
            return None  # "5 mars 2023, Avenue Louise": a date before a street name
    if city_end is not None:
        end = city_end
    elif pc:
        end = m.start('post' if n == 1 else 'post3')
    else:
        end = m.end()
    start = m.start()
    end = start + len(text[start:end].rstrip(' ,\n\t'))
    score = 0.85 if city_end is not None or rule in ('uk_postcode', 'us_zip') else SCORE
    return Match(ENTITY, start, end, score, RECOGNIZER, {'rule': rule, 'postcode': city_end is not None})


_MONTH_BEFORE = re.compile(
    r'(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|'
    r'february|march|april|may|june|july|august|september|october|november|december)[ ]$',
    re.IGNORECASE,
)

#: First words that make "Word 12, 9000 Gent" something else than a street (a date, a page, a box).
_NOT_STREET = frozenset(
    """artikel article art bijlage annexe annex pagina page p blz hoofdstuk chapitre
    chapter punt point lid alinéa nummer numéro number nr no tel fax gsm bus boîte box postbus
    januari februari maart april mei juni juli augustus september oktober november december janvier
    février mars avril juin juillet août septembre octobre novembre décembre january february march may
    june july august october factuur facture invoice order bestelling""".split()
)


def _street_is_sentence(street: str) -> bool:
    """A 'street' that is a sentence word ending in a street word ('Morgen weg 3')."""
    last = street.split()[-1].lower()
    return last in {'weg', 'hof', 'berg', 'veld', 'park', 'pad', 'ring', 'put', 'kant', 'brug', 'bos'}


def looks_like_address(value: str) -> float:
    """How plausible it is (0..1) that a lone cell ``value`` is a street address.

    >>> looks_like_address('Rue de la Loi 16, 1000 Bruxelles'), looks_like_address('Jan Peeters')
    (1.0, 0.0)
    """
    v = value.strip()
    if not v:
        return 0.0
    places = load()
    best = 0.0
    for m in find(v):
        share = (m.end - m.start) / len(v)
        best = max(best, (1.0 if m.evidence.get('postcode') else 0.8) * (1.0 if share > 0.8 else 0.7))
    if best:
        return round(best, 2)
    if (
        re.fullmatch(r'(?:B-)?[1-9]\d{3}[ ]+.+', v)
        and _city_end(v.split(maxsplit=1)[1], 0, places) is not None
    ):
        return 0.5  # a postcode line alone
    if re.search(rf'\b\w*{_NL_END}\b|{_FR_STREET}\s', v, re.IGNORECASE) and re.search(r'\d', v):
        return 0.5
    return 0.0
