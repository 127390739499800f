"""Word lists for plausible surrogates: Belgian names (Faker's nl_BE / fr_BE / en lists), streets,
municipalities per province, and the generic phrases that stand in for special-category text.

Faker is imported only here and only when a name or address is first replaced; we use its
lists, not its random generator, so a surrogate is chosen by a keyed HMAC of the value and is
the same in every run.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

#: Main municipalities per province (postcode, nl name, fr name): a postcode surrogate stays in the
#: same province and gets a city that matches it.
CITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    'brussels': (
        ('1000', 'Brussel', 'Bruxelles'),
        ('1030', 'Schaarbeek', 'Schaerbeek'),
        ('1040', 'Etterbeek', 'Etterbeek'),
        ('1050', 'Elsene', 'Ixelles'),
        ('1060', 'Sint-Gillis', 'Saint-Gilles'),
        ('1070', 'Anderlecht', 'Anderlecht'),
        ('1080', 'Sint-Jans-Molenbeek', 'Molenbeek-Saint-Jean'),
        ('1140', 'Evere', 'Evere'),
        ('1180', 'Ukkel', 'Uccle'),
        ('1200', 'Sint-Lambrechts-Woluwe', 'Woluwe-Saint-Lambert'),
    ),
    'walloon_brabant': (
        ('1300', 'Waver', 'Wavre'),
        ('1340', 'Ottignies-Louvain-la-Neuve', 'Ottignies-Louvain-la-Neuve'),
        ('1400', 'Nijvel', 'Nivelles'),
        ('1410', 'Waterloo', 'Waterloo'),
        ('1480', 'Tubeke', 'Tubize'),
    ),
    'flemish_brabant': (
        ('1500', 'Halle', 'Hal'),
        ('1800', 'Vilvoorde', 'Vilvorde'),
        ('1930', 'Zaventem', 'Saventhem'),
        ('3000', 'Leuven', 'Louvain'),
        ('3200', 'Aarschot', 'Aarschot'),
        ('3300', 'Tienen', 'Tirlemont'),
        ('1700', 'Dilbeek', 'Dilbeek'),
        ('3090', 'Overijse', 'Overijse'),
    ),
    'antwerp': (
        ('2000', 'Antwerpen', 'Anvers'),
        ('2100', 'Deurne', 'Deurne'),
        ('2200', 'Herentals', 'Herentals'),
        ('2300', 'Turnhout', 'Turnhout'),
        ('2400', 'Mol', 'Mol'),
        ('2500', 'Lier', 'Lierre'),
        ('2800', 'Mechelen', 'Malines'),
        ('2900', 'Schoten', 'Schoten'),
        ('2600', 'Berchem', 'Berchem'),
    ),
    'limburg': (
        ('3500', 'Hasselt', 'Hasselt'),
        ('3600', 'Genk', 'Genk'),
        ('3700', 'Tongeren', 'Tongres'),
        ('3800', 'Sint-Truiden', 'Saint-Trond'),
        ('3900', 'Pelt', 'Pelt'),
        ('3580', 'Beringen', 'Beringen'),
    ),
    'liege': (
        ('4000', 'Luik', 'Liège'),
        ('4020', 'Luik', 'Liège'),
        ('4500', 'Hoei', 'Huy'),
        ('4800', 'Verviers', 'Verviers'),
        ('4700', 'Eupen', 'Eupen'),
        ('4100', 'Seraing', 'Seraing'),
    ),
    'namur': (
        ('5000', 'Namen', 'Namur'),
        ('5100', 'Jambes', 'Jambes'),
        ('5500', 'Dinant', 'Dinant'),
        ('5300', 'Andenne', 'Andenne'),
        ('5060', 'Sambreville', 'Sambreville'),
    ),
    'hainaut': (
        ('6000', 'Charleroi', 'Charleroi'),
        ('7000', 'Bergen', 'Mons'),
        ('7500', 'Doornik', 'Tournai'),
        ('7100', 'La Louvière', 'La Louvière'),
        ('6200', 'Châtelet', 'Châtelet'),
        ('7700', 'Moeskroen', 'Mouscron'),
    ),
    'luxembourg': (
        ('6700', 'Aarlen', 'Arlon'),
        ('6800', 'Libramont', 'Libramont-Chevigny'),
        ('6900', 'Marche', 'Marche-en-Famenne'),
        ('6600', 'Bastenaken', 'Bastogne'),
    ),
    'west_flanders': (
        ('8000', 'Brugge', 'Bruges'),
        ('8400', 'Oostende', 'Ostende'),
        ('8500', 'Kortrijk', 'Courtrai'),
        ('8800', 'Roeselare', 'Roulers'),
        ('8900', 'Ieper', 'Ypres'),
        ('8300', 'Knokke-Heist', 'Knokke-Heist'),
    ),
    'east_flanders': (
        ('9000', 'Gent', 'Gand'),
        ('9100', 'Sint-Niklaas', 'Saint-Nicolas'),
        ('9200', 'Dendermonde', 'Termonde'),
        ('9300', 'Aalst', 'Alost'),
        ('9400', 'Ninove', 'Ninove'),
        ('9700', 'Oudenaarde', 'Audenarde'),
    ),
}
#: Province -> region (for generalisation to region).
REGION = {
    'brussels': 'Brussels',
    'walloon_brabant': 'Wallonia',
    'liege': 'Wallonia',
    'namur': 'Wallonia',
    'hainaut': 'Wallonia',
    'luxembourg': 'Wallonia',
    'flemish_brabant': 'Flanders',
    'antwerp': 'Flanders',
    'limburg': 'Flanders',
    'west_flanders': 'Flanders',
    'east_flanders': 'Flanders',
}
PROVINCE_LABEL = {
    'brussels': 'Brussels',
    'walloon_brabant': 'Walloon Brabant',
    'flemish_brabant': 'Flemish Brabant',
    'antwerp': 'Antwerp',
    'limburg': 'Limburg',
    'liege': 'Liège',
    'namur': 'Namur',
    'hainaut': 'Hainaut',
    'luxembourg': 'Luxembourg',
    'west_flanders': 'West Flanders',
    'east_flanders': 'East Flanders',
}
#: Postcode ranges (inclusive) per province, from bpost's numbering plan.
_RANGES = (
    (1000, 1299, 'brussels'),
    (1300, 1499, 'walloon_brabant'),
    (1500, 1999, 'flemish_brabant'),
    (2000, 2999, 'antwerp'),
    (3000, 3499, 'flemish_brabant'),
    (3500, 3999, 'limburg'),
    (4000, 4999, 'liege'),
    (5000, 5999, 'namur'),
    (6000, 6599, 'hainaut'),
    (6600, 6999, 'luxembourg'),
    (7000, 7999, 'hainaut'),
    (8000, 8999, 'west_flanders'),
    (9000, 9999, 'east_flanders'),
)


def province(postcode: str) -> str | None:
    """The province of a Belgian postcode, or None."""
    if not (postcode.isdigit() and len(postcode) == 4):
        return None
    n = int(postcode)
    for lo, hi, prov in _RANGES:
        if lo <= n <= hi:
            return prov
    return None


NL_STREET_SUFFIXES = ('straat', 'laan', 'dreef', 'weg', 'plein', 'steenweg', 'lei', 'hof')
FR_STREET_PREFIXES = ('Rue', 'Avenue', 'Chemin', 'Place', 'Boulevard', 'Allée')
FR_STREET_LINKS = ('des', 'du', 'de la')
FR_STREET_NOUNS = (
    'Tilleuls',
    'Moulin',
    'Station',
    'Église',
    'Fleurs',
    'Champs',
    'Prés',
    'Bois',
    'Fontaine',
    'Marronniers',
    'Écoles',
    'Carrières',
    'Alliés',
    'Chapelle',
    'Vignes',
    'Peupliers',
)

#: Entity -> the phrase that replaces special-category free text: it keeps the category (a test can
#: still see "this is health data") and says nothing about the person.
SPECIAL_PHRASES: dict[str, dict[str, str]] = {
    'HEALTH_DATA': {'nl': 'medische reden', 'fr': 'raison médicale', 'en': 'medical reason'},
    'TRADE_UNION_MEMBERSHIP': {'nl': 'vakbondslid', 'fr': 'membre d’un syndicat', 'en': 'trade union member'},
    'CRIMINAL_DATA': {'nl': 'strafrechtelijk gegeven', 'fr': 'donnée pénale', 'en': 'judicial data'},
    'RELIGIOUS_BELIEF': {'nl': 'levensbeschouwing', 'fr': 'croyance religieuse', 'en': 'religious belief'},
    'POLITICAL_OPINION': {'nl': 'politieke opvatting', 'fr': 'opinion politique', 'en': 'political opinion'},
    'ETHNIC_ORIGIN': {'nl': 'etnische afkomst', 'fr': 'origine ethnique', 'en': 'ethnic origin'},
    'SEXUAL_ORIENTATION': {
        'nl': 'seksuele geaardheid',
        'fr': 'orientation sexuelle',
        'en': 'sexual orientation',
    },
    'BIOMETRIC_DATA': {'nl': 'biometrisch gegeven', 'fr': 'donnée biométrique', 'en': 'biometric data'},
    'GENETIC_DATA': {'nl': 'genetisch gegeven', 'fr': 'donnée génétique', 'en': 'genetic data'},
}

def special_phrase(entity: str, lang: str | None) -> str:
    """The phrase of special category ``entity`` in ``lang`` (English when it has none)."""
    phrases = SPECIAL_PHRASES[entity]
    return phrases.get(lang or 'en', phrases['en'])


PARTICLES = frozenset(
    "van von de der den het ten ter te vanden vander vande le la les du des d' di da del della mc mac".split()
)


def fold(word: str) -> str:
    """``word`` in lower case without accents: 'Élise' and 'Elise' are one first name."""
    decomposed = unicodedata.normalize('NFKD', word.lower())
    return ''.join(c for c in decomposed if not unicodedata.combining(c))


class FoldedSet(frozenset[str]):
    """Folded names (see :func:`fold`); ``in`` folds the word it is asked about, so a look-up is
    case- and accent-insensitive ('élise' in the set of 'Elise')."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and frozenset.__contains__(self, fold(word))


@dataclass(frozen=True)
class NameLists:
    """First names by sex and last names of one language, plus folded sets for lookup."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    last: tuple[str, ...]
    male_set: FoldedSet
    female_set: FoldedSet
    last_set: FoldedSet


@cache
def names(lang: str) -> NameLists:
    """Faker's person lists for ``lang`` ('nl' -> nl_BE, 'fr' -> fr_BE, anything else -> en)."""
    if lang == 'nl':
        from faker.providers.person.nl_BE import Provider
    elif lang == 'fr':
        from faker.providers.person.fr_BE import Provider  # type: ignore[assignment]
    else:
        from faker.providers.person.en import Provider  # type: ignore[assignment]
    male = tuple(sorted(set(Provider.first_names_male)))
    female = tuple(sorted(set(Provider.first_names_female) - set(male)))
    last = tuple(sorted(set(Provider.last_names)))
    return NameLists(
        male,
        female,
        last,
        FoldedSet(fold(n) for n in male),
        FoldedSet(fold(n) for n in female),
        FoldedSet(fold(n) for n in last),
    )
