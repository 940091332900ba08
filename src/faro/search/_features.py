"""Features the reranker reads for a (claim, candidate record) pair.

Besides the first-stage BM25 scores and where each candidate stands among the others, they say
how much of the claim a record covers — by terms, weighted by rarity, and by pairs of
consecutive terms, which rewards the same phrasing — whether the claim's numbers appear in the
record, and whether languages and the kind of record agree.

All of it is computed for the hundred candidates of a claim at once, with numpy over the terms
the index keeps per record (no re-analysis of record texts), so reranking costs about as much as
the first stage. Character n-gram similarity and capitalised-name overlap were tried and left
out: on CLEF-2020 train+dev (5-fold CV) removing them changed MAP@5 by less than 0.001, and
they cost 60 % of the reranking time.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from faro.search._analysis import analyze
from faro.search._index import Candidates, LexicalIndex

__all__ = ["DENSE_FEATURES", "FEATURES", "Query", "candidate_features", "dense_features",
           "prepare_query"]

FEATURES: Final = (
    "bm25_norm",       # first-stage BM25 (claim/summary + title) / the claim's total idf
    "bm25_title_norm", # BM25 against the title alone / the claim's total idf
    "bm25_rel",        # bm25 / best bm25 of this claim's candidates
    "bm25_gap",        # best bm25 - bm25
    "bm25_z",          # bm25 standardised over this claim's candidates
    "log_rank",        # log(1 + first-stage rank)
    "q_cover",         # share of the claim's distinct terms found in the record
    "q_cover_idf",     # the same, weighted by idf
    "d_cover_idf",     # share of the record's terms (idf-weighted) found in the claim
    "max_shared_idf",  # idf of the rarest shared term / the highest idf this index can give
    "bigram_cover",    # share of the claim's consecutive term pairs found in the record
    "num_shared",      # the claim's numbers found in the record (count, capped at 3)
    "num_missing",     # 1 if the claim has numbers and none of them is in the record
    "same_language",   # 1 if claim and record are in the same language
    "narrative",       # 1 for a narrative, 0 for a fact-check
    "log_len_ratio",   # log of (record's distinct terms + 1) / (claim's terms + 1)
    "log_q_terms",     # log(1 + terms in the claim)
)

#: What the dense encoder adds (the ``neural`` extra, when ``encoder`` is set): the reranker
#: trained with an encoder reads :data:`FEATURES` followed by these.
DENSE_FEATURES: Final = FEATURES + (
    "cosine",          # cosine of the claim's and the record's embeddings
    "cosine_gap",      # cosine - best cosine among this claim's candidates
    "cosine_log_rank", # log(1 + rank of the record by cosine among the candidates)
)


@dataclass(frozen=True, slots=True)
class Query:
    language: str
    term_ids: list[int]
    """Ids of the claim's terms the index knows, in text order (repeats kept)."""
    distinct: npt.NDArray[np.int32]
    idf_total: float
    bigrams: npt.NDArray[np.int64]
    """Codes (first · V + second) of the distinct pairs of consecutive known terms."""
    has_numbers: bool
    """Whether the claim has a number among the terms the index knows."""
    n_terms: int


def prepare_query(text: str, language: str, index: LexicalIndex) -> Query:
    terms = analyze(text, language)
    if language in ("und", "") and index.languages:
        # A claim too short to identify (a word or two): read it as each language of the
        # knowledge base would, so "vaccini" still meets Italian records stemmed to "vaccin".
        seen = dict.fromkeys(terms)
        for lang in index.languages:
            seen.update(dict.fromkeys(analyze(text, lang)))
        terms = list(seen)
    vocab = index.vocab
    known = [vocab.get(t, -1) for t in terms]
    ids = [t for t in known if t >= 0]
    distinct = np.unique(np.asarray(ids, dtype=np.int32))
    n_vocab = len(vocab)
    pairs = [a * n_vocab + b for a, b in itertools.pairwise(known) if a >= 0 and b >= 0]
    return Query(
        language=language, term_ids=ids, distinct=distinct,
        idf_total=float(index.idf[distinct].sum()) if len(distinct) else 0.0,
        bigrams=np.unique(np.asarray(pairs, dtype=np.int64)),
        has_numbers=bool(index.numeric_terms[distinct].any()) if len(distinct) else False,
        n_terms=len(terms),
    )


def candidate_features(query: Query, index: LexicalIndex,
                       cands: Candidates) -> npt.NDArray[np.float32]:
    """One row of :data:`FEATURES` per candidate, in the candidates' order."""
    k = len(cands)
    out = np.zeros((k, len(FEATURES)), dtype=np.float32)
    if k == 0:
        return out
    positions = cands.positions
    bm25 = cands.main.astype(np.float64)
    best = float(bm25.max())
    # Scores divided by the claim's total idf (what a record holding every term would get,
    # near enough), so that they mean the same in a knowledge base of a hundred records as in
    # one of a million: raw BM25 and idf grow with the size of the collection.
    info = query.idf_total or 1.0
    out[:, 0] = bm25 / info
    out[:, 1] = cands.title / info
    out[:, 2] = bm25 / best if best > 0 else 0.0
    out[:, 3] = best - bm25
    out[:, 4] = (bm25 - bm25.mean()) / (bm25.std() + 1e-6)
    out[:, 5] = np.log1p(np.arange(k))

    # Term coverage, over every candidate's distinct terms at once.
    idf = index.idf.astype(np.float64)
    terms, owner = index.gather(positions)
    term_idf = idf[terms]
    shared = np.isin(terms, query.distinct, kind="sort")
    n_shared = np.bincount(owner, weights=shared, minlength=k)
    shared_idf = np.bincount(owner, weights=term_idf * shared, minlength=k)
    d_idf = np.bincount(owner, weights=term_idf, minlength=k)
    out[:, 6] = n_shared / max(1, len(query.distinct))
    out[:, 7] = shared_idf / (query.idf_total or 1.0)
    out[:, 8] = np.divide(shared_idf, d_idf, out=np.zeros(k), where=d_idf > 0)
    max_idf = np.zeros(k)
    np.maximum.at(max_idf, owner[shared], term_idf[shared])
    out[:, 9] = max_idf / math.log1p(len(index))

    # Consecutive term pairs, over every candidate's term sequence.
    if len(query.bigrams):
        seq, seq_owner = index.gather(positions, sequences=True)
        same = seq_owner[1:] == seq_owner[:-1]
        codes = seq[:-1].astype(np.int64) * len(index.vocab) + seq[1:]
        slot = np.minimum(np.searchsorted(query.bigrams, codes), len(query.bigrams) - 1)
        hit = same & (query.bigrams[slot] == codes)
        found = np.unique(seq_owner[:-1][hit] * (1 << 40) + codes[hit])
        out[:, 10] = np.bincount(found >> 40, minlength=k) / len(query.bigrams)

    if query.has_numbers:
        numeric = index.numeric_terms
        n_numbers = np.bincount(owner, weights=shared & numeric[terms], minlength=k)
        out[:, 11] = np.minimum(n_numbers, 3)
        out[:, 12] = n_numbers == 0

    lang_code = index.languages.index(query.language) if query.language in index.languages \
        else -1
    out[:, 13] = index.lang_codes[positions] == lang_code
    out[:, 14] = index.kinds[positions]
    lengths = index.term_indptr[positions + 1] - index.term_indptr[positions]
    out[:, 15] = np.log((lengths + 1) / (query.n_terms + 1))
    out[:, 16] = math.log1p(query.n_terms)
    return out


def dense_features(cosine: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The columns :data:`DENSE_FEATURES` adds, from the cosine of each candidate (in the
    candidates' order) with the claim. Ties in rank go to the earlier candidate."""
    k = len(cosine)
    out = np.zeros((k, len(DENSE_FEATURES) - len(FEATURES)), dtype=np.float32)
    if k == 0:
        return out
    cos = cosine.astype(np.float32)
    out[:, 0] = cos
    out[:, 1] = cos - cos.max()
    rank = np.empty(k, dtype=np.float32)
    rank[np.argsort(-cos, kind="stable")] = np.arange(k, dtype=np.float32)
    out[:, 2] = np.log1p(rank)
    return out
