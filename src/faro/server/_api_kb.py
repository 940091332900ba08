"""``/api/v1``: the knowledge base, read and searched (shared by every organisation)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from faro._errors import RecordNotFoundError
from faro.model import FactCheck, Verdict
from faro.server._auth import Reader
from faro.server._schemas import FactCheckOut, MatchOut, Page
from faro.server._state import State

__all__ = ["router"]

router = APIRouter(prefix="/api/v1")


def _out(record: FactCheck) -> FactCheckOut:
    return FactCheckOut(
        id=record.id, claim=record.claim, language=record.language,
        verdict=record.verdict.value if record.verdict else None, rating=record.rating,
        url=record.url, publisher=record.publisher, title=record.title,
        claimant=record.claimant,
        review_date=record.review_date.isoformat() if record.review_date else None,
        marking=record.marking.value)


@router.get("/factchecks", tags=["knowledge base"])
def list_factchecks(_principal: Reader, state: State,
                    limit: Annotated[int, Query(ge=1, le=200)] = 50,
                    offset: Annotated[int, Query(ge=0)] = 0,
                    language: str | None = None, verdict: Verdict | None = None,
                    ) -> Page[FactCheckOut]:
    """Fact-checks in id order, narrowed by language and verdict."""
    found, total = state.store.factcheck_page(
        language=language, verdict=verdict.value if verdict else None, limit=limit,
        offset=offset)
    return Page[FactCheckOut](items=[_out(r) for r in found], total=total, limit=limit,
                              offset=offset)


@router.get("/factchecks/search", tags=["knowledge base"])
def search_factchecks(_principal: Reader, state: State,
                      q: Annotated[str, Query(min_length=1, max_length=2000)],
                      lang: Annotated[str | None, Query(max_length=16)] = None,
                      k: Annotated[int, Query(ge=1, le=100)] = 10) -> list[MatchOut]:
    """Records of the knowledge base for ``q``, ranked as matching ranks them, every one
    shown with its calibrated confidence."""
    return [MatchOut(id=None, claim_id=None, target_id=m.target_id,
                     target_kind=m.target_kind,  # type: ignore[arg-type]
                     score=m.score, confidence=m.confidence,
                     status=m.status,  # type: ignore[arg-type]
                     verdict=m.verdict.value if m.verdict else None, text=m.text,
                     title=m.title, rating=m.rating, url=m.url, source=m.source)
            for m in state.analyser.search(q, lang, k)]


@router.get("/factchecks/{record_id:path}", tags=["knowledge base"])
def get_factcheck(record_id: str, _principal: Reader, state: State) -> FactCheckOut:
    """One fact-check by id (ids are often URLs: send them as they are)."""
    record = state.store.get_records([record_id]).get(record_id)
    if not isinstance(record, FactCheck):
        raise RecordNotFoundError(f"no fact-check {record_id}")
    return _out(record)
