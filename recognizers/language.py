"""Language of a text unit: 'nl', 'fr' or 'en', cheaply and offline.

Why not a model: units are often a cell or a line, and the engine sees millions of them.
Each word of the first :data:`SAMPLE` characters votes for the languages whose stop-word
list (spaCy's, shipped in ``stopwords.txt``) holds it, a vote split between languages that
share the word; a few word endings and letters (é, ç, ij, -ing, -heid) add small votes.
The language with most votes wins; no vote at all, or a tie with Dutch, gives 'nl' (the
most frequent language of Belgian HR files). Costs a few microseconds for a short text.

>>> detect('Beste Jan, je verlof is goedgekeurd.')
'nl'
>>> detect('Madame, nous vous confirmons votre congé.')
'fr'
>>> detect('Dear Mr Smith, please find attached the contract.')
'en'
>>> detect('12345')
'nl'
"""

from __future__ import annotations

import re

from gdprscan.recognizers import wordlists

LANGUAGES = ('nl', 'fr', 'en')
DEFAULT = 'nl'
SAMPLE = 2000
_WORD = re.compile(r"[a-zà-ÿœ]+(?:'[a-z]+)?")

#: Words that are not (all) in the stop lists but mark a language strongly in HR texts.
_EXTRA = {
    'nl': 'beste geachte mevrouw meneer groeten vriendelijke werknemer werkneemster verlof ziekte ziek loon '
    'bijlage datum geboren geboortedatum straat hierbij graag bedankt uw jouw hoogachtend dag collega '
    'adres naam voornaam gemeente woonplaats contract arbeidsovereenkomst afdeling dienst personeel '
    'vakbond attest werkgever bedrijf kantoor vandaag morgen gisteren week maand jaar',
    'fr': 'madame monsieur cordialement salutations travailleur travailleuse congé salaire maladie ci-joint '
    'né née naissance rue veuillez bonjour merci votre vos nous pièce adresse nom prénom commune '
    'contrat employeur employé employée entreprise bureau syndicat certificat aujourd demain hier '
    'semaine mois année avenue chaussée boîte',
    'en': 'dear regards sincerely employee leave sick salary attached born birth street please thanks thank '
    'kind the of and hi address name surname contract employer company office union certificate '
    'today tomorrow yesterday week month year date',
}
_ENDINGS = {
    'nl': (
        'heid',
        'lijk',
        'isch',
        'tje',
        'aan',
        'oor',
        'ij',
        'straat',
        'laan',
        'verlof',
        'datum',
        'ziekte',
        'gegevens',
        'dienst',
        'werk',
        'recht',
        'wet',
        'schap',
        'teit',
    ),
    'fr': ('eux', 'eur', 'ment', 'ais', 'ait', 'ée', 'és', 'ion'),
    'en': ('ing', 'ed', 'ly', 'ght', 'tion', 'ness', "'s"),
}
_FR_LETTERS = frozenset('éèêàçùûôœîï')

_votes: dict[str, tuple[tuple[str, float], ...]] | None = None


def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((lang, weight), ...), built once from the shipped stop words."""
    global _votes
    if _votes is None:
        langs_of: dict[str, set[str]] = {}
        for lang, stop in wordlists.stopwords().items():
            for w in stop:
                langs_of.setdefault(w, set()).add(lang)
        for lang, words in _EXTRA.items():
            for w in words.split():
                langs_of.setdefault(w, set()).add(lang)
        _votes = {w: tuple((lang, 1.0 / len(ls)) for lang in sorted(ls)) for w, ls in langs_of.items()}
    return _votes


def scores(text: str) -> dict[str, float]:
    """Votes per language for ``text`` (its first ``SAMPLE`` characters)."""
    sample = text[:SAMPLE].lower()
    score = {'nl': 0.0, 'fr': 0.0, 'en': 0.0}
    votes_of = _word_votes
    for word in _WORD.findall(sample):
        votes = votes_of.get(word)
        if votes is None:
            votes = _votes_of(word)
        for lang, weight in votes:
            score[lang] += weight
    accents = sum(sample.count(ch) for ch in _FR_LETTERS) if not sample.isascii() else 0
    score['fr'] += min(accents, 6) * 0.3
    score['nl'] += min(sample.count('ij'), 4) * 0.3
    return score


#: Votes per word, remembered: prose repeats its words, and a line is scored word by word.
_word_votes: dict[str, tuple[tuple[str, float], ...]] = {}
_WORD_VOTES_MAX = 200_000


def _votes_of(word: str) -> tuple[tuple[str, float], ...]:
    """A word's votes: from the stop-word table, else from its ending and a French elision."""
    votes = _table().get(word)
    if votes is None:
        found: list[tuple[str, float]] = []
        if len(word) > 4:
            found.extend((lang, 0.25) for lang, ends in _ENDINGS.items() if word.endswith(ends))
        if word.startswith(("l'", "d'", "qu'", "j'", "n'", "s'", "c'")):
            found.append(('fr', 0.5))
        votes = tuple(found)
    if len(_word_votes) >= _WORD_VOTES_MAX:
        _word_votes.clear()
    _word_votes[word] = votes
    return votes


def detect(text: str) -> str:
    """'nl', 'fr' or 'en'; 'nl' when nothing tells."""
    score = scores(text)
    best = max(LANGUAGES, key=lambda lang: (score[lang], lang == DEFAULT))
    return best if score[best] > 0 else DEFAULT


#: Votes a line's language needs over ``default``: one clear word ("has", "est"), not a shared one ("je",
#: "de" are Dutch and French).
RUN_LEAD = 1.0


def runs(text: str, default: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of the runs of consecutive lines of ``text`` in one language.

    Why: Belgian HR mail and notes switch language mid-text (a Dutch note, then a quoted French
    reply); a language decided once per text let the second language's special-category terms go
    unseen. A line is in another language than ``default`` when that language leads by
    :data:`RUN_LEAD` votes (one clear word is enough for a short line: "John Smith has a criminal
    record."); a line without a clear lead ("Met vriendelijke groeten,", a name, a date, "Stuur je
    doktersbriefje via de app.") is in ``default``.

    >>> t = 'Jan is ziek sinds maandag.\\nMarie est en incapacité.\\nJohn has a criminal record.\\n'
    >>> [(lang, t[s:e].split()[0]) for s, e, lang in runs(t, 'nl')]
    [('nl', 'Jan'), ('fr', 'Marie'), ('en', 'John')]
    """
    out: list[tuple[int, int, str]] = []
    current, run_start, pos = default, 0, 0
    for line in text.splitlines(keepends=True):
        score = scores(line)
        best = max(LANGUAGES, key=lambda lang: (score[lang], lang == default))
        lang = best if score[best] >= score[default] + RUN_LEAD else default
        if lang != current:
            if pos > run_start:
                out.append((run_start, pos, current))
            current, run_start = lang, pos
        pos += len(line)
    if pos > run_start:
        out.append((run_start, pos, current))
    return out
