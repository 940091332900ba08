"""The FastAPI application of ``faro serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from faro._config import Options, load_options
from faro._version import __version__
from faro.server import _api_accounts, _api_documents, _api_kb, _docs, _problems, _views
from faro.server._auth import Gate
from faro.server._state import ServerState
from faro.store import Store

__all__ = ["create_app", "run"]


def create_app(options: Options | None = None, *, store: Store | None = None) -> FastAPI:
    """The application over ``store`` (else the database of ``options``, created or migrated
    first). A store handed in stays the caller's to close."""
    options = options or load_options()
    owned = store is None
    store = store or Store.open(options)
    state = ServerState(store, options)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.jobs.shutdown()
        if owned:
            store.close()

    app = FastAPI(title="faro", version=__version__, lifespan=lifespan,
                  summary="Counter-disinformation workbench: documents, claims, matches and "
                          "the knowledge base of fact-checks.",
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.state.faro = state
    for module in (_api_accounts, _api_documents, _api_kb):
        app.include_router(module.router)
    _docs.install(app, "/openapi.json")
    _views.install(app)
    _problems.install(app, pages=_views.error_page)
    app.add_middleware(Gate, state=state)
    return app


def run(options: Options, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the application with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(options), host=host, port=port, proxy_headers=True,
                server_header=False, log_level="info")
