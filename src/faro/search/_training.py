"""Training the reranker on CLEF CheckThat! 2020 Task 2 (``faro train reranker``).

The data sets overlap, and that decides the protocol. CLEF-2021 Task 2A's train queries are
CLEF-2020's train and dev queries (996 of 997), and its dev queries are CLEF-2020's *test*
queries (all 200). So the reranker learns from CLEF-2020 train + dev only, against the 2020
claims; CLEF-2021 dev and CLEF-2020 test are never read here, and both stay held out for
``faro eval retrieval``.

For every query, the records the product would rerank (the first stage's top candidates, and
with an encoder the records nearest in embedding space) become feature rows labelled by the
qrels. The model — a logistic regression or LambdaRank trees, each with a few settings
(:data:`MODELS`) — is chosen by MAP@5 in a 5-fold cross-validation grouped by query; the
out-of-fold scores fit the Platt calibration, so the confidence of a match reads as the share of
such matches that are right; the final model is fitted on all the rows. Needs scikit-learn and
LightGBM (the ``dev`` extra); the product only reads the resulting JSON.

With ``encoder`` (a sentence-transformers model; the ``neural`` extra) it trains the reranker
that reads the dense features too (:data:`~faro.search._features.DENSE_FEATURES`).
"""

from __future__ import annotations

import datetime as dt
import functools
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
from faro.search._reranker import Forest, Reranker

__all__ = ["train_reranker", "write_model_card"]

#: Candidates per query the reranker is trained on (the product's default, match_candidates).
CANDIDATES = 100
#: Regularisation strengths tried; the model card says which setting won and its figures.
C_GRID = (0.1, 1.0, 10.0)
#: LambdaRank settings tried: (trees, leaves per tree, learning rate). Over three shuffled
#: 5-fold splits of 2020 train+dev (2026-12-02, lexical features) these gave 0.8526–0.8536
#: against 0.8496 for the logistic regression; more leaves or trees cost more per claim for no
#: gain.
TREE_GRID = ((100, 5, 0.1), (200, 5, 0.05), (300, 7, 0.05))
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

    def stack(self, members: list[int]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
        """The feature rows and labels of the queries ``members``, one matrix and one vector."""
        return (np.vstack([self.features[i] for i in members]),
                np.concatenate([self.labels(i) for i in members]))

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


class _Linear:
    """Logistic regression over standardised features (scikit-learn)."""

    def __init__(self, rows: _Rows, members: list[int], c: float) -> None:
        from sklearn.linear_model import LogisticRegression

        x, y = rows.stack(members)
        self.mean, self.scale = x.mean(axis=0), x.std(axis=0) + 1e-6
        self.model = LogisticRegression(C=c, max_iter=5000).fit((x - self.mean) / self.scale, y)

    def score(self, features: npt.NDArray[np.float32]) -> Any:
        if len(features) == 0:
            return np.zeros(0)
        return self.model.decision_function((features - self.mean) / self.scale)

    def parts(self) -> dict[str, Any]:
        return {"mean": tuple(map(float, self.mean)), "scale": tuple(map(float, self.scale)),
                "weights": tuple(map(float, self.model.coef_[0])),
                "bias": float(self.model.intercept_[0])}


class _Trees:
    """LambdaRank regression trees (LightGBM), scored by faro's own :class:`Forest` — the code
    the product runs — after checking it agrees with LightGBM's."""

    def __init__(self, rows: _Rows, members: list[int], trees: int, leaves: int,
                 rate: float) -> None:
        import lightgbm

        x, y = rows.stack(members)
        model = lightgbm.LGBMRanker(n_estimators=trees, num_leaves=leaves, learning_rate=rate,
                                    random_state=0, n_jobs=1, verbose=-1)
        model.fit(x, y, group=[len(rows.features[i]) for i in members])
        self.forest = Forest.from_lightgbm(model.booster_.dump_model())
        sample = x[:2000]
        if not np.allclose(self.forest.predict(sample), model.predict(sample), atol=1e-6):
            raise AssertionError("faro's tree evaluation disagrees with LightGBM's")

    def score(self, features: npt.NDArray[np.float32]) -> Any:
        return self.forest.predict(features) if len(features) else np.zeros(0)

    def parts(self) -> dict[str, Any]:
        return {"mean": (), "scale": (), "weights": (), "bias": 0.0, "forest": self.forest}


_Fit = Callable[[_Rows, list[int]], "_Linear | _Trees"]

#: The models ``faro train reranker --model`` chooses among, each with the settings its
#: cross-validation tries (the model card says which won).
MODELS: dict[str, list[tuple[str, _Fit]]] = {
    "logistic": [(f"C={c}", functools.partial(_Linear, c=c)) for c in C_GRID],
    "lambdarank": [(f"{t} trees of {v} leaves, learning rate {r}",
                    functools.partial(_Trees, trees=t, leaves=v, rate=r))
                   for t, v, r in TREE_GRID],
}


def train_reranker(data: Path, *, encoder: str | None = None, model: str = "auto",
                   log: Callable[[str], None] = print) -> Reranker:
    """Train a reranker of kind ``model`` (see :data:`MODELS`; ``auto``: every setting of every
    kind, the best by cross-validation) on CLEF-2020 train + dev; with ``encoder``, the one that
    reads the dense features too."""
    if model != "auto" and model not in MODELS:
        raise InputError(f"unknown model {model!r}: auto, {', '.join(MODELS)}")
    try:
        from sklearn.linear_model import LogisticRegression
        if model != "logistic":
            import lightgbm  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError(f"training needs scikit-learn and lightgbm: pip install "
                         f"'faro[dev]' ({exc})") from exc
    candidates = [(kind, setting, fit) for kind, settings in MODELS.items()
                  if model in ("auto", kind) for setting, fit in settings]
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
    best: tuple[float, int, list[Any]] | None = None
    for choice, (kind, setting, fit) in enumerate(candidates):
        oof: list[Any] = [None] * n
        for k in range(FOLDS):
            fitted = fit(rows, [i for i in range(n) if folds[i] != k])
            for i in np.flatnonzero(folds == k):
                oof[i] = fitted.score(rows.features[i])
        cv_map = rows.map5(oof)
        log(f"{kind}, {setting}: cross-validated MAP@5 {cv_map:.4f}")
        if best is None or cv_map > best[0]:
            best = (cv_map, choice, oof)
    assert best is not None
    cv_map, choice, oof = best
    kind, setting, fit = candidates[choice]
    final = fit(rows, list(range(n)))
    oof_x = np.concatenate(oof).reshape(-1, 1)
    oof_y = np.concatenate([rows.labels(i) for i in range(n)])
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(oof_x, oof_y)
    figures = {
        "clef2020-train+dev (5-fold CV)": {
            "map@5": round(cv_map, 4), "first_stage_map@5": round(rows.map5(first_stage), 4),
            "queries": n},
    }
    return Reranker(
        features=DENSE_FEATURES if encoder else FEATURES, **final.parts(),
        calibration=(float(platt.coef_[0][0]), float(platt.intercept_[0])),
        trained={"date": dt.date.today().isoformat(),
                 "model": {"logistic": "logistic regression",
                           "lambdarank": "LambdaRank gradient-boosted trees (LightGBM)"}[kind],
                 "chosen_from": model,
                 "setting": setting, "encoder": _encoder_name(encoder),
                 "candidates": CANDIDATES,
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
        f"setting ({t['setting']}) chosen by MAP@5 in a 5-fold cross-validation grouped "
        "by query.",
        f"- **Calibration**: {t['calibration']}.",
        "- **Data licence**: the CLEF CheckThat! data is for research use; the model is "
        "aggregate statistics (weights, or split thresholds and leaf values over the "
        "features) and contains no text from it.",
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
    if reranker.forest is not None:
        forest = reranker.forest
        splits = [f for i, f in enumerate(forest.feature) if forest.left[i] != i]
        used = np.bincount(np.asarray(splits, dtype=np.int64), minlength=len(reranker.features))
        leaves = len(forest.feature) - len(splits)
        lines += [f"{len(reranker.forest.roots)} trees, {leaves} leaves, depth at most "
                  f"{reranker.forest.depth}. Splits per feature:", ""]
        lines += [f"- `{name}`: {int(n)}" for name, n in zip(reranker.features, used,
                                                               strict=True)]
    else:
        lines += [f"- `{name}`: weight {w:+.3f}" for name, w in
                  zip(reranker.features, reranker.weights, strict=True)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
