"""Matching across languages with the default install, on the SemEval-2025 Task 7 trial set:
posts in Korean and Spanish against fact-checks in English (and within each language), each
analysed in its own language. Without an encoder, only language-independent evidence — names,
numbers, dates, URLs — can link two languages. Figures measured 2026-12-02: MAP@5 eng-eng
0.90, spa-spa 0.90, kor-kor 0.80; across languages Success@10 kor-eng 2/9, spa-eng 4/8."""

from __future__ import annotations

from pathlib import Path

import pytest

from faro.eval import evaluate_retrieval
from faro.eval.clef import (
    qrels_from_pairs,
    read_semeval_fact_checks,
    read_semeval_pairs,
    read_semeval_posts,
)
from faro.search import IndexStamp, LexicalIndex, default_reranker
from faro.search._index import IndexDoc
from faro.search._matcher import rank_query
from faro.text.langid import identify

CODES = {"eng": "en", "spa": "es", "kor": "ko"}


@pytest.fixture(scope="module")
def figures(claim_data: Path) -> dict[str, dict[str, float]]:
    folder = claim_data / "semeval2025-t7-trial"
    posts = read_semeval_posts(folder / "trial_posts.csv")
    checks = read_semeval_fact_checks(folder / "trial_fact_checks.csv")
    pairs = read_semeval_pairs(folder / "trial_pairs.csv")
    docs = [IndexDoc(c.id, "factcheck", CODES[c.claim.languages[0][0]], c.claim.original,
                     c.title.original if c.title else "") for c in checks]
    index = LexicalIndex.build(docs, IndexStamp("semeval-trial", 0))
    run = {}
    for post in posts:
        text = post.text.original if post.text else " ".join(o.original for o in post.ocr)
        ranked = rank_query(index, default_reranker(), text, identify(text).code, k=10,
                            candidates=50)
        run[post.id] = [(r.id, r.score) for r in ranked]
    qrels = qrels_from_pairs(pairs)
    by_pair: dict[str, list[str]] = {}
    for pair in pairs:
        by_pair.setdefault(str(pair.lang), []).append(pair.post_id)
    by_pair["cross"] = by_pair["kor-eng"] + by_pair["spa-eng"]
    return {name: evaluate_retrieval({q: run[q] for q in ids}, {q: qrels[q] for q in ids})
            for name, ids in by_pair.items()}


@pytest.mark.parametrize("pair", ["eng-eng", "spa-spa", "kor-kor"])
def test_within_a_language_the_fact_check_comes_first(
        figures: dict[str, dict[str, float]], pair: str) -> None:
    assert figures[pair]["map@5"] >= 0.75, figures[pair]


def test_across_languages_names_and_numbers_find_some(
        figures: dict[str, dict[str, float]]) -> None:
    # Korean and Spanish posts against English fact-checks: 6 of 17 in the top 10.
    assert figures["cross"]["success@10"] >= 0.3, figures["cross"]
    assert figures["spa-eng"]["success@10"] > 0 and figures["kor-eng"]["success@10"] > 0
