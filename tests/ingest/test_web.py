"""Fetching feeds and pages from a local server: limits, redirects, errors, validators."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from tests.ingest._server import endless, send, serve, slow

from faro import FetchError, MalformedSourceError, NoContentError
from faro.ingest.feeds import read_feed
from faro.ingest.web import Fetcher, page_document

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Desk &amp; Wire</title><link>https://news.example/</link>
<language>it-IT</language>
<item><title>Il ministro: 3.700 denunce dal 4 novembre</title>
<link>https://news.example/a1</link><guid>a1</guid>
<pubDate>Tue, 05 Nov 2024 08:30:00 GMT</pubDate><author>redazione@news.example (Redazione)</author>
<description>&lt;p&gt;Secondo il ministro le denunce sono &lt;b&gt;3.700&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Seconda frase.&lt;/p&gt;</description></item>
<item><title></title><link>https://news.example/empty</link><description></description></item>
</channel></rss>"""

PAGE = b"""<!doctype html><html lang="en"><head><title>Cable cut: what we know</title>
<meta charset="utf-8"></head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Cable cut: what we know</h1>
<p>A video shared 40,000 times claims to show a ship cutting a Baltic undersea cable on
Monday. The footage was filmed in 2019 off the coast of Norway, according to the coastguard.</p>
<p>The operator said on Tuesday that the cable had been repaired within hours and that no
data had been lost, contradicting posts that spoke of a week-long outage.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def _etag(handler: BaseHTTPRequestHandler) -> None:
    if handler.headers.get("If-None-Match") == '"v1"':
        send(handler, 304, b"", {"ETag": '"v1"'})
    else:
        send(handler, 200, RSS, {"Content-Type": "application/rss+xml", "ETag": '"v1"',
                                 "Last-Modified": "Tue, 05 Nov 2024 09:00:00 GMT"})


ROUTES = {
    "/feed": lambda h: send(h, 200, RSS, {"Content-Type": "application/rss+xml"}),
    "/etag": _etag,
    "/page": lambda h: send(h, 200, PAGE, {"Content-Type": "text/html; charset=utf-8"}),
    "/login": lambda h: send(h, 200, b"<html><body><form><input name=u></form></body></html>",
                             {"Content-Type": "text/html"}),
    "/moved": lambda h: send(h, 301, b"", {"Location": "/page"}),
    "/loop-a": lambda h: send(h, 302, b"", {"Location": "/loop-b"}),
    "/loop-b": lambda h: send(h, 302, b"", {"Location": "/loop-a"}),
    "/gone": lambda h: send(h, 410, b"gone", {"Content-Type": "text/plain"}),
    "/broken": lambda h: send(h, 503, b"busy", {"Content-Type": "text/plain"}),
    "/slow": slow,
    "/huge": endless,
    "/liar": lambda h: send(h, 200, b"x" * 10, {"Content-Length": str(50 * 2**20)}),
    "/bad-feed": lambda h: send(
        h, 200, b'<rss version="2.0"><channel><item><title>Rates & taxes up 5%</title>'
        b"<guid>b1</guid></item></channel></rss>", {"Content-Type": "application/rss+xml"}),
    "/cut-feed": lambda h: send(h, 200, b"<rss><channel><item><title>Unclosed",
                                {"Content-Type": "application/rss+xml"}),
    "/not-a-feed": lambda h: send(h, 200, b"hello, world", {"Content-Type": "text/plain"}),
    "/cp1251": lambda h: send(
        h, 200, '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
        '<title>Новости</title><item><title>Фейк о мобилизации</title><guid>r1</guid>'
        '<description>Видео снято в 2019 году.</description></item></channel></rss>'
        .encode("cp1251"), {"Content-Type": "application/rss+xml"}),
}


@pytest.fixture(scope="module")
def base() -> str:
    with serve(ROUTES) as url:
        yield url


def test_feed_entries_become_documents(base: str) -> None:
    with Fetcher() as fetcher:
        fetched = fetcher.get(f"{base}/feed")
    feed = read_feed(fetched.body, fetched.url, content_type=fetched.content_type)
    assert feed.title == "Desk & Wire" and feed.language == "it"
    assert feed.skipped == 1 and len(feed.documents) == 1
    doc = feed.documents[0]
    assert doc.id == "feed:a1" and doc.url == "https://news.example/a1"
    assert doc.text.startswith("Il ministro: 3.700 denunce dal 4 novembre\n\nSecondo il")
    assert "\n\nSeconda frase." in doc.text and "<b>" not in doc.text
    assert doc.published is not None and doc.published.isoformat() == "2024-11-05T08:30:00+00:00"
    assert doc.lang_hint == "it" and "Redazione" in doc.metadata["author"]


def test_conditional_request_answers_not_modified(base: str) -> None:
    with Fetcher() as fetcher:
        first = fetcher.get(f"{base}/etag")
        again = fetcher.get(f"{base}/etag", etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.etag == '"v1"' and first.last_modified
    assert again.not_modified and again.body == b""


def test_page_main_text_without_navigation(base: str) -> None:
    with Fetcher() as fetcher:
        fetched = fetcher.get(f"{base}/moved")  # one redirect, followed
    assert fetched.url == f"{base}/page"
    doc = page_document(fetched)
    assert "40,000 times" in doc.text and "repaired within hours" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.id == f"{base}/page" and doc.title == "Cable cut: what we know"


def test_page_without_article_is_refused(base: str) -> None:
    with Fetcher() as fetcher, pytest.raises(NoContentError):
        page_document(fetcher.get(f"{base}/login"))


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/gone", 410, "HTTP 410"), ("/broken", 503, "HTTP 503"), ("/missing", 404, "HTTP 404"),
    ("/loop-a", None, "redirects"), ("/huge", None, "larger than"),
    ("/liar", None, "larger than"),
])
def test_bad_answers_raise_fetch_errors(base: str, path: str, status: int | None,
                                        words: str) -> None:
    with Fetcher(max_bytes=2**20) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(base + path)
    assert caught.value.code == "F110" and caught.value.status == status
    assert words in caught.value.message and caught.value.source == base + path


def test_retry_after_is_read_from_refusals() -> None:
    from datetime import UTC, datetime

    from faro.ingest.web import retry_after

    later = "Wed, 02 Dec 2099 10:00:00 GMT"
    routes = {"/busy": lambda h: send(h, 503, b"", {"Retry-After": "120"}),
              "/later": lambda h: send(h, 429, b"", {"Retry-After": later}),
              "/plain": lambda h: send(h, 503, b"")}
    with serve(routes) as url, Fetcher() as fetcher:
        found = {}
        for path in routes:
            with pytest.raises(FetchError) as caught:
                fetcher.get(url + path)
            found[path] = caught.value.retry_after
    assert found["/busy"] == 120 and found["/plain"] is None
    assert found["/later"] is not None and found["/later"] > 3600 * 24 * 365
    now = datetime(2024, 1, 1, 12, tzinfo=UTC)
    assert retry_after("Mon, 01 Jan 2024 12:01:00 GMT", now) == 60
    assert retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now) == 0  # in the past: now


def test_slow_server_times_out(base: str) -> None:
    with Fetcher(timeout=0.5) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.get(f"{base}/slow")


def test_unreachable_host_and_other_schemes() -> None:
    with Fetcher(timeout=1) as fetcher:
        with pytest.raises(FetchError, match="could not fetch"):
            fetcher.get("http://127.0.0.1:9/")  # the discard port: nothing listens
        with pytest.raises(FetchError, match="only http and https"):
            fetcher.get("file:///etc/passwd")


def test_malformed_feeds(base: str) -> None:
    with Fetcher() as fetcher:
        with pytest.raises(MalformedSourceError) as caught:
            read_feed(fetcher.get(f"{base}/not-a-feed").body, "not-a-feed")
        assert caught.value.code == "F111"
        with pytest.raises(MalformedSourceError, match="no entry could be read"):
            read_feed(fetcher.get(f"{base}/cut-feed").body, "cut-feed")
        lenient = read_feed(fetcher.get(f"{base}/bad-feed").body, "bad-feed")
    # a bare & is not XML: feedparser reads the entry leniently, and the document says so
    assert [d.text for d in lenient.documents] == ["Rates & taxes up 5%"]
    assert lenient.documents[0].notes[0].code == "F111"


def test_feed_in_a_legacy_encoding(base: str) -> None:
    with Fetcher() as fetcher:
        fetched = fetcher.get(f"{base}/cp1251")
    feed = read_feed(fetched.body, "cp1251", content_type=fetched.content_type)
    assert feed.title == "Новости"
    assert feed.documents[0].text == "Фейк о мобилизации\n\nВидео снято в 2019 году."
