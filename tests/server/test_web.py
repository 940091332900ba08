"""The web UI's pages: each renders, forms need the session's CSRF token, viewers change
nothing, untrusted text is escaped, and no page shows another organisation's records."""

from __future__ import annotations

import json
import re

import httpx2
from tests.server.conftest import PASSWORD, Server
from tests.server.test_documents_api import ARTICLE, RECORDS
from tests.server.test_escaping import PAYLOADS

from faro.model import Claim, Document, FactCheck, Match, Verdict
from faro.store import CLI, Actor

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def _sign_in(server: Server, who: str) -> str:
    """Sign ``who`` in through the form (as a fresh browser); the session's CSRF token, read
    off the next page."""
    c = server.client
    c.cookies.clear()
    form = c.get("/sign-in")
    assert form.status_code == 200
    token = _CSRF.search(form.text)
    assert token is not None
    answer = c.post("/sign-in", data={"email": f"{who}@example.org", "password": PASSWORD,
                                      "csrf_token": token.group(1), "next": "/documents"},
                    follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/documents"
    page = c.get("/documents")
    assert f"{who}@example.org" in page.text
    found = _CSRF.search(page.text)
    assert found is not None and found.group(1)
    return found.group(1)


def _wait(server: Server) -> None:
    server.client.app.state.faro.jobs.wait()  # type: ignore[attr-defined]


def _paste(server: Server, csrf: str, text: str = ARTICLE, title: str = "Rassegna") -> int:
    """Paste a document as the signed-in analyst, wait for its analysis; its id."""
    c = server.client
    answer = c.post("/documents", data={"text": text, "title": title, "csrf_token": csrf},
                    follow_redirects=False)
    assert answer.status_code == 303, answer.text
    job = answer.headers["location"]
    assert job.startswith("/jobs/")
    _wait(server)
    status = c.get(f"{job}/status").json()
    assert status["finished"] and status["done"] == 1 and status["failed"] == 0, status
    return int(status["document_ids"][0])


def _html(answer: httpx2.Response) -> str:
    assert answer.status_code == 200, (answer.request.url, answer.text[:500])
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def _suggested(server: Server) -> list[int]:
    page = server.client.get("/api/v1/matches?status=suggested",
                             headers=server.auth("analyst")).json()
    return [m["id"] for m in page["items"]]


def test_every_page_renders_for_an_analyst(server: Server) -> None:
    server.store.put_records(RECORDS)
    csrf = _sign_in(server, "analyst")
    doc_id = _paste(server, csrf)
    c = server.client

    page = _html(c.get(f"/documents/{doc_id}"))
    # the claim is highlighted and linked to its matches, which show verdict and confidence
    assert 'class="claim' in page and 'href="#claim-' in page
    assert 'class="claim quote"' in page and "entity-person" in page
    assert "verdict-false" in page and "confidence 58%" in page
    assert "5G e virus" in page and 'action="/matches/' in page

    for path in ("/", "/documents", "/documents?status=analysed&language=it&title=rass",
                 "/review", "/review?status=all&language=it", "/review?offset=25",
                 "/kb", "/kb?language=it&verdict=false", "/kb?q=antenne+5G+coronavirus"):
        html = _html(c.get(path))
        assert "analyst@example.org" in html, path
        assert 'href="/audit"' not in html  # the audit log is for administrators
    assert "Rassegna" in _html(c.get("/documents"))
    dashboard = _html(c.get("/"))
    assert "<svg" in dashboard and 'class="series-0"' in dashboard
    assert "5G e virus" in dashboard  # the most matched record
    review = _html(c.get("/review"))
    assert "Il ministro Mario Rossi" in review and "/confirm" in review
    search = _html(c.get("/kb?q=antenne+5G+coronavirus"))
    assert "5G e virus" in search

    refused = c.get("/audit")
    assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]
    assert c.get("/documents/99999").status_code == 404
    assert c.get("/review?status=bogus").status_code == 422


def test_admins_read_the_audit_log_page(server: Server) -> None:
    csrf = _sign_in(server, "admin")
    _paste(server, csrf, "Una frase qualsiasi con il 12% di qualcosa nel 2023.")
    html = _html(server.client.get("/audit"))
    assert "document.create" in html and "document.analyse" in html and "session.create" in html
    assert PASSWORD not in html
    only = _html(server.client.get("/audit?action=document.create"))
    assert "document.create" in only and "document.analyse" not in only


def test_sign_in_form_guards_itself(server: Server) -> None:
    c = server.client
    form = c.get("/sign-in?next=/review")
    token = _CSRF.search(form.text)
    assert token is not None and 'value="/review"' in form.text
    assert "__Host-faro_csrf=" in form.headers["set-cookie"]
    no_token = c.post("/sign-in", data={"email": "analyst@example.org", "password": PASSWORD},
                      follow_redirects=False)
    assert no_token.status_code == 403 and "expired" in no_token.text
    fresh = _CSRF.search(c.get("/sign-in").text)
    assert fresh is not None
    wrong = c.post("/sign-in", data={"email": "analyst@example.org", "password": "nope",
                                     "csrf_token": fresh.group(1)}, follow_redirects=False)
    assert wrong.status_code == 401 and "Wrong e-mail address or password" in wrong.text
    again = _CSRF.search(wrong.text)
    assert again is not None
    away = c.post("/sign-in", data={"email": "analyst@example.org", "password": PASSWORD,
                                    "csrf_token": again.group(1),
                                    "next": "//evil.example/phish"}, follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/"  # never off-site
    cookie = away.headers["set-cookie"].lower()
    assert "__host-faro_session=" in cookie and "httponly" in cookie and "secure" in cookie

    csrf = _CSRF.search(c.get("/").text)
    assert csrf is not None
    assert c.post("/sign-out", follow_redirects=False).status_code == 403  # CSRF, again
    out = c.post("/sign-out", data={"csrf_token": csrf.group(1)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/sign-in"
    gone = c.get("/review", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/sign-in?next=%2Freview"


def test_forms_need_the_csrf_token(server: Server) -> None:
    server.store.put_records(RECORDS)
    csrf = _sign_in(server, "analyst")
    _paste(server, csrf)
    c = server.client
    match_id = _suggested(server)[0]
    for data in ({}, {"csrf_token": "guess"}, {"csrf_token": ""}):
        answer = c.post(f"/matches/{match_id}/confirm", data=data, follow_redirects=False)
        assert answer.status_code == 403, data
        assert answer.json()["code"] == "F503"
    assert c.post("/documents", data={"text": "x"}, follow_redirects=False).status_code == 403
    assert c.post("/documents/upload", files={"file": ("a.txt", b"Some text.")},
                  follow_redirects=False).status_code == 403
    assert _suggested(server) == [match_id]  # nothing changed

    done = c.post(f"/matches/{match_id}/confirm",
                  data={"csrf_token": csrf, "next": "/review?status=all"},
                  follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/review?status=all"
    assert match_id not in _suggested(server)
    assert "status-confirmed" in _html(c.get("/review?status=confirmed"))
    away = c.post(f"/matches/{match_id}/reject",
                  data={"csrf_token": csrf, "next": "https://evil.example/"},
                  follow_redirects=False)
    assert away.headers["location"] == "/"
    audit = c.get("/api/v1/audit?limit=500", headers=server.auth("admin")).json()["items"]
    assert {"match.confirmed", "match.rejected"} <= {e["action"] for e in audit}


def test_viewers_see_no_edit_forms_and_cannot_post(server: Server) -> None:
    server.store.put_records(RECORDS)
    analyst_csrf = _sign_in(server, "analyst")
    doc_id = _paste(server, analyst_csrf)
    match_id = _suggested(server)[0]

    csrf = _sign_in(server, "viewer")
    c = server.client
    for path in ("/documents", f"/documents/{doc_id}", "/review"):
        html = _html(c.get(path))
        assert "/confirm" not in html and "/reject" not in html, path
        assert 'method="post" action="/documents' not in html and "/analyse" not in html, path
    assert "Il ministro Mario Rossi" in _html(c.get("/review"))
    for path, data in ((f"/matches/{match_id}/confirm", {}),
                       (f"/matches/{match_id}/reject", {}),
                       ("/documents", {"text": "A viewer's text."}),
                       (f"/documents/{doc_id}/analyse", {})):
        answer = c.post(path, data=data | {"csrf_token": csrf}, follow_redirects=False)
        assert answer.status_code == 403, path
        assert "text/html" in answer.headers["content-type"]
        assert "F502" in answer.text
    assert _suggested(server) == [match_id]


def test_untrusted_text_is_rendered_escaped(server: Server) -> None:
    payload_claim = "Le antenne 5G diffondono il coronavirus nel 90% delle città"
    server.store.put_records([
        FactCheck(id="https://fc.example/xss", claim=f"{payload_claim} {PAYLOADS[0]}",
                  language="it", verdict=Verdict.FALSE, rating=PAYLOADS[1],
                  url="javascript:alert(1)", publisher=PAYLOADS[2], title=PAYLOADS[0],
                  claimant=PAYLOADS[4]),
        *RECORDS[1:]])
    csrf = _sign_in(server, "analyst")
    c = server.client
    article = {"id": "xss-1", "title": PAYLOADS[0], "lang": "it",
               "text": f"Il ministro Mario Rossi ha detto che le antenne 5G diffondono il "
                       f"coronavirus nel 90% delle città {PAYLOADS[0]} europee. "
                       f"Secondo l'ISTAT il 40% dei fondi {PAYLOADS[1]} è stato speso. "
                       + " ".join(PAYLOADS)}
    lines = json.dumps(article, ensure_ascii=False) + "\n" + "{not json\n"
    answer = c.post("/documents/upload", data={"csrf_token": csrf},
                    files={"file": (f"{PAYLOADS[0]}.jsonl", lines.encode("utf-8"))},
                    follow_redirects=False)
    assert answer.status_code == 303, answer.text
    _wait(server)
    job_page = _html(c.get(answer.headers["location"]))
    assert "line 2" in job_page  # the unreadable record is named
    doc_id = c.get(f"{answer.headers['location']}/status").json()["document_ids"][0]
    assert _suggested(server), "the fact-check should match the article"

    pages = [f"/documents/{doc_id}", "/documents", "/review", "/review?status=all", "/",
             "/kb", "/kb?q=antenne+5G+coronavirus", answer.headers["location"]]
    for path in pages:
        html = _html(c.get(path))
        for raw in ("<script>", "<img src=x", "<svg/onload", "<iframe"):
            assert raw not in html, (path, raw)
        assert 'href="javascript:' not in html, path
    document = c.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in document
    assert "&lt;svg/onload=alert(document.cookie)&gt;" in c.get("/review").text
    admin_csrf = _sign_in(server, "admin")
    assert admin_csrf
    audit = _html(c.get("/audit"))
    assert "<script>" not in audit and "&lt;script&gt;" in audit


def test_organisation_b_sees_none_of_a(server: Server) -> None:
    server.store.put_records(RECORDS)
    csrf = _sign_in(server, "analyst")
    c = server.client
    answer = c.post("/documents", data={"text": ARTICLE, "title": "A's secret",
                                        "csrf_token": csrf}, follow_redirects=False)
    job = answer.headers["location"]
    _wait(server)
    doc_id = c.get(f"{job}/status").json()["document_ids"][0]
    match_id = _suggested(server)[0]

    b_csrf = _sign_in(server, "b")
    for path in (f"/documents/{doc_id}", job, f"{job}/status"):
        refused = c.get(path)
        assert refused.status_code == 404, path
        assert "A&#39;s secret" not in refused.text and ARTICLE[:30] not in refused.text
    for path in (f"/matches/{match_id}/confirm", f"/documents/{doc_id}/analyse"):
        assert c.post(path, data={"csrf_token": b_csrf},
                      follow_redirects=False).status_code == 404
    for path in ("/documents", "/review?status=all", "/"):
        html = _html(c.get(path))
        assert "A&#39;s secret" not in html and "Mario Rossi" not in html, path
        assert "5G e virus" not in html, path
    assert _suggested(server) == [match_id]


def test_review_queue_is_ordered_by_check_worthiness(server: Server) -> None:
    server.store.put_records(RECORDS)
    org = server.users["analyst"].org_id
    actor = Actor("cli", org, None)
    docs = server.store.documents
    stored = docs.add(org, Document(id="queue", text="Low one. High one. Middle one."), actor)
    # confidence runs against check-worthiness, so the order shows which one the queue uses
    scored = [("Low one.", 0, 0.35, 0.95), ("High one.", 9, 0.95, 0.40),
              ("Middle one.", 19, 0.60, 0.70)]
    claims = [Claim(sentence=i, start=start, end=start + len(text), text=text, score=score,
                    matches=[Match(target_id=RECORDS[i].id, target_kind="factcheck",
                                   score=confidence, confidence=confidence)], checkworthy=True)
              for i, (text, start, score, confidence) in enumerate(scored)]
    analysed = Document(id=str(stored.id), text=stored.text, claims=claims)
    docs.save_analysis(org, stored.id, analysed, CLI)

    _sign_in(server, "viewer")
    html = _html(server.client.get("/review"))
    order = [html.index(t) for t in ("High one.", "Middle one.", "Low one.")]
    assert order == sorted(order)
    highlighted = _html(server.client.get(f"/documents/{stored.id}"))
    assert highlighted.count("data-claim=") == 3


def test_inbox_pages_and_filters(server: Server) -> None:
    org = server.users["analyst"].org_id
    actor = Actor("cli", org, None)
    for i in range(30):
        server.store.documents.add(org, Document(id=f"d{i}", text=f"Text {i}.",
                                                 title=f"Item {i:02d}"), actor)
    _sign_in(server, "viewer")
    c = server.client
    first = _html(c.get("/documents"))
    assert first.count("<tr>") == 26 and "Item 29" in first and "Item 04" not in first
    assert 'rel="next"' in first and "offset=25" in first and 'rel="prev"' not in first
    second = _html(c.get("/documents?offset=25"))
    assert second.count("<tr>") == 6 and "Item 04" in second and 'rel="prev"' in second
    assert _html(c.get("/documents?title=Item+07")).count("<tr>") == 2
    assert "No documents match" in _html(c.get("/documents?status=analysed"))
    assert c.get("/documents?status=bogus").status_code == 422
