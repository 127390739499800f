"""QA2 D28: a PDF copy keeps its AcroForm fields, with surrogates for the values the scanner finds in
them, instead of silently dropping them and reporting the file as "copied unchanged"."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main
from stdnum import iban
from stdnum.be import nn

KEY = 'writers-pdf-forms-key-0123456789ab'
RRN = '85.07.30-033.28'
IBAN = 'BE21 0012 3456 7803'


def _form(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(50, 800, 'Aanvraagformulier thuiswerk')
    c.drawString(50, 755, 'INSZ:')
    c.acroForm.textfield(name='insz', value=RRN, x=120, y=750, width=200, height=20)
    c.drawString(50, 715, 'Rekening:')
    c.acroForm.textfield(name='rekening', value=IBAN, x=120, y=710, width=200, height=20)
    c.acroForm.textfield(name='afdeling', value='Boekhouding', x=120, y=670, width=200, height=20)
    c.acroForm.checkbox(name='akkoord', checked=True, x=120, y=630, size=15)
    c.showPage()
    c.save()


@pytest.fixture()
def copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    monkeypatch.setenv('GDPRSCAN_WRITERS_PDF_KEY', KEY)
    src = tmp_path / 'aanvraag.pdf'
    _form(src)
    out = tmp_path / 'copy.pdf'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_WRITERS_PDF_KEY']) == 0
    return out, capsys.readouterr().out


def test_form_values_are_replaced_and_fields_kept(copied: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    out, summary = copied
    fields = PdfReader(str(out)).get_fields() or {}
    assert set(fields) == {'insz', 'rekening', 'afdeling', 'akkoord'}
    new_rrn = str(fields['insz'].get('/V'))
    new_iban = str(fields['rekening'].get('/V'))
    assert new_rrn != RRN and nn.is_valid(new_rrn) and new_rrn[:2] == RRN[:2]  # keeps the birth year
    assert new_iban != IBAN and iban.is_valid(new_iban) and new_iban.startswith('BE')
    assert str(fields['afdeling'].get('/V')) == 'Boekhouding'  # no personal data: unchanged
    assert str(fields['akkoord'].get('/V')) not in ('/Off', 'None')  # still ticked
    assert '1 rewritten' in summary and 'replaced 2 values' in summary
    assert RRN not in out.read_bytes().decode('latin-1')


def test_the_copy_scans_as_surrogates_only(
    copied: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    out, _summary = copied
    assert main(['scan', str(out), '--format', 'jsonl', '--show-values']) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r['location']['field'] for r in rows) == ['insz', 'rekening']  # found where they were
    assert {r['value'] for r in rows}.isdisjoint({RRN, IBAN})


def test_a_pdf_without_a_form_has_no_form_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    monkeypatch.setenv('GDPRSCAN_WRITERS_PDF_KEY', KEY)
    src = tmp_path / 'brief.pdf'
    c = canvas.Canvas(str(src))
    c.drawString(50, 800, f'INSZ {RRN}')
    c.save()
    out = tmp_path / 'copy.pdf'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_WRITERS_PDF_KEY']) == 0
    assert 'form field' not in capsys.readouterr().err
    assert PdfReader(str(out)).get_fields() is None
    assert RRN not in (PdfReader(str(out)).pages[0].extract_text() or '')


def test_a_radio_group_is_reported_as_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    monkeypatch.setenv('GDPRSCAN_WRITERS_PDF_KEY', KEY)
    src = tmp_path / 'enquete.pdf'
    c = canvas.Canvas(str(src))
    c.drawString(50, 800, 'Enquête')
    c.acroForm.radio(name='statuut', value='arbeider', selected=True, x=120, y=750, size=15)
    c.acroForm.radio(name='statuut', value='bediende', selected=False, x=160, y=750, size=15)
    c.acroForm.textfield(name='opmerking', value='geen', x=120, y=700, width=200, height=20)
    c.save()
    out = tmp_path / 'copy.pdf'
    assert main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_WRITERS_PDF_KEY']) == 0
    captured = capsys.readouterr()
    assert 'enquete.pdf: 1 form field(s) dropped (signatures, push buttons, radio groups)' in captured.err
    assert 'enquete.pdf: 1 form field(s) carried over' in captured.err
    assert '1 rewritten, 0 copied unchanged' in captured.out  # never "copied unchanged" when values went
    assert set(PdfReader(str(out)).get_fields() or {}) == {'opmerking'}
