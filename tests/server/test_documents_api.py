"""Documents, claims and matches through the API; every change in the audit log."""

from __future__ import annotations

from tests.server.conftest import Server

from faro.model import FactCheck, Verdict

ARTICLE = ("Il ministro Mario Rossi ha detto che le antenne 5G diffondono il coronavirus nel "
           "90% delle città europee. Secondo l'ISTAT il 40% dei fondi è stato speso nel 2024.")

#: A small knowledge base: the fact-check the article's first claim repeats, among others (with
#: a handful of records BM25's statistics are sane; the match scores 0.58, *suggested*).
RECORDS = [
    FactCheck(id="https://fc.example/5g", claim="Le antenne 5G diffondono il coronavirus nel "
              "90% delle città", language="it", verdict=Verdict.FALSE, rating="Falso",
              url="https://fc.example/5g", publisher="Desk", title="5G e virus"),
    *[FactCheck(id=f"https://fc.example/{i}", claim=f"Il sindaco numero {i} ha chiuso la "
                f"scuola di {town}", language="it", verdict=Verdict.FALSE, publisher="Desk")
      for i, town in enumerate(["Roma", "Milano", "Napoli", "Torino", "Bari", "Pisa"])],
]


def _audit(server: Server) -> list[str]:
    page = server.client.get("/api/v1/audit?limit=500", headers=server.auth("admin")).json()
    return [entry["action"] for entry in page["items"]]


def test_create_list_get_and_filter(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    made = c.post("/api/v1/documents", json={"text": "First text.", "id": "feed-1",
                                              "title": "Morning", "lang": "en",
                                              "metadata": {"feed": "wire"}}, headers=auth)
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["external_id"], body["status"], body["metadata"]) == (
        "feed-1", "new", {"feed": "wire"})
    plain = c.post("/api/v1/documents", content=b"Zweiter Text, einfach so.",
                   headers=auth | {"Content-Type": "text/plain; charset=utf-8"})
    assert plain.status_code == 201 and plain.json()["text"] == "Zweiter Text, einfach so."
    again = c.post("/api/v1/documents", json={"text": "Other.", "id": "feed-1"}, headers=auth)
    assert again.status_code == 409 and again.json()["code"] == "F404"

    listed = c.get("/api/v1/documents?limit=1", headers=server.auth("viewer")).json()
    assert listed["total"] == 2 and len(listed["items"]) == 1
    assert listed["items"][0]["id"] == plain.json()["id"]  # newest first
    assert "text" not in listed["items"][0]
    second = c.get("/api/v1/documents?limit=1&offset=1", headers=auth).json()["items"]
    assert second[0]["id"] == body["id"]
    assert c.get("/api/v1/documents?title=morn", headers=auth).json()["total"] == 1
    assert c.get("/api/v1/documents?status=analysed", headers=auth).json()["total"] == 0
    got = c.get(f"/api/v1/documents/{body['id']}", headers=auth).json()
    assert got["text"] == "First text." and got["analysis"] is None
    assert c.get("/api/v1/documents/99999", headers=auth).status_code == 404
    assert _audit(server).count("document.create") == 2


def test_bad_documents_are_problems_with_codes(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    cases = [
        ({"json": {"text": ""}}, 422, "F504"),
        ({"json": {"text": "x", "unknown": 1}}, 422, "F504"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422,
         "F504"),
        ({"content": b"\xff\xfe", "headers": {"Content-Type": "text/plain"}}, 422, "F504"),
        ({"content": b"<x/>", "headers": {"Content-Type": "application/xml"}}, 422, "F504"),
        ({"json": {"text": "x" * 300_000}}, 413, "F505"),  # the fixture's limit: 200 kB
    ]
    for kwargs, status, code in cases:
        headers = auth | kwargs.pop("headers", {})  # type: ignore[operator]
        answer = c.post("/api/v1/documents", headers=headers, **kwargs)  # type: ignore[arg-type]
        assert answer.status_code == status, (kwargs, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["code"] == code and problem["status"] == status
        assert problem["type"].endswith(code) and problem["detail"]
    assert c.get("/api/v1/documents?limit=0", headers=auth).json()["code"] == "F504"


def test_analyse_then_review_matches(server: Server) -> None:
    server.store.put_records(RECORDS)
    c, auth = server.client, server.auth("analyst")
    made = c.post("/api/v1/documents?analyse=true", json={"text": ARTICLE, "title": "Rossi"},
                  headers=auth)
    assert made.status_code == 201, made.text
    doc = made.json()
    assert doc["status"] == "analysed" and doc["language"] == "it"
    assert doc["analysis"]["language"]["code"] == "it" and doc["analysis"]["sentences"]

    claims = c.get(f"/api/v1/claims?document_id={doc['id']}", headers=auth).json()
    assert claims["total"] >= 1
    matched = [m for claim in claims["items"] for m in claim["matches"]]
    assert any(m["target_id"] == "https://fc.example/5g" for m in matched), claims
    five_g = next(m for m in matched if m["target_id"] == "https://fc.example/5g")
    assert five_g["verdict"] == "false" and five_g["title"] == "5G e virus"

    viewer = c.post(f"/api/v1/matches/{five_g['id']}/reject", headers=server.auth("viewer"))
    assert viewer.status_code == 403
    rejected = c.post(f"/api/v1/matches/{five_g['id']}/reject", headers=auth).json()
    assert rejected["status"] == "rejected"
    assert rejected["reviewed_by"] == server.users["analyst"].id
    confirmed = c.post(f"/api/v1/matches/{five_g['id']}/confirm", headers=auth).json()
    assert confirmed["status"] == "confirmed"
    queue = c.get("/api/v1/matches?status=confirmed", headers=auth).json()
    assert [m["id"] for m in queue["items"]] == [five_g["id"]]
    one = c.get(f"/api/v1/claims/{five_g['claim_id']}", headers=auth).json()
    assert one["matches"][0]["status"] == "confirmed"

    found = c.get("/api/v1/factchecks/search", params={"q": "antenne 5G coronavirus"},
                  headers=server.auth("viewer")).json()
    assert found[0]["target_id"] == "https://fc.example/5g"
    record = c.get("/api/v1/factchecks/https://fc.example/5g", headers=auth).json()
    assert record["rating"] == "Falso"
    page = c.get("/api/v1/factchecks?verdict=false&limit=1", headers=auth).json()
    assert page["total"] == len(RECORDS) and len(page["items"]) == 1

    again = c.post(f"/api/v1/documents/{doc['id']}/analyse", headers=auth)
    assert again.status_code == 200
    gone = c.delete(f"/api/v1/documents/{doc['id']}", headers=auth)
    assert gone.status_code == 204
    assert c.get("/api/v1/claims", headers=auth).json()["total"] == 0

    actions = _audit(server)
    for action in ("document.create", "document.analyse", "match.rejected", "match.confirmed",
                   "document.delete"):
        assert action in actions
    entries = c.get("/api/v1/audit?action=match.confirmed",
                    headers=server.auth("admin")).json()["items"]
    assert entries[0]["before"]["status"] == "rejected"
    assert entries[0]["after"]["status"] == "confirmed"
    assert entries[0]["actor"].startswith("token:")
    assert entries[0]["user_id"] == server.users["analyst"].id


def test_import_a_file_once(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    jsonl = "\n".join([
        '{"id": "post-1", "text": "Il 40% dei fondi è stato speso nel 2024.", "lang": "it"}',
        '{"id": "post-2", "text": "The minister said 3 million people left."}',
        "not json",
        '{"text": "A record without an id is known by its text."}',
        '{"id": "post-1", "text": "A repeat of post-1 in the same file."}',
    ]).encode()
    first = c.post("/api/v1/documents/import?analyse=true", headers=auth,
                   files={"file": ("posts.jsonl", jsonl, "application/x-ndjson")})
    assert first.status_code == 201, first.text
    body = first.json()
    assert [d["external_id"] for d in body["created"]][:2] == ["post-1", "post-2"]
    assert body["created"][2]["external_id"].startswith("sha256:")
    assert all(d["status"] == "analysed" for d in body["created"])
    assert body["created"][0]["source"] == "posts.jsonl:1"
    assert body["existing"] == ["post-1"]
    assert [(e["code"], e["line"]) for e in body["errors"]] == [("F105", 3)]

    again = c.post("/api/v1/documents/import", headers=auth,
                   files={"file": ("posts.jsonl", jsonl, "application/x-ndjson")})
    assert again.status_code == 200
    assert again.json()["created"] == [] and len(again.json()["existing"]) == 4
    assert c.get("/api/v1/documents", headers=auth).json()["total"] == 3

    page = b"<html><head><title>Desk</title></head><body><article><p>" + \
        b"Il ministro ha detto che il 40% dei fondi \xc3\xa8 stato speso. " * 5 + \
        b"</p></article></body></html>"
    html = c.post("/api/v1/documents/import", headers=auth,
                  files={"file": ("page.html", page, "text/html")})
    assert html.status_code == 201, html.text
    assert html.json()["created"][0]["source"] == "page.html"
    binary = c.post("/api/v1/documents/import", headers=auth,
                    files={"file": ("photo.png", b"\x89PNG\r\n", "image/png")})
    assert binary.status_code == 422 and binary.json()["code"] == "F107"
    viewer = c.post("/api/v1/documents/import", headers=server.auth("viewer"),
                    files={"file": ("a.txt", b"text", "text/plain")})
    assert viewer.status_code == 403
