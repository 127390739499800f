"""One JSON document: ``{"findings": [...], "errors": [{"source","error"}], "summary": {...}}``."""
from __future__ import annotations

import json
from typing import TextIO

from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.reporters.summary import summary
from gdprscan.scanner.types import ScanResult


def write(result: ScanResult, out: TextIO) -> None:
    values = show_values(result)
    doc = {
        'findings': [f.as_dict(values) for f in result.active],
        'errors': [{'source': s, 'error': e} for s, e in result.errors],
        'summary': summary(result),
        **result.extra,
    }
    json.dump(doc, out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write('\n')
