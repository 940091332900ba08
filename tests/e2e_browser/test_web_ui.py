"""The web UI in a real browser: sign in, add documents, see highlighted claims and their
matches, confirm and review a match, and a viewer refused an edit. Screenshots of the main pages
go to a folder under pytest's temporary directory (its path is printed at the end of the run)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.e2e_browser.conftest import EXAMPLES, PASSWORD, LiveServer


def _sign_in(page: Any, server: LiveServer, who: str, then: str = "/") -> None:
    page.goto(server.url + then)
    assert "/sign-in" in page.url  # anonymous readers are sent to the form
    page.get_by_label("E-mail address").fill(f"{who}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(server.url + then) + "$"))
    assert page.locator(".who").inner_text().startswith(f"{who}@example.org")


def test_analyst_pastes_an_article_and_confirms_a_match(page: Any,
                                                         live_server: LiveServer) -> None:
    server = live_server
    page.goto(server.url + "/sign-in")
    server.shot(page, "01-sign-in")
    page.get_by_label("E-mail address").fill("analyst@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert "Wrong e-mail address or password" in page.locator("[role=alert]").inner_text()

    _sign_in(page, server, "analyst", "/documents")
    article = (EXAMPLES / "en_baltic_cable_fake_video.txt").read_text("utf-8")
    page.locator("#paste-title").fill("Baltic cable video")
    page.locator("#paste-text").fill(article)
    page.get_by_role("button", name="Add and analyse").click()
    # the job page polls the analysis and moves on to the document when it is done
    page.wait_for_url(re.compile(r"/documents/\d+$"), timeout=60_000)
    assert page.locator("h1").inner_text() == "Baltic cable video"  # not the seeded one
    claims = page.locator(".doc-text [data-claim]")
    assert claims.count() > 0
    assert page.locator(".doc-text .entity").count() > 0
    matches = page.locator(".claim-card .match")
    assert matches.count() > 0, "the demo knowledge base should match the article"
    first = matches.first
    assert first.locator(".verdict").inner_text()
    assert "confidence" in first.locator(".confidence").inner_text()
    server.shot(page, "02-document")

    # a highlighted claim links to its card of matches
    claims.first.locator("a").click()
    assert re.search(r"#claim-\d+$", page.url)

    with page.expect_navigation():  # the form posts, then comes back to the document
        first.get_by_role("button", name="Confirm").click()
    assert page.locator(".claim-card .match.status-confirmed").count() >= 1

    page.goto(server.url + "/review?status=all")
    assert page.locator("table.queue .status-confirmed").count() >= 1
    # review a match from the keyboard: open its form, set verdict, techniques and note
    row = page.locator("table.queue tbody tr").first
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    row.get_by_label("Verdict").select_option("mostly_false")
    row.get_by_label("DISARM techniques").fill("T0002, t0003")
    row.get_by_label("Note").fill("<b>seen</b> on three channels")
    row.get_by_label("Note").press("Tab")
    # a key press does not wait for the navigation it starts (a click does): wait for it here,
    # or the next lines may read the page the form was sent from
    with page.expect_navigation():
        page.keyboard.press("Enter")
    review = page.locator("table.queue .review").first
    assert "Facilitate State Propaganda" in review.inner_text()
    assert "<b>seen</b> on three channels" in review.locator(".note").inner_text()
    server.shot(page, "03-review")
    page.goto(server.url + "/")
    assert int(page.locator(".figures strong").first.inner_text()) >= 1
    server.shot(page, "04-dashboard")
    page.goto(server.url + "/kb")
    page.get_by_label("Search").fill("undersea cable video")
    page.get_by_role("button", name="Go").click()
    assert "result(s) for" in page.locator("h2").first.inner_text()
    server.shot(page, "05-kb-search")


def test_analyst_uploads_jsonl_and_watches_progress(page: Any, live_server: LiveServer,
                                                    tmp_path: Path) -> None:
    server = live_server
    _sign_in(page, server, "analyst", "/documents")
    records = [{"id": f"upload-{name}", "title": f"Upload {name}",
                "text": (EXAMPLES / f"{name}.txt").read_text("utf-8")}
               for name in ("it_deepfake_elezioni_bergamo", "es_bulos_voto_correo",
                            "fr_fausse_circulaire_rougeole")]
    upload = tmp_path / "batch.jsonl"
    upload.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                      "utf-8")
    page.locator("#upload-file").set_input_files(str(upload))
    page.get_by_role("button", name="Import and analyse").click()
    page.wait_for_url(re.compile(r"/jobs/[\w-]+$"))
    assert page.locator("progress").count() == 1
    # true only on the page the server drew finished (the polling page reloads into it)
    page.locator("[data-finished=true]").wait_for(timeout=90_000)
    assert "3 of 3 analysed" in page.locator("[role=status]").inner_text()
    server.shot(page, "06-job")
    page.goto(server.url + "/documents?status=analysed")
    for record in records:
        assert page.get_by_role("link", name=record["title"]).count() == 1
    server.shot(page, "07-documents")


def test_viewer_sees_no_edit_forms_and_is_refused(page: Any, live_server: LiveServer) -> None:
    server = live_server
    _sign_in(page, server, "viewer", "/review?status=all")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() > 0  # the analyst's matches, to read
    assert page.get_by_role("button", name="Confirm").count() == 0
    assert page.get_by_role("button", name="Reject").count() == 0
    server.shot(page, "08-review-viewer")
    page.goto(server.url + "/documents")
    assert page.get_by_role("button", name="Add and analyse").count() == 0

    # a crafted post, with the viewer's own session and CSRF token, is refused
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    answer = page.request.post(server.url + "/matches/1/confirm",
                               form={"csrf_token": token, "next": "/review"},
                               max_redirects=0)
    assert answer.status == 403
    assert "F502" in answer.text()
    page.goto(server.url + "/audit")
    assert "403" in page.locator("h1").inner_text()


def test_admin_reads_the_audit_log(page: Any, live_server: LiveServer) -> None:
    server = live_server
    _sign_in(page, server, "admin", "/audit")
    assert page.locator("table.audit tbody tr").count() > 0
    assert "session.create" in page.locator("table.audit").inner_text()
    server.shot(page, "09-audit")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in$"))
    page.goto(server.url + "/audit")
    assert "/sign-in" in page.url


def test_analyst_filters_the_queue_and_tags_techniques_from_the_keyboard(
        page: Any, live_server: LiveServer) -> None:
    server = live_server
    _sign_in(page, server, "analyst", "/review?status=all")
    first = page.locator("table.queue tbody tr").first
    verdict = (first.locator("td").nth(2).locator(".verdict").first.get_attribute("class")
               or "").split("verdict-")[-1]
    assert verdict and verdict != "verdict", "the seeded matches have fact-check verdicts"

    # filter: status and verdict chosen, a date typed, Enter in the date field submits
    page.get_by_label("Status").select_option("all")
    page.get_by_label("Fact-check verdict").select_option(verdict)
    page.get_by_label("Document from").fill("2000-01-01")
    with page.expect_navigation():
        page.get_by_label("Document from").press("Enter")
    assert f"verdict={verdict}" in page.url and "since=2000-01-01" in page.url
    rows = page.locator("table.queue tbody tr")
    assert rows.count() > 0
    shown = {(c or "") for c in rows.locator("td:nth-child(3) > .verdict").evaluate_all(
        "cells => cells.map(c => c.className)")}
    assert shown == {f"verdict verdict-{verdict}"}, shown
    assert page.get_by_label("Fact-check verdict").input_value() == verdict
    assert "CC BY-SA 4.0" in page.locator(".attribution").inner_text()
    assert page.locator("datalist#disarm-techniques option").count() > 300

    # tag two techniques from the keyboard: type an id, Enter adds it; an unknown id is named
    row = rows.first
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    picker = row.get_by_label("Add a technique")
    picker.focus()
    page.keyboard.type("T0002")
    page.keyboard.press("Enter")
    assert "T0002" in row.get_by_label("DISARM techniques").input_value()
    assert "Facilitate State Propaganda" in row.locator(".picker-status").inner_text()
    assert picker.input_value() == ""
    page.keyboard.type("t0003")
    page.keyboard.press("Enter")
    assert "T0003" in row.get_by_label("DISARM techniques").input_value()
    page.keyboard.type("T9999")
    page.keyboard.press("Enter")
    assert "No DISARM technique T9999" in picker.evaluate("e => e.validationMessage")
    for _ in "T9999":
        page.keyboard.press("Backspace")
    server.shot(page, "10-review-picker")
    with page.expect_navigation():  # Enter on the empty picker sends the form
        page.keyboard.press("Enter")
    assert f"verdict={verdict}" in page.url  # back to the filtered queue
    tagged = page.locator("table.queue tbody tr").first.locator(".review")
    assert "Facilitate State Propaganda" in tagged.inner_text()
    assert "Leverage Existing Narratives" in tagged.inner_text()
    server.shot(page, "11-review-filtered")


def test_admin_sets_the_default_marking_and_browses_narratives(page: Any,
                                                               live_server: LiveServer) -> None:
    server = live_server
    _sign_in(page, server, "admin", "/settings")
    assert page.locator(".tlp").first.inner_text() in ("TLP:AMBER", "TLP:GREEN")
    page.get_by_label("TLP 2.0").select_option("TLP:GREEN")
    page.get_by_label("Released to (organisations, comma-separated)").fill("JP-MoD")
    with page.expect_navigation():
        page.get_by_role("button", name="Save marking").click()
    assert page.locator(".tlp").first.inner_text() == "TLP:GREEN"
    assert "released to JP-MoD" in page.locator("main").inner_text()
    server.shot(page, "12-settings")
    page.goto(server.url + "/narratives")
    assert page.locator("h1").inner_text() == "Narratives"
    server.shot(page, "13-narratives")
    links = page.locator("table.narratives a")
    if links.count():  # the analysed articles' claims were clustered
        with page.expect_navigation():
            links.first.click()
        assert page.locator("h2", has_text="Claims").count() == 1
        server.shot(page, "14-narrative")
