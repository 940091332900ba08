"""Fixtures of the evaluation tests: the claim-retrieval data in the ``shared`` folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import shared_data


@pytest.fixture(scope="session")
def claim_data() -> Path:
    return shared_data("claim-retrieval")
