"""Turn the hand-written identifier documents into JSONL: ``python benchmarks/eval/identifiers_build.py``.

``identifiers.txt`` (the annotated format of ``handwritten_*.txt``) labels PHONE_NUMBER,
BE_NATIONAL_NUMBER and BE_BIS_NUMBER spans; every other digit run in it is a hard negative:
order, batch, invoice, customer, tracking and serial numbers that pass a phone plan or a mod-97
check by chance, and national numbers stored without their leading zero (born 2000-2009) with
and without a context word or column header. ``benchmarks/evaluate.py`` scores these entities on
the parts that label them. Written while fixing QA2's D2/D4/D5: a development set, not a held-out one.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    from generate import parse_handwritten
    from generate import write

    src = HERE / 'identifiers.txt'
    write(src.with_suffix('.jsonl'), parse_handwritten(src.read_text(encoding='utf-8')))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
