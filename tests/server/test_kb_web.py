"""The knowledge base's pages: browsed with filters, a fact-check's page and form, narratives,
the import page and its progress; viewers change nothing, forms need the CSRF token, and
untrusted text is escaped everywhere."""

from __future__ import annotations

import re
from urllib.parse import quote

from tests.server.conftest import Server
from tests.server.test_escaping import PAYLOADS
from tests.server.test_kb_api import DATA
from tests.server.test_web import _html, _sign_in

from faro.model import FactCheck, Narrative, Verdict
from faro.store import read_audit

NARRATIVES = [
    Narrative(id="desk:n-1", title="Secret lab " + PAYLOADS[1], summary="A secret lab "
              "produces bioweapons near the border.", language="en", debunk="No lab exists.",
              keywords=("biolabs", PAYLOADS[0]), countries=("UA", "PL"), source="desk"),
    Narrative(id="desk:n-2", title="Guerra", summary="L'Occidente prepara la guerra.",
              language="it", countries=("IT",)),
]


def _escaped(html: str) -> None:
    for payload in PAYLOADS[:3]:
        assert payload not in html
    assert "&lt;" in html  # the payload is there, escaped


def _form(server: Server, csrf: str, **fields: str) -> dict[str, str]:
    return {"csrf_token": csrf, "id": "", "claim": "", "title": "", "language": "",
            "rating": "", "verdict": "", "url": "", "publisher": "", "claimant": "",
            "review_date": "", "source_dataset": "", "marking": "TLP:CLEAR"} | fields


def test_an_analyst_creates_and_edits_a_fact_check_in_forms(server: Server) -> None:
    csrf = _sign_in(server, "analyst")
    c = server.client
    kb = _html(c.get("/kb"))
    assert 'href="/kb/factcheck/edit"' in kb and 'href="/kb/import"' in kb
    blank = _html(c.get("/kb/factcheck/edit"))
    assert '<label for="fc-claim">' in blank and 'id="fc-claim"' in blank
    assert 'name="csrf_token" value="' + csrf in blank

    made = c.post("/kb/factcheck/edit", follow_redirects=False, data=_form(
        server, csrf, claim="Claim " + PAYLOADS[0], title=PAYLOADS[0] + PAYLOADS[1],
        rating="Pants on fire", url="https://fc.example/x?utm_source=a", publisher=PAYLOADS[2],
        review_date="2024-05-02", language="en"))
    assert made.status_code == 303, made.text
    assert made.headers["location"] == "/kb/factcheck?id=" + quote("https://fc.example/x",
                                                                   safe="")
    page = _html(c.get(made.headers["location"]))
    _escaped(page)
    assert "verdict-false" in page and "Pants on fire" in page
    assert 'href="/kb/factcheck/edit?id=https%3A//fc.example/x"' in page
    assert "Delete this fact-check" not in page  # admins only
    listed = _html(c.get("/kb?language=en&verdict=false&since=2024-05-01&until=2024-05-31"))
    _escaped(listed)
    assert 'href="/kb/factcheck?id=https%3A//fc.example/x"' in listed
    assert "No fact-checks match" in _html(c.get("/kb?since=2024-06-01"))
    form = _html(c.get("/kb/factcheck/edit?id=https://fc.example/x"))
    _escaped(form)
    assert 'value="https://fc.example/x"' in form

    edited = c.post("/kb/factcheck/edit", follow_redirects=False, data=_form(
        server, csrf, id="https://fc.example/x", claim="Claim, calmer", rating="True",
        language="en"))
    assert edited.status_code == 303
    record = server.store.kb.get("factcheck", "https://fc.example/x")
    assert isinstance(record, FactCheck)
    assert (record.claim, record.verdict, record.title) == ("Claim, calmer", Verdict.TRUE, None)
    actions = [e.action for e in read_audit(server.store.engine, server.users["analyst"].org_id,
                                            actions=["factcheck.create", "factcheck.update"])[0]]
    assert actions == ["factcheck.update", "factcheck.create"]

    refused = c.post("/kb/factcheck/edit", data=_form(
        server, csrf, claim=PAYLOADS[0], language="zzzz", title=PAYLOADS[1]))
    assert refused.status_code == 422 and 'role="alert"' in refused.text
    assert "F304" in refused.text and "zzzz" in refused.text
    _escaped(refused.text)  # what was sent comes back in the form, escaped
    assert server.store.kb_state().factchecks == 1


def test_viewers_see_no_edit_controls_and_are_refused(server: Server) -> None:
    server.store.put_records([FactCheck(id="https://fc.example/v", claim="A claim",
                                        language="en", title=PAYLOADS[0])])
    csrf = _sign_in(server, "viewer")
    c = server.client
    kb = _html(c.get("/kb"))
    _escaped(kb)
    assert "/kb/factcheck/edit" not in kb and "/kb/import" not in kb
    page = _html(c.get("/kb/factcheck?id=https://fc.example/v"))
    assert "/kb/factcheck/edit" not in page and "/kb/factcheck/delete" not in page
    for path in ("/kb/factcheck/edit", "/kb/import"):
        assert c.get(path).status_code == 403
    posts = [("/kb/factcheck/edit", {"data": _form(server, csrf, claim="x")}),
             ("/kb/factcheck/delete", {"data": {"csrf_token": csrf,
                                                "id": "https://fc.example/v"}}),
             ("/kb/import", {"data": {"csrf_token": csrf},
                             "files": {"file": ("a.csv", b"claim\nA claim here\n")}})]
    for path, kwargs in posts:
        answer = c.post(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
        assert answer.status_code == 403, (path, answer.text)
    assert server.store.kb_state().factchecks == 1


def test_forms_need_the_csrf_token(server: Server) -> None:
    server.store.put_records([FactCheck(id="https://fc.example/c", claim="A claim",
                                        language="en")])
    csrf = _sign_in(server, "admin")
    c = server.client
    posts = [("/kb/factcheck/edit", {"data": _form(server, "", claim="x")}),
             ("/kb/factcheck/delete", {"data": {"id": "https://fc.example/c"}}),
             ("/kb/import", {"files": {"file": ("a.csv", b"claim\nA claim here\n")}})]
    for path, kwargs in posts:
        for token in ("", "forged"):
            data = dict(kwargs.get("data") or {}) | {"csrf_token": token}
            answer = c.post(path, data=data, files=kwargs.get("files"),  # type: ignore[arg-type]
                            follow_redirects=False)
            assert answer.status_code == 403, (path, answer.text)
    assert server.store.kb_state().factchecks == 1
    gone = c.post("/kb/factcheck/delete", data={"csrf_token": csrf,
                                                "id": "https://fc.example/c"},
                  follow_redirects=False)
    assert gone.status_code == 303 and server.store.kb_state().factchecks == 0


def test_narratives_are_browsed_and_shown(server: Server) -> None:
    server.store.put_records(NARRATIVES)
    _sign_in(server, "viewer")
    c = server.client
    listed = _html(c.get("/kb?kind=narrative"))
    _escaped(listed)
    assert "Guerra" in listed and 'href="/kb/narrative?id=desk%3An-1"' in listed
    only = _html(c.get("/kb?kind=narrative&country=pl"))
    assert "Secret lab" in only and "Guerra" not in only
    assert "Guerra" in _html(c.get("/kb?kind=narrative&language=it"))
    assert c.get("/kb?kind=narrative&country=Italy").status_code == 422
    assert c.get("/kb?kind=tweets").status_code == 422
    page = _html(c.get("/kb/narrative?id=desk:n-1"))
    _escaped(page)
    for shown in ("A secret lab produces bioweapons", "No lab exists.", "biolabs", "UA, PL",
                  "desk"):
        assert shown in page
    assert c.get("/kb/narrative?id=desk:none").status_code == 404


def test_a_file_is_imported_from_the_import_page(server: Server) -> None:
    csrf = _sign_in(server, "analyst")
    c = server.client
    form = _html(c.get("/kb/import"))
    assert 'enctype="multipart/form-data"' in form and '<label for="import-map">' in form
    answer = c.post("/kb/import", follow_redirects=False, data={"csrf_token": csrf},
                    files={"file": ("checks.csv", (DATA / "missing_fields.csv").read_bytes())})
    assert answer.status_code == 303, answer.text
    job = answer.headers["location"]
    assert re.fullmatch(r"/kb/import/[\w-]+", job)
    c.app.state.faro.jobs.wait()  # type: ignore[attr-defined]
    page = _html(c.get(job))
    assert "— finished" in page and "2 new" in page and "checks.csv:3" in page
    assert "claim is missing or empty" in page and "F304" in page
    assert c.get(job.replace("/kb/import", "/jobs") + "/status").json()["report"]
    assert server.store.kb_state().factchecks == 2

    bad = c.post("/kb/import", follow_redirects=False, data={"csrf_token": csrf},
                 files={"file": ("bad.json", (DATA / "malformed.json").read_bytes())})
    c.app.state.faro.jobs.wait()  # type: ignore[attr-defined]
    failed = _html(c.get(bad.headers["location"]))
    assert "F301" in failed and "nothing was stored" in failed
    assert server.store.kb_state().factchecks == 2
    wrong = c.post("/kb/import", data={"csrf_token": csrf, "map": "claimz=x",
                                       "source": PAYLOADS[0]},
                   files={"file": ("a.csv", b"claim\nA claim here\n")})
    assert wrong.status_code == 422 and "F303" in wrong.text
    _escaped(wrong.text)
