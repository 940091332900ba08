"""The narratives' pages: the organisation's narratives over a window with their volume per day
and bursts, and one narrative with its claims, where analysts rename, tag, link, merge and
split it (each change audited by the store, as the API's and the CLI's are)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response

from faro._errors import InvalidRequestError
from faro.kb.disarm import parse_techniques, techniques
from faro.server._auth import Reader, Writer
from faro.server._render import pages, volume_chart
from faro.server._state import State
from faro.server._views import PAGE, Choice, Offset, _day, _free, _query, _see, render
from faro.store._narratives import MAX_LABEL_CHARS, Narratives

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

#: Days a narrative's chart shows at least.
CHART_DAYS = 30


@router.get("/narratives")
def narratives_page(principal: Reader, state: State, offset: Offset = 0, since: Choice = None,
                    until: Choice = None, emerging: Choice = None) -> HTMLResponse:
    """The window's narratives, most claims first (or, ``emerging``, those that burst)."""
    only_emerging = _free(emerging) in ("1", "on", "true")
    found, window = Narratives.of(state.store.engine).find(
        principal.org_id, since=_day(since, "since"), until=_day(until, "until"),
        emerging=only_emerging, limit=PAGE + 1, offset=offset)
    more = len(found) > PAGE
    rows = [{"narrative": n, "chart": volume_chart(n.volume, window.days,
                                                    {b.day for b in n.bursts})}
            for n in found[:PAGE]]
    query = {"since": _free(since), "until": _free(until),
             "emerging": "1" if only_emerging else None}
    return render("narratives.html", principal, rows=rows, window=window, offset=offset,
                  paging={"previous": max(0, offset - PAGE) if offset else None,
                          "next": offset + PAGE if more else None},
                  query=_query(query), emerging=only_emerging)


@router.get("/narratives/{narrative_id}")
def narrative_page(narrative_id: int, principal: Reader, state: State,
                   offset: Offset = 0) -> HTMLResponse:
    narratives = Narratives.of(state.store.engine)
    one = narratives.get(principal.org_id, narrative_id)
    members, total = narratives.members(principal.org_id, narrative_id, limit=PAGE,
                                        offset=offset)
    # the 30 days up to its last day at least, so a young narrative's bars keep their width
    last = max(one.volume, default=None)
    first = min(one.volume, default=None)
    days = [] if last is None or first is None else [
        last - timedelta(days=i)
        for i in range(max(CHART_DAYS, (last - first).days + 1) - 1, -1, -1)]
    chart = volume_chart(one.volume, days, {b.day for b in one.bursts}, width=600, height=60)
    names = techniques()
    return render("narrative.html", principal, nav="narratives", narrative=one,
                  members=members, total=total, offset=offset, chart=chart,
                  paging=pages(total, PAGE, offset),
                  tagged=[(t, names.get(t, "")) for t in one.disarm],
                  techniques=names, max_label=MAX_LABEL_CHARS)


def _changed(narrative_id: int) -> Response:
    return _see(f"/narratives/{narrative_id}")


@router.post("/narratives/{narrative_id}/rename")
def rename(narrative_id: int, principal: Writer, state: State,
           label: Annotated[str, Form(max_length=MAX_LABEL_CHARS)] = "") -> Response:
    """An analyst's label; empty: the representative claim names it again."""
    Narratives.of(state.store.engine).update(principal.org_id, narrative_id,
                                             {"label": label.strip() or None}, principal.actor)
    return _changed(narrative_id)


@router.post("/narratives/{narrative_id}/tag")
def tag(narrative_id: int, principal: Writer, state: State,
        disarm: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """DISARM technique ids (commas or spaces), replacing the list."""
    Narratives.of(state.store.engine).update(principal.org_id, narrative_id,
                                             {"disarm": parse_techniques(disarm)},
                                             principal.actor)
    return _changed(narrative_id)


@router.post("/narratives/{narrative_id}/link")
def link(narrative_id: int, principal: Writer, state: State,
         kb_narrative_id: Annotated[str, Form(max_length=512)] = "") -> Response:
    """Link to a known narrative of the knowledge base (empty: none)."""
    Narratives.of(state.store.engine).update(
        principal.org_id, narrative_id, {"kb_narrative_id": kb_narrative_id.strip() or None},
        principal.actor)
    return _changed(narrative_id)


@router.post("/narratives/{narrative_id}/merge")
def merge(narrative_id: int, principal: Writer, state: State,
          other: Annotated[str, Form(max_length=20)]) -> Response:
    """Merge narrative ``other`` into this one."""
    if not other.strip().isdigit():
        raise InvalidRequestError("the narrative to merge is a number, such as 12")
    Narratives.of(state.store.engine).merge(principal.org_id, narrative_id,
                                            int(other.strip()), principal.actor)
    return _changed(narrative_id)


@router.post("/narratives/{narrative_id}/split")
def split(narrative_id: int, principal: Writer, state: State,
          claim: Annotated[list[int] | None, Form()] = None,
          label: Annotated[str, Form(max_length=MAX_LABEL_CHARS)] = "") -> Response:
    """Move the ticked claims to a new narrative, which the page then shows."""
    if not claim:
        raise InvalidRequestError("tick the claims to move to a new narrative")
    _, new = Narratives.of(state.store.engine).split(principal.org_id, narrative_id, claim,
                                                     principal.actor,
                                                     label=label.strip() or None)
    return _changed(new.id)
