"""How a benchmark prints its result: one JSON line with ``--json`` (what ``make bench``
reads), else one aligned ``key value`` line per figure."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    width = max(map(len, result)) + 2
    for key, value in result.items():
        print(f"{key:{width}} {value}")
