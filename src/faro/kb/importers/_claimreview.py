"""schema.org ClaimReview in JSON-LD: a JSON file, or the ``ld+json`` scripts of a saved page.

A file may hold one object, an array, a ``@graph`` (nested ``@graph``s too), a data feed, or
ClaimReviews nested in other objects (a ``NewsArticle``'s ``review``); every object typed
``ClaimReview`` is read, other types are ignored. A saved HTML page contributes each
``<script type="application/ld+json">`` block; a block that does not parse is rejected (F301)
when others do, and fails the page when none does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import urldefrag

from lxml import etree  # type: ignore[import-untyped]

from faro._errors import InvalidRecordError, MalformedKBFileError
from faro.kb.importers._collect import Collector
from faro.kb.importers._fields import ReadContext, build_factcheck
from faro.kb.importers._source import JSONLines, load_json
from faro.kb.ratings import verdict_from_scale
from faro.model import FactCheck

__all__ = ["read_claimreview"]

_LD_JSON = "application/ld+json"
# Wrappers some pages put around JSON in a script: "<!-- … -->", "<![CDATA[ … ]]>".
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


def read_claimreview(text: str, context: ReadContext, out: Collector) -> None:
    if text.lstrip()[:1] == "<":
        _read_page(text, context, out)
        return
    value, lines = load_json(text, context.source)
    _collect(value, lines, context, out)


def _read_page(text: str, context: ReadContext, out: Collector) -> None:
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if root is None:
        return
    blocks: list[tuple[Any, JSONLines]] = []
    broken: list[MalformedKBFileError] = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != _LD_JSON or not (script.text or "").strip():
            continue
        # Blank the wrappers out, newlines kept, so that line numbers still hold.
        body = _WRAPPER.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), script.text)
        try:
            blocks.append(load_json(body, context.source, first_line=script.sourceline or 1))
        except MalformedKBFileError as exc:
            broken.append(exc)
    if broken and not blocks:
        raise broken[0]
    for error in broken:
        out.reject(error.line, error.code, f"an ld+json script is {error.message}")
    for value, lines in blocks:
        _collect(value, lines, context, out)


def _collect(value: Any, lines: JSONLines, context: ReadContext, out: Collector) -> None:
    for review in _claim_reviews(value):
        out.take(lines.of(review), partial(_factcheck, review, context))


def _claim_reviews(value: Any) -> Iterator[dict[str, Any]]:
    """Every object typed ClaimReview, in document order, without looking inside them."""
    if isinstance(value, list):
        for item in value:
            yield from _claim_reviews(item)
    elif isinstance(value, dict):
        if _is_claim_review(value):
            yield value
            return
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _claim_reviews(item)


def _is_claim_review(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    for name in types if isinstance(types, list) else [types]:
        # "ClaimReview", "schema:ClaimReview", "http://schema.org/ClaimReview"
        if isinstance(name, str) and re.split(r"[/:#]", name)[-1] == "ClaimReview":
            return True
    return False


def _factcheck(review: dict[str, Any], context: ReadContext) -> FactCheck:
    claim = _string(review.get("claimReviewed"))
    if claim is None:
        raise InvalidRecordError("a ClaimReview without claimReviewed (the claim it reviews)")
    rating = _first_object(review.get("reviewRating"))
    rating_text = _string(rating.get("alternateName")) or _string(rating.get("name"))
    verdict = None
    value = rating.get("ratingValue")
    if rating_text is None and value not in (None, ""):
        if _is_number(value):
            verdict = verdict_from_scale(
                value, _scalar(rating.get("bestRating")), _scalar(rating.get("worstRating"))
            )
        else:
            rating_text = _string(value)  # a rating written where the number goes
    item = _first_object(review.get("itemReviewed"))
    url = _string(review.get("url"))
    if url is None:
        node_id = _string(review.get("@id"))
        # A node id is often the page URL and a fragment ("…/check/#claimreview").
        url = urldefrag(node_id).url if node_id and node_id.startswith("http") else None
    values = {
        "claim": claim,
        "rating": rating_text,
        "verdict": verdict,
        "url": url,
        "publisher": _name(review.get("author")) or _name(review.get("publisher")),
        "title": _string(review.get("headline")) or _string(review.get("name")),
        "claimant": _name(item.get("author")),
        "review_date": _string(review.get("datePublished")) or _string(review.get("dateCreated")),
        "language": _language(review.get("inLanguage")),
    }
    return build_factcheck(values, context, strict=False)


def _string(value: Any) -> str | None:
    """A text value, HTML entities decoded (publishers often leave ``&quot;`` in JSON-LD)."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    if isinstance(value, str) and value.strip():
        return html.unescape(value).strip() if "&" in value else value.strip()
    return None


def _scalar(value: Any) -> float | str | None:
    return value if isinstance(value, int | float | str) and not isinstance(value, bool) else None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _first_object(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), None)
    return value if isinstance(value, dict) else {}


def _name(value: Any) -> str | None:
    """The name of a Person or Organization (or of the first of a list), or a plain string."""
    if isinstance(value, list):
        return next((name for item in value if (name := _name(item))), None)
    if isinstance(value, dict):
        return _string(value.get("name"))
    return _string(value)


def _language(value: Any) -> str | None:
    """``inLanguage``: a code, or a Language object with the code as ``alternateName``."""
    if isinstance(value, dict):
        return _string(value.get("alternateName")) or _string(value.get("name"))
    return _string(value)
