"""Fixtures of the monitoring tests: feeds built from a few texts, served on loopback by
tests/ingest/_server.py, and a store with a small knowledge base."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from tests.conftest import fresh_database
from tests.server.test_documents_api import ARTICLE, RECORDS

from faro._config import load_options
from faro.monitor import Ingester
from faro.store import CLI, Store

#: Texts of feed entries: distinct stories, and a wire copy of the first one.
STORIES = [
    ARTICLE,
    "Il comune di Bergamo ha smentito un video falso sulle elezioni: le immagini circolate "
    "sui social sono state create con l'intelligenza artificiale, secondo la prefettura.",
    "La protezione civile ha diramato un'allerta meteo per forti piogge in Liguria fino a "
    "domenica, con possibili allagamenti nelle zone costiere e nei sottopassi.",
    "Un ponte sul fiume Adige resterà chiuso per lavori fino a maggio, due anni dopo la data "
    "prevista, a causa dell'aumento dei costi dei materiali, ha detto l'assessore.",
    "Nessun blackout nazionale è previsto per il fine settimana: il gestore della rete ha "
    "definito false le catene di messaggi che circolano su WhatsApp da lunedì.",
    "Il 40% dei fondi europei per la scuola è stato speso nel 2024, secondo un rapporto della "
    "Corte dei conti pubblicato martedì, contro il 25% dell'anno precedente.",
]
WIRE_COPY = f"ROMA (Agenzia) - {ARTICLE} (Reporting di A. Rossi)"


def rss(entries: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of ``(guid, text)`` entries (links under news.example)."""
    items = "".join(
        f"<item><title>Notizia {escape(guid)}</title><guid>{escape(guid)}</guid>"
        f"<link>https://news.example/{escape(guid)}</link>"
        f"<description>{escape(text)}</description></item>" for guid, text in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Desk</title><language>it</language>{items}</channel></rss>").encode()


def send_feed(handler: BaseHTTPRequestHandler, body: bytes, etag: str | None = None) -> None:
    """200 with ``body``, or 304 when the client sent ``etag`` back."""
    from tests.ingest._server import send

    if etag and handler.headers.get("If-None-Match") == etag:
        send(handler, 304, b"", {"ETag": etag})
        return
    headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
    if etag:
        headers["ETag"] = etag
    send(handler, 200, body, headers)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store with the small knowledge base of the documents API tests."""
    with fresh_database("sqlite", tmp_path) as url, Store.open(url) as opened:
        opened.put_records(RECORDS)
        yield opened


def ingester(store: Store, org: str = "Desk", **kwargs: object) -> Ingester:
    organisation, _ = store.accounts.ensure_organisation(org, CLI)
    return Ingester(store, load_options(), organisation.id, **kwargs)  # type: ignore[arg-type]
