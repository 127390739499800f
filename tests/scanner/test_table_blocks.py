"""The column-wise CSV fast path gives exactly the findings of the per-cell path.

Both readings of the same file go through the same engine: ``Engine.detect`` over one unit
per cell, and ``tables.detect_blocks`` over blocks of rows. Generated exports mix context
headers, counter-context headers, context words inside cells, two values in one cell,
values split over two cells, pragma rows, quoted multi-line cells and ragged rows.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from gdprscan.scanner import tables
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from gdprscan.scanner.extractors import delimited
from stdnum.be import nn
from stdnum.iso7064 import mod_97_10


def _national_number(rnd: random.Random) -> str:
    while True:
        body = f'{rnd.randint(50, 99):02d}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{rnd.randint(1, 997):03d}'
        number = f'{body}{97 - int(body) % 97:02d}'  # born before 2000: the check digits of the body
        if nn.is_valid(number):
            return rnd.choice((number, f'{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}'))


def _iban(rnd: random.Random) -> str:
    account = '096' + f'{rnd.randrange(10**7):07d}'
    bban = f'{account}{int(account) % 97 or 97:02d}'
    number = 'BE' + mod_97_10.calc_check_digits(bban + 'BE') + bban
    return ' '.join(number[i : i + 4] for i in range(0, 16, 4))


def _phone(rnd: random.Random) -> str:
    return f'04{rnd.randint(70, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}'


def _cell(rnd: random.Random) -> str:
    """A cell as HR exports hold them: empty, plain, an identifier, or prose around identifiers."""
    pick = rnd.random()
    if pick < 0.25:
        return ''
    if pick < 0.4:
        return rnd.choice(('Peeters', 'Gent', 'actief', '12/03/2021', '1.250,00', 'KP-1234', '+++090/9337/55493+++'))
    if pick < 0.55:
        return _national_number(rnd)
    if pick < 0.65:
        return _iban(rnd)
    if pick < 0.75:
        return _phone(rnd)
    if pick < 0.8:
        return f'jan.peeters{rnd.randint(1, 99)}@example.be'
    if pick < 0.88:
        return f'tel {_phone(rnd)} of rijksregisternummer {_national_number(rnd)}'
    if pick < 0.93:
        return f'regel 1\nINSZ {_national_number(rnd)}\nregel 3'  # a quoted multi-line cell
    if pick < 0.96:
        return f'factuur {_national_number(rnd).replace(".", "").replace("-", "")}'  # counter-context
    return 'gdprscan: allow'


def _export(path: Path, rnd: random.Random, rows: int, header: bool, quoted_from: int | None, ending: str) -> None:
    """An export; no cell needs quoting before row ``quoted_from`` (never, when None), each row after
    it has one. Line ends ``ending``; with old Mac ``'\\r'`` ends no cell holds a line end."""
    out = io.StringIO()
    delimiter = rnd.choice((';', ',', '\t'))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=ending)
    if header:
        writer.writerow(('naam', 'rrn', 'factuurnummer', 'opmerking', 'iban', 'gsm'))
    for i in range(rows):
        width = rnd.choice((6, 6, 6, 4, 8))  # ragged rows: shorter and longer than the header
        cells = [_cell(rnd) for _ in range(width)]
        if quoted_from is None or i < quoted_from:
            cells = [c.replace('\n', ' ').replace(delimiter, ' ') for c in cells]
        else:
            cells.append(f'Kerkstraat 1{delimiter} 9000 Gent')
            if ending == '\r':
                cells = [c.replace('\n', ' ') for c in cells]
        if i % 97 == 5:
            cells = []  # a blank line is a row too
        writer.writerow(cells)
    writer.writerow(('0470', '12 34 56', '85.07.30-', '033.28'))  # split values must not join
    path.write_bytes(out.getvalue().encode('utf-8'))


def _per_cell(engine: Engine, path: Path) -> list[dict]:
    return [f.as_dict(show_values=True) for f in engine.detect(delimited.extract(path), 'x.csv')]


def _blocks(engine: Engine, path: Path) -> list[dict]:
    return [f.as_dict(show_values=True) for f in tables.detect_blocks(engine, delimited.extract_blocks(path), 'x.csv')]


@pytest.mark.parametrize('seed', range(9))
def test_fast_paths_equal_per_cell_path(tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quoted cells from the start (parsed blocks), never (unquoted text) and from row 250 on (both)."""
    rnd = random.Random(seed)
    path = tmp_path / 'x.csv'
    quoted_from = (0, None, 250)[seed % 3]
    ending = ('\n', '\r\n', '\r')[seed // 3]
    _export(path, rnd, rows=400, header=seed % 4 != 0, quoted_from=quoted_from, ending=ending)
    # Many blocks and chunks: row numbers must run on across them.
    monkeypatch.setattr(delimited, 'BLOCK_ROWS', 64)
    monkeypatch.setattr(delimited, 'CHUNK_CHARS', 2000)
    engine = Engine(Settings())
    expected = _per_cell(engine, path)
    kinds = {type(b).__name__ for b in delimited.extract_blocks(path)}
    assert kinds == ({'TableBlock'}, {'DelimitedText'}, {'TableBlock', 'DelimitedText'})[seed % 3]
    got = _blocks(engine, path)
    assert got == expected
    entities = {f['entity'] for f in got}
    assert {'BE_NATIONAL_NUMBER', 'IBAN_CODE', 'PHONE_NUMBER', 'EMAIL_ADDRESS'} <= entities
    assert any(f.get('suppressed') == 'pragma' for f in got)
    assert any('context' in f.get('evidence', {}) for f in got)
    assert max(f['location']['row'] for f in got) > 300


def test_cli_reports_rows_and_columns_from_the_block_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = ['id;naam;rrn;iban'] + [f'{i};Peeters;;' for i in range(1, 5000)] + ['5000;Janssens;85.07.30-033.28;BE71 0961 2345 6769']
    (tmp_path / 'big.csv').write_text('\n'.join(rows) + '\n', encoding='utf-8')
    code = main(['scan', str(tmp_path), '--format', 'jsonl'])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [(f['entity'], f['location'], f['score']) for f in found] == [
        ('BE_NATIONAL_NUMBER', {'column': 'rrn', 'row': 5000, 'line': 5001}, 0.95),
        ('IBAN_CODE', {'column': 'iban', 'row': 5000, 'line': 5001}, 0.95),
    ]
