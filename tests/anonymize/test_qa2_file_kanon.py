"""QA2 D7: the policy's quasi-identifiers and k apply to file copies (CSV/TSV, XLSX sheets) as to
database tables: generalised until every combination occurs k times, the k reached reported per
file/sheet, and surrogate national numbers no longer carry birth year and sex."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = 'qa2-file-kanon-key-0123456789ab'
POLICY = """\
quasi_identifiers:
  medewerkers.geboortedatum: birth_date
  Personeel.geboortedatum: birth_date
  postcode: postcode
k: 5
"""


def _national_number(born: dt.date, serial: int) -> str:
    body = f'{born:%y%m%d}{serial:03d}'
    digits = body + f'{97 - int(("2" if born.year >= 2000 else "") + body) % 97:02d}'
    assert nn.is_valid(digits)
    return f'{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}'


def _people(n: int = 40) -> list[tuple[str, dt.date, str, str]]:
    out = []
    for i in range(n):
        born = dt.date(1960 + (i * 7) % 40, 1 + i % 12, 1 + (i * 3) % 28)
        postcode = ('9000', '9300', '2000', '2800', '1000', '4000', '8500', '3000')[i % 8]
        out.append((f'P{1000 + i}', born, postcode, _national_number(born, 1 + (i * 13) % 997)))
    return out


@pytest.fixture()
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import openpyxl

    monkeypatch.setenv('GDPRSCAN_QA2_KEY', KEY)
    src = tmp_path / 'src'
    src.mkdir()
    with (src / 'medewerkers.csv').open('w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, delimiter=';')
        w.writerow(['personeelsnr', 'rijksregisternummer', 'geboortedatum', 'postcode', 'functie'])
        for nr, born, postcode, rrn in _people():
            w.writerow([nr, rrn, born.isoformat(), postcode, 'boekhouder'])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Personeel'
    ws.append(['Personeelsnr', 'postcode', 'geboortedatum', 'afdeling'])
    for nr, born, postcode, _rrn in _people():
        ws.append([nr, int(postcode), dt.datetime(born.year, born.month, born.day), 'IT'])
    wb.save(src / 'lijst.xlsx')
    (tmp_path / 'policy.yaml').write_text(POLICY, encoding='utf-8')
    return src


def _groups(rows: list[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    return Counter(rows)


def test_csv_and_xlsx_are_k_anonymised_and_k_is_reported(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    out = tmp_path / 'out'
    argv = ['anonymize', str(source), '--out', str(out), '--key-env', 'GDPRSCAN_QA2_KEY']
    assert main([*argv, '--policy', str(tmp_path / 'policy.yaml')]) == 0
    captured = capsys.readouterr()
    assert 'leak check OK' in captured.out
    assert 'medewerkers.csv: k-anonymity: k=' in captured.err
    assert 'lijst.xlsx: k-anonymity, sheet Personeel: k=' in captured.err

    with (out / 'medewerkers.csv').open(newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter=';'))
    assert len(rows) == 40
    csv_groups = _groups([(r['geboortedatum'], r['postcode']) for r in rows])
    assert min(csv_groups.values()) >= 5  # was 1: every row unique
    k = int(captured.err.split('medewerkers.csv: k-anonymity: k=')[1].split()[0])
    assert k == min(csv_groups.values())
    assert not any(len(r['geboortedatum']) == 10 for r in rows)  # no exact (surrogate) birth date left
    # birth dates generalised: surrogate national numbers keep neither birth year nor sex
    originals = {p[0]: p for p in _people()}
    assert all(nn.is_valid(r['rijksregisternummer']) for r in rows)
    same_year = sum(r['rijksregisternummer'][:2] == originals[r['personeelsnr']][3][:2] for r in rows)
    assert same_year <= 10

    ws = openpyxl.load_workbook(out / 'lijst.xlsx')['Personeel']
    values = list(ws.values)
    assert values[0] == ('Personeelsnr', 'postcode', 'geboortedatum', 'afdeling')  # header kept
    xlsx_groups = _groups([(v[1], str(v[2])) for v in values[1:]])
    assert len(values) == 41 and min(xlsx_groups.values()) >= 5
    assert all(isinstance(v[2], dt.datetime) or v[2] is None for v in values[1:])  # still dates (or empty)
    assert {v[3] for v in values[1:]} == {'IT'}  # not a quasi-identifier: unchanged


def test_without_quasi_identifiers_files_are_not_generalised(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / 'out'
    assert main(['anonymize', str(source), '--out', str(out), '--key-env', 'GDPRSCAN_QA2_KEY']) == 0
    assert 'k-anonymity' not in capsys.readouterr().err
    with (out / 'medewerkers.csv').open(newline='', encoding='utf-8') as f:
        postcodes = [r['postcode'] for r in csv.DictReader(f, delimiter=';')]
    assert postcodes == [p[2] for p in _people()]
