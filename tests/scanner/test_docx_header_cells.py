"""A DOCX table's header row names its columns: it is never counted or reported as a data cell.

QA found the header cell "Naam" reported as a PERSON (the column's share of names counted the
header as a value, 2 of 3), which also inflated the per-file counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main


def _form(path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph('Overzicht vakbondspremies')
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate((('Naam', 'Rekeningnummer', 'Vakbond'),
                             ('Jeroen Van den Broeck', 'BE71 0961 2345 6769', 'ABVV'),
                             ('Ann Claes', 'BE15 0017 6543 2130', 'ACLVB'))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)


def test_header_cells_are_not_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _form(tmp_path / 'premies.docx')
    main(['scan', str(tmp_path), '--profile', 'full', '--format', 'jsonl'])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    people = [f for f in found if f['entity'] == 'PERSON']
    assert sorted(f['location']['row'] for f in people) == [2, 3]
    assert not [f for f in found if f['location'].get('row') == 1]
    assert sorted(f['location']['row'] for f in found if f['entity'] == 'TRADE_UNION_MEMBERSHIP') == [2, 3]
