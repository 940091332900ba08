"""Untrusted text comes back as data: JSON with the right content type and headers that stop a
browser from rendering or sniffing it, never as HTML. (The HTML views come later and get their
own escaping tests.)"""

from __future__ import annotations

import json

from tests.server.conftest import Server

from faro.model import FactCheck, Verdict

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(document.cookie)>",
    "javascript:alert(1)",
    "</textarea><iframe src=//evil.example>",
]


def _is_inert_json(answer: object) -> None:
    headers = answer.headers  # type: ignore[attr-defined]
    assert headers["content-type"] in ("application/json", "application/problem+json")
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "text/html" not in headers["content-type"]


def test_payloads_in_documents_come_back_as_json_data(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    text = "Il ministro ha detto che il 40% dei fondi è speso. " + " ".join(PAYLOADS)
    made = c.post("/api/v1/documents?analyse=true",
                  json={"text": text, "title": PAYLOADS[0], "url": PAYLOADS[3],
                        "metadata": {"author": PAYLOADS[1]}}, headers=auth)
    assert made.status_code == 201, made.text
    doc_id = made.json()["id"]
    for path in (f"/api/v1/documents/{doc_id}", "/api/v1/documents", "/api/v1/claims"):
        answer = c.get(path, headers=auth)
        _is_inert_json(answer)
        # the stored values are returned exactly: escaping is the renderer's job, the API's is
        # to label them as data
        assert PAYLOADS[0] in json.dumps(answer.json(), ensure_ascii=False)
    detail = c.get(f"/api/v1/documents/{doc_id}", headers=auth).json()
    assert detail["text"] == text and detail["title"] == PAYLOADS[0]
    assert detail["metadata"] == {"author": PAYLOADS[1]}


def test_payloads_in_fact_checks_and_errors_stay_data(server: Server) -> None:
    server.store.put_records([FactCheck(
        id="https://fc.example/x", claim=f"Claim with {PAYLOADS[2]}", language="en",
        verdict=Verdict.FALSE, rating=PAYLOADS[1], publisher=PAYLOADS[0])])
    c, auth = server.client, server.auth("viewer")
    record = c.get("/api/v1/factchecks/https://fc.example/x", headers=auth)
    _is_inert_json(record)
    assert record.json()["publisher"] == PAYLOADS[0]
    missing = c.get("/api/v1/factchecks/" + PAYLOADS[0], headers=auth)
    assert missing.status_code == 404
    _is_inert_json(missing)
    search = c.get("/api/v1/factchecks/search", params={"q": PAYLOADS[2]}, headers=auth)
    _is_inert_json(search)
