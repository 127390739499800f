"""Document extractors: ``python benchmarks/bench_extract.py [--quick]``.

End to end per format (extract, detect, validate; no report), one process, on documents written
here with the real libraries: MB/s of file size and text units per second for xlsx, docx, pdf,
json, jsonl and eml. Also the JSON position-keeping scanner against ``json.loads`` on the same
text, and the zip guard on a docx bomb (1 GB of zeros; 256 MB with ``--quick``): time to refuse
and peak memory, which must stay flat because nothing is inflated.

Timings take the best of a few runs.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

MB = 1024 * 1024
NAME = 'extract'
RRN = '85.07.30-033.28'
IBAN = 'BE71 0961 2345 6769'


def _row(metric: str, value: float | str, unit: str, target: str = '') -> dict[str, Any]:
    return {'benchmark': NAME, 'metric': metric, 'value': value, 'unit': unit, 'target': target}


def _best(runs: int, fn: Callable[[], float]) -> float:
    return min(fn() for _ in range(runs))


def _words(rng: random.Random, n: int) -> str:
    vocab = (
        'de het een werknemer loon attest ziekte periode dienst afdeling le la salaire congé maladie'.split()
    )
    return ' '.join(rng.choice(vocab) for _ in range(n))


def make_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet('Loon')
    ws.append(['naam', 'insz', 'iban', 'bruto', 'afdeling', 'opmerking'])
    rng = random.Random(1)
    for i in range(rows):
        ws.append(
            [
                f'Werknemer {i}',
                RRN if i % 10 == 0 else f'W-{i:06d}',
                IBAN if i % 10 == 5 else 'n.v.t.',
                2500 + i % 1000,
                'Logistiek',
                _words(rng, 6),
            ]
        )
    wb.save(path)


def make_docx(path: Path, paragraphs: int) -> None:
    import docx

    d = docx.Document()
    rng = random.Random(2)
    for i in range(paragraphs):
        d.add_paragraph(_words(rng, 30) + (f' INSZ {RRN}' if i % 20 == 0 else ''))
    table = d.add_table(rows=paragraphs // 10, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = IBAN if c == 2 and r % 5 == 0 else f'cel {r}.{c}'
    d.save(str(path))


def make_pdf(path: Path, pages: int) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    rng = random.Random(3)
    for _page in range(pages):
        for line in range(45):
            text = _words(rng, 12) + (f' rrn {RRN}' if line == 10 else '')
            c.drawString(40, 800 - line * 17, text)
        c.showPage()
    c.save()


def make_json(path: Path, records: int, lines: bool) -> None:
    rng = random.Random(4)
    docs = [
        {
            'id': i,
            'werknemer': {'naam': f'Werknemer {i}', 'insz': RRN if i % 10 == 0 else str(i)},
            'bank': {'iban': IBAN if i % 10 == 5 else None},
            'notities': [_words(rng, 8), i * 1.5],
        }
        for i in range(records)
    ]
    with path.open('w', encoding='utf-8') as f:
        if lines:
            for d in docs:
                f.write(json.dumps(d) + '\n')
        else:
            json.dump(docs, f, indent=2)


def make_eml(path: Path, size: int) -> None:
    rng = random.Random(5)
    m = EmailMessage()
    m['From'] = 'Jan Peeters <jan.peeters@example.be>'
    m['To'] = 'hr@example.be'
    m['Subject'] = 'loonfiches'
    m.set_content(
        '\n'.join(_words(rng, 12) + (f' INSZ {RRN}' if i % 50 == 0 else '') for i in range(size // 80))
    )
    csv_text = 'naam;iban\n' + ''.join(f'W{i};{IBAN if i % 10 == 5 else "-"}\n' for i in range(size // 40))
    m.add_attachment(csv_text.encode(), maintype='text', subtype='csv', filename='loon.csv')
    path.write_bytes(bytes(m))


def make_bomb(path: Path, megabytes: int) -> None:
    import docx

    docx.Document().save(str(path))
    chunk = bytes(MB)
    with zipfile.ZipFile(path, 'a', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open('word/media/image1.bin', 'w', force_zip64=True) as w:
            for _ in range(megabytes):
                w.write(chunk)


def _scan_time(path: Path) -> tuple[float, float, int, int]:
    """Seconds end to end (extract + detect), seconds to extract only, units, findings."""
    from gdprscan.scanner import extractors
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings
    from gdprscan.scanner.walk import Candidate

    engine = Engine(Settings())
    extractor = extractors.for_path(path)
    assert extractor is not None
    started = time.perf_counter()
    units = sum(1 for _ in extractor.extract(path))
    extract_only = time.perf_counter() - started
    started = time.perf_counter()
    result = engine.scan_file(Candidate(path, path.name))
    elapsed = time.perf_counter() - started
    if result.error:
        raise RuntimeError(f'{path.name}: {result.error}')
    return elapsed, extract_only, units, len(result.findings)


BOMB_PROBE = """
import resource, sys, time
from pathlib import Path
from gdprscan.scanner.engine import Engine, Settings
from gdprscan.scanner.walk import Candidate
engine = Engine(Settings())
import docx  # imported before measuring: the library's own size is not the guard's
from gdprscan.scanner import extractors
extractors.for_path(Path('warm.txt'))  # imports the extractor modules
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
result = engine.scan_file(Candidate(Path(sys.argv[1]), 'bomb.docx'))
elapsed = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(elapsed, (after - before) / 1024, result.error)
"""


RSS_PROBE = """
import resource, sys
from pathlib import Path
from gdprscan.scanner.engine import Engine, Settings
from gdprscan.scanner.limits import Limits
from gdprscan.scanner.walk import Candidate
result = Engine(Settings(limits=Limits(file_timeout=0))).scan_file(Candidate(Path(sys.argv[1]), 'x'))
assert result.error is None, result.error
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(result.findings))
"""


def _peak_rss(path: Path) -> float:
    """Peak RSS (MB) of a fresh process that scans ``path``."""
    probe = subprocess.run(
        [sys.executable, '-c', RSS_PROBE, str(path)], capture_output=True, text=True, check=True
    )
    return float(probe.stdout.split()[0])


def _repeat_lines(source: Path, target: Path, megabytes: int) -> None:
    block = source.read_bytes()
    with target.open('wb') as f:
        for _ in range(max(1, megabytes * MB // len(block))):
            f.write(block)


def run(quick: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    scale = 1 if quick else 4
    with tempfile.TemporaryDirectory(prefix='gdprscan-bench-extract-') as tmp:
        d = Path(tmp)
        makers: list[tuple[str, Path, Callable[[Path], None]]] = [
            ('xlsx', d / 'loon.xlsx', lambda p: make_xlsx(p, 5000 * scale)),
            ('docx', d / 'brief.docx', lambda p: make_docx(p, 500 * scale)),
            ('pdf', d / 'attest.pdf', lambda p: make_pdf(p, 50 * scale)),
            ('json', d / 'hr.json', lambda p: make_json(p, 10000 * scale, lines=False)),
            ('jsonl', d / 'hr.jsonl', lambda p: make_json(p, 10000 * scale, lines=True)),
            ('eml', d / 'mail.eml', lambda p: make_eml(p, 500_000 * scale)),
        ]
        for fmt, path, make in makers:
            make(path)
            size = path.stat().st_size
            runs = [_scan_time(path) for _ in range(2 if quick else 3)]
            elapsed = min(r[0] for r in runs)
            extract_only = min(r[1] for r in runs)
            units, findings = runs[0][2], runs[0][3]
            rows.append(
                _row(
                    f'{fmt}: end to end ({size / MB:.1f} MB, {units} units, {findings} findings)',
                    round(size / MB / elapsed, 2),
                    'MB/s',
                )
            )
            rows.append(_row(f'{fmt}: extraction only', round(size / MB / extract_only, 2), 'MB/s'))
            rows.append(
                _row(f'{fmt}: extraction only, units per second', round(units / extract_only), 'units/s')
            )

        from gdprscan.scanner.extractors import jsonfile

        text = (d / 'hr.json').read_text(encoding='utf-8')
        ours = _best(3, lambda: _timed(lambda: sum(1 for _ in jsonfile.leaves(text))))
        stdlib = _best(3, lambda: _timed(lambda: json.loads(text)))
        rows.append(
            _row(
                'json: position-keeping scanner / json.loads time',
                round(ours / stdlib, 1),
                'x',
                'informational',
            )
        )

        small, big = (4, 40) if quick else (10, 100)
        for name in ('hr.jsonl', 'hr.json'):
            sizes = []
            for mb in (small, big):
                target = d / f'{mb}-{name}'
                if name.endswith('.jsonl'):
                    _repeat_lines(d / name, target, mb)
                else:  # one array of many copies of the records
                    records = (d / name).read_text(encoding='utf-8').strip()[1:-1]
                    copies = max(1, mb * MB // len(records))
                    target.write_text('[' + ',\n'.join([records] * copies) + ']\n', encoding='utf-8')
                sizes.append((target.stat().st_size / MB, _peak_rss(target)))
                target.unlink()
            (s_mb, s_rss), (b_mb, b_rss) = sizes
            target_text = 'flat (streams)' if name.endswith('.jsonl') else 'read whole: grows with the file'
            rows.append(
                _row(
                    f'{name}: peak RSS for {s_mb:.0f} MB -> {b_mb:.0f} MB',
                    f'{s_rss:.0f} -> {b_rss:.0f}',
                    'MB',
                    target_text,
                )
            )

        megabytes = 256 if quick else 1024
        bomb = d / 'bomb.docx'
        make_bomb(bomb, megabytes)
        probe = subprocess.run(
            [sys.executable, '-c', BOMB_PROBE, str(bomb)], capture_output=True, text=True, check=True
        )
        elapsed_s, rss_mb, *error = probe.stdout.split(maxsplit=2)
        rows.append(
            _row(
                f'zip bomb docx ({bomb.stat().st_size / MB:.1f} MB -> {megabytes} MB): time to refuse',
                round(float(elapsed_s) * 1000, 2),
                'ms',
                '< 100 ms',
            )
        )
        rows.append(
            _row('zip bomb docx: peak RSS growth while refusing', round(float(rss_mb), 1), 'MB', '< 10 MB')
        )
        rows.append(_row('zip bomb docx: error', ' '.join(error).strip(), ''))
    rows.append(
        _row(
            'max RSS of this benchmark process',
            round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            'MB',
        )
    )
    return rows


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


if __name__ == '__main__':
    for row in run(quick='--quick' in sys.argv):
        print(f'{row["metric"]:<75} {row["value"]!s:>10} {row["unit"]:<8} {row["target"]}')
