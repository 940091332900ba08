"""The knowledge base's write side through the API: fact-checks and narratives created,
changed and deleted under the importers' rules, every change audited, viewers and anonymous
callers refused, files imported in the background, and search kept fresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.conftest import Server
from tests.server.test_documents_api import RECORDS

from faro.store import read_audit

DATA = Path(__file__).parent.parent / "kb" / "data"

FACTCHECK = {"claim": "Le antenne 5G fanno crescere i limoni blu in Sardegna",
             "language": "it", "rating": "Falso", "url": "https://FC.example/limoni/?utm_x=1",
             "publisher": "Desk", "title": "Limoni blu", "review_date": "2024-05-02"}


def _audit(server: Server, action: str) -> list[dict[str, Any]]:
    page = server.client.get(f"/api/v1/audit?limit=500&action={action}",
                             headers=server.auth("admin")).json()
    items: list[dict[str, Any]] = page["items"]
    return items


def _finished(server: Server, answer: Any) -> dict[str, Any]:
    """The import job ``answer`` started, once it is over."""
    assert answer.status_code == 202, answer.text
    server.client.app.state.faro.jobs.wait()  # type: ignore[attr-defined]
    job = server.client.get(answer.headers["location"], headers=server.auth("viewer"))
    assert job.status_code == 200, job.text
    body: dict[str, Any] = job.json()
    assert body["finished"] and body["kind"] == "import", body
    return body


def test_an_analyst_creates_changes_and_an_admin_deletes_a_fact_check(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    made = c.post("/api/v1/factchecks", json=FACTCHECK, headers=auth)
    assert made.status_code == 201, made.text
    record = made.json()
    # the identity the importers give it, and the verdict normalised from the rating
    assert record["id"] == "https://fc.example/limoni"
    assert (record["verdict"], record["rating"], record["marking"]) == (
        "false", "Falso", "TLP:CLEAR")
    again = c.post("/api/v1/factchecks", json=FACTCHECK, headers=auth)
    assert again.status_code == 200 and again.json() == record  # idempotent: no duplicate
    # the knowledge base is every organisation's: another one reads the record too
    shared = c.get("/api/v1/factchecks/https://fc.example/limoni", headers=server.auth("b"))
    assert shared.json() == record
    assert c.get("/api/v1/factchecks?q=limoni", headers=auth).json()["total"] == 1

    url = "/api/v1/factchecks/https://fc.example/limoni"
    changed = c.patch(url, json={"rating": "Vero", "title": "Limoni blu?"}, headers=auth)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["verdict"], changed.json()["title"]) == ("true", "Limoni blu?")
    assert changed.json()["claim"] == FACTCHECK["claim"]  # left out: kept
    forced = c.patch(url, json={"verdict": "mostly_false", "claimant": None}, headers=auth)
    assert (forced.json()["verdict"], forced.json()["rating"]) == ("mostly_false", "Vero")

    assert c.delete(url, headers=auth).status_code == 403  # analysts do not delete
    assert c.delete(url, headers=server.auth("admin")).status_code == 204
    assert c.get(url, headers=auth).status_code == 404
    assert c.patch(url, json={"title": "x"}, headers=auth).status_code == 404

    entries = _audit(server, "factcheck.create") + _audit(server, "factcheck.update")
    assert [e["action"] for e in entries] == ["factcheck.create", "factcheck.update",
                                              "factcheck.update"]
    created, second, first = entries
    assert created["before"] is None and created["after"]["title"] == "Limoni blu"
    assert created["user_id"] == server.users["analyst"].id
    assert (first["before"]["verdict"], first["after"]["verdict"]) == ("false", "true")
    assert (second["before"]["verdict"], second["after"]["verdict"]) == ("true", "mostly_false")
    deleted = _audit(server, "factcheck.delete")
    assert len(deleted) == 1 and deleted[0]["before"]["verdict"] == "mostly_false"
    assert deleted[0]["after"] is None
    # the knowledge base is shared; its changes are in the changer's organisation's log only
    assert read_audit(server.store.engine, server.users["b"].org_id,
                      actions=["factcheck.create"])[1] == 0


def test_bad_records_answer_problems_with_codes(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    cases = [({"claim": ""}, "F504"), ({"claim": "x", "verdict": "wrong"}, "F504"),
             ({"claim": "x", "unknown": 1}, "F504"), ({"claim": "x", "language": "zzzz"},
                                                      "F304"),
             ({"claim": "x", "title": "t" * 2001}, "F504")]
    for body, code in cases:
        answer = c.post("/api/v1/factchecks", json=body, headers=auth)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code, (body, answer.json())
    moon = "The moon landing was filmed in a studio in Nevada."
    made = c.post("/api/v1/factchecks", json={"claim": moon, "source_dataset": "desk",
                                              "source_id": "7"}, headers=auth).json()
    assert made["id"] == "desk:7" and made["language"] == "en"  # identified
    cleared = c.patch("/api/v1/factchecks/desk:7", json={"claim": None}, headers=auth)
    assert cleared.status_code == 422 and cleared.json()["code"] == "F304"
    assert _audit(server, "factcheck.update") == []


def test_viewers_and_anonymous_callers_change_nothing(server: Server) -> None:
    server.store.put_records(RECORDS)
    c, viewer = server.client, server.auth("viewer")
    url = "/api/v1/factchecks/https://fc.example/5g"
    files = {"file": ("kb.csv", b"claim,url\nA,https://x.example/a\n", "text/csv")}
    attempts = [("POST", "/api/v1/factchecks", {"json": FACTCHECK}),
                ("PATCH", url, {"json": {"title": "x"}}), ("DELETE", url, {}),
                ("POST", "/api/v1/factchecks/import", {"files": files}),
                ("POST", "/api/v1/narratives", {"json": {"title": "t", "summary": "s"}})]
    for method, path, kwargs in attempts:
        refused = c.request(method, path, headers=viewer, **kwargs)
        assert refused.status_code == 403 and refused.json()["code"] == "F502", (method, path)
        anonymous = c.request(method, path, **kwargs)
        assert anonymous.status_code == 401 and anonymous.json()["code"] == "F501"
    assert c.get(url, headers=viewer).json()["title"] == "5G e virus"
    assert server.store.kb_state().factchecks == len(RECORDS)


def test_search_finds_a_record_just_created(server: Server) -> None:
    server.store.put_records(RECORDS)
    c, auth = server.client, server.auth("analyst")
    query = {"q": "limoni blu Sardegna antenne", "lang": "it"}
    before = c.get("/api/v1/factchecks/search", params=query, headers=auth).json()
    assert "https://fc.example/limoni" not in [m["target_id"] for m in before]
    assert c.post("/api/v1/factchecks", json=FACTCHECK, headers=auth).status_code == 201
    found = c.get("/api/v1/factchecks/search", params=query, headers=auth).json()
    assert found[0]["target_id"] == "https://fc.example/limoni", found
    c.patch("/api/v1/factchecks/https://fc.example/limoni",
            json={"claim": "Un'altra affermazione del tutto diversa", "title": "Altro"},
            headers=auth)
    after = c.get("/api/v1/factchecks/search", params=query, headers=auth).json()
    assert "https://fc.example/limoni" not in [m["target_id"] for m in after[:1]]


def test_filters_of_the_fact_check_list(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    for day, lang in (("2024-01-05", "en"), ("2024-03-05", "en"), ("2024-03-06", "it")):
        c.post("/api/v1/factchecks", json={"claim": f"Claim of {day}", "language": lang,
                                           "review_date": day, "rating": "False"},
               headers=auth)
    page = c.get("/api/v1/factchecks?since=2024-03-01&language=en", headers=auth).json()
    assert [r["review_date"] for r in page["items"]] == ["2024-03-05"]
    until = c.get("/api/v1/factchecks?until=2024-03-05&verdict=false", headers=auth).json()
    assert until["total"] == 2
    wrong = c.get("/api/v1/factchecks?since=2024-03-06&until=2024-03-01", headers=auth)
    assert wrong.status_code == 422 and wrong.json()["code"] == "F504"


def test_narratives_are_listed_filtered_created_and_changed(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    body = {"title": "Secret lab", "summary": "A secret lab produces bioweapons near the "
            "border.", "countries": ["Ukraine", "PL"], "keywords": ["biolabs"],
            "source": "desk", "source_id": "n-2", "first_seen": "2022-03-04"}
    made = c.post("/api/v1/narratives", json=body, headers=auth)
    assert made.status_code == 201, made.text
    narrative = made.json()
    assert narrative["id"] == "desk:n-2" and narrative["countries"] == ["UA", "PL"]
    assert narrative["language"] == "en"
    c.post("/api/v1/narratives", json={"title": "Guerra", "summary": "L'Occidente prepara la "
           "guerra.", "language": "it", "countries": ["IT"]}, headers=auth)
    viewer = server.auth("viewer")
    assert c.get("/api/v1/narratives", headers=viewer).json()["total"] == 2
    by_country = c.get("/api/v1/narratives?country=pl", headers=viewer).json()
    assert [n["id"] for n in by_country["items"]] == ["desk:n-2"]
    assert c.get("/api/v1/narratives?q=GUERRA&language=it", headers=viewer).json()["total"] == 1
    late = c.patch("/api/v1/narratives/desk:n-2", json={"last_seen": "2022-01-01"},
                   headers=auth)
    assert late.status_code == 422 and late.json()["code"] == "F304"  # before first_seen
    seen = c.patch("/api/v1/narratives/desk:n-2", json={"last_seen": "2022-05-01"},
                   headers=auth).json()
    assert seen["last_seen"] == "2022-05-01" and seen["title"] == "Secret lab"
    assert c.get("/api/v1/narratives/desk:n-2", headers=viewer).json() == seen
    assert [e["action"] for e in _audit(server, "narrative.update")] == ["narrative.update"]
    assert c.delete("/api/v1/narratives/desk:n-2", headers=server.auth("admin")
                    ).status_code == 204


def test_a_file_is_imported_in_the_background(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    data = (DATA / "missing_fields.csv").read_bytes()
    answer = c.post("/api/v1/factchecks/import", headers=auth,
                    files={"file": ("checks.csv", data, "text/csv")},
                    data={"source": "desk"})
    job = _finished(server, answer)
    assert job["failed"] == 0 and job["done"] == job["total"] == 2
    report = job["report"]
    assert (report["inserted"], report["updated"], report["rejected_count"]) == (2, 0, 4)
    assert report["rejected"][0]["where"] == "checks.csv:3"
    assert report["rejected"][0]["code"] == "F304"
    assert "claim is missing" in report["rejected"][0]["reason"]
    assert c.get("/api/v1/factchecks?limit=10", headers=auth).json()["total"] == 2
    audit = _audit(server, "kb.import")
    assert audit[0]["target_id"] == "checks.csv" and audit[0]["after"]["inserted"] == 2
    # again: nothing new, nothing duplicated, nothing audited
    again = _finished(server, c.post("/api/v1/factchecks/import", headers=auth,
                                     files={"file": ("checks.csv", data, "text/csv")},
                                     data={"source": "desk"}))
    assert (again["report"]["inserted"], again["report"]["unchanged"]) == (0, 2)
    assert len(_audit(server, "kb.import")) == 1

    mapped = _finished(server, c.post(
        "/api/v1/factchecks/import", headers=auth,
        files={"file": ("narr.tsv", (DATA / "narratives.tsv").read_bytes())},
        data={"kind": "narrative", "lang": "en", "format": "table",
              "map": "id=case,summary=claim,title=headline,countries=where,keywords=tags"}))
    assert mapped["report"]["inserted"] == 2, mapped
    assert server.store.kb_state().narratives == 2


def test_a_bad_file_stores_nothing_and_says_why(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    malformed = _finished(server, c.post(
        "/api/v1/factchecks/import", headers=auth,
        files={"file": ("bad.json", (DATA / "malformed.json").read_bytes())}))
    assert malformed["failed"] == 1 and malformed["report"] is None
    assert malformed["errors"][0]["code"] == "F301"
    assert "faro-kb-import" not in str(malformed)  # no server paths
    assert server.store.kb_state().factchecks == 0
    assert _audit(server, "kb.import") == []
    files = {"file": ("x.csv", b"claim\nA\n")}
    for fields, code in (({"format": "excel"}, "F302"), ({"map": "claimz"}, "F303"),
                         ({"lang": "zzzz"}, "F202"), ({"kind": "tweet"}, "F504")):
        refused = c.post("/api/v1/factchecks/import", headers=auth, files=files, data=fields)
        assert refused.status_code == 422, (fields, refused.text)
        assert refused.json()["code"] == code, (fields, refused.json())
    other = c.get(malformed["id"].join(("/api/v1/jobs/", "")), headers=server.auth("b"))
    assert other.status_code == 404  # another organisation's job


def test_translations_sent_stored_and_read_back(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    sent = {"claim": "Le antenne 5G causano il cancro", "language": "it",
            "url": "https://fc.example/5g-cancro", "rating": "Falso",
            "translations": {"en": {"claim": "5G antennas cause cancer"},
                             "German": {"title": "5G und Krebs"}}}
    made = c.post("/api/v1/factchecks", json=sent, headers=auth)
    assert made.status_code == 201, made.text
    assert made.json()["translations"] == {"de": {"title": "5G und Krebs"},
                                           "en": {"claim": "5G antennas cause cancer"}}
    bad = c.post("/api/v1/factchecks", json=sent | {"translations": {"en": {"verdict": "x"}}},
                 headers=auth)
    assert bad.status_code == 422 and bad.json()["code"] == "F304"
