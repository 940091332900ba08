"""Ingesting sources into an organisation's store: identities, near-duplicates grouped and not
analysed, the rest analysed and matched, bad sources failing with their codes. Every source is
a file in tmp_path or a loopback server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import fresh_database
from tests.ingest._server import endless, send, serve, slow
from tests.monitor.conftest import RECORDS, STORIES, WIRE_COPY, ingester, rss, send_feed

from faro.ingest import Fetcher
from faro.store import Store


def test_feed_entries_stored_once_duplicates_grouped_claims_matched(database_url: str) -> None:
    feed = rss([("a1", STORIES[0]), ("a2", STORIES[1]), ("a3", WIRE_COPY)])
    other = rss([("b1", STORIES[0]), ("b2", STORIES[2])])  # another feed: the same story
    routes = {"/feed": lambda h: send_feed(h, feed), "/other": lambda h: send_feed(h, other)}
    with Store.open(database_url) as store, serve(routes) as base:
        store.put_records(RECORDS)
        run = ingester(store)
        report, _ = run.run(f"{base}/feed")
        assert (report.new, report.duplicates, report.known, report.errors) == (2, 1, 0, [])
        report, _ = run.run(f"{base}/feed")
        assert (report.new, report.duplicates, report.known) == (0, 0, 3)
        report, _ = ingester(store).run(f"{base}/other")  # a new process: index from the store
        assert (report.new, report.duplicates, report.known) == (1, 1, 0)

        listed = {d.url: d for d in store.sources.listing(run.org_id)}
        first = listed["https://news.example/a1"]
        assert first.status == "analysed" and first.language == "it" and first.claims >= 1
        assert first.matches >= 1 and first.source == f"{base}/feed"
        for copy in (listed["https://news.example/a3"], listed["https://news.example/b1"]):
            assert (copy.status, copy.duplicate_of, copy.claims) == ("duplicate", first.id, 0)
            assert copy.similarity is not None and copy.similarity >= 0.5
        # the server's documents see them too
        assert store.documents.find(run.org_id)[1] == 5
        # another organisation has its own documents and identities
        assert ingester(store, "Other desk").run(f"{base}/feed")[0].new == 2


def test_sources_that_fail_whole_and_entries_that_fail(tmp_path: Path, store: Store) -> None:
    routes = {
        "/gone": lambda h: send(h, 410, b"gone", {"Content-Type": "text/plain"}),
        "/busy": lambda h: send(h, 503, b"busy", {"Content-Type": "text/plain"}),
        "/loop": lambda h: send(h, 302, b"", {"Location": "/loop"}),
        "/slow": slow,
        "/huge": endless,
        "/cut": lambda h: send(h, 200, b"<rss><channel><item><title>Unclosed",
                               {"Content-Type": "application/rss+xml"}),
        "/login": lambda h: send(h, 200, b"<html><body><form><input name=u></form></body>"
                                 b"</html>", {"Content-Type": "text/html"}),
    }
    run = ingester(store, fetcher_factory=lambda: Fetcher(timeout=0.5, max_bytes=200_000))
    with serve(routes) as base:
        codes = {path: run.run(f"{base}{path}")[0].failure for path in routes}
    assert {p: (e.code if e else None) for p, e in codes.items()} == {
        "/gone": "F110", "/busy": "F110", "/loop": "F110", "/slow": "F110", "/huge": "F110",
        "/cut": "F111", "/login": "F109"}
    assert "410" in str(codes["/gone"]) and "redirect" in str(codes["/loop"])
    assert "larger than the limit" in str(codes["/huge"])

    missing = run.run(str(tmp_path / "nowhere"))[0].failure
    assert missing is not None and missing.code == "F106"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORIES[3], "utf-8")
    (folder / "broken.json").write_text('{"text": "unterminated', "utf-8")
    (folder / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": STORIES[4]}) + "\n{oops\n", "utf-8")
    report, _ = run.run(str(folder))
    assert report.failure is None and report.new == 2
    assert sorted(e.code for e in report.errors) == ["F105", "F105"]
    assert store.sources.known(run.org_id, [f"{folder.resolve()}/records.jsonl#r1"])


def test_feed_in_a_legacy_encoding_and_exports(tmp_path: Path, store: Store) -> None:
    cp1251 = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
              "<title>Новости</title><item><title>Фейк о мобилизации</title><guid>r1</guid>"
              "<description>Видео о мобилизации снято в 2019 году в другой стране, заявили в "
              "министерстве обороны.</description></item></channel></rss>").encode("cp1251")
    run = ingester(store)
    with serve({"/ru": lambda h: send(h, 200, cp1251, {"Content-Type": "text/xml"})}) as base:
        report, _ = run.run(f"{base}/ru")
    assert report.new == 1
    (doc,) = store.sources.listing(run.org_id)
    assert doc.title == "Фейк о мобилизации" and doc.language == "ru"

    telegram = {"name": "Channel", "type": "public_channel", "id": 77, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1730000000", "text": STORIES[5]},
        {"id": 2, "type": "service", "text": ""}]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(telegram), "utf-8")
    report, _ = run.run(str(path))
    assert (report.new, report.skipped) == (1, 1)
    assert run.run(str(path))[0].known == 1
    assert store.sources.known(run.org_id, ["telegram:77:1"])


def test_a_stored_document_only_needs_its_signature(tmp_path: Path) -> None:
    """The index reloads from the signatures: a process that never saw the first copy still
    groups the second with it."""
    with fresh_database("sqlite", tmp_path) as url, Store.open(url) as store:
        (tmp_path / "one.txt").write_text(STORIES[0], "utf-8")
        (tmp_path / "two.txt").write_text(WIRE_COPY, "utf-8")
        assert ingester(store).run(str(tmp_path / "one.txt"))[0].new == 1
        fresh = ingester(store)
        assert len(fresh.index) == 1
        assert fresh.run(str(tmp_path / "two.txt"))[0].duplicates == 1


@pytest.mark.parametrize("kind", ["feed", "page", "export"])
def test_kind_forced(kind: str, store: Store) -> None:
    body = rss([("k1", STORIES[2])])
    with serve({"/x": lambda h: send(h, 200, body, {"Content-Type": "text/plain"})}) as base:
        report, _ = ingester(store).run(f"{base}/x", kind)
    if kind == "export":  # not an export faro reads
        assert report.failure is not None and report.failure.code == "F111"
    else:  # as a feed, its entry; as a plain-text page, the body as it is
        assert report.new == 1
