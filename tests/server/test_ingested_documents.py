"""Documents ingested by faro ingest / faro watch as near-duplicates: stored with the status
``duplicate``, listed and filtered by the API and the inbox like any other."""

from __future__ import annotations

from tests.server.conftest import Server


def test_near_duplicates_ingested_are_listed_and_filtered(server: Server) -> None:
    from faro.model import Document
    from faro.store import CLI

    org_id = server.users["analyst"].org_id
    first = server.store.documents.add(org_id, Document(id="a", text="Wire copy."), CLI)
    copy = server.store.documents.add(org_id, Document(id="b", text="Wire copy!"), CLI,
                                      columns={"status": "duplicate", "duplicate_of": first.id,
                                               "similarity": 0.9})
    c, auth = server.client, server.auth("viewer")
    listed = c.get("/api/v1/documents?status=duplicate", headers=auth)
    assert listed.status_code == 200, listed.text
    assert [d["external_id"] for d in listed.json()["items"]] == ["b"]
    page = c.get("/documents?status=duplicate", headers=auth)
    assert page.status_code == 200, page.text
    assert f'href="/documents/{copy.id}"' in page.text
    assert f'href="/documents/{first.id}"' not in page.text


def test_documents_added_by_the_api_carry_a_signature_for_later_ingests(server: Server) -> None:
    from faro.ingest.dedup import DuplicateIndex

    text = ("Il ministro ha detto lunedì che il nuovo ponte sul fiume aprirà a maggio, con due "
            "anni di ritardo rispetto al previsto, a causa dell'aumento dei costi.")
    made = server.client.post("/api/v1/documents", json={"text": text, "id": "api-1"},
                              headers=server.auth("analyst"))
    assert made.status_code == 201
    org = server.users["analyst"].org_id
    [(keys, signatures, groups)] = list(server.store.sources.signatures(org))
    assert keys == [str(made.json()["id"])] and signatures.shape == (1, 126)
    # what faro ingest loads into its index finds the wire copy of it
    index = DuplicateIndex()
    index.extend(keys, signatures, groups)
    found = index.check("wire", "ROMA (Agenzia) - " + text + " (Redazione)")
    assert found is not None and found.key == keys[0]
