"""Speed of the special terms and the column classifier: ``python benchmarks/bench_special.py [--quick]``.

- ``special_terms``: :func:`gdprscan.recognizers.special.find` over prose made of the shared privacy
  statements and the evaluation documents (about one special-category mention per 800 characters),
  language unknown (all three term lists), in MB/s on one core. It is one part of the full profile,
  whose target is 2 MB/s per core with everything on (see D1's full-profile benchmark).
- ``about_person``: the same prose through the full-profile stage's judgement (special terms,
  salutations, links) without the name recognisers, in MB/s.
- ``column_classifier``: :func:`gdprscan.classifiers.columns.classify_column` on 1,000-value columns
  (national numbers, product names, union names), columns per second.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATEMENTS = Path('/work/shared/statements')


def _prose(size: int) -> str:
    paras = []
    for path in sorted((HERE / 'eval').glob('*.jsonl')):
        for line in path.read_text(encoding='utf-8').splitlines():
            doc = json.loads(line)
            if doc['kind'] != 'table':
                paras.append(doc['text'])
    paras += [p.read_text(encoding='utf-8') for p in sorted(STATEMENTS.glob('*.txt'))]
    rng = random.Random(7)
    out: list[str] = []
    total = 0
    while total < size:
        p = rng.choice(paras)
        out.append(p)
        total += len(p) + 2
    return '\n\n'.join(out)


def _rate(fn: Any, text: str) -> float:
    t = time.process_time()
    fn(text)
    return len(text.encode('utf-8')) / 1e6 / max(time.process_time() - t, 1e-9)


def run(quick: bool = False) -> list[dict[str, Any]]:
    from gdprscan.classifiers import about_person
    from gdprscan.classifiers.columns import classify_column
    from gdprscan.recognizers import special

    text = _prose(500_000 if quick else 4_000_000)
    special.find('warm-up', None)
    list(special.find(text[:2000]))
    terms = _rate(lambda t: list(special.find(t)), text)

    def judge_all(t: str) -> None:
        links = about_person.Links(t, [])
        greetings = about_person.salutations(t)
        for m in special.find(t):
            about_person.judge(t, m.start, m.end, links, greetings)

    judged = _rate(judge_all, text)
    columns = [
        ('rijksregisternummer', ['85.07.30-033.28', '17.07.30-033.84'] * 500),
        ('naam', ['Laptop Dell XPS 13', 'Bureaustoel Ergo'] * 500),
        ('vakbond', ['ACV', 'ABVV', 'ACLVB', 'geen'] * 250),
    ]
    n = 3 if quick else 10
    t = time.process_time()
    for _ in range(n):
        for name, values in columns:
            classify_column(name, values)
    per_s = n * len(columns) / max(time.process_time() - t, 1e-9)
    return [
        {
            'benchmark': 'special_terms',
            'metric': 'throughput',
            'value': round(terms, 2),
            'unit': 'MB/s',
            'target': '>= 2 (whole full profile)',
        },
        {
            'benchmark': 'special_about_person',
            'metric': 'throughput',
            'value': round(judged, 2),
            'unit': 'MB/s',
            'target': '>= 2 (whole full profile)',
        },
        {
            'benchmark': 'column_classifier',
            'metric': '1000-value columns per second',
            'value': round(per_s, 1),
            'unit': 'columns/s',
            'target': None,
        },
    ]


if __name__ == '__main__':
    for row in run(quick='--quick' in sys.argv[1:]):
        print(row)
