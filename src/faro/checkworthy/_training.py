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
from faro.checkworthy._features import CHAR_BUCKETS, WORD_BUCKETS, dimension, featurize
from faro.checkworthy._model import POOLED, PROSE_SUFFIX, CheckworthyModel
from faro.eval.clef import CheckworthyItem, read_checkworthy_debates, read_checkworthy_tweets

__all__ = ["C_CHOICES", "DEV", "SOURCES", "Baseline", "calibrate", "choose_c", "fit", "matrix",
           "train_checkworthy", "write_model_card"]

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
#: Debate sentences added to a language's post model at a small sample weight: they teach what
#: a checkable claim looks like beyond the topics of the tweets (COVID-19, politics). For en,
#: measured on CLEF-2022 dev AP 0.762 -> 0.757, CLEF-2020 dev AP 0.866 -> 0.897, and general
#: claims ("Unemployment fell to 3.5% in 2019 ...") now outrank small talk ("What a lovely
#: day!"), which the tweets-only model scored above them (weights 0.05 and 0.2 tried, C=3, 10).
POST_EXTRA: dict[str, tuple[str, float]] = {"en": ("clef2019-t1-en/train", 0.2)}
#: Debate transcripts of the prose models: the 19 English debates and speeches of CLEF 2019
#: (which include the 3 English debates of CLEF 2018) train ``en@prose`` (all features) and
#: ``*@prose`` (character n-grams and named evidence only: what carries to other languages).
PROSE_SOURCE = "clef2019-t1-en/train"
#: The Arabic translation of 3 of those debates (CLEF 2018): how ``*@prose`` scores a language
#: it never saw. (An ``ar@prose`` trained on them, 2 debates per fold, reached MAP 0.095 over
#: held-out debates against 0.096 for ``*@prose``: not worth a model of its own.)
UNSEEN_PROSE = ("ar", "clef2018-t1-en-ar/Arabic")
#: Inverse regularisations tried per model; the one with the best average precision on 5-fold
#: cross-validation of its training data is kept (re-run the training after changing).
C_CHOICES = (1.0, 3.0, 10.0)
CV_FOLDS = 5
#: Texts featurised at once while building a training matrix.
_CHUNK = 2048


def read_items(path: Path) -> list[CheckworthyItem]:
    return read_checkworthy_debates(path) if path.is_dir() else read_checkworthy_tweets(path)


def matrix(texts: Sequence[str], langs: Sequence[str], idf: np.ndarray[Any, Any] | None
           ) -> Any:
    """The sparse feature matrix (scipy CSR) of ``texts``, each in its language."""
    import scipy.sparse as sp

    blocks: list[Any] = []
    order: list[int] = []
    for lang in sorted(set(langs)):
        rows = [i for i, lg in enumerate(langs) if lg == lang]
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start:start + _CHUNK]
            batch = featurize([texts[i] for i in chunk], lang, idf)
            blocks.append(sp.csr_matrix((batch.values, (batch.rows, batch.columns)),
                                        shape=(batch.size, dimension())))
            order += chunk
    stacked = sp.vstack(blocks).tocsr() if blocks else sp.csr_matrix((0, dimension()))
    inverse = np.empty(len(order), np.int64)
    inverse[np.asarray(order, np.int64)] = np.arange(len(order))
    result = stacked[inverse]
    result.sum_duplicates()
    return result


def document_frequency_idf(texts: Sequence[str], langs: Sequence[str]
                           ) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Smoothed idf of the n-gram buckets over ``texts``: ``log((1 + n) / (1 + df)) + 1``."""
    counts = matrix(texts, langs, None)[:, :WORD_BUCKETS + CHAR_BUCKETS]
    df = np.diff(counts.tocsc().indptr)
    idf: np.ndarray[Any, np.dtype[np.float32]] = (
        np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
    return idf


def _logistic(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000)


def choose_c(x: Any, labels: np.ndarray[Any, Any],
             weights: np.ndarray[Any, Any] | None = None) -> tuple[float, dict[float, float]]:
    """The inverse regularisation of :data:`C_CHOICES` with the best cross-validated average
    precision on ``x`` (stratified :data:`CV_FOLDS` folds; with sample ``weights``, measured
    on the texts of full weight only), and the AP of each."""
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import StratifiedKFold

    weights = np.ones(len(labels)) if weights is None else weights
    folds = list(StratifiedKFold(CV_FOLDS, shuffle=True, random_state=0).split(x, labels))
    measured = weights == 1.0
    found: dict[float, float] = {}
    for c in C_CHOICES:
        oof = np.zeros(len(labels))
        for train, held in folds:
            oof[held] = _logistic(c).fit(x[train], labels[train], sample_weight=weights[train]
                                         ).decision_function(x[held])
        found[c] = float(average_precision_score(labels[measured], oof[measured]))
    return max(found, key=lambda c: (found[c], -c)), found


def fit(x: Any, labels: Sequence[int] | np.ndarray[Any, Any], c: float,
        weights: np.ndarray[Any, Any] | None = None
        ) -> tuple[np.ndarray[Any, np.dtype[np.float32]], float]:
    """Weights and bias of a logistic regression (balanced class weights, L2)."""
    model = _logistic(c).fit(x, np.asarray(labels), sample_weight=weights)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def calibrate(logits: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]
              ) -> tuple[float, float, float]:
    """Platt scaling of ``logits`` against ``labels`` (``p = sigmoid(a * logit + b)``) and the
    probability threshold with the best F1 of the positive class: ``(a, b, threshold)``."""
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e4).fit(logits.reshape(-1, 1), labels)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    probabilities = 1 / (1 + np.exp(-(a * logits + b)))
    return a, b, best_threshold(probabilities, labels)


def best_threshold(scores: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> float:
    """The cut with the best F1 of the positive class, midway between the last score kept and
    the next one below it."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], labels[order]
    tp = np.cumsum(hits)
    f1 = 2 * tp / (np.arange(1, len(ranked) + 1) + hits.sum())
    best = int(np.argmax(f1))
    below = ranked[best + 1] if best + 1 < len(ranked) else ranked[best] - 1e-3
    return float((ranked[best] + below) / 2)


def cross_fitted_f1(logits: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> float:
    """F1 of the positive class when the calibration and threshold of each half of a split
    come from the other half (stratified, fixed seed): an honest figure for a threshold chosen
    on that split."""
    from sklearn.model_selection import StratifiedKFold

    predicted = np.zeros(len(labels), bool)
    for fit_on, apply_to in StratifiedKFold(2, shuffle=True, random_state=0).split(
            logits.reshape(-1, 1), labels):
        a, b, threshold = calibrate(logits[fit_on], labels[fit_on])
        predicted[apply_to] = 1 / (1 + np.exp(-(a * logits[apply_to] + b))) >= threshold
    tp = float(np.sum(predicted & (labels == 1)))
    return 2 * tp / (predicted.sum() + labels.sum()) if predicted.any() else 0.0


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


#: Folds of the debates cross-validation: debate i (in name order) is held out in fold
#: i mod DEBATE_FOLDS (5 folds of 3-4 debates: 19 folds gave the same picture at four times the
#: cost); a language with fewer debates holds out one debate per fold.
DEBATE_FOLDS = 5


def _debate_folds(debates: list[CheckworthyItem]) -> list[tuple[list[int], list[int]]]:
    groups = sorted({d.group for d in debates})
    folds = min(DEBATE_FOLDS, len(groups))
    fold_of = {group: i % folds for i, group in enumerate(groups)}
    return [([i for i, d in enumerate(debates) if fold_of[d.group] != fold],
             [i for i, d in enumerate(debates) if fold_of[d.group] == fold])
            for fold in range(folds)]


def _prose_model(debates: list[CheckworthyItem], lang: str, idf: np.ndarray[Any, Any],
                 log: Log, *, words: bool = True
                 ) -> tuple[np.ndarray[Any, Any], float, float, dict[str, Any], dict[str, Any]]:
    """A prose model trained on debate sentences (without the word n-grams unless ``words``):
    C chosen by MAP over held-out debates (leave-debates-out), Platt scaling and threshold
    from those out-of-fold scores, and the figures of the out-of-fold scores next to the
    baseline's. Returns weights, bias, threshold, the choices and the figures."""
    import scipy.sparse as sp

    x = matrix([d.text for d in debates], [lang] * len(debates), idf)
    if not words:
        kept = np.ones(dimension(), np.float32)
        kept[:WORD_BUCKETS] = 0.0
        x = (x @ sp.diags(kept)).tocsr()
    y = np.asarray([d.label for d in debates])
    names = [d.group for d in debates]
    folds = _debate_folds(debates)
    out_of_fold: dict[float, np.ndarray[Any, Any]] = {}
    by_c: dict[float, float] = {}
    for c in C_CHOICES:
        logits = np.zeros(len(debates))
        for train, held in folds:
            logits[held] = _logistic(c).fit(x[train], y[train]).decision_function(x[held])
        out_of_fold[c] = logits
        by_c[c] = measure(list(y), list(logits), names)["map"]
    c = max(by_c, key=lambda k: (by_c[k], -k))
    a, b, threshold = calibrate(out_of_fold[c], y)
    probabilities = 1 / (1 + np.exp(-(a * out_of_fold[c] + b)))
    base = np.zeros(len(debates))
    for train, held in folds:
        base[held] = Baseline([debates[i].text for i in train], list(y[train])).scores(
            [debates[i].text for i in held])
    vector, bias = fit(x, y, c)
    choice = {"C": c, "cv_map": {str(k): round(v, 4) for k, v in by_c.items()},
              "platt": [round(a, 4), round(b, 4)], "threshold": round(threshold, 4),
              "dev_f1_cross_fitted": round(cross_fitted_f1(out_of_fold[c], y), 4)}
    figures: dict[str, Any] = {
        "faro": _rounded(measure(list(y), list(probabilities), names, threshold)),
               "baseline": _rounded(measure(list(y), list(base), names)),
               "debates": len(set(names))}
    log(f"fitted {lang if words else POOLED}{PROSE_SUFFIX}: {len(debates)} sentences of "
        f"{len(set(names))} debates, "
        f"C={c:g} (MAP over held-out debates {by_c[c]:.3f}; baseline "
        f"{figures['baseline']['map']:.3f})")
    return (vector * a).astype(np.float32), bias * a + b, threshold, choice, figures


def _unseen_languages(by_lang: dict[str, Labelled], calibration: dict[str, Labelled], c: float,
                      idf: np.ndarray[Any, Any], log: Log) -> dict[str, Any]:
    """How a language absent from training is scored: for each training language, the pooled
    model trained without it (calibrated on the other languages' dev splits) on its CLEF-2022
    dev split. (The shared idf has seen that language's texts, not their labels.)"""
    found: dict[str, Any] = {}
    for held in by_lang:
        rest = [pair for lang, pairs in by_lang.items() if lang != held for pair in pairs]
        vector, bias = fit(matrix([i.text for i, _ in rest], [lg for _, lg in rest], idf),
                           [i.label for i, _ in rest], c)
        others = [pair for lang, pairs in calibration.items()
                  if lang not in (held, POOLED) for pair in pairs]
        logits = matrix([i.text for i, _ in others], [lg for _, lg in others], idf) @ vector
        a, b, threshold = calibrate(logits + bias, np.asarray([i.label for i, _ in others]))
        items = [i for i, _ in calibration[held]]
        held_logits = matrix([i.text for i in items], [held] * len(items), idf) @ vector + bias
        probabilities = 1 / (1 + np.exp(-(a * held_logits + b)))
        found[held] = {"faro": _rounded(measure([i.label for i in items], list(probabilities),
                                                [i.group for i in items], threshold)),
                       "positive_rate": round(sum(i.label for i in items) / len(items), 4)}
        log(f"without {held}: AP {found[held]['faro']['ap']:.3f} on its dev split")
    return found


def train_checkworthy(data: Path, log: Log) -> CheckworthyModel:
    """Fit one model per language of :data:`SOURCES` and the pooled model (the inverse
    regularisation of each chosen by cross-validation on its training data), calibrate each on
    its CLEF-2022 dev split (Platt scaling and the F1-best threshold; the pooled model on all of
    them), measure them and the baseline on the dev splits (:data:`DEV`) and the 2019 debates
    (5-fold leave-debates-out), and return the model with its figures in ``trained``."""
    by_lang: dict[str, Labelled] = {}
    for lang, files in SOURCES.items():
        by_lang[lang] = [(item, lang) for file in files for item in read_items(data / file)]
    pooled: Labelled = [pair for pairs in by_lang.values() for pair in pairs]
    log(f"idf over {len(pooled)} training texts")
    idf = document_frequency_idf([i.text for i, _ in pooled], [lg for _, lg in pooled])
    calibration: dict[str, Labelled] = {
        lang: [(item, lang) for item in read_items(data / file)]
        for name, lang, file in DEV if name.startswith("clef2022-")}
    calibration[POOLED] = [pair for pairs in calibration.values() for pair in pairs]
    weights: dict[str, Any] = {}
    biases: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    choices: dict[str, Any] = {}
    for key, own in [*by_lang.items(), (POOLED, pooled)]:
        pairs, sample = own, np.ones(len(own))
        if key in POST_EXTRA and (data / POST_EXTRA[key][0]).exists():
            folder, weight = POST_EXTRA[key]
            extra = [(item, key) for item in read_items(data / folder)]
            pairs = own + extra
            sample = np.concatenate([sample, np.full(len(extra), weight)])
        x = matrix([i.text for i, _ in pairs], [lg for _, lg in pairs], idf)
        y = np.asarray([i.label for i, _ in pairs])
        c, cv_ap = choose_c(x, y, sample)
        vector, bias = fit(x, y, c, sample)
        dev = calibration[key]
        dev_labels = np.asarray([i.label for i, _ in dev])
        dev_logits = matrix([i.text for i, _ in dev], [lg for _, lg in dev], idf) @ vector + bias
        a, b, thresholds[key] = calibrate(dev_logits, dev_labels)
        weights[key], biases[key] = (vector * a).astype(np.float32), bias * a + b
        choices[key] = {"C": c, "cv_ap": {str(k): round(v, 4) for k, v in cv_ap.items()},
                        "platt": [round(a, 4), round(b, 4)],
                        "threshold": round(thresholds[key], 4),
                        "dev_f1_cross_fitted": round(cross_fitted_f1(dev_logits, dev_labels), 4)}
        log(f"fitted {key}: {len(pairs)} texts, C={c:g} (cv AP {cv_ap[c]:.3f}), threshold "
            f"{thresholds[key]:.3f}, cross-fitted dev F1 {choices[key]['dev_f1_cross_fitted']:.3f}")
    model = CheckworthyModel(weights, biases, idf, thresholds)
    figures: dict[str, Any] = {}
    for name, lang, file in DEV:
        items = read_items(data / file)
        texts = [i.text for i in items]
        labels = [i.label for i in items]
        groups = [i.group for i in items]
        train = by_lang[lang]
        base = Baseline([i.text for i, _ in train], [i.label for i, _ in train])
        figures[name] = {
            "faro": _rounded(measure(labels, model.score_many(texts, lang), groups,
                                     model.threshold(lang))),
            "baseline": _rounded(measure(labels, base.scores(texts), groups)),
            "texts": len(items)}
        log(f"{name}: F1 {figures[name]['faro']['f1_pos']:.3f} AP "
            f"{figures[name]['faro']['ap']:.3f} (baseline {figures[name]['baseline']['f1_pos']:.3f}"
            f" / {figures[name]['baseline']['ap']:.3f})")
    unseen = _unseen_languages(by_lang, calibration, choices[POOLED]["C"], idf, log)
    prose_texts: dict[str, int] = {}
    if (data / PROSE_SOURCE).is_dir():
        debates = read_items(data / PROSE_SOURCE)
        for key, words in (("en" + PROSE_SUFFIX, True), (POOLED + PROSE_SUFFIX, False)):
            prose_texts[key] = len(debates)
            (weights[key], biases[key], thresholds[key], choices[key],
             figures[f"clef2019-debates-cv-{key}"]) = _prose_model(debates, "en", idf, log,
                                                                   words=words)
        model = CheckworthyModel(weights, biases, idf, thresholds)
        lang, folder = UNSEEN_PROSE
        if (data / folder).is_dir():
            unseen_debates = read_items(data / folder)
            figures[f"clef2018-debates-{lang}-unseen-language"] = {
                "faro": _rounded(measure(
                    [d.label for d in unseen_debates],
                    model.score_many([d.text for d in unseen_debates], lang, "prose"),
                    [d.group for d in unseen_debates], model.threshold(lang, "prose"))),
                "texts": len(unseen_debates)}
    else:
        log(f"no {PROSE_SOURCE}: no prose models")
    model.trained = {
        "date": dt.date.today().isoformat(), "data": data.name,
        "sources": {k: list(v) + ([f"{POST_EXTRA[k][0]} (sample weight {POST_EXTRA[k][1]})"]
                                   if k in POST_EXTRA else [])
                    for k, v in SOURCES.items()} | {k: [PROSE_SOURCE] for k in prose_texts},
        "texts": {k: len(v) for k, v in by_lang.items()} | {POOLED: len(pooled)} | prose_texts,
        "models": choices, "unseen_languages": unseen,
        "figures": figures,
    }
    return model


def write_model_card(model: CheckworthyModel, path: Path) -> None:
    """A Markdown model card: data, date, choices, figures."""
    trained = model.trained
    lines = [
        "# checkworthy.npz: the check-worthiness model", "",
        f"Trained {trained.get('date', '?')} by `faro train checkworthy` on "
        "`../shared/data/checkworthiness` (CLEF CheckThat! 2019-2022), CPU only. One logistic "
        "regression (balanced class weights, L2) per language over TF-IDF hashed word 1-2 grams "
        "and character 2-5 grams (idf from all training texts) and named evidence (numbers, "
        "percentages, money, years, capitalised names, comparisons, claim verbs, attributions, "
        "hedges, first person, questions, length, URLs, hashtags, mentions); a pooled model for "
        "the other languages. Each model's inverse regularisation C is chosen by 5-fold "
        "cross-validation (average precision) on its training data; its probabilities are "
        "Platt-scaled on its CLEF-2022 dev split and its threshold is the F1-best cut there "
        "(the pooled model: all six dev splits). Prose models (sentences of articles, speeches "
        "and debates) are trained on the CLEF 2019 debate transcripts: `en@prose` on all "
        "features, `*@prose` (every other language) on character n-grams and named evidence "
        "only; C chosen by MAP over held-out debates, Platt scaling and threshold from the "
        "out-of-fold scores. numpy only at run time.", "",
        "## Training data and choices", "",
        "| model | texts | C | CV AP | threshold | dev F1, cross-fitted |",
        "|---|---|---|---|---|---|",
    ]
    for key, choice in trained.get("models", {}).items():
        count = trained["texts"].get(key, "?")
        cv = choice.get("cv_ap", choice.get("cv_map", {}))[str(choice["C"])]
        lines.append(f"| `{key}` | {count} | {choice['C']:g} | {cv:.3f} | "
                     f"{choice['threshold']:.3f} | {choice['dev_f1_cross_fitted']:.3f} |")
    lines += [""]
    for key, files in trained.get("sources", {}).items():
        lines.append(f"- `{key}`: " + ", ".join(f"`{f}`" for f in files))
    lines.append("- `*` (pooled): all the posts above")
    lines += ["", "\"Dev F1, cross-fitted\": F1 of the positive class on the CLEF-2022 dev split "
              "when each half's calibration and threshold come from the other half: the honest "
              "figure for a threshold chosen on dev. The table below uses the shipped thresholds, "
              "so its CLEF-2022 F1 is optimistic; AP, P@10 and MAP do not depend on them.", "",
              "## Figures (dev splits; never tuned on test)", "",
              "| split | texts | F1 pos | P | R | AP | P@10 | MAP | baseline F1 | baseline AP | "
              "baseline MAP |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, fig in trained.get("figures", {}).items():
        ours, base = fig["faro"], fig.get("baseline")
        count = fig.get("texts", fig.get("debates"))
        tail = (f"{base['f1_pos']:.3f} | {base['ap']:.3f} | {base['map']:.3f}" if base
                else "| |")
        lines.append(f"| {name} | {count} | {ours['f1_pos']:.3f} | {ours['precision']:.3f} | "
                     f"{ours['recall']:.3f} | {ours['ap']:.3f} | {ours['p@10']:.3f} | "
                     f"{ours['map']:.3f} | {tail} |")
    lines += ["", "Baseline: TF-IDF (word 1-2 + char 2-5 grams) and logistic regression (C=10) "
              "trained on the same data in the same run, threshold 0.5. "
              "`clef2019-debates-cv-<key>`: the prose models' out-of-fold scores, 5-fold "
              "leave-debates-out over the 19 training debates (MAP over debates; the baseline "
              "trained on the same folds). `clef2018-debates-ar-unseen-language`: `*@prose` on "
              "the Arabic translation of 3 debates, a language it was not trained on.", ""]
    unseen = trained.get("unseen_languages", {})
    if unseen:
        lines += ["## A language absent from training", "",
                  "Each training language left out in turn: the pooled model trained without it "
                  "(same C, calibrated on the other languages' dev splits) on its CLEF-2022 dev "
                  "split, as a language faro has no data for is scored. AP of a random ranking "
                  "is the positive rate.", "",
                  "| left out | F1 pos | P | R | AP | positive rate |", "|---|---|---|---|---|---|"]
        for lang, fig in unseen.items():
            ours = fig["faro"]
            lines.append(f"| {lang} | {ours['f1_pos']:.3f} | {ours['precision']:.3f} | "
                         f"{ours['recall']:.3f} | {ours['ap']:.3f} | {fig['positive_rate']:.3f} |")
        lines.append("")
    path.write_text("\n".join(lines), "utf-8")
