"""One finding per line: the machine contract, stable key order. Suppressed findings are left out."""
from __future__ import annotations

import json
from typing import TextIO

from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.types import ScanResult


def write(result: ScanResult, out: TextIO) -> None:
    values = show_values(result)
    # One encoder for every line: json.dumps with options builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    write_line = out.write
    for finding in result.active:
        write_line(encode(finding.as_dict(values)) + '\n')
