"""RSS and Atom feeds as documents, parsed by feedparser.

Each entry becomes a :class:`~faro.Document`: its headline and text (the fullest of the entry's
content elements, else its summary, HTML turned into paragraphs), link, author, publication
time and the feed's language. feedparser reads RSS 0.9x-2.0, RSS 1.0 (RDF) and Atom, and copes
with feeds that are not well-formed XML; a feed it can read no entry from, or a broken one with
no entry left to read, raises
:class:`~faro.MalformedSourceError` (F111).
"""

from __future__ import annotations

import hashlib
from calendar import timegm
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from faro._errors import MalformedSourceError
from faro.ingest.decode import normalize
from faro.ingest.html import fragment_text
from faro.model import Document, Note

__all__ = ["Feed", "read_feed"]


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, link and language, and its entries as documents."""

    title: str | None
    link: str | None
    language: str | None
    documents: list[Document] = field(default_factory=list)
    skipped: int = 0
    """Entries with no text."""


def read_feed(data: bytes, name: str, *, content_type: str | None = None) -> Feed:
    """The entries of the feed ``data`` (fetched from or saved as ``name``);
    ``content_type``: the HTTP header, whose charset feedparser weighs."""
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers or None)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no RSS or Atom elements"
        raise MalformedSourceError(f"not an RSS or Atom feed faro can read: {reason}",
                                   source=name)
    meta = parsed.feed
    language = _language(meta.get("language"))
    notes = [Note(MalformedSourceError.code, f"the feed is not well-formed XML "
                  f"({parsed.bozo_exception}); its entries were read leniently", "ingest")
             ] if parsed.bozo else []
    docs, skipped = [], 0
    for entry in parsed.entries:
        doc = _entry_document(entry, name, language, notes)
        if doc is None:
            skipped += 1
        else:
            docs.append(doc)
    if parsed.bozo and not docs:
        raise MalformedSourceError(f"no entry could be read from this feed, which is not "
                                   f"well-formed XML: {parsed.bozo_exception}", source=name)
    return Feed(_text(meta.get("title")), meta.get("link"), language, docs, skipped)


def _entry_document(entry: Any, name: str, language: str | None, notes: list[Note]
                    ) -> Document | None:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = max(contents, key=len) if contents else entry.get("summary", "")
    text = normalize(fragment_text(body))
    title = _text(entry.get("title"))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    if not text.strip():
        return None
    link = entry.get("link")
    identity = entry.get("id") or link or hashlib.sha1(text.encode()).hexdigest()[:16]
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    metadata = {"feed": name}
    if author := _text(entry.get("author")):
        metadata["author"] = author
    return Document(
        id=f"feed:{identity}", text=text, source=link or f"{name}#{identity}", title=title,
        url=link, published=datetime.fromtimestamp(timegm(when), UTC) if when else None,
        lang_hint=_language(entry.get("language")) or language, metadata=metadata,
        notes=list(notes))


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(fragment_text(value).split()) or None


def _language(value: Any) -> str | None:
    """``en-us`` → ``en``; None for anything that is not a plain language tag."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
