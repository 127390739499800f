"""Report wording in Dutch, French and English, shared by the HTML report and the terminal summary.

One file (``html_labels.yaml``) holds every label, so that a DPO reads the same words in the
terminal and in the HTML report for one ``--report-lang``. A key missing in a language falls back
to English; counted phrases have ``<key>_one`` and ``<key>_many`` forms where a language needs them.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

LABEL_FILE = 'html_labels.yaml'


@cache
def load() -> dict[str, dict[str, str]]:
    """All labels, per language (parsed once: the C loader takes about 3 ms, the Python one 18 ms)."""
    import yaml

    text = files('gdprscan.scanner.reporters').joinpath(LABEL_FILE).read_text(encoding='utf-8')
    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    data: dict[str, dict[str, str]] = yaml.load(text, Loader=loader)  # a safe loader, C or Python
    return data


class Labels:
    """The labels of one language: ``t('key', n=3)``, ``t.count('term_files', 3)``, ``t.number(0.5)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in load() else 'en'
        self._own = load()[self.lang]
        self._en = load()['en']

    def __call__(self, key: str, **kw: Any) -> str:
        text = self._own.get(key) or self._en[key]
        return text.format(**kw) if kw else text

    def has(self, key: str) -> bool:
        return key in self._own or key in self._en

    def count(self, key: str, n: int, **kw: Any) -> str:
        """``key`` with ``n`` filled in, singular or plural (French counts 0 and 1 as singular).

        >>> Labels('fr').count('term_files', 0), Labels('nl').count('term_files', 0)
        ('0 fichier analysé', '0 bestanden gescand')
        """
        one = n <= 1 if self.lang == 'fr' else n == 1
        form = f'{key}_one' if one else f'{key}_many'
        return self(form if self.has(form) else key, n=n, **kw)

    def number(self, value: float, digits: int = 2) -> str:
        """``value`` with a decimal comma in Dutch and French."""
        text = f'{value:.{digits}f}'
        return text.replace('.', ',') if self.lang in ('nl', 'fr') else text
