"""The FastAPI application of ``faro serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from faro._config import Options, load_options
from faro._version import __version__
from faro.server import (
    _api_accounts,
    _api_documents,
    _api_kb,
    _api_narratives,
    _docs,
    _problems,
    _taxii,
    _views,
    _views_kb,
    _views_narratives,
)
from faro.server._auth import Gate
from faro.server._state import ServerState
from faro.store import Store

__all__ = ["create_app", "run"]

#: The GIL's switch interval in the server process (Python's default is 0.005).
_SWITCH_INTERVAL_S = 0.0005


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
    for module in (_api_accounts, _api_documents, _api_kb, _api_narratives):
        app.include_router(module.router)
    _docs.install(app, "/openapi.json")
    _views.install(app)
    app.include_router(_views_kb.router)
    app.include_router(_views_narratives.router)
    _taxii.install(app)
    _problems.install(app, pages=lambda request, *error: (
        _taxii.error_page(request, *error) or _views.error_page(request, *error)))
    app.add_middleware(Gate, state=state)
    return app


def run(options: Options, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the application with uvicorn until interrupted."""
    import sys

    import uvicorn

    # Sync routes run in worker threads and wait on the database often (each query a network
    # round trip, each releasing the GIL); a thread that wants the GIL back while the event loop
    # runs waits for it to be handed over, by default after 5 ms. Under the load benchmark a
    # request made 10-20 such waits: a handover every 0.5 ms cut its median and tail.
    sys.setswitchinterval(_SWITCH_INTERVAL_S)
    uvicorn.run(create_app(options), host=host, port=port, proxy_headers=True,
                server_header=False, log_level="info")
