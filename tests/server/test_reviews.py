"""Reviews of matches: an analyst's verdict, note and DISARM techniques, through the API and the
web UI's forms; viewers refused, other organisations kept out, every change audited, notes
escaped."""

from __future__ import annotations

from tests.server.conftest import Server
from tests.server.test_documents_api import ARTICLE, RECORDS
from tests.server.test_escaping import PAYLOADS
from tests.server.test_web import _html, _paste, _sign_in, _suggested

from faro.kb.disarm import check_techniques, techniques
from faro.model import Verdict
from faro.server._schemas import VerdictName


def _analysed(server: Server) -> tuple[int, int]:
    """An analysed document of organisation A through the API; its id and its suggested
    match's."""
    server.store.put_records(RECORDS)
    made = server.client.post("/api/v1/documents?analyse=true",
                              json={"text": ARTICLE, "title": "Rossi"},
                              headers=server.auth("analyst"))
    assert made.status_code == 201, made.text
    return made.json()["id"], _suggested(server)[0]


def _audit(server: Server, action: str) -> list[dict[str, object]]:
    page = server.client.get(f"/api/v1/audit?limit=500&action={action}",
                             headers=server.auth("admin")).json()
    items: list[dict[str, object]] = page["items"]
    return items


def test_the_shipped_techniques_and_verdicts() -> None:
    names = techniques()
    assert len(names) > 300 and names["T0002"] == "Facilitate State Propaganda"
    assert all(t.startswith("T") for t in names)
    assert check_techniques(["t0002", " T0003 ", "T0002", ""]) == ["T0002", "T0003"]
    assert set(VerdictName.__args__) == {v.value for v in Verdict}  # type: ignore[attr-defined]


def test_an_analyst_reviews_a_match_through_the_api(server: Server) -> None:
    doc_id, match_id = _analysed(server)
    c, auth = server.client, server.auth("analyst")
    assert c.get(f"/api/v1/matches/{match_id}/review", headers=auth).status_code == 404

    body = {"status": "confirmed", "verdict": "mostly_false", "note": "Seen on three channels.",
            "techniques": ["t0002", "T0003", "T0002"]}
    answer = c.post(f"/api/v1/matches/{match_id}/review", json=body, headers=auth)
    assert answer.status_code == 200, answer.text
    match = answer.json()
    assert match["status"] == "confirmed"
    review = match["review"]
    assert review["verdict"] == "mostly_false" and review["note"] == "Seen on three channels."
    assert review["techniques"] == [
        {"id": "T0002", "name": "Facilitate State Propaganda"},
        {"id": "T0003", "name": "Leverage Existing Narratives"}]
    assert review["reviewer_id"] == server.users["analyst"].id
    assert review["document_id"] == doc_id

    # fields left out keep their value; the review reads back, alone, in lists and with claims
    c.post(f"/api/v1/matches/{match_id}/review", json={"note": "Two channels."}, headers=auth)
    got = c.get(f"/api/v1/matches/{match_id}/review", headers=server.auth("viewer")).json()
    assert got["note"] == "Two channels." and got["verdict"] == "mostly_false"
    assert [t["id"] for t in got["techniques"]] == ["T0002", "T0003"]
    listed = c.get(f"/api/v1/reviews?document_id={doc_id}", headers=auth).json()
    assert listed["total"] == 1 and listed["items"][0]["match_id"] == match_id
    claims = c.get(f"/api/v1/claims?document_id={doc_id}", headers=auth).json()["items"]
    assert any(m["review"] and m["review"]["note"] == "Two channels."
               for claim in claims for m in claim["matches"])
    cleared = c.post(f"/api/v1/matches/{match_id}/review",
                     json={"verdict": None, "techniques": []}, headers=auth).json()["review"]
    assert cleared["verdict"] is None and cleared["techniques"] == []
    assert cleared["note"] == "Two channels."

    # every change in the audit log, with the match and its review before and after
    entries = _audit(server, "match.review")
    assert len(entries) == 3
    first = entries[-1]
    assert first["target_kind"] == "match" and first["target_id"] == str(match_id)
    assert first["before"] == {"id": match_id, "claim_id": match["claim_id"],
                               "target_id": match["target_id"], "target_kind": "factcheck",
                               "status": "suggested", "reviewed_by": None, "review": None}
    after = first["after"]
    assert isinstance(after, dict)
    assert after["status"] == "confirmed" and after["review"] == {
        "verdict": "mostly_false", "note": "Seen on three channels.",
        "techniques": ["T0002", "T0003"], "reviewer_id": server.users["analyst"].id}
    assert entries[0]["before"]["review"]["verdict"] == "mostly_false"  # type: ignore[index]

    techniques_page = c.get("/api/v1/disarm/techniques", headers=server.auth("viewer")).json()
    assert {"id": "T0002", "name": "Facilitate State Propaganda"} in techniques_page


def test_bad_reviews_are_problems_with_codes(server: Server) -> None:
    _doc_id, match_id = _analysed(server)
    c, auth = server.client, server.auth("analyst")
    cases = [
        {"techniques": ["T0002", "T9999", "not-an-id"]},
        {"verdict": "pants_on_fire"},
        {"status": "maybe"},
        {"note": "x" * 10_001},
        {"unknown": 1},
        {},
    ]
    for body in cases:
        answer = c.post(f"/api/v1/matches/{match_id}/review", json=body, headers=auth)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == "F504", body
    unknown = c.post(f"/api/v1/matches/{match_id}/review",
                     json={"techniques": ["T0002", "T9999"]}, headers=auth).json()
    assert "T9999" in unknown["detail"] and "T0002" not in unknown["detail"]
    assert c.get(f"/api/v1/matches/{match_id}/review", headers=auth).status_code == 404
    assert _audit(server, "match.review") == []
    missing = c.post("/api/v1/matches/99999/review", json={"note": "x"}, headers=auth)
    assert missing.status_code == 404 and missing.json()["code"] == "F403"


def test_viewers_and_other_organisations_cannot_review(server: Server) -> None:
    doc_id, match_id = _analysed(server)
    c = server.client
    viewer = c.post(f"/api/v1/matches/{match_id}/review", json={"note": "mine"},
                    headers=server.auth("viewer"))
    assert viewer.status_code == 403 and viewer.json()["code"] == "F502"

    b = server.auth("b")
    for answer in (c.post(f"/api/v1/matches/{match_id}/review", json={"note": "B's"},
                          headers=b),
                   c.post(f"/api/v1/matches/{match_id}/review",
                          json={"techniques": ["T9999"]}, headers=b)):
        assert answer.status_code in (404, 422), answer.text
    assert c.post(f"/api/v1/matches/{match_id}/review", json={"note": "B's"},
                  headers=b).status_code == 404
    assert c.post(f"/api/v1/matches/{match_id}/review", json={"note": "A's"},
                  headers=server.auth("analyst")).status_code == 200
    assert c.get(f"/api/v1/matches/{match_id}/review", headers=b).status_code == 404
    assert c.get("/api/v1/reviews", headers=b).json()["total"] == 0
    assert c.get(f"/api/v1/reviews?document_id={doc_id}", headers=b).json()["items"] == []
    assert c.get(f"/api/v1/matches/{match_id}/review",
                 headers=server.auth("analyst")).json()["note"] == "A's"
    assert len(_audit(server, "match.review")) == 1


def test_review_forms_on_the_queue_and_document_page(server: Server) -> None:
    server.store.put_records(RECORDS)
    csrf = _sign_in(server, "analyst")
    doc_id = _paste(server, csrf)
    match_id = _suggested(server)[0]
    c = server.client

    for path in ("/review", f"/documents/{doc_id}"):
        page = _html(c.get(path))
        assert f'action="/matches/{match_id}/review"' in page, path
        assert f'<label for="review-{match_id}-verdict">' in page
        assert f'<label for="review-{match_id}-techniques">' in page
        assert f'<label for="review-{match_id}-note">' in page
        assert '<option value="mostly_false"' in page

    payload = " ".join(PAYLOADS)
    done = c.post(f"/matches/{match_id}/review",
                  data={"csrf_token": csrf, "verdict": "false", "note": payload,
                        "techniques": "t0002, T0014.001", "next": f"/documents/{doc_id}"},
                  follow_redirects=False)
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"/documents/{doc_id}"
    review = c.get(f"/api/v1/matches/{match_id}/review", headers=server.auth("analyst")).json()
    assert review["note"] == payload and review["verdict"] == "false"
    assert [t["id"] for t in review["techniques"]] == ["T0002", "T0014.001"]

    for path in (f"/documents/{doc_id}", "/review?status=all"):
        page = _html(c.get(path))
        for bad in PAYLOADS:
            if "<" in bad:  # the others are harmless as text
                assert bad not in page, (path, bad)
        assert "&lt;script&gt;alert(" in page
        assert "Facilitate State Propaganda" in page and "T0014.001" in page
        assert 'value="T0002, T0014.001"' in page  # the form shows what the review holds

    # an unknown technique is refused, and nothing changes
    bad = c.post(f"/matches/{match_id}/review",
                 data={"csrf_token": csrf, "techniques": "T0002, T9999", "note": "other"},
                 follow_redirects=False)
    assert bad.status_code == 422 and "T9999" in bad.text and "F504" in bad.text
    assert "text/html" in bad.headers["content-type"]
    # a form without the CSRF token is refused
    forged = c.post(f"/matches/{match_id}/review", data={"note": "forged"},
                    follow_redirects=False)
    assert forged.status_code == 403 and forged.json()["code"] == "F503"
    review = c.get(f"/api/v1/matches/{match_id}/review", headers=server.auth("analyst")).json()
    assert review["note"] == payload
    assert len(_audit(server, "match.review")) == 1


def test_viewers_see_reviews_but_no_review_form(server: Server) -> None:
    doc_id, match_id = _analysed(server)
    server.client.post(f"/api/v1/matches/{match_id}/review",
                       json={"verdict": "false", "note": "Checked.", "techniques": ["T0002"]},
                       headers=server.auth("analyst"))
    csrf = _sign_in(server, "viewer")
    c = server.client
    for path in (f"/documents/{doc_id}", "/review"):
        page = _html(c.get(path))
        assert f'action="/matches/{match_id}/review"' not in page, path
        assert 'name="techniques"' not in page and 'name="note"' not in page, path
        assert "Checked." in page and "Facilitate State Propaganda" in page, path
    refused = c.post(f"/matches/{match_id}/review",
                     data={"csrf_token": csrf, "note": "viewer's"}, follow_redirects=False)
    assert refused.status_code == 403 and "F502" in refused.text


def test_organisation_b_cannot_review_through_the_form(server: Server) -> None:
    _doc_id, match_id = _analysed(server)
    csrf = _sign_in(server, "b")
    answer = server.client.post(f"/matches/{match_id}/review",
                                data={"csrf_token": csrf, "note": "B's"},
                                follow_redirects=False)
    assert answer.status_code == 404
    assert _audit(server, "match.review") == []
