"""Narratives' claims stored as an analysis would store them, for the store, CLI and API
tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from faro.model import Claim, Document, Language, Match
from faro.store import Actor, Store

MOON = ["The moon landing was staged in a studio",
        "Moon landing staged in a Hollywood studio!",
        "NASA staged the moon landing in a film studio",
        "The moon landing footage was filmed in a studio"]
VACCINE = ["Vaccines contain microchips to track people",
           "The vaccines contain tracking microchips",
           "Microchips in vaccines track everyone"]
DAY = date(2024, 3, 1)


def save_claims(store: Store, org_id: int, texts: list[str], *, day: date = DAY, lang: str = "en",
          source: str = "feed", links: tuple[str, ...] = ()) -> list[int]:
    """Store and 'analyse' one document per text (one claim each); return the claim ids."""
    actor = Actor("user:1", org_id, 1)
    ids = []
    for text in texts:
        stored = store.documents.add(org_id, Document(
            id="", text=text, source=source,
            published=datetime(day.year, day.month, day.day, 12, tzinfo=UTC)), actor)
        doc = stored.as_document()
        doc.language = Language(lang, 0.99, "model")
        doc.claims = [Claim(sentence=0, start=0, end=len(text), text=text, score=0.9,
                            checkworthy=True,
                            matches=[Match(target_id=t, target_kind="narrative", score=1.0,
                                           confidence=0.9) for t in links])]
        store.documents.save_analysis(org_id, stored.id, doc, actor)
        ids += [c.id for c in store.documents.claims_of(org_id, stored.id)]
    return ids
