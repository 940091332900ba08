"""benchmarks/serve_load.py, briefly: a few analysts for ~3 s against the real ``faro serve``
on SQLite (and on PostgreSQL when FARO_TEST_DATABASE_URL is set) make no errors."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import PG_ENV

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "serve_load.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("serve_load", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["serve_load"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_short_load_makes_no_errors(backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    if backend == "postgresql" and not os.environ.get(PG_ENV):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is unset in CI: .ci/run must export it")
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV}")
    serve_load = _benchmark()
    code = serve_load.main(["--backend", backend, "--seconds", "3", "--warmup", "0.5",
                            "--users", "5", "--documents", "8", "--languages", "de",
                            "--think", "0.05", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "skipped" not in result, result
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] > 0 and result["p50_ms"] > 0 and result["p99_ms"] > 0
    counted = {row["kind"]: row["count"] for row in result["kinds"]}
    assert counted["api_documents"] and counted["page_document"] and counted["api_review"]
    assert all(row["p99_ms"] is not None for row in result["kinds"] if row["count"])
