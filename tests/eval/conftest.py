"""Fixtures of the evaluation tests: the claim-retrieval data in the ``shared`` folder."""

from __future__ import annotations

from pathlib import Path

import pytest

#: ``../shared/data/claim-retrieval`` from the repository root; absent in a plain checkout.
CLAIM_RETRIEVAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "claim-retrieval"


@pytest.fixture(scope="session")
def claim_data() -> Path:
    if not CLAIM_RETRIEVAL.is_dir():
        pytest.skip(f"claim-retrieval data not available: {CLAIM_RETRIEVAL} (the shared/ folder "
                    "next to the repository root is absent)")
    return CLAIM_RETRIEVAL
