"""CSV/TSV: cells located by header and 1-based data row.

Two readings of the same rows: :func:`extract` gives one text unit per non-empty cell,
:func:`extract_blocks` gives unquoted lines as they are and parsed rows in blocks, which the
engine scans without a unit per cell on the identifier profile (several times faster, the
same findings; see :mod:`gdprscan.scanner.tables`).

Delimiter from an Excel ``sep=X`` first line (then skipped), else the one delimiter of ``,;\\t|``
constant on every line of an unquoted sample, else :class:`csv.Sniffer` on the first block, else the
delimiter the header line holds most often; encoding sniffed
(UTF-8, UTF-16 with or without BOM, cp1252). A first row that does not read as column
names (``Jan;85073003328``) is data: cells are then located by column number ``#1``,
``#2``... and the physical row. A row with an allow pragma in any cell marks all its cells.
Undecodable bytes past the sniffed sample become U+FFFD rather than failing the file:
one stray byte must not hide a whole export.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from typing import Any

from gdprscan.scanner.extractors.encoding import sniff_encoding
from gdprscan.scanner.extractors.tabular import PRAGMA
from gdprscan.scanner.extractors.tabular import looks_like_header
from gdprscan.scanner.tables import BLOCK_ROWS
from gdprscan.scanner.tables import DelimitedText
from gdprscan.scanner.tables import TableBlock
from gdprscan.scanner.types import TRACK_LINE
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.csv', '.tsv')
STREAMS = True
#: Characters of whole lines per :class:`DelimitedText`: memory stays flat in the file size.
CHUNK_CHARS = 1 << 20

csv.field_size_limit(1 << 27)


DELIMITERS = ',;\t|'
#: A single quote where the Sniffer's quote patterns look: next to a delimiter or a line's ends.
_QUOTE_AT_EDGE = re.compile(r"(?:^|[,;\t|]) *'|' *(?:$|[,;\t|])", re.MULTILINE)


#: Excel's first line naming the delimiter (``sep=;``), written by "Save as CSV" in many locales.
SEP_LINE = re.compile(r'sep=([^\r\n])\r?\n?\Z')


def sep_line(first_line: str) -> str | None:
    """The delimiter an Excel ``sep=X`` first line declares, or None."""
    m = SEP_LINE.match(first_line.lstrip('\ufeff'))
    return m.group(1) if m else None


def skip_sep_line(f: IO[str]) -> int:
    """Leave ``f`` after a ``sep=X`` first line (1 returned) or at its start (0): the line is no header."""
    f.seek(0)
    if sep_line(f.readline()) is not None:
        return 1
    f.seek(0)
    return 0


def _dialect(sample: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    declared = sep_line(sample.split('\n', 1)[0] + '\n')
    if declared is not None:
        return _excel_with(declared)
    if suffix == '.tsv':
        return csv.excel_tab
    plain = _plain_delimiter(sample)
    if plain is not None:
        return plain
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return _header_delimiter(sample)


def _header_delimiter(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """Excel's dialect with the delimiter the first line holds most often (outside quotes), when the
    Sniffer gives up: it does on what Excel writes with ``;`` and a quoted multi-line cell in CRLF files."""
    first = re.sub(r'"[^"]*"', '', sample.split('\n', 1)[0])
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return _excel_with(best) if counts[best] else csv.excel


def _excel_with(delimiter: str) -> type[csv.Dialect]:
    class Declared(csv.excel):
        pass

    Declared.delimiter = delimiter
    return Declared


def _plain_delimiter(sample: str) -> type[csv.Dialect] | None:
    """The dialect of a sample without quotes in which exactly one delimiter occurs equally often on
    every line, or None (then :class:`csv.Sniffer` decides).

    Why: the Sniffer costs about 2 ms per file (a tenth of scanning a 250 KB export, and most of
    scanning a small one). In this clear case it would find the same delimiter, except that it
    decides after the first ten lines and then prefers ',' when a ',' count also happens to be
    constant there (``38,5;5.438,80``): the delimiter constant on every line is the better reading.
    The dialect is the Sniffer's for an unquoted sample: ``doublequote`` False, ``skipinitialspace``
    when every delimiter on the first line is followed by a space.
    """
    if '"' in sample or ("'" in sample and _QUOTE_AT_EDGE.search(sample)):
        return None  # quoting: the Sniffer's business (an apostrophe inside a word, "d'année", is not)
    lines = [line.rstrip('\r') for line in sample.split('\n')[:-1] if line.strip('\r')]
    if len(lines) < 2:
        return None
    first = lines[0]
    found = [d for d in DELIMITERS if first.count(d) and all(ln.count(d) == first.count(d) for ln in lines)]
    if len(found) != 1:
        return None
    delimiter = found[0]

    class Sniffed(csv.Dialect):
        lineterminator = '\r\n'
        quoting = csv.QUOTE_MINIMAL
        quotechar = '"'
        doublequote = False
        skipinitialspace = lines[0].count(delimiter) == lines[0].count(delimiter + ' ')

    Sniffed.delimiter = delimiter
    return Sniffed


def extract(path: Path) -> Iterator[TextUnit]:
    """One unit per non-empty cell (the full profile and anonymisation read cells this way)."""
    with _open(path) as f:
        header, records = _records(f, path)
        try:
            for row_no, (line, row) in enumerate(records, start=1):
                pragma = any(PRAGMA in cell.lower() for cell in row)
                for i, cell in enumerate(row):
                    if cell.strip():
                        column = header[i] if i < len(header) and header[i] else f'#{i + 1}'
                        location = {'column': column, 'row': row_no, 'line': line}
                        yield TextUnit(cell, location, track=TRACK_LINE, pragma=pragma, row_key=row_no)
                    line += cell.count('\n')
        except csv.Error as e:
            raise ExtractError(f'unreadable CSV (csv.Error: {e})') from e


def extract_blocks(path: Path) -> Iterator[TableBlock | DelimitedText]:
    """Blocks for the engine's fast path (:mod:`gdprscan.scanner.tables`).

    Lines without the quote character go to the engine as they are (:class:`DelimitedText`):
    no cell can hold a delimiter or a line end there. From the first chunk of lines that
    holds a quote on, rows are parsed by :mod:`csv` (:class:`TableBlock`).
    """
    with _open(path) as f:
        dialect = _dialect(f.read(8192), path.suffix.lower())
        skipped = skip_sep_line(f)
        first_line = f.readline()
        quote = dialect.quotechar or ''
        if not _plain(dialect) or (quote and quote in first_line):
            header, records = _records(f, path)
            yield from _parsed(header, records, 1)
            return
        first = next(csv.reader([first_line], dialect), [])
        header = [h.strip() for h in first] if looks_like_header(first) else []
        pending = [] if header else [first_line]
        row, line = 1, (2 if header else 1) + skipped
        while lines := pending + f.readlines(CHUNK_CHARS):
            pending = []
            text = ''.join(lines)
            if quote and quote in text:
                reader = csv.reader(itertools.chain(lines, f), dialect)
                yield from _parsed(header, _numbered(reader, line - 1), row)
                return
            if '\r' in text:
                text = text.replace('\r\n', '\n').replace('\r', '\n')
            yield DelimitedText(header, text, str(dialect.delimiter), row, line)
            row += len(lines)
            line += len(lines)


def _plain(dialect: type[csv.Dialect] | csv.Dialect) -> bool:
    """A dialect whose unquoted cells are the text between delimiters, as they stand."""
    delimiter = dialect.delimiter or ''
    return (
        len(delimiter) == 1
        and delimiter not in '\r\n'
        and dialect.escapechar is None
        and not dialect.skipinitialspace
    )


def _parsed(header: list[str], records: Iterator[tuple[int, list[str]]], first: int) -> Iterator[TableBlock]:
    try:
        while block := list(itertools.islice(records, BLOCK_ROWS)):
            lines, rows = map(list, zip(*block, strict=True))
            yield TableBlock(header, rows, first, lines=lines)
            first += len(rows)
    except csv.Error as e:
        raise ExtractError(f'unreadable CSV (csv.Error: {e})') from e


def _open(path: Path) -> IO[str]:
    return path.open(newline='', encoding=sniff_encoding(path), errors='replace')


def _records(f: IO[str], path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (empty when the first row is data) and each data record with its first line."""
    try:
        f.seek(0)
        dialect = _dialect(f.read(8192), path.suffix.lower())
        skipped = skip_sep_line(f)
        reader = csv.reader(f, dialect)
        first = next(reader, [])
    except csv.Error as e:
        raise ExtractError(f'unreadable CSV (csv.Error: {e})') from e
    if looks_like_header(first):
        return [h.strip() for h in first], _numbered(reader, skipped)
    return [], itertools.chain([(1 + skipped, first)], _numbered(reader, skipped))


def _numbered(reader: Any, offset: int = 0) -> Iterator[tuple[int, list[str]]]:
    """Records with the physical line each starts on (a quoted cell may span lines)."""
    previous = reader.line_num
    for row in reader:
        yield previous + 1 + offset, row
        previous = reader.line_num


def header_units(path: Path) -> list[str]:
    """The header row, for column classification; empty for a headerless file."""
    with path.open(newline='', encoding=sniff_encoding(path), errors='replace') as f:
        dialect = _dialect(f.read(8192), path.suffix.lower())
        skip_sep_line(f)
        first = next(csv.reader(f, dialect), [])
        return [h.strip() for h in first] if looks_like_header(first) else []
