"""Writes ``samples/share/``: a small synthetic Belgian HR file share in every format gdprscan reads.

Why generated: the demo, the README's first command and the sample-share test must all see the
same files, with no real person in them. Every name, address and e-mail comes from Faker
(nl_BE, fr_BE, en_GB); every national number, IBAN, enterprise number and structured payment
reference is generated and given valid check digits by python-stdnum. Output is byte-for-byte
deterministic for a given Faker version: seeded, fixed dates in document properties, zip member
times and MIME boundaries, reportlab's invariant mode.

``samples/expected.json`` lists, per file, the identifiers planted in it (entity and digest) and the
special categories (art. 9/10) its text is about, so tests and the accuracy benchmark can check recall
on the share and that ``negatief/`` stays clean.

Run: ``python samples/generate.py`` (rewrites ``samples/share/`` and ``samples/expected.json``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as email_policy
from pathlib import Path
from typing import Any

SEED = 20240312
HERE = Path(__file__).resolve().parent
SHARE = HERE / 'share'
EXPECTED = HERE / 'expected.json'
_out = [SHARE]  # where the writers put files; set by build()
FIXED_TIME = dt.datetime(2024, 3, 12, 9, 30, 0)
BANK_CODES = ('001', '063', '068', '096', '143', '310', '363', '645', '733', '735', '750', '979')
UNIONS = {
    'nl': ('ACV', 'ABVV', 'ACLVB'),
    'fr': ('CSC', 'FGTB', 'CGSLB'),
    'en': ('ACV-CSC', 'ABVV-FGTB', 'ACLVB-CGSLB'),
}
DEPARTMENTS = (
    'Logistiek',
    'Boekhouding',
    'Ressources humaines',
    'Verkoop',
    'Informatique',
    'Customer service',
)
COMPANY = 'De Kaai Logistics NV'
POLICY_NL = """\
Een werknemer die ziek is, verwittigt zijn leidinggevende vóór 9 uur en bezorgt binnen
twee werkdagen een medisch attest. Bij ziekte van meer dan 30 dagen volgt een
re-integratietraject (art. I.4-72 Codex).

Vakbondsafgevaardigden (ACV, ABVV, ACLVB) krijgen vakbondsverlof volgens cao nr. 5 van
24 mei 1971. De vakbondspremie wordt jaarlijks in mei uitbetaald door het fonds voor
bestaanszekerheid.

Versie 2024.03, goedgekeurd door de ondernemingsraad op 12/03/2024. Paritair comité 226.
"""
PRIVACY_EXCERPT = """\
Wij verwerken identificatiegegevens (naam, rijksregisternummer), contactgegevens, financiële
gegevens (rekeningnummer), gezondheidsgegevens (medische attesten) en, waar de wet het vereist,
een uittreksel uit het strafregister. Vakbondslidmaatschap verwerken we enkel om de
vakbondspremie te berekenen.

Déclaration de confidentialité (extrait) : nous traitons vos données d'identification, vos
coordonnées et vos données de santé uniquement pour la gestion du personnel et des salaires
(art. 6.1.b et 9.2.b RGPD).

Privacy statement (excerpt): we keep payroll records for five years after employment ends
(art. 6.1.c GDPR).
"""
DOMAIN = 'dekaai.example'


# -- identifiers (python-stdnum is the judge of every check digit) ------------------------------
def national_number(rng: random.Random, birth: dt.date, male: bool) -> str:
    """An 11-digit national number for ``birth``: YYMMDD, an odd (male) or even day counter, mod 97."""
    from stdnum.be import nn

    counter = rng.randrange(1, 998)
    if counter % 2 != int(male):
        counter += 1
    body = f'{birth:%y%m%d}{counter:03d}'
    base = int(('2' if birth.year >= 2000 else '') + body)
    number = f'{body}{97 - base % 97:02d}'
    if not nn.is_valid(number):
        raise ValueError('generated national number fails python-stdnum')
    return number


def format_nn(number: str, style: int) -> str:
    """The forms payroll files use: YY.MM.DD-NNN.CC, 11 digits, YYMMDD NNN CC, YYMMDD-NNN-CC."""
    d = number
    return (
        f'{d[:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}',
        d,
        f'{d[:6]} {d[6:9]} {d[9:]}',
        f'{d[:6]}-{d[6:9]}-{d[9:]}',
    )[style % 4]


def iban(rng: random.Random, country: str = 'BE') -> str:
    """A valid IBAN, grouped by four; Belgian ones use a bank code python-stdnum knows."""
    from stdnum import iban as iban_mod

    if country == 'BE':
        account = rng.choice(BANK_CODES) + f'{rng.randrange(10**7):07d}'
        bban = account + f'{int(account) % 97 or 97:02d}'
    elif country == 'NL':
        bban = rng.choice(('ABNA', 'INGB', 'RABO')) + f'{rng.randrange(10**10):010d}'
    else:  # FR: bank, branch, account, RIB key
        bank, branch, account = (
            f'{rng.randrange(10**5):05d}',
            f'{rng.randrange(10**5):05d}',
            f'{rng.randrange(10**11):011d}',
        )
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        bban = f'{bank}{branch}{account}{key:02d}'
    number = country + iban_mod.calc_check_digits(country + '00' + bban) + bban
    if not iban_mod.is_valid(number):
        return iban(rng, country)  # e.g. a Dutch account number that fails its own check: draw again
    return iban_mod.format(number)


def enterprise_number(rng: random.Random) -> str:
    """A KBO/BCE number 0xxx.xxx.xxx (mod 97 over the first eight digits)."""
    from stdnum.be import vat

    body = f'0{rng.randrange(2 * 10**6, 9 * 10**6):07d}'
    number = f'{body}{97 - int(body) % 97:02d}'
    if not vat.is_valid(number):
        raise ValueError('generated enterprise number fails python-stdnum')
    return f'{number[:4]}.{number[4:7]}.{number[7:]}'


def payment_reference(rng: random.Random) -> str:
    """A Belgian structured communication +++xxx/xxxx/xxxxx+++ (a hard negative: not personal)."""
    from stdnum.be import ogm_vcs

    body = f'{rng.randrange(10**10):010d}'
    return ogm_vcs.format(body + ogm_vcs.calc_check_digits(body))


# -- people -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    lang: str
    first: str
    last: str
    male: bool
    birth: dt.date
    nn: str
    iban: str
    email: str
    private_email: str
    phone: str
    address: str
    staff_no: str
    department: str
    union: str | None
    gross: float

    @property
    def name(self) -> str:
        return f'{self.first} {self.last}'


def people(n: int = 12) -> list[Person]:
    from faker import Faker

    fakers = {'nl': Faker('nl_BE'), 'fr': Faker('fr_BE'), 'en': Faker('en_GB')}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(SEED + i)
    rng = random.Random(SEED)
    out = []
    for i in range(n):
        lang = ('nl', 'fr', 'en')[i % 3]
        fake = fakers[lang]
        male = rng.random() < 0.5
        first = fake.first_name_male() if male else fake.first_name_female()
        last = fake.last_name()
        birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        local = _ascii(f'{first}.{last}').lower().replace(' ', '')
        address_fake = fakers['fr' if lang == 'fr' else 'nl']  # everyone lives in Belgium
        out.append(
            Person(
                lang=lang,
                first=first,
                last=last,
                male=male,
                birth=birth,
                nn=national_number(rng, birth, male),
                iban=iban(rng, 'NL' if i == 10 else 'FR' if i == 11 else 'BE'),  # two cross-border workers
                email=f'{local}@{DOMAIN}',
                private_email=f'{local[:1]}{_ascii(last).lower().replace(" ", "")}{rng.randrange(10, 99)}'
                '@mail.example',
                phone=f'+32 4{rng.randrange(70, 100)} {rng.randrange(10, 100)} {rng.randrange(10, 100)} '
                f'{rng.randrange(10, 100)}',
                address=address_fake.address().replace('\n', ', '),
                staff_no=f'P{1000 + i * 7}',
                department=DEPARTMENTS[i % len(DEPARTMENTS)],
                union=None if i % 4 == 3 else UNIONS[lang][i % 3],
                gross=round(rng.uniform(2600, 5200), 2),
            )
        )
    return out


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode()


def euro(amount: float, lang: str = 'nl') -> str:
    """EUR 2.450,00 in Dutch and French, EUR 2,450.00 in English."""
    text = f'{amount:,.2f}'
    return 'EUR ' + (text if lang == 'en' else text.replace(',', ' ').replace('.', ',').replace(' ', '.'))


def local_phone(phone: str) -> str:
    """The national form of a Belgian mobile number: +32 4xx ... -> 04xx ..."""
    return '0' + phone[4:]


# -- the truth: what was planted where ------------------------------------------------------
def digest(value: str) -> str:
    """SHA-256 of a value without spaces and punctuation, lower-cased: the dotted and the compact
    form of a national number match. ``expected.json`` holds digests, not values, so scanning
    ``samples/`` does not report the answer key itself (the values are synthetic; this is about
    noise, not secrecy)."""
    import hashlib

    return hashlib.sha256(re.sub(r'[\s.()/+-]', '', value).lower().encode()).hexdigest()


class Truth:
    """Per file: the identifiers planted (entity, value) and the special categories (art. 9/10) its
    text is about, for the full profile; hard negatives have neither."""

    def __init__(self) -> None:
        self.identifiers: dict[str, list[dict[str, str]]] = {}
        self.special: dict[str, list[str]] = {}

    def add(self, rel: str, entity: str, value: str) -> str:
        self.identifiers.setdefault(rel, []).append({'entity': entity, 'sha256': digest(value)})
        return value

    def about(self, rel: str, *categories: str) -> None:
        self.special.setdefault(rel, []).extend(categories)

    def clean(self, rel: str) -> None:
        self.identifiers.setdefault(rel, [])
        self.special.setdefault(rel, [])

    def as_json(self) -> str:
        files = sorted(set(self.identifiers) | set(self.special))
        doc = {
            'identifiers': {f: self.identifiers.get(f, []) for f in files},
            'special_categories': {f: sorted(set(self.special.get(f, []))) for f in files},
        }
        return json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + '\n'


# -- writers (deterministic) ------------------------------------------------------------------
def write_text(rel: str, text: str, encoding: str = 'utf-8') -> None:
    path = _out[0] / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def write_rows(rel: str, rows: list[list[Any]], delimiter: str = ';', encoding: str = 'utf-8') -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator='\r\n').writerows(rows)
    write_text(rel, buf.getvalue(), encoding)


def fix_zip(path: Path) -> None:
    """Rewrite a docx/xlsx with fixed member times and document dates, so reruns give equal bytes."""
    stamp = FIXED_TIME.strftime('%Y-%m-%dT%H:%M:%SZ')
    with zipfile.ZipFile(path) as zin:
        members = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            if name == 'docProps/core.xml':
                data = re.sub(
                    rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)',
                    rb'\g<1>' + stamp.encode() + rb'\g<2>',
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def write_xlsx(rel: str, sheets: dict[str, list[list[Any]]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.properties.creator = 'HR'
    path = _out[0] / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    fix_zip(path)


def write_docx(
    rel: str, paragraphs: list[str], table: list[list[str]] | None = None, footer: str = '', header: str = ''
) -> None:
    import docx

    d = docx.Document()
    for text in paragraphs:
        if text.startswith('# '):
            d.add_heading(text[2:], level=1)
        else:
            d.add_paragraph(text)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        t.style = 'Table Grid'
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    section = d.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    props = d.core_properties
    props.author = props.last_modified_by = 'HR'
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    path = _out[0] / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    fix_zip(path)


def write_pdf(rel: str, pages: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = _out[0] / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(Path(rel).stem)
    for lines in pages:
        y = 800
        for line in lines:
            c.setFont(
                'Helvetica-Bold' if line.startswith('# ') else 'Helvetica',
                13 if line.startswith('# ') else 10,
            )
            c.drawString(60, y, line.removeprefix('# '))
            y -= 22 if line.startswith('# ') else 15
        c.showPage()
    c.save()


def write_eml(rel: str, msg: EmailMessage) -> None:
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f'==gdprscan-sample-{n}==')
    write_text(rel, msg.as_string(policy=email_policy))


def message(sender: str, to: str, subject: str, date: dt.datetime, n: int) -> EmailMessage:
    from email.utils import format_datetime

    m = EmailMessage()
    m['From'] = sender
    m['To'] = to
    m['Subject'] = subject
    m['Date'] = format_datetime(date.replace(tzinfo=dt.timezone(dt.timedelta(hours=1))))
    m['Message-ID'] = f'<sample-{n}@{DOMAIN}>'
    return m


# -- the share --------------------------------------------------------------------------------
def build(root: Path = SHARE) -> Truth:
    """Write the share under ``root`` (emptied first) and return what was planted where."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    _out[0] = root
    rng = random.Random(SEED + 100)
    staff = people()
    truth = Truth()
    kbo = enterprise_number(rng)
    hr_mail = f'hr@{DOMAIN}'
    nl = [p for p in staff if p.lang == 'nl']
    fr = [p for p in staff if p.lang == 'fr']
    en = [p for p in staff if p.lang == 'en']

    # payroll exports ---------------------------------------------------------------------
    rel = 'loonadministratie/loonexport_2024-03.csv'
    truth.about(rel, 'trade_union')  # dues withheld > 0 reveals membership
    rows: list[list[Any]] = [
        [
            'personeelsnr',
            'naam',
            'voornaam',
            'rijksregisternummer',
            'rekeningnummer',
            'brutoloon',
            'vakbondsbijdrage',
            'werkgever_kbo',
        ]
    ]
    for i, p in enumerate(staff):
        rows.append(
            [
                p.staff_no,
                p.last,
                p.first,
                truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, i)),
                truth.add(rel, 'IBAN_CODE', p.iban if i % 2 else p.iban.replace(' ', '')),
                f'{p.gross:.2f}'.replace('.', ','),
                '13,50' if p.union else '0,00',
                truth.add(rel, 'BE_ENTERPRISE_NUMBER', kbo),
            ]
        )
    write_rows(rel, rows)

    rel = 'loonadministratie/export_paie_2024-03.tsv'
    truth.about(rel, 'trade_union')
    rows = [
        ['matricule', 'nom', 'prénom', 'NISS', 'IBAN', 'salaire brut', 'cotisation syndicale', 'syndicat']
    ]
    for i, p in enumerate(fr + nl):
        rows.append(
            [
                p.staff_no,
                p.last,
                p.first,
                truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, i + 1)),
                truth.add(rel, 'IBAN_CODE', p.iban),
                euro(p.gross, 'fr'),
                euro(13.5 if p.union else 0, 'fr'),
                p.union or '',
            ]
        )
    write_rows(rel, rows, delimiter='\t')

    rel = 'loonadministratie/payroll_2024Q1.xlsx'
    truth.about(rel, 'trade_union')
    payroll: list[list[Any]] = [
        ['Staff no', 'Name', 'National number', 'Bank account (IBAN)', 'Gross pay', 'Department']
    ]
    deductions: list[list[Any]] = [['Staff no', 'Union', 'Union dues withheld', 'Period']]
    raw: list[list[Any]] = []
    for i, p in enumerate(staff):
        nn_cell: Any = int(p.nn) if i % 3 == 0 else format_nn(p.nn, 0)  # Excel keeps some as numbers
        truth.add(rel, 'BE_NATIONAL_NUMBER', p.nn if i % 3 == 0 else format_nn(p.nn, 0))
        payroll.append(
            [p.staff_no, p.name, nn_cell, truth.add(rel, 'IBAN_CODE', p.iban), p.gross, p.department]
        )
        if p.union:
            deductions.append([p.staff_no, p.union, 13.5, '2024-Q1'])
    for p in staff[:4]:  # a headerless paste from another tool
        raw.append([p.last.upper(), truth.add(rel, 'BE_NATIONAL_NUMBER', p.nn), p.birth])
    write_xlsx(rel, {'Payroll': payroll, 'Deductions': deductions, 'Import': raw})

    rel = 'loonadministratie/loonfiches_2024-03.jsonl'
    truth.about(rel, 'trade_union')
    lines = []
    for p in staff:
        lines.append(
            json.dumps(
                {
                    'periode': '2024-03',
                    'werknemer': {
                        'personeelsnr': p.staff_no,
                        'naam': p.name,
                        'insz': truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, 0)),
                    },
                    'betaling': {
                        'iban': truth.add(rel, 'IBAN_CODE', p.iban),
                        'bedrag': round(p.gross * 0.62, 2),
                    },
                    'inhoudingen': [{'code': 'RSZ', 'bedrag': round(p.gross * 0.1307, 2)}]
                    + ([{'code': 'VAKBOND', 'organisatie': p.union, 'bedrag': 13.5}] if p.union else []),
                },
                ensure_ascii=False,
            )
        )
    write_text(rel, '\n'.join(lines) + '\n')

    # employee lists ----------------------------------------------------------------------
    rel = 'personeel/personeelslijst.xlsx'
    sheet: list[list[Any]] = [
        ['Naam', 'Voornaam', 'Geboortedatum', 'INSZ', 'E-mail', 'GSM', 'Adres', 'Afdeling']
    ]
    for p in staff:
        sheet.append(
            [
                p.last,
                p.first,
                p.birth,
                truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, 0)),
                truth.add(rel, 'EMAIL_ADDRESS', p.email),
                truth.add(rel, 'PHONE_NUMBER', local_phone(p.phone)),
                p.address,
                p.department,
            ]
        )
    write_xlsx(rel, {'Personeel': sheet})

    rel = 'personeel/employees.json'
    employees: list[dict[str, Any]] = []
    doc = {
        'company': {'name': COMPANY, 'enterprise_number': truth.add(rel, 'BE_ENTERPRISE_NUMBER', kbo)},
        'employees': employees,
    }
    for p in en + nl[:2]:
        employees.append(
            {
                'id': p.staff_no,
                'name': {'first': p.first, 'last': p.last},
                'national_number': truth.add(rel, 'BE_NATIONAL_NUMBER', p.nn),
                'contact': {
                    'email': truth.add(rel, 'EMAIL_ADDRESS', p.email),
                    'phone': truth.add(rel, 'PHONE_NUMBER', p.phone),
                    'address': p.address,
                },
                'bank': {'iban': truth.add(rel, 'IBAN_CODE', p.iban.replace(' ', ''))},
                'department': p.department,
            }
        )
    write_text(rel, json.dumps(doc, indent=2, ensure_ascii=False) + '\n')

    rel = 'personeel/liste_personnel_cp1252.csv'  # Excel's "CSV (séparateur: point-virgule)" on Windows
    rows = [['nom', 'prénom', 'numéro de registre national', 'adresse', 'téléphone', 'e-mail privé']]
    for i, p in enumerate(fr):
        rows.append(
            [
                p.last,
                p.first,
                truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, i + 2)),
                p.address,
                truth.add(rel, 'PHONE_NUMBER', local_phone(p.phone)),
                truth.add(rel, 'EMAIL_ADDRESS', p.private_email),
            ]
        )
    write_rows(rel, rows, encoding='cp1252')

    # letters -----------------------------------------------------------------------------
    p = nl[0]
    rel = 'brieven/ziekteverlof_bevestiging.docx'
    truth.about(rel, 'health')
    write_docx(
        rel,
        [
            '# Bevestiging ziekteverlof',
            f'Beste {p.first},',
            f'Wij ontvingen op 11 maart 2024 uw medisch attest van dr. {nl[1].last}: '
            'arbeidsongeschikt wegens '
            'ziekte van 11 tot en met 22 maart 2024.',
            'Tijdens de eerste maand ontvangt u gewaarborgd loon. Daarna neemt uw ziekenfonds over.',
            f'Uw gewaarborgd loon wordt gestort op rekening {truth.add(rel, "IBAN_CODE", p.iban)}.',
            'Met vriendelijke groeten,',
            'Dienst Personeel',
        ],
        table=[
            ['Werknemer', 'Rijksregisternummer', 'Periode'],
            [p.name, truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, 0)), '11/03/2024 - 22/03/2024'],
        ],
        header=f'{COMPANY} - vertrouwelijk',
        footer=f'Dossier {p.staff_no} - INSZ {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 3))}',
    )

    p = fr[0]
    rel = 'brieven/retenue_cotisation_syndicale.docx'
    truth.about(rel, 'trade_union')
    write_docx(
        rel,
        [
            '# Retenue de la cotisation syndicale',
            f'Madame, Monsieur {p.last},',
            f'À votre demande, la cotisation syndicale à la {p.union or "CSC"} est retenue sur votre '
            'salaire à partir '
            'du mois de mars 2024, soit 13,50 EUR par mois.',
            f'Numéro de registre national : {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 0))}',
            f'Le montant est versé au syndicat ; votre salaire net reste versé sur le compte '
            f'{truth.add(rel, "IBAN_CODE", p.iban)}.',
            'Veuillez agréer nos salutations distinguées.',
            'Service du personnel',
        ],
        footer=f'{COMPANY} - BCE {truth.add(rel, "BE_ENTERPRISE_NUMBER", kbo)}',
    )

    p = nl[2]
    rel = 'brieven/medisch_attest_arbeidsongeschiktheid.pdf'
    truth.about(rel, 'health')
    write_pdf(
        rel,
        [
            [
                '# Medisch attest - getuigschrift van arbeidsongeschiktheid',
                f'Ondergetekende, dokter {nl[3].last}, verklaart de patiënt {p.name}',
                f'rijksregisternummer {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 0))},',
                'te hebben onderzocht en arbeidsongeschikt te verklaren wegens ziekte',
                'van 04/03/2024 tot en met 15/03/2024. De patiënt mag de woning verlaten.',
                'Diagnose (enkel voor de adviserend arts): lumbago, kinesitherapie voorgeschreven.',
            ],
            [
                '# Bestemd voor de werkgever',
                f'Werknemer: {p.name}',
                f'INSZ: {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 2))}',
                'Periode: 04/03/2024 - 15/03/2024',
            ],
        ],
    )

    p = en[0]
    rel = 'brieven/criminal_record_extract_request.pdf'
    truth.about(rel, 'criminal')
    write_pdf(
        rel,
        [
            [
                '# Request for an extract of the criminal record',
                f'Candidate: {p.name}',
                f'National number: {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 0))}',
                'Position: warehouse driver (transport of valuables)',
                'For this position we request an extract of the criminal record (model 1)',
                'not older than three months. Please hand it to HR before 1 April 2024.',
                f'Contact: {truth.add(rel, "EMAIL_ADDRESS", hr_mail)}',
            ]
        ],
    )

    # e-mails -----------------------------------------------------------------------------
    p = nl[1]
    rel = 'mail/ziekmelding.eml'
    truth.about(rel, 'health')
    m = message(
        f'{p.name} <{truth.add(rel, "EMAIL_ADDRESS", p.email)}>',
        f'HR <{truth.add(rel, "EMAIL_ADDRESS", hr_mail)}>',
        'Ziekmelding en medisch attest',
        FIXED_TIME,
        1,
    )
    m.set_content(
        'Beste HR,\n\n'
        'Ik ben sinds vandaag ziek (griep met koorts) en blijf thuis tot en met vrijdag.\n'
        'In bijlage vind je het medisch attest van mijn huisarts.\n\n'
        f'Mijn rijksregisternummer: {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 0))}\n'
        f'Bereikbaar op {truth.add(rel, "PHONE_NUMBER", local_phone(p.phone))}.\n\n'
        f'Groeten,\n{p.first}\n'
    )
    m.add_attachment(
        f'MEDISCH ATTEST\nPatiënt: {p.name}\n'
        f'INSZ: {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 1))}\n'
        'Arbeidsongeschikt van 12/03/2024 tot 15/03/2024 wegens ziekte.\n',
        filename='medisch_attest.txt',
    )
    write_eml(rel, m)

    p = fr[1]
    rel = 'mail/demande_extrait_casier_judiciaire.eml'
    truth.about(rel, 'criminal')
    m = message(
        f'Service RH <{truth.add(rel, "EMAIL_ADDRESS", hr_mail)}>',
        f'{p.name} <{truth.add(rel, "EMAIL_ADDRESS", p.private_email)}>',
        'Votre candidature - extrait de casier judiciaire',
        FIXED_TIME + dt.timedelta(days=1),
        2,
    )
    body = (
        f'Bonjour {p.first},\n\n'
        'Suite à votre entretien, nous vous demandons un extrait de casier judiciaire (modèle 2)\n'
        "de moins de trois mois, requis pour le poste d'éducateur.\n"
        f'Merci de mentionner votre numéro de registre national '
        f'{truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 0))} sur le document.\n\n'
        'Cordialement,\nService des ressources humaines\n'
    )
    m.set_content(body)
    m.add_alternative(
        '<html><body>' + ''.join(f'<p>{line}</p>' for line in body.split('\n') if line) + '</body></html>',
        subtype='html',
    )
    write_eml(rel, m)

    p = en[1]
    rel = 'mail/union_dues_withheld.eml'
    truth.about(rel, 'trade_union')
    m = message(
        f'Payroll <{truth.add(rel, "EMAIL_ADDRESS", f"payroll@{DOMAIN}")}>',
        f'{p.name} <{truth.add(rel, "EMAIL_ADDRESS", p.email)}>',
        'Union dues on your payslip',
        FIXED_TIME + dt.timedelta(days=2),
        3,
    )
    m.set_content(
        f'<html><body><p>Dear {p.first},</p>'
        f'<p>As requested, your {p.union or "ABVV-FGTB"} union dues (EUR 13.50 a month) are withheld '
        'from your pay '
        'from March 2024 onwards and paid to the union.</p>'
        f'<p>Your net pay goes to <b>{truth.add(rel, "IBAN_CODE", p.iban)}</b> as before.</p>'
        '<p>Kind regards,<br>Payroll</p></body></html>',
        subtype='html',
    )
    dues = io.StringIO()
    w = csv.writer(dues, delimiter=';', lineterminator='\r\n')
    w.writerow(['national_number', 'union', 'amount'])
    w.writerow([truth.add(rel, 'BE_NATIONAL_NUMBER', format_nn(p.nn, 1)), p.union or 'ABVV-FGTB', '13.50'])
    m.add_attachment(
        dues.getvalue().encode(), maintype='text', subtype='csv', filename='union_dues_2024-03.csv'
    )
    write_eml(rel, m)

    # notes -------------------------------------------------------------------------------
    p, q = nl[3], fr[2]
    rel = 'notities/gesprek_2024-03-12.md'
    write_text(
        rel,
        (
            '# Notities functioneringsgesprek\n\n'
            f'- Medewerker: {p.name} ({p.staff_no}), afdeling {p.department}\n'
            f'- INSZ {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(p.nn, 3))}\n'
            f'- Nieuw rekeningnummer doorgeven aan payroll: {truth.add(rel, "IBAN_CODE", p.iban)}\n'
            f'- Bereikbaar via {truth.add(rel, "EMAIL_ADDRESS", p.private_email)} tijdens verlof\n\n'
            'Afspraken: opleiding heftruck in april; evaluatie in september.\n'
        ),
    )
    rel = 'notities/notes_entretien.txt'
    truth.about(rel, 'trade_union')
    write_text(
        rel,
        (
            f'Entretien du 12/03/2024 avec {q.name}\n'
            f'NISS : {truth.add(rel, "BE_NATIONAL_NUMBER", format_nn(q.nn, 0))}\n'
            f'Téléphone : {truth.add(rel, "PHONE_NUMBER", q.phone)}\n'
            'Souhaite passer à 4/5 temps à partir de septembre. Membre de la délégation syndicale.\n'
        ),
    )

    # hard negatives: nothing personal, many numbers ------------------------------------------
    rel = 'negatief/hr_beleid_afwezigheid.md'
    truth.clean(rel)
    write_text(
        rel,
        ('# HR-beleid: afwezigheid wegens ziekte en vakbondsverlof\n\n' + POLICY_NL),
    )
    rel = 'negatief/factuur_F2024-0117.pdf'
    truth.clean(rel)
    refs = ['+++090/9337/55493+++', payment_reference(rng)]
    write_pdf(
        rel,
        [
            [
                '# Factuur F2024-0117',
                'Factuurdatum: 12/03/2024    Vervaldatum: 11/04/2024',
                'Bestelbon: PO-2024-004512    Klantnummer: C-88213',
                'Artikel 4006381333931  Palletwikkelfolie 500 mm   12 x 23,50   = 282,00',
                'Artikel SKU-77-1042-B  Etiketten 100x150          4 x 18,90    =  75,60',
                'Totaal excl. btw: 357,60 EUR   Btw 21 %: 75,10 EUR   Totaal: 432,70 EUR',
                f'Gestructureerde mededeling: {refs[0]}',
                f'Vorige factuur F2024-0098, mededeling {refs[1]}',
            ]
        ],
    )
    rel = 'negatief/bestellingen_2024.csv'
    truth.clean(rel)
    rows = [['bestelnummer', 'datum', 'productcode', 'ean', 'aantal', 'bedrag', 'mededeling']]
    for i in range(15):
        rows.append(
            [
                f'PO-2024-{4500 + i * 13:06d}',
                f'2024-03-{1 + i:02d}',
                f'SKU-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}',
                f'541{rng.randrange(10**9):09d}{i % 10}',
                str(rng.randrange(1, 40)),
                f'{rng.uniform(10, 5000):.2f}'.replace('.', ','),
                payment_reference(rng),
            ]
        )
    write_rows(rel, rows)
    rel = 'negatief/invoices.json'
    truth.clean(rel)
    write_text(
        rel,
        json.dumps(
            {
                'invoices': [
                    {
                        'number': f'INV-2024-{117 + i:05d}',
                        'date': f'2024-03-{10 + i:02d}',
                        'order': f'PO-2024-{4512 + i:06d}',
                        'lines': [
                            {
                                'product': f'SKU-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}',
                                'qty': i + 1,
                                'unit_price': 23.5,
                            }
                        ],
                        'total': round(23.5 * (i + 1) * 1.21, 2),
                        'payment_reference': payment_reference(rng),
                    }
                    for i in range(5)
                ]
            },
            indent=2,
        )
        + '\n',
    )
    rel = 'negatief/privacyverklaring_uittreksel.txt'
    truth.clean(rel)
    write_text(
        rel,
        ('Privacyverklaring (uittreksel)\n\n' + PRIVACY_EXCERPT),
    )
    return truth


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', type=Path, default=SHARE, help='folder to write (default: samples/share)')
    parser.add_argument(
        '--expected', type=Path, default=EXPECTED, help='where to write the planted identifiers'
    )
    args = parser.parse_args(argv)
    truth = build(args.out)
    args.expected.write_text(truth.as_json(), encoding='utf-8')
    files = sorted(p for p in args.out.rglob('*') if p.is_file())
    print(f'{len(files)} files, {sum(p.stat().st_size for p in files) // 1024} KiB in {args.out}')


def iter_expected(path: Path = EXPECTED) -> Iterator[tuple[str, str, str]]:
    """(file, entity, digest) of every planted identifier, from ``expected.json``."""
    for rel, items in json.loads(path.read_text(encoding='utf-8'))['identifiers'].items():
        for item in items:
            yield rel, item['entity'], item['sha256']


if __name__ == '__main__':
    main()
