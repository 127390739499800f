"""Generate a synthetic Belgian HR file share of any size: plain text and CSV, nl/fr/en.

Why: throughput and memory are measured on data shaped like a real share (mostly
prose, mails, logs and exports, with identifiers at a realistic density and hard
negatives such as amounts, dates, payment references and order numbers), not on
random bytes. Every identifier is valid for its checksum (python-stdnum) and
made up; no real person's data.

    python benchmarks/gen_share.py OUTDIR --size 50MB [--csv-ratio 0.4] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path

from stdnum import iban as std_iban

FIRST = (
    'Jan',
    'Marie',
    'Pieter',
    'Sophie',
    'Luc',
    'Nathalie',
    'Tom',
    'Elise',
    'Mohamed',
    'Fatima',
    'Wout',
    'Camille',
    'Lars',
    'Emma',
    'Noah',
    'Julie',
    'Arne',
    'Chloé',
    'Bram',
    'Inès',
)
LAST = (
    'Peeters',
    'Janssens',
    'Maes',
    'Jacobs',
    'Mertens',
    'Willems',
    'Claes',
    'Goossens',
    'Wouters',
    'Dubois',
    'Lambert',
    'Dupont',
    'Martin',
    'Simon',
    'Laurent',
    'El Amrani',
    'Vermeulen',
    'De Smet',
    'Leclercq',
)
DEPTS = ('Loonadministratie', 'Ressources humaines', 'IT', 'Logistiek', 'Comptabilité', 'Sales', 'Productie')
#: Belgian bank codes that stdnum knows (be/banks.dat).
BANKS = ('096', '001', '068', '310', '363', '735', '143', '091', '063', '732')
FILLER = (
    'De evaluatiegesprekken voor het tweede kwartaal worden ingepland volgens de gebruikelijke procedure.',
    'Le règlement de travail a été mis à jour et sera communiqué aux collaborateurs la semaine prochaine.',
    'Please find attached the updated overview of the training budget for the coming year.',
    'Het verlof moet minstens twee weken op voorhand aangevraagd worden via het personeelsportaal.',
    'Les chèques-repas sont crédités sur la carte électronique le premier jour ouvrable du mois.',
    'The onboarding checklist covers equipment, badges, accounts and the safety briefing.',
    'Bij ziekte verwittigt de werknemer meteen zijn leidinggevende en bezorgt binnen twee dagen een attest.',
    "La prime de fin d'année est calculée au prorata des prestations effectives de l'année civile.",
    'Meeting notes: budget approved, headcount frozen until the next review, action items assigned.',
    'Telewerk is mogelijk op maximaal drie dagen per week, in overleg met de teamverantwoordelijke.',
)


def _nn(rnd: random.Random, bis: bool = False) -> str:
    year = rnd.randint(1950, 2006)
    month = rnd.randint(1, 12) + (20 if bis else 0)
    body = f'{year % 100:02d}{month:02d}{rnd.randint(1, 28):02d}{rnd.randint(1, 997):03d}'
    base = int(('2' if year >= 2000 else '') + body)
    return f'{body}{97 - base % 97:02d}'


def _iban(rnd: random.Random) -> str:
    bank_acct = rnd.choice(BANKS) + f'{rnd.randint(0, 9_999_999):07d}'
    bban = bank_acct + f'{(int(bank_acct) % 97) or 97:02d}'
    return f'BE{std_iban.calc_check_digits("BExx" + bban)}{bban}'


def _enterprise(rnd: random.Random) -> str:
    body = f'0{rnd.randint(2_000_000, 9_999_999):07d}'
    return f'{body}{97 - int(body) % 97:02d}'


def _phone(rnd: random.Random) -> str:
    return f'04{rnd.choice("789")}{rnd.randint(0, 9)}{rnd.randint(0, 999_999):06d}'


def _ogm(rnd: random.Random) -> str:
    body = f'{rnd.randint(0, 9_999_999_999):010d}'
    check = int(body) % 97 or 97
    d = f'{body}{check:02d}'
    return f'+++{d[:3]}/{d[3:7]}/{d[7:]}+++'


def _person(rnd: random.Random) -> dict[str, str]:
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    n = _nn(rnd)
    i = _iban(rnd)
    p = _phone(rnd)
    return {
        'first': first,
        'last': last,
        'rrn': f'{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}',
        'rrn_compact': n,
        'iban': ' '.join(i[k : k + 4] for k in range(0, 16, 4)),
        'iban_compact': i,
        'email': f'{first.lower()}.{last.lower().replace(" ", "")}@example-hr.be'.replace('é', 'e').replace(
            'è', 'e'
        ),
        'phone': f'{p[:4]} {p[4:6]} {p[6:8]} {p[8:]}',
        'phone_intl': f'+32 {p[1:4]} {p[4:6]} {p[6:8]} {p[8:]}',
    }


def _negatives(rnd: random.Random) -> str:
    """Look-alikes that must not be reported: invoices, payment references, orders, EANs, dates, versions."""
    r = rnd.randint
    date = f'{r(1, 28):02d}/{r(1, 12):02d}/2024'
    amount = f'{r(1, 999)}.{r(100, 999)},{r(10, 99)}'
    stamp = f'{r(2020, 2025)}-{r(1, 12):02d}-{r(1, 28):02d}T{r(0, 23):02d}:{r(0, 59):02d}:00Z'
    version = f'{r(1, 9)}.{r(0, 20)}.{r(0, 99)}'
    return rnd.choice(
        (
            f'Factuur 2024-{r(10000, 99999)} van {date} bedrag {amount} EUR, mededeling {_ogm(rnd)}.',
            f'Order #{r(10**9, 10**10 - 1)} shipped {stamp}, EAN 5400{r(0, 10**9 - 1):09d}.',
            f'Commande {r(100000, 999999)} livrée le {date.replace("/", ".")} à {r(8, 18)}:{r(0, 59):02d}, '
            f'version {version}.',
        )
    )


#: Share of lines that name a person with identifiers, and of lines with look-alike numbers. With the
#: default 3 % and 10 %, a text holds about one identifier per 2 KB: most of a share is prose.
PERSON_LINES = 0.03
NEGATIVE_LINES = 0.10


def text_block(rnd: random.Random, approx: int, dense: bool = False, people: bool = True) -> str:
    """About ``approx`` characters of mails, notes and logs (``dense``: four times the identifiers)."""
    out = io.StringIO()
    person = PERSON_LINES * (4 if dense else 1) if people else 0.0
    negative = person + NEGATIVE_LINES
    while out.tell() < approx:
        roll = rnd.random()
        if roll < person:
            p = _person(rnd)
            name = f'{p["first"]} {p["last"]}'
            out.write(
                rnd.choice(
                    (
                        f'Werknemer {name}, rijksregisternummer {p["rrn"]}, loon op rekening {p["iban"]}.\n',
                        f'Bonjour, veuillez contacter {name} au {p["phone"]} ou par e-mail {p["email"]}.\n',
                        f'New hire {name} (NISS {p["rrn_compact"]}), mobile {p["phone_intl"]}.\n',
                        f'KBO {_enterprise(rnd)} - contact {p["email"]}\n',
                    )
                )
            )
        elif roll < negative:
            out.write(_negatives(rnd) + '\n')
        else:
            out.write(' '.join(rnd.choice(FILLER) for _ in range(rnd.randint(1, 4))) + '\n')
    return out.getvalue()


def csv_block(rnd: random.Random, approx: int, header: bool = True, personal_rows: float = 0.25) -> str:
    """About ``approx`` characters of an HR export: a few personal columns among many operational ones."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=';', lineterminator='\n')
    if header:
        w.writerow(
            (
                'id',
                'naam',
                'voornaam',
                'afdeling',
                'functie',
                'startdatum',
                'uren',
                'kostenplaats',
                'bedrag',
                'status',
                'opmerking',
                'rrn',
                'iban',
                'email',
                'gsm',
            )
        )
    row = 0
    while out.tell() < approx:
        row += 1
        personal = rnd.random() < personal_rows  # an operational export leaves most personal columns empty
        p = _person(rnd) if personal else None
        w.writerow(
            (
                row,
                rnd.choice(LAST),
                rnd.choice(FIRST),
                rnd.choice(DEPTS),
                'medewerker',
                f'{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(2000, 2024)}',
                f'{rnd.randint(10, 40)},{rnd.randint(0, 9)}',
                f'KP-{rnd.randint(1000, 9999)}',
                f'{rnd.randint(1, 9)}.{rnd.randint(100, 999)},{rnd.randint(10, 99)}',
                rnd.choice(('actief', 'inactief')),
                rnd.choice(FILLER) if rnd.random() < 0.3 else '',
                p['rrn'] if p else '',
                p['iban'] if p else '',
                p['email'] if p else '',
                p['phone'] if p else '',
            )
        )
    return out.getvalue()


def _eid(rnd: random.Random) -> str:
    body = f'{rnd.randint(590, 599)}{rnd.randint(0, 9_999_999):07d}'
    d = f'{body}{int(body) % 97 or 97:02d}'
    return f'{d[:3]}-{d[3:10]}-{d[10:]}'


def _card(rnd: random.Random) -> str:
    from stdnum import luhn

    prefix = rnd.choice(('4', '51', '6703'))
    body = prefix + ''.join(str(rnd.randint(0, 9)) for _ in range(15 - len(prefix)))
    d = body + luhn.calc_check_digit(body)
    return ' '.join(d[k : k + 4] for k in range(0, 16, 4))


def labelled_text(rnd: random.Random, lines: int) -> tuple[str, list[tuple[str, int, int]]]:
    """Text with every planted identifier's (entity, start, end), for precision and recall.

    Each identifier appears in a form people write, after a context word or without one;
    look-alike lines (invoices, payment references, orders, EANs, dates, versions) are mixed in.
    """
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0

    def add(line: str, labels: list[tuple[str, str]]) -> None:
        nonlocal pos
        for entity, value in labels:
            i = line.index(value)
            spans.append((entity, pos + i, pos + i + len(value)))
        out.append(line)
        pos += len(line)

    for _ in range(lines):
        roll = rnd.random()
        p = _person(rnd)
        if roll < 0.5:
            add(_negatives(rnd) + '\n', [])
            continue
        kind = rnd.randrange(8)
        if kind == 0:
            add(
                f'Werknemer {p["first"]}, rijksregisternummer {p["rrn"]}, rekening {p["iban"]}.\n',
                [('BE_NATIONAL_NUMBER', p['rrn']), ('IBAN_CODE', p['iban'])],
            )
        elif kind == 1:
            add(
                f'Merci de rappeler {p["first"]} au {p["phone"]} ou {p["email"]}.\n',
                [('PHONE_NUMBER', p['phone']), ('EMAIL_ADDRESS', p['email'])],
            )
        elif kind == 2:
            add(
                f'New hire (NISS {p["rrn_compact"]}), mobile {p["phone_intl"]}, IBAN {p["iban_compact"]}\n',
                [
                    ('BE_NATIONAL_NUMBER', p['rrn_compact']),
                    ('PHONE_NUMBER', p['phone_intl']),
                    ('IBAN_CODE', p['iban_compact']),
                ],
            )
        elif kind == 3:
            kbo = _enterprise(rnd)
            dotted = f'{kbo[:4]}.{kbo[4:7]}.{kbo[7:]}'
            add(
                f'Leverancier {dotted}, ondernemingsnummer {kbo}.\n',
                [('BE_ENTERPRISE_NUMBER', dotted), ('BE_ENTERPRISE_NUMBER', kbo)],
            )
        elif kind == 4:
            b = _nn(rnd, bis=True)
            bis = f'{b[:2]}.{b[2:4]}.{b[4:6]}-{b[6:9]}.{b[9:]}'
            add(f'Grensarbeider {p["last"]}: BIS-nummer {bis}\n', [('BE_BIS_NUMBER', bis)])
        elif kind == 5:
            e = _eid(rnd)
            add(f"Carte d'identité n° {e} de {p['first']} {p['last']}\n", [('BE_ID_CARD_NUMBER', e)])
        elif kind == 6:
            card = _card(rnd)
            add(f'Company card {card} issued to {p["first"]}\n', [('CREDIT_CARD', card)])
        else:
            ip = f'81.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}'
            add(
                f'login from client IP {ip} by {p["email"]}\n',
                [('IP_ADDRESS', ip), ('EMAIL_ADDRESS', p['email'])],
            )
    return ''.join(out), spans


def generate(
    root: Path,
    size: int,
    csv_ratio: float = 0.4,
    seed: int = 1,
    file_size: int = 256 * 1024,
    personal_rows: float = 0.25,
) -> list[Path]:
    """Write about ``size`` bytes of .txt and .csv files under ``root``; return their paths.

    ``personal_rows``: share of CSV rows whose personal columns (RRN, IBAN, e-mail, phone) are filled.
    """
    rnd = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    paths, written, i = [], 0, 0
    while written < size:
        i += 1
        n = min(file_size, size - written)
        folder = root / rnd.choice(('hr', 'payroll', 'mail', 'exports'))
        folder.mkdir(exist_ok=True)
        if rnd.random() < csv_ratio:
            path, data = folder / f'export_{i:05d}.csv', csv_block(rnd, n, personal_rows=personal_rows)
        else:
            path, data = folder / f'notes_{i:05d}.txt', text_block(rnd, n)
        path.write_text(data, encoding='utf-8')
        paths.append(path)
        written += len(data.encode('utf-8'))
    return paths


def write_big_text(path: Path, size: int, seed: int = 2, people: bool = True) -> None:
    """One text file of ``size`` bytes, written in blocks; ``people=False``: no identifiers at all."""
    rnd = random.Random(seed)
    block = text_block(rnd, 4 * 1024 * 1024, people=people).encode('utf-8')
    with path.open('wb') as f:
        left = size
        while left > 0:
            f.write(block[:left])
            left -= len(block)


def parse_size(text: str) -> int:
    units = {'KB': 1024, 'MB': 1024**2, 'GB': 1024**3}
    for suffix, factor in units.items():
        if text.upper().endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('outdir', type=Path)
    p.add_argument('--size', default='10MB', help='total size, e.g. 500KB, 50MB, 1GB')
    p.add_argument('--csv-ratio', type=float, default=0.4)
    p.add_argument('--seed', type=int, default=1)
    args = p.parse_args(argv)
    paths = generate(args.outdir, parse_size(args.size), args.csv_ratio, args.seed)
    print(f'{len(paths)} files in {args.outdir}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
