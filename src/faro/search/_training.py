"""Training the reranker on the CLEF CheckThat! claim-retrieval sets (``faro train reranker``).

Reads ``clef2020-t2-en`` and ``clef2021-t2a-en`` under a data directory (the layout of
``../shared/data/claim-retrieval``): for every train query, the first stage's top candidates
become feature rows labelled by the qrels; a logistic regression is fitted on them, its
regularisation chosen by MAP@5 on the dev splits, and a Platt calibration of its scores is
fitted on the dev candidates. Test splits are never read. Needs scikit-learn (the ``train``
extra); the product only reads the resulting JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from faro._errors import InputError
from faro.eval import evaluate_retrieval, read_qrels, read_queries, read_vclaims
from faro.search._features import FEATURES, candidate_features, prepare_query
from faro.search._index import IndexDoc, IndexStamp, LexicalIndex
from faro.search._matcher import query_text
from faro.search._reranker import Reranker

__all__ = ["SPLITS", "Split", "load_split", "train_reranker"]

#: Candidates per query the reranker is trained on (the product's default, match_candidates).
CANDIDATES = 100
#: Regularisation strengths tried; the one with the best mean dev MAP@5 is kept.
C_GRID = (0.01, 0.1, 1.0, 10.0)


@dataclass(frozen=True, slots=True)
class Split:
    name: str
    claims: Path
    queries: Path
    qrels: Path


def _splits(root: Path) -> dict[str, Split]:
    c20 = root / "clef2020-t2-en"
    c21 = root / "clef2021-t2a-en"
    out = {}
    for split in ("train", "dev"):
        out[f"clef2020-{split}"] = Split(f"clef2020-{split}", c20 / "verified_claims.docs.tsv",
                                         c20 / split / "tweets.queries.tsv",
                                         c20 / split / "tweet-vclaim-pairs.qrels")
        out[f"clef2021-{split}"] = Split(f"clef2021-{split}", c21 / "verified_claims.tsv",
                                         c21 / f"{split}_queries.tsv", c21 / f"{split}_qrels.txt")
    return out


SPLITS = ("clef2020-train", "clef2021-train", "clef2020-dev", "clef2021-dev")


def build_claims_index(claims: Path) -> LexicalIndex:
    docs = (IndexDoc(v.id, "factcheck", "en", v.text, v.title) for v in read_vclaims(claims))
    return LexicalIndex.build(docs, IndexStamp(f"file:{claims}", 0))


@dataclass
class _Rows:
    features: list[npt.NDArray[np.float32]]
    ids: list[list[str]]
    qids: list[str]
    qrels: dict[str, dict[str, int]]


def load_split(split: Split, index: LexicalIndex, language: str = "en") -> _Rows:
    qrels = read_qrels(split.qrels)
    rows = _Rows([], [], [], qrels)
    for q in read_queries(split.queries):
        if q.id not in qrels:
            continue
        query = prepare_query(query_text(q.text), language, index)
        cands = index.candidates(query.term_ids, CANDIDATES)
        rows.features.append(candidate_features(query, index, cands))
        rows.ids.append([index.ids[int(p)] for p in cands.positions])
        rows.qids.append(q.id)
    return rows


def _map5(rows: _Rows, score: Callable[[npt.NDArray[np.float32]], npt.NDArray[Any]]) -> float:
    run = {}
    for qid, feats, ids in zip(rows.qids, rows.features, rows.ids, strict=True):
        scores = score(feats) if len(feats) else np.zeros(0)
        run[qid] = [(ids[i], float(-r)) for r, i in enumerate(np.argsort(-scores, kind="stable"))]
    return evaluate_retrieval(run, rows.qrels)["map@5"]


def _labels(rows: _Rows) -> npt.NDArray[np.int64]:
    return np.concatenate([np.array([rows.qrels[q].get(d, 0) > 0 for d in ids], dtype=np.int64)
                           for q, ids in zip(rows.qids, rows.ids, strict=True)])


def train_reranker(data: Path, *, log: Callable[[str], None] = print) -> Reranker:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError("training needs scikit-learn: pip install 'faro[train]'") from exc
    splits = _splits(data)
    missing = [str(s.claims) for s in splits.values() if not s.claims.is_file()]
    if missing:
        raise InputError(f"CLEF claim-retrieval data not found: {', '.join(missing)}")
    indexes = {year: build_claims_index(splits[f"clef{year}-train"].claims)
               for year in ("2020", "2021")}
    rows = {name: load_split(splits[name], indexes[name[4:8]]) for name in SPLITS}
    train = [rows["clef2020-train"], rows["clef2021-train"]]
    dev = [rows["clef2020-dev"], rows["clef2021-dev"]]
    x = np.vstack([f for r in train for f in r.features])
    y = np.concatenate([_labels(r) for r in train])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    best: tuple[float, Any] | None = None
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)

        def score(f: npt.NDArray[np.float32], m: Any = model) -> Any:
            return m.decision_function((f - mean) / scale)

        dev_map = float(np.mean([_map5(r, score) for r in dev]))
        log(f"C={c}: mean dev MAP@5 {dev_map:.4f}")
        if best is None or dev_map > best[0]:
            best = (dev_map, model)
    assert best is not None
    model = best[1]
    # Platt scaling on the dev candidates' scores.
    dev_x = np.vstack([f for r in dev for f in r.features])
    dev_y = np.concatenate([_labels(r) for r in dev])
    dev_s = model.decision_function((dev_x - mean) / scale).reshape(-1, 1)
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(dev_s, dev_y)
    figures = {}
    for name in SPLITS:
        r = rows[name]
        figures[name] = {
            "map@5": round(_map5(r, lambda f: model.decision_function((f - mean) / scale)), 4),
            "bm25_map@5": round(_map5(r, lambda f: f[:, 0]), 4),
            "queries": len(r.qids),
        }
    reranker = Reranker(
        features=FEATURES, mean=tuple(map(float, mean)), scale=tuple(map(float, scale)),
        weights=tuple(map(float, model.coef_[0])), bias=float(model.intercept_[0]),
        calibration=(float(platt.coef_[0][0]), float(platt.intercept_[0])),
        trained={"date": dt.date.today().isoformat(), "model": "logistic regression",
                 "C": float(model.C), "candidates": CANDIDATES,
                 "train": ["clef2020-t2-en/train", "clef2021-t2a-en/train"],
                 "calibration": "Platt scaling on clef2020-t2-en/dev + clef2021-t2a-en/dev",
                 "figures": figures, "rows": len(y), "positives": int(y.sum())},
    )
    return reranker


def write_model_card(reranker: Reranker, path: Path) -> None:
    """The model card shipped next to the weights: data, date, figures, limits."""
    t = reranker.trained
    lines = [
        "# Model card: faro matching reranker",
        "",
        f"- **What**: {t['model']} over {len(reranker.features)} features of a (claim, "
        "knowledge-base record) pair, reranking the top "
        f"{t['candidates']} BM25 candidates; Platt-calibrated confidence.",
        f"- **Trained**: {t['date']} by `faro train reranker` on "
        f"{', '.join(t['train'])} ({t['rows']} candidate rows, {t['positives']} positive); "
        f"regularisation C={t['C']} chosen by mean MAP@5 on the dev splits.",
        f"- **Calibration**: {t['calibration']}.",
        "- **Data licence**: the CLEF CheckThat! data is for research use; the weights are "
        "aggregate statistics (one number per feature) and contain no text from it.",
        "- **Languages**: trained on English tweets against English Snopes claims. The "
        "features are language-independent (scores, coverage, n-grams, numbers, names), so it "
        "is applied to every language; its calibration outside English is unmeasured.",
        "",
        "## Figures (MAP@5, trec_eval map_cut_5; test splits not used)",
        "",
        "| split | queries | reranked | plain first stage |",
        "|---|---:|---:|---:|",
    ]
    for name, fig in t["figures"].items():
        lines.append(f"| {name} | {fig['queries']} | {fig['map@5']:.4f} | "
                     f"{fig['bm25_map@5']:.4f} |")
    lines += ["", "## Features", ""]
    lines += [f"- `{name}`: weight {w:+.3f}" for name, w in
              zip(reranker.features, reranker.weights, strict=True)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
