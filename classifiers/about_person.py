"""Is a special-category mention about an identifiable person?  The judgement, and its evidence.

"In geval van ziekte bezorgt de werknemer een medisch attest" (a policy) and "wij verwerken
gezondheidsgegevens" (a privacy statement) mention health without being about anyone; "Beste Jan,
je ziekteverlof is verlengd" is about Jan. A mention counts only with a *link* to a person:

- ``name`` / ``identifier``: a PERSON or an identifier (national number, e-mail, IBAN, birth date...)
  in the same passage (paragraph) or shortly before it; generic mailboxes (privacy@, hr@, info@) do not
  count: they identify an office, not a person.
- ``salutation``: a letter or e-mail to one person ("Beste Jan,", "Chère Madame Dubois", "Dear Tom");
  "Beste collega's" and "Madame, Monsieur" address nobody in particular.
- ``addressed`` / ``first_person``: a second- or first-person possessive or statement bound to the
  term ("je ziekteverlof", "votre certificat médical", "I am pregnant"), or a first person singular
  in the paragraph (the writer of a message: "ik", "j'ai", "I'm"); never "onze", "we", "nous".
- ``table_row`` / ``table``: a cell of a row holding an identifier, or of a table whose columns hold
  people (see :mod:`gdprscan.classifiers.columns`).

A generic sentence (conditional "in geval van", "si", "if"; obligations "moet", "doit", "must"; "elke
werknemer") is never about a person unless a name or identifier sits in that very sentence.

A question or an inverted condition put to the reader ("Ben je ziek? Verwittig je leidinggevende.",
"Heb je een arbeidsongeval gehad, vul dan ...", "Es-tu malade ?", "Should you fall ill, ...") and the
second-person sentence that answers it ("Ben je vakbondslid? Je premie vraag je aan bij je vakbond.")
address whoever reads a work regulation or an intranet page: such a sentence is about a person only
through a name or identifier in it, a salutation ("Beste Jan,") or a first name called out at its
start ("Kristof, ben je ...?"). A name elsewhere in the paragraph (the HR contact) does not make "je"
that person.

The returned evidence is ``{'rule': ..., 'link': ..., 'masked': ...}``; the link value is masked
(names fully, identifiers but their last two characters) so no raw personal data reaches a report.

>>> judge('Beste Jan,\\n\\nJe ziekteverlof is verlengd.', 16, 28, [])['rule']
'salutation'
>>> judge('In geval van ziekte bezorgt de werknemer een medisch attest.', 13, 19, []) is None
True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from gdprscan.recognizers import wordlists
from gdprscan.recognizers.base import Match
from gdprscan.recognizers.masking import mask

#: Entities whose match in a passage (or row) makes it about an identifiable person.
LINK_ENTITIES = frozenset(
    {
        'PERSON',
        'BE_NATIONAL_NUMBER',
        'BE_BIS_NUMBER',
        'BE_ID_CARD_NUMBER',
        'EMAIL_ADDRESS',
        'IBAN_CODE',
        'CREDIT_CARD',
        'DATE_OF_BIRTH',
    }
)
#: Minimum score of a PERSON match to serve as a link (a weak lone first name does not).
MIN_LINK_SCORE = 0.6
#: An anchor (name, identifier) this many characters before the passage still links it.
NEAR = 400
#: A salutation links the rest of its letter up to this many characters on.
LETTER = 4000
#: Scores of a linked special-category mention, by rule (a mention with no link is no finding).
RULE_SCORES = {
    'name': 0.85,
    'identifier': 0.85,
    'salutation': 0.8,
    'addressed': 0.75,
    'first_person': 0.75,
    'table_row': 0.85,
    'table': 0.8,
    'nearby': 0.7,
}

_GENERIC_MAILBOX = re.compile(
    r'^(?:privacy|gdpr|avg|rgpd|dpo|info|contact|hr|rh|personeel|personnel|jobs|job|careers|recruitment|'
    r'rekrutering|recrutement|admin|administratie|administration|helpdesk|support|service|servicedesk|'
    r'noreply|no-reply|donotreply|secretariaat|secretariat|office|payroll|loon|salaris|paie|sales|'
    r'klantendienst|welcome|welkom|accueil|onthaal|mail|postmaster|webmaster|compliance|legal|juridique|'
    r'juridisch|preventie|prevention|medical|medisch)[\w.+-]*@',
    re.IGNORECASE,
)
_GROUP = (
    r"collega'?s|collega|collègues|collegues|colleagues|allen|iedereen|allemaal|team|medewerkers|ouders|leden|"
    r'klant|klanten|lezer|reader|readers|all|everyone|everybody|tous|toutes|membres|members|parents|'
    r'sir or madam|madam or sir|madame,? monsieur|monsieur,? madame|heer,? mevrouw|mevrouw,? mijnheer|'
    r'mevrouw,? meneer|client|clients|customer|customers|candidate|candidat|kandidaat|sollicitant|'
    r'werknemer|werknemers|employee|employees|travailleur|travailleurs|lecteur|lectrice|dames en heren|'
    r'sir|sirs|madam|madame|monsieur|messieurs|mesdames|mevrouw|meneer|mijnheer|heer|heren|there'
)
_SALUTATION = re.compile(
    r'^[ \t>]*(?:beste|geachte|lieve|dag|hallo|hoi|dierbare|cher|chère|chere|bonjour|bonsoir|salut|'
    r'dear|hi|hello|hey|madame|monsieur|mevrouw|meneer|mijnheer)'
    r'(?:[ \t]+(?:heer|mevrouw|meneer|mijnheer|dhr\.?|mevr\.?|madame|monsieur|mr\.?|mrs\.?|ms\.?|dr\.?))?'
    rf'[ \t]+(?!(?:{_GROUP})\b)'
    rf"(?P<name>(?-i:[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){{0,3}}))[ \t]*[,:!]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_POSSESSIVE = {
    'addressed': r'je|jouw|uw|votre|vos|ton|ta|tes|your|yer',
    'first_person': r"mijn|m'n|mon|ma|mes|my",
}
_SUBJECT = {
    'addressed': r'je|jij|u|tu|vous|you',
    'first_person': r"ik|je|j'|i",
}
#: Verbs after the subject pronoun; "je suis" is first person, "je bent" second ("je" is both).
_VERBS = {
    'addressed': r'bent|ben|was|werd|wordt|hebt|heb|had|lag|ligt|zat|zit|ging|es|êtes|etes|étais|etais|étiez|'
    r"as|avez|avais|aviez|are|were|have|had|'re|'ve|got|fell|went",
    'first_person': r'ben|was|werd|word|heb|had|lag|lig|zat|zit|ging|moest|suis|étais|etais|ai|avais|'
    r"am|was|have|had|'m|'ve|got|fell|went",
}
#: "bij je ziekteverlof": at most two words (adjectives) between the possessive and the term.
_BOUND_POSSESSIVE = {
    rule: re.compile(rf"(?<![\w'’-])(?:{poss})[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}$", re.IGNORECASE)
    for rule, poss in _POSSESSIVE.items()
}
_BOUND_SUBJECT = {
    rule: re.compile(
        rf"(?<![\w'’])(?:{subj})[ \t]*(?:{_VERBS[rule]})\b(?:[ \t]+[\w'’-]+){{0,4}}[ \t]+$", re.IGNORECASE
    )
    for rule, subj in _SUBJECT.items()
}
#: Conditions and quantifiers: a rule for anyone ("in geval van ziekte", "si", "every employee").
_CONDITION = re.compile(
    r'(?<!\w)(?:indien|wanneer|zodra|ingeval|in geval|bij ziekte|elke|iedere|'
    r"si|s'il|lorsque|lorsqu'|quand|en cas|dès que|des que|chaque|"
    r'if|when|whenever|in case|in the event|each|every)(?!\w)',
    re.IGNORECASE,
)
#: The organisation describing its processing ("wij verwerken uw medische attesten", "nous traitons vos
#: certificats médicaux", "we only process your ..."): a privacy statement's sentence, about no one.
_WE_PROCESS = re.compile(
    r"(?<!\w)(?:wij|we|nous|on)\s+(?:\w+\s+){0,2}?"
    r'(?:verwerken|bewaren|gebruiken|verzamelen|registreren|delen|'
    r'traitons|conservons|utilisons|collectons|enregistrons|partageons|'
    r'process|store|use|collect|keep|record|share)(?!\w)',
    re.IGNORECASE,
)
#: Obligations and permissions: a rule, unless a first person speaks ("mijn premie mag niet meer ...").
_MODAL = re.compile(
    r'(?<!\w)(?:moet|moeten|dient|dienen|kan|kunt|kunnen|mag|mogen|verplicht|'
    r'doit|doivent|devez|pouvez|peut|peuvent|obligatoire|'
    r'must|should|can|shall|required)(?!\w)',
    re.IGNORECASE,
)
#: A first person singular: the writer of a message, who is identifiable (its sender).
_FIRST_PERSON = {
    'nl': re.compile(r"(?<![\w'’])(?:ik|mijn|m'n|mij|me)(?![\w'’])", re.IGNORECASE),
    'fr': re.compile(r"(?<![\w'’])(?:(?:je|moi|mon|ma|mes|me)(?![\w'’])|[jm]['’](?=\w))", re.IGNORECASE),
    'en': re.compile(r"(?<![\w'’])(?:I|I['’]m|I['’]ve|I['’]ll|I['’]d|(?i:my|me))(?![\w'’])"),
}
_SENTENCE_END = re.compile(r'[.!?]\s|\n\s*\n')
_PARAGRAPH = re.compile(r'\n[ \t]*\n')
SENTENCE_MAX = 300


def evidence(rule: str, link: str, masked: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {'rule': rule, 'link': link}
    if masked:
        out['masked'] = masked
    out.update(extra)
    return out


def is_link(m: Match, value: str) -> bool:
    """``m`` (with its text ``value``) points at a person: a name or a personal identifier."""
    if m.entity not in LINK_ENTITIES:
        return False
    if m.entity == 'PERSON' and m.score < MIN_LINK_SCORE:
        return False
    return not (m.entity == 'EMAIL_ADDRESS' and _GENERIC_MAILBOX.match(value))


class Links:
    """The matches of a text that point at a person, by offset (a long text has thousands)."""

    def __init__(self, text: str, matches: Iterable[Match]) -> None:
        found = sorted((m for m in matches if is_link(m, text[m.start : m.end])), key=lambda m: m.start)
        self.text = text
        self.matches = found
        self.starts = [m.start for m in found]

    def first(self, lo: int, hi: int) -> Match | None:
        """The first link starting in ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo)
        return self.matches[i] if i < len(self.starts) and self.starts[i] < hi else None

    def nearest(self, lo: int, hi: int, pos: int) -> Match | None:
        """The link in ``[lo, hi)`` closest before ``pos`` (the person a record or note is about),
        else the first one after it."""
        i = bisect.bisect_left(self.starts, pos)
        if i and self.starts[i - 1] >= lo:
            return self.matches[i - 1]
        return self.first(max(lo, pos), hi)


def link_of(m: Match, value: str) -> dict[str, Any]:
    rule = 'name' if m.entity == 'PERSON' else 'identifier'
    return evidence(rule, m.entity, mask(value, m.entity))


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (bounded to :data:`SENTENCE_MAX` characters each way)."""
    lo = max(0, start - SENTENCE_MAX)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    hi_bound = min(len(text), end + SENTENCE_MAX)
    after = _SENTENCE_END.search(text, end, hi_bound)
    return lo, (after.start() + 1 if after else hi_bound)


def passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around ``text[start:end]`` (blank lines separate paragraphs)."""
    lo = 0
    for m in _PARAGRAPH.finditer(text, max(0, start - 5000), start):
        lo = m.end()
    after = _PARAGRAPH.search(text, end, min(len(text), end + 5000))
    return lo, (after.start() if after else min(len(text), end + 5000))


#: Dutch "als" is "if" only where a clause starts ("Als je ziek bent", ", als"), else it is "as".
_ALS = re.compile(r'(?:^|[,;:(]|\n|\bwat)\s*als(?!\w)', re.IGNORECASE)


def first_person(text: str, lo: int, hi: int, lang: str | None = None) -> bool:
    """``text[lo:hi]`` has a first person singular (ik, mijn, je suis, my, I'm) of ``lang`` (or any)."""
    langs = (lang,) if lang in _FIRST_PERSON else tuple(_FIRST_PERSON)
    return any(_FIRST_PERSON[code].search(text, lo, hi) for code in langs)  # type: ignore[index]


def writer_speaks(text: str, lo: int, hi: int, lang: str | None = None) -> bool:
    """A first person singular in ``text[lo:hi]`` that states something: not in a question or a
    condition ("Wat als ik ziek word?", "What should I do if I am sick?" are a FAQ's, nobody's)."""
    langs = (lang,) if lang in _FIRST_PERSON else tuple(_FIRST_PERSON)
    for code in langs:
        for m in _FIRST_PERSON[code].finditer(text, lo, hi):  # type: ignore[index]
            s_lo, s_hi = sentence(text, m.start(), m.end())
            part = text[s_lo:s_hi]
            if '?' in part or _CONDITION.search(part) or _ALS.search(part):
                continue
            return True
    return False


def is_generic(text: str, start: int, end: int, lang: str | None = None) -> bool:
    """The sentence of ``text[start:end]`` states a rule or a condition, not a fact about someone."""
    lo, hi = sentence(text, start, end)
    part = text[lo:hi]
    if _CONDITION.search(part) or _ALS.search(part) or _WE_PROCESS.search(part):
        return True
    return bool(_MODAL.search(part)) and not first_person(text, lo, hi, lang)


#: The reader in the second person; French "je" is "I", so it is Dutch only.
_SECOND_PERSON = {
    'nl': re.compile(r"(?<![\w'’])(?:je|jij|jou|jouw|u|uw)(?![\w'’])", re.IGNORECASE),
    'fr': re.compile(r"(?<![\w'’])(?:tu|toi|ton|ta|tes|vous|votre|vos|t['’](?=\w))(?![\w'’])", re.IGNORECASE),
    'en': re.compile(r"(?<![\w'’])(?:you|your|yours|yourself)(?![\w'’])", re.IGNORECASE),
}
#: Words that may stand before "je"/"u" at the start of a Dutch clause without being its verb
#: ("Tijdens je ziekteverlof", "Omdat je ziek bent"); any other first word is a finite verb: a
#: question, a condition or an order ("Ben je ziek?", "Heb je ... gehad, vul dan ...").
_NOT_VERB_NL = frozenset(
    'en maar dus want of omdat doordat toen nu sinds sedert hoewel ofschoon terwijl zoals voordat vooraleer '
    'nadat totdat tot zodat opdat dat zolang aangezien mits tenzij alsof ook dan wat waar wie hoe waarom '
    'welke welk waarmee waarvoor waarover waardoor hoeveel hoelang met tijdens na voor bij over door van op '
    'in aan volgens ondanks wegens zonder naast onder tegen vanaf vanuit rond omtrent per via binnen buiten '
    'uit naar om achter boven tussen dankzij inzake betreffende niet nog al zelf enkel alleen zeker ja nee '
    'hallo hoi dag proficiat bedankt dank sorry welkom helaas gelukkig bovendien daarom daardoor daarna zo '
    'toch misschien graag eerst vandaag gisteren morgen intussen ondertussen'.split()
)
#: Bullets, numbering and spaces before a clause's first word.
_CLAUSE_START = r'[\s\-•*>\d.)]*'
_VERB_FIRST = {
    'nl': re.compile(_CLAUSE_START + r"(?P<verb>[^\W\d_]+)[ \t]+(?:je|jij|u)(?![\w'’])", re.IGNORECASE),
    'fr': re.compile(_CLAUSE_START + r"[^\W\d_]+-(?:t-)?(?:tu|vous)(?![\w'’])", re.IGNORECASE),
    'en': re.compile(
        _CLAUSE_START
        + r'(?:are|were|have|had|should|do|did|will|would|can|could|may|might|must)[ \t]+you(?![\w\'’])',
        re.IGNORECASE,
    ),
}
#: Second-person sentences after a question to the reader that still answer it (same paragraph).
ANSWER_SENTENCES = 3
_VOCATIVE = re.compile(r"[\s\-•*>]*(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)[ \t]*,")


#: All three languages in one pattern (text of unknown language: table cells, JSON fields).
_SECOND_PERSON_ANY = re.compile('|'.join(f'(?:{p.pattern})' for p in _SECOND_PERSON.values()), re.IGNORECASE)


def _langs(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang in _SECOND_PERSON else tuple(_SECOND_PERSON)


def _second_person(text: str, lo: int, hi: int, langs: tuple[str, ...]) -> bool:
    rx = _SECOND_PERSON[langs[0]] if len(langs) == 1 else _SECOND_PERSON_ANY
    return rx.search(text, lo, hi) is not None


def _verb_first(text: str, pos: int, lang: str) -> bool:
    m = _VERB_FIRST[lang].match(text, pos)
    if m is None:
        return False
    return lang != 'nl' or m.group('verb').lower() not in _NOT_VERB_NL


def _asks_reader(text: str, lo: int, hi: int, langs: tuple[str, ...], checked: bool = False) -> bool:
    """``text[lo:hi]`` (a sentence) is a question or an inverted condition put to "je", "tu", "you"
    (``checked``: the sentence is known to hold a second person)."""
    if not checked and not _second_person(text, lo, hi, langs):
        return False
    if '?' in text[lo:hi]:
        return True
    starts = {lo} | {i + 1 for i in range(lo, hi) if text[i] == '\n'}  # a clause may start a line
    return any(_verb_first(text, pos, code) for pos in starts for code in langs)


def addresses_reader(
    text: str, start: int, end: int, lang: str | None = None, bounds: tuple[int, int] | None = None
) -> bool:
    """The sentence of ``text[start:end]`` speaks to whoever reads: a question or an inverted condition
    in the second person, or one of the (up to :data:`ANSWER_SENTENCES`) second-person sentences of the
    same paragraph that answer it ("Ben je ziek? Bezorg je medisch attest.", "Then your premium ...").
    ``bounds``: the sentence of the term, when the caller has it."""
    langs = _langs(lang)
    lo, hi = bounds or sentence(text, start, end)
    if not _second_person(text, lo, hi, langs):
        return False  # most sentences: neither a question to the reader nor an answer to one
    if _asks_reader(text, lo, hi, langs, checked=True):
        return True
    for step in range(ANSWER_SENTENCES):
        if step and not _second_person(text, lo, hi, langs):
            return False
        end_before, first = lo, lo  # the end of the sentence before, the first character of this one
        while end_before > 0 and text[end_before - 1].isspace():
            end_before -= 1
        while first < hi and text[first].isspace():
            first += 1
        if not end_before or _PARAGRAPH.search(text, end_before, first):
            return False  # nothing before, or a new paragraph: it answers nothing
        lo, hi = sentence(text, end_before - 1, end_before - 1)
        if _asks_reader(text, lo, hi, langs):
            return True
        part = text[lo:hi]
        conditional = _CONDITION.search(part) or _ALS.search(part)
        if conditional and _second_person(text, lo, hi, langs):
            return True
    return False


def vocative(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> str | None:
    """The masked first name a sentence starts by calling out ("Kristof, ben je ...?"), else None."""
    lo, _ = bounds or sentence(text, start, end)
    m = _VOCATIVE.match(text, lo)
    if m is None or m.end() > start:
        return None
    name = m.group('name')
    low = name.lower()
    if low in wordlists.AMBIGUOUS or low not in wordlists.first_names():
        return None
    return mask(name, 'PERSON')


def salutations(text: str) -> list[tuple[int, str]]:
    """(offset, masked name) of each line that greets one person."""
    return [(m.start(), mask(m.group('name'), 'PERSON')) for m in _SALUTATION.finditer(text)]


#: An instruction to whoever reads ("Bezorg je medisch attest", "Envoyez votre certificat", "Please send
#: your ..."): the second person of a procedure is nobody in particular.
_INSTRUCTION = re.compile(
    r'[\s\-•*>\d.)]*(?:(?:gelieve|graag|veuillez|merci de|please|kindly|pls)\s+)?'
    r'(?:bezorg|stuur|meld|breng|lever|geef|verwittig|contacteer|vergeet|bewaar|vul|upload|mail|bel|neem|'
    r'zorg|laat|raadpleeg|volg|verstuur|bezorgen|sturen|melden|'
    r'envoyez|envoie|remettez|remets|transmettez|transmets|prévenez|préviens|signalez|signale|informez|'
    r"contactez|appelez|n['’]oubliez|conservez|déposez|complétez|remplissez|téléchargez|joignez|"
    r'send|provide|submit|inform|notify|report|hand|bring|contact|call|email|e-mail|upload|keep|fill|'
    r"remember|don['’]t|do not|make sure|ensure|attach|forward)(?!\w)",
    re.IGNORECASE,
)


def statement_link(text: str, start: int, end: int, lang: str | None = None) -> dict[str, Any] | None:
    """A first/second-person possessive or statement bound to the term at ``text[start:end]``
    (in French text, "je" is the writer: never the reader's "je ziekteverlof")."""
    lo, _ = sentence(text, start, end)
    before = text[max(lo, start - 60) : start]
    for rule in ('first_person', 'addressed'):
        found = _BOUND_POSSESSIVE[rule].search(before) or _BOUND_SUBJECT[rule].search(before)
        if found is None:
            continue
        if rule == 'addressed' and lang == 'fr' and _FRENCH_JE.match(found.group(0)):
            continue
        if rule == 'addressed' and _INSTRUCTION.match(text, lo, start):
            return None
        return evidence(rule, 'second_person' if rule == 'addressed' else 'first_person')
    return None


_FRENCH_JE = re.compile(r'je(?![\w\'’])', re.IGNORECASE)


def judge(
    text: str,
    start: int,
    end: int,
    matches: Sequence[Match] | Links,
    greetings: Sequence[tuple[int, str]] | None = None,
    carried: dict[str, Any] | None = None,
    lang: str | None = None,
) -> dict[str, Any] | None:
    """The link that makes the mention ``text[start:end]`` about a person, or None.

    ``matches``: the other matches of ``text`` (names, identifiers), or their :class:`Links` (build
    it once for many mentions in one text); ``greetings``: from
    :func:`salutations` (computed if None); ``carried``: a link from earlier text of the same
    source (a salutation a few paragraphs or units before), used when nothing nearer links;
    ``lang``: the text's language, for the first-person words ("je" is "I" in French only).
    """
    links = matches if isinstance(matches, Links) else Links(text, matches)
    s_lo, s_hi = sentence(text, start, end)
    m = links.nearest(s_lo, s_hi, start)
    if m is not None:
        return link_of(m, text[m.start : m.end])
    if is_generic(text, start, end, lang):
        return None
    reader = addresses_reader(text, start, end, lang, (s_lo, s_hi))
    p_lo, p_hi = passage(text, start, end)
    m = None if reader else links.nearest(max(0, p_lo - NEAR), p_hi, start)
    if m is not None:
        return link_of(m, text[m.start : m.end])
    if greetings is None:
        greetings = salutations(text)
    i = bisect.bisect_left(greetings, (start,))  # greetings are in text order
    if i and greetings[i - 1][0] >= start - LETTER:
        return evidence('salutation', 'salutation', greetings[i - 1][1])
    found = statement_link(text, start, end, lang)
    if reader:
        called = vocative(text, start, end, (s_lo, s_hi))
        if called is not None:
            return evidence('salutation', 'vocative', called)
        if found is not None and found['rule'] == 'first_person':
            return found  # the writer's own "mijn ziekteverlof", asked of someone else
        return carried if carried is not None and carried.get('rule') == 'salutation' else None
    if found is not None:
        return found
    if writer_speaks(text, p_lo, p_hi, lang):
        return evidence('first_person', 'first_person')
    return carried


def row_link(cells: Iterable[tuple[Match, str]]) -> dict[str, Any] | None:
    """The first match in a table row that points at a person, as evidence (rule 'table_row')."""
    for m, value in cells:
        if is_link(m, value):
            return evidence('table_row', m.entity, mask(value, m.entity))
    return None
