"""QA2 D8, D17, D18: every span a scan reports is rewritten, in DOCX tables, in forwarded e-mails,
and special-category phrases come in the language of their text; first names match without accents.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from gdprscan.anonymize import fakes
from gdprscan.anonymize.actions import Actions
from gdprscan.anonymize.surrogates import Surrogates
from gdprscan.anonymize.text import Rewriter
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings

KEY = 'qa2-formats-key-0123456789abcdef'
RRN = '85.07.30-033.28'


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('GDPRSCAN_QA2_KEY', KEY)


def _anonymize(src: Path, out: Path, *extra: str) -> int:
    return main(['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_QA2_KEY', *extra])


# -- D8: DOCX tables ---------------------------------------------------------------------------------
def _union_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph('Overzicht vakbondsafvaardiging 2024 (intern).')
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        (
            ('Naam', 'Rekeningnummer', 'Vakbond'),
            ('Jeroen Van den Broeck', 'BE83 3634 5671 2315', 'ABVV'),
            ('Ann Claes', 'BE15 0017 6543 2130', 'ACLVB'),
        )
    ):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    document.save(str(path))


def _cells(path: Path) -> list[list[str]]:
    import docx

    return [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]


def test_docx_table_cells_found_by_the_scan_are_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    _union_docx(src / 'vakbond.docx')
    assert main(['scan', str(src), '--profile', 'full', '--format', 'jsonl', '--show-values']) == 1
    scanned = capsys.readouterr().out
    assert 'TRADE_UNION_MEMBERSHIP' in scanned and '"table_row"' in scanned  # the rule the copy must follow
    assert _anonymize(src, tmp_path / 'out', '--profile', 'full') == 0
    out = capsys.readouterr().out
    assert 'leak check OK: 0 of' in out
    rows = _cells(tmp_path / 'out' / 'vakbond.docx')
    assert rows[0] == ['Naam', 'Rekeningnummer', 'Vakbond']  # the header row is kept
    flat = ' '.join(' '.join(r) for r in rows)
    for original in ('ABVV', 'ACLVB', 'Jeroen', 'Claes', '3634 5671 2315'):
        assert original not in flat
    assert rows[1][2] == rows[2][2] == fakes.SPECIAL_PHRASES['TRADE_UNION_MEMBERSHIP']['nl']


# -- D17: forwarded messages ----------------------------------------------------------------------------
def _forwarded_eml(path: Path) -> None:
    inner = EmailMessage()
    inner['From'] = 'Jan Peeters <jan.peeters@telenet.be>'
    inner['To'] = 'Els Janssens <els.janssens@acme-hr.be>'
    inner['Subject'] = f'INSZ {RRN}'
    inner.set_content(f'Beste Els,\nmijn rijksregisternummer is {RRN}.\nJan\n')
    outer = EmailMessage()
    outer['From'] = 'Ann Claes <ann.claes@proximus.be>'
    outer['To'] = 'hr@acme-hr.be'
    outer['Subject'] = 'Doorgestuurd: vraag van een collega'
    outer.set_content('Zie het doorgestuurde bericht.\n')
    outer.add_attachment(inner)  # message/rfc822
    path.write_bytes(outer.as_bytes(policy=email.policy.default))


def test_eml_forwarded_message_headers_are_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    _forwarded_eml(src / 'fwd.eml')
    assert _anonymize(src, tmp_path / 'out', '--profile', 'full') == 0
    assert 'leak check OK: 0 of' in capsys.readouterr().out
    raw = (tmp_path / 'out' / 'fwd.eml').read_bytes()
    for original in (b'Jan Peeters', b'jan.peeters', b'els.janssens', b'85.07.30', b'ann.claes', b'Claes'):
        assert original not in raw
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    [part] = [p for p in msg.walk() if p.get_content_type() == 'message/rfc822']
    inner = part.get_payload(0)
    assert inner['Subject'].startswith('INSZ ') and '@telenet.be' in str(inner['From'])  # shape kept
    assert 'rijksregisternummer is' in inner.get_content()


# -- D18: language of phrases, accents of first names ------------------------------------------------------
def test_special_category_phrase_in_the_language_of_the_text() -> None:
    rewriter = Rewriter(Engine(Settings(profile='full', min_score=0.5)), Actions(KEY.encode()))
    fr, nl = rewriter.rewrite_many(
        [
            'Madame Élise Dubois est en incapacité de travail depuis le 3 mars. Elle est affiliée à la FGTB.',
            'Beste, Jan Peeters is lid van het ABVV sinds maart.',
        ],
        'brieven',
    )
    assert 'FGTB' not in fr and fakes.SPECIAL_PHRASES['TRADE_UNION_MEMBERSHIP']['fr'] in fr
    assert 'vakbondslid' not in fr and 'medische reden' not in fr
    assert 'ABVV' not in nl and 'vakbondslid' in nl


def test_table_cells_take_the_language_of_their_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'employés.csv').write_text(
        'nom;prénom;syndicat;remarque\n'
        'Dubois;Élise;FGTB;certificat médical reçu\n'
        'Lambert;Sophie;CSC;\n'
        'Peeters;Jan;FGTB;\n',
        encoding='utf-8',
    )
    assert _anonymize(src, tmp_path / 'out', '--profile', 'full') == 0
    copy = (tmp_path / 'out' / 'employés.csv').read_text(encoding='utf-8')
    assert 'FGTB' not in copy and 'CSC' not in copy
    assert fakes.SPECIAL_PHRASES['TRADE_UNION_MEMBERSHIP']['fr'] in copy and 'vakbondslid' not in copy


def test_first_names_are_looked_up_without_accents() -> None:
    lists = fakes.names('nl')
    assert 'élise' in lists.female_set and 'ELISE' in lists.female_set and 'Élise' in lists.female_set
    assert 'dubois' not in lists.female_set and fakes.fold('Hélène') == 'helene'
    sur = Surrogates(KEY.encode())
    first = sur.person('Élise Dubois').split()[0]
    assert first.lower() in lists.female_set  # a female first name stays a female first name


@pytest.mark.parametrize('entity', sorted(fakes.SPECIAL_PHRASES))
def test_phrases_contain_no_other_special_term(entity: str) -> None:
    """A phrase now appears in the language of its text: one holding a scanned term ('criminal
    record entry' holds 'criminal record') would count as a leak of that term in an English copy."""
    from gdprscan.recognizers import special

    for lang, phrase in fakes.SPECIAL_PHRASES[entity].items():
        for text in (phrase, f'Anna Taylor: {phrase}.'):
            found = [text[m.start : m.end] for m in special.find(text, None)]
            assert all(term == phrase for term in found), (lang, found)
