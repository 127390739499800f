"""The JSON report through the CLI: findings, errors and summary in one document."""

from __future__ import annotations

import json

from gdprscan.scanner.cli import main


def make_tree(tmp_path):
    (tmp_path / 'a.txt').write_text(
        'RRN 85.07.30-033.28\nmail: an.peeters@bedrijf.be\nRRN 17.07.30-033.84 gdprscan: allow\n',
        encoding='utf-8',
    )
    (tmp_path / 'gone.txt').symlink_to(tmp_path / 'missing.txt')
    return tmp_path


def test_document(tmp_path, capsys):
    tree = make_tree(tmp_path)
    assert main(['scan', str(tree), '--format', 'json']) == 1
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert [f['entity'] for f in doc['findings']] == ['BE_NATIONAL_NUMBER', 'EMAIL_ADDRESS']
    assert doc['errors'] == [{'source': 'gone.txt', 'error': 'No such file or directory'}]
    s = doc['summary']
    assert s['findings'] == 2 and s['suppressed'] == 1 and s['files_with_errors'] == 1
    assert s['by_article'] == {'6': 2}
    assert s['by_entity'] == {'BE_NATIONAL_NUMBER': 1, 'EMAIL_ADDRESS': 1}
    assert s['by_category']['contact'] == 1 and s['by_category']['identification'] == 1
    assert 'an.peeters' not in out and '85.07.30' not in out
    assert err == ''  # errors are in the document; stderr stays quiet for json on stdout


def test_show_values_and_output_file(tmp_path, capsys):
    tree = make_tree(tmp_path)
    report = tmp_path / 'r.json'
    main(['scan', str(tree / 'a.txt'), '--format', 'json', '--show-values', '-o', str(report)])
    assert capsys.readouterr().out == ''
    doc = json.loads(report.read_text(encoding='utf-8'))
    assert [f['value'] for f in doc['findings']] == ['85.07.30-033.28', 'an.peeters@bedrijf.be']
