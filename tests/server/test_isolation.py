"""No reads (or changes) across organisations."""

from __future__ import annotations

from tests.server.conftest import Server
from tests.server.test_documents_api import ARTICLE, RECORDS


def test_organisation_b_cannot_read_or_touch_a(server: Server) -> None:
    server.store.put_records(RECORDS)
    c = server.client
    doc = c.post("/api/v1/documents?analyse=true", json={"text": ARTICLE, "id": "shared-id"},
                 headers=server.auth("analyst")).json()
    claims = c.get(f"/api/v1/claims?document_id={doc['id']}",
                   headers=server.auth("analyst")).json()["items"]
    match_ids = [m["id"] for claim in claims for m in claim["matches"]]
    assert claims and match_ids

    b = server.auth("b")
    not_found = [
        c.get(f"/api/v1/documents/{doc['id']}", headers=b),
        c.post(f"/api/v1/documents/{doc['id']}/analyse", headers=b),
        c.delete(f"/api/v1/documents/{doc['id']}", headers=b),
        c.get(f"/api/v1/claims/{claims[0]['id']}", headers=b),
        c.post(f"/api/v1/matches/{match_ids[0]}/confirm", headers=b),
        c.post(f"/api/v1/matches/{match_ids[0]}/reject", headers=b),
        c.patch(f"/api/v1/users/{server.users['analyst'].id}", json={"role": "viewer"},
                headers=b),  # B's analyst is no admin: refused before anything is looked up
    ]
    for answer in not_found[:-1]:
        assert answer.status_code == 404, answer.request.url
        assert answer.json()["code"] == "F403"
        assert ARTICLE[:20] not in answer.text
    assert not_found[-1].status_code == 403
    for path in ("/api/v1/documents", "/api/v1/claims", "/api/v1/matches"):
        assert c.get(path, headers=b).json() == {"items": [], "total": 0, "limit": 50,
                                                 "offset": 0}, path
    # B may reuse A's external id: ids are per organisation
    assert c.post("/api/v1/documents", json={"text": "B's own.", "id": "shared-id"},
                  headers=b).status_code == 201
    assert c.get("/api/v1/documents", headers=b).json()["total"] == 1
    assert c.get("/api/v1/documents", headers=server.auth("viewer")).json()["total"] == 1
    # the records of A's review are A's
    assert c.get(f"/api/v1/documents/{doc['id']}", headers=server.auth("viewer")).status_code \
        == 200


def test_admins_see_only_their_organisation(server: Server) -> None:
    c = server.client
    emails = {u["email"] for u in c.get("/api/v1/users", headers=server.auth("admin")).json()}
    assert emails == {"admin@example.org", "analyst@example.org", "viewer@example.org"}
    b_token = c.get("/api/v1/tokens?all=true", headers=server.auth("admin")).json()
    assert server.users["b"].id not in {t["user_id"] for t in b_token}
    b_tokens = server.store.accounts.list_tokens(server.users["b"].org_id)
    revoke = c.delete(f"/api/v1/tokens/{b_tokens[0].id}", headers=server.auth("admin"))
    assert revoke.status_code == 404
    audit = c.get("/api/v1/audit?limit=500", headers=server.auth("admin")).json()["items"]
    assert all(e["target_id"] != str(server.users["b"].id) or e["target_kind"] != "user"
               for e in audit)
