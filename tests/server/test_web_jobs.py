"""The job page once its analysis is over: a lone pasted document's reader is sent on to it
(whether the page was polling, and reloads, or is opened after the end: the browser test that
pasted an article waited on a page that had been drawn finished and never moved); a job with
something to say stays put."""

from __future__ import annotations

from tests.server.conftest import Server
from tests.server.test_documents_api import RECORDS
from tests.server.test_web import _html, _sign_in, _wait


def test_a_finished_job_sends_its_reader_to_the_document(server: Server) -> None:
    server.store.put_records(RECORDS)
    csrf = _sign_in(server, "analyst")
    c = server.client
    pasted = c.post("/documents", data={"text": "Il 40% dei fondi è stato speso nel 2024.",
                                        "csrf_token": csrf}, follow_redirects=False)
    job = pasted.headers["location"]
    _wait(server)
    status = c.get(f"{job}/status").json()
    assert status["finished"] and status["notes"] == []
    answer = c.get(job, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/documents/{status['document_ids'][0]}"

    uploaded = c.post("/documents/upload", data={"csrf_token": csrf},
                      files={"file": ("one.txt", b"Una sola frase, il 12% nel 2023.")},
                      follow_redirects=False)
    _wait(server)
    page = _html(c.get(uploaded.headers["location"], follow_redirects=False))
    assert "1 new document(s) from one.txt" in page and 'data-job-status="' in page
