"""Hook mode (``gdprscan scan --hook FILES``): quiet when clean, one line per finding, light imports."""

from __future__ import annotations

import subprocess
import sys

from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters.hook import position


def hook(capsys, *files):
    code = main(['scan', '--hook', *files])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_is_silent(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text('TOTAL = 85.07\n', encoding='utf-8')
    assert hook(capsys, 'a.py', 'deleted.py') == (0, '', '')  # pre-commit may pass deleted files


def test_one_line_per_finding_and_a_hint(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'fixtures').mkdir()
    (tmp_path / 'fixtures' / 'a.py').write_text('X = 1\nRRN = "85.07.30-033.28"\n', encoding='utf-8')
    (tmp_path / 'fixtures' / 'p.csv').write_text('naam;insz\nJan;17073003384\n', encoding='utf-8')
    code, out, err = hook(capsys, 'fixtures/a.py', 'fixtures/p.csv', '--show-values')
    lines = out.splitlines()
    assert code == 1 and err == ''
    assert lines[:2] == [
        'fixtures/a.py:2:8 BE_NATIONAL_NUMBER **.**.**-***.28',
        'fixtures/p.csv:2:insz BE_NATIONAL_NUMBER *********84',  # row 1 of data is line 2; never the value
    ]
    assert len(lines) == 3 and 'gdprscan: allow' in lines[2] and 'gdprscan baseline create' in lines[2]


def test_workbook_cells_name_the_sheet(tmp_path, capsys, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.chdir(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Loon'
    ws.append(['naam', 'rrn'])
    ws.append(['Jan', '85.07.30-033.28'])
    wb.save(tmp_path / 'loon.xlsx')
    code, out, _ = hook(capsys, 'loon.xlsx')
    assert code == 1 and out.splitlines()[0] == 'loon.xlsx:2:Loon!rrn BE_NATIONAL_NUMBER **.**.**-***.28'


def test_unreadable_file_is_one_stderr_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'bad.xlsx').write_bytes(b'not a zip container')
    (tmp_path / 'gone.txt').symlink_to(tmp_path / 'missing.txt')  # like a deleted file: ignored
    code, out, err = hook(capsys, 'bad.xlsx', 'gone.txt')
    assert (code, out) == (0, '')
    assert err.startswith('gdprscan: bad.xlsx: ') and err.count('\n') == 1


def test_positions():
    assert position({'line': 3, 'column': 7}) == (3, 7)
    assert position({'column': 'insz', 'row': 1}) == (2, 'insz')
    assert position({'sheet': 'Loon', 'column': 'rrn', 'row': 4}) == (5, 'Loon!rrn')
    assert position({'page': 2, 'line': 9}) == (9, 1)
    assert position({'paragraph': 12}) == (12, 1)


def test_hook_imports_neither_spacy_nor_presidio(tmp_path):
    (tmp_path / 'a.py').write_text('RRN = "85.07.30-033.28"\n', encoding='utf-8')
    code = (
        'import sys\n'
        'from gdprscan.scanner.cli import main\n'
        'rc = main(["scan", "--hook", "a.py"])\n'
        'names = ("spacy", "presidio_analyzer", "thinc", "torch")\n'
        'heavy = sorted(m for m in sys.modules if m.split(".")[0] in names)\n'
        'print(rc, heavy, file=sys.stderr)\n'
    )
    done = subprocess.run(
        [sys.executable, '-c', code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.stderr.strip() == '1 []'
