"""Matching against a knowledge base in the database: freshness, thresholds, calibration."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from faro import FactCheck, Narrative, SearchIndexError, Verdict, load_options
from faro.search import LexicalIndex, Matcher, default_reranker
from faro.search._features import DENSE_FEATURES, FEATURES
from faro.search._matcher import query_text
from faro.store import Store

RECORDS = [
    FactCheck(id="fc:1", claim="The COVID-19 vaccines contain microchips to track people",
              language="en", verdict=Verdict.FALSE, rating="False", publisher="Desk",
              url="https://example.org/1", title="No, vaccines do not contain microchips"),
    FactCheck(id="fc:2", claim="Il candidato sindaco Luca Ferrandi ha annunciato la chiusura "
              "di due ospedali", language="it", verdict=Verdict.FALSE, rating="Falso",
              title="Il video di Ferrandi è un deepfake"),
    FactCheck(id="fc:3", claim="Drinking hot water kills the coronavirus", language="en",
              verdict=Verdict.FALSE, rating="False"),
    Narrative(id="nar:1", title="NATO biolabs in Ukraine",
              summary="The United States and NATO run secret biological weapons laboratories "
                      "in Ukraine", language="en", keywords=("biolabs", "Pentagon")),
]


@pytest.fixture
def matcher(database_url: str, tmp_path: Path) -> Iterator[Matcher]:
    options = load_options(home=str(tmp_path))
    with Store.open(database_url) as store:
        store.put_records(RECORDS)
        yield Matcher(store, options, index_root=tmp_path / "index")


def test_matches_carry_verdict_source_and_confidence(matcher: Matcher) -> None:
    matches = matcher.match_text("BREAKING: the covid vaccine has a microchip inside to track "
                                 "you!! https://t.co/xyz #WakeUp", "en", everything=True)
    best = matches[0]
    assert best.target_id == "fc:1" and best.verdict is Verdict.FALSE
    assert best.rating == "False" and best.source == "Desk"
    assert 0.0 <= best.confidence <= 1.0
    assert all(a.score >= b.score for a, b in itertools.pairwise(matches))


def test_narratives_match_too(matcher: Matcher) -> None:
    best = matcher.match_text("Pentagon biolabs in Ukraine make weapons", "en",
                              everything=True)[0]
    assert (best.target_id, best.target_kind, best.verdict) == ("nar:1", "narrative", None)


def test_language_is_identified_when_not_given(matcher: Matcher) -> None:
    best = matcher.match_text("Ferrandi ha annunciato la chiusura di due ospedali a Bergamo",
                              everything=True)[0]
    assert best.target_id == "fc:2" and best.language == "it"


def test_thresholds_decide_what_is_shown_and_confirmed(matcher: Matcher) -> None:
    text = "covid vaccines contain microchips to track people"
    everything = matcher.match_text(text, "en", everything=True)
    strict = replace(matcher.options, suggest_threshold=0.999, confirm_threshold=0.9995)
    matcher.options = strict
    assert matcher.match_text(text, "en") == []
    lenient = replace(strict, suggest_threshold=0.0, confirm_threshold=0.0)
    matcher.options = lenient
    shown = matcher.match_text(text, "en")
    assert len(shown) == len(everything)
    assert {m.status for m in shown} == {"confirmed"}


def test_stale_index_is_rebuilt_not_used(matcher: Matcher) -> None:
    messages: list[str] = []
    matcher.notify = messages.append
    matcher.ensure_index()
    assert messages == ["rebuilding the search index: no index yet"]
    state = matcher.store.kb_state()
    assert LexicalIndex.read_stamp(matcher.index_dir(state.uid)).kb_version == state.version  # type: ignore[union-attr]
    new = FactCheck(id="fc:4", claim="Wind turbines cause cancer in cows", language="en",
                    verdict=Verdict.FALSE)
    matcher.store.put_records([new])
    best = matcher.match_text("wind turbines give cows cancer", "en", everything=True)[0]
    assert best.target_id == "fc:4"
    assert "version" in messages[-1]
    # A fresh process (a new Matcher) loads the index from disk without rebuilding.
    again = Matcher(matcher.store, matcher.options, index_root=matcher.index_root,
                    notify=messages.append)
    n = len(messages)
    again.ensure_index()
    assert len(messages) == n


def test_empty_knowledge_base_is_a_clear_error(database_url: str, tmp_path: Path) -> None:
    with Store.open(database_url) as store:
        m = Matcher(store, load_options(home=str(tmp_path)), index_root=tmp_path / "i")
        with pytest.raises(SearchIndexError, match="empty"):
            m.match_text("anything at all", "en")


@pytest.mark.parametrize("dense", [False, True], ids=["lexical", "dense"])
def test_shipped_rerankers_are_consistent(dense: bool) -> None:
    r = default_reranker(dense=dense)
    assert r.features == (DENSE_FEATURES if dense else FEATURES)
    if r.forest is None:
        assert len(r.weights) == len(r.features) == len(r.mean) == len(r.scale)
    else:
        assert max(r.forest.feature) < len(r.features) and r.forest.depth >= 1
    a, _ = r.calibration
    assert a > 0  # a higher score never means a lower confidence
    assert r.trained["figures"]
    assert any("test" in split for split in r.trained["held_out"])
    assert not any("test" in split for split in r.trained["train"])


def test_query_text_drops_social_noise_and_keeps_the_author() -> None:
    text = query_text("@bob Look at this!! 😱 #StopTheSteal https://t.co/abc — Jane Roe "
                      "(@jroe) May 5, 2020")
    assert "https" not in text and "😱" not in text and "@bob" not in text
    assert "Stop The Steal" in text and "Jane Roe" in text
