"""ClaimReview JSON-LD: the fields schema.org and Google's fact-check markup require."""

from __future__ import annotations

from datetime import date

from faro.model import FactCheck, Verdict
from faro.sharing import claim_reviews

REQUIRED = {"@context", "@type", "url", "claimReviewed", "reviewRating", "author",
            "itemReviewed"}


def test_claimreview_fields() -> None:
    record = FactCheck(id="x", claim="5G spreads the virus", language="en",
                       verdict=Verdict.FALSE, rating="Pants on fire",
                       url="https://fc.example/5g", publisher="Desk", title="5G and viruses",
                       claimant="A blog", review_date=date(2024, 5, 2))
    [review], left = claim_reviews([record])
    assert left == [] and review.keys() >= REQUIRED
    assert review["@type"] == "ClaimReview" and review["datePublished"] == "2024-05-02"
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                                      "worstRating": 1, "alternateName": "Pants on fire"}
    assert review["itemReviewed"] == {"@type": "Claim", "inLanguage": "en",
                                      "author": {"@type": "Person", "name": "A blog"}}
    assert review["author"] == {"@type": "Organization", "name": "Desk"}


def test_records_that_cannot_be_claimreviews_are_left_out_with_a_reason() -> None:
    no_url = FactCheck(id="a", claim="c", language="en", verdict=Verdict.TRUE)
    no_verdict = FactCheck(id="b", claim="c", language="en", url="https://fc.example/b")
    reviews, left = claim_reviews([no_url, no_verdict])
    assert reviews == [] and [i for i, _ in left] == ["a", "b"]
    assert "url" in left[0][1] and "verdict" in left[1][1]
