"""Questions and conditions put to a generic "je"/"u"/"tu"/"you" are nobody's special data (QA2 D16)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from gdprscan.classifiers import about_person
from gdprscan.classifiers.categories import is_special
from gdprscan.recognizers import special
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import TextUnit

EVAL = Path(__file__).resolve().parents[2] / 'benchmarks' / 'eval'
PARTS = ('special_generic_you', 'special_generic_you_heldout')

#: QA2's reproducer (/tmp/qa2/repro/policy_texts2.txt): an arbeidsreglement in the "je" form.
POLICY_JE = """Ben je ziek? Verwittig je leidinggevende.
Ben je langdurig ziek, dan neemt de arbeidsgeneesheer contact met je op.
Ben je zwanger? Meld het tijdig aan HR zodat we je werkpost kunnen aanpassen.
Heb je een arbeidsongeval gehad, vul dan het aangifteformulier in.
Ben je lid van een vakbond? Dan ontvang je jaarlijks een attest voor je vakbondspremie.
Es-tu malade ? Préviens ton responsable.
Tu es enceinte ? Informe les RH.
Are you ill? Tell your manager before 9 am.
Are you pregnant? Please inform HR so we can adapt your workplace.
"""


def _specials(text: str, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(entity, value, rule) of the special-category findings of the full profile on one prose unit."""
    engine = Engine(Settings(profile='full', min_score=0.0, lang=lang))
    findings = engine.detect([TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)], 'doc.txt')
    return [(f.entity, f.value, f.evidence['rule']) for f in findings if is_special(f.entity)]


def _term(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    'text',
    (
        'Ben je ziek? Verwittig je leidinggevende.',
        'Ben je langdurig ziek, dan neemt de arbeidsgeneesheer contact met je op.',
        'Ben je zwanger? Meld het tijdig aan HR zodat we je werkpost kunnen aanpassen.',
        'Heb je een arbeidsongeval gehad, vul dan het aangifteformulier in.',
        'Ben je lid van een vakbond? Dan ontvang je jaarlijks een attest voor je vakbondspremie.',
        'Bent u zwanger? Dan heeft u recht op moederschapsrust. Uw zwangerschap meldt u best vroeg.',
        'Word je ziek tijdens je vakantie\nBezorg dan een medisch attest.',  # a heading line, no '?'
        # the answer of a question: three sentences after it, same paragraph
        'Ben je vakbondslid? Je vakbondspremie vraag je aan bij je vakbond.',
        # a contact name in the paragraph is not who "je" is
        'Vertrouwenspersoon: Sofie Claes, tel. 02 555 12 12. Voel je je gepest of heb je een burn-out? '
        'Neem contact op.',
        'Es-tu victime d\'un accident du travail ? Déclare-le à ton responsable.',
        "Vous êtes membre d'un syndicat ? Votre prime syndicale est versée par votre syndicat.",
        'Have you had an accident at work? Report it the same day.',
        'Are you a union member? Then your union premium is paid by your union.',
        'Should you fall ill during your holiday, send your medical certificate to HR.',
    ),
)
def test_generic_reader_gives_no_special_finding(text):
    assert list(special.find(text))  # the text does mention a special category...
    assert _specials(text) == []  # ...but about nobody


@pytest.mark.parametrize(
    ('text', 'entity', 'rule'),
    (
        ('Beste Jan,\n\nJe bent sinds maandag ziek gemeld. We wensen je een goed herstel.', 'HEALTH_DATA',
         'name'),  # 'Jan' in the greeting is a name in the paragraph
        ('Je afwezigheid wegens ziekte van 3 tot 7 maart werd gewettigd met een attest.', 'HEALTH_DATA',
         'addressed'),
        # a question inside a letter to one person is about that person
        ('Dag Leen,\n\nBen je nog steeds ziek? Je medisch attest loopt vrijdag af.', 'HEALTH_DATA',
         'salutation'),
        ('Hoi Sarah,\n\nHeb je je vakbondspremie van het ACV al ontvangen?', 'TRADE_UNION_MEMBERSHIP',
         'salutation'),
        ('Kristof, ben je na je rugoperatie al terug aan het werk?', 'HEALTH_DATA', 'salutation'),  # vocative
        ('Jan Peeters, ben je na je rugoperatie al terug aan het werk?', 'HEALTH_DATA', 'name'),
        # the writer's own sick leave, asked of "je": first person, not the generic reader
        ('Hallo,\n\nKan je me zeggen of mijn ziekteverlof verlengd is?', 'HEALTH_DATA', 'first_person'),
        ('Ton absence pour maladie du 3 au 7 mars a été justifiée par un certificat médical.', 'HEALTH_DATA',
         'addressed'),
        ('Your absence due to illness from 3 to 7 March was covered by a note.', 'HEALTH_DATA', 'addressed'),
    ),
)  # fmt: skip
def test_a_letter_or_note_to_one_person_still_is(text, entity, rule):
    found = _specials(text)
    assert found and {e for e, _, _ in found} == {entity}
    assert rule in {r for _, _, r in found}


def test_salutation_in_an_earlier_unit_still_links_a_question():
    # DOCX: the greeting is one paragraph, the question the next unit of the same source
    engine = Engine(Settings(profile='full', min_score=0.0))
    units = [TextUnit('Beste Jan,', {'paragraph': 1}), TextUnit('Ben je nog ziek?', {'paragraph': 2})]
    findings = engine.detect(units, 'brief.docx')
    found = [(f.entity, f.evidence['rule']) for f in findings if is_special(f.entity)]
    assert found == [('HEALTH_DATA', 'salutation')]


@pytest.mark.parametrize(
    ('text', 'word', 'expected'),
    (
        ('Ben je ziek? Verwittig je leidinggevende.', 'ziek', True),
        ('Heb je een arbeidsongeval gehad, vul dan het formulier in.', 'arbeidsongeval', True),
        ('Ben je ziek? Bezorg dan je medisch attest.', 'medisch attest', True),  # the answer
        ('Ben je ziek?\n\nJe medisch attest is binnen.', 'medisch attest', False),  # new paragraph
        ('Tijdens je ziekteverlof blijf je bereikbaar.', 'ziekteverlof', False),  # a preposition, no verb
        ('Omdat je ziek bent, schuift je evaluatie op.', 'ziek', False),  # a conjunction, no verb
        ('Je bent sinds maandag ziek.', 'ziek', False),
        ('Est-ce que je suis malade ?', 'malade', False),  # French "je" is "I", not the reader
        ('Es-tu malade ?', 'malade', True),
        ('Should you fall ill, call HR.', 'ill', True),
        ('Your absence due to illness was covered.', 'illness', False),
    ),
)
def test_addresses_reader(text, word, expected):
    lang = 'fr' if 'malade' in text else None
    assert about_person.addresses_reader(text, *_term(text, word), lang) is expected


def test_vocative_needs_a_listed_first_name():
    text = 'Kristof, ben je al terug?'
    assert about_person.vocative(text, *_term(text, 'terug')) == '*******'
    text = 'Ziekte, ben je al terug?'  # a capitalised word that is no first name
    assert about_person.vocative(text, *_term(text, 'terug')) is None


def test_cli_policy_passes_fail_on_special_and_letter_fails(tmp_path, capsys):
    args = ['scan', str(tmp_path), '--profile', 'full', '--fail-on', 'special', '--format', 'jsonl']
    (tmp_path / 'arbeidsreglement.txt').write_text(POLICY_JE, encoding='utf-8')
    assert main(args) == 0
    capsys.readouterr()
    letter = 'Beste Jan,\n\nJe bent sinds maandag ziek gemeld.\n'
    (tmp_path / 'brief.txt').write_text(letter, encoding='utf-8')
    assert main(args) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r['source'].rsplit('/', 1)[-1], r['entity']) for r in rows if r['article'] == '9'] == [
        ('brief.txt', 'HEALTH_DATA')
    ]


def _eval_docs(part: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / f'{part}.jsonl').read_text(encoding='utf-8').splitlines()]


@pytest.mark.parametrize('part', PARTS)
def test_eval_part_matches_its_annotated_source(part):
    spec = importlib.util.spec_from_file_location('eval_generate_you', EVAL / 'generate.py')
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    docs = gen.parse_handwritten((EVAL / f'{part}.txt').read_text(encoding='utf-8'))
    assert docs == _eval_docs(part)
    assert {d['lang'] for d in docs} == {'nl', 'fr', 'en'}
    assert {d['kind'] == 'policy' for d in docs} == {True, False}  # hard negatives and positives


@pytest.mark.parametrize('part', PARTS)
def test_eval_part_policies_give_no_special_finding_and_letters_do(part):
    for doc in _eval_docs(part):
        if doc['kind'] == 'table':
            continue
        got = {entity for entity, _, _ in _specials(doc['text'], doc['lang'])}
        assert got == set(doc['special']), doc['id']


def test_french_je_is_the_writer_not_the_reader():
    # "Ai-je droit à une prime syndicale ?": a FAQ's first person; the Dutch possessive "je" must not bind
    text = "Ai-je droit à une prime syndicale ? Veuillez remettre l'attestation avant le 30 juin."
    assert about_person.statement_link(text, *_term(text, 'prime syndicale'), 'fr') is None
    assert _specials(text, 'fr') == []
    text = 'Je ziekteverlof is verlengd tot vrijdag.'
    assert about_person.statement_link(text, *_term(text, 'ziekteverlof'), 'nl')['rule'] == 'addressed'
