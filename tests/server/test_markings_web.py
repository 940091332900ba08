"""Markings on the web pages: a document's marking shown and set by writers, the
organisation's default set by admins, a fact-check released to organisations from its form;
forms need the CSRF token and untrusted names are escaped."""

from __future__ import annotations

from tests.server.conftest import Server
from tests.server.test_escaping import PAYLOADS
from tests.server.test_web import _html, _sign_in

from faro.model import Document, Marking
from faro.store import CLI


def test_a_writer_marks_a_document_on_its_page(server: Server) -> None:
    doc = server.store.documents.add(server.users["analyst"].org_id,
                                     Document(id="d", text="Some text to mark."), CLI)
    csrf = _sign_in(server, "analyst")
    c, url = server.client, f"/documents/{doc.id}"
    page = _html(c.get(url))
    assert 'class="tlp tlp-amber"' in page and f'action="{url}/marking"' in page
    form = {"csrf_token": csrf, "marking": "TLP:AMBER+STRICT",
            "releasable_to": f"JP-MoD, {PAYLOADS[0]}"}
    assert c.post(f"{url}/marking", data=form | {"csrf_token": "x"},
                  follow_redirects=False).status_code == 403
    saved = c.post(f"{url}/marking", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == url
    page = _html(c.get(url))
    assert 'class="tlp tlp-amber-strict"' in page and "released to " in page and "JP-MoD" in page
    assert PAYLOADS[0] not in page  # the organisation name is escaped
    stored = server.store.documents.get(doc.org_id, doc.id)
    assert stored.marking is Marking.AMBER_STRICT and "JP-MoD" in stored.releasable_to
    bad = c.post(f"{url}/marking", data=form | {"marking": "TLP:SECRET"},
                 follow_redirects=False)
    assert bad.status_code == 422


def test_viewers_see_the_marking_but_no_form(server: Server) -> None:
    doc = server.store.documents.add(server.users["viewer"].org_id,
                                     Document(id="d", text="Some text."), CLI)
    csrf = _sign_in(server, "viewer")
    page = _html(server.client.get(f"/documents/{doc.id}"))
    assert 'class="tlp tlp-amber"' in page and "/marking" not in page
    refused = server.client.post(f"/documents/{doc.id}/marking", follow_redirects=False,
                                 data={"csrf_token": csrf, "marking": "TLP:CLEAR"})
    assert refused.status_code == 403


def test_admins_set_the_default_marking(server: Server) -> None:
    csrf = _sign_in(server, "admin")
    c = server.client
    assert 'href="/settings"' in _html(c.get("/"))
    page = _html(c.get("/settings"))
    assert 'class="tlp tlp-amber"' in page
    saved = c.post("/settings", follow_redirects=False, data={
        "csrf_token": csrf, "marking": "TLP:GREEN", "releasable_to": ""})
    assert saved.status_code == 303
    assert server.store.accounts.defaults(server.users["admin"].org_id) == (Marking.GREEN, ())
    made = server.store.documents.add(server.users["admin"].org_id,
                                      Document(id="n", text="New."), CLI)
    assert made.marking is Marking.GREEN


def test_analysts_may_not_change_the_settings(server: Server) -> None:
    csrf = _sign_in(server, "analyst")
    assert 'href="/settings"' not in _html(server.client.get("/"))
    assert server.client.get("/settings", follow_redirects=False).status_code == 403
    refused = server.client.post("/settings", follow_redirects=False,
                                 data={"csrf_token": csrf, "marking": "TLP:CLEAR"})
    assert refused.status_code == 403


def test_a_fact_check_is_released_to_organisations_from_its_form(server: Server) -> None:
    csrf = _sign_in(server, "analyst")
    c = server.client
    form = {"csrf_token": csrf, "id": "", "claim": "Tanks seen in Riga", "title": "",
            "language": "en", "rating": "False", "verdict": "", "url": "https://fc.example/r",
            "publisher": "Desk", "claimant": "", "review_date": "", "source_dataset": "",
            "marking": "TLP:AMBER", "releasable_to": "Desk A, Desk B"}
    made = c.post("/kb/factcheck/edit", data=form, follow_redirects=False)
    assert made.status_code == 303, made.text
    page = _html(c.get(made.headers["location"]))
    assert 'class="tlp tlp-amber"' in page and "Desk A, Desk B" in page
    edit = _html(c.get("/kb/factcheck/edit?id=https://fc.example/r"))
    assert 'value="Desk A, Desk B"' in edit
