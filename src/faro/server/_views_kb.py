"""The web UI's knowledge-base pages: the fact-checks, browsed and searched.

The same rules as every page (:mod:`faro.server._views`): signed-in users only, CSRF on every
form, changes for analysts, everything escaped by the templates.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from faro._errors import InvalidRequestError
from faro.model import Verdict
from faro.server._auth import Reader
from faro.server._render import pages
from faro.server._state import State
from faro.server._views import PAGE, Choice, Offset, _free, render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/kb")
def knowledge_base(principal: Reader, state: State, offset: Offset = 0,
                   q: Annotated[str | None, Query(max_length=2000)] = None,
                   language: Choice = None, verdict: Choice = None) -> HTMLResponse:
    """The fact-checks, browsed by language and verdict, or searched as matching ranks them."""
    language, verdict, q = _free(language), _free(verdict), _free(q)
    if verdict is not None and verdict not in {v.value for v in Verdict}:
        raise InvalidRequestError(f"no verdict {verdict!r}")
    results = records = None
    total = 0
    if q:
        results = state.analyser.search(q, language, 20)
        total = len(results)
    else:
        records, total = state.store.factcheck_page(language=language, verdict=verdict,
                                                    limit=PAGE, offset=offset)
    languages = sorted(str(v) for v, _ in state.store.counts_by("factcheck", "language") if v)
    return render("kb.html", principal, results=results, records=records, total=total,
                  offset=offset, paging=pages(total, PAGE, offset), languages=languages,
                  verdicts=[v.value for v in Verdict],
                  query={"q": q or "", "language": language or "", "verdict": verdict or ""})
