"""Features the reranker reads for a (claim, candidate record) pair.

Each one is cheap (a few microseconds per candidate) because a query reranks up to a hundred
candidates within a few milliseconds. They describe, besides the first-stage BM25 scores, how
much of the claim the record covers (by terms, weighted by rarity, and by term pairs in order),
surface similarity of the texts (character 4-grams, which also catch names and words the
stemmer does not join), agreement of numbers and of capitalised names, and whether the languages
and the kind of record agree.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from faro.search._analysis import analyze
from faro.search._index import Candidates, LexicalIndex

__all__ = ["FEATURES", "Query", "candidate_features", "prepare_query"]

FEATURES: Final = (
    "bm25",            # first-stage BM25 of the claim against the record's main field
    "bm25_title",      # BM25 against the title alone
    "bm25_rel",        # bm25 / best bm25 of this claim's candidates
    "bm25_gap",        # best bm25 - bm25
    "log_rank",        # log(1 + first-stage rank)
    "q_cover",         # share of the claim's distinct terms found in the record
    "q_cover_idf",     # the same, weighted by idf
    "d_cover_idf",     # share of the record's terms (idf-weighted) found in the claim
    "bigram_cover",    # share of the claim's consecutive term pairs found in the record
    "char_jaccard",    # Jaccard of character 4-gram sets
    "num_shared",      # the claim's numbers found in the record (count, capped at 3)
    "num_missing",     # 1 if the claim has numbers and none is in the record
    "name_cover",      # share of the claim's capitalised names found in the record
    "same_language",   # 1 if claim and record are in the same language
    "narrative",       # 1 for a narrative, 0 for a fact-check
    "log_len_ratio",   # log of record terms / claim terms
    "max_shared_idf",  # idf of the rarest term claim and record share
    "log_q_terms",     # log(1 + terms in the claim)
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_THOUSANDS = re.compile(r"(?<=\d)[.,\u00a0\u202f' ](?=\d{3}(?!\d))")
_NAME = re.compile(r"\b[^\W\d_a-z][^\W_]+")
_NON_WORD = re.compile(r"[\W_]+")
#: Character n-gram length for the surface similarity; 4 beat 3 and 5 on CLEF-2020 dev.
_CHAR_N: Final = 4


@dataclass(frozen=True, slots=True)
class Query:
    language: str
    term_ids: list[int]
    distinct: frozenset[int]
    idf_total: float
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    n_terms: int


def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(_THOUSANDS.sub("", text)))


def _names(text: str) -> frozenset[str]:
    return frozenset(m.casefold() for m in _NAME.findall(text))


def _grams(text: str) -> frozenset[str]:
    flat = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    n = _CHAR_N
    return frozenset(flat[i:i + n] for i in range(max(1, len(flat) - n + 1)))


def _bigrams(terms: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(itertools.pairwise(terms))


def prepare_query(text: str, language: str, index: LexicalIndex) -> Query:
    terms = analyze(text, language)
    ids = index.term_ids(terms)
    distinct = frozenset(ids)
    idf = index.idf
    return Query(
        language=language, term_ids=ids, distinct=distinct,
        idf_total=float(sum(idf[t] for t in distinct)), bigrams=_bigrams(terms),
        grams=_grams(text), numbers=_numbers(text), names=_names(text), n_terms=len(terms),
    )


def candidate_features(query: Query, index: LexicalIndex,
                       cands: Candidates) -> npt.NDArray[np.float32]:
    """One row of :data:`FEATURES` per candidate, in the candidates' order."""
    k = len(cands)
    out = np.zeros((k, len(FEATURES)), dtype=np.float32)
    if k == 0:
        return out
    bm25 = cands.main
    best = float(bm25[0]) if k else 1.0
    out[:, 0] = bm25
    out[:, 1] = cands.title
    out[:, 2] = bm25 / best if best > 0 else 0.0
    out[:, 3] = best - bm25
    out[:, 4] = np.log1p(np.arange(k, dtype=np.float32))
    idf = index.idf
    q_distinct = query.distinct
    n_q = max(1, len(q_distinct))
    q_idf = query.idf_total or 1.0
    for row, pos in enumerate(cands.positions.tolist()):
        d_terms = index.record_terms(pos)
        d_set = set(d_terms.tolist())
        shared = q_distinct & d_set
        shared_idf = float(sum(idf[t] for t in shared))
        d_idf = float(idf[d_terms].sum()) or 1.0
        text = index.texts[pos]
        title = index.titles[pos]
        full = f"{text} {title}" if title else text
        language = index.language(pos)
        out[row, 5] = len(shared) / n_q
        out[row, 6] = shared_idf / q_idf
        out[row, 7] = shared_idf / d_idf
        if query.bigrams:
            d_bigrams = _bigrams(analyze(full, language))
            out[row, 8] = len(query.bigrams & d_bigrams) / len(query.bigrams)
        d_grams = _grams(full)
        union = len(query.grams | d_grams)
        out[row, 9] = len(query.grams & d_grams) / union if union else 0.0
        if query.numbers:
            found = len(query.numbers & _numbers(full))
            out[row, 10] = min(found, 3)
            out[row, 11] = 1.0 if found == 0 else 0.0
        if query.names:
            out[row, 12] = len(query.names & _names(full)) / len(query.names)
        out[row, 13] = 1.0 if language == query.language else 0.0
        out[row, 14] = float(index.kinds[pos])
        out[row, 15] = math.log((len(d_terms) + 1) / (query.n_terms + 1))
        out[row, 16] = max((float(idf[t]) for t in shared), default=0.0)
    out[:, 17] = math.log1p(query.n_terms)
    return out
