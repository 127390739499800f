"""QA3 R5: a CSV with a stray quote inside an unquoted cell (``O"Brien``, ``5'11"``) is read by the copy
as the scan reads it, and copied; what truly cannot be written is one line saying why, without a value."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from gdprscan.anonymize import csvio
from gdprscan.scanner.cli import main
from gdprscan.scanner.extractors.delimited import _dialect
from gdprscan.scanner.types import ExtractError
from stdnum.be import nn

KEY = '00112233445566778899aabbccddeeff'
STRAY = 'naam,lengte,insz\nJan Peeters,1.80,85073003328\nO"Brien,5\'11",85073003328\nAn,1.70,17073003384\n'


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('GDPRSCAN_STRAYQ_KEY', KEY)
    return 'GDPRSCAN_STRAYQ_KEY'


def _scan_values(path: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[int, str]]:
    main(['scan', str(path), '--format', 'jsonl', '--show-values'])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return sorted((r['location']['row'], r['value']) for r in rows if r['entity'] == 'BE_NATIONAL_NUMBER')


def test_stray_quote_csv_is_copied_and_what_the_scan_finds_is_replaced(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dest = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'lengtes.csv').write_text(STRAY, encoding='utf-8')
    found = _scan_values(src / 'lengtes.csv', capsys)
    assert [r for r, _ in found] == [1, 2, 3]  # the scan reads the stray-quote line

    assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 0
    captured = capsys.readouterr()
    assert captured.err == '' and '1 rewritten' in captured.out and '0 left out' in captured.out
    lines = (dest / 'lengtes.csv').read_text(encoding='utf-8').splitlines()
    assert lines[0] == 'naam,lengte,insz'
    assert lines[2].startswith('O"Brien,5\'11",')  # the stray quotes are written back as they stood
    rows = list(csv.reader(lines))
    assert [r[:2] for r in rows[1:]] == [['Jan Peeters', '1.80'], ['O"Brien', '5\'11"'], ['An', '1.70']]
    new = [r[2] for r in rows[1:]]
    assert all(nn.is_valid(n) for n in new)
    assert new[0] == new[1] != '85073003328'  # one person, one surrogate
    assert '85073003328' not in new and '17073003384' not in new
    assert _scan_values(dest / 'lengtes.csv', capsys) == [(1, new[0]), (2, new[1]), (3, new[2])]


def test_quoted_cell_with_delimiter_and_stray_quote_round_trips(tmp_path: Path) -> None:
    """``"5'11, ca"x"`` reads as ``5'11, cax"`` in a dialect without doubled quotes; the writer
    spells it so that the same dialect reads it back the same."""
    text = 'naam,lengte\nO"Brien,"5\'11, ca"x"\nJan,1.80\n'
    dialect = _dialect(text, '.csv')
    rows = list(csvio.reader(io.StringIO(text), dialect))
    assert rows[1] == ['O"Brien', '5\'11, cax"']
    path = tmp_path / 'copy.csv'
    with path.open('w', newline='', encoding='utf-8') as f:
        writer = csvio.writer(f, dialect, '\n')
        for row in rows:
            writer.writerow(row)
    assert list(csv.reader(io.StringIO(path.read_text(encoding='utf-8')), dialect)) == rows


def test_a_cell_the_dialect_cannot_spell_is_one_line_without_the_value(tmp_path: Path) -> None:
    dialect = _dialect('a,b\n"x",y\n', '.csv')
    assert not dialect.doublequote and dialect.escapechar is None
    with (tmp_path / 'copy.csv').open('w', newline='', encoding='utf-8') as f:
        writer = csvio.writer(f, dialect, '\n')
        writer.writerow(['a', 'b'])
        with pytest.raises(ExtractError) as err:
            writer.writerow(['geheim"waarde,met komma', 'y'])
    message = str(err.value)
    assert message.startswith('cannot write row 2 of the copy in the CSV dialect of SOURCE (csv.Error: ')
    assert 'geheim' not in message and '\n' not in message
    assert (tmp_path / 'copy.csv').read_text(encoding='utf-8') == 'a,b\n'  # nothing half-written


def test_unreadable_csv_names_the_csv_error(
    tmp_path: Path, key_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell over csv's field limit: the scan and the copy both say csv's reason, never the cell."""
    src, dest = tmp_path / 'src', tmp_path / 'out'
    src.mkdir()
    (src / 'groot.csv').write_text('naam,opmerking\nJan,"' + 'geheim ' * 40 + '"\n', encoding='utf-8')
    old = csv.field_size_limit(100)
    try:
        assert main(['anonymize', str(src), '--out', str(dest), '--key-env', key_env]) == 1
    finally:
        csv.field_size_limit(old)
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'groot.csv' in err
    assert 'csv.Error: field larger than field limit (100)' in err and 'geheim' not in err
