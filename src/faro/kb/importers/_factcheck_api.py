"""Responses of the Google Fact Check Tools API (``claims:search``), saved as JSON.

``{"claims": [{"text", "claimant", "claimDate", "claimReview": [{"publisher": {"name", "site"},
"url", "title", "reviewDate", "textualRating", "languageCode"}]}], "nextPageToken"}``: one
fact-check per ``claimReview``. A file may also hold an array of responses (saved pages); an
empty response (``{}``, what the API answers when nothing matches) holds no fact-checks.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from faro._errors import InvalidRecordError, MalformedKBFileError
from faro.kb.importers._collect import Collector
from faro.kb.importers._fields import ReadContext, build_factcheck
from faro.kb.importers._source import load_json
from faro.model import FactCheck

__all__ = ["read_factcheck_api"]


def read_factcheck_api(text: str, context: ReadContext, out: Collector) -> None:
    value, lines = load_json(text, context.source)
    responses = value if isinstance(value, list) else [value]
    for response in responses:
        if not isinstance(response, dict) or not isinstance(response.get("claims", []), list):
            raise MalformedKBFileError(
                "not a Fact Check Tools API response (an object with a list of claims)",
                source=context.source,
                line=lines.of(response),
            )
        if "error" in response and "claims" not in response:
            error = response["error"]
            message = error.get("message") if isinstance(error, dict) else error
            raise MalformedKBFileError(
                f"the file holds an API error, not results: {message}", source=context.source
            )
        for claim in response.get("claims", []):
            line = lines.of(claim)
            reviews = claim.get("claimReview") if isinstance(claim, dict) else None
            if not isinstance(reviews, list) or not reviews:
                out.reject(line, InvalidRecordError.code, "a claim without claimReview")
                continue
            for review in reviews:
                out.take(lines.of(review) or line, partial(_factcheck, claim, review, context))


def _factcheck(claim: dict[str, Any], review: Any, context: ReadContext) -> FactCheck:
    if not isinstance(review, dict):
        raise InvalidRecordError("a claimReview that is not an object")
    publisher = review.get("publisher")
    publisher = publisher if isinstance(publisher, dict) else {}
    values = {
        "claim": claim.get("text"),
        "claimant": claim.get("claimant"),
        "url": review.get("url"),
        "publisher": publisher.get("name") or publisher.get("site"),
        "title": review.get("title"),
        "review_date": review.get("reviewDate"),
        "rating": review.get("textualRating"),
        "language": review.get("languageCode") or claim.get("languageCode"),
    }
    return build_factcheck(values, context, strict=False)
