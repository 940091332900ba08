"""Training of the check-worthiness model and of the TF-IDF baseline (scikit-learn: the ``dev``
extra), and the figures of its model card.

The data are the CLEF CheckThat! check-worthiness files under ``../shared/data/checkworthiness``
(:data:`SOURCES`). Only training splits are fitted; dev splits give the figures; test files are
never read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from faro.checkworthy._evaluation import measure
from faro.checkworthy._features import dimension, featurize
from faro.checkworthy._model import POOLED, CheckworthyModel
from faro.eval.clef import CheckworthyItem, read_checkworthy_debates, read_checkworthy_tweets

__all__ = ["DEV", "SOURCES", "Baseline", "C", "fit", "train_checkworthy", "write_model_card"]

Log = Callable[[str], None]
Labelled = list[tuple[CheckworthyItem, str]]
"""Items and their language."""

_LANGUAGES = {"english": "en", "arabic": "ar", "bulgarian": "bg", "dutch": "nl",
              "turkish": "tr", "spanish": "es"}
#: Training files (relative to the data folder) per language model.
SOURCES: dict[str, tuple[str, ...]] = {
    code: (f"clef2022-t1a/{name}/train.tsv",) for name, code in _LANGUAGES.items()}
SOURCES["en"] += ("clef2020-t1-en/training_v2.tsv",)
SOURCES["es"] += ("clef2021-t1a-es/dataset_train.tsv",)
#: Dev files measured for the model card: (name, language, path).
DEV: tuple[tuple[str, str, str], ...] = (
    *((f"clef2022-{code}", code, f"clef2022-t1a/{name}/dev.tsv")
      for name, code in _LANGUAGES.items()),
    ("clef2020-en", "en", "clef2020-t1-en/dev_v2.tsv"),
    ("clef2021-es", "es", "clef2021-t1a-es/dataset_dev.tsv"),
)
DEBATES = "clef2019-t1-en/train"
#: Inverse regularisation of the logistic regressions: chosen on CLEF-2022 dev among 1, 3, 10,
#: 30 per language (1 was best or tied for 5 of 6 languages); re-run the training after changing.
C = 1.0


def read_items(path: Path) -> list[CheckworthyItem]:
    return read_checkworthy_debates(path) if path.is_dir() else read_checkworthy_tweets(path)


def matrix(texts: Sequence[str], langs: Sequence[str]) -> Any:
    """The sparse feature matrix (scipy CSR) of ``texts``."""
    import scipy.sparse as sp

    rows = [featurize(text, lang) for text, lang in zip(texts, langs, strict=True)]
    pointers = np.cumsum([0] + [r.indices.size for r in rows])
    return sp.csr_matrix((np.concatenate([r.values for r in rows]),
                          np.concatenate([r.indices for r in rows]), pointers),
                         shape=(len(rows), dimension()))


def fit(texts: Sequence[str], langs: Sequence[str], labels: Sequence[int]
        ) -> tuple[np.ndarray[Any, np.dtype[np.float32]], float]:
    """Weights and bias of a logistic regression (balanced class weights, L2, C = :data:`C`)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=3000)
    model.fit(matrix(texts, langs), list(labels))
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


class Baseline:
    """TF-IDF (word 1-2 grams + character 2-5 grams, sublinear tf) and logistic regression
    (balanced class weights, C=10), as in ``../shared/data/README.md``."""

    name = "TF-IDF + logistic regression"

    def __init__(self, texts: Sequence[str], labels: Sequence[int]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        union = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                           TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                           sublinear_tf=True, min_df=2))
        self.pipeline = make_pipeline(union, LogisticRegression(
            C=10, class_weight="balanced", solver="liblinear", max_iter=3000))
        self.pipeline.fit(list(texts), list(labels))

    def scores(self, texts: Sequence[str]) -> list[float]:
        return [float(p) for p in self.pipeline.predict_proba(list(texts))[:, 1]]


def _rounded(figures: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in figures.items()}


#: Folds of the debates cross-validation: debate i (in name order) is held out in fold i mod
#: DEBATE_FOLDS (5 folds of 3-4 debates: 19 folds gave the same picture at four times the cost).
DEBATE_FOLDS = 5


def _debates_cv(debates: list[CheckworthyItem], log: Log) -> dict[str, Any]:
    """MAP over the debates, each scored by models trained on the debates of the other folds."""
    groups = sorted({d.group for d in debates})
    fold_of = {group: i % DEBATE_FOLDS for i, group in enumerate(groups)}
    ours: list[float] = [0.0] * len(debates)
    base: list[float] = [0.0] * len(debates)
    for fold in range(DEBATE_FOLDS):
        train = [d for d in debates if fold_of[d.group] != fold]
        held = [i for i, d in enumerate(debates) if fold_of[d.group] == fold]
        texts = [d.text for d in train]
        labels = [d.label for d in train]
        weights, bias = fit(texts, ["en"] * len(train), labels)
        held_x = matrix([debates[i].text for i in held], ["en"] * len(held))
        for i, logit in zip(held, held_x @ weights + bias, strict=True):
            ours[i] = float(1 / (1 + np.exp(-logit)))
        held_scores = Baseline(texts, labels).scores([debates[i].text for i in held])
        for i, score in zip(held, held_scores, strict=True):
            base[i] = score
        log(f"  debates: fold {fold + 1} of {DEBATE_FOLDS} done")
    labels = [d.label for d in debates]
    names = [d.group for d in debates]
    return {"faro": _rounded(measure(labels, ours, names)),
            "baseline": _rounded(measure(labels, base, names)), "debates": len(groups)}


def train_checkworthy(data: Path, log: Log) -> CheckworthyModel:
    """Fit one model per language of :data:`SOURCES` and the pooled model, measure them and the
    baseline on the dev splits (:data:`DEV`) and the 2019 debates (5-fold leave-debates-out), and
    return the model with its figures in ``trained``."""
    by_lang: dict[str, Labelled] = {}
    for lang, files in SOURCES.items():
        by_lang[lang] = [(item, lang) for file in files for item in read_items(data / file)]
    weights: dict[str, Any] = {}
    biases: dict[str, float] = {}
    pooled: Labelled = [pair for pairs in by_lang.values() for pair in pairs]
    for key, pairs in [*by_lang.items(), (POOLED, pooled)]:
        log(f"fitting {key}: {len(pairs)} texts")
        weights[key], biases[key] = fit([i.text for i, _ in pairs], [lg for _, lg in pairs],
                                        [i.label for i, _ in pairs])
    model = CheckworthyModel(weights, biases)
    figures: dict[str, Any] = {}
    for name, lang, file in DEV:
        items = read_items(data / file)
        texts = [i.text for i in items]
        labels = [i.label for i in items]
        groups = [i.group for i in items]
        train = by_lang[lang]
        base = Baseline([i.text for i, _ in train], [i.label for i, _ in train])
        figures[name] = {
            "faro": _rounded(measure(labels, model.score_many(texts, lang), groups)),
            "baseline": _rounded(measure(labels, base.scores(texts), groups)),
            "texts": len(items)}
        log(f"{name}: F1 {figures[name]['faro']['f1_pos']:.3f} "
            f"(baseline {figures[name]['baseline']['f1_pos']:.3f})")
    debates_path = data / DEBATES
    if debates_path.is_dir():
        figures["clef2019-debates-cv"] = _debates_cv(read_items(debates_path), log)
    model.trained = {
        "date": dt.date.today().isoformat(), "data": data.name,
        "sources": {k: list(v) for k, v in SOURCES.items()},
        "texts": {k: len(v) for k, v in by_lang.items()}, "C": C, "figures": figures,
    }
    return model


def write_model_card(model: CheckworthyModel, path: Path) -> None:
    """A Markdown model card: data, date, figures."""
    trained = model.trained
    lines = [
        "# checkworthy.npz: the check-worthiness model", "",
        f"Trained {trained.get('date', '?')} by `faro train checkworthy` on "
        "`../shared/data/checkworthiness` (CLEF CheckThat! 2019-2022). One logistic regression "
        "(balanced class weights, L2, C={C}) per language over hashed word 1-2 grams, character "
        "2-5 grams and named evidence (numbers, percentages, money, years, capitalised names, "
        "comparisons, claim verbs, attributions, hedges, first person, questions, length); a "
        "pooled model for the other languages. Threshold 0.5. numpy only at run time.", "",
        "## Training data (texts per model)", "",
    ]
    for key, files in trained.get("sources", {}).items():
        lines.append(f"- `{key}` ({trained['texts'][key]}): " + ", ".join(f"`{f}`" for f in files))
    lines.append("- `*` (pooled): all of the above")
    lines += ["", "## Figures (dev splits; never tuned on test)", "",
              "| split | texts | F1 pos | P | R | AP | P@10 | MAP | baseline F1 | baseline MAP |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for name, fig in trained.get("figures", {}).items():
        ours, base = fig["faro"], fig["baseline"]
        count = fig.get("texts", fig.get("debates"))
        lines.append(f"| {name} | {count} | {ours['f1_pos']:.3f} | {ours['precision']:.3f} | "
                     f"{ours['recall']:.3f} | {ours['ap']:.3f} | {ours['p@10']:.3f} | "
                     f"{ours['map']:.3f} | {base['f1_pos']:.3f} | {base['map']:.3f} |")
    lines += ["", "Baseline: TF-IDF (word 1-2 + char 2-5 grams) and logistic regression trained "
              "on the same data in the same run. `clef2019-debates-cv`: 5-fold leave-debates-out "
              "over the 19 training debates (MAP over debates), both models trained on debates "
              "only.", ""]
    path.write_text("\n".join(lines), "utf-8")
