"""Policy actions applied to one value: the single place that turns (entity, value) into its
replacement, used by free-text rewriting, file writers, database copies and the pipeline API."""

from __future__ import annotations

import re

from gdprscan.anonymize import fakes
from gdprscan.anonymize.policy import Policy
from gdprscan.anonymize.surrogates import SurrogateError
from gdprscan.anonymize.surrogates import Surrogates
from gdprscan.anonymize.surrogates import _parse_date
from gdprscan.recognizers.masking import mask


class Actions:
    """Surrogates under one key, steered by one policy."""

    def __init__(self, key: bytes, policy: Policy | None = None, lang: str | None = None) -> None:
        self.policy = policy or Policy()
        self.lang = lang or self.policy.lang
        self.surrogates = Surrogates(
            key,
            lang=self.lang,
            cipher=self.policy.cipher,
            email_domain=self.policy.email_domain,
            nn_keep=self.policy.national_number_keep,
        )

    def apply(
        self, entity: str, value: str, action: str | None = None, lang: str | None = None
    ) -> str | None:
        """The replacement of ``value``; None for ``null`` (the caller writes NULL or nothing)."""
        action = action or self.policy.entity_action(entity)
        if action == 'keep':
            return value
        if action == 'null':
            return None
        if action == 'redact':
            return f'[{entity}]'
        if action == 'mask':
            return mask(value, entity)
        if action == 'generalise':
            return self.generalise(entity, value, lang)
        return self.surrogates.replace(entity, value, lang or self.lang)

    def generalise(self, entity: str, value: str, lang: str | None = None) -> str:
        """A coarser value that identifies nobody: year, province, category phrase, or the mask."""
        lang = lang or self.lang
        if entity in fakes.SPECIAL_PHRASES:  # a number (union dues) stays a number of its shape
            number = self.surrogates.special_number(value, entity)
            return number if number is not None else fakes.special_phrase(entity, lang)
        if entity == 'DATE_OF_BIRTH':
            try:
                date, _ = _parse_date(value)
                return str(date.year)
            except SurrogateError:
                return mask(value, entity)
        if entity == 'LOCATION':
            m = re.search(r'(?<!\d)([1-9]\d{3})(?!\d)', value)
            prov = fakes.province(m.group(1)) if m else None
            return fakes.PROVINCE_LABEL[prov] if prov else 'Belgium'
        return mask(value, entity)
