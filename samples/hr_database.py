"""A synthetic Belgian HR database, the same on SQLite, PostgreSQL and MariaDB.

Why one builder: the database tests, the demo file ``samples/hr.db`` and the benchmark all need
the same schema with known contents, so the scanner is judged against one truth on every dialect.
Everything is deterministic for a given ``seed`` (Faker nl_BE/fr_BE seeded per instance, one
``random.Random``); national numbers and IBANs are synthetic and pass python-stdnum.

Tables and what they hold (the answers the tests expect):

- ``departments``: nothing personal (names of departments, cost centres).
- ``employees``: names, national numbers (``rijksregisternummer``), birth dates, e-mail, phone,
  IBAN, address, a department (foreign key).
- ``payslips``: IBAN in ``rekeningnummer``, amounts.
- ``medical_visits``: free-text ``diagnose`` (health, art. 9).
- ``union_memberships``: ``vakbond`` (trade union, art. 9).
- ``badges``: ``vingerafdruk``, a binary fingerprint template (biometric, art. 9), and ``remark``,
  a BLOB holding UTF-8 text with e-mail addresses.
- ``legacy_export``: anonymous column names; ``col7`` holds national numbers as text and
  ``col8`` the same numbers as BIGINT.
- ``products``: a column named ``iban`` that holds product codes (must not be reported as IBAN).

Run ``python samples/hr_database.py`` to rebuild ``samples/hr.db``.
"""
from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

SEED = 20241123
BANK_CODES = ('001', '063', '068', '096', '143', '310', '363', '645', '733', '735', '750', '850', '979')
DEPARTMENTS = (
    ('Boekhouding', 'KP-4100'),
    ('Logistiek', 'KP-4200'),
    ('Ressources humaines', 'KP-4300'),
    ('Verkoop', 'KP-4400'),
    ('Informatique', 'KP-4500'),
    ('Juridische dienst', 'KP-4600'),
    ('Productie', 'KP-4700'),
    ('Onderhoud', 'KP-4800'),
)
DIAGNOSES = (
    'Lage rugpijn, 5 dagen arbeidsongeschikt',
    'Burn-out, opvolging door arbeidsgeneesheer',
    'Griep met koorts',
    'Hernia L4-L5, aangepast werk',
    'Dépression, incapacité de travail 3 semaines',
    'Fracture du poignet, reprise progressive',
    'Diabetes type 2, geen beperkingen',
    'Migraine chronique',
)
UNIONS = ('ACV-CSC', 'ABVV-FGTB', 'ACLVB-CGSLB')
#: Columns filled by Faker, whose seeded output may differ between Faker versions; every other
#: value comes from ``random.Random(seed)`` and python-stdnum and is the same everywhere.
FAKER_COLUMNS = {
    'employees': ('first_name', 'last_name', 'email', 'phone', 'street', 'postal_code', 'city'),
    'badges': ('remark',),
}
PRODUCTS = ('Bureaustoel', 'Laptopstandaard', 'Bureaulamp', 'Chaise de bureau', 'Headset', 'Whiteboard')


def metadata(schema: str | None = None) -> sa.MetaData:
    """The HR schema (tables, keys, foreign keys), optionally inside ``schema``."""
    md = sa.MetaData(schema=schema)
    sa.Table(
        'departments', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('name', sa.String(60), nullable=False),
        sa.Column('cost_center', sa.String(10), nullable=False),
        sa.Column('floor', sa.Integer),
    )
    sa.Table(
        'employees', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('personnel_no', sa.String(10), nullable=False),
        sa.Column('first_name', sa.String(60), nullable=False),
        sa.Column('last_name', sa.String(60), nullable=False),
        sa.Column('rijksregisternummer', sa.String(15), nullable=False),
        sa.Column('birth_date', sa.Date, nullable=False),
        sa.Column('gender', sa.String(1)),
        sa.Column('email', sa.String(120)),
        sa.Column('phone', sa.String(30)),
        sa.Column('iban', sa.String(34)),
        sa.Column('street', sa.String(120)),
        sa.Column('postal_code', sa.String(4)),
        sa.Column('city', sa.String(60)),
        sa.Column('language', sa.String(2)),
        sa.Column('department_id', sa.Integer, sa.ForeignKey('departments.id')),
        sa.Column('hired_on', sa.Date),
        sa.Column('salary', sa.Numeric(10, 2)),
    )
    sa.Table(
        'payslips', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('employee_id', sa.Integer, sa.ForeignKey('employees.id'), nullable=False),
        sa.Column('period', sa.String(7), nullable=False),
        sa.Column('gross', sa.Numeric(10, 2)),
        sa.Column('net', sa.Numeric(10, 2)),
        sa.Column('rekeningnummer', sa.String(34)),
    )
    sa.Table(
        'medical_visits', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('employee_id', sa.Integer, sa.ForeignKey('employees.id'), nullable=False),
        sa.Column('visit_date', sa.Date),
        sa.Column('diagnose', sa.Text),
    )
    sa.Table(
        'union_memberships', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('employee_id', sa.Integer, sa.ForeignKey('employees.id'), nullable=False),
        sa.Column('vakbond', sa.String(20), nullable=False),
        sa.Column('member_since', sa.Date),
    )
    sa.Table(
        'badges', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('employee_id', sa.Integer, sa.ForeignKey('employees.id'), nullable=False),
        sa.Column('badge_no', sa.String(12)),
        sa.Column('vingerafdruk', sa.LargeBinary),
        sa.Column('remark', sa.LargeBinary),
    )
    sa.Table(
        'legacy_export', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('col1', sa.String(20)),
        sa.Column('col2', sa.Integer),
        sa.Column('col7', sa.String(15)),
        sa.Column('col8', sa.BigInteger),
    )
    sa.Table(
        'products', md,
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('iban', sa.String(34)),
        sa.Column('name', sa.String(60)),
        sa.Column('price', sa.Numeric(8, 2)),
    )
    return md


def national_number(rng: random.Random, birth: dt.date) -> str:
    """A synthetic, valid national number (11 digits) for someone born on ``birth``."""
    from stdnum.be import nn

    body = f'{birth:%y%m%d}{rng.randrange(1, 998):03d}'
    base = int(('2' if birth.year >= 2000 else '') + body)
    number = f'{body}{97 - base % 97:02d}'
    if not nn.is_valid(number):  # python-stdnum is the judge, not this arithmetic
        raise AssertionError('generated national number does not validate')
    return number


def belgian_iban(rng: random.Random) -> str:
    """A synthetic, valid Belgian IBAN in print format (``BE71 0961 2345 6769``)."""
    from stdnum import iban
    from stdnum.be import iban as be_iban

    base = rng.choice(BANK_CODES) + f'{rng.randrange(10**7):07d}'
    bban = f'{base}{int(base) % 97 or 97:02d}'
    number = 'BE' + iban.calc_check_digits('BE00' + bban) + bban
    if not be_iban.is_valid(number):
        raise AssertionError('generated IBAN does not validate')
    return iban.format(number)


def format_nn(number: str, style: int) -> str:
    """The printed forms people use: compact, dotted, and dashed."""
    if style == 0:
        return number
    if style == 1:
        return f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}'
    return f'{number[:6]}-{number[6:9]}-{number[9:]}'


class People:
    """Deterministic synthetic people; ``pool`` > 0 recycles names, addresses and IBANs (Faker and
    IBAN validation are slow) for large tables; national numbers are always fresh."""

    def __init__(self, seed: int = SEED, pool: int = 0) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fakers = {'nl': Faker('nl_BE'), 'fr': Faker('fr_BE')}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)
        self.pool = pool
        self._cache: list[dict[str, Any]] = []

    def _faker_part(self) -> dict[str, Any]:
        lang = 'nl' if self.rng.random() < 0.6 else 'fr'
        f = self.fakers[lang]
        place = self.fakers['nl']  # Faker's fr_BE has names but no Belgian addresses or phones
        first, last = f.first_name(), f.last_name()
        domain = self.rng.choice(('example.be', 'example.com', 'mail.example.org'))
        local = unicodedata.normalize('NFKD', f'{first}.{last}'.lower()).encode('ascii', 'ignore').decode()
        local = local.replace(' ', '').replace("'", '')
        return {
            'first_name': first,
            'last_name': last,
            'email': f'{local}@{domain}',
            'phone': place.phone_number(),
            'street': place.street_address(),
            'postal_code': place.postcode(),
            'city': place.city(),
            'language': lang,
            'iban': belgian_iban(self.rng),
        }

    def person(self, i: int) -> dict[str, Any]:
        if self.pool and len(self._cache) >= self.pool:
            part = self._cache[self.rng.randrange(self.pool)]
        else:
            part = self._faker_part()
            if self.pool:
                self._cache.append(part)
        birth = dt.date(1958, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 48))
        number = national_number(self.rng, birth)
        return {
            'id': i,
            'personnel_no': f'E{i:06d}',
            **part,
            'rijksregisternummer': format_nn(number, i % 3),
            'birth_date': birth,
            'gender': 'M' if int(number[6:9]) % 2 else 'F',
            'department_id': 1 + i % len(DEPARTMENTS),
            'hired_on': dt.date(2005, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 19)),
            'salary': Decimal(self.rng.randrange(2_400_00, 7_500_00)) / 100,
        }


def employee_rows(n: int, seed: int = SEED, pool: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` employee rows (ids 1..n)."""
    people = People(seed, pool)
    for i in range(1, n + 1):
        yield people.person(i)


def _rows(rows: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed + 1)
    employees = list(employee_rows(rows, seed))
    out: dict[str, list[dict[str, Any]]] = {
        'departments': [
            {'id': i, 'name': name, 'cost_center': cc, 'floor': i % 4}
            for i, (name, cc) in enumerate(DEPARTMENTS, start=1)
        ],
        'employees': employees,
    }
    out['payslips'] = [
        {
            'id': k * rows + e['id'],
            'employee_id': e['id'],
            'period': f'2024-{k + 1:02d}',
            'gross': e['salary'],
            'net': (e['salary'] * Decimal('0.62')).quantize(Decimal('0.01')),
            'rekeningnummer': e['iban'],
        }
        for k in range(2)
        for e in employees
    ]
    out['medical_visits'] = [
        {
            'id': j,
            'employee_id': e['id'],
            'visit_date': dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300)),
            'diagnose': rng.choice(DIAGNOSES),
        }
        for j, e in enumerate(employees[::2], start=1)
    ]
    out['union_memberships'] = [
        {
            'id': j,
            'employee_id': e['id'],
            'vakbond': rng.choice(UNIONS),
            'member_since': dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 24)),
        }
        for j, e in enumerate(employees[::3], start=1)
    ]
    out['badges'] = [
        {
            'id': e['id'],
            'employee_id': e['id'],
            'badge_no': f'B-{rng.randrange(10**5):05d}',
            # an ISO 19794-2 style template: 'FMR\0' header, then bytes that are not UTF-8
            'vingerafdruk': b'FMR\x00 20\x00\xff' + bytes(rng.randrange(128, 256) for _ in range(96)),
            'remark': (
                f'Badge vervangen op vraag van {e["email"]}'.encode() if e['id'] % 4 == 0 else None
            ),
        }
        for e in employees
    ]
    legacy = []
    for e in employees[: max(1, rows // 2)]:
        compact = e['rijksregisternummer'].replace('.', '').replace('-', '')
        legacy.append(
            {
                'id': e['id'],
                'col1': f'X-{rng.randrange(10**6):06d}',
                'col2': rng.randrange(1, 500),
                'col7': compact,
                'col8': int(compact),
            }
        )
    out['legacy_export'] = legacy
    out['products'] = [
        {
            'id': i,
            'iban': f'PRD-{rng.randrange(10**4):04d}-{rng.choice("ABCDEF")}{rng.randrange(10)}',
            'name': rng.choice(PRODUCTS),
            'price': Decimal(rng.randrange(5_00, 900_00)) / 100,
        }
        for i in range(1, 41)
    ]
    return out


def build(engine: sa.Engine, rows: int = 200, seed: int = SEED, schema: str | None = None) -> sa.MetaData:
    """Create the HR tables in ``engine`` (in ``schema`` if given) and fill them with ``rows`` employees."""
    md = metadata(schema)
    data = _rows(rows, seed)
    with engine.begin() as conn:
        md.create_all(conn)
        for table in md.sorted_tables:
            records = data[table.name]
            for start in range(0, len(records), 1000):
                conn.execute(table.insert(), records[start : start + 1000])
    return md


def write_sqlite(path: Path, rows: int = 200, seed: int = SEED) -> Path:
    """(Re)build the SQLite sample at ``path``."""
    path.unlink(missing_ok=True)
    engine = sa.create_engine(f'sqlite:///{path}')
    try:
        build(engine, rows=rows, seed=seed)
        with engine.connect() as conn:
            conn.exec_driver_sql('VACUUM')
    finally:
        engine.dispose()
    return path


if __name__ == '__main__':
    print(write_sqlite(Path(__file__).resolve().parent / 'hr.db'))
