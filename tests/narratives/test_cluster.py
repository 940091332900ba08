"""The incremental clusterer: joining and opening narratives, links, bounds, edits."""

from __future__ import annotations

from datetime import date

import pytest

from faro.narratives import ClaimItem, Clusterer, ClusterSettings
from faro.narratives._cluster import claim_terms

MOON = [
    "The moon landing was staged in a Hollywood studio",
    "NASA staged the moon landing in a studio, says a former engineer",
    "Moon landing staged in a studio! #moonhoax https://t.co/AbCdE12345",
]
VACCINE = [
    "Covid vaccines contain microchips to track people",
    "Microchips in covid vaccines track everyone who gets the shot",
]


def _items(texts: list[str], prefix: str, **kwargs: object) -> list[ClaimItem]:
    return [ClaimItem(f"{prefix}{i}", t, "en", **kwargs) for i, t in enumerate(texts)]  # type: ignore[arg-type]


def test_similar_claims_join_and_different_ones_open_narratives() -> None:
    clusterer = Clusterer()
    moon = [clusterer.add(c) for c in _items(MOON, "m")]
    vaccine = [clusterer.add(c) for c in _items(VACCINE, "v")]
    assert len(set(moon)) == 1
    assert len(set(vaccine)) == 1
    assert moon[0] != vaccine[0]
    narrative = clusterer.active[moon[0]]
    assert narrative.size == 3
    assert "moon" in narrative.key_terms()
    rep = narrative.representative()
    assert rep is not None and rep[0] in {"m0", "m1", "m2"}


def test_a_high_threshold_keeps_paraphrases_apart() -> None:
    clusterer = Clusterer(ClusterSettings(threshold=0.99))
    ids = [clusterer.add(c) for c in _items(MOON, "m")]
    assert len(set(ids)) == 3


def test_links_to_the_same_record_join_claims_in_other_languages() -> None:
    english = ClaimItem("en1", "The moon landing was staged in a studio", "en",
                        links=(("fc-42", 0.9),))
    russian = ClaimItem("ru1", "Высадка на Луну была снята в студии", "ru",
                        links=(("fc-42", 0.8),))
    without = ClaimItem("ru2", "Высадка на Луну была снята в студии", "ru")
    clusterer = Clusterer()
    first = clusterer.add(english)
    assert clusterer.add(russian) == first
    narrative = clusterer.active[first]
    assert narrative.link == "fc-42"
    assert narrative.languages == {"en": 1, "ru": 1}
    # without a link, Russian and English words share nothing
    assert Clusterer().add(english) != -1
    alone = Clusterer()
    alone.add(english)
    assert alone.add(without) != first


def test_weak_links_are_ignored() -> None:
    settings = ClusterSettings(min_link_confidence=0.5)
    clusterer = Clusterer(settings)
    a = clusterer.add(ClaimItem("a", "alpha beta gamma", "en", links=(("r", 0.2),)))
    b = clusterer.add(ClaimItem("b", "delta epsilon zeta", "en", links=(("r", 0.2),)))
    assert a != b


def test_stats_per_narrative() -> None:
    clusterer = Clusterer()
    days = [date(2024, 3, 1), date(2024, 3, 1), date(2024, 3, 4)]
    for i, (text, day) in enumerate(zip(MOON, days, strict=True)):
        clusterer.add(ClaimItem(str(i), text, "en", seen=day, source=f"site{i % 2}"))
    (narrative,) = clusterer.active.values()
    assert narrative.first_seen == date(2024, 3, 1)
    assert narrative.last_seen == date(2024, 3, 4)
    assert narrative.volume == {date(2024, 3, 1): 2, date(2024, 3, 4): 1}
    assert narrative.sources == {"site0": 2, "site1": 1}


def test_memory_is_bounded_and_the_least_recent_narrative_goes_first() -> None:
    evicted: list[int] = []
    settings = ClusterSettings(max_active=3, max_terms=4, max_postings=2)
    clusterer = Clusterer(settings, on_evict=lambda n: evicted.append(n.id))
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    ids = [clusterer.add(ClaimItem(str(i), f"{w} {w}x {w}y shared", "en"))
           for i, w in enumerate(words)]
    assert len(set(ids)) == len(words)
    assert len(clusterer.active) == 3
    assert evicted == ids[:5]
    assert all(len(n.centroid) <= 2 * settings.max_terms for n in clusterer.active.values())
    assert all(len(p) <= settings.max_postings for p in clusterer._postings.values())
    assert set().union(*clusterer._postings.values()) <= set(clusterer.active)


def test_vocabulary_is_bounded() -> None:
    clusterer = Clusterer(ClusterSettings(max_vocabulary=10))
    for i in range(30):
        clusterer.add(ClaimItem(str(i), f"word{i} other{i} common", "en"))
    assert len(clusterer.df) <= 12


def test_merge_adds_up_and_reindexes() -> None:
    clusterer = Clusterer()
    moon = clusterer.add(_items(MOON, "m")[0])
    vaccine = clusterer.add(_items(VACCINE, "v")[0])
    merged = clusterer.merge(moon, vaccine)
    assert merged.size == 2
    assert vaccine not in clusterer.active
    assert clusterer.add(_items(VACCINE, "v")[1]) == moon
    with pytest.raises(ValueError, match="itself"):
        clusterer.merge(moon, moon)


def test_restore_brings_a_stored_narrative_back() -> None:
    first = Clusterer()
    cid = first.add(_items(MOON, "m")[0])
    narrative = first.active[cid]
    second = Clusterer()
    second.restore(narrative)
    assert second.add(_items(MOON, "m")[1]) == cid
    assert second.add(_items(VACCINE, "v")[0]) == cid + 1
    with pytest.raises(ValueError, match="already active"):
        second.restore(narrative)


def test_the_same_stream_gives_the_same_narratives() -> None:
    stream = _items(MOON + VACCINE + MOON, "x")
    first = Clusterer()
    assert [first.add(c) for c in stream] == list(Clusterer().add_many(stream))


def test_empty_text_opens_its_own_narrative() -> None:
    clusterer = Clusterer()
    assert clusterer.add(ClaimItem("a", "🙂 https://t.co/AbCdE12345", "en")) != \
        clusterer.add(ClaimItem("b", "🙂", "en"))


def test_claim_vectors_have_unit_length() -> None:
    vector = claim_terms("Vaccines vaccines cause autism", "en", {"vaccin": 5}, 10)
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)
    assert vector["vaccin"] < vector["autism"]


@pytest.mark.parametrize("bad", [{"threshold": 0.0}, {"max_terms": 0}, {"link_weight": -1.0},
                                 {"min_link_confidence": 2.0}])
def test_settings_are_validated(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        ClusterSettings(**bad)  # type: ignore[arg-type]
