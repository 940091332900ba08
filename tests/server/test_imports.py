"""``import faro`` (and ``faro --help``) stay light: FastAPI loads only when an app is made."""

from __future__ import annotations

import subprocess
import sys


def test_import_faro_does_not_import_the_server_stack() -> None:
    code = ("import sys, faro, faro.server, faro.store, faro.cli; "
            "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
