"""--report-lang reaches every line of the terminal summary, with the HTML report's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters import labels

SHARE = 'RRN 85.07.30-033.28\nmail an.peeters@bedrijf.be\nRRN 17.07.30-033.84 # gdprscan: allow\n'


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / 'share'
    root.mkdir()
    (root / 'a.txt').write_text(SHARE, encoding='utf-8')
    (root / 'b.docx').write_bytes(b'PK\x03\x04 not a zip')  # one unreadable file
    return root


def scan(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(['scan', *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ('lang', 'headings', 'footer'),
    (
        (
            'nl',
            ('Vondsten per AVG-categorie', 'Vondsten per bestand', 'Bronnen die niet gelezen konden worden'),
            r'2 bestanden gescand, 2 vondsten \(art\. 6: 2\), 1 toegestaan \(1 pragma\), 1 onleesbaar '
            r'in \d+,\d\d s',
        ),
        (
            'fr',
            ('Détections par catégorie RGPD', 'Détections par fichier', "Sources qui n'ont pas pu être lues"),
            r'2 fichiers analysés, 2 détections \(art\. 6 : 2\), 1 autorisée \(1 pragma\), 1 illisible '
            r'en \d+,\d\d s',
        ),
        (
            'en',
            ('Findings per GDPR category', 'Findings per file', 'Sources that could not be read'),
            r'2 files scanned, 2 findings \(art\. 6: 2\), 1 allowed \(1 pragma\), 1 unreadable '
            r'in \d+\.\d\d s',
        ),
    ),
)
def test_headings_and_footer_speak_the_report_language(share, capsys, lang, headings, footer):
    code, out, err = scan(capsys, str(share), '--report-lang', lang, '--workers', '1')
    assert code == 1
    for heading in headings:
        assert heading in out
    assert re.fullmatch(footer, out.strip().splitlines()[-1]), out.strip().splitlines()[-1]
    assert err.startswith('gdprscan: b.docx: ')  # the stderr line stays a machine line, untranslated


def test_english_is_the_default(share, capsys):
    _, default, _ = scan(capsys, str(share), '--workers', '1')
    _, english, _ = scan(capsys, str(share), '--workers', '1', '--report-lang', 'en')
    strip_time = re.compile(r'in \d+\.\d\d s')
    assert strip_time.sub('', default) == strip_time.sub('', english)
    assert 'Vondsten' not in default and 'Détections' not in default


def test_terminal_and_html_share_their_words(share, tmp_path, capsys):
    """The same heading and column names in both reports, per language."""
    for lang in ('nl', 'fr'):
        _, out, _ = scan(capsys, str(share), '--report-lang', lang)
        report = tmp_path / f'report-{lang}.html'
        scan(capsys, str(share), '--report-lang', lang, '--format', 'html', '-o', str(report))
        html = report.read_text(encoding='utf-8')
        words = labels.Labels(lang)
        for key in ('sec_categories', 'col_category', 'col_findings', 'col_entities'):
            assert words(key) in out and words(key) in html, (lang, key)


@pytest.mark.parametrize(
    ('lang', 'hint'),
    (
        ('nl', 'Tip: het profiel identifiers zoekt enkel'),
        ('fr', 'Conseil : le profil identifiers ne cherche que'),
        ('en', 'Hint: the identifiers profile looks for'),
    ),
)
def test_clean_footer_and_hint_are_translated(tmp_path, capsys, lang, hint):
    (tmp_path / 'a.txt').write_text('factuur 2024-0017, totaal EUR 85.07\n', encoding='utf-8')
    code, out, _ = scan(capsys, str(tmp_path), '--report-lang', lang)
    assert code == 0
    clean = {
        'nl': '1 bestand gescand, geen persoonsgegevens gevonden',
        'fr': '1 fichier analysé, aucune donnée personnelle trouvée',
        'en': '1 file scanned, no personal data found',
    }
    assert clean[lang] in out
    assert out.strip().splitlines()[-1].startswith(hint)


def test_nothing_scanned_hint_in_dutch(tmp_path, capsys):
    code, out, _ = scan(capsys, str(tmp_path), '--report-lang', 'nl')
    assert code == 0
    assert '0 bestanden gescand, geen persoonsgegevens gevonden' in out
    assert 'Tip: er werd geen enkel bestand gescand' in out


def test_french_counts_zero_and_one_as_singular():
    fr, nl = labels.Labels('fr'), labels.Labels('nl')
    assert [fr.count('term_files', n) for n in (0, 1, 2)] == [
        '0 fichier analysé',
        '1 fichier analysé',
        '2 fichiers analysés',
    ]
    assert [nl.count('term_files', n) for n in (0, 1, 2)] == [
        '0 bestanden gescand',
        '1 bestand gescand',
        '2 bestanden gescand',
    ]
    assert fr.count('term_allowed', 3) == '3 autorisées' and nl.count('term_allowed', 3) == '3 toegestaan'
    assert fr.number(1.5) == '1,50' and labels.Labels('en').number(1.5) == '1.50'


def test_every_language_has_every_label():
    """A key missing in nl or fr would silently fall back to English in the middle of a Dutch report."""
    path = Path(labels.__file__).with_name(labels.LABEL_FILE)
    data = yaml.safe_load(path.read_text(encoding='utf-8'))

    def base(key: str) -> str:
        return re.sub(r'_(one|many)$', '', key)

    english = {base(k) for k in data['en']}
    for lang in ('nl', 'fr'):
        assert {base(k) for k in data[lang]} == english, lang
        for key in data[lang]:
            if key.endswith('_one'):
                assert f'{base(key)}_many' in data[lang], key
