"""The browser tests skip without chromium on a developer's machine, and fail in CI."""

from __future__ import annotations

import pytest
from tests.e2e_browser.conftest import _unavailable


def test_a_missing_browser_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FARO_E2E_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        _unavailable("no chromium")


def test_a_missing_browser_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FARO_E2E_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="FARO_E2E_BROWSER=1 but no chromium"):
        _unavailable("no chromium")
