"""What one running server holds: the store, the options, and the analyser."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from faro._analyser import Analyser
from faro._config import Options
from faro.server._jobs import Jobs
from faro.server._limits import RateLimiter
from faro.store import Actor, Store, StoredDocument

__all__ = ["Analyser", "ServerState", "State"]


@dataclass
class ServerState:
    store: Store
    options: Options
    analyser: Analyser = field(init=False)
    limiter: RateLimiter = field(init=False)
    """Requests per API token or signed-in user."""
    sign_in_limiter: RateLimiter = field(init=False)
    """Sign-in attempts per address and per client."""
    jobs: Jobs = field(init=False)
    """Analyses running in the background (the web inbox's)."""

    def __post_init__(self) -> None:
        self.analyser = Analyser(self.store, self.options)
        self.limiter = RateLimiter(self.options.rate_limit_per_minute)
        self.sign_in_limiter = RateLimiter(self.options.sign_in_per_minute)
        self.jobs = Jobs(lambda org_id, document_id, actor: self.analyse(
            org_id, self.store.documents.get(org_id, document_id), actor))

    def analyse(self, org_id: int, stored: StoredDocument, actor: Actor) -> StoredDocument:
        """Analyse a stored document and keep its analysis, claims and matches."""
        return self.analyser.analyse_stored(org_id, stored, actor)


async def _state(request: Request) -> ServerState:  # async: no threadpool hop (see _auth)
    state: ServerState = request.app.state.faro
    return state


State = Annotated[ServerState, Depends(_state)]
