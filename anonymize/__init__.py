"""Pseudonymised copies: surrogates, file and database copies, the leak check, and the pipeline API.

``from gdprscan.anonymize import Pseudonymizer`` is the entry point for Python code; the names are
imported on first use, so ``import gdprscan.anonymize.surrogates`` stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ['Policy', 'Pseudonymizer', 'Surrogates', 'load_key', 'load_policy']


def __getattr__(name: str) -> Any:
    if name == 'Pseudonymizer':
        from gdprscan.anonymize.pipeline import Pseudonymizer

        return Pseudonymizer
    if name == 'Surrogates':
        from gdprscan.anonymize.surrogates import Surrogates

        return Surrogates
    if name == 'Policy':
        from gdprscan.anonymize.policy import Policy

        return Policy
    if name == 'load_policy':
        from gdprscan.anonymize.policy import load

        return load
    if name == 'load_key':
        from gdprscan.anonymize.keys import load as load_key

        return load_key
    raise AttributeError(name)
