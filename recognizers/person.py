"""PERSON: names of people in Dutch, French and English letters, e-mails, notes and cells.

Approach (rules over shipped lists; no model, nothing downloaded; measured in
``benchmarks/evaluate.py``, described in ``docs/detection.md``):

1. A *chain* is a run of capitalised words on one line, with initials (``J.``, ``J.-P.``),
   hyphens (``Anne-Marie``, ``Dubois-Martin``), apostrophes (``O'Neill``, ``d'Hondt``) and
   Belgian particles (``van``, ``van den``, ``Vanden``, ``de``, ``le``, ``du``, ...) inside.
2. Leading titles and salutations (``Beste``, ``Madame``, ``Dear Mr``) are stripped and kept
   as evidence; so are sentence-start words before a known first name ("Gisteren Jan ...").
3. A chain is dropped when it is a company (``NV``, ``SRL``, ``Solutions`` ...), a street
   (``-straat``, ``Rue ...``), a place, or sits after a number (``3 Mei``, ``9000 Gent``).
4. What is left is a name when a rule fires (``evidence['rule']``, scores in ``RULE_SCORE``):
   ``salutation``/``title``/``role``/``label``/``signature``/``identifier`` (context before or
   after: "werknemer Els Van den Broeck", "Naam: ...", a line after "Met vriendelijke
   groeten", a listed name alone on the last line, "Jan Peeters (INSZ ...)") 0.85;
   ``first_last`` (listed first name, listed surname) 0.85; ``last_first`` ("Peeters Jan") 0.75;
   ``first_name`` (listed, unambiguous first name then one unlisted word) and ``initial``
   ("J. Peeters") 0.7; ``known_surname`` (unlisted word, listed surname), ``surname`` (a listed
   particle surname, "De Smet") and ``repeat`` (the words of a name found within
   ``REPEAT_WINDOW`` characters, "Peeters confirmed") 0.6; ``first_alone`` (a listed first name
   inside a sentence; at a sentence start only unambiguous and before a lower-case word) 0.5.

Lists (:mod:`.wordlists`): ~6,800 first names and ~8,000 surnames from Faker (MIT; its nl_BE
and fr_BE lists are Statbel's) plus a short hand-written supplement, Belgian places, spaCy stop
words; loaded on the first call (:func:`load`), never at import.

>>> [(m.start, m.end, m.evidence['rule']) for m in find('Beste Jan Peeters, welkom.')]
[(6, 17, 'salutation')]
>>> [m.evidence['rule'] for m in find('Acme Solutions NV, Kerkstraat 5')]
[]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from gdprscan.recognizers import wordlists
from gdprscan.recognizers.base import Match

ENTITY = 'PERSON'
SCORE = 0.6
LANGUAGES = ('nl', 'fr', 'en')
CONTEXT = {
    'nl': (
        'beste',
        'geachte',
        'mevrouw',
        'meneer',
        'mijnheer',
        'de heer',
        'dhr',
        'mevr',
        'werknemer',
        'werkneemster',
        'medewerker',
        'medewerkster',
        'collega',
        'naam',
        'voornaam',
    ),
    'fr': (
        'madame',
        'monsieur',
        'mme',
        'mlle',
        'cher',
        'chère',
        'travailleur',
        'travailleuse',
        'employé',
        'employée',
        'collaborateur',
        'collaboratrice',
        'collègue',
        'nom',
        'prénom',
    ),
    'en': ('dear', 'mr', 'mrs', 'ms', 'miss', 'employee', 'colleague', 'name', 'first name', 'surname'),
}
RECOGNIZER = 'person'
#: Longer runs of capitalised words are headings, not names (and would cost quadratic time).
MAX_CHAIN_WORDS = 12
#: A repeated surname counts as a name when the full name stands within this many characters.
REPEAT_WINDOW = 3000

_UP = 'A-ZÀ-ÖØ-Þ'
_LO = 'a-zß-öø-ÿ'
_WORD = (
    rf"(?:(?:Mc|Mac|[DdOL]['’])?[{_UP}][{_LO}]+(?:['’][{_LO}]+)?(?:[{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*)"
)
_INITIAL = rf'(?:[{_UP}]\.(?:-?[{_UP}]\.)*)'
_TITLE = r'(?:Mr|Mrs|Ms|Dr|Prof|Dhr|Mevr|Mme|Mlle|Me|St|Ir|Drs)\.'
_PARTICLE = (
    r"(?:van|von|vanden|vander|de|der|den|ter|ten|du|des|le|la|di|da|del|della|dos|das|el|al|ben|bin|'t)"
)
_CAPS = rf"(?:[{_UP}]{{2,}}(?:[-'’][{_UP}]{{2,}})*(?![{_LO}]))"
CHAIN = re.compile(
    # the look-ahead on the first letter lets the regex engine skip most positions fast
    rf'(?=[{_UP}d])(?<![\w.@/-])(?:{_TITLE}|{_INITIAL}|{_WORD}|{_CAPS})'
    rf'(?:[ \t\u00a0](?:{_PARTICLE}[ \t\u00a0])*(?:{_TITLE}|{_INITIAL}|{_WORD}|{_CAPS}))*'
)
_TOKEN = re.compile(rf'{_TITLE}|{_INITIAL}|{_PARTICLE}(?=[ \t\u00a0])|{_WORD}|{_CAPS}')
_TWO_CAPS = re.compile(rf'[{_UP}]{{2}}')
_LOWER_NEXT = re.compile(r'[ \t\u00a0]+[a-zß-öø-ÿ]')

TITLES = frozenset(
    """mr mrs ms miss mister sir dr prof dhr mevr mme mlle madame monsieur mademoiselle mevrouw
    meneer mijnheer heer juffrouw docteur maître me dokter doctor ir drs professor professeur koning koningin
    prins prinses roi reine prince princesse king queen""".split()
)
#: First names that are, capitalised inside a sentence, more often a month, a day, a place or a word.
ALONE_BLOCK = frozenset(
    """jan januari april mei juni juli augustus june july august may march mars
    maart god christ angel jordan paris florence victoria lourdes china india israel kenya georgia
    virginia carolina sydney will said an summer""".split()
)
#: Last words that make a chain a place or a building ("Jubilee Park", "Victoria Station").
PLACE_WORDS = frozenset(
    """park square street road lane avenue hall house centre center arena station airport
    tower building campus court gardens garden plaza bridge gate college school church kerk abdij
    kathedraal cathédrale église chapelle kapel museum musée stadion stade theater théâtre""".split()
)
#: Abbreviations that look like initials.
ABBREVIATIONS = frozenset(
    'p.s. n.b. p.p. i.e. e.g. a.u.b. o.a. b.v. n.v. s.a. v.z.w. t.a.v. c.q. z.o.z.'.split()
)
#: A chain starting with these is a saint, a feast, a church, a hospital or a place, not a person.
SAINTS = frozenset('saint sainte sint st sankt notre onze'.split())
SALUTES = frozenset(
    """beste geachte lieve dag hallo hoi hey dear hi hello cher chère chers bonjour bonsoir
    salut goedemorgen goedemiddag""".split()
)
ROLES = frozenset(
    """werknemer werkneemster medewerker medewerkster collega bediende arbeider kandidaat
    sollicitant stagiair stagiaire leidinggevende zaakvoerder contactpersoon ondergetekende patiënt
    travailleur travailleuse employé employée collaborateur collaboratrice collègue candidat candidate
    soussigné soussignée patient patiente employee colleague applicant worker intern undersigned
    betrokkene intéressé intéressée""".split()
)
PARTICLES = frozenset(
    """van von vanden vander de der den ter ten du des le la di da del della dos das el al
    ben bin 't""".split()
)
COMPANY_WORDS = frozenset(
    """nv bv bvba cvba cv vzw asbl sa srl sprl sc scrl snc ltd limited llc llp vof commv scs
    inc gmbh plc ag
    solutions consulting consultancy services group groep groupe holding partners technologies
    technology systems logistics company bank banque insurance verzekeringen assurances interim
    industries international benelux software digital media agency associates advocaten avocats
    notarissen accountants energy pharma labs foundation stichting fondation academy academie
    university universiteit université hospital ziekenhuis hôpital clinic kliniek clinique
    secretariaat secrétariat sociaal social fund fonds partena securex liantis acerta sd worx attentia
    mensura idewe cohezio teams outlook excel word office google microsoft apple amazon linkedin
    facebook whatsapp sap oracle salesforce workday zoom slack jira confluence sharepoint onedrive
    drive windows android iphone mercedes benz toyota volkswagen bmw audi ford peugeot renault
    volvo tesla garage bakkerij brouwerij transport transporten bouw bouwbedrijf schrijnwerkerij drukkerij
    slagerij beenhouwerij apotheek kapsalon boulangerie boucherie pharmacie imprimerie brasserie taverne
    café restaurant hotel hôtel atelier immo immobilière notaris notaire cabinet fiduciaire kantoor bureau
    boekhoudkantoor schoonmaak nettoyage constructions construct électricité elektriciteit garden tuinen
    verhuizingen déménagements autobedrijf carrosserie stad ville city gemeente commune municipality
    provincie province ocmw cpas servicedesk helpdesk support facilities équipe directie direction
    secretariat isabel doccle itsme zoomit codabox""".split()
)
STREET_WORDS = frozenset(
    """rue avenue av boulevard bd chaussée place square chemin quai allée drève impasse
    clos rond-point galerie parvis sentier route street road lane drive court close way
    crescent terrace gardens""".split()
)
_STREET_END = (
    'straat',
    'laan',
    'steenweg',
    'plein',
    'dreef',
    'kaai',
    'lei',
    'baan',
    'markt',
    'singel',
    'vest',
    'dijk',
    'wegel',
    'gracht',
    'steeg',
    'weg',
    'park',
    'hof',
    'berg',
    'veld',
)
NOT_NAME = frozenset(
    """manager directeur director ceo cfo coo cto cio hr officer assistant consultant
    coordinator coördinator coordinateur verantwoordelijke responsable chef head team lead afdeling
    department service dienst personeelsdienst payroll loonadministratie administratie administration
    ressources humaines human resources direction directie board raad conseil comité committee
    privacy gdpr avg rgpd dpo policy beleid politique procedure procedure procédure reglement
    règlement regulation wet loi act article artikel art bijlage annexe annex appendix
    ziekteverlof verlof congé leave contract contrat overeenkomst arbeidsreglement
    onderwerp objet subject betreft re fw fwd tel fax gsm email e-mail mail web www
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi vendredi
    samedi dimanche monday tuesday wednesday thursday friday saturday sunday
    januari februari maart april mei juni juli augustus september oktober november december
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    january february march may june july august october
    belg belge belgian nederlands français english frans engels anglais néerlandais dutch french
    mvg groeten regards cordialement hoogachtend salutations sincerely
    ok oké bedankt merci thanks dank graag hierbij ci-joint attached proficiat félicitations
    welkom bienvenue welcome nieuwe nouveau new""".split()
)
CLOSINGS = re.compile(
    r'\b(?:groeten|groet|mvg|hoogachtend|cordialement|salutations|bien à vous|bien à toi|amitiés|'
    r'regards|sincerely|yours|cheers|best|bedankt|merci|thanks|thank you|à bientôt|tot straks|distinguées|'
    r'thx|tx|groetjes|greetz|dank|dankje|ciao|bye|best wishes|warm regards|all the best|take care)\b',
    re.IGNORECASE,
)
_LOOKBACK = re.compile(
    r'(?:(?P<title>\b(?:de heer|heer|mevrouw|meneer|mijnheer|mevr\.?|dhr\.?|madame|monsieur|mademoiselle|'
    r'mme|mlle|mr\.?|mrs\.?|ms\.?|miss|dr\.?|docteur|dokter|doctor|prof\.?|maître|me))'
    r'|(?P<salutation>\b(?:beste|geachte|lieve|dag|hallo|hoi|dear|hi|hello|cher|chère|bonjour|salut))'
    r'|(?P<role>\b(?:werknemer|werkneemster|medewerker|medewerkster|collega|bediende|arbeider|kandidaat|'
    r'sollicitant|stagiair|stagiaire|leidinggevende|zaakvoerder|contactpersoon|ondergetekende|patiënt|'
    r'betrokkene|travailleur|travailleuse|employée?|collaborat(?:eur|rice)|collègue|candidate?|'
    r'soussignée?|patiente?|intéressée?|employee|colleague|applicant|worker|intern|the undersigned|'
    r'namens|t\.a\.v\.|ter attentie van|à l\'attention de|au nom de|de la part de|on behalf of|attn\.?|'
    r'signed by|getekend door|signé par|aangevraagd door|demandée? par|requested by))'
    r'|(?P<label>\b(?:naam|voornaam|familienaam|achternaam|nom|prénom|nom de famille|name|first name|'
    r'last name|surname|full name|volledige naam|nom complet|werknemer|employé|employee|van|aan|cc|'
    r'from|to|de|à|contact|contactpersoon|personne de contact|contact person)\s*(?:\([^)\n]{0,20}\))?\s*:))'
    r'[ \t\u00a0]*,?[ \t\u00a0]*$',
    re.IGNORECASE,
)
#: The same, case-sensitive, for lower-cased text, tried only at word starts (where a phrase can begin):
#: six times faster than the IGNORECASE search of every position.
_LOOKBACK_LOW = re.compile(
    r'(?<!\w)(?=\w)(?:'
    + _LOOKBACK.pattern[: _LOOKBACK.pattern.rindex('[ \\t')]
    + ')'
    + _LOOKBACK.pattern[_LOOKBACK.pattern.rindex('[ \\t') :]
)
#: Last words of the phrases of _LOOKBACK (without a final dot): only these make it worth running.
_LOOKBACK_LAST = frozenset(
    """heer mevrouw meneer mijnheer mevr dhr madame monsieur mademoiselle mme mlle mr mrs ms miss dr
    docteur dokter doctor prof maître me beste geachte lieve dag hallo hoi dear hi hello cher chère
    bonjour salut werknemer werkneemster medewerker medewerkster collega bediende arbeider kandidaat
    sollicitant stagiair stagiaire leidinggevende zaakvoerder contactpersoon ondergetekende patiënt
    betrokkene travailleur travailleuse employé employée collaborateur collaboratrice collègue
    candidat candidate soussigné soussignée patient patiente intéressé intéressée employee colleague
    applicant worker intern undersigned namens t.a.v van de of attn by door par""".split()
)
_AFTER = re.compile(
    r'[ \t]*(?:,[ \t]*|\([ \t]*)(?:°|geb\.|geboren|born|né|née|rrn|insz|niss|ssin|nn\b|rijksregister|'
    r'registre national|national (?:number|register)|personeelsnummer|personeelsnr|matricule|'
    r'employee (?:id|number|no)|werknemer|travailleur|employee|\d{2}[.]?\d{2}[.]?\d{2}[-. ]?\d{3})'
    r'|[ \t]*<[^<>@\s]+@',
    re.IGNORECASE,
)
_COMPANY_AFTER = re.compile(
    r'[ \t]*,?[ \t]*(?:NV|N\.V\.|BV|B\.V\.|BVBA|CVBA|CommV|VZW|ASBL|SA|S\.A\.|SRL|SPRL|SCRL|SNC|Ltd|LLC|'
    r'Inc|GmbH|PLC|plc|AG|LLP|VOF|Comm\.V|SComm|SCS|& ?(?:Co|Zonen|Fils|Sons|Partners)|en Zonen|'
    r'et Fils|and Sons)\b'
)
#: "Lenaerts, Gauthier et Wuyts SA": the rest of a list of names that ends in a company form.
_COMPANY_LIST = re.compile(
    r"(?:[ \t]*(?:,|&|\ben\b|\bet\b|\band\b)[ \t]*(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|le|la|du)"
    r"(?:[ \t]+(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|le|la|du))*){1,4}"
)
_STREET_BEFORE = re.compile(
    r"\b(?:rue|avenue|boulevard|place|chaussée|chemin|quai|allée|drève|square)\s+(?:de\s+|du\s+|des\s+|d'|"
    r"de la\s+|l')?$",
    re.IGNORECASE,
)
_NONSPACE = re.compile(r'[^\s.,!]')
_SENTENCE_START = re.compile(r'(?:^|[.!?"“«(\n\x00•*-])[ \t\u00a0]*$')
_NUMBER_BEFORE = re.compile(r'\d[ \t\u00a0]*$')
#: Speed: the first characters an _AFTER match can have (_STREET_BEFORE's match ends in a space or "'").
_AFTER_FIRST = frozenset(' \t,(<')


def _number_before(before: str) -> bool:
    """``_NUMBER_BEFORE.search(before)`` without the regex: a digit, then spaces, at the end (or before
    a final newline, as ``$`` allows)."""
    if before.rstrip(' \t\u00a0')[-1:].isdecimal():
        return True
    return before.endswith('\n') and before[:-1].rstrip(' \t\u00a0')[-1:].isdecimal()


RULE_SCORE = {
    'salutation': 0.85, 'title': 0.85, 'role': 0.85, 'label': 0.85, 'signature': 0.85, 'identifier': 0.85,
    'first_last': 0.85, 'last_first': 0.75, 'first_name': 0.7, 'initial': 0.7, 'surname': 0.6,
    'repeat': 0.6, 'first_alone': 0.5, 'known_surname': 0.6,
}  # fmt: skip


class _Lists:
    """The word lists, fetched once on first use."""

    def __init__(self) -> None:
        self.first = wordlists.first_names()
        self.last = wordlists.last_names()
        self.places = wordlists.places()
        self.stop = wordlists.all_stopwords()
        # word -> answer of _is_first / _bad: words repeat (Zipf), the tests are pure functions of the word
        self.first_memo: dict[str, bool] = {}
        self.bad_memo: dict[str, bool] = {}
        self.flags_memo: dict[str, int] = {}


_lists: _Lists | None = None


def load() -> _Lists:
    """Load the lists (once per process); called by :func:`find` on first use."""
    global _lists
    if _lists is None:
        _lists = _Lists()
    return _lists


_TRIGGER_WORDS = TITLES | SALUTES | ROLES | SAINTS


#: Entries a word memo holds before it starts afresh (bounds memory on endless distinct words).
MEMO_SIZE = 100_000


def _is_first(word: str, lists: _Lists, alone: bool = False) -> bool:
    if alone and word.lower() in wordlists.AMBIGUOUS:
        return False
    known = lists.first_memo.get(word)
    if known is not None:
        return known
    low = word.lower()
    known = low in lists.first or ('-' in low and all(p in lists.first for p in low.split('-')))
    if len(lists.first_memo) >= MEMO_SIZE:
        lists.first_memo.clear()
    lists.first_memo[word] = known
    return known


def _is_last(words: list[str], lists: _Lists) -> bool:
    low = ' '.join(words).lower()
    return (
        low in lists.last
        or words[-1].lower() in lists.last
        or ('-' in words[-1] and all(p in lists.last for p in words[-1].lower().split('-')))
    )


def _is_street(word: str) -> bool:
    low = word.lower()
    return low in STREET_WORDS or (len(low) > 5 and low.endswith(_STREET_END))


# Properties of one word for _judge, as bits (``low`` is the word lower-cased without a final dot).
_W_SAINT = 1  # low is a saint or feast word
_W_ABBR = 2  # the word is an abbreviation like P.S.
_W_TITLE = 4
_W_SALUTE = 8
_W_ROLE = 16
_W_STOP = 32  # low is a stop word or in NOT_NAME
_W_PART = 64  # low is a particle
_W_FIRST = 128  # a listed first name (_is_first)
_W_LAST = 256  # low is a listed surname
_W_PART_WORD = 512  # the word as written is a particle (lower-case 'van')
_W_PART_LOW = 1024  # the word lower-cased (with its dot) is a particle
_W_COMPANY = 2048  # the word lower-cased is a company word
_W_BAD = 4096  # _bad(word)
_W_STREETISH = 8192  # the word lower-cased is a street word or ends like one (-straat)
_W_DOT = 16384  # the word holds a dot
_W_END_DOT = 32768  # the word ends with a dot
_W_LISTED = 65536  # lower-cased, a listed first name or surname; or low is a title, salutation, role or saint


def _flags(word: str, lists: _Lists) -> int:
    """The property bits of ``word`` (memoised per process, like _bad)."""
    low = word.lower().rstrip('.')
    lower = word.lower()
    f = 0
    for bit, test in (
        (_W_SAINT, low in SAINTS),
        (_W_ABBR, lower in ABBREVIATIONS),
        (_W_TITLE, low in TITLES),
        (_W_SALUTE, low in SALUTES),
        (_W_ROLE, low in ROLES),
        (_W_STOP, low in lists.stop or low in NOT_NAME),
        (_W_PART, low in PARTICLES),
        (_W_FIRST, _is_first(word, lists)),
        (_W_LAST, low in lists.last),
        (_W_PART_WORD, word in PARTICLES),
        (_W_PART_LOW, lower in PARTICLES),
        (_W_COMPANY, lower in COMPANY_WORDS),
        (_W_BAD, _bad(word, lists)),
        (_W_STREETISH, lower in STREET_WORDS or (len(lower) > 5 and lower.endswith(_STREET_END))),
        (_W_DOT, '.' in word),
        (_W_END_DOT, word.endswith('.')),
        (_W_LISTED, lower in lists.first or lower in lists.last or low in _TRIGGER_WORDS),
    ):
        if test:
            f |= bit
    if len(lists.flags_memo) >= MEMO_SIZE:
        lists.flags_memo.clear()
    lists.flags_memo[word] = f
    return f


def _bad(word: str, lists: _Lists) -> bool:
    """A word that is not part of a person's name (unless a list says it is)."""
    known = lists.bad_memo.get(word)
    if known is None:
        known = _bad_word(word, lists)
        if len(lists.bad_memo) >= MEMO_SIZE:
            lists.bad_memo.clear()
        lists.bad_memo[word] = known
    return known


def _bad_word(word: str, lists: _Lists) -> bool:
    low = word.lower().rstrip('.')
    if low in NOT_NAME or low in COMPANY_WORDS:
        return True
    if low in lists.first or low in lists.last:
        return False
    return low in lists.stop or low in lists.places or _is_street(word)


def _is_company(text: str, end: int) -> bool:
    """A company form right after ``end``, maybe after a list of names ("..., Moonen en Smeets NV")."""
    rest = text[end : end + 8].lstrip(' \t')
    if not rest or not (rest[0] in ',&' or rest[0].isupper() or rest.startswith(('en', 'et', 'and'))):
        return False  # cheap test first: no comma, '&', conjunction or capital follows
    if _COMPANY_AFTER.match(text, end):
        return True
    m = _COMPANY_LIST.match(text, end)
    if m is None:
        return False
    words = m.group().replace(',', ' ').replace('&', ' ').lower().split()
    return _COMPANY_AFTER.match(text, m.end()) is not None or any(w in COMPANY_WORDS for w in words)


def _tokens(chain: str, offset: int) -> list[tuple[str, int, int]]:
    """(word, start, end) of the words of ``chain`` (which starts at ``offset``)."""
    if '.' not in chain and '\t' not in chain and '\u00a0' not in chain and "'" not in chain:
        parts = chain.split(' ')
        if all(p[:1].isupper() for p in parts):  # plain capitalised words: no regex needed (speed)
            out = []
            pos = offset
            for p in parts:
                out.append((p, pos, pos + len(p)))
                pos += len(p) + 1
            return out
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(chain)]


def _segments(toks: list[tuple[str, int, int]], lists: _Lists) -> list[list[tuple[str, int, int]]]:
    """``toks`` cut at upper-case words that are no listed name ("HR", "NV"; "PEETERS" stays)."""
    if not any(t[0].isupper() and len(t[0]) > 1 and '.' not in t[0] for t in toks):
        return [toks]
    out: list[list[tuple[str, int, int]]] = [[]]
    for i, t in enumerate(toks):
        word = t[0]
        if word.isupper() and len(word) > 1 and '.' not in word:
            low = word.lower()
            # "VAN DEN BROECK Anneleen": an upper-case particle before another name word belongs to it
            particle = low in PARTICLES and i + 1 < len(toks) and toks[i + 1][0][:1].isupper()
            if low not in lists.first and low not in lists.last and not particle:
                out.append([])
                continue
        out[-1].append(t)
    return [seg for seg in out if seg]


def _is_signoff(text: str, start: int, end: int, lo: int) -> bool:
    """The chain is alone on the last line of its unit, after a blank line ("...\\n\\nRachel")."""
    if start == 0 or text[start - 1] not in '\n \t':
        return False
    m = _NONSPACE.search(text, end)
    if m is not None and m.group() != '\x00':
        return False  # more text follows in this unit
    return text[max(lo, start - 12) : start].rstrip(' \t').endswith(('\n\n', '\n\r\n'))


def _lookback(text: str, start: int, lo: int) -> str | None:
    """The rule of a title, salutation, role or label just before ``start``, or a signature."""
    before = text[max(lo, start - 60) : start]
    tail = before.rstrip(' \t\u00a0,')
    # cheap test first: the regex only runs when the last word can end a trigger phrase or a label
    cut = max(tail.rfind(' '), tail.rfind('\n'), tail.rfind('\t'), tail.rfind('\u00a0'))
    last = tail[cut + 1 :].lower().rstrip('.')
    if tail.endswith(':') or last in _LOOKBACK_LAST:
        low = before.lower()
        m = _LOOKBACK_LOW.search(low) if len(low) == len(before) else _LOOKBACK.search(before)
        if m:
            return m.lastgroup
    line_start = text.rfind('\n', lo, start) + 1
    if line_start > lo and not text[line_start:start].strip():
        # the previous non-empty line (one blank line may sit between) is a short closing formula
        prev_end = line_start - 1
        prev = text.rfind('\n', lo, prev_end) + 1
        if not text[prev:prev_end].strip() and prev > lo:
            prev_end = prev - 1
            prev = text.rfind('\n', lo, prev_end) + 1
        line = text[prev:prev_end]
        if len(line) <= 70 and CLOSINGS.search(line):
            return 'signature'
    return None


def find(text: str, lang: str | None = None) -> Iterator[Match]:
    """PERSON matches in ``text`` (offsets into it); ``lang`` only changes how 'M.' reads."""
    lists = load()
    found: list[Match] = []
    rejected: list[list[tuple[str, int, int]]] = []
    memo = lists.flags_memo
    for cm in CHAIN.finditer(text):
        chain = cm.group()
        if ' ' not in chain and '\t' not in chain and '\u00a0' not in chain:
            # fast path for one unlisted word (most chains: capitalised words at a sentence start):
            # only a title, salutation, role or label right before it can make it a name
            if not (memo[chain] if chain in memo else _flags(chain, lists)) & _W_LISTED:
                start = cm.start()
                if start == 0 or text[start - 1] == '\n':  # at a line start: nothing before it on its line
                    rejected.append([(chain, start, cm.end())])
                    continue
                tail = text[max(0, start - 30) : start].rstrip(' \t\u00a0,')
                cut = max(tail.rfind(' '), tail.rfind('\n'), tail.rfind('\t'))
                if not tail.endswith(':') and tail[cut + 1 :].lower().rstrip('.') not in _LOOKBACK_LAST:
                    rejected.append([(chain, start, cm.end())])
                    continue
        if chain.count(' ') > MAX_CHAIN_WORDS:
            continue  # a title-cased heading or a run of initials, not a name
        toks = _tokens(chain, cm.start())
        # only an all-capitals word ("HR", "PEETERS") can cut a chain, and it holds two capitals in a row
        for segment in _segments(toks, lists) if _TWO_CAPS.search(chain) else (toks,):
            match = _judge(text, segment, lists, lang, rejected)
            if match is not None:
                found.append(match)
    if found and rejected:
        found.extend(_repeats(found, rejected, text, lists))
        found.sort(key=lambda m: m.start)
    yield from found


def _judge(
    text: str,
    toks: list[tuple[str, int, int]],
    lists: _Lists,
    lang: str | None,
    rejected: list[list[tuple[str, int, int]]],
) -> Match | None:
    trigger: str | None = None
    context: str | None = None
    memo = lists.flags_memo
    fl = [memo.get(w, -1) for w, _, _ in toks]  # one look-up per word
    if -1 in fl:
        fl = [f if f >= 0 else _flags(t[0], lists) for f, t in zip(fl, toks, strict=True)]
    a, b = 0, len(toks)  # the words still in play: toks[a:b]
    # 1. strip leading titles, salutations, roles and sentence-start words.
    while a < b:
        f = fl[a]
        if f & _W_SAINT:
            return None
        if f & _W_ABBR:  # "P.S. Vergeet je badge niet": a postscript, not an initial
            a += 1
            continue
        n = b - a
        if f & _W_TITLE or (lang == 'fr' and toks[a][0] == 'M.'):
            trigger, context = 'title', toks[a][0].lower().rstrip('.')
        elif f & _W_SALUTE:
            trigger, context = 'salutation', toks[a][0].lower().rstrip('.')
        elif f & _W_ROLE:
            trigger, context = 'role', toks[a][0].lower().rstrip('.')
        elif n > 1 and f & _W_STOP and not f & (_W_PART | _W_FIRST):
            pass
        elif n > 1 and not f & (_W_DOT | _W_PART | _W_FIRST | _W_LAST) and fl[a + 1] & _W_FIRST:
            pass
        elif n > 2 and not f & (_W_PART | _W_FIRST) and fl[a + 1] & _W_PART_WORD:
            # "Telefoon van Marc Verstraete", "Appel de Fatima Ouali": a word, a lower-case particle, a name
            rest = next((k for k in range(a + 1, b) if not fl[k] & _W_PART_WORD), None)
            if rest is not None and fl[rest] & _W_FIRST:
                a = rest - 1
            else:
                break
        else:
            break
        a += 1
    if a >= b or fl[a] & _W_SAINT:
        return None
    every = 0
    for k in range(a, b):
        every |= fl[k]
    if every & _W_COMPANY or _is_company(text, toks[b - 1][2]):
        return None
    # trailing words that are no part of a name ("Jan Peeters Manager", "Sophie Dubois Cordialement")
    stripped_tail = False
    while b > a and fl[b - 1] & _W_BAD and not (b - a == 1 and trigger):
        b -= 1
        stripped_tail = True
    while b - a > 1 and fl[b - 1] & _W_PART_LOW:
        b -= 1
    if a >= b:
        return None
    toks, fl = toks[a:b], fl[a:b]
    start, end = toks[0][1], toks[-1][2]
    words = [t[0] for t in toks]
    name_flags = [f for f in fl if not f & (_W_PART_LOW | _W_END_DOT)]
    names = (
        words
        if len(name_flags) == len(fl)
        else [w for w, f in zip(words, fl, strict=True) if not f & (_W_PART_LOW | _W_END_DOT)]
    )
    if (
        words[0] in ('Ben', 'El', 'Al', 'Le', 'La')
        and fl[0] & _W_FIRST
        and (' '.join(words).lower() not in lists.last)
    ):
        names = [words[0]] + names  # "Ben Carter": a first name, not the particle of "Ben Ali"
        name_flags = [fl[0]] + name_flags
    if not names:
        return None
    # 2. hard negatives.
    if any(f & _W_STREETISH for f in fl) or ' '.join([w.lower() for w in words]) in lists.places:
        return None
    if end < len(text) and text[end] in '@' or text.startswith(('.com', '.be', '@'), end):
        return None
    lo = max(text.rfind('\x00', max(0, start - 200), start) + 1, start - 200)  # bounded look-back
    before = text[max(lo, start - 12) : start]
    if trigger is None and _number_before(before):
        return None
    if (before[-1:].isspace() or before.endswith("'")) and _STREET_BEFORE.search(before):
        return None
    if trigger is None and any(f & _W_BAD for f in name_flags):
        if all(f & _W_BAD for f in name_flags) or not name_flags[0] & _W_FIRST:
            rejected.append(toks)
            return None
    # 3. rules.
    if trigger is None:
        trigger = _lookback(text, start, lo)
        if trigger is not None:
            context = None
    if trigger is None and _is_signoff(text, start, end, lo):
        trigger = 'signature'
    known = len(names) >= 2 or name_flags[0] & (_W_FIRST | _W_LAST)
    if trigger in ('signature', 'identifier') and len(names) < 2 and not name_flags[0] & (_W_FIRST | _W_LAST):
        trigger = None
    if trigger is None and known and text[end : end + 1] in _AFTER_FIRST and _AFTER.match(text, end):
        trigger = 'identifier'
    rule = trigger
    if rule is None:
        rule = _list_rule(words, names, lists, text, start, lo)
    if rule is None:
        rejected.append(toks)
        return None
    if trigger is not None and all(f & _W_BAD for f in name_flags):
        return None
    if stripped_tail and not any(f & (_W_FIRST | _W_LAST) for f in name_flags):
        return None  # "Employee Self Service": a capitalised product or department name
    evidence: dict[str, str] = {'rule': rule}
    if context:
        evidence['context'] = context
    return Match(ENTITY, start, end, RULE_SCORE[rule], RECOGNIZER, evidence)


def _list_rule(
    words: list[str], names: list[str], lists: _Lists, text: str, start: int, lo: int
) -> str | None:
    """The list-based rule that makes ``words`` a name, or None."""
    first = words[0]
    if len(names) >= 2 or (len(words) >= 2 and names and words[0].lower() not in PARTICLES):
        if (
            '.' in first
            and len(first) <= 6
            and first[0].isupper()
            and first.lower().rstrip('.') not in TITLES
        ):
            return 'initial' if not _bad(names[-1], lists) else None
        if _is_first(first, lists):
            rest = [w for w in words[1:]]
            if _is_last([w for w in rest if w.lower() not in PARTICLES] or rest, lists):
                return 'first_last'
            # an unlisted surname: only "First Surname", and not after a first name that is also a word
            if (
                len(names) == 2
                and first.lower() not in wordlists.AMBIGUOUS
                and names[-1].lower() not in PLACE_WORDS
            ):
                return 'first_name'
            return None
        if len(names) == 2 and _is_last([names[0]], lists) and _is_first(names[1], lists):
            return 'last_first'
        if (
            len(names) == 2
            and '.' not in first
            and not _bad(first, lists)
            and names[-1].lower() not in PLACE_WORDS
            and _is_last([w for w in words[1:] if w.lower() not in PARTICLES], lists)
        ):
            return 'known_surname'
    if words[0].lower() in PARTICLES and len(words) >= 2 and ' '.join(words).lower() in lists.last:
        return 'surname'
    if (
        len(words) == 1
        and _is_first(first, lists)
        and first.lower() not in ALONE_BLOCK
        and not first.isupper()
    ):
        if not _SENTENCE_START.search(text[max(lo, start - 4) : start]) and start > lo:
            return 'first_alone'
        # at a sentence start only an unambiguous name before a lower-case word ("Kevin belde gisteren")
        low = first.lower()
        if (
            low not in wordlists.AMBIGUOUS
            and low not in lists.stop
            and _LOWER_NEXT.match(text, start + len(first))
        ):
            return 'first_alone'
    return None


def _repeats(
    found: list[Match], rejected: list[list[tuple[str, int, int]]], text: str, lists: _Lists
) -> list[Match]:
    """Chains made only of words of a name found nearby in the same unit ("Peeters confirmed").

    A rejected chain counts when each of its words is a word of a name found within
    ``REPEAT_WINDOW`` characters (and the same unit), and no found name holds the chain. Found names
    never overlap (they come from disjoint chains), so one bisect finds the only one that could hold
    it, and a sorted list of positions per word tells whether that word is near.
    """
    found = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in found]
    tokens_of: dict[str, frozenset[str]] = {}  # a name repeats: its words are taken once
    at: dict[str, list[int]] = {}  # word -> indexes (ascending) of the found names that hold it
    memo = lists.flags_memo
    for i, m in enumerate(found):
        name = text[m.start : m.end]
        words = tokens_of.get(name)
        if words is None:
            kept = []
            for w, _, _ in _tokens(name, 0):
                f = memo[w] if w in memo else _flags(w, lists)
                # a particle only when it is also a first name ("Ben"); no initials, no short words
                if (not f & _W_PART_LOW or f & _W_FIRST) and not f & _W_DOT and len(w) > 2:
                    kept.append(w.lower())
            words = tokens_of[name] = frozenset(kept)
        for w in words:
            at.setdefault(w, []).append(i)
    out = []
    for toks in rejected:
        if len(toks) == 1:  # most rejected chains: one word, usually in no name at all
            names = [toks[0][0].lower()]
            if names[0] not in at:
                continue
        else:
            names = [w.lower() for w, _, _ in toks if w.lower() not in PARTICLES] or [
                w.lower() for w, _, _ in toks
            ]
            if not names or not all(w in at for w in names):
                continue
        start, end = toks[0][1], toks[-1][2]
        lo = text.rfind('\x00', max(0, start - REPEAT_WINDOW), start) + 1
        hi = text.find('\x00', end, end + REPEAT_WINDOW)
        hi = end + REPEAT_WINDOW if hi < 0 else hi
        first = bisect.bisect_left(starts, max(lo, start - REPEAT_WINDOW))  # the found names in reach:
        stop = bisect.bisect_right(starts, min(hi, end + REPEAT_WINDOW))  # found[first:stop]
        holder = bisect.bisect_right(starts, start) - 1
        if first <= holder < stop and start < found[holder].end:
            continue  # inside a found name
        if all(_near(at[w], first, stop) for w in names):
            out.append(Match(ENTITY, start, end, RULE_SCORE['repeat'], RECOGNIZER, {'rule': 'repeat'}))
    return out


def _near(indexes: list[int], first: int, stop: int) -> bool:
    """One of the ascending ``indexes`` lies in ``[first, stop)``."""
    k = bisect.bisect_left(indexes, first)
    return k < len(indexes) and indexes[k] < stop


def looks_like_name(value: str) -> float:
    """How plausible it is (0..1) that a lone cell ``value`` is a person's name.

    >>> looks_like_name('Jan Peeters') > 0.9, looks_like_name('Acme Solutions NV') < 0.1
    (True, True)
    """
    lists = load()
    v = value.strip()
    if not v or len(v) > 80 or any(ch.isdigit() for ch in v) or '@' in v:
        return 0.0
    if ',' in v:  # "Peeters, Jan"
        last, _, first = v.partition(',')
        v = f'{first.strip()} {last.strip()}'
    if v.isupper() or v.islower():
        v = ' '.join(
            p[:1].upper() + p[1:].lower() if p.lower() not in PARTICLES else p.lower() for p in v.split()
        )
    toks = _tokens(v, 0)
    words = [t[0] for t in toks]
    covered = sum(len(w) for w in words) + max(len(words) - 1, 0)
    if not words or covered < len(v.replace('  ', ' ')) - 1:
        return 0.1
    lows = [w.lower().rstrip('.') for w in words]
    names = [w for w in words if w.lower() not in PARTICLES and not w.endswith('.')]
    if any(w in COMPANY_WORDS for w in lows) or _COMPANY_AFTER.search(value):
        return 0.02
    if any(_is_street(w) for w in words) or ' '.join(lows) in lists.places:
        return 0.05
    if not names:
        return 0.1
    if all(_bad(w, lists) for w in names):
        return 0.05
    if len(names) >= 2:
        if _is_first(words[0], lists) and _is_last(names[1:], lists):
            return 0.97
        if _is_last([names[0]], lists) and _is_first(names[-1], lists):
            return 0.93
        if _is_first(words[0], lists) or _is_last(names[-1:], lists) or words[0].endswith('.'):
            return 0.8
        if ' '.join(lows) in lists.last:
            return 0.8
        return 0.35 if not any(_bad(w, lists) for w in names) else 0.1
    word = names[0]
    if ' '.join(lows) in lists.last and len(words) > 1:
        return 0.75
    if _is_first(word, lists, alone=True):
        return 0.75
    if _is_last([word], lists):
        return 0.6
    if _is_first(word, lists):
        return 0.4
    return 0.1 if _bad(word, lists) else 0.25
