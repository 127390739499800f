"""Data passed between extractors, the engine and reporters."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from gdprscan.recognizers.masking import mask
from gdprscan.scanner.evidence import public

#: How the engine turns an offset in a unit into a location.
#: '' keeps the unit's location; 'line' adds the newlines before the match to
#: location['line']; 'line_column' also sets a 1-based 'column'.
TRACK_NONE, TRACK_LINE, TRACK_LINE_COLUMN = '', 'line', 'line_column'


class ExtractError(Exception):
    """A source that cannot be read: one line, never a value from the file."""


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A string from a source and where it sits (``{'line': 3}``, ``{'sheet','column','row'}``)."""

    text: str
    location: dict[str, Any]
    track: str = TRACK_NONE
    #: The physical line or row carries an allow pragma (set by extractors that see raw rows).
    pragma: bool = False
    #: For cells of a table: the row's identity, so row-level rules see all cells of a row.
    row_key: Any = None


@dataclass(slots=True)
class Finding:
    """A match with its source, location and GDPR classification.

    Not frozen, for speed (see :class:`~gdprscan.recognizers.base.Match`); treat it as immutable
    and use ``dataclasses.replace`` for a changed copy.
    """

    source: str
    location: dict[str, Any]
    entity: str
    categories: tuple[str, ...]
    article: str
    score: float
    recognizer: str
    value: str
    evidence: dict[str, Any] = field(default_factory=dict)
    #: Why the finding does not count: 'pragma', 'baseline', 'synthetic', or None.
    suppressed: str | None = None
    #: The source before personal data in its file name was masked for printing (None: not masked).
    #: Only for what needs the real path after that (SARIF's keyed fingerprint and URI); never printed.
    clear_source: str | None = None

    @property
    def masked(self) -> str:
        return mask(self.value, self.entity)

    def public_evidence(self, show_values: bool = False) -> dict[str, Any]:
        """The evidence as every report prints it: no text of the source unless ``show_values``
        (matched special-category terms become the lists they are in; see ``scanner/evidence.py``)."""
        return public(self.evidence, self.entity, show_values)

    def as_dict(self, show_values: bool = False) -> dict[str, Any]:
        """The JSONL contract; the raw value and source text in the evidence only with ``show_values``."""
        d: dict[str, Any] = {
            'source': self.source,
            'location': self.location,
            'entity': self.entity,
            'categories': list(self.categories),
            'article': self.article,
            'score': round(self.score, 3),
            'recognizer': self.recognizer,
            'masked': self.masked,
        }
        if self.evidence:
            d['evidence'] = self.public_evidence(show_values)
        if self.suppressed:
            d['suppressed'] = self.suppressed
        if show_values:
            d['value'] = self.value
        return d


#: What a FileResult was read from: reports count files and database tables apart.
KIND_FILE, KIND_TABLE = 'file', 'table'


@dataclass(frozen=True)
class FileResult:
    """What one source gave: findings, or an error line, and its size."""

    source: str
    findings: list[Finding]
    error: str | None = None
    size: int = 0
    skipped: str | None = None
    #: KIND_FILE or KIND_TABLE (a database table, marked by ``database.scan_database``)
    kind: str = KIND_FILE

    def as_table(self) -> FileResult:
        """This result marked as a database table's, whatever produced it."""
        return replace(self, kind=KIND_TABLE)


@dataclass
class ScanResult:
    """Everything a reporter needs."""

    targets: list[str]
    findings: list[Finding] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: files read (unreadable ones included); database tables are counted in ``tables_scanned``
    files_scanned: int = 0
    files_skipped: int = 0
    tables_scanned: int = 0
    bytes_scanned: int = 0
    duration: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)
    #: Extra sections added by other features (e.g. 'declared' comparison); reporters print what they know.
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, fr: FileResult) -> None:
        if fr.skipped:
            self.files_skipped += 1
            self.findings.extend(fr.findings)  # a skipped binary's name can still hold a value
            return
        if fr.kind == KIND_TABLE:
            self.tables_scanned += 1
        else:
            self.files_scanned += 1
        self.bytes_scanned += fr.size
        self.findings.extend(fr.findings)
        if fr.error:
            self.errors.append((fr.source, fr.error))

    @property
    def active(self) -> list[Finding]:
        """Findings that are not suppressed by pragma, baseline or synthetic-data policy."""
        return [f for f in self.findings if not f.suppressed]
