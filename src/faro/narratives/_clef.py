"""Claim streams from the CLEF CheckThat! claim-retrieval files, for measuring the clustering:
the tweets in file order, their gold clusters (tweets sharing a verified claim) and, when a
claims file is given, the links the matching layer finds from each tweet to those claims."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace

from faro.eval.clef import read_qrels, read_queries, read_vclaims
from faro.eval.clusters import gold_clusters
from faro.narratives._cluster import ClaimItem, Clusterer, ClusterSettings
from faro.search import IndexStamp, LexicalIndex, default_reranker
from faro.search._index import IndexDoc
from faro.search._matcher import rank_query

__all__ = ["LINK_CANDIDATES", "cluster", "link_to_claims", "read_stream"]

#: Records the first stage hands the reranker per tweet, as in ``faro eval retrieval``.
LINK_CANDIDATES = 100

PathArg = str | os.PathLike[str]


def read_stream(queries: Sequence[PathArg], qrels: Sequence[PathArg], *,
                language: str = "en") -> tuple[list[ClaimItem], dict[str, str]]:
    """The tweets of the ``queries`` files in order, and their gold clusters (item id → label).

    The ``i``-th qrels file judges the ``i``-th queries file. With more than one file the items
    are named ``<i>:<tweet id>`` (the CLEF splits number their tweets independently)."""
    if len(queries) != len(qrels) or not queries:
        raise ValueError(f"give one qrels file per queries file ({len(queries)} queries files, "
                         f"{len(qrels)} qrels files)")
    items: list[ClaimItem] = []
    judged: dict[str, dict[str, int]] = {}
    for n, (query_path, qrels_path) in enumerate(zip(queries, qrels, strict=True)):
        prefix = f"{n}:" if len(queries) > 1 else ""
        items.extend(ClaimItem(prefix + q.id, q.text, language)
                     for q in read_queries(query_path))
        judged.update({prefix + qid: records for qid, records in read_qrels(qrels_path).items()})
    return items, gold_clusters((item.id for item in items), judged)


def link_to_claims(items: Sequence[ClaimItem], claims: PathArg, *,
                   k: int = 3) -> list[ClaimItem]:
    """``items`` with their ``links``: the ``k`` best verified claims of a CLEF claims file by
    faro's matching (lexical candidates and the shipped reranker, as ``faro eval retrieval``),
    with their calibrated confidence."""
    records = read_vclaims(claims)
    index = LexicalIndex.build((IndexDoc(c.id, "factcheck", "en", c.text, c.title)
                                for c in records), IndexStamp("eval-clusters", 0))
    reranker = default_reranker(dense=False)
    out: list[ClaimItem] = []
    for item in items:
        ranked = rank_query(index, reranker, item.text, item.language, k=k,
                            candidates=LINK_CANDIDATES)
        out.append(replace(item, links=tuple((r.id, r.confidence) for r in ranked)))
    return out


def cluster(items: Iterable[ClaimItem], settings: ClusterSettings | None = None,
            ) -> dict[str, int]:
    """Item id → narrative id, clustering ``items`` in order."""
    clusterer = Clusterer(settings)
    return {item.id: clusterer.add(item) for item in items}
