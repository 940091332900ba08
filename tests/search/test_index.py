"""The lexical index: BM25 scores as bm25s computes them, persistence, stamps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from faro import SearchIndexError
from faro.search import IndexStamp, LexicalIndex, _index
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


def test_postings_are_in_record_order(index: LexicalIndex) -> None:
    indptr, indices = index.main.indptr, index.main.indices
    for t in range(len(index.vocab)):
        assert np.all(np.diff(indices[indptr[t]:indptr[t + 1]]) > 0)


# -- the first stage against an exhaustive computation ---------------------------------------------

WORDS = [f"w{i}" for i in range(400)]


@pytest.fixture(scope="module")
def corpus() -> LexicalIndex:
    """2,000 records of Zipf-distributed made-up words (long posting lists for the common ones),
    a tenth of them copies of an earlier record (equal scores), most with a title."""
    rng = np.random.default_rng(7)
    docs: list[IndexDoc] = []
    for i in range(2000):
        if i >= 10 and rng.random() < 0.1:
            copy = docs[int(rng.integers(0, i))]
            docs.append(IndexDoc(str(i), copy.kind, "en", copy.main, copy.title))
            continue
        words = [WORDS[min(int(w), len(WORDS)) - 1] for w in rng.zipf(1.3, rng.integers(3, 40))]
        title = " ".join(WORDS[int(w) - 1] for w in rng.integers(1, 60, rng.integers(0, 6)))
        docs.append(IndexDoc(str(i), "factcheck", "en", " ".join(words), title))
    return LexicalIndex.build(docs, IndexStamp("u", 1))


def queries(index: LexicalIndex) -> list[list[int]]:
    """Random term ids (repeats and very common terms included), and real-ish queries: the term
    sequences of records, as a claim restating a record would give."""
    rng = np.random.default_rng(11)
    n_terms = len(index.vocab)
    out = [[int(t) for t in rng.integers(0, min(n, n_terms), rng.integers(1, 30))]
           for n in (12, 60, 400) for _ in range(40)]
    for position in rng.integers(0, len(index), 40):
        start, end = index.seq_indptr[position], index.seq_indptr[position + 1]
        out.append([int(t) for t in index.seq[start:end]])
    return out


def exhaustive(index: LexicalIndex, term_ids: list[int]) -> np.ndarray:
    """Every record's main score, one float32 accumulator add per query term occurrence."""
    acc = np.zeros(len(index), dtype=np.float32)
    field = index.main
    for t in term_ids:
        start, end = field.indptr[t], field.indptr[t + 1]
        acc[field.indices[start:end]] += field.data[start:end]
    return acc


@pytest.mark.parametrize("threshold_postings", [16, 8192])
def test_candidates_are_the_exhaustive_top_k(corpus: LexicalIndex, threshold_postings: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_index, "THRESHOLD_POSTINGS", threshold_postings)
    for term_ids in queries(corpus):
        scores = exhaustive(corpus, term_ids)
        for k in (1, 10, 100):
            got = corpus.candidates(term_ids, k)
            reached = np.flatnonzero(scores)
            assert len(got) == min(k, len(reached))
            if len(set(term_ids)) == len(term_ids):  # summed in the same order: equal
                assert np.array_equal(got.main, scores[got.positions])
            else:  # a repeated term is added once, times its count: float32 rounding apart
                assert np.allclose(got.main, scores[got.positions], rtol=1e-6)
            expected = np.sort(scores[reached])[::-1][:k]
            assert np.allclose(got.main, expected, rtol=1e-6)
            # best first, and equal scores in record order
            assert all(a > b or (a == b and p < q) for a, b, p, q in zip(
                got.main[:-1], got.main[1:], got.positions[:-1], got.positions[1:], strict=True))
            # the k-th best score ties are settled for the earlier records
            if len(set(term_ids)) == len(term_ids) and len(got):
                last = got.main[-1]
                assert set(got.positions[got.main > last]) == set(np.flatnonzero(scores > last))
                tied = np.flatnonzero(scores == last)
                assert list(got.positions[got.main == last]) == list(tied[:int(np.sum(
                    got.main == last))])


def test_a_repeated_term_counts_as_often_as_it_occurs(corpus: LexicalIndex) -> None:
    t = corpus.vocab["w3"]
    once, twice = corpus.candidates([t], 50), corpus.candidates([t, t], 50)
    assert np.array_equal(once.positions, twice.positions)
    assert np.array_equal(twice.main, 2 * once.main)
    assert np.array_equal(twice.title, exhaustive_title(corpus, [t, t])[twice.positions])


def title_field(index: LexicalIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The title-only BM25 weight matrix (terms × records) as the index once stored it: the
    reference for the title scores computed for candidates only."""
    n, n_terms = len(index), len(index.vocab)
    lengths = index.title_len.astype(np.int64)
    ends = index.seq_indptr[1:]
    flat = np.concatenate([index.seq[e - m:e] for e, m in zip(ends, lengths, strict=True)])
    docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
    pairs, tf = np.unique(docs * n_terms + flat, return_counts=True)
    doc_of, term_of = pairs // n_terms, pairs % n_terms
    df = np.bincount(term_of, minlength=n_terms)
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    avgdl = max(float(lengths.mean()), 1e-9)
    norm = 1.2 * (1.0 - 0.75 + 0.75 * lengths / avgdl)
    weight = (idf[term_of] * tf / (tf + norm[doc_of])).astype(np.float32)
    order = np.argsort(term_of, kind="stable")
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return weight[order], doc_of[order], indptr


def exhaustive_title(index: LexicalIndex, term_ids: list[int]) -> np.ndarray:
    data, indices, indptr = title_field(index)
    acc = np.zeros(len(index), dtype=np.float32)
    for t in term_ids:
        acc[indices[indptr[t]:indptr[t + 1]]] += data[indptr[t]:indptr[t + 1]]
    return acc


def test_title_scores_equal_a_title_field(corpus: LexicalIndex) -> None:
    for term_ids in queries(corpus)[::3]:
        got = corpus.candidates(term_ids, 100)
        assert np.array_equal(got.title, exhaustive_title(corpus, term_ids)[got.positions])


def test_score_records_gives_the_candidates_numbers(corpus: LexicalIndex) -> None:
    for term_ids in queries(corpus)[::5]:
        got = corpus.candidates(term_ids, 30)
        shuffled = got.positions[::-1].copy()
        main, title = corpus.score_records(term_ids, shuffled)
        assert np.array_equal(main, got.main[::-1]) and np.array_equal(title, got.title[::-1])
    nowhere = corpus.score_records([corpus.vocab["w1"]], np.zeros(0, dtype=np.int64))
    assert len(nowhere[0]) == len(nowhere[1]) == 0


def test_loaded_index_gives_the_same_candidates(corpus: LexicalIndex, tmp_path: Path) -> None:
    corpus.save(tmp_path / "idx")
    loaded = LexicalIndex.load(tmp_path / "idx")
    for term_ids in queries(corpus)[::7]:
        a, b = corpus.candidates(term_ids, 20), loaded.candidates(term_ids, 20)
        assert np.array_equal(a.positions, b.positions)
        assert np.array_equal(a.main, b.main) and np.array_equal(a.title, b.title)
