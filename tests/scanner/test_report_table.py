"""The default terminal summary: categories and articles, files, errors, allowed count, hints."""

from __future__ import annotations

from gdprscan.scanner.cli import main


def scan(capsys, *argv):
    code = main(['scan', *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_sections_counts_and_no_values(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text(
        'RRN 85.07.30-033.28\nmail an.peeters@bedrijf.be\nRRN 17.07.30-033.84 # gdprscan: allow\n',
        encoding='utf-8',
    )
    (tmp_path / 'b.csv').write_text('naam,insz\nJan,85073003328\n', encoding='utf-8')
    (tmp_path / 'gone.txt').symlink_to(tmp_path / 'missing.txt')
    code, out, err = scan(capsys, str(tmp_path))
    assert code == 1
    assert 'Findings per GDPR category' in out and 'Findings per file' in out
    assert 'Identification data' in out and 'Contact details' in out
    assert 'Sources that could not be read' in out and 'gone.txt' in out
    footer = out.strip().splitlines()[-1]
    assert footer.startswith('3 files scanned, 3 findings (art. 6: 3), 1 allowed (1 pragma), 1 unreadable')
    assert err.splitlines() == ['gdprscan: gone.txt: No such file or directory']
    for raw in ('85.07.30', '85073003328', 'an.peeters', '**.**'):  # a summary: neither values nor masks
        assert raw not in out


def test_report_language(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    _, out, _ = scan(capsys, str(tmp_path), '--report-lang', 'nl')
    assert 'Vondsten per AVG-categorie' in out and 'Identificatiegegevens' in out
    _, out, _ = scan(capsys, str(tmp_path), '--report-lang', 'fr')
    assert "Données d'identification" in out


def test_hint_when_nothing_found(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('factuur 2024-0017\n', encoding='utf-8')
    code, out, _ = scan(capsys, str(tmp_path))
    assert code == 0
    assert '1 file scanned, no personal data found' in out
    assert '--profile full' in out
    assert 'Findings per' not in out


def test_hint_when_no_file_was_scanned(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    code, out, _ = scan(capsys, str(tmp_path), '--include', '*.nothing')
    assert code == 0
    assert 'no files were scanned' in out


def test_to_file(tmp_path, capsys):
    (tmp_path / 'a.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    report = tmp_path / 'report.txt'
    code, out, _ = scan(capsys, str(tmp_path / 'a.txt'), '-o', str(report))
    assert code == 1 and out == ''
    assert 'Findings per GDPR category' in report.read_text(encoding='utf-8')


def test_many_files_show_the_top_ones_and_a_rest_line(tmp_path, capsys):
    from gdprscan.scanner.reporters.table import MAX_FILE_ROWS

    for i in range(MAX_FILE_ROWS + 3):
        (tmp_path / f'f{i:03d}.txt').write_text('RRN 85.07.30-033.28\n', encoding='utf-8')
    (tmp_path / 'zz_many.txt').write_text('RRN 85.07.30-033.28\n' * 4, encoding='utf-8')
    _, out, _ = scan(capsys, str(tmp_path), '--workers', '1')
    assert 'zz_many.txt' in out  # the most findings first, despite its name
    assert '... 4 more files' in out
    assert f'{MAX_FILE_ROWS + 4} files scanned, {MAX_FILE_ROWS + 7} findings' in out
