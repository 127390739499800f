"""One finding per line: the machine contract, stable key order. Suppressed findings are left out."""
from __future__ import annotations

import json
from typing import TextIO

from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.types import ScanResult


def write(result: ScanResult, out: TextIO) -> None:
    values = show_values(result)
    for finding in result.active:
        out.write(json.dumps(finding.as_dict(values), ensure_ascii=False, sort_keys=True) + '\n')
