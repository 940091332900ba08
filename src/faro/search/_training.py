"""Training the reranker on CLEF CheckThat! 2020 Task 2 (``faro train reranker``).

The data sets overlap, and that decides the protocol. CLEF-2021 Task 2A's train queries are
CLEF-2020's train and dev queries (996 of 997), and its dev queries are CLEF-2020's *test*
queries (all 200). So the reranker learns from CLEF-2020 train + dev only, against the 2020
claims; CLEF-2021 dev and CLEF-2020 test are never read here, and both stay held out for
``faro eval retrieval``.

For every query, the records the product would rerank (the first stage's top candidates, and
with an encoder the records nearest in embedding space) become feature rows labelled by the
qrels. The regularisation of a logistic regression is chosen by MAP@5 in a 5-fold
cross-validation grouped by query; the out-of-fold scores fit the Platt calibration, so the
confidence of a match reads as the share of such matches that are right; the final model is
fitted on all the rows. Needs scikit-learn (the ``dev`` extra); the product only reads the
resulting JSON.

With ``encoder`` (a sentence-transformers model; the ``neural`` extra) it trains the reranker
that reads the dense features too (:data:`~faro.search._features.DENSE_FEATURES`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from faro._errors import InputError
from faro.eval import evaluate_retrieval, read_qrels, read_queries, read_vclaims
from faro.search._dense import DenseEncoder, Encoder
from faro.search._features import DENSE_FEATURES, FEATURES, prepare_query
from faro.search._index import IndexDoc, IndexStamp, LexicalIndex
from faro.search._matcher import DenseSearch, candidate_pool, encode_records, query_text
from faro.search._reranker import Reranker

__all__ = ["train_reranker", "write_model_card"]

#: Candidates per query the reranker is trained on (the product's default, match_candidates).
CANDIDATES = 100
#: Regularisation strengths tried; the model card says which won and its figures. A
#: gradient-boosted model (300 trees of 15 leaves) was tried on the lexical features
#: (2026-12-01): CV MAP@5 0.811 vs 0.8025, too little more for its size and cost per query.
C_GRID = (0.1, 1.0, 10.0)
FOLDS = 5


@dataclass(frozen=True, slots=True)
class _Split:
    name: str
    queries: Path
    qrels: Path


@dataclass
class _Rows:
    """Feature rows of every judged query: one matrix and one candidate list per query."""

    features: list[npt.NDArray[np.float32]]
    ids: list[list[str]]
    qids: list[str]
    qrels: dict[str, dict[str, int]]

    def labels(self, i: int) -> npt.NDArray[np.int64]:
        rel = self.qrels[self.qids[i]]
        return np.array([rel.get(d, 0) > 0 for d in self.ids[i]], dtype=np.int64)

    def map5(self, scores: list[npt.NDArray[Any]], subset: list[int] | None = None) -> float:
        chosen = range(len(self.qids)) if subset is None else subset
        run = {self.qids[i]: list(zip(self.ids[i], map(float, scores[i]), strict=True))
               for i in chosen}
        qrels = {self.qids[i]: self.qrels[self.qids[i]] for i in chosen}
        return evaluate_retrieval(run, qrels)["map@5"]


def build_claims_index(claims: Path) -> LexicalIndex:
    docs = (IndexDoc(v.id, "factcheck", "en", v.text, v.title) for v in read_vclaims(claims))
    return LexicalIndex.build(docs, IndexStamp(f"file:{claims}", 0))


def _load(splits: list[_Split], index: LexicalIndex, encoder: Encoder | None = None, *,
          scratch: Path, log: Callable[[str], None] = print) -> _Rows:
    """Feature rows for every judged query; record vectors (with ``encoder``) go under
    ``scratch``."""
    rows = _Rows([], [], [], {})
    judged: list[tuple[str, str]] = []
    for split in splits:
        qrels = read_qrels(split.qrels)
        rows.qrels.update(qrels)
        judged += [(q.id, query_text(q.text)) for q in read_queries(split.queries)
                   if q.id in qrels]
    dense: DenseSearch | None = None
    vectors: npt.NDArray[np.float32] | None = None
    if encoder is not None:
        log(f"encoding {len(index)} claims and {len(judged)} tweets with {encoder.name}")
        dense = DenseSearch(encoder, encode_records(index, encoder, scratch / "dense"))
        vectors = encoder.encode([text for _, text in judged])
    for i, (qid, text) in enumerate(judged):
        query = prepare_query(text, "en", index)
        cands, features = candidate_pool(index, query, CANDIDATES, dense,
                                         None if vectors is None else vectors[i])
        rows.features.append(features)
        rows.ids.append([index.ids[int(p)] for p in cands.positions])
        rows.qids.append(qid)
    return rows


def _fit(rows: _Rows, members: list[int], c: float) -> tuple[Any, Any, Any]:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([rows.features[i] for i in members])
    y = np.concatenate([rows.labels(i) for i in members])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return model, mean, scale


def _score(fitted: tuple[Any, Any, Any], features: npt.NDArray[np.float32]) -> Any:
    model, mean, scale = fitted
    if len(features) == 0:
        return np.zeros(0)
    return model.decision_function((features - mean) / scale)


def train_reranker(data: Path, *, encoder: str | None = None,
                   log: Callable[[str], None] = print) -> Reranker:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError("training needs scikit-learn: pip install 'faro[dev]'") from exc
    root = data / "clef2020-t2-en"
    claims = root / "verified_claims.docs.tsv"
    splits = [_Split(s, root / s / "tweets.queries.tsv", root / s / "tweet-vclaim-pairs.qrels")
              for s in ("train", "dev")]
    missing = [str(p) for p in (claims, *(s.queries for s in splits)) if not p.is_file()]
    if missing:
        raise InputError(f"CLEF-2020 claim-retrieval data not found: {', '.join(missing)}")
    dense_encoder = DenseEncoder(encoder) if encoder else None
    with tempfile.TemporaryDirectory(prefix="faro-train-") as scratch:
        rows = _load(splits, build_claims_index(claims), dense_encoder, scratch=Path(scratch),
                     log=log)
    n = len(rows.qids)
    folds = np.arange(n) % FOLDS
    first_stage = [f[:, 0] if len(f) else np.zeros(0) for f in rows.features]
    best: tuple[float, float, list[Any]] | None = None
    for c in C_GRID:
        oof: list[Any] = [None] * n
        for k in range(FOLDS):
            fitted = _fit(rows, [i for i in range(n) if folds[i] != k], c)
            for i in np.flatnonzero(folds == k):
                oof[i] = _score(fitted, rows.features[i])
        cv_map = rows.map5(oof)
        log(f"C={c}: cross-validated MAP@5 {cv_map:.4f}")
        if best is None or cv_map > best[0]:
            best = (cv_map, c, oof)
    assert best is not None
    cv_map, c, oof = best
    model, mean, scale = _fit(rows, list(range(n)), c)
    oof_x = np.concatenate(oof).reshape(-1, 1)
    oof_y = np.concatenate([rows.labels(i) for i in range(n)])
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(oof_x, oof_y)
    figures = {
        "clef2020-train+dev (5-fold CV)": {
            "map@5": round(cv_map, 4), "first_stage_map@5": round(rows.map5(first_stage), 4),
            "queries": n},
    }
    return Reranker(
        features=DENSE_FEATURES if encoder else FEATURES, mean=tuple(map(float, mean)),
        scale=tuple(map(float, scale)),
        weights=tuple(map(float, model.coef_[0])), bias=float(model.intercept_[0]),
        calibration=(float(platt.coef_[0][0]), float(platt.intercept_[0])),
        trained={"date": dt.date.today().isoformat(), "model": "logistic regression",
                 "encoder": _encoder_name(encoder),
                 "C": float(c), "candidates": CANDIDATES,
                 "train": ["clef2020-t2-en/train", "clef2020-t2-en/dev"],
                 "calibration": "Platt scaling on 5-fold out-of-fold scores",
                 "held_out": ["clef2020-t2-en/test", "clef2021-t2a-en/dev (the same tweets)"],
                 "figures": figures, "rows": len(oof_y), "positives": int(oof_y.sum())},
    )


def _encoder_name(encoder: str | None) -> str | None:
    """How the model card names the encoder: a model directory by its last two parts (an
    install path means nothing elsewhere), a hub name as it is."""
    if not encoder:
        return None
    path = Path(encoder)
    return "/".join(path.parts[-2:]) if path.is_dir() else encoder


def write_model_card(reranker: Reranker, path: Path) -> None:
    """The model card shipped next to the weights: data, date, figures, limits."""
    t = reranker.trained
    lines = [
        "# Model card: faro matching reranker" + (" (dense)" if reranker.dense else ""),
        "",
        f"- **What**: {t['model']} over {len(reranker.features)} features of a (claim, "
        "knowledge-base record) pair, reranking the top "
        f"{t['candidates']} BM25 candidates; Platt-calibrated confidence.",
        *([f"- **Dense encoder**: `{t['encoder']}` (sentence-transformers, the `neural` "
           "extra): the cosine features, and the records nearest in embedding space join the "
           "candidates. Used only when the `encoder` setting names a model; another model "
           "gives cosines on another scale, so retrain with `faro train reranker --encoder "
           "MODEL` for it."] if t.get("encoder") else []),
        f"- **Trained**: {t['date']} by `faro train reranker` on "
        f"{', '.join(t['train'])} ({t['rows']} candidate rows, {t['positives']} positive); "
        f"regularisation C={t['C']} chosen by MAP@5 in a 5-fold cross-validation grouped "
        "by query.",
        f"- **Calibration**: {t['calibration']}.",
        "- **Data licence**: the CLEF CheckThat! data is for research use; the weights are "
        "aggregate statistics (one number per feature) and contain no text from it.",
        "- **Languages**: trained on English tweets against English Snopes claims. The "
        "features are language-independent (scores, coverage, n-grams, numbers, names), so it "
        "is applied to every language; its calibration outside English is unmeasured.",
        "",
        "## Figures (MAP@5, trec_eval map_cut_5)",
        "",
        "| data | queries | reranked | first stage alone |",
        "|---|---:|---:|---:|",
    ]
    for name, fig in t["figures"].items():
        lines.append(f"| {name} | {fig['queries']} | {fig['map@5']:.4f} | "
                     f"{fig['first_stage_map@5']:.4f} |")
    lines += ["", f"Held out, never read in training: {', '.join(t['held_out'])}. Measure them "
              "with `faro eval retrieval` (see docs/matching.md).", "", "## Features", ""]
    lines += [f"- `{name}`: weight {w:+.3f}" for name, w in
              zip(reranker.features, reranker.weights, strict=True)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
