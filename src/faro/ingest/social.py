"""Social-media exports as documents: Telegram channel exports, X (Twitter) API v2 responses,
Mastodon statuses and CrowdTangle / Meta Content Library-style CSV.

:func:`read_export` tells the format from the content (not the file name) and returns one
:class:`~faro.Document` per post, with its source, author, URL, publication time and, where the
export gives one, language. Posts without text (photos, service messages, polls) are skipped and
counted; a file that is none of these formats raises
:class:`~faro.MalformedSourceError` (F111).

>>> docs = read_export(b'{"data": [{"id": "1", "text": "NATO troops land in Odesa", '
...     b'"author_id": "9", "created_at": "2024-03-01T10:00:00.000Z", "lang": "en"}], '
...     b'"includes": {"users": [{"id": "9", "username": "example"}]}}', "tweets.json").documents
>>> docs[0].url, docs[0].lang_hint, docs[0].metadata["author"]
('https://x.com/example/status/1', 'en', '@example')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from faro._errors import MalformedSourceError
from faro.ingest.decode import decode, normalize
from faro.ingest.html import fragment_text
from faro.model import Document

__all__ = ["EXPORT_FORMATS", "Export", "read_export"]

#: The formats :func:`read_export` recognises.
EXPORT_FORMATS = ("telegram", "x", "mastodon", "posts-csv")
#: Telegram export chat types that hold public posts.
_TELEGRAM_TYPES = frozenset({"public_channel", "private_channel", "public_supergroup",
                             "private_supergroup", "personal_chat", "private_group",
                             "saved_messages"})
#: CSV columns, by what they hold, as CrowdTangle and Meta Content Library name them.
_CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("message", "text", "description", "image text", "link text"),
    "published": ("post created", "creation_time", "created_at", "date"),
    "author": ("page name", "user name", "post_owner.name", "post_owner.username", "author",
               "account"),
    "url": ("url", "post_url", "link"),
    "id": ("id", "post id", "facebook id"),
    "lang": ("lang", "language"),
}


@dataclass(frozen=True, slots=True)
class Export:
    """The posts of an export, its format and how many entries had no text to analyse."""

    format: str
    documents: list[Document]
    skipped: int = 0


def read_export(data: bytes, name: str) -> Export:
    """The posts of the export ``data`` (read from ``name``), whatever its format."""
    text, _ = decode(data, name)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError as exc:
            lines = _json_lines(stripped, name)
            if lines is None:
                raise MalformedSourceError(f"not valid JSON: {exc.msg}", source=name,
                                           line=exc.lineno) from exc
            value = lines
        return _read_json(value, name)
    return _read_csv(text, name)


def _json_lines(text: str, name: str) -> list[Any] | None:
    """JSON Lines (one API response per line, as streams are saved), or None."""
    values = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except json.JSONDecodeError:
            return None if number == 1 else _bad_line(name, number)
    return values


def _bad_line(name: str, number: int) -> list[Any]:
    raise MalformedSourceError("this JSON Lines file has a line that is not JSON", source=name,
                               line=number)


def _read_json(value: Any, name: str) -> Export:
    if isinstance(value, dict) and isinstance(value.get("messages"), list) and (
            value.get("type") in _TELEGRAM_TYPES or "name" in value):
        return _telegram(value, name)
    responses = value if isinstance(value, list) else [value]
    if responses and all(isinstance(r, dict) and "data" in r for r in responses):
        return _x(responses, name)
    if isinstance(value, list) and value and all(
            isinstance(s, dict) and "content" in s and "account" in s for s in value):
        return _mastodon(value, name)
    raise MalformedSourceError(
        "not a social-media export faro reads (a Telegram channel export, an X API v2 "
        "response, a list of Mastodon statuses, or a CrowdTangle-style CSV)", source=name)


# --------------------------------------------------------------------------- Telegram


def _telegram(export: Mapping[str, Any], name: str) -> Export:
    channel = _string(export.get("name")) or "Telegram"
    docs, skipped = [], 0
    for message in export["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            skipped += 1
            continue
        text = normalize(_telegram_text(message.get("text")))
        if not text.strip():
            skipped += 1
            continue
        number = message.get("id")
        metadata = {"author": _string(message.get("from")) or channel, "channel": channel,
                    "platform": "telegram"}
        if forwarded := _string(message.get("forwarded_from")):
            metadata["forwarded_from"] = forwarded
        docs.append(Document(
            id=f"telegram:{export.get('id', channel)}:{number}", text=text,
            source=f"{name}#{number}", published=_telegram_date(message),
            metadata=metadata))
    return Export("telegram", docs, skipped)


def _telegram_text(value: Any) -> str:
    """A message's text: a string, or a list of strings and entity objects with ``text``."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", ""))
                       for part in value if isinstance(part, str | dict))
    return ""


def _telegram_date(message: Mapping[str, Any]) -> datetime | None:
    unix = message.get("date_unixtime")
    if isinstance(unix, str) and unix.isdigit():
        return datetime.fromtimestamp(int(unix), UTC)
    return _datetime(message.get("date"))


# --------------------------------------------------------------------------- X (Twitter)


def _x(responses: Iterable[Mapping[str, Any]], name: str) -> Export:
    docs, skipped = [], 0
    for response in responses:
        users = {u.get("id"): u for u in _object(response.get("includes")).get("users", [])
                 if isinstance(u, dict)}
        data = response.get("data")
        for tweet in data if isinstance(data, list) else [data]:
            if not isinstance(tweet, dict) or not isinstance(tweet.get("id"), str | int):
                skipped += 1
                continue
            # note_tweet: the full text of a long post
            text = normalize(_string(_object(tweet.get("note_tweet")).get("text"))
                             or _string(tweet.get("text")) or "")
            if not text:
                skipped += 1
                continue
            user = users.get(tweet.get("author_id"), {})
            handle = _string(user.get("username"))
            metadata = {"platform": "x", "author": f"@{handle}" if handle else
                        str(tweet.get("author_id", "")) or None}
            kinds = [r.get("type") for r in tweet.get("referenced_tweets", [])
                     if isinstance(r, dict)]
            if kinds:
                metadata["references"] = ",".join(str(k) for k in kinds)
            lang = _string(tweet.get("lang"))
            docs.append(Document(
                id=f"x:{tweet['id']}", text=text, source=f"{name}#{tweet['id']}",
                url=f"https://x.com/{handle or 'i'}/status/{tweet['id']}",
                published=_datetime(tweet.get("created_at")),
                lang_hint=lang if lang and lang not in ("und", "zxx", "qme", "qht") else None,
                metadata={k: v for k, v in metadata.items() if v}))
    return Export("x", docs, skipped)


# --------------------------------------------------------------------------- Mastodon


def _mastodon(statuses: list[dict[str, Any]], name: str) -> Export:
    docs, skipped = [], 0
    for status in statuses:
        shown = _object(status.get("reblog")) or status
        text = normalize(fragment_text(str(shown.get("content") or "")))
        warning = _string(shown.get("spoiler_text"))
        if warning:
            text = f"{warning}\n\n{text}"
        if not text.strip():
            skipped += 1
            continue
        account = _object(shown.get("account"))
        metadata = {"platform": "mastodon",
                    "author": f"@{account['acct']}" if _string(account.get("acct")) else None}
        if shown is not status:
            metadata["reblogged_by"] = f"@{_object(status.get('account')).get('acct', '')}"
        url = _string(shown.get("url")) or _string(shown.get("uri"))
        docs.append(Document(
            id=f"mastodon:{url or shown.get('id')}", text=text,
            source=f"{name}#{status.get('id')}", url=url,
            published=_datetime(shown.get("created_at")),
            lang_hint=_string(shown.get("language")),
            metadata={k: v for k, v in metadata.items() if v}))
    return Export("mastodon", docs, skipped)


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str, name: str) -> Export:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {h.strip().lower(): h for h in reader.fieldnames or [] if h}
    column = {role: next((header[c] for c in names if c in header), None)
              for role, names in _CSV_COLUMNS.items()}
    if column["text"] is None or (column["published"] is None and column["author"] is None):
        raise MalformedSourceError(
            "not a posts CSV faro reads: it needs a text column (Message, text) and a date or "
            f"author column (Post Created, creation_time, Page Name); found {sorted(header)}",
            source=name, line=1)
    texts = [header[c] for c in _CSV_COLUMNS["text"] if c in header]
    docs, skipped = [], 0
    for row in reader:
        line = reader.line_num
        value = {role: _string(row.get(c)) if c else None for role, c in column.items()}
        body = next((t for t in (_string(row.get(c)) for c in texts) if t), None)
        if body is None:
            skipped += 1
            continue
        url = value["url"]
        docs.append(Document(
            id=f"post:{url or value['id'] or f'{name}:{line}'}", text=normalize(body),
            source=f"{name}:{line}", url=url, published=_datetime(value["published"]),
            lang_hint=value["lang"],
            metadata={k: v for k, v in {"author": value["author"], "platform": "csv"}.items()
                      if v}))
    return Export("posts-csv", docs, skipped)


# --------------------------------------------------------------------------- small parts


def _object(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _datetime(value: Any) -> datetime | None:
    """ISO 8601 (``2024-03-01T10:00:00.000Z``) or CrowdTangle's ``2024-03-01 10:00:00 EST``
    (the zone name dropped: kept as local time)."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(raw.rsplit(" ", 1)[0])
    except ValueError:
        return None
