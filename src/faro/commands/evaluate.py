"""``faro eval retrieval`` and ``faro train reranker``: measure and train matching on the CLEF
CheckThat! claim-retrieval formats."""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from faro._errors import FaroError
from faro.commands._common import (
    err_console,
    fail,
    options,
    print_comparison,
    shipped_model_path,
    write_model,
)
from faro.eval import Run, evaluate_retrieval, read_qrels, read_queries, read_vclaims
from faro.search import IndexStamp, LexicalIndex, default_reranker
from faro.search._dense import DenseEncoder
from faro.search._index import IndexDoc
from faro.search._matcher import DenseSearch, encode_records, rank_query

__all__ = ["eval_app", "train_app"]

eval_app = typer.Typer(help="Measure faro on public benchmark formats.", no_args_is_help=True)
train_app = typer.Typer(help="Train the models faro ships.", no_args_is_help=True)

#: Depth of the ranked lists evaluated (Recall@100 needs 100).
DEPTH = 100
#: Keys of ``--json``, in the order printed.
KEYS = ("map@1", "map@3", "map@5", "mrr", "p@1", "success@10", "recall@10", "recall@100")
_DEFAULT_DATA = Path("../shared/data/claim-retrieval")
_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+")


def plain_bm25_run(claims: list[Any], queries: list[Any], language: str) -> Run:
    """The baseline: plain BM25 (bm25s, k1=1.2, b=0.75) over claim + title, with bm25s's own
    stemmed and stop-worded tokens and URLs removed from queries — no faro analysis, no
    reranker."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer({"en": "english"}.get(language, "english"))
    corpus = bm25s.tokenize([f"{c.text} {c.title}" for c in claims], stopwords=language,
                            stemmer=stemmer, show_progress=False)
    model = bm25s.BM25(k1=1.2, b=0.75)
    model.index(corpus, show_progress=False)
    texts = [_URL.sub(" ", q.text) for q in queries]
    tokens = bm25s.tokenize(texts, stopwords=language, stemmer=stemmer, show_progress=False)
    k = min(DEPTH, len(claims))
    docs, scores = model.retrieve(tokens, k=k, show_progress=False, n_threads=1)
    return {q.id: [(claims[int(d)].id, float(s)) for d, s in zip(docs[i], scores[i], strict=True)]
            for i, q in enumerate(queries)}


def faro_run(claims: list[Any], queries: list[Any], language: str,
             encoder: str = "") -> Run:
    """faro's ranking of the claims for each query: lexical, or with ``encoder`` (a
    sentence-transformers model) the dense path and its reranker."""
    index = LexicalIndex.build((IndexDoc(c.id, "factcheck", language, c.text, c.title)
                                for c in claims), IndexStamp("eval", 0))
    reranker = default_reranker(dense=bool(encoder))
    with tempfile.TemporaryDirectory(prefix="faro-eval-") as scratch:
        dense = None
        if encoder:
            model = DenseEncoder(encoder)
            dense = DenseSearch(model, encode_records(index, model, Path(scratch) / "dense"))
        return {q.id: [(r.id, r.score) for r in rank_query(index, reranker, q.text, language,
                                                           k=DEPTH, candidates=DEPTH,
                                                           dense=dense)]
                for q in queries}


@eval_app.command("retrieval")
def retrieval(
    claims_path: Annotated[Path, typer.Option("--claims", help="Verified claims TSV "
                                              "(vclaim_id, vclaim, title).")],
    queries_path: Annotated[Path, typer.Option("--queries", help="Queries TSV (id, text).")],
    qrels_path: Annotated[Path, typer.Option("--qrels", help="TREC qrels.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of claims and queries.")]
    = "en",
    encoder: Annotated[str | None, typer.Option(
        help="A sentence-transformers model (directory or cached hub name) for the dense path "
             "(the `neural` extra) [default: the `encoder` setting; '' for lexical only].")]
    = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
    = False,
) -> None:
    """MAP@k, MRR, P@1, Recall@k and Success@10 (trec_eval conventions) of faro's matching,
    next to plain BM25 computed in the same run."""
    model = options().encoder if encoder is None else encoder
    try:
        claims = read_vclaims(claims_path)
        queries = read_queries(queries_path)
        qrels = read_qrels(qrels_path)
    except FaroError as exc:
        fail(exc)
    judged = [q for q in queries if q.id in qrels]
    started = time.perf_counter()
    try:
        ours = evaluate_retrieval(faro_run(claims, judged, lang, model), qrels)
    except FaroError as exc:
        fail(exc)
    elapsed = time.perf_counter() - started
    base = evaluate_retrieval(plain_bm25_run(claims, judged, lang), qrels)
    result: dict[str, Any] = {k: round(ours[k], 4) for k in KEYS}
    result["queries"] = int(ours["queries"])
    result["encoder"] = model or None
    result["baseline"] = {k: round(base[k], 4) for k in KEYS} | {"name": "plain BM25 (bm25s)"}
    print_comparison(result, KEYS, title=f"{len(judged)} queries, {len(claims)} claims "
                                         f"(faro: {elapsed:.1f} s incl. indexing)",
                     ours="faro", baseline="plain BM25", json_output=json_output)


@train_app.command("reranker")
def train_reranker_command(
    data: Annotated[Path, typer.Option(
        help="Folder holding clef2020-t2-en and clef2021-t2a-en.")] = _DEFAULT_DATA,
    encoder: Annotated[str | None, typer.Option(
        help="A sentence-transformers model (directory or cached hub name): train the "
             "reranker that reads the dense features too (the `neural` extra).")] = None,
    model: Annotated[str, typer.Option(
        help="lambdarank (LightGBM trees), logistic (regression), or auto: the best of both "
             "by cross-validation.")] = "auto",
    out: Annotated[Path | None, typer.Option(help="Where to write the model "
                                             "[default: the package's copy].")] = None,
) -> None:
    """Train the matching reranker on CLEF-2020 train + dev (5-fold cross-validation for model
    choice and calibration; the test splits are never read) and write it with its model card."""
    from faro.search._training import train_reranker, write_model_card

    name = "reranker-dense.json" if encoder else "reranker.json"
    target = out or shipped_model_path(name)
    try:
        reranker = train_reranker(data, encoder=encoder, model=model,
                                  log=lambda m: err_console.print(m, highlight=False))
    except FaroError as exc:
        fail(exc)
    write_model(target, reranker.save, lambda card: write_model_card(reranker, card),
                reranker.trained["figures"])
