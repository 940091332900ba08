"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

#: The real Italian article (machine-translated Kyodo copy) that lives in the ``shared`` folder
#: next to the repository root; absent in a plain checkout.
ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_fc399ba06888f83d.txt"
)


#: ``../shared/data`` from the repository root; absent in a plain checkout.
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_data(name: str) -> Path:
    """The folder ``name`` of ``../shared/data``; skips the test when it is absent."""
    folder = SHARED_DATA / name
    if not folder.is_dir():
        pytest.skip(f"{name} data not available: {folder} (the shared/ folder next to the "
                    "repository root is absent)")
    return folder


@pytest.fixture(scope="session")
def cw_data() -> Path:
    """The CLEF check-worthiness data."""
    return shared_data("checkworthiness")


@pytest.fixture(scope="session")
def italian_article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"real-article fixture not available: {ARTICLE} (the shared/ folder next "
                    "to the repository root is absent)")
    return ARTICLE.read_text(encoding="utf-8")


#: Where the PostgreSQL the tests may use lives; `.ci/run` exports it. Locally, tests that need
#: it skip when it is unset; in CI (CI=true) they fail instead of skipping.
PG_ENV = "FARO_TEST_DATABASE_URL"


@pytest.fixture(autouse=True)
def _faro_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with its own FARO_HOME, never the user's ~/.faro."""
    if "FARO_HOME" not in os.environ or not os.environ["FARO_HOME"].startswith(
            str(tmp_path_factory.getbasetemp())):
        monkeypatch.setenv("FARO_HOME", str(tmp_path_factory.mktemp("faro-home")))
    monkeypatch.delenv("FARO_DATABASE_URL", raising=False)


def postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is unset in CI: .ci/run must export it")
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} "
                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    return url


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in ``folder``, or a new schema in the test
    PostgreSQL (dropped on exit). Fixtures of any scope build on it."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'faro.db'}"
        return
    import sqlalchemy as sa

    base = postgres_url()
    schema = f"faro_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for one test, on each back end."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say where the browser tests (tests/e2e_browser) left their screenshots: a folder under
    pytest's temporary directory, a worker's own under xdist."""
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None:
        return
    base = factory.getbasetemp()
    for folder in sorted({*base.glob("e2e-screenshots"), *base.glob("*/e2e-screenshots")}):
        if any(folder.glob("*.png")):
            terminalreporter.write_line(f"browser screenshots: {folder}")
