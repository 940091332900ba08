"""Filters on the API's lists and the web UI's pages (documents, claims, matches, reviews, the
review queue), kept in the page links; bad values refused as problems with faro's code; the
review form's DISARM picker; the dashboard's charts; and lists that count only what they
show."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from tests.server.conftest import Server
from tests.server.test_documents_api import RECORDS
from tests.server.test_escaping import PAYLOADS
from tests.server.test_web import _html, _sign_in

from faro.model import Claim, Document, FactCheck, Language, Match, Narrative, Verdict
from faro.store import CLI, Actor

TODAY = datetime.now(UTC).date()
#: A narrative with markup in its title, to see the dashboard's labels escaped.
NARRATIVE = Narrative(id="narr:xss", title=f"Cables cut {PAYLOADS[0]}",
                      summary="Someone cuts undersea cables.", language="en")
TRUE_FC = FactCheck(id="https://fc.example/true", claim="Rome has a mayor.", language="en",
                    verdict=Verdict.TRUE, publisher="Desk", title="Mayor true")


def _seed(server: Server) -> dict[str, Any]:
    """Three analysed documents of organisation A, built directly (no scorer involved):

    - ``it`` published five days ago: one claim (0.9) matching the false 5G fact-check, and
      one (0.3) without any match;
    - ``en`` published today: one claim (0.7) matching the narrative and the true fact-check;
    - ``en`` with no publication date (so its day is the day it was added, today), source
      ``wire.jsonl``: one claim (0.5) whose only match is rejected.
    """
    server.store.put_records([*RECORDS, TRUE_FC, NARRATIVE])
    org = server.users["analyst"].org_id
    actor = Actor("cli", org, None)
    docs = server.store.documents
    five_days = datetime.now(UTC) - timedelta(days=5)

    def add(ext: str, lang: str, text: str, claims: list[tuple[str, float, list[Match]]],
            published: datetime | None = None, source: str | None = None) -> int:
        stored = docs.add(org, Document(id=ext, text=text, title=f"Doc {ext}",
                                        published=published, source=source), actor)
        built = []
        for i, (sentence, score, found) in enumerate(claims):
            start = text.index(sentence)
            built.append(Claim(sentence=i, start=start, end=start + len(sentence),
                               text=sentence, score=score, matches=found, checkworthy=True))
        docs.save_analysis(org, stored.id, Document(
            id=str(stored.id), text=text, language=Language(lang, 1.0, "forced"),
            claims=built), CLI)
        return stored.id

    def match(record: FactCheck | Narrative, confidence: float,
              status: str = "suggested") -> Match:
        kind = "factcheck" if isinstance(record, FactCheck) else "narrative"
        return Match(target_id=record.id, target_kind=kind, score=confidence,
                     confidence=confidence, status=status)

    ids = {
        "it": add("it-old", "it", "Le antenne 5G. Il sindaco parla.",
                  [("Le antenne 5G.", 0.9, [match(RECORDS[0], 0.8)]),
                   ("Il sindaco parla.", 0.3, [])], published=five_days),
        "en": add("en-new", "en", "Cables were cut. Rome has a mayor.",
                  [("Cables were cut.", 0.7, [match(NARRATIVE, 0.6), match(TRUE_FC, 0.5)])],
                  published=datetime.now(UTC)),
        "wire": add("en-wire", "en", "A wire claim.",
                    [("A wire claim.", 0.5, [match(RECORDS[1], 0.4, "rejected")])],
                    source="wire.jsonl"),
    }
    return ids


def _get(server: Server, path: str, **params: Any) -> dict[str, Any]:
    answer = server.client.get(path, params=params, headers=server.auth("viewer"))
    assert answer.status_code == 200, (path, params, answer.text)
    body: dict[str, Any] = answer.json()
    return body


def _problem(server: Server, path: str, **params: Any) -> str:
    answer = server.client.get(path, params=params, headers=server.auth("viewer"))
    assert answer.status_code == 422, (path, params, answer.text)
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["code"] == "F504" and body["status"] == 422
    return str(body["detail"])


def test_api_lists_filter(server: Server) -> None:
    ids = _seed(server)
    day = (TODAY - timedelta(days=5)).isoformat()
    today = TODAY.isoformat()

    def doc_ids(**params: Any) -> list[int]:
        page = _get(server, "/api/v1/documents", **params)
        assert page["total"] == len(page["items"])
        return sorted(d["id"] for d in page["items"])

    assert doc_ids(language="it") == [ids["it"]]
    assert doc_ids(since=today) == sorted([ids["en"], ids["wire"]])
    assert doc_ids(until=day) == [ids["it"]] == doc_ids(since=day, until=day)
    assert doc_ids(source="WIRE") == [ids["wire"]]
    assert doc_ids(q="sindaco") == [ids["it"]] == doc_ids(q="doc it-old")
    assert doc_ids(q="100%") == []

    def claim_texts(**params: Any) -> list[str]:
        return [c["text"] for c in _get(server, "/api/v1/claims", **params)["items"]]

    assert claim_texts() == ["Le antenne 5G.", "Cables were cut.", "A wire claim.",
                             "Il sindaco parla."]  # best first
    assert claim_texts(has_match="true") == ["Le antenne 5G.", "Cables were cut."]
    assert claim_texts(has_match="false") == ["A wire claim.", "Il sindaco parla."]
    assert claim_texts(language="it", min_score=0.5) == ["Le antenne 5G."]
    assert claim_texts(until=day) == ["Le antenne 5G.", "Il sindaco parla."]

    def targets(**params: Any) -> list[str]:
        return [m["target_id"] for m in _get(server, "/api/v1/matches", **params)["items"]]

    assert targets(verdict="false") == [RECORDS[0].id, RECORDS[1].id]
    assert targets(verdict="false", status="suggested") == [RECORDS[0].id]
    assert targets(verdict="true") == [TRUE_FC.id]
    assert targets(language="en", status="suggested") == [NARRATIVE.id, TRUE_FC.id]
    assert targets(since=today, status="rejected") == [RECORDS[1].id]
    assert targets(until=day) == [RECORDS[0].id]

    # reviews: by verdict given, reviewer and day changed
    c = server.client
    five_g = _get(server, "/api/v1/matches", verdict="false", status="suggested")["items"][0]
    narrative = _get(server, "/api/v1/matches", language="en")["items"][0]
    for match, who, verdict in ((five_g, "analyst", "false"), (narrative, "admin", "mostly_false")):
        answer = c.post(f"/api/v1/matches/{match['id']}/review", json={"verdict": verdict},
                        headers=server.auth(who))
        assert answer.status_code == 200, answer.text

    def reviewed(**params: Any) -> list[int]:
        return [r["match_id"] for r in _get(server, "/api/v1/reviews", **params)["items"]]

    assert reviewed(verdict="false") == [five_g["id"]]
    assert reviewed(reviewer=server.users["admin"].id) == [narrative["id"]]
    assert sorted(reviewed(since=today)) == sorted([five_g["id"], narrative["id"]])
    assert reviewed(until=(TODAY - timedelta(days=1)).isoformat()) == []


def test_bad_filters_are_problems_with_codes(server: Server) -> None:
    for path, params in [
        ("/api/v1/documents", {"language": "EN; drop"}),
        ("/api/v1/documents", {"since": "yesterday"}),
        ("/api/v1/documents", {"until": "2024-02-30"}),
        ("/api/v1/documents", {"status": "bogus"}),
        ("/api/v1/claims", {"has_match": "perhaps"}),
        ("/api/v1/claims", {"min_score": "2"}),
        ("/api/v1/matches", {"verdict": "fake"}),
        ("/api/v1/matches", {"status": "pending"}),
        ("/api/v1/reviews", {"reviewer": "me"}),
        ("/api/v1/reviews", {"verdict": "pants_on_fire"}),
    ]:
        _problem(server, path, **params)
    assert "after until" in _problem(server, "/api/v1/matches", since="2025-03-02",
                                     until="2025-03-01")

    _sign_in(server, "viewer")
    c = server.client
    for path in ("/documents?since=tomorrow", "/documents?language=%3Cb%3E",
                 "/documents?status=gone", "/review?verdict=fake", "/review?status=bogus",
                 "/review?since=2025-03-02&until=2025-03-01", "/review?until=13/01/2025"):
        answer = c.get(path)
        assert answer.status_code == 422, path
        assert "text/html" in answer.headers["content-type"]
        assert "F504" in answer.text and "<b>" not in answer.text, path


def test_pages_filter_and_keep_their_filters_in_links(server: Server) -> None:
    org = server.users["analyst"].org_id
    actor = Actor("cli", org, None)
    for i in range(30):
        server.store.documents.add(org, Document(id=f"d{i}", text=f"Text {i}.",
                                                 title=f"Item {i:02d}",
                                                 source="wire.jsonl" if i % 2 else "pasted"),
                                   actor)
    _sign_in(server, "viewer")
    c = server.client
    html = _html(c.get("/documents?source=wire&q=item&since=" + TODAY.isoformat()))
    assert html.count("<tr>") == 16  # 15 of 30, one page
    assert 'rel="next"' not in html and "15 in all" in html
    html = _html(c.get("/documents?q=text"))
    assert "30 in all" in html
    link = re.search(r'rel="next" href="([^"]+)"', html)
    assert link is not None
    assert "q=text" in link.group(1) and "offset=25" in link.group(1)
    second = _html(c.get(link.group(1).replace("&amp;", "&")))
    assert second.count("<tr>") == 6 and "30 in all" in second
    assert 'value="text"' in second  # the form shows the filter it applied

    ids = _seed(server)
    assert ids
    html = _html(c.get("/review?status=all&verdict=false&language=it"))
    assert "Le antenne 5G." in html and "Cables were cut." not in html
    assert '<option value="false" selected>' in html
    html = _html(c.get("/review?status=all&language=en&since=" + TODAY.isoformat()))
    assert "Cables were cut." in html and "A wire claim." in html
    assert "Le antenne 5G." not in html
    assert f'value="{TODAY.isoformat()}"' in html


def test_review_queue_pages_keep_filters(server: Server) -> None:
    server.store.put_records(RECORDS)
    org = server.users["analyst"].org_id
    actor = Actor("cli", org, None)
    docs = server.store.documents
    text = " ".join(f"Claim {i:02d}." for i in range(30))
    stored = docs.add(org, Document(id="many", text=text), actor)
    claims = [Claim(sentence=i, start=text.index(f"Claim {i:02d}."),
                    end=text.index(f"Claim {i:02d}.") + 9, text=f"Claim {i:02d}.",
                    score=1 - i / 100, checkworthy=True,
                    matches=[Match(target_id=RECORDS[0].id, target_kind="factcheck",
                                   score=0.5, confidence=0.5)])
              for i in range(30)]
    docs.save_analysis(org, stored.id, Document(id=str(stored.id), text=text,
                                                language=Language("en", 1.0, "forced"),
                                                claims=claims), CLI)
    _sign_in(server, "analyst")
    c = server.client
    first = _html(c.get("/review?status=suggested&verdict=false&language=en"))
    assert "30 in all" in first and "Claim 00." in first and "Claim 25." not in first
    link = re.search(r'rel="next" href="([^"]+)"', first)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    for kept in ("status=suggested", "verdict=false", "language=en", "offset=25"):
        assert kept in href
    second = _html(c.get(href))
    assert "Claim 25." in second and "Claim 00." not in second and "30 in all" in second
    assert "=None" not in second and "until=&amp;" in second  # empty fields stay empty
    # each form goes back to the page it was sent from, filters and all
    assert 'name="next" value="/review?status=suggested&amp;language=en&amp;verdict=false' \
        in second


def test_review_form_tags_techniques_from_the_picker(server: Server) -> None:
    _seed(server)
    csrf = _sign_in(server, "analyst")
    c = server.client
    html = _html(c.get("/review"))
    assert '<datalist id="disarm-techniques">' in html
    assert '<option value="T0002">Facilitate State Propaganda</option>' in html
    assert html.count("<datalist") == 1  # one list for every form on the page
    assert "CC BY-SA 4.0" in html and "DISARM Foundation" in html
    assert 'list="disarm-techniques"' in html and 'name="add_technique"' in html
    match_id = int(re.findall(r'action="/matches/(\d+)/review"', html)[0])

    answer = c.post(f"/matches/{match_id}/review",
                    data={"csrf_token": csrf, "techniques": "T0002", "add_technique": "t0003",
                          "verdict": "false", "next": "/review?status=all"},
                    follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/review?status=all"
    review = c.get(f"/api/v1/matches/{match_id}/review", headers=server.auth("viewer")).json()
    assert [t["id"] for t in review["techniques"]] == ["T0002", "T0003"]

    refused = c.post(f"/matches/{match_id}/review",
                     data={"csrf_token": csrf, "techniques": "T0002",
                           "add_technique": "T9999", "verdict": "true"},
                     follow_redirects=False)
    assert refused.status_code == 422 and "text/html" in refused.headers["content-type"]
    assert "T9999" in refused.text and "T0014.001" in refused.text and "F504" in refused.text
    review = c.get(f"/api/v1/matches/{match_id}/review", headers=server.auth("viewer")).json()
    assert review["verdict"] == "false"  # nothing changed

    # the document page offers the same picker; viewers see the attribution, no form
    doc = _html(c.get("/documents/" + str(review["document_id"])))
    assert '<datalist id="disarm-techniques">' in doc and "Facilitate State Propaganda" in doc
    _sign_in(server, "viewer")
    viewer = _html(c.get("/review?status=all"))
    assert "<datalist" not in viewer and "CC BY-SA 4.0" in viewer


def test_dashboard_draws_the_four_charts(server: Server) -> None:
    _seed(server)
    _sign_in(server, "viewer")
    html = _html(server.client.get("/"))
    # claims per day by language: today's en claims (2) and the it claims five days ago (2)
    assert f"{TODAY.isoformat()} en: 2 claims" in html
    assert f"{(TODAY - timedelta(days=5)).isoformat()} it: 2 claims" in html
    # share matched: 2 of 4 claims have a match not rejected
    assert "50%: 2 of 4 claims have a match not rejected" in html
    # review backlog: 3 suggested, 0 confirmed, 1 rejected
    assert "matches by status: suggested 3, confirmed 0, rejected 1" in html
    # top narratives and fact-checks, labels escaped (in SVG text and its table)
    narratives = html[html.index('id="top-narratives"'):html.index('id="top-factchecks"')]
    assert "Cables cut &lt;script&gt;" in narratives and "<script>" not in html
    assert "Cables cut &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;: 1 claim(s)" in html
    factchecks = html[html.index('id="top-factchecks"'):]
    assert "5G e virus" in factchecks and "Mayor true" in factchecks
    assert "Il sindaco numero 1" not in factchecks  # its only match is rejected


@contextmanager
def _statements(server: Server) -> Iterator[list[str]]:
    seen: list[str] = []

    def log(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement.lower())

    engine = server.store.engine
    sa.event.listen(engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", log)


def test_lists_count_only_when_a_page_needs_it(server: Server) -> None:
    ids = _seed(server)
    c, auth = server.client, server.auth("viewer")

    def counts(path: str) -> int:
        with _statements(server) as seen:
            assert c.get(path, headers=auth).status_code == 200
        return sum("count(*)" in s for s in seen)

    # a claim's matches and a match's review are read whole, never counted
    assert counts(f"/api/v1/claims?document_id={ids['en']}") == 0
    assert counts(f"/api/v1/claims/{_get(server, '/api/v1/claims')['items'][0]['id']}") == 0
    # a short first page is its own total; a full page needs the count, and gets it right
    assert counts("/api/v1/matches") == 0
    assert counts("/api/v1/matches?limit=2") == 1
    page = _get(server, "/api/v1/matches", limit=2)
    assert page["total"] == 4 and len(page["items"]) == 2
    last = _get(server, "/api/v1/matches", limit=2, offset=2)
    assert last["total"] == 4 and len(last["items"]) == 2
    past = _get(server, "/api/v1/matches", limit=2, offset=9)
    assert past["total"] == 4 and past["items"] == []
    tail = _get(server, "/api/v1/matches", limit=3, offset=3)
    assert tail["total"] == 4 and len(tail["items"]) == 1
    _sign_in(server, "viewer")
    with _statements(server) as seen:
        _html(c.get(f"/documents/{ids['en']}"))
    assert not any("count(*)" in s for s in seen)
