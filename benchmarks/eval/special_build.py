"""Turn the hand-written special-category documents into JSONL: ``python benchmarks/eval/special_build.py``.

``special_<lang>.txt`` (same annotated format as ``handwritten_*.txt``: a ``=== id: .. | lang: .. |
kind: .. | special: A, B`` line, then the text with ``[[Jan Peeters|PERSON]]`` labels) becomes
``special_<lang>.jsonl``, which ``benchmarks/evaluate.py`` scores per unit: the special entities a
document must report (``special``), and none at all on policy and statement documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    from generate import parse_handwritten
    from generate import write

    for src in sorted(HERE.glob('special_*.txt')):
        write(src.with_suffix('.jsonl'), parse_handwritten(src.read_text(encoding='utf-8')))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
