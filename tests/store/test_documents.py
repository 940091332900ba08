"""Documents, claims and matches owned by organisations, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from faro._errors import ConflictError, RecordNotFoundError
from faro.model import Claim, Document, Language, Match
from faro.store import CLI, Actor, ClaimFilter, DocumentFilter, MatchFilter, Store, read_audit


def _analysed(doc: Document, min_score: float) -> Document:
    doc.language = Language("en", 0.99, "model")
    doc.claims = [
        Claim(sentence=0, start=0, end=10, text="Claim one.", score=0.9, matches=[
            Match(target_id="fc:1", target_kind="factcheck", score=2.0, confidence=0.8),
            Match(target_id="fc:2", target_kind="factcheck", score=1.0, confidence=0.3)],
            checkworthy=min_score <= 0.9),
        Claim(sentence=1, start=11, end=20, text="Not worth.", score=0.1,
              checkworthy=min_score <= 0.1),
    ]
    return doc


def test_documents_claims_matches_stay_in_their_organisation(database_url: str) -> None:
    with Store.open(database_url) as store:
        a, _ = store.accounts.ensure_organisation("A", CLI)
        b, _ = store.accounts.ensure_organisation("B", CLI)
        actor = Actor("user:1", a.id, 1)
        docs = store.documents
        stored = docs.add(a.id, Document(id="ext-1", text="Claim one. Not worth.",
                                         title="First 100%_"), actor)
        assert stored.status == "new" and stored.external_id == "ext-1"
        with pytest.raises(ConflictError):
            docs.add(a.id, Document(id="ext-1", text="again"), actor)
        docs.add(b.id, Document(id="ext-1", text="B may use the same id"), CLI)

        analysed = docs.save_analysis(a.id, stored.id, _analysed(stored.as_document(), 0.5),
                                      actor)
        assert analysed.status == "analysed" and analysed.language == "en"
        assert analysed.analysis is not None and analysed.analysis["text"] == stored.text

        claims, n = docs.claims(a.id, ClaimFilter(document_id=stored.id))
        assert n == 1 and claims[0].text == "Claim one." and claims[0].language == "en"
        found, n = docs.matches(a.id, MatchFilter(status="suggested"))
        assert n == 2 and [m.target_id for m in found] == ["fc:1", "fc:2"]
        confirmed = docs.review_match(a.id, found[0].id, "confirmed", actor)
        assert confirmed.status == "confirmed" and confirmed.reviewed_by == 1

        # organisation B sees none of it
        for call in (lambda: docs.get(b.id, stored.id),
                     lambda: docs.get_claim(b.id, claims[0].id),
                     lambda: docs.get_match(b.id, found[0].id),
                     lambda: docs.review_match(b.id, found[0].id, "rejected", CLI),
                     lambda: docs.delete(b.id, stored.id, CLI)):
            with pytest.raises(RecordNotFoundError):
                call()
        assert docs.claims(b.id)[1] == 0 and docs.matches(b.id)[1] == 0
        assert [d.external_id for d in docs.find(b.id)[0]] == ["ext-1"]
        assert docs.find(b.id)[0][0].text == "B may use the same id"

        # filters, pagination, LIKE wildcards taken literally
        assert docs.find(a.id, DocumentFilter(title="100%_"))[1] == 1
        assert docs.find(a.id, DocumentFilter(title="1000"))[1] == 0
        assert docs.find(a.id, DocumentFilter(language="en", status="analysed"))[1] == 1
        page, total = docs.find(a.id, limit=1, offset=1)
        assert page == [] and total == 1

        # re-analysing replaces claims and matches; deleting cascades
        docs.save_analysis(a.id, stored.id, _analysed(stored.as_document(), 0.05), actor)
        assert docs.claims(a.id)[1] == 2
        assert docs.matches(a.id, MatchFilter(status="confirmed"))[1] == 0
        docs.delete(a.id, stored.id, actor)
        assert docs.claims(a.id)[1] == 0 and docs.matches(a.id)[1] == 0

        actions = [e.action for e in read_audit(store.engine, a.id, limit=100)[0]]
        assert actions[:5] == ["document.delete", "document.analyse", "match.confirmed",
                               "document.analyse", "document.create"]


def test_findings_group_each_documents_claims_and_reviews(database_url: str) -> None:
    from tests.narratives.stored import MOON, VACCINE, save_claims

    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("Desk", CLI)
        save_claims(store, org.id, MOON[:1], links=("nar:moon",))
        [vaccine_claim] = save_claims(store, org.id, VACCINE[:1], links=("nar:vax",))
        [match] = store.documents.matches_of(org.id, [vaccine_claim])
        store.documents.review(org.id, match.id, {"status": "confirmed", "verdict": "false",
                                                  "note": "checked", "techniques": ["T0002"]},
                               Actor("user:1", org.id, 1))
        findings = {f.claims[0].text: f for f in store.documents.findings(org.id)}
        assert set(findings) == {MOON[0], VACCINE[0]}
        moon, vaccine = findings[MOON[0]].claims[0], findings[VACCINE[0]].claims[0]
        assert (moon.verdict, moon.note, moon.techniques) == (None, None, ())
        assert (vaccine.verdict.value if vaccine.verdict else None, vaccine.note,
                vaccine.techniques) == ("false", "checked", ("T0002",))
        assert findings[VACCINE[0]].changed is not None
