"""Run every benchmark in this folder and print one table (``make bench``).

Each benchmark script accepts ``--json`` and prints one JSON object; results are also written
to ``benchmarks/results/<name>.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if not p.name.startswith(("_", "run")))
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    table = Table(title="faro benchmarks (medians; ratio = faro / baseline in the same run)")
    for column in ("benchmark", "figure", "value"):
        table.add_column(column)
    failed = 0
    for script in scripts:
        proc = subprocess.run([sys.executable, str(script), "--json"], capture_output=True,
                              text=True, check=False)
        if proc.returncode != 0:
            failed += 1
            table.add_row(script.stem, "error", proc.stderr.strip().splitlines()[-1:][0]
                          if proc.stderr.strip() else f"exit {proc.returncode}")
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        (results_dir / f"{script.stem}.json").write_text(json.dumps(result, indent=2))
        for key, value in result.items():
            if key != "benchmark" and not isinstance(value, list):
                table.add_row(script.stem, key, str(value))
    Console().print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
