"""Declared versus found: reading statements, comparing, and writing the HTML report.

Figures: time to read the two shared statements (and a 20-page statement made of them), time to
compare 100,000 findings with a declaration, and time and size of the HTML report for 20,000
findings in 400 sources (the drill-down caps rows per source, so the file stays mail-sized).
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from gdprscan.classifiers import statement
from gdprscan.scanner.declared import Declaration
from gdprscan.scanner.declared import Declared
from gdprscan.scanner.declared import comparison
from gdprscan.scanner.reporters import html
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

STATEMENTS = Path(__file__).resolve().parents[1].parent / 'shared' / 'statements'
ENTITIES = (
    ('BE_NATIONAL_NUMBER', ('identification',), '6', '85.07.30-033.28'),
    ('EMAIL_ADDRESS', ('contact', 'electronic_communication'), '6', 'jan.peeters@example.be'),
    ('IBAN_CODE', ('financial',), '6', 'BE71 0961 2345 6769'),
    ('HEALTH_DATA', ('health',), '9', 'burn-out'),
    ('IP_ADDRESS', ('electronic_communication', 'login'), '6', '192.168.10.24'),
)


def _result(n: int, sources: int) -> ScanResult:
    findings = []
    for i in range(n):
        entity, cats, article, value = ENTITIES[i % len(ENTITIES)]
        findings.append(
            Finding(
                f'share/dept{i % sources}/file{i % sources}.csv',
                {'column': 'c', 'row': i},
                entity,
                cats,
                article,
                0.95,
                'bench',
                value,
                {'context': 'insz'},
            )
        )
    return ScanResult(
        targets=['share'],
        findings=findings,
        files_scanned=sources,
        settings={'report_lang': 'nl', 'version': 'bench'},
    )


def _timed(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, out = float('inf'), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run(quick: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    texts = {p.name: p.read_text(encoding='utf-8') for p in sorted(STATEMENTS.glob('*.txt'))}
    for name, text in texts.items():
        seconds, _ = _timed(lambda text=text: statement.read(text))
        rows.append(
            {
                'benchmark': f'statement read {name} ({len(text) // 1024} KiB)',
                'metric': 'time',
                'value': round(seconds * 1000, 1),
                'unit': 'ms',
                'target': '< 500',
            }
        )
    big = '\n\n'.join(texts.values()) * (2 if quick else 10)
    seconds, _ = _timed(lambda: statement.read(big), repeat=1)
    rows.append(
        {
            'benchmark': f'statement read {len(big) // 1024} KiB',
            'metric': 'time',
            'value': round(seconds, 2),
            'unit': 's',
            'target': '< 5',
        }
    )

    n = 20_000 if quick else 100_000
    result = _result(n, 400)
    declaration = Declaration(
        'yaml', (Declared('identification'), Declared('contact'), Declared('financial', ('dept1*/**',)))
    )
    seconds, _ = _timed(lambda: comparison(result, declaration, 'declared.yaml'), repeat=1)
    rows.append(
        {
            'benchmark': f'compare {n} findings',
            'metric': 'time',
            'value': round(seconds, 2),
            'unit': 's',
            'target': '< 2',
        }
    )

    result = _result(20_000, 400)
    result.extra['declared'] = comparison(result, declaration, 'declared.yaml')
    buf = io.StringIO()
    seconds, _ = _timed(lambda: (buf.seek(0), buf.truncate(), html.write(result, buf)), repeat=1)
    rows.append(
        {
            'benchmark': 'html report, 20000 findings in 400 sources',
            'metric': 'time',
            'value': round(seconds, 2),
            'unit': 's',
            'target': '< 3',
        }
    )
    rows.append(
        {
            'benchmark': 'html report, 20000 findings in 400 sources',
            'metric': 'size',
            'value': round(len(buf.getvalue().encode('utf-8')) / 1e6, 1),
            'unit': 'MB',
            'target': '< 15',
        }
    )
    return rows


if __name__ == '__main__':
    for row in run():
        figure = f'{row["value"]:>8} {row["unit"]:<3}'
        print(f'{row["benchmark"]:<52} {row["metric"]:<5} {figure} (target {row["target"]})')
