"""``/api/v1/clusters``: the narratives found in the organisation's claims — their volume per
day and burst flags, one with its claims — and the analysts' merge, split and changes (label,
DISARM techniques, link to a known narrative). Not ``/api/v1/narratives``: those are the
knowledge base's known narratives (:mod:`faro.server._api_kb`).

Everyone of the organisation reads; analysts and admins change (viewers get 403). Every change
is one audit entry (``narrative.merge``, ``narrative.split``, ``narrative.update``) with the
narrative before and after.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from faro.server._api_documents import Limit, Offset, Since, Until
from faro.server._auth import Reader, Writer
from faro.server._schemas import _In
from faro.server._state import State
from faro.store._narratives import MAX_LABEL_CHARS, NarrativeMember, Narratives

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["narratives (clusters)"])


class BurstOut(BaseModel):
    day: date
    count: int
    expected: float
    p_value: float
    score: float


class ClusterOut(BaseModel):
    id: int
    title: str
    label: str | None
    representative: str | None
    representative_claim_id: int | None
    key_terms: list[str]
    languages: dict[str, int]
    sources: dict[str, int]
    first_seen: date | None
    last_seen: date | None
    size: int
    window_volume: int
    volume: dict[date, int] = Field(description="Claims per day (of the window, in a list)")
    emerging: bool
    bursts: list[BurstOut]
    link: str | None = Field(description="The knowledge-base record the clusterer found "
                                         "its claims most linked to")
    kb_narrative_id: str | None = Field(description="The known narrative an analyst linked")
    disarm: list[str]


class ClusterPage(BaseModel):
    items: list[ClusterOut]
    since: date
    until: date
    limit: int
    offset: int


class ClusterDetail(ClusterOut):
    members: list[NarrativeMember]
    members_total: int


class ClusterPatch(_In):
    label: str | None = Field(default=None, max_length=MAX_LABEL_CHARS)
    disarm: list[str] | None = Field(default=None, max_length=100)
    kb_narrative_id: str | None = Field(default=None, max_length=512)


class MergeIn(_In):
    other: int = Field(description="The narrative merged into this one (it goes)")


class SplitIn(_In):
    claims: list[int] = Field(min_length=1, max_length=10_000)
    label: str | None = Field(default=None, max_length=MAX_LABEL_CHARS)


class SplitOut(BaseModel):
    kept: ClusterOut
    new: ClusterOut


def _narratives(state: State) -> Narratives:
    return Narratives.of(state.store.engine)


def _out(data: dict[str, Any]) -> ClusterOut:
    return ClusterOut.model_validate(data)


@router.get("/clusters")
def list_clusters(principal: Reader, state: State, since: Since = None, until: Until = None,
                  emerging: Annotated[bool, Query(
                      description="Only those that burst in the window")] = False,
                  limit: Limit = 20, offset: Offset = 0) -> ClusterPage:
    """The organisation's narratives with claims in the window (default: the 30 days ending
    on its last day with a clustered claim), most claims first — or, with ``emerging``, those
    that burst in it, most surprising first — with their volume on each day of the window."""
    found, window = _narratives(state).find(principal.org_id, since=since, until=until,
                                            emerging=emerging, limit=limit, offset=offset)
    return ClusterPage(items=[_out(n.as_json(window)) for n in found], since=window.since,
                       until=window.until, limit=limit, offset=offset)


@router.get("/clusters/{cluster_id}")
def get_cluster(cluster_id: int, principal: Reader, state: State, limit: Limit = 50,
                offset: Offset = 0) -> ClusterDetail:
    """One narrative, its volume per day, and a page of its claims (newest day first)."""
    narratives = _narratives(state)
    one = narratives.get(principal.org_id, cluster_id)
    members, total = narratives.members(principal.org_id, cluster_id, limit=limit,
                                        offset=offset)
    return ClusterDetail.model_validate(one.as_json() | {
        "members": [m.as_json() for m in members], "members_total": total})


@router.patch("/clusters/{cluster_id}")
def change_cluster(cluster_id: int, body: ClusterPatch, principal: Writer,
                   state: State) -> ClusterOut:
    """Change the fields sent (others are kept): ``label`` (empty: the representative claim
    names it again), ``disarm`` (DISARM technique ids, replacing the list),
    ``kb_narrative_id`` (a known narrative's id; empty for none)."""
    changes = body.model_dump(exclude_unset=True)
    changed = _narratives(state).update(principal.org_id, cluster_id, changes,
                                        principal.actor)
    return _out(changed.as_json())


@router.post("/clusters/{cluster_id}/merge")
def merge_clusters(cluster_id: int, body: MergeIn, principal: Writer,
                   state: State) -> ClusterOut:
    """Merge narrative ``other`` into this one: its claims move here and it goes."""
    merged = _narratives(state).merge(principal.org_id, cluster_id, body.other,
                                      principal.actor)
    return _out(merged.as_json())


@router.post("/clusters/{cluster_id}/split", status_code=201)
def split_cluster(cluster_id: int, body: SplitIn, principal: Writer, state: State) -> SplitOut:
    """Move the claims named to a new narrative (201: ``new`` is it)."""
    kept, new = _narratives(state).split(principal.org_id, cluster_id, body.claims,
                                         principal.actor, label=body.label)
    return SplitOut(kept=_out(kept.as_json()), new=_out(new.as_json()))
