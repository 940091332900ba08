"""Fact-checks as schema.org ClaimReview JSON-LD, the markup fact-checkers publish and search
engines read.

Every ClaimReview carries what schema.org and Google's fact-check markup ask for: the required
``claimReviewed``, ``reviewRating`` (with ``alternateName``, the rating in words, and a 1-5
``ratingValue`` between ``worstRating`` 1 and ``bestRating`` 5) and ``url``, and the
recommended ``author``, ``datePublished`` and ``itemReviewed`` (a ``Claim`` with its author
and, when known, its language). A record without a review URL or a verdict cannot be a
ClaimReview and is left out, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faro.model import FactCheck, Verdict
from faro.sharing._stix import Finding

__all__ = ["claim_reviews", "finding_reviews"]

#: Verdicts on the 1 (false) to 5 (true) scale ClaimReview ratings use.
_SCALE = {Verdict.FALSE: 1, Verdict.MOSTLY_FALSE: 2, Verdict.PARTLY_TRUE: 3,
          Verdict.COMPLICATED: 3, Verdict.OTHER: 3, Verdict.MOSTLY_TRUE: 4, Verdict.TRUE: 5}
_WORDS = {Verdict.FALSE: "False", Verdict.MOSTLY_FALSE: "Mostly false",
          Verdict.PARTLY_TRUE: "Partly true", Verdict.COMPLICATED: "Complicated",
          Verdict.OTHER: "Unrated", Verdict.MOSTLY_TRUE: "Mostly true", Verdict.TRUE: "True"}


def claim_reviews(records: Iterable[FactCheck]
                  ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The ClaimReviews of ``records`` (already filtered by the sharing rule) and the records
    left out, as (id, reason)."""
    reviews: list[dict[str, Any]] = []
    left: list[tuple[str, str]] = []
    for record in records:
        if not record.url:
            left.append((record.id, "no review URL (ClaimReview requires url)"))
            continue
        if record.verdict is None:
            left.append((record.id, "no verdict to rate"))
            continue
        claim: dict[str, Any] = {"@type": "Claim",
                                 "author": {"@type": "Person" if record.claimant else
                                            "Organization",
                                            "name": record.claimant or "unknown"}}
        if record.language != "und":
            claim["inLanguage"] = record.language
        review: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": record.url, "claimReviewed": record.claim,
            "author": {"@type": "Organization", "name": record.publisher or "unknown"},
            "itemReviewed": claim,
            "reviewRating": {"@type": "Rating", "ratingValue": _SCALE[record.verdict],
                             "bestRating": 5, "worstRating": 1,
                             "alternateName": record.rating or _WORDS[record.verdict]},
        }
        if record.review_date:
            review["datePublished"] = record.review_date.isoformat()
        if record.title:
            review["name"] = record.title
        if record.language != "und":
            review["inLanguage"] = record.language
        reviews.append(review)
    return reviews, left


def finding_reviews(findings: Iterable[Finding], *, organisation: str,
                    url_base: str | None = None,
                    factchecks: dict[str, FactCheck] | None = None,
                    ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """ClaimReviews of an organisation's own verdicts: every claim of ``findings`` (already
    filtered by the sharing rule) whose match its analysts confirmed and gave a verdict. The
    review's ``url`` is ``<url_base>/claims/<claim>`` (the page where the organisation
    publishes it), else the confirmed fact-check's URL (from ``factchecks``); the claim
    ``appearance`` is the document's URL. Claims left out come back with the reason."""
    reviews: list[dict[str, Any]] = []
    left: list[tuple[str, str]] = []
    for finding in findings:
        for claim in finding.claims:
            if claim.verdict is None or not claim.factchecks:
                continue  # not a confirmed verdict
            matched = (factchecks or {}).get(claim.factchecks[0])
            url = (f"{url_base.rstrip('/')}/claims/{claim.key.replace(':', '-')}" if url_base
                   else matched.url if matched else None)
            if not url:
                left.append((claim.key, "no URL to publish it at (give --url-base)"))
                continue
            item: dict[str, Any] = {"@type": "Claim", "author": {"@type": "Organization",
                                                                  "name": finding.source
                                                                  or "unknown"}}
            if finding.url:
                item["appearance"] = {"@type": "CreativeWork", "url": finding.url}
            if finding.published:
                item["datePublished"] = finding.published.isoformat()
            if claim.language:
                item["inLanguage"] = claim.language
            review: dict[str, Any] = {
                "@context": "https://schema.org", "@type": "ClaimReview", "url": url,
                "claimReviewed": claim.text,
                "author": {"@type": "Organization", "name": organisation},
                "itemReviewed": item,
                "reviewRating": {"@type": "Rating", "ratingValue": _SCALE[claim.verdict],
                                 "bestRating": 5, "worstRating": 1,
                                 "alternateName": _WORDS[claim.verdict]}}
            if finding.changed:
                review["datePublished"] = finding.changed.date().isoformat()
            if claim.language:
                review["inLanguage"] = claim.language
            reviews.append(review)
    return reviews, left
