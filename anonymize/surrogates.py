"""Surrogates: keyed, deterministic, valid, distinct replacements for personal values.

``Surrogates(key).replace(entity, value)`` gives the same output for the same value and key in every
file, table and run (so joins hold), another output under another key, and never the value itself.
Identifiers are mapped by keyed cyclic permutations over their valid space (:mod:`.fpe`), then their
check digits are recomputed with python-stdnum, so distinct inputs give distinct, valid outputs by
construction. The input's formatting (separators, grouping, case) is kept.

What is kept of the original (the same policy everywhere, so nothing leaks through a number):

- national number / BIS: birth year, century, sex (parity of the counter) and the BIS month offset;
  month and day become the person's *surrogate birth date* (the same permutation of the days of the
  year as :meth:`birth_date`), the counter is permuted within its sex;
- birth date: the year; the day within the year is permuted (the same date maps to the same date);
- IBAN: the country and length; for BE the bank code (not personal), the account number is permuted;
  elsewhere the first four BBAN characters, the other digits permuted until the IBAN validates;
- enterprise (KBO) number: the leading 0/1; ID card number: nothing; card numbers: the issuer (BIN);
- phone: country, kind (mobile/fixed) and area code / mobile prefix; the subscriber digits permuted;
- e-mail: the domain by default (an organisation or provider is not a person); the local part is
  permuted character class by character class (letters and digits; dots and dashes stay);
  ``email_domain='example'`` also permutes every domain label and ends it with ``.example``;
- names: a name from Faker's list of the same language (nl_BE, fr_BE, en) and sex, chosen by a keyed
  HMAC of the lower-cased token. Names may collide (two people, one surrogate name, as in real life);
  identifiers never do. Particles (van, de, le...) stay;
- addresses: a plausible street and number, and a postcode and city of the same province.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import hmac
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gdprscan.anonymize import fakes
from gdprscan.anonymize.fpe import DIGITS
from gdprscan.anonymize.fpe import Permuter
from gdprscan.anonymize.fpe import WalkError
from gdprscan.anonymize.keys import derive
from gdprscan.recognizers.prefilter import typographic_to_ascii

LETTERS = 'abcdefghijklmnopqrstuvwxyz'
CACHE_MAX = 100_000


#: Entities whose surrogate depends on the language (a name list, a street, a phrase).
_BY_LANGUAGE = frozenset(('PERSON', 'LOCATION', *fakes.SPECIAL_PHRASES))


#: An e-mail local part cut into alphanumeric runs and what separates them (jan / . / peeters).
_EMAIL_RUNS = re.compile(r'([^0-9A-Za-z]+)')
#: The permutation purpose of the i-th part of a local part.
_EMAIL_PURPOSES = tuple(f'email-local\x1f{i}' for i in range(32))


class SurrogateError(ValueError):
    """The value does not have the entity's valid form; the caller falls back to :meth:`generic`."""


def _fill(template: str, chars: str, is_slot: Callable[[str], bool] = str.isdigit) -> str:
    """``template`` with its slot characters replaced, in order, by ``chars``."""
    if (is_slot is str.isdigit or is_slot is str.isalnum) and template.isascii():
        # The common case (a national number, an IBAN): a format string per slot pattern.
        shape = template.encode('ascii').translate(_DIGIT_SLOTS if is_slot is str.isdigit else _ALNUM_SLOTS)
        fmt = _FORMATS.get(shape)
        if fmt is None:
            if len(_FORMATS) >= 4096:
                _FORMATS.clear()
            text = shape.decode('ascii')
            fmt = _FORMATS[shape] = text.replace('{', '{{').replace('}', '}}').replace('\x00', '{}')
        return fmt.format(*chars)
    it = iter(chars)
    return ''.join(next(it) if is_slot(c) else c for c in template)


#: ASCII digits to a slot marker (NUL), for :func:`_fill`'s format strings.
# Byte tables for ASCII text (str.translate with a dict is several times slower): digits or letters
# and digits to a NUL slot marker, for :func:`_fill`'s format strings and the phone plans.
_DIGIT_SLOTS = bytes(0 if 48 <= c <= 57 else c for c in range(256))
_ALNUM_SLOTS = bytes(0 if c < 128 and chr(c).isalnum() else c for c in range(256))
_FORMATS: dict[bytes, str] = {}
#: IBAN characters to their ISO 7064 numbers (A=10 ... Z=35), for the mod 97-10 check.
_IBAN_NUMBERS = str.maketrans({c: str(i) for i, c in enumerate('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')})
#: Separators a national number or IBAN may carry (removed before checking).
_SEPARATORS = b' .-/'
_NON_DIGITS = bytes(c for c in range(128) if not 48 <= c <= 57)
#: What the IBAN pattern's [\s.\-/] removes from an ASCII string.
_IBAN_SEPARATORS = bytes(c for c in range(128) if chr(c).isspace()) + b'.-/'


def _case_like(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like.islower():
        return word.lower()
    return word


def _check_ok(d: str) -> bool:
    """The mod-97 check digits of an 11-digit national/BIS number, for a birth in 19xx or 20xx."""
    check = int(d[9:])
    return 97 - int(d[:9]) % 97 == check or 97 - int('2' + d[:9]) % 97 == check


def _mod97(body: str) -> str:
    return _TWO_DIGITS[97 - int(body) % 97]


#: 0-99 and 0-999 zero-padded: a table look-up instead of a format per number.
_TWO_DIGITS = tuple(f'{i:02d}' for i in range(100))
_THREE_DIGITS = tuple(f'{i:03d}' for i in range(1000))


class Surrogates:
    """Surrogate values under one key; repeated values come from a cache."""

    def __init__(
        self,
        key: bytes,
        *,
        lang: str = 'nl',
        cipher: str = 'ff3',
        email_domain: str = 'keep',
        nn_keep: str = 'year_sex',
    ) -> None:
        if email_domain not in ('keep', 'example'):
            raise ValueError("email_domain must be 'keep' or 'example'")
        if nn_keep not in ('year_sex', 'none'):
            raise ValueError("nn_keep must be 'year_sex' or 'none'")
        #: 'year_sex': a surrogate national number keeps birth year and sex; 'none': it keeps only its
        #: century (use it when birth dates or sex are generalised, so the number does not undo that)
        self.nn_keep = nn_keep
        self.lang = lang
        self.email_domain = email_domain
        self.perm = Permuter(key, cipher)
        self._name_key = derive(key, 'names')
        self._cache: dict[tuple[str, str, str], str] = {}
        self._runs: dict[tuple[str, str], str] = {}
        self._phone_plans: dict[tuple[bytes, str], _PhonePlan] = {}
        self._days: dict[datetime.date, datetime.date] = {}
        #: (century, YYMMDD, BIS offset) -> the YYMMDD of the surrogate number's birth date
        self._nn_dates: dict[tuple[int, str, int], str] = {}
        self.methods: dict[str, Callable[[str], str]] = {
            'BE_NATIONAL_NUMBER': self.national_number,
            'BE_BIS_NUMBER': self.bis_number,
            'IBAN_CODE': self.iban,
            'BE_ENTERPRISE_NUMBER': self.enterprise_number,
            'BE_ID_CARD_NUMBER': self.id_card_number,
            'CREDIT_CARD': self.credit_card,
            'EMAIL_ADDRESS': self.email,
            'PHONE_NUMBER': self.phone,
            'IP_ADDRESS': self.ip_address,
            'PERSON': self.person,
            'LOCATION': self.address,
            'DATE_OF_BIRTH': self.birth_date,
        }

    def clear_cache(self) -> None:
        self._cache.clear()

    # -- entry point ---------------------------------------------------------------------------
    def replace(self, entity: str, value: str, lang: str | None = None) -> str:
        """The surrogate of ``value`` for ``entity``; special categories become a generic phrase."""
        lang = lang or self.lang
        ck = (entity, value, lang if entity in _BY_LANGUAGE else '')
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        plain = typographic_to_ascii(value)
        if plain is not value:  # BE97\u00a03106...: the surrogate of the plain form, no-break spaces put back
            out = self.replace(entity, plain, lang)
            if len(out) == len(value):
                out = ''.join(o if o != p or v == p else v for o, p, v in zip(out, plain, value, strict=True))
            self._cache[ck] = out
            return out
        if entity in fakes.SPECIAL_PHRASES:
            number = self.special_number(value, entity)
            out = number if number is not None else fakes.special_phrase(entity, lang)
        else:
            method = self.methods.get(entity)
            try:
                if method is None:
                    raise SurrogateError(entity)
                out = (
                    self.person(value, lang)
                    if entity == 'PERSON'
                    else (self.address(value, lang) if entity == 'LOCATION' else method(value))
                )
            except (SurrogateError, WalkError):
                out = self.generic(value, entity)
        if len(self._cache) >= CACHE_MAX:
            self._cache.clear()
        self._cache[ck] = out
        return out

    # -- national numbers ----------------------------------------------------------------------
    def national_number(self, value: str) -> str:
        d = _delete(value, _SEPARATORS) if value.isascii() else re.sub(r'[ .\-/]', '', value)
        # stdnum.be.nn's checks (length, check digits for 19xx or 20xx, month 0-12), without its date
        # parsing: the surrogate is checked with stdnum in the tests.
        if not (len(d) == 11 and d.isdigit() and int(d[2:4]) <= 12 and _check_ok(d)):
            raise SurrogateError('not a national number')
        return self._birth_number(value, 0, d if d.isascii() else '')

    def bis_number(self, value: str) -> str:
        from stdnum.be import bis

        if not bis.is_valid(value):
            raise SurrogateError('not a BIS number')
        month = int(re.sub(r'\D', '', value)[2:4])
        return self._birth_number(value, 20 if month < 40 else 40)

    def _birth_number(self, value: str, offset: int, digits: str = '') -> str:
        if digits:
            d = digits
        else:
            d = (
                ''.join(c for c in value if c.isdigit())
                if not value.isascii()
                else _delete(value, _NON_DIGITS)
            )
        century = 1900 if _mod97(d[:9]) == d[9:] else 2000
        yy, month, day, serial = int(d[:2]), int(d[2:4]) - offset, int(d[4:6]), int(d[6:9])
        year = century + yy
        if self.nn_keep == 'none':
            hidden = self._hidden_birth_number(century, yy, month, day, serial, offset)
            if hidden is not None:
                return _fill(value, hidden)
        date_key = (century, d[:6], offset)
        date = self._nn_dates.get(date_key)
        if date is None:
            mm, dd = self._nn_date(year, month, day, offset, d[:6])
            date = f'{yy:02d}{mm + offset:02d}{dd:02d}'
            if len(self._nn_dates) >= CACHE_MAX:
                self._nn_dates.clear()
            self._nn_dates[date_key] = date
        if 1 <= serial <= 997:
            sex = serial % 2
            size = 499 if sex else 498
            index = (serial - 1) // 2 if sex else serial // 2 - 1
            index = self.perm.int(index, size, f'nn-serial\x1f{year}\x1f{sex}')
            serial = 2 * index + 1 if sex else 2 * index + 2
        body = date + _THREE_DIGITS[serial] if 0 <= serial <= 999 else f'{date}{serial:03d}'
        check = _mod97(body if century == 1900 else '2' + body)
        return _fill(value, body + check)

    def _nn_date(self, year: int, month: int, day: int, offset: int, head: str) -> tuple[int, int]:
        """(month, day) of a surrogate number's birth date: the person's surrogate birth date."""
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            new = self._date_in_year(datetime.date(year, month, day))
            return new.month, new.day
        if month == 0 and head not in ('000001', '002001', '004001'):
            return 0, self.perm.int(day, 100, f'nn-day\x1f{year}\x1f{offset}')  # unknown date: day only
        return month, day  # fictitious or partly unknown date: only the counter moves

    def _hidden_birth_number(
        self, century: int, yy: int, month: int, day: int, serial: int, offset: int
    ) -> str | None:
        """Year, day and counter (so sex too) permuted together; only the century is kept. Domain:
        1900-1999, or 2000-2019 (a fixed range, so the output does not depend on today's date)."""
        years = 100 if century == 1900 else 20
        year = century + yy
        if not (
            yy < years
            and 1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1]
            and 1 <= serial <= 997
        ):
            return None
        doy = datetime.date(year, month, day).toordinal() - datetime.date(year, 1, 1).toordinal()
        index = (yy * 366 + doy) * 997 + serial - 1

        def valid(i: int) -> bool:
            y, d = divmod(i // 997, 366)
            return d < (366 if calendar.isleap(century + y) else 365)

        index = self.perm.int(index, years * 366 * 997, f'nn-hidden\x1f{century}\x1f{offset}', valid)
        rest, serial = divmod(index, 997)
        y, d = divmod(rest, 366)
        date = datetime.date.fromordinal(datetime.date(century + y, 1, 1).toordinal() + d)
        body = f'{y:02d}{date.month + offset:02d}{date.day:02d}{serial + 1:03d}'
        return body + _mod97(body if century == 1900 else '2' + body)

    def _date_in_year(self, date: datetime.date) -> datetime.date:
        """Another day of the same year (a keyed cyclic permutation of the year's days)."""
        hit = self._days.get(date)
        if hit is None:
            if len(self._days) >= CACHE_MAX:
                self._days.clear()
            hit = self._days[date] = self._date_in_year_uncached(date)
        return hit

    def _date_in_year_uncached(self, date: datetime.date) -> datetime.date:
        start = datetime.date(date.year, 1, 1)
        days = 366 if calendar.isleap(date.year) else 365
        index = self.perm.int(date.toordinal() - start.toordinal(), days, f'dob\x1f{date.year}')
        return datetime.date.fromordinal(start.toordinal() + index)

    # -- bank and company numbers --------------------------------------------------------------
    def iban(self, value: str) -> str:
        if value.isascii():
            compact = _delete(value, _IBAN_SEPARATORS).upper()
        else:
            compact = re.sub(r'[\s.\-/]', '', value).upper()
        # The recogniser validated it; here only the checksum and shape (stdnum's full check, with its
        # bank-code table look-up, costs more than the whole surrogate).
        if not (
            15 <= len(compact) <= 34
            and compact.isascii()
            and compact[:2].isalpha()
            and compact[4:].isalnum()
            and compact[2:4].isdigit()
            and _iban_remainder(compact[:2], compact[4:], int(compact[2:4])) == 1
        ):
            raise SurrogateError('not an IBAN')
        country, bban = compact[:2], compact[4:]
        if country == 'BE':
            if len(bban) != 12 or not bban.isdigit():
                raise SurrogateError('not a Belgian IBAN')
            bank, account = bban[:3], bban[3:10]
            # One permutation for all banks (the bank code is kept, so two banks never collide); a
            # tweak per bank would cost a round-table build per bank.
            account = self.perm.string(account, DIGITS, 'iban\x1fBE')
            bban = bank + account + _TWO_DIGITS[int(bank + account) % 97 or 97]
        else:
            from stdnum import iban

            head, tail = bban[:4], bban[4:]
            digits = ''.join(c for c in tail if c.isdigit())
            if len(digits) < 2:
                raise SurrogateError('too few digits to permute')

            def valid(candidate: str) -> bool:
                b = head + _fill(tail, candidate)
                return iban.is_valid(country + iban.calc_check_digits(country + '00' + b) + b)

            digits = self.perm.string(digits, DIGITS, f'iban\x1f{country}\x1f{head}', valid)
            bban = head + _fill(tail, digits)
        new = country + _iban_check_digits(country, bban) + bban
        return (
            _fill(value, new, str.isalnum)
            if value.isupper() or not any(c.isalpha() for c in value)
            else (_case_iban(value, new))
        )

    def enterprise_number(self, value: str) -> str:
        from stdnum.be import vat

        if not vat.is_valid(value):
            raise SurrogateError('not an enterprise number')
        d = vat.compact(value)
        body = self.perm.string(d[1:8], DIGITS, f'kbo\x1f{d[0]}', lambda b: int(d[0] + b) > 0)
        new = d[0] + body + _mod97(d[0] + body)
        digits_in_value = sum(c.isdigit() for c in value)
        return _fill(value, new[10 - digits_in_value :])

    def id_card_number(self, value: str) -> str:
        from stdnum.be import eid

        if not eid.is_valid(value):
            raise SurrogateError('not an ID card number')
        d = eid.compact(value)
        body = self.perm.string(d[:10], DIGITS, 'eid', lambda b: int(b) > 0)
        check = int(body) % 97 or 97
        return _fill(value, f'{body}{check:02d}')

    def credit_card(self, value: str) -> str:
        from stdnum import luhn

        d = re.sub(r'\D', '', value)
        if not (12 <= len(d) <= 19 and luhn.is_valid(d)):
            raise SurrogateError('not a card number')
        middle = self.perm.string(d[6:-1], DIGITS, f'card\x1f{d[:6]}')
        body = d[:6] + middle
        return _fill(value, body + luhn.calc_check_digit(body))

    # -- contact data ----------------------------------------------------------------------------
    def email(self, value: str) -> str:
        local, sep, domain = value.rpartition('@')
        if not sep or not local or not domain:
            raise SurrogateError('not an e-mail address')
        purpose = 'email-local'  # the domain is kept or mapped on its own, so no collision across domains
        # Run by run (jan / peeters / 12 in jan.peeters.12): each run is permuted on its own, so the
        # whole stays a bijection for its punctuation pattern, and repeated runs come from the cache.
        parts = _EMAIL_RUNS.split(local)
        if len(parts) > len(_EMAIL_PURPOSES):
            new_local = ''.join(
                [part if i % 2 else self._run(part, f'{purpose}\x1f{i}') for i, part in enumerate(parts)]
            )
        else:  # the same purposes, formatted once
            run = self._run
            pairs = zip(parts, _EMAIL_PURPOSES, strict=False)
            new_local = ''.join([part if i % 2 else run(part, p) for i, (part, p) in enumerate(pairs)])
        if self.email_domain == 'keep':
            return f'{new_local}@{domain}'
        return f'{new_local}@{self._alnum(domain, "email-domain")}.example'

    def _run(self, text: str, purpose: str) -> str:
        if not text:
            return text
        key = (purpose, text)
        hit = self._runs.get(key)
        if hit is None:
            hit = self._alnum(text, purpose)
            if len(self._runs) >= CACHE_MAX:
                self._runs.clear()
            self._runs[key] = hit
        return hit

    def _alnum(self, text: str, purpose: str) -> str:
        """``text`` with its letters permuted among letters and digits among digits (case and
        punctuation kept): a bijection for each shape, and the shape is part of the tweak."""
        if text.isascii():  # a run of only digits or only lower-case letters: the same result, faster
            if text.isdigit():
                return self.perm.string(text, DIGITS, f'{purpose}\x1fd\x1f{"9" * len(text)}')
            if text.isalpha() and text.islower():
                return self.perm.string(text, LETTERS, f'{purpose}\x1fl\x1f{"a" * len(text)}')
        shape = ''.join(
            '9' if c.isascii() and c.isdigit() else 'a' if c.isascii() and c.isalpha() else c
            for c in text.lower()
        )
        digits = ''.join(c for c in text if c.isascii() and c.isdigit())
        letters = ''.join(c.lower() for c in text if c.isascii() and c.isalpha())
        if not digits and not letters:
            raise SurrogateError('nothing to permute')
        digits = self.perm.string(digits, DIGITS, f'{purpose}\x1fd\x1f{shape}')
        letters = self.perm.string(letters, LETTERS, f'{purpose}\x1fl\x1f{shape}')
        return _refill(text, digits, letters)

    def phone(self, value: str) -> str:
        # Parsing costs more than the surrogate, so the parse of one number serves every number of the
        # same shape (digit positions) and first six digits: country code, national prefix and area
        # code / mobile prefix are then the same. A number is only handled that way when it fits the
        # plan (same length, the region's patterns give it the same kind, a known area-code length);
        # anything else is parsed.
        plan_key = None
        if value.isascii():
            digits = _delete(value, _NON_DIGITS)
            plan_key = (value.encode('ascii').translate(_DIGIT_SLOTS), digits[:6])
            plan = self._phone_plans.get(plan_key)
            if plan is not None:
                nsn = digits[len(digits) - plan.length :]
                keep = _NDC.get((plan.cc, nsn[:4], plan.length))
                if keep is not None and plan.accepts(nsn):
                    return self._phone_tail(value, nsn, plan, keep)
        plan, nsn = _phone_plan(value)
        if plan_key is not None and plan.cacheable and plan_key not in self._phone_plans:
            if len(self._phone_plans) >= CACHE_MAX:
                self._phone_plans.clear()
            self._phone_plans[plan_key] = plan
        keep = _ndc_length(plan.cc, nsn[:4], len(nsn), value)
        return self._phone_tail(value, nsn, plan, keep)

    def _phone_tail(self, value: str, nsn: str, plan: _PhonePlan, keep: int) -> str:
        """The number with the digits after its area code / mobile prefix permuted (cycle-walked
        until the number is valid and of the same kind)."""
        keep = max(1, keep)
        if len(nsn) - keep < 2:
            keep = len(nsn) - 2
        head, tail = nsn[:keep], nsn[keep:]
        cc = plan.cc
        patterns = plan.patterns
        if patterns is not None:
            g, mob, fix = patterns
            flags = plan.flags

            def valid(candidate: str) -> bool:
                # the region's own number patterns: what is_valid_number and number_type check, without
                # building and formatting a PhoneNumber per candidate
                digits = head + candidate
                return (
                    bool(g.fullmatch(digits))
                    and (bool(mob.fullmatch(digits)), bool(fix.fullmatch(digits))) == flags
                )

        else:
            import phonenumbers

            def valid(candidate: str) -> bool:
                n = phonenumbers.PhoneNumber(country_code=cc, national_number=int(head + candidate))
                if plan.italian_leading_zero:
                    n.italian_leading_zero = True
                    n.number_of_leading_zeros = plan.number_of_leading_zeros
                return phonenumbers.is_valid_number(n) and phonenumbers.number_type(n) == plan.kind

        tail = self.perm.string(tail, DIGITS, f'phone\x1f{cc}\x1f{head}\x1f{plan.kind}', valid)
        if value.isascii():  # every digit is a slot: the leading ones (country code, prefix) stay
            digits = _delete(value, _NON_DIGITS)
            if len(digits) >= len(nsn):
                return _fill(value, digits[: len(digits) - len(nsn)] + head + tail)
        positions = [i for i, c in enumerate(value) if c.isdigit()]
        if len(positions) < len(nsn):
            raise SurrogateError('phone digits not found')
        out = list(value)
        for i, c in zip(positions[-len(nsn) :], head + tail, strict=False):
            out[i] = c
        return ''.join(out)

    def ip_address(self, value: str) -> str:
        try:
            ip = ipaddress.ip_address(value.strip())
        except ValueError:
            raise SurrogateError('not an IP address') from None
        bits = 32 if ip.version == 4 else 128
        new = self.perm.int(int(ip), 1 << bits, f'ip{ip.version}')
        return str(ipaddress.ip_address(new))

    # -- names, addresses, dates ---------------------------------------------------------------
    def _pick(self, items: tuple[str, ...], *purpose: str, avoid: str = '') -> str:
        digest = hmac.new(self._name_key, '\x1f'.join(purpose).encode('utf-8'), hashlib.sha256).digest()
        i = int.from_bytes(digest[:8], 'big') % len(items)
        if items[i].lower() == avoid.lower():
            i = (i + 1) % len(items)
        return items[i]

    def person(self, value: str, lang: str | None = None) -> str:
        """Each name token replaced by a name of the same language and kind (first/last, sex)."""
        lang = lang or self.lang
        out = []
        pos = 0
        after_particle = False
        for m in re.finditer(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", value):
            out.append(value[pos : m.start()])
            out.append(self._name_token(m.group(), lang, after_particle))
            after_particle = m.group().lower() in fakes.PARTICLES
            pos = m.end()
        out.append(value[pos:])
        new = ''.join(out)
        if new == value:
            raise SurrogateError('no name token')
        return new

    def _name_token(self, token: str, lang: str, after_particle: bool = False) -> str:
        """One word of a name; right after a kept particle ("DE SMET") a surname without a particle of
        its own, so "De Cock" cannot make "DE DE COCK"."""
        low = token.lower()
        if low in fakes.PARTICLES:
            return token
        if len(token) == 1:
            return self._pick(tuple(LETTERS.upper()), 'initial', low, avoid=token)
        own = lang if lang in ('nl', 'fr') else 'en'
        token_lang = own
        for candidate in (own, 'nl', 'fr', 'en'):
            lists = fakes.names(candidate)
            if low in lists.male_set or low in lists.female_set or low in lists.last_set:
                token_lang = candidate
                break
        lists = fakes.names(token_lang)
        if low in lists.female_set:
            pool = lists.female
        elif low in lists.male_set and low not in lists.last_set:
            pool = lists.male
        else:
            pool = _one_word(lists.last) if after_particle else lists.last
        # keyed on the folded token: 'Élise' and 'Elise' are one name with one surrogate
        return _case_like(self._pick(pool, 'name', token_lang, fakes.fold(token), avoid=token), token)

    def address(self, value: str, lang: str | None = None) -> str:
        """A plausible Belgian address: street and number, and a postcode + city of the same province."""
        lang = lang or self.lang
        low = value.lower()
        pc = re.search(r'(?<!\d)([1-9]\d{3})(?!\d)', value)
        prov = fakes.province(pc.group(1)) if pc else None
        if prov in ('walloon_brabant', 'liege', 'namur', 'hainaut', 'luxembourg'):
            lang = 'fr'
        elif re.search(r'\b(rue|avenue|chemin|place|boulevard|chaussée|allée)\b', low):
            lang = 'fr'
        elif prov is not None and prov != 'brussels':
            lang = 'nl'
        number = 1 + int(self._pick(tuple(str(i) for i in range(180)), 'house', low))
        if lang == 'fr':
            street = (
                f'{self._pick(fakes.FR_STREET_PREFIXES, "street-fr", low)} '
                f'{self._pick(fakes.FR_STREET_LINKS, "street-link", low)} '
                f'{self._pick(fakes.FR_STREET_NOUNS, "street-noun", low)}'
            )
        else:
            base = self._pick(fakes.names('nl').last, 'street-nl', low)
            street = base + self._pick(fakes.NL_STREET_SUFFIXES, 'street-suffix', low)
        line = f'{street} {number}'
        if pc is None:
            return line if line.lower() != low else f'{street} {number + 1}'
        cities = fakes.CITIES[prov] if prov else fakes.CITIES['brussels']
        code, nl_name, fr_name = cities[
            int(self._pick(tuple(str(i) for i in range(len(cities))), 'city', low))
        ]
        if code == pc.group(1):
            code, nl_name, fr_name = cities[(cities.index((code, nl_name, fr_name)) + 1) % len(cities)]
        before = value[: pc.start()].rstrip()
        sep = '\n' if '\n' in value[: pc.start()] else (', ' if before.endswith(',') or not before else ', ')
        city = fr_name if lang == 'fr' else nl_name
        if not before:
            return f'{code} {city}'
        return f'{line}{sep}{code} {city}'

    def birth_date(self, value: str) -> str:
        """The same year, another day (the permutation the national number uses); format kept."""
        date, rebuild = _parse_date(value)
        return rebuild(self._date_in_year(date))

    def binary(self, value: bytes) -> bytes:
        """Keyed pseudo-random bytes of the same length (HMAC-SHA256 in counter mode): a biometric
        template or photo becomes noise; the same input gives the same output."""
        out = bytearray()
        counter = 0
        while len(out) < len(value):
            out += hmac.new(
                self._name_key, b'binary' + counter.to_bytes(4, 'big') + value, hashlib.sha256
            ).digest()
            counter += 1
        return bytes(out[: len(value)])

    # -- numbers of a special category ------------------------------------------------------------
    def special_number(self, value: str, entity: str) -> str | None:
        """A number of the same shape for a number that is special-category data (union dues
        ``13,50``, sick-leave days ``12``), or None when ``value`` is no plain number.

        Why not the category phrase: a phrase in a numeric column breaks every numeric load of the
        copy. Sign, digit count, thousands grouping and decimal separator stay (so a ``numeric(6,2)``
        still holds it); the digits are permuted under the key (the same number gives the same
        surrogate everywhere, never itself), and a number of two or more integer digits keeps a
        non-zero first digit. So ``0,00`` (no dues: not a member) is no longer told from ``13,50``.
        """
        m = _NUMBER.fullmatch(value)
        if m is None:
            return None
        digits = _delete(value, _NON_DIGITS) if value.isascii() else ''.join(c for c in value if c in DIGITS)
        whole = m.group('int')
        valid = _first_not_zero if len(whole) > 1 and whole[0] != '0' else None
        new = self.perm.string(digits, DIGITS, f'special-number\x1f{entity}', valid)
        return _refill(value, new, '')

    # -- anything else ---------------------------------------------------------------------------
    def generic(self, value: str, entity: str = '') -> str:
        """Digits permuted among digits and letters among letters, punctuation kept: same shape,
        deterministic, never the value itself (unless it has no letter or digit)."""
        digits = ''.join(c for c in value if c.isascii() and c.isdigit())
        letters = ''.join(c.lower() for c in value if c.isascii() and c.isalpha())
        digits = self.perm.string(digits, DIGITS, f'generic-digits\x1f{entity}')
        letters = self.perm.string(letters, LETTERS, f'generic-letters\x1f{entity}')
        return _refill(value, digits, letters)


#: A number as a cell holds it: sign, integer digits (plain or grouped by thousands), decimal part.
_NUMBER = re.compile(
    r'\s*[-+]?(?P<int>[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+)'
    r'(?:[.,][0-9]+)?\s*'
)


@lru_cache(maxsize=8)
def _one_word(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names of ``names`` that are one word (no particle of their own)."""
    return tuple(n for n in names if ' ' not in n)


def _first_not_zero(digits: str) -> bool:
    return digits[0] != '0'


def _delete(text: str, chars: bytes) -> str:
    """ASCII ``text`` without the characters ``chars``."""
    return text.encode('ascii').translate(None, chars).decode('ascii')


def _iban_remainder(country: str, bban: str, check: int) -> int:
    """ISO 7064 mod 97-10 of an IBAN (BBAN, then country letters as numbers, then check digits):
    what stdnum's ``mod_97_10`` computes digit group by digit group, as one integer modulo."""
    tail = _IBAN_COUNTRIES.get(country)
    if tail is None:
        tail = int(country.translate(_IBAN_NUMBERS)) * 100
    if bban.isdigit():
        return (int(bban) * 1_000_000 + tail + check) % 97
    return (int(bban.translate(_IBAN_NUMBERS)) * 1_000_000 + tail + check) % 97


def _iban_check_digits(country: str, bban: str) -> str:
    """ISO 13616 check digits of an IBAN (stdnum's ``iban.calc_check_digits``)."""
    return f'{98 - _iban_remainder(country, bban, 0):02d}'


#: Country letters as ISO 7064 numbers followed by '00' (BE -> 111400), for :func:`_iban_remainder`.
_IBAN_COUNTRIES = {
    a + b: int((a + b).translate(_IBAN_NUMBERS)) * 100
    for a in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    for b in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
}


def _refill(template: str, digits: str, letters: str) -> str:
    """``template`` with its ASCII digits and letters replaced in order (case and punctuation kept)."""
    di, li = iter(digits), iter(letters)
    out = []
    for c in template:
        if c.isascii() and c.isdigit():
            out.append(next(di))
        elif c.isascii() and c.isalpha():
            n = next(li)
            out.append(n.upper() if c.isupper() else n)
        else:
            out.append(c)
    return ''.join(out)


_NDC: dict[tuple[int, str, int], int] = {}
_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None] = {}


@dataclass(frozen=True)
class _PhonePlan:
    """What the parse of a phone number says, minus its digits: country, length, kind."""

    cc: int
    length: int
    kind: int
    flags: tuple[bool, bool] = (False, False)
    #: (general, mobile, fixed line) patterns of the region, or None (then phonenumbers decides)
    patterns: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
    #: the country code belongs to one region, so the plan holds for the same shape and prefix
    cacheable: bool = False
    italian_leading_zero: bool = False
    number_of_leading_zeros: int | None = None

    def accepts(self, nsn: str) -> bool:
        """``nsn`` is valid and of this plan's kind by the region's patterns."""
        if self.patterns is None or len(nsn) != self.length:
            return False
        g, mob, fix = self.patterns
        return bool(g.fullmatch(nsn)) and (bool(mob.fullmatch(nsn)), bool(fix.fullmatch(nsn))) == self.flags


def _phone_plan(value: str) -> tuple[_PhonePlan, str]:
    """Parse ``value`` (default region BE): its plan and national significant number."""
    import phonenumbers

    try:
        num = phonenumbers.parse(value, 'BE')
    except phonenumbers.NumberParseException:
        raise SurrogateError('not a phone number') from None
    if num.extension:
        raise SurrogateError('not a valid phone number')
    nsn = phonenumbers.national_significant_number(num)
    cc = num.country_code or 0
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ())
    region = regions[0] if len(regions) == 1 else phonenumbers.region_code_for_number(num)
    patterns = _type_patterns(region) if not num.italian_leading_zero else None
    if patterns is not None:
        flags = (bool(patterns[1].fullmatch(nsn)), bool(patterns[2].fullmatch(nsn)))
        if any(flags) and patterns[0].fullmatch(nsn):
            kind = {(True, False): 1, (False, True): 0, (True, True): 2}[flags]  # PhoneNumberType values
            return _PhonePlan(cc, len(nsn), kind, flags, patterns, len(regions) == 1), nsn
    # another type (toll-free, VoIP...) or a country whose metadata we do not shortcut
    if not phonenumbers.is_valid_number(num):
        raise SurrogateError('not a valid phone number')
    plan = _PhonePlan(
        cc,
        len(nsn),
        phonenumbers.number_type(num),
        italian_leading_zero=bool(num.italian_leading_zero),
        number_of_leading_zeros=num.number_of_leading_zeros,
    )
    return plan, nsn


def _type_patterns(region: str | None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    """(general, mobile, fixed line) national-number patterns of ``region``, or None if incomplete."""
    if region is None:
        return None
    if region not in _PATTERNS:
        import phonenumbers

        md = phonenumbers.PhoneMetadata.metadata_for_region(region)
        descs = (md.general_desc, md.mobile, md.fixed_line) if md is not None else ()
        pats = [str(d.national_number_pattern) for d in descs if d is not None and d.national_number_pattern]
        _PATTERNS[region] = (
            (re.compile(pats[0]), re.compile(pats[1]), re.compile(pats[2])) if len(pats) == 3 else None
        )
    return _PATTERNS[region]


def _ndc_length(cc: int, prefix: str, length: int, value: str) -> int:
    """Length of the area code / mobile prefix, cached per country, first digits and length
    (phonenumbers computes it by formatting the number, which costs more than the surrogate)."""
    key = (cc, prefix, length)
    if key not in _NDC:
        import phonenumbers

        _NDC[key] = phonenumbers.length_of_national_destination_code(phonenumbers.parse(value, 'BE'))
    return _NDC[key]


def _case_iban(template: str, new: str) -> str:
    it = iter(new)
    out = []
    for c in template:
        if c.isalnum():
            n = next(it)
            out.append(n.lower() if c.islower() else n)
        else:
            out.append(c)
    return ''.join(out)


MONTHS = {
    'nl': (
        'januari',
        'februari',
        'maart',
        'april',
        'mei',
        'juni',
        'juli',
        'augustus',
        'september',
        'oktober',
        'november',
        'december',
    ),
    'fr': (
        'janvier',
        'février',
        'mars',
        'avril',
        'mai',
        'juin',
        'juillet',
        'août',
        'septembre',
        'octobre',
        'novembre',
        'décembre',
    ),
    'en': (
        'january',
        'february',
        'march',
        'april',
        'may',
        'june',
        'july',
        'august',
        'september',
        'october',
        'november',
        'december',
    ),
}
_MONTH_INDEX = {name: (lang, i + 1) for lang, names in MONTHS.items() for i, name in enumerate(names)}
_ISO = re.compile(r'(\d{4})([-/.])(\d{1,2})\2(\d{1,2})')
_DMY = re.compile(r'(\d{1,2})([-/.])(\d{1,2})\2(\d{4})')
_TEXT = re.compile(r'(\d{1,2})(?:er)?\s+([^\W\d_]+)\s+(\d{4})', re.IGNORECASE)


def _parse_date(value: str) -> tuple[datetime.date, Callable[[datetime.date], str]]:
    """A date in ``value`` (ISO, D/M/Y or '30 juli 1985') and a function writing another date the same way."""
    text = value.strip()
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]

    def pad(n: int, like: str) -> str:
        return f'{n:0{len(like)}d}' if like.startswith('0') or len(like) == 2 else str(n)

    try:
        if m := _ISO.fullmatch(text):
            y, sep, mo, d = m.groups()
            date = datetime.date(int(y), int(mo), int(d))
            return date, lambda n: f'{lead}{n.year:04d}{sep}{pad(n.month, mo)}{sep}{pad(n.day, d)}{trail}'
        if m := _DMY.fullmatch(text):
            d, sep, mo, y = m.groups()
            date = datetime.date(int(y), int(mo), int(d))
            return date, lambda n: f'{lead}{pad(n.day, d)}{sep}{pad(n.month, mo)}{sep}{n.year:04d}{trail}'
        if (m := _TEXT.fullmatch(text)) and m.group(2).lower() in _MONTH_INDEX:
            d, name, y = m.groups()
            lang, month = _MONTH_INDEX[name.lower()]
            date = datetime.date(int(y), month, int(d))
            between = text[m.end(1) : m.start(2)]
            return (
                date,
                lambda n: (
                    f'{lead}{pad(n.day, d)}{between}{_case_like(MONTHS[lang][n.month - 1], name)} '
                    f'{n.year:04d}{trail}'
                ),
            )
    except ValueError:
        pass
    raise SurrogateError('not a date')
