"""QA2 D34: a ``[table.]column`` rule means the same in file and database copies (a CSV/TSV/JSON file's
table is its name without suffix, an XLSX sheet's is the sheet name, then the file name), and the
actions keep/replace/mask/redact/generalise/null/drop give the same cells in both."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from gdprscan.recognizers.masking import mask
from gdprscan.scanner.cli import main
from stdnum import iban
from stdnum.be import nn

KEY = 'writers-column-rules-key-0123456789'
HEADER = [
    'personeelsnr',
    'naam',
    'rijksregisternummer',
    'rekeningnummer',
    'gemeente',
    'functie',
    'opmerking',
    'geboortedatum',
]
ROWS = [
    [
        'P1000',
        'Jan Peeters',
        '85.07.30-033.28',
        'BE21 0012 3456 7803',
        'Antwerpen',
        'boekhouder',
        'lid ACV',
        '1985-07-30',
    ],
    [
        'P1001',
        'Ann Claes',
        '77.12.01-101.18',
        'BE82068123456068',
        'Gent',
        'loonadministratie',
        'ok',
        '1977-12-01',
    ],
]
QUALIFIED = """\
columns:
  medewerkers.personeelsnr: keep
  medewerkers.rekeningnummer: mask
  medewerkers.opmerking: redact
  medewerkers.gemeente: drop
  medewerkers.functie: "null"
  medewerkers.geboortedatum: generalise
  andere_tabel.naam: drop
"""
MASK_ONLY = """\
columns:
  rekeningnummer: mask
  rijksregisternummer: mask
"""


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_WRITERS_RULES_KEY', KEY)


def _anonymize(src: Path | str, out: Path | str, policy: str, tmp_path: Path) -> None:
    (tmp_path / 'policy.yaml').write_text(policy, encoding='utf-8')
    argv = ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_WRITERS_RULES_KEY']
    assert main([*argv, '--policy', str(tmp_path / 'policy.yaml')]) == 0


def _csv_source(tmp_path: Path) -> Path:
    src = tmp_path / 'src'
    src.mkdir()
    with (src / 'medewerkers.csv').open('w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, delimiter=';')
        w.writerow(HEADER)
        w.writerows(ROWS)
    return src


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter=';'))


def test_vectors_are_valid() -> None:
    assert all(nn.is_valid(r[2]) and iban.is_valid(r[3]) for r in ROWS)


def test_table_qualified_rules_apply_to_the_csv_named_by_its_stem(tmp_path: Path) -> None:
    src = _csv_source(tmp_path)
    out = tmp_path / 'out'
    _anonymize(src, out, QUALIFIED, tmp_path)
    rows = _read_csv(out / 'medewerkers.csv')
    assert list(rows[0]) == [h for h in HEADER if h != 'gemeente']  # drop
    assert [r['personeelsnr'] for r in rows] == ['P1000', 'P1001']  # keep
    assert [r['rekeningnummer'] for r in rows] == [
        mask(r[3], 'IBAN_CODE') for r in ROWS
    ]  # mask, no surrogate
    assert [r['opmerking'] for r in rows] == ['[UNKNOWN]', '[UNKNOWN]']  # redact, as a database writes it
    assert [r['functie'] for r in rows] == ['', '']  # null
    assert [r['geboortedatum'] for r in rows] == ['1985', '1977']  # generalise: the birth year
    assert [r['gemeente'] for r in _read_csv(src / 'medewerkers.csv')] == ['Antwerpen', 'Gent']  # source kept
    # a rule for another table (andere_tabel.naam: drop) does not touch this file
    assert [r['naam'] for r in rows] == ['Jan Peeters', 'Ann Claes']  # names: the full profile's job


def test_unqualified_mask_gives_the_report_mask_in_csv_json_and_xlsx(tmp_path: Path) -> None:
    import openpyxl

    src = _csv_source(tmp_path)
    (src / 'lijst.json').write_text(
        json.dumps([dict(zip(HEADER, r, strict=True)) for r in ROWS]), encoding='utf-8'
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Personeel'
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    wb.save(src / 'lonen.xlsx')
    out = tmp_path / 'out'
    _anonymize(src, out, MASK_ONLY, tmp_path)
    masked_nn = [mask(r[2], 'BE_NATIONAL_NUMBER') for r in ROWS]
    masked_iban = [mask(r[3], 'IBAN_CODE') for r in ROWS]
    assert masked_nn == ['**.**.**-***.28', '**.**.**-***.18']
    rows = _read_csv(out / 'medewerkers.csv')
    assert [r['rijksregisternummer'] for r in rows] == masked_nn
    assert [r['rekeningnummer'] for r in rows] == masked_iban
    records = json.loads((out / 'lijst.json').read_text(encoding='utf-8'))
    assert [r['rijksregisternummer'] for r in records] == masked_nn
    assert [r['rekeningnummer'] for r in records] == masked_iban
    values = list(openpyxl.load_workbook(out / 'lonen.xlsx')['Personeel'].values)
    assert [v[2] for v in values[1:]] == masked_nn and [v[3] for v in values[1:]] == masked_iban


def test_sheet_and_workbook_names_qualify_xlsx_columns(tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / 'src'
    src.mkdir()
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = 'Personeel'
    second = wb.create_sheet('Archief')
    for ws in (first, second):
        ws.append(HEADER)
        for r in ROWS:
            ws.append(r)
    wb.save(src / 'lonen.xlsx')
    policy = 'columns:\n  Personeel.gemeente: drop\n  lonen.opmerking: redact\n  Personeel.opmerking: keep\n'
    out = tmp_path / 'out'
    _anonymize(src, out, policy, tmp_path)
    copy = openpyxl.load_workbook(out / 'lonen.xlsx')
    personeel = list(copy['Personeel'].values)
    archief = list(copy['Archief'].values)
    assert 'gemeente' not in personeel[0] and 'gemeente' in archief[0]  # the sheet's rule: that sheet only
    at = personeel[0].index('opmerking')
    assert [v[at] for v in personeel[1:]] == ['lid ACV', 'ok']  # the sheet's own rule wins over the file's
    at = archief[0].index('opmerking')
    assert [v[at] for v in archief[1:]] == ['[UNKNOWN]', '[UNKNOWN]']  # the workbook name as table


def test_csv_copy_and_database_copy_give_the_same_cells(tmp_path: Path) -> None:
    src = _csv_source(tmp_path)
    db = tmp_path / 'hr.db'
    with sqlite3.connect(db) as conn:
        conn.execute(f'CREATE TABLE medewerkers ({", ".join(f"{h} TEXT" for h in HEADER)})')
        conn.executemany(f'INSERT INTO medewerkers VALUES ({", ".join("?" * len(HEADER))})', ROWS)
    conn.close()
    _anonymize(src, tmp_path / 'out', QUALIFIED, tmp_path)
    _anonymize(f'sqlite:///{db}', f'sqlite:///{tmp_path / "copy.db"}', QUALIFIED, tmp_path)
    with sqlite3.connect(tmp_path / 'copy.db') as conn:
        cur = conn.execute('SELECT personeelsnr, rekeningnummer, opmerking, functie FROM medewerkers')
        db_rows = [tuple('' if v is None else v for v in row) for row in cur]
        db_columns = [c[1] for c in conn.execute('PRAGMA table_info(medewerkers)')]
    conn.close()
    file_rows = [
        (r['personeelsnr'], r['rekeningnummer'], r['opmerking'], r['functie'])
        for r in _read_csv(tmp_path / 'out' / 'medewerkers.csv')
    ]
    # (geboortedatum is not compared: a database copy also applies its default k-anonymity to it)
    assert file_rows == db_rows
    assert 'gemeente' not in db_columns


def test_a_qualified_keep_rule_passes_the_leak_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _csv_source(tmp_path)
    out = tmp_path / 'out'
    _anonymize(src, out, 'columns:\n  medewerkers.rekeningnummer: keep\n', tmp_path)  # exit 0: no LEAK
    assert 'leak check OK' in capsys.readouterr().out
    assert [r['rekeningnummer'] for r in _read_csv(out / 'medewerkers.csv')] == [r[3] for r in ROWS]
    # the same rule for another table does not keep them
    _anonymize(src, tmp_path / 'out2', 'columns:\n  andere.rekeningnummer: keep\n', tmp_path)
    copied = [r['rekeningnummer'] for r in _read_csv(tmp_path / 'out2' / 'medewerkers.csv')]
    assert len(copied) == 2 and set(copied).isdisjoint(r[3] for r in ROWS)
