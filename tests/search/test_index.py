"""The lexical index: BM25 scores as bm25s computes them, persistence, stamps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from faro import SearchIndexError
from faro.search import IndexStamp, LexicalIndex
from faro.search._analysis import analyze
from faro.search._index import IndexDoc

DOCS = [
    IndexDoc("a", "factcheck", "en", "Vaccines cause autism in children", "Vaccine myth"),
    IndexDoc("b", "factcheck", "en", "5G towers spread the coronavirus", "5G and COVID"),
    IndexDoc("c", "narrative", "it", "La NATO prepara una guerra contro la Russia", "NATO"),
    IndexDoc("d", "factcheck", "en", "The moon landing was staged in a studio", "Moon"),
    IndexDoc("e", "factcheck", "ja", "ワクチンで不妊になる", "ワクチンと不妊"),
]


@pytest.fixture
def index() -> LexicalIndex:
    return LexicalIndex.build(DOCS, IndexStamp("uid", 3))


def test_best_candidate_is_the_obvious_one(index: LexicalIndex) -> None:
    for query, lang, expected in [("do vaccines cause autism?", "en", "a"),
                                  ("coronavirus from 5G masts", "en", "b"),
                                  ("guerra della NATO", "it", "c"),
                                  ("ワクチンは不妊の原因", "ja", "e")]:
        cands = index.candidates(index.term_ids(analyze(query, lang)), 3)
        assert index.ids[int(cands.positions[0])] == expected, query


def test_scores_equal_a_brute_force_bm25(index: LexicalIndex) -> None:
    import bm25s

    terms = [analyze(f"{d.main}\n{d.title}", d.language) for d in DOCS]
    model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    model.index(terms, show_progress=False)
    query = analyze("vaccines and the coronavirus", "en")
    expected = model.get_scores(query)
    cands = index.candidates(index.term_ids(query), len(DOCS))
    got = {int(p): float(s) for p, s in zip(cands.positions, cands.main, strict=True)}
    for pos, score in enumerate(expected):
        assert got.get(pos, 0.0) == pytest.approx(float(score), rel=1e-5)


def test_accumulators_are_clean_between_queries(index: LexicalIndex) -> None:
    q = index.term_ids(analyze("moon landing", "en"))
    first = index.candidates(q, 5)
    index.candidates(index.term_ids(analyze("vaccines autism moon", "en")), 5)
    again = index.candidates(q, 5)
    assert np.array_equal(first.positions, again.positions)
    assert np.allclose(first.main, again.main)


def test_k_smaller_than_matches_keeps_the_best(index: LexicalIndex) -> None:
    q = index.term_ids(analyze("vaccines 5G moon", "en"))
    everything = index.candidates(q, 10)
    top = index.candidates(q, 2)
    assert list(top.positions) == list(everything.positions[:2])


def test_no_known_term_gives_no_candidates(index: LexicalIndex) -> None:
    assert len(index.candidates(index.term_ids(analyze("zzz qqq", "en")), 5)) == 0


def test_save_load_round_trip_and_stamp(index: LexicalIndex, tmp_path: Path) -> None:
    target = tmp_path / "idx"
    index.save(target)
    assert LexicalIndex.read_stamp(target) == IndexStamp("uid", 3)
    loaded = LexicalIndex.load(target)
    q = index.term_ids(analyze("vaccines autism", "en"))
    assert loaded.term_ids(analyze("vaccines autism", "en")) == q
    a, b = index.candidates(q, 3), loaded.candidates(q, 3)
    assert list(a.positions) == list(b.positions)
    assert [loaded.ids[i] for i in range(len(loaded))] == [d.id for d in DOCS]
    assert loaded.texts[4] == DOCS[4].main and loaded.language(2) == "it"
    assert loaded.kind(2) == "narrative"
    index.save(target)  # over an existing index
    assert LexicalIndex.read_stamp(target) == IndexStamp("uid", 3)


def test_unreadable_index_is_a_clear_error(tmp_path: Path) -> None:
    assert LexicalIndex.read_stamp(tmp_path / "none") is None
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.json").write_text("{not json")
    assert LexicalIndex.read_stamp(tmp_path / "broken") is None
    with pytest.raises(SearchIndexError) as info:
        LexicalIndex.load(tmp_path / "broken")
    assert info.value.code == "F310"


def test_empty_knowledge_base_cannot_be_indexed() -> None:
    with pytest.raises(SearchIndexError):
        LexicalIndex.build([], IndexStamp("uid", 0))


def test_postings_are_in_impact_order(index: LexicalIndex) -> None:
    for field in (index.main, index.title):
        for t in range(len(index.vocab)):
            weights = np.asarray(field.data[field.indptr[t]:field.indptr[t + 1]])
            assert np.all(np.diff(weights) <= 1e-6 * max(1.0, float(weights.max(initial=0))))


def test_cap_reads_only_the_best_postings_of_a_term() -> None:
    docs = [IndexDoc(str(i), "factcheck", "en", "vaccines " * (1 + i % 3) + f"word{i}", "")
            for i in range(30)]
    index = LexicalIndex.build(docs, IndexStamp("u", 1))
    q = index.term_ids(analyze("vaccines", "en"))
    full = index.candidates(q, 30, cap=None)
    capped = index.candidates(q, 30, cap=5)
    assert len(full) == 30 and len(capped) == 5
    # the five read are five of the best-scoring records for that term
    assert set(capped.main.tolist()) <= set(full.main[:10].tolist())
    assert float(capped.main.min()) == pytest.approx(float(full.main[4]))
