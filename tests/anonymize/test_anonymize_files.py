"""`gdprscan anonymize` on real files of every format, and `gdprscan verify`."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
from pathlib import Path

import pytest
from gdprscan.anonymize import files
from gdprscan.anonymize.actions import Actions
from gdprscan.scanner.cli import main
from gdprscan.scanner.engine import Engine
from gdprscan.scanner.engine import Settings
from stdnum import iban
from stdnum.be import nn

KEY = '0123456789abcdef0123456789abcdef'
RRN, RRN2 = '85.07.30-033.28', '17.07.30-033.84'
IBAN = 'BE71 0961 2345 6769'
MAIL = 'jan.peeters@acme.be'
GSM = '0470 12 34 56'
ORIGINALS = ('85073003328', '17073003384', 'BE71096123456769', 'jan.peeters', '0470123456')


def _tree_hash(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob('*'))
        if p.is_file()
    }


def make_source(root: Path) -> Path:
    import docx
    import openpyxl
    from reportlab.pdfgen import canvas

    src = root / 'src'
    (src / 'sub').mkdir(parents=True)
    (src / 'a.txt').write_text(
        f'Beste,\r\nRRN {RRN} en IBAN {IBAN}.\r\nMail {MAIL} of bel {GSM}.\r\n', 'utf-8'
    )
    (src / 'notes.md').write_text(f'# Dossier\n\n* RRN: {RRN2}\n', 'cp1252')
    (src / 'sub' / 'b.csv').write_text(
        f'naam;rrn;iban;email\nJan;{RRN.replace(".", "").replace("-", "")};'
        f'{IBAN};{MAIL}\nAn;{RRN2};{IBAN};an@acme.be\n',
        'utf-8',
    )
    (src / 'sub' / 'b.tsv').write_text(f'rrn\ttel\n{RRN}\t{GSM}\n', 'utf-8')
    (src / 'c.json').write_text(
        json.dumps(
            {'people': [{'name': 'Jan', 'rrn': RRN, 'phone': GSM, 'n': 85073003328, MAIL: True}]}, indent=2
        ),
        'utf-8',
    )
    (src / 'd.jsonl').write_text(
        json.dumps({'iban': IBAN}) + '\n' + json.dumps({'rrn': RRN2}) + '\n', 'utf-8'
    )
    d = docx.Document()
    p = d.add_paragraph('Werknemer met RRN ')
    p.add_run('85.07.30-').bold = True
    p.add_run(f'033.28 en IBAN {IBAN}.')
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = 'email'
    t.cell(0, 1).text = MAIL
    d.sections[0].header.paragraphs[0].text = f'Dossier {RRN2}'
    d.save(str(src / 'e.docx'))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Loon'
    ws.append(['naam', 'rrn', 'iban', 'tel'])
    ws.append(['Jan', 85073003328, IBAN, GSM])
    ws.append(['An', RRN2, 'BE71096123456769', None])
    wb.save(src / 'f.xlsx')
    msg = email.message.EmailMessage()
    msg['From'] = f'Jan Peeters <{MAIL}>'
    msg['To'] = 'hr@acme.be'
    msg['Subject'] = f'RRN {RRN}'
    msg.set_content(f'Hallo,\nmijn IBAN is {IBAN}.\n')
    msg.add_attachment(b'\x89PNG\r\n\x1a\n' + b'\x00' * 20, maintype='image', subtype='png', filename='x.png')
    (src / 'g.eml').write_bytes(bytes(msg))
    c = canvas.Canvas(str(src / 'h.pdf'))
    c.drawString(72, 750, f'RRN {RRN} IBAN {IBAN}')
    c.drawString(72, 730, f'mail {MAIL}')
    c.showPage()
    c.save()
    return src


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY)
    return make_source(tmp_path)


def _all_text(root: Path) -> str:
    from gdprscan.anonymize.verify import dest_texts

    return '\n'.join(text or '' for _loc, text, _err in dest_texts(root))


def test_every_format_rewritten_valid_and_source_untouched(tree: Path, tmp_path: Path, capsys) -> None:
    (tree / 'logo.png').write_bytes(b'\x89PNG\r\n\x1a\n' + b'\x00' * 64)
    before = _tree_hash(tree)
    dest = tmp_path / 'out'
    # --copy-unscanned: logo.png cannot be scanned (without it, it is left out: test_unscanned_left_out.py)
    args = ['anonymize', str(tree), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY', '--copy-unscanned']
    assert main(args) == 0
    out = capsys.readouterr().out
    assert 'leak check OK: 0 of' in out
    assert _tree_hash(tree) == before, 'SOURCE was modified'
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob('*') if p.is_file()) == sorted(before)
    # same formats, readable by their libraries, with valid surrogates and formatting kept
    text = (dest / 'a.txt').read_bytes().decode('utf-8')
    assert text.count('\r\n') == 3 and RRN not in text
    rrn_new = text.split('RRN ')[1][:15]
    assert nn.is_valid(rrn_new) and rrn_new[2] == '.' and rrn_new != RRN
    assert iban.is_valid(text.split('IBAN ')[1][:19])
    assert (dest / 'notes.md').read_bytes().decode('cp1252').startswith('# Dossier')
    rows = (dest / 'sub' / 'b.csv').read_text('utf-8').splitlines()
    assert rows[0] == 'naam;rrn;iban;email' and rows[1].split(';')[0] == 'Jan'
    assert nn.is_valid(rows[1].split(';')[1]) and rows[1].split(';')[2] != IBAN
    data = json.loads((dest / 'c.json').read_text('utf-8'))
    person = data['people'][0]
    assert nn.is_valid(person['rrn']) and isinstance(person['n'], int) and nn.is_valid(str(person['n']))
    assert MAIL not in person and any('@acme.be' in k for k in person)
    import docx
    import openpyxl
    import pdfplumber

    d = docx.Document(str(dest / 'e.docx'))
    runs = d.paragraphs[0].runs
    assert runs[1].bold and nn.is_valid(runs[1].text)  # the replacement stays in the bold run
    assert d.tables[0].cell(0, 1).text.endswith('@acme.be') and d.tables[0].cell(0, 1).text != MAIL
    assert nn.is_valid(d.sections[0].header.paragraphs[0].text.split(' ')[1])
    ws = openpyxl.load_workbook(dest / 'f.xlsx')['Loon']
    values = list(ws.values)
    assert values[0] == ('naam', 'rrn', 'iban', 'tel') and isinstance(values[1][1], int)
    assert nn.is_valid(str(values[1][1])) and iban.is_valid(values[1][2]) and values[1][2] != IBAN
    msg = email.message_from_bytes((dest / 'g.eml').read_bytes(), policy=email.policy.default)
    assert (
        MAIL not in str(msg['From']) and 'Peeters' not in str(msg['From']) and '@acme.be' in str(msg['From'])
    )
    assert IBAN not in msg.get_body(('plain',)).get_content()
    with pdfplumber.open(str(dest / 'h.pdf')) as pdf:
        page = pdf.pages[0].extract_text()
    assert 'RRN ' in page and RRN not in page and nn.is_valid(page.split('RRN ')[1][:15])
    assert (dest / 'logo.png').read_bytes() == (tree / 'logo.png').read_bytes()  # no findings: copied
    everything = _all_text(dest).replace(' ', '').replace('.', '').replace('-', '')
    assert not [o for o in ORIGINALS if o.replace('.', '') in everything]


def test_deterministic_across_runs_and_files(tree: Path, tmp_path: Path) -> None:
    for name in ('one', 'two'):
        assert (
            main(['anonymize', str(tree), '--out', str(tmp_path / name), '--key-env', 'GDPRSCAN_TEST_KEY'])
            == 0
        )
    assert (tmp_path / 'one' / 'a.txt').read_bytes() == (tmp_path / 'two' / 'a.txt').read_bytes()
    a = (tmp_path / 'one' / 'a.txt').read_text('utf-8')
    tsv = (tmp_path / 'one' / 'sub' / 'b.tsv').read_text('utf-8')
    assert a.split('RRN ')[1][:15] == tsv.splitlines()[1].split('\t')[0]  # same person, same surrogate


def test_other_key_other_surrogates(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / 'key'
    key_file.write_text('another-secret-key-0123456789', 'utf-8')
    assert main(['anonymize', str(tree), '--out', str(tmp_path / 'a'), '--key-env', 'GDPRSCAN_TEST_KEY']) == 0
    assert main(['anonymize', str(tree), '--out', str(tmp_path / 'b'), '--key-file', str(key_file)]) == 0
    assert (tmp_path / 'a' / 'a.txt').read_text('utf-8') != (tmp_path / 'b' / 'a.txt').read_text('utf-8')


@pytest.mark.parametrize('where', ('same', 'inside', 'parent', 'nonempty'))
def test_refuses_dangerous_destinations(tree: Path, where: str, capsys) -> None:
    occupied = tree.parent / 'occupied'
    occupied.mkdir()
    (occupied / 'keep.txt').write_text('x', 'utf-8')
    dest = {'same': tree, 'inside': tree / 'sub' / 'copy', 'parent': tree.parent, 'nonempty': occupied}[where]
    before = _tree_hash(tree)
    assert main(['anonymize', str(tree), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY']) == 2
    err = capsys.readouterr().err
    assert ('not an empty folder' if where == 'nonempty' else 'refusing') in err
    assert _tree_hash(tree) == before and not (tree / 'sub' / 'copy').exists()
    assert [p.name for p in occupied.iterdir()] == ['keep.txt']


def test_refuses_without_a_usable_key(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv('SHORT_KEY', 'tooshort')
    assert main(['anonymize', str(tree), '--out', str(tmp_path / 'o'), '--key-env', 'SHORT_KEY']) == 2
    err = capsys.readouterr().err
    assert 'shorter than 16 bytes' in err and 'tooshort' not in err
    assert main(['anonymize', str(tree), '--out', str(tmp_path / 'o')]) == 2  # no key at all
    assert not (tmp_path / 'o').exists()


def test_dry_run_writes_nothing_and_prints_no_values(tree: Path, tmp_path: Path, capsys) -> None:
    assert main(['anonymize', str(tree), '--out', str(tmp_path / 'o'), '--dry-run']) == 0
    out = capsys.readouterr().out
    assert not (tmp_path / 'o').exists()
    assert 'sub/b.csv [rrn]: BE_NATIONAL_NUMBER x2' in out and 'a.txt: IBAN_CODE x1' in out
    assert not any(v in out for v in (RRN, IBAN, MAIL, '85073003328'))
    assert not list(tmp_path.glob('.o.gdprscan-partial-*'))


def test_interrupted_run_leaves_nothing_presented_as_complete(tree: Path, tmp_path: Path) -> None:
    dest = tmp_path / 'out'
    seen = []

    def stop(fr: files.FileReport) -> None:
        seen.append(fr.source)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.anonymize_tree(tree, dest, Actions(KEY.encode()), Engine(Settings(min_score=0.0)), stop)
    assert not dest.exists() and not list(tmp_path.glob('.out.gdprscan-partial-*'))


def test_broken_file_is_left_out_with_one_line(tree: Path, tmp_path: Path, capsys) -> None:
    (tree / 'broken.docx').write_bytes(b'PK\x03\x04 not really a zip')
    (tree / 'broken.json').write_text('{"rrn": "85.07.30-033.28", ', 'utf-8')
    dest = tmp_path / 'out'
    assert main(['anonymize', str(tree), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY']) == 1
    err = capsys.readouterr().err
    assert 'broken.docx' in err and 'broken.json' in err and 'Traceback' not in err
    assert not (dest / 'broken.docx').exists() and not (dest / 'broken.json').exists()
    assert (dest / 'a.txt').exists()


def test_verify_counts_planted_values_without_printing_them(tree: Path, tmp_path: Path, capsys) -> None:
    dest = tmp_path / 'out'
    assert main(['anonymize', str(tree), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY']) == 0
    assert main(['verify', str(tree), str(dest)]) == 0
    capsys.readouterr()
    (dest / 'sub' / 'planted.txt').write_text('zie 85 07 30 033 28 en BE71-0961-2345-6769\n', 'utf-8')
    assert main(['verify', str(tree), str(dest)]) == 1
    captured = capsys.readouterr()
    assert 'leak check FAILED: 2 of' in captured.out
    assert 'LEAK sub/planted.txt: BE_NATIONAL_NUMBER x1' in captured.err
    assert '85 07 30' not in captured.out + captured.err and '6769' not in captured.out + captured.err


def test_policy_column_rules(tree: Path, tmp_path: Path) -> None:
    policy = tmp_path / 'policy.yaml'
    policy.write_text(
        'columns:\n  naam: {action: replace, entity: PERSON}\n  email: drop\n'
        'entities:\n  IBAN_CODE: redact\n',
        'utf-8',
    )
    dest = tmp_path / 'out'
    assert (
        main(
            [
                'anonymize',
                str(tree),
                '--out',
                str(dest),
                '--key-env',
                'GDPRSCAN_TEST_KEY',
                '--policy',
                str(policy),
            ]
        )
        == 0
    )
    rows = [r.split(';') for r in (dest / 'sub' / 'b.csv').read_text('utf-8').splitlines()]
    assert rows[0] == ['naam', 'rrn', 'iban']
    assert rows[1][0] not in ('Jan', '') and rows[1][2] == '[IBAN_CODE]'


def test_bad_policy_is_a_usage_error(tree: Path, tmp_path: Path, capsys) -> None:
    policy = tmp_path / 'policy.yaml'
    policy.write_text('entities:\n  PERSON: shred\n', 'utf-8')
    assert (
        main(
            [
                'anonymize',
                str(tree),
                '--out',
                str(tmp_path / 'o'),
                '--key-env',
                'GDPRSCAN_TEST_KEY',
                '--policy',
                str(policy),
            ]
        )
        == 2
    )
    assert 'entities.PERSON' in capsys.readouterr().err


SAMPLES = Path(__file__).resolve().parents[2] / 'samples' / 'share'


@pytest.mark.parametrize('profile', ('identifiers', 'full'))
def test_bundled_samples_copy_is_leak_free(
    profile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    if not SAMPLES.is_dir():
        pytest.fail('samples/share is missing (python samples/generate.py)')
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY)
    before = _tree_hash(SAMPLES)
    dest = tmp_path / 'share'
    code = main(
        [
            'anonymize',
            str(SAMPLES),
            '--out',
            str(dest),
            '--key-env',
            'GDPRSCAN_TEST_KEY',
            '--profile',
            profile,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert 'leak check OK: 0 of' in out and _tree_hash(SAMPLES) == before
    assert sorted(_tree_hash(dest)) == sorted(before)
    # a planted original (a national number of the samples) makes the same check fail
    from gdprscan.anonymize.verify import source_values

    values, _errors = source_values(SAMPLES, Settings(min_score=0.0))
    planted = sorted(v for e, v, _f in values if e == 'BE_NATIONAL_NUMBER')[0]
    (dest / 'notities' / 'planted.txt').write_text(f'RRN {planted}\n', 'utf-8')
    assert main(['verify', str(SAMPLES), str(dest), '--profile', profile]) == 1


def test_single_file_copy(tree: Path, tmp_path: Path, capsys) -> None:
    dest = tmp_path / 'letter.txt'
    assert main(['anonymize', str(tree / 'a.txt'), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY']) == 0
    text = dest.read_text('utf-8')
    assert RRN not in text and nn.is_valid(text.split('RRN ')[1][:15])
    assert main(['anonymize', str(tree / 'a.txt'), '--out', str(dest), '--key-env', 'GDPRSCAN_TEST_KEY']) == 2
    assert 'exists' in capsys.readouterr().err
