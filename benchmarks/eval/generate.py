# ruff: noqa: E501
"""Build the labelled evaluation set: ``python benchmarks/eval/generate.py [--seed 7] [--per-lang 60]``.

Two parts, kept apart in every report:

- ``generated.jsonl``: documents from seeded templates in nl/fr/en with Faker names
  (letters, e-mails, notes, tables, invoices, policy texts) and hard negatives (companies
  made of surnames, streets named after people, month names, places, job titles, products).
  The recognisers' name lists come from Faker too, so this part overstates recall on names:
  it checks the rules, it is no evidence of accuracy.
- ``handwritten_dev.jsonl`` / ``handwritten_test.jsonl``: written by hand in
  ``handwritten_dev.txt`` / ``handwritten_test.txt`` with inline labels
  ``[[Jan Peeters|PERSON]]``; this script turns them into JSONL. Rules were tuned on the dev
  part only; the test part was written after tuning and is reported as the held-out figure.

Document format (one JSON object a line): ``id``, ``lang``, ``kind``
(letter|email|note|table|policy|statement|invoice), ``text``, ``spans`` (``start``, ``end``,
``entity``) and ``special`` (the special-category entities a unit must report). A table
document is ``;``-separated with a header line; the evaluator feeds it cell by cell.

Labelling conventions: PERSON is the name without title or salutation ("Mr [[Smith]]"),
with initials and particles; a lone first name that refers to a person counts; names inside
e-mail addresses do not. LOCATION is a street address from the street name to the
municipality (number, box and postcode included); a lone city is not labelled.
DATE_OF_BIRTH is the date only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LOCALES = {'nl': ('nl_BE', 'nl_BE', 'nl_BE', 'fr_BE'), 'fr': ('fr_BE', 'fr_BE', 'fr_FR', 'nl_BE'),
           'en': ('en_GB', 'en_US', 'en_IE', 'nl_BE')}  # fmt: skip
MONTHS = {
    'nl': 'januari februari maart april mei juni juli augustus september oktober november december'.split(),
    'fr': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(),
    'en': 'January February March April May June July August September October November December'.split(),
}
CITIES = {
    'nl': [
        ('9000', 'Gent'),
        ('2000', 'Antwerpen'),
        ('3000', 'Leuven'),
        ('8000', 'Brugge'),
        ('2800', 'Mechelen'),
        ('3500', 'Hasselt'),
        ('9300', 'Aalst'),
        ('8500', 'Kortrijk'),
        ('1000', 'Brussel'),
        ('2300', 'Turnhout'),
        ('9100', 'Sint-Niklaas'),
        ('3600', 'Genk'),
        ('8800', 'Roeselare'),
        ('1800', 'Vilvoorde'),
    ],
    'fr': [
        ('1000', 'Bruxelles'),
        ('1050', 'Ixelles'),
        ('4000', 'Liège'),
        ('5000', 'Namur'),
        ('6000', 'Charleroi'),
        ('7000', 'Mons'),
        ('1300', 'Wavre'),
        ('1348', 'Louvain-la-Neuve'),
        ('7500', 'Tournai'),
        ('4800', 'Verviers'),
        ('1180', 'Uccle'),
        ('1030', 'Schaerbeek'),
        ('6700', 'Arlon'),
    ],
}
NL_STREETS = (
    'Kerk',
    'Stations',
    'Molen',
    'Dorps',
    'School',
    'Nieuw',
    'Hoog',
    'Linden',
    'Beuken',
    'Veld',
    'Bos',
    'Kapel',
    'Heide',
    'Kasteel',
    'Peter Benoit',
    'Koning Albert',
    'Jan Van Rijswijck',
    'Frans Van Cauwelaert',
    'Pastoor De Vos',
    'Guido Gezelle',
)
NL_SUFFIX = ('straat', 'straat', 'laan', 'weg', 'plein', 'dreef', 'steenweg', 'lei')
FR_STREETS = (
    'Rue de la Loi',
    'Rue Haute',
    'Avenue Louise',
    'Chaussée de Wavre',
    'Rue du Marché',
    'Boulevard Adolphe Max',
    'Rue Jean Jaurès',
    "Rue de l'Église",
    'Avenue des Tilleuls',
    'Place Saint-Lambert',
    'Rue Royale',
    'Avenue Émile Vandervelde',
    'Rue des Écoles',
)
EN_STREETS = (
    'Baker Street',
    'High Street',
    'Church Road',
    'Station Road',
    'Victoria Avenue',
    'Mill Lane',
    'Park Drive',
    'Queen Street',
)
UK_POST = ('London SW1A 1AA', 'Manchester M1 2AB', 'Leeds LS1 4DT', 'Bristol BS1 5TR', 'Oxford OX1 2JD')
COMPANIES = {
    'nl': (
        '{l1} & {l2} BV',
        '{l1} Bouw NV',
        'Acme Solutions NV',
        '{l1} Consulting BV',
        'Brouwerij {l1} NV',
        '{l1}, {l2} en {l3} NV',
        'Transport {l1} BVBA',
    ),
    'fr': (
        '{l1} & {l2} SRL',
        '{l1} Consulting SA',
        'Acme Solutions SA',
        'Boulangerie {l1} SRL',
        '{l1}, {l2} et {l3} SA',
        'Groupe {l1} SA',
    ),
    'en': (
        '{l1} & {l2} Ltd',
        '{l1} Consulting Ltd',
        'Acme Solutions Inc',
        '{l1} Holdings PLC',
        '{l1}, {l2} and {l3} LLP',
    ),
}
JOBS = {
    'nl': (
        'HR Manager',
        'Payroll Officer',
        'Directeur Personeelszaken',
        'Teamleider Logistiek',
        'Preventieadviseur',
    ),
    'fr': (
        'Directeur des Ressources Humaines',
        'Responsable Paie',
        'Chef de Projet',
        'Conseiller en Prévention',
    ),
    'en': ('HR Manager', 'Payroll Officer', 'Head of People', 'Team Lead Logistics', 'Finance Director'),
}
PRODUCTS = ('Microsoft Teams', 'Google Drive', 'SAP SuccessFactors', 'Office 365', 'Workday', 'Adobe Acrobat')

# Templates: {p1}/{p2} full names, {f1} first name of p1, {s1} surname of p1 (after a title),
# {addr} address, {dob} birth date, {date} another date, {co} company, {job}, {city}, {month},
# {street} a street name without number, {product}. Labels follow from the slot.
TEMPLATES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    'nl': [
        (
            'letter',
            'Beste {p1},\n\nHierbij bevestigen wij je indiensttreding bij {co} op {date}. Je adres in ons '
            'dossier is {addr}.\n\nMet vriendelijke groeten,\n{p2}\n{job}',
            (),
        ),
        (
            'letter',
            'Geachte heer {s1},\n\nUw ziekteverlof werd verlengd tot {date}. Gelieve een nieuw medisch attest '
            'te bezorgen aan {p2}.\n\nHoogachtend,\n{p2b}\nPersoneelsdienst {co}',
            ('HEALTH_DATA',),
        ),
        (
            'email',
            'Van: {p2} <hr@example.be>\nAan: {p1}\nOnderwerp: loonfiche {month}\n\nDag {f1},\nIn bijlage je '
            'loonfiche van {month}. Het kantoor in {city} is gesloten op {date}.\nGroeten,\n{p2f}',
            (),
        ),
        (
            'note',
            'Gesprek met {p1} (geboren op {dob}) over de overplaatsing naar {city}. {s1} vraagt een '
            'adreswijziging naar {addr}. Opvolging door {p2}.',
            (),
        ),
        (
            'note',
            'Werknemer {p1}, geboortedatum {dob}, woonachtig {addr}. Contract via {co}; {product} account '
            'aangemaakt.',
            (),
        ),
        (
            'email',
            'Hallo {f1},\n\nKun je de documenten voor {co} nakijken? De vergadering is verplaatst naar '
            '{date} in de {street}.\n\nBedankt,\n{p2f}',
            (),
        ),
        (
            'letter',
            'Betreft: vakbondspremie\n\nBeste {p1},\nDe vakbondspremie van het ACV wordt in {month} uitbetaald '
            'op je rekening. Vragen? Contacteer {p2}.',
            ('TRADE_UNION_MEMBERSHIP',),
        ),
        (
            'policy',
            'Arbeidsreglement {co}\n\nIn geval van ziekte bezorgt de werknemer binnen twee werkdagen een '
            'medisch attest aan de personeelsdienst. De {job} beslist over uitzonderingen. Het reglement geldt '
            'vanaf {month} voor alle vestigingen in {city}.',
            (),
        ),
        (
            'invoice',
            'Factuur 2024-{n}\n{co}\n{addr}\nDatum: {date}\nOmschrijving: licenties {product} ({month})\n'
            'Totaal: {amount} EUR',
            (),
        ),
    ],
    'fr': [
        (
            'letter',
            'Madame {p1},\n\nNous vous confirmons votre engagement chez {co} à partir du {date}. Votre '
            'adresse : {addr}.\n\nCordialement,\n\n{p2}\n{job}',
            (),
        ),
        (
            'letter',
            "Monsieur {s1},\n\nVotre incapacité de travail est prolongée jusqu'au {date}. Merci de "
            'transmettre un certificat médical à {p2}.\n\nVeuillez agréer nos salutations distinguées,\n{p2b}',
            ('HEALTH_DATA',),
        ),
        (
            'email',
            'De : {p2} <rh@example.be>\nÀ : {p1}\nObjet : fiche de paie {month}\n\nBonjour {f1},\nVeuillez '
            'trouver ci-joint votre fiche de paie de {month}. Le bureau de {city} sera fermé le {date}.\n'
            'Bien à vous,\n{p2f}',
            (),
        ),
        (
            'note',
            'Entretien avec {p1} (née le {dob}) concernant son transfert à {city}. {s1} demande un '
            "changement d'adresse : {addr}. Suivi par {p2}.",
            (),
        ),
        (
            'note',
            'Travailleur {p1}, date de naissance : {dob}, domicilié {addr}. Contrat via {co} ; compte '
            '{product} créé.',
            (),
        ),
        (
            'email',
            'Bonjour {f1},\n\nPeux-tu vérifier les documents de {co} ? La réunion est déplacée au {date}, '
            '{street}.\n\nMerci,\n{p2f}',
            (),
        ),
        (
            'letter',
            'Objet : prime syndicale\n\nCher {p1},\nLa prime syndicale de la FGTB sera versée en {month}. '
            'Pour toute question, contactez {p2}.',
            ('TRADE_UNION_MEMBERSHIP',),
        ),
        (
            'policy',
            'Règlement de travail {co}\n\nEn cas de maladie, le travailleur remet un certificat médical au '
            'service du personnel dans les deux jours ouvrables. Le {job} décide des exceptions. Applicable dès '
            '{month} dans tous les sièges de {city}.',
            (),
        ),
        (
            'invoice',
            'Facture 2024-{n}\n{co}\n{addr}\nDate : {date}\nDescription : licences {product} ({month})\n'
            'Total : {amount} EUR',
            (),
        ),
    ],
    'en': [
        (
            'letter',
            'Dear {p1},\n\nWe are pleased to confirm your start at {co} on {date}. The address on file is '
            '{addr}.\n\nKind regards,\n{p2}\n{job}',
            (),
        ),
        (
            'letter',
            'Dear Mr {s1},\n\nYour sick leave has been extended until {date}. Please send a new medical '
            'certificate to {p2}.\n\nYours sincerely,\n{p2b}',
            ('HEALTH_DATA',),
        ),
        (
            'email',
            'From: {p2} <hr@example.com>\nTo: {p1}\nSubject: payslip {month}\n\nHi {f1},\nPlease find '
            'attached your payslip for {month}. The {city} office is closed on {date}.\nThanks,\n{p2f}',
            (),
        ),
        (
            'note',
            'Meeting with {p1} (born {dob}) about the transfer to {city}. {s1} asked to change the home '
            'address to {addr}. Follow-up by {p2}.',
            (),
        ),
        (
            'note',
            'Employee {p1}, date of birth {dob}, lives at {addr}. Contract through {co}; {product} account '
            'created.',
            (),
        ),
        (
            'email',
            'Hi {f1},\n\nCould you review the documents for {co}? The meeting moved to {date} on '
            '{street}.\n\nCheers,\n{p2f}',
            (),
        ),
        (
            'policy',
            'Staff handbook of {co}\n\nIn case of illness the employee sends a medical certificate to HR '
            'within two working days. The {job} decides on exceptions. This applies from {month} at all sites in '
            '{city}.',
            (),
        ),
        (
            'invoice',
            'Invoice 2024-{n}\n{co}\n{addr}\nDate: {date}\nDescription: {product} licences ({month})\n'
            'Total: {amount} GBP',
            (),
        ),
    ],
}
TABLE_HEADER = {'nl': 'naam;voornaam;geboortedatum;adres;functie', 'fr': 'nom;prénom;date_naissance;adresse;fonction',
                'en': 'last name;first name;date of birth;address;job title'}  # fmt: skip


class Gen:
    """Values for one language, from a seeded Faker per locale."""

    def __init__(self, lang: str, seed: int) -> None:
        from faker import Faker

        self.lang = lang
        self.rng = random.Random(seed)
        self.fakers = [Faker(loc) for loc in LOCALES[lang]]
        for i, f in enumerate(self.fakers):
            f.seed_instance(seed * 31 + i)

    def person(self) -> tuple[str, str]:
        f = self.rng.choice(self.fakers)
        return f.first_name(), f.last_name()

    def full(self, p: tuple[str, str]) -> str:
        first, last = p
        r = self.rng.random()
        if r < 0.1:
            return f'{first[0]}. {last}'
        return f'{first} {last}'

    def address(self) -> str:
        r = self.rng
        num = str(r.randint(1, 250)) + (r.choice('AB') if r.random() < 0.1 else '')
        if self.lang == 'en' and r.random() < 0.6:
            return f'{num} {r.choice(EN_STREETS)}, {r.choice(UK_POST)}'
        if self.lang == 'fr' or (self.lang == 'en' and r.random() < 0.5):
            pc, city = r.choice(CITIES['fr'])
            box = f' boîte {r.randint(1, 12)}' if r.random() < 0.3 else ''
            return f'{r.choice(FR_STREETS)} {num}{box}, {pc} {city}'
        pc, city = r.choice(CITIES['nl'])
        stem = r.choice(NL_STREETS)
        suffix = r.choice(NL_SUFFIX)
        street = f'{stem}{suffix}' if ' ' not in stem else f'{stem}{suffix}'
        box = f' bus {r.randint(1, 12)}' if r.random() < 0.3 else ''
        sep = ',\n' if r.random() < 0.2 else ', '
        return f'{street} {num}{box}{sep}{pc} {city}'

    def street(self) -> str:
        if self.lang == 'fr':
            return self.rng.choice(FR_STREETS)
        if self.lang == 'en':
            return self.rng.choice(EN_STREETS)
        return self.rng.choice(NL_STREETS[:10]) + 'straat'

    def date(self, year: tuple[int, int] = (2023, 2025)) -> str:
        r = self.rng
        y, m, d = r.randint(*year), r.randint(1, 12), r.randint(1, 28)
        style = r.random()
        if style < 0.35:
            return f'{d:02d}/{m:02d}/{y}'
        if style < 0.5:
            return f'{d:02d}.{m:02d}.{y}'
        if style < 0.6:
            return f'{y}-{m:02d}-{d:02d}'
        name = MONTHS[self.lang][m - 1]
        if self.lang == 'en' and r.random() < 0.5:
            return f'{name} {d}, {y}'
        return f'{d} {name} {y}'

    def company(self) -> str:
        lasts = [self.person()[1] for _ in range(3)]
        return self.rng.choice(COMPANIES[self.lang]).format(l1=lasts[0], l2=lasts[1], l3=lasts[2])


def render(template: str, slots: dict[str, tuple[str, str | None]]) -> tuple[str, list[dict[str, Any]]]:
    """The text of ``template`` with ``slots`` filled, and the spans of labelled slots."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in re.finditer(r'\{(\w+)\}', template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        value, entity = slots[m.group(1)]
        if entity:
            spans.append({'start': length, 'end': length + len(value), 'entity': entity})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return ''.join(out), spans


def generate(seed: int, per_lang: int) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for li, lang in enumerate(('nl', 'fr', 'en')):
        g = Gen(lang, seed + li)
        for i in range(per_lang):
            if i % 8 == 7:
                docs.append(_table(g, f'gen-{lang}-{i:03d}'))
                continue
            kind, template, special = g.rng.choice(TEMPLATES[lang])
            p1, p2 = g.person(), g.person()
            p2b = g.person()
            slots: dict[str, tuple[str, str | None]] = {
                'p1': (g.full(p1), 'PERSON'), 'p2': (g.full(p2), 'PERSON'), 'p2b': (f'{p2b[0]} {p2b[1]}', 'PERSON'),
                'p2f': (p2[0], 'PERSON'), 'f1': (p1[0], 'PERSON'), 's1': (p1[1], 'PERSON'),
                'addr': (g.address(), 'LOCATION'), 'dob': (g.date((1955, 2004)), 'DATE_OF_BIRTH'),
                'date': (g.date(), None), 'co': (g.company(), None), 'job': (g.rng.choice(JOBS[lang]), None),
                'city': (g.rng.choice(CITIES['fr' if lang == 'fr' else 'nl'])[1], None),
                'month': (g.rng.choice(MONTHS[lang]), None), 'street': (g.street(), None),
                'product': (g.rng.choice(PRODUCTS), None), 'n': (str(g.rng.randint(100, 999)), None),
                'amount': (f'{g.rng.randint(100, 9999)},{g.rng.randint(10, 99)}', None),
            }  # fmt: skip
            if kind in ('policy', 'invoice'):  # no people in these: names would be mislabelled
                slots = {k: (v, None if e == 'PERSON' else e) for k, (v, e) in slots.items()}
            text, spans = render(template, slots)
            docs.append({'id': f'gen-{lang}-{i:03d}', 'lang': lang, 'kind': kind, 'text': text, 'spans': spans,
                         'special': list(special)})  # fmt: skip
    return docs


def _table(g: Gen, doc_id: str) -> dict[str, Any]:
    rows = [TABLE_HEADER[g.lang]]
    spans: list[dict[str, Any]] = []
    offset = len(rows[0]) + 1
    for _ in range(g.rng.randint(3, 6)):
        first, last = g.person()
        cells = [
            (last, 'PERSON'),
            (first, 'PERSON'),
            (g.date((1955, 2004)), 'DATE_OF_BIRTH'),
            (g.address().replace('\n', ' '), 'LOCATION'),
            (g.rng.choice(JOBS[g.lang]), None),
        ]
        pos = offset
        for value, entity in cells:
            if entity:
                spans.append({'start': pos, 'end': pos + len(value), 'entity': entity})
            pos += len(value) + 1
        row = ';'.join(v for v, _ in cells)
        rows.append(row)
        offset += len(row) + 1
    return {
        'id': doc_id,
        'lang': g.lang,
        'kind': 'table',
        'text': '\n'.join(rows),
        'spans': spans,
        'special': [],
    }


# -- hand-written documents -----------------------------------------------------------------------------
_LABEL = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]', re.DOTALL)
_HEAD = re.compile(r'^=== (.+)$', re.MULTILINE)


def parse_handwritten(source: str) -> list[dict[str, Any]]:
    """Documents of an annotated file: '=== id: x | lang: nl | kind: note | special: A, B' then the text."""
    docs = []
    parts = _HEAD.split(source)
    for head, body in zip(parts[1::2], parts[2::2], strict=True):
        meta = dict(kv.split(':', 1) for kv in head.split(' | '))
        meta = {k.strip(): v.strip() for k, v in meta.items()}
        body = body.strip('\n')
        text_parts: list[str] = []
        spans = []
        pos = length = 0
        for m in _LABEL.finditer(body):
            text_parts.append(body[pos : m.start()])
            length += m.start() - pos
            spans.append({'start': length, 'end': length + len(m.group(1)), 'entity': m.group(2)})
            text_parts.append(m.group(1))
            length += len(m.group(1))
            pos = m.end()
        text_parts.append(body[pos:])
        special = [s.strip() for s in meta.get('special', '').split(',') if s.strip()]
        docs.append({'id': meta['id'], 'lang': meta['lang'], 'kind': meta['kind'], 'text': ''.join(text_parts),
                     'spans': spans, 'special': special})  # fmt: skip
    return docs


def write(path: Path, docs: list[dict[str, Any]]) -> None:
    with path.open('w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--seed', type=int, default=7)
    p.add_argument('--per-lang', type=int, default=60)
    args = p.parse_args(argv)
    write(HERE / 'generated.jsonl', generate(args.seed, args.per_lang))
    for part in ('dev', 'test'):
        src = HERE / f'handwritten_{part}.txt'
        if src.exists():
            write(HERE / f'handwritten_{part}.jsonl', parse_handwritten(src.read_text(encoding='utf-8')))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
