"""The JSON form of an analysed document, and the JSON Schema it follows.

The schema ships in the package (``faro/resources/schema/analyzed-document.schema.json``) and is
documented in ``docs/json-output.md``; a test validates every example's output against it.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from faro._version import __version__
from faro.model import Document

__all__ = ["SCHEMA_ID", "document_to_dict", "document_to_json", "load_schema"]

SCHEMA_ID = "https://faro.dev/schema/analyzed-document/1.json"


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def document_to_dict(doc: Document) -> dict[str, Any]:
    """A JSON-ready dict of ``doc`` that validates against :func:`load_schema`."""
    language = None
    if doc.language is not None:
        language = {
            "code": doc.language.code,
            "confidence": doc.language.confidence,
            "method": doc.language.method,
            "alternatives": [{"code": c, "confidence": p} for c, p in doc.language.alternatives],
        }
    quotes = []
    for quote in doc.quotes:
        item = _plain(quote)
        item["speaker_span"] = list(quote.speaker_span) if quote.speaker_span else None
        quotes.append(item)
    return {
        "$schema": SCHEMA_ID,
        "faro_version": __version__,
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "url": doc.url,
        "published": _plain(doc.published),
        "metadata": _plain(doc.metadata),
        "language": language,
        "text": doc.text,
        "sentences": _plain(doc.sentences),
        "entities": _plain(doc.entities),
        "numbers": _plain(doc.numbers),
        "dates": _plain(doc.dates),
        "quotes": quotes,
        "claims": _plain(doc.claims),
        "notes": _plain(doc.notes),
    }


def document_to_json(doc: Document) -> str:
    """One line of JSON (no newline inside) for ``doc``."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":"))


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`document_to_dict`'s output."""
    path = resources.files("faro.resources").joinpath("schema/analyzed-document.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema
