"""The records a claim's reranking looks at: equal scores in record order, exact scores for
records another retriever adds, and the dense path (a stand-in encoder without the ``neural``
extra; the tiny sentence-transformers model with it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from faro import FactCheck, SearchIndexError, Verdict, load_options
from faro.search import IndexStamp, LexicalIndex, Matcher, default_reranker
from faro.search._analysis import analyze
from faro.search._dense import DenseIndex, dense_dir
from faro.search._features import DENSE_FEATURES, FEATURES, dense_features, prepare_query
from faro.search._index import IndexDoc
from faro.search._matcher import DenseSearch, candidate_pool, rank_query, record_text
from faro.store import Store

DOCS = [
    IndexDoc("a", "factcheck", "en", "Vaccines cause autism in children", "Vaccine myth"),
    IndexDoc("b", "factcheck", "en", "5G towers spread the coronavirus", "5G and COVID"),
    IndexDoc("dup-1", "factcheck", "en", "The moon landing was staged in a studio", "Moon"),
    IndexDoc("c", "factcheck", "en", "Drinking hot water kills the virus", "Hot water"),
    IndexDoc("dup-2", "factcheck", "en", "The moon landing was 'staged' in a studio", "Moon"),
    IndexDoc("d", "factcheck", "en", "Bill Gates puts microchips in vaccines", "Microchips"),
]


@pytest.fixture
def index() -> LexicalIndex:
    return LexicalIndex.build(DOCS, IndexStamp("uid", 1))


def test_equal_scores_rank_the_earlier_record_first(index: LexicalIndex) -> None:
    cands = index.candidates(index.term_ids(analyze("moon landing staged", "en")), 5)
    assert [index.ids[int(p)] for p in cands.positions[:2]] == ["dup-1", "dup-2"]
    assert cands.main[0] == cands.main[1]
    ranked = rank_query(index, default_reranker(), "the moon landing was staged", "en",
                        k=5, candidates=5)
    assert [r.id for r in ranked[:2]] == ["dup-1", "dup-2"]


def test_score_records_equals_the_first_stage(index: LexicalIndex) -> None:
    for query in ("vaccines microchips autism", "moon studio water", "coronavirus 5G vaccines"):
        ids = index.term_ids(analyze(query, "en"))
        full = index.candidates(ids, len(index))
        main, title = index.score_records(ids, full.positions[::-1].copy())
        assert np.allclose(main[::-1], full.main, rtol=1e-6)
        assert np.allclose(title[::-1], full.title, rtol=1e-6)
    # records the query does not touch score zero; no positions, no scores
    ids = index.term_ids(analyze("moon", "en"))
    main, title = index.score_records(ids, np.array([0, 1], dtype=np.int64))
    assert main.tolist() == [0.0, 0.0] and title.tolist() == [0.0, 0.0]
    assert len(index.score_records(ids, np.zeros(0, dtype=np.int64))[0]) == 0


def test_dense_features_rank_and_gap() -> None:
    cos = np.array([0.2, 0.9, 0.5, 0.9], dtype=np.float32)
    f = dense_features(cos)
    assert f.shape == (4, len(DENSE_FEATURES) - len(FEATURES))
    assert f[:, 0].tolist() == pytest.approx(cos.tolist())
    assert f[:, 1].tolist() == pytest.approx([-0.7, 0.0, -0.4, 0.0])
    assert np.expm1(f[:, 2]).round().tolist() == [3, 0, 2, 1]  # ties: the earlier first
    assert dense_features(np.zeros(0, dtype=np.float32)).shape == (0, 3)


def _dense(index: LexicalIndex, encoder: Any, tmp_path: Path) -> DenseSearch:
    texts = [record_text(index.texts[i], index.titles[i]) for i in range(len(index))]
    return DenseSearch(encoder, DenseIndex.build(encoder, texts, index.stamp, tmp_path / "d"),
                       candidates=2)


def test_the_dense_pool_adds_the_nearest_records_with_exact_scores(
        index: LexicalIndex, hash_encoder_type: type[Any], tmp_path: Path) -> None:
    encoder = hash_encoder_type()
    dense = _dense(index, encoder, tmp_path)
    text = "hot water kills the virus"
    query = prepare_query(text, "en", index)
    vector = encoder.encode([record_text(index.texts[3], index.titles[3])])[0]
    lexical, _ = candidate_pool(index, query, 1)
    pool, features = candidate_pool(index, query, 1, dense, vector)
    assert len(lexical) == 1 and 3 in pool.positions.tolist()
    assert len(pool) > len(lexical) and features.shape == (len(pool), len(DENSE_FEATURES))
    # in first-stage order, with the scores the first stage gives
    assert all(a >= b for a, b in zip(pool.main, pool.main[1:], strict=False))
    full = index.candidates(query.term_ids, len(index))
    exact = dict(zip(full.positions.tolist(), full.main.tolist(), strict=True))
    for p, score in zip(pool.positions.tolist(), pool.main.tolist(), strict=True):
        assert score == pytest.approx(exact.get(p, 0.0), rel=1e-6)
    # the record identical to the query vector has cosine 1 and dense rank 0
    row = pool.positions.tolist().index(3)
    assert features[row, len(FEATURES)] == pytest.approx(1.0, abs=2e-3)
    assert features[row, len(FEATURES) + 2] == 0.0


def test_a_record_with_no_shared_word_can_be_found_by_meaning(
        index: LexicalIndex, hash_encoder_type: type[Any], tmp_path: Path) -> None:
    class Synonyms(hash_encoder_type):  # type: ignore[misc,valid-type]
        """Reads 'jab' as 'vaccines', as a real encoder would place them close."""

        def encode(self, texts: Any, batch_size: int = 64) -> Any:
            return super().encode([t.replace("jab", "vaccines") for t in texts])

    dense = _dense(index, Synonyms(), tmp_path)
    ranked = rank_query(index, default_reranker(dense=True), "jab autism", "en", k=3,
                        candidates=3, dense=dense)
    assert ranked and ranked[0].id == "a"


def test_a_reranker_must_fit_the_path(index: LexicalIndex, hash_encoder_type: type[Any],
                                      tmp_path: Path) -> None:
    dense = _dense(index, hash_encoder_type(), tmp_path)
    with pytest.raises(SearchIndexError, match="reads dense features"):
        rank_query(index, default_reranker(dense=True), "moon", "en", k=1, candidates=1)
    with pytest.raises(SearchIndexError, match="without dense features"):
        rank_query(index, default_reranker(), "moon", "en", k=1, candidates=1, dense=dense)
    assert default_reranker(dense=True).dense and not default_reranker().dense
    assert default_reranker(dense=True).features == DENSE_FEATURES


RECORDS = [
    FactCheck(id="fc:1", claim="The COVID-19 vaccines contain microchips to track people",
              language="en", verdict=Verdict.FALSE, rating="False", title="No microchips"),
    FactCheck(id="fc:2", claim="Drinking hot water kills the coronavirus", language="en",
              verdict=Verdict.FALSE, rating="False"),
]


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as store:
        store.put_records(RECORDS)
        yield store


def test_the_matcher_keeps_record_vectors_fresh(store: Store, hash_encoder_type: type[Any],
                                                tmp_path: Path) -> None:
    said: list[str] = []
    options = load_options(home=str(tmp_path))
    matcher = Matcher(store, options, index_root=tmp_path / "index", notify=said.append,
                      encoder=hash_encoder_type())
    assert matcher.reranker.dense
    best = matcher.match_text("vaccines with microchips track you", "en", everything=True)[0]
    assert best.target_id == "fc:1"
    assert any("encoding the knowledge base" in m for m in said)
    uid = store.kb_state().uid
    assert (dense_dir(matcher.index_dir(uid)) / "manifest.json").is_file()
    # a new matcher finds both on disk: nothing rebuilt
    said.clear()
    again = Matcher(store, options, index_root=tmp_path / "index", notify=said.append,
                    encoder=hash_encoder_type())
    again.match_text("hot water", "en")
    assert said == []
    # another record: both the index and the vectors are rebuilt
    store.put_records([FactCheck(id="fc:3", claim="5G masts spread the virus", language="en",
                                 verdict=Verdict.FALSE, rating="False")])
    best = again.match_text("5G masts spread the virus", "en", everything=True)[0]
    assert best.target_id == "fc:3"
    assert any("rebuilding the search index" in m for m in said)
    assert any("encoding the knowledge base" in m for m in said)
    # another model: the vectors are stale
    said.clear()
    other = Matcher(store, options, index_root=tmp_path / "index", notify=said.append,
                    encoder=hash_encoder_type(name="another-model"))
    other.match_text("hot water", "en")
    assert any("another-model" in m for m in said)


def test_the_encoder_setting_loads_a_sentence_transformers_model(
        store: Store, tiny_model: Path, tmp_path: Path) -> None:
    options = load_options(home=str(tmp_path)).replace(encoder=str(tiny_model))
    matcher = Matcher(store, options, index_root=tmp_path / "index")
    assert matcher.reranker.dense
    # the tiny model's weights are random: its cosines mean nothing, its mechanics do
    matches = matcher.match_text("hot water kills the coronavirus", "en", everything=True)
    assert {m.target_id for m in matches} == {"fc:1", "fc:2"}
    assert all(0.0 <= m.confidence <= 1.0 for m in matches)
    manifest = dense_dir(matcher.index_dir(store.kb_state().uid)) / "manifest.json"
    assert str(tiny_model) in manifest.read_text("utf-8")
