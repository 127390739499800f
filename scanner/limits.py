"""Resource limits of one scan, set once per process by the engine.

Extractors read them here rather than take them as arguments, so their
signature stays ``extract(path)``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: Files larger than this are refused (bytes); plain text streams, so this guards the parsers.
    max_file_size: int = 200 * 1024 * 1024
    #: Plain-text files (txt, csv, ...) stream in blocks and may be larger.
    max_text_file_size: int = 50 * 1024 * 1024 * 1024
    #: Total uncompressed size a zip-based document (docx, xlsx) may declare.
    max_unzipped_size: int = 500 * 1024 * 1024
    #: Largest allowed ratio uncompressed/compressed of a zip member (a bomb has ~1000:1).
    max_zip_ratio: float = 200.0
    #: Seconds one file may take before it is given up with an error.
    file_timeout: float = 120.0


_current = Limits()


def current() -> Limits:
    return _current


def configure(limits: Limits) -> None:
    global _current
    _current = limits
