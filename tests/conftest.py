"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The real Italian article (machine-translated Kyodo copy) that lives in the ``shared`` folder
#: next to the repository root; absent in a plain checkout.
ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_fc399ba06888f83d.txt"
)


@pytest.fixture(scope="session")
def italian_article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"real-article fixture not available: {ARTICLE} (the shared/ folder next "
                    "to the repository root is absent)")
    return ARTICLE.read_text(encoding="utf-8")
