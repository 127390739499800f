"""QA: `gdprscan statement` and `scan --declared` refuse a docx zip bomb, as the scan does.

The statement reader used to hand any .docx straight to python-docx, which inflates
word/document.xml in memory: a 343 KB file took 650 MB.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from gdprscan.scanner.cli import main


def _bomb(tmp_path: Path) -> Path:
    good = tmp_path / 'good.docx'
    d = docx.Document()
    d.add_paragraph('Identificatiegegevens: naam, voornaam, adres.')
    d.save(good)
    bomb = tmp_path / 'privacyverklaring.docx'
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, 'w', zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == 'word/document.xml':
                head, tail = data.split(b'</w:body>')
                data = head + b'<w:p><w:r><w:t>' + b'a' * (24 << 20) + b'</w:t></w:r></w:p></w:body>' + tail
            z.writestr(item, data)
    return bomb


def test_statement_refuses_docx_bomb(tmp_path: Path, capsys) -> None:
    bomb = _bomb(tmp_path)
    assert main(['statement', str(bomb)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'gdprscan: error: {bomb}: refused Word document: possible zip bomb')


def test_declared_refuses_docx_bomb(tmp_path: Path, capsys) -> None:
    bomb = _bomb(tmp_path)
    (tmp_path / 'a.txt').write_text('nothing\n', encoding='utf-8')
    assert main(['scan', str(tmp_path / 'a.txt'), '--declared', str(bomb)]) == 2
    assert 'possible zip bomb' in capsys.readouterr().err


def test_statement_still_reads_a_normal_docx(tmp_path: Path, capsys) -> None:
    good = tmp_path / 'verklaring.docx'
    d = docx.Document()
    d.add_paragraph('Wij verwerken identificatiegegevens: naam, voornaam, rijksregisternummer.')
    d.save(good)
    assert main(['statement', str(good), '--format', 'json']) == 0
    assert '"identification"' in capsys.readouterr().out
