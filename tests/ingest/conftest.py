"""Shared fixtures of the ingest tests. Every input is built in ``tmp_path``: no binary fixture
files are committed."""

from __future__ import annotations

import pytest

from faro import FaroError


class Errors(list[FaroError]):
    """An ``on_error`` handler that keeps what it is given."""

    def __call__(self, error: FaroError) -> None:
        self.append(error)

    @property
    def codes(self) -> list[str]:
        return [error.code for error in self]


@pytest.fixture
def errors() -> Errors:
    return Errors()
