"""Word lists shipped as data for the full profile: first names, surnames, places, stop words.

Loaded lazily, once per process, on first use (never at import), so the identifier profile
never pays for them. Every list is a plain UTF-8 text file beside this module, one entry a
line, ``#`` lines are comments:

- ``names_first.txt`` / ``names_last.txt``: first names and surnames derived from Faker's
  person providers (MIT licence; nl_BE and fr_BE come from Statbel's 2022 tables) for the
  locales named in :data:`NAME_LOCALES`, minus words that are common words in nl/fr/en.
- ``places_be.txt``: Belgian municipalities and sub-municipalities (Faker nl_BE, MIT) plus
  the French, Dutch and English names of the larger cities and Brussels communes.
- ``stopwords.txt``: ``lang<TAB>word`` lines, spaCy's nl/fr/en stop-word lists (MIT).

``python -m gdprscan.recognizers.wordlists`` rebuilds the files from the installed Faker
and spaCy (a maintainer's step; nothing is downloaded).
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME_LOCALES = (
    'nl_BE', 'fr_BE', 'nl_NL', 'fr_FR', 'fr_CH', 'en_US', 'en_GB', 'en_IE', 'de_DE', 'tr_TR', 'it_IT',
    'es_ES', 'pt_PT', 'pl_PL', 'ro_RO',
)  # fmt: skip

#: Words that are names in some locale but ordinary words (or months, days, titles) in nl/fr/en:
#: never taken as a name on their own (a context rule can still take them).
AMBIGUOUS = frozenset(
    """
    jan januari februari maart april mei juni juli augustus september oktober november december
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    january february march may june july august october
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi vendredi
    samedi dimanche monday tuesday wednesday thursday friday saturday sunday
    will said may mark bill grant hope faith grace joy rose lily iris ruby amber crystal jade olive
    pearl dawn summer autumn winter star sky river rain storm chance chase hunter carter baker cook
    mason miller fisher taylor parker porter guy art rich sterling king prince duke earl major
    an en de het van la le les un une et est sur ce il elle nous vous pour par dans avec al ben
    bel dag mei roos lieve beste goede heer mijn zijn ons hun was wat wie waar deze die dit
    hoop liefde vrede vera ida ina ella els lot loes hanna anna ada eva
    paris florence victoria charlotte jordan sydney georgia virginia carolina lourdes
    china india kenya israel
    god angel christian christ
    france belgique belgie belgium europe
    direct sans merci salut bonjour madame monsieur
    claire constance patience prudence clemence honor honour harmony melody
    nl fr en elke sien bas
    """.split()
)
# Common first names that are also words are kept when a surname follows ("Jan Peeters");
# these are only refused as a name on their own.
KEEP_AS_FIRST = frozenset(
    {
        'elke',
        'sien',
        'bas',
        'an',
        'jan',
        'els',
        'lieve',
        'mark',
        'will',
        'bill',
        'guy',
        'rose',
        'grace',
        'claire',
        'anna',
        'eva',
        'ella',
        'hanna',
        'ida',
        'ina',
        'vera',
        'lot',
        'loes',
        'iris',
        'ruby',
        'roos',
        'constance',
        'charlotte',
        'victoria',
        'florence',
        'jordan',
        'christian',
        'ben',
        'dawn',
        'pearl',
        'hope',
        'faith',
        'joy',
        'lily',
        'amber',
        'jade',
        'olive',
        'grant',
        'carter',
        'hunter',
        'mason',
        'taylor',
        'parker',
        'clemence',
        'prudence',
        'honor',
        'harmony',
        'melody',
        'georgia',
        'virginia',
        'sydney',
        'lourdes',
        'summer',
        'chase',
        'said',
        'may',
        'april',
        'june',
        'august',
        'mei',
        'angel',
        'earl',
        'prince',
        'rich',
        'major',
    }
)

#: Names common in Belgium that Faker's lists lack (hand-written supplement, public knowledge).
EXTRA_FIRST = """
Aisha Ilham Hajar Naima Latifa Zineb Merve Büsra Esra Priya Anjali Deepa Aditi Kavya Rahul Arjun Vikram Sanjay
Soufiane Tariq Kwame Kofi Exaucé Dieudonné Sien Staf Fons Lut Priyanka Oksana Iryna Andriy Ionut Dritan Arben
Besnik Abdelkader Abdellah Mourad Redouane Driss Jamal Samir Habiba Souad Loubna Siham Hanane Houda Nawal
Wafae Chaima Kaoutar Oumaima Ikram Asmae Yousra Mustapha Aziz Brahim Lahcen Hassan Hussein Jamila Karima
Mohamed Mohammed Ahmed Abdel Nordin Zakaria Ismail Yassir Othmane Marouane Achraf Hakim Jawad Kenza Lina
Rania Sanae Salima Sofia Yasmina Hiba Ilyas Younes Anouar Nassim Walid Samira Fadoua Ghizlane Kadija
Thandiwe Amara Chidi Emeka Ngozi Olumide Mamadou Moussa Ibrahima Aminata Fatou Ousmane Cheikh Seydou
Patrice Olivier Théo Noa Lou Jules Louise Victor Marcel Mila Nina Zoë Lena Ella Liam Noah Finn Vic
Wout Jarne Lowie Seppe Warre Rune Lander Robbe Siebe Ine Femke Lien Evi Joke Griet Veerle Kaat Fien Nele
Marthe Jolien Hanne Tine Saar Marieke Katrien Kristel Inge Gert Geert Dirk Koen Kris Wim Bart Joris Jeroen
Jef Jos Rik Mieke Hilde Godelieve Ludo Raf Dries Jens Wannes Tuur Nand
"""
EXTRA_LAST = """
Benali Amrani Bouzid Çelik Şahin Öztürk Aydin Aydın Nowak Kowalski Mbuyi Ilunga Tshibanda Mukendi Ouali
Khattabi Boukhari Azzouzi Bennani Idrissi Chaouki Haddou Lahlou Tahiri Ziani Belkacem Benaissa Yildiz
Yıldız Arslan Doğan Dogan Koç Kurt Özdemir Ozdemir Wiśniewski Wójcik Kamiński Lewandowski Kabeya Kalonji
Lukusa Tshimanga Kasongo Mutombo Mwamba Ngoy Nkulu Nguyen Tran Pham Ahmadi Hosseini Mohammadi Popov
Ivanov Petrov Kumar Sharma Gupta Rahman Khan Patel Singh Diallo Ba Sow Camara Traoré Keita Cissé Touré
El Amrani El Idrissi El Khattabi El Hamdaoui El Ouardi Ben Ali Ben Salah
"""

EXTRA_PLACES = """
Brussel Bruxelles Brussels Antwerpen Anvers Antwerp Gent Gand Ghent Brugge Bruges Leuven Louvain
Mechelen Malines Luik Liège Liege Namen Namur Bergen Mons Kortrijk Courtrai Doornik Tournai Hasselt
Aarlen Arlon Nijvel Nivelles Waver Wavre Ieper Ypres Oostende Ostende Ostend Charleroi La Louvière
Sint-Niklaas Aalst Alost Genk Roeselare Verviers Seraing Moeskroen Mouscron Eupen Spa
Anderlecht Oudergem Auderghem Sint-Agatha-Berchem Berchem-Sainte-Agathe Etterbeek Evere Vorst Forest
Ganshoren Elsene Ixelles Jette Koekelberg Sint-Jans-Molenbeek Molenbeek-Saint-Jean Molenbeek
Sint-Gillis Saint-Gilles Sint-Joost-ten-Node Saint-Josse-ten-Noode Schaarbeek Schaerbeek Ukkel Uccle
Watermaal-Bosvoorde Watermael-Boitsfort Sint-Lambrechts-Woluwe Woluwe-Saint-Lambert
Sint-Pieters-Woluwe Woluwe-Saint-Pierre Zaventem Vilvoorde Vilvorde Dilbeek Halle Hal
Louvain-la-Neuve Ottignies Waterloo Braine-l'Alleud Eigenbrakel Tienen Tirlemont Sint-Truiden
Saint-Trond Tongeren Tongres Zoutleeuw Léau Edingen Enghien Aat Ath Lessen Lessines Zinnik Soignies
Belgium België Belgique Belgien Vlaanderen Flandre Flanders Wallonie Wallonia Wallonië Europe Europa
Nederland Pays-Bas Netherlands Frankrijk France Duitsland Allemagne Germany Luxemburg Luxembourg
Londen Londres London Parijs Paris Amsterdam Rotterdam Lille Rijsel Maastricht Keulen Cologne
"""


def _read(name: str) -> list[str]:
    with (HERE / name).open(encoding='utf-8') as f:
        return [ln.rstrip('\n') for ln in f if ln.strip() and not ln.startswith('#')]


@functools.cache
def first_names() -> frozenset[str]:
    """First names, lower-cased."""
    return frozenset(_read('names_first.txt'))


@functools.cache
def last_names() -> frozenset[str]:
    """Surnames, lower-cased, as written ('de smet') and as their last word ('smet')."""
    names = _read('names_last.txt')
    return frozenset(names) | frozenset(n.split()[-1] for n in names if ' ' in n)


@functools.cache
def places() -> frozenset[str]:
    """Belgian places (and a few neighbours), lower-cased."""
    return frozenset(_read('places_be.txt'))


@functools.cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language, lower-cased."""
    out: dict[str, set[str]] = {'nl': set(), 'fr': set(), 'en': set()}
    for line in _read('stopwords.txt'):
        lang, _, word = line.partition('\t')
        out.setdefault(lang, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def all_stopwords() -> frozenset[str]:
    return frozenset().union(*stopwords().values())


# -- building (maintainers) ---------------------------------------------------------------------
def _clean(name: str) -> str | None:
    """A Latin-script name of letters, spaces, hyphens and apostrophes, lower-cased; else None."""
    name = name.strip().rstrip('.')
    if len(name) < 2 or not all(ch.isalpha() or ch in " -'’" for ch in name):
        return None
    if any(ord(ch) > 0x24F for ch in name):
        return None
    return name.lower()


def _extra_last(line: str) -> list[str]:
    """Surnames of one EXTRA_LAST line: 'El Amrani' and 'Ben Ali' stay whole."""
    out: list[str] = []
    words = line.split()
    i = 0
    while i < len(words):
        if words[i] in ('El', 'Ben') and i + 1 < len(words):
            out.append(f'{words[i]} {words[i + 1]}')
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def build() -> None:
    """Write the list files from the installed Faker and spaCy (maintainers only)."""
    spacy_stop = {}
    for lang in ('nl', 'fr', 'en'):
        spacy_stop[lang] = importlib.import_module(f'spacy.lang.{lang}.stop_words').STOP_WORDS
    stop = set().union(*spacy_stop.values())
    firsts: set[str] = set()
    lasts: set[str] = set()
    for loc in NAME_LOCALES:
        provider = importlib.import_module(f'faker.providers.person.{loc}').Provider
        for attr in ('first_names', 'first_names_male', 'first_names_female'):
            for n in getattr(provider, attr, ()) or ():
                c = _clean(n)
                if c and ' ' not in c:
                    firsts.add(c)
        for n in getattr(provider, 'last_names', ()) or ():
            c = _clean(n)
            if c:
                lasts.add(c)
    firsts |= {n.lower() for n in EXTRA_FIRST.split()}
    lasts |= {n.strip().lower() for line in EXTRA_LAST.strip().splitlines() for n in _extra_last(line)}
    bad = (stop | AMBIGUOUS) - KEEP_AS_FIRST
    firsts = {f for f in firsts if f not in bad}
    lasts = {s for s in lasts if s not in stop}
    faker_places = importlib.import_module('faker.providers.address.nl_BE').Provider.cities
    place_set = {p.lower() for p in faker_places} | {p.lower() for p in EXTRA_PLACES.split()}
    header = '# generated by python -m gdprscan.recognizers.wordlists; source: Faker (MIT) + EXTRA lists\n'
    (HERE / 'names_first.txt').write_text(header + '\n'.join(sorted(firsts)) + '\n', encoding='utf-8')
    (HERE / 'names_last.txt').write_text(header + '\n'.join(sorted(lasts)) + '\n', encoding='utf-8')
    (HERE / 'places_be.txt').write_text(header + '\n'.join(sorted(place_set)) + '\n', encoding='utf-8')
    lines = [f'{lang}\t{w}' for lang in ('nl', 'fr', 'en') for w in sorted(spacy_stop[lang]) if ' ' not in w]
    (HERE / 'stopwords.txt').write_text(
        '# spaCy stop words (MIT)\n' + '\n'.join(lines) + '\n', encoding='utf-8'
    )


if __name__ == '__main__':
    build()
    sys.exit(0)
