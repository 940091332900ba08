"""The readers on the real claim-retrieval files in ``../shared/data`` (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faro.eval import (
    evaluate_retrieval,
    qrels_from_pairs,
    read_qrels,
    read_queries,
    read_semeval_fact_checks,
    read_semeval_pairs,
    read_semeval_posts,
    read_vclaims,
)

#: (claims file, queries file, qrels file, queries, queries with qrels, distinct judgments)
SPLITS = [
    ("clef2020-t2-en/verified_claims.docs.tsv", "clef2020-t2-en/train/tweets.queries.tsv",
     "clef2020-t2-en/train/tweet-vclaim-pairs.qrels", 800, 800, 801),
    ("clef2020-t2-en/verified_claims.docs.tsv", "clef2020-t2-en/dev/tweets.queries.tsv",
     "clef2020-t2-en/dev/tweet-vclaim-pairs.qrels", 197, 197, 198),
    ("clef2020-t2-en/verified_claims.docs.tsv", "clef2020-t2-en/test/tweets.queries.tsv",
     "clef2020-t2-en/test/tweet-vclaim-pairs.qrels", 200, 199, 199),  # one line repeated
    ("clef2021-t2a-en/verified_claims.tsv", "clef2021-t2a-en/train_queries.tsv",
     "clef2021-t2a-en/train_qrels.txt", 997, 997, 999),
    ("clef2021-t2a-en/verified_claims.tsv", "clef2021-t2a-en/dev_queries.tsv",
     "clef2021-t2a-en/dev_qrels.txt", 199, 199, 199),
]

#: The 2020 claims whose text holds a line break (a quoted field over two lines).
MULTILINE_2020 = {
    "3057", "3146", "4097", "4167", "4798", "5831", "6013", "6270", "6362", "8225", "8935",
    "9826", "10035", "10037",
}


def test_clef2020_claims(claim_data: Path) -> None:
    claims = read_vclaims(claim_data / "clef2020-t2-en/verified_claims.docs.tsv")
    # 10,389 lines after the header, but 14 claims span two lines each.
    assert len(claims) == 10_375
    assert [claim.id for claim in claims] == [str(i) for i in range(10_375)]
    assert {claim.id for claim in claims if "\n" in claim.text} == MULTILINE_2020
    by_id = {claim.id: claim for claim in claims}
    assert by_id["3057"].text == (
        "Account describes Pamela Murphy’s efforts on behalf of patients at a Veterans\n"
        "Administration hospital."
    )
    assert by_id["3057"].title == "A Great Lady Has Passed — Pamela Murphy"
    assert by_id["2"].text.startswith('A "Trump and Obama by the Numbers" meme')
    assert not any('""' in claim.text for claim in claims)


def test_clef2021_claims(claim_data: Path) -> None:
    claims = read_vclaims(claim_data / "clef2021-t2a-en/verified_claims.tsv")
    assert len(claims) == 13_825
    assert all(claim.id.startswith("vclaim-sno-") for claim in claims)
    assert not any('""' in claim.text or "\n" in claim.text for claim in claims)
    assert sum('"' in claim.text for claim in claims) > 1000  # unquoted, inner quotes kept


@pytest.mark.parametrize(("claims", "queries", "qrels", "n_queries", "n_judged", "n_pairs"), SPLITS)
def test_clef_splits_are_consistent(
    claim_data: Path, claims: str, queries: str, qrels: str, n_queries: int, n_judged: int,
    n_pairs: int,
) -> None:
    claim_ids = {claim.id for claim in read_vclaims(claim_data / claims)}
    read = read_queries(claim_data / queries)
    judgments = read_qrels(claim_data / qrels)
    assert len(read) == n_queries
    assert len(judgments) == n_judged
    assert sum(len(docs) for docs in judgments.values()) == n_pairs
    assert set(judgments) <= {query.id for query in read}
    assert {doc for docs in judgments.values() for doc in docs} <= claim_ids
    assert all(query.text.strip() for query in read)


def test_a_perfect_run_on_2021_train_shows_map_cut_over_all_relevant(claim_data: Path) -> None:
    qrels = read_qrels(claim_data / "clef2021-t2a-en/train_qrels.txt")
    perfect = {qid: [(doc, 1.0) for doc in docs] for qid, docs in qrels.items()}
    scores = evaluate_retrieval(perfect, qrels)
    # Two queries have two relevant claims: at MAP@1 each scores 1/2.
    assert scores["map@1"] == pytest.approx((995 + 2 * 0.5) / 997)
    assert scores["map@5"] == scores["map"] == scores["mrr"] == 1.0


def test_semeval_trial(claim_data: Path) -> None:
    folder = claim_data / "semeval2025-t7-trial"
    posts = read_semeval_posts(folder / "trial_posts.csv")
    checks = read_semeval_fact_checks(folder / "trial_fact_checks.csv")
    pairs = read_semeval_pairs(folder / "trial_pairs.csv")
    assert (len(posts), len(checks), len(pairs)) == (47, 50, 50)
    assert {pair.post_id for pair in pairs} <= {post.id for post in posts}
    assert {pair.fact_check_id for pair in pairs} <= {check.id for check in checks}
    assert {pair.lang for pair in pairs} == {"kor-eng", "spa-eng", "eng-eng", "spa-spa", "kor-kor"}
    assert len(qrels_from_pairs(pairs)) == 47
    # Every post has its text or text read from its images.
    assert all(post.text is not None or post.ocr for post in posts)
    assert sum(post.text is None for post in posts) == 8
    languages = {lang for post in posts if post.text for lang, _ in post.text.languages}
    assert {"kor", "spa", "eng"} <= languages
    assert all(check.claim.english for check in checks)
