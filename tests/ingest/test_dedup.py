"""Near-duplicate detection: MinHash signatures, banded lookup, groups."""

from __future__ import annotations

import numpy as np
import pytest

from faro.ingest import dedup
from faro.ingest.dedup import NUM_PERM, DuplicateIndex, shingles

ARTICLE = ("The defence ministry said on Tuesday that 1,200 soldiers would take part in the "
           "exercise near the northern border, which is planned for the first two weeks of "
           "June and will include air defence units from four allied countries, according to "
           "a statement published after the meeting of the ministers in the capital.")
OTHER = ("Heavy rain is expected across the south of the country over the weekend, with local "
         "flooding possible near the coast and in the river valleys, the weather service "
         "warned, advising drivers to avoid unnecessary journeys on Saturday night.")


def test_wire_copy_repost_and_excerpt_join_the_original() -> None:
    index = DuplicateIndex()
    assert index.check("orig", ARTICLE) is None
    copies = {"wire": "BRUSSELS (Wire) - " + ARTICLE + " (Reporting by A. B.; editing by C.)",
              "repost": "RT @defence_news: " + ARTICLE + " #NATO",
              "excerpt": " ".join(ARTICLE.split()[:40]) + " …",
              "shouting": ARTICLE.upper()}
    for key, text in copies.items():
        found = index.check(key, text)
        assert found is not None, key
        assert found.key == "orig"  # every copy points to the first of the group
        assert 0.5 <= found.similarity <= 1.0


def test_distinct_texts_and_same_topic_rewrites_stay_apart() -> None:
    index = DuplicateIndex()
    index.check("a", ARTICLE)
    assert index.check("b", OTHER) is None
    rewrite = ("Four allied countries will send air defence units to a June exercise near the "
               "northern border, in which about 1,200 soldiers are to take part, ministers said.")
    assert index.check("c", rewrite) is None


def test_copy_of_a_copy_points_to_the_first_document() -> None:
    index = DuplicateIndex()
    index.check("first", ARTICLE)
    index.check("second", ARTICLE + " Update: the date was confirmed.")
    found = index.check("third", ARTICLE + " Update: the date was confirmed on Friday.")
    assert found is not None and found.key == "first"


def test_spaceless_scripts_use_character_shingles() -> None:
    text = "政府は火曜日、北部の国境付近で六月に大規模な演習を行うと発表した。"
    grams = shingles(text)
    assert all(len(g.decode()) == 4 for g in grams)
    index = DuplicateIndex()
    index.check("ja", text)
    found = index.check("ja2", "【速報】" + text)
    assert found is not None and found.key == "ja"


def test_found_after_many_additions_and_merges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedup, "_FLUSH_EVERY", 8)
    index = DuplicateIndex()
    index.check("early", ARTICLE)
    rng = np.random.default_rng(3)
    for i in range(300):  # many flushes and merges of sorted runs
        index.add(f"r{i}", rng.integers(0, 2**32, NUM_PERM, np.uint32))
    assert len(index._runs) < 10
    found = index.check("late", "KYIV (Agency) — " + ARTICLE)
    assert found is not None and found.key == "early"
    assert index.check("new", OTHER) is None


def test_extend_loads_signatures_in_bulk() -> None:
    source = DuplicateIndex()
    signatures = np.stack([source.signature(ARTICLE), source.signature(OTHER)])
    index = DuplicateIndex()
    index.extend(["a", "b"], signatures, [None, "a"])
    assert len(index) == 2
    found = index.find(source.signature(OTHER + " (AP)"))
    assert found is not None and found.key == "a"  # b was stored as a member of a's group
    with pytest.raises(ValueError, match="shape"):
        index.extend(["x"], signatures)


@pytest.mark.parametrize("threshold", [0.0, 1.5, -1.0])
def test_threshold_out_of_range_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        DuplicateIndex(threshold)


def test_empty_and_tiny_texts_do_not_crash() -> None:
    index = DuplicateIndex()
    assert index.check("empty", "") is None
    assert index.check("word", "Hello") is None
    found = index.check("word2", "hello!")
    assert found is not None and found.key == "word"
