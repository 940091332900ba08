"""The shipped check-worthiness model: one logistic regression per training language over the
features of :mod:`faro.checkworthy._features`, and a pooled one for every other language.

Stored as one ``.npz`` file (numpy only, no pickles): ``w_<key>`` weight vectors (float32) and
``meta``, a JSON document with the biases, the threshold and what the model card says.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from faro._errors import EmptyInputError, MalformedRecordError, UnknownLanguageError
from faro.checkworthy._features import (
    CHAR_BUCKETS,
    EVIDENCE,
    WORD_BUCKETS,
    dimension,
    featurize,
    word_bucket,
)

__all__ = ["POOLED", "SCORER_NAME", "CheckworthyModel", "Scored", "default_model"]

SCORER_NAME = "checkworthy-v1"
#: The key of the model trained on every language, used for languages without their own.
POOLED = "*"
_FILE = "checkworthy.npz"
_LANG = re.compile(r"^[a-z]{2,3}$")
#: How many words are named in the evidence of a score (those that weighed most).
TOP_WORDS = 3


@dataclass(frozen=True, slots=True)
class Scored:
    """A check-worthiness probability and the evidence that drove it: named evidence and the
    words that weighed most, each with its contribution to the log-odds."""

    probability: float
    evidence: dict[str, float]
    model: str
    """The language whose model scored (``*``: the pooled model)."""

    @property
    def checkworthy(self) -> bool:
        return self.probability >= 0.5


@dataclass(slots=True)
class CheckworthyModel:
    """Weights per language key (``en``, ``ar``, ... and :data:`POOLED`) and their biases."""

    weights: dict[str, npt.NDArray[np.float32]]
    biases: dict[str, float]
    trained: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if POOLED not in self.weights:
            raise ValueError(f"a model needs the pooled weights ({POOLED!r})")
        for key, vector in self.weights.items():
            if vector.shape != (dimension(),):
                raise ValueError(f"weights {key!r} have shape {vector.shape}, not "
                                 f"({dimension()},): the features changed since training")

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with a model of their own."""
        return tuple(sorted(k for k in self.weights if k != POOLED))

    def logit(self, text: str, lang: str) -> float:
        """The log-odds of ``text`` alone (no evidence named): the fast path."""
        key = self._key(text, lang)
        feats = featurize(text, lang)
        return float(self.weights[key][feats.indices] @ feats.values) + self.biases[key]

    def score(self, text: str, lang: str) -> Scored:
        """The probability that ``text`` (a sentence or post in language ``lang``, an ISO 639
        code) is check-worthy, and why.

        Raises :class:`~faro.EmptyInputError` (F101) for a text without a letter or digit and
        :class:`~faro.UnknownLanguageError` (F202) for a malformed language code; a language
        without a model of its own is scored by the pooled model.
        """
        key = self._key(text, lang)
        feats = featurize(text, lang)
        weights = self.weights[key]
        logit = float(weights[feats.indices] @ feats.values) + self.biases[key]
        base = WORD_BUCKETS + CHAR_BUCKETS
        evidence = {name: round(float(weights[base + EVIDENCE.index(name)]) * value, 4)
                    for name, value in feats.evidence.items()}
        norm = math.sqrt(len(feats.words) * 2) or 1.0
        words = {w: float(weights[word_bucket(f"{lang}|{w}")]) / norm
                 for w in set(feats.words) if w[0].isalnum()}
        for word in sorted(words, key=lambda w: -abs(words[w]))[:TOP_WORDS]:
            evidence[f"word:{word}"] = round(words[word], 4)
        return Scored(_sigmoid(logit), evidence, key)

    def score_many(self, texts: list[str], lang: str) -> list[float]:
        """Probabilities of ``texts``, all in language ``lang``."""
        return [_sigmoid(self.logit(text, lang)) for text in texts]

    def _key(self, text: str, lang: str) -> str:
        if not _LANG.match(lang):
            raise UnknownLanguageError(f"{lang!r} is not an ISO 639 language code (like 'en')")
        if not any(ch.isalnum() for ch in text[:2000]):
            raise EmptyInputError("the text has no letter or digit to score")
        return lang if lang in self.weights else POOLED

    # ----------------------------------------------------------------------- storage

    def save(self, path: Path) -> None:
        meta = {"scorer": SCORER_NAME, "biases": self.biases, "trained": self.trained,
                "dimension": dimension()}
        arrays: dict[str, npt.NDArray[Any]] = {
            f"w_{key}": vector.astype(np.float32) for key, vector in self.weights.items()}
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
        with path.open("wb") as out:
            np.savez_compressed(out, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path | Any) -> CheckworthyModel:
        """The model in ``path`` (a file or a package resource)."""
        try:
            with path.open("rb") as stream, np.load(stream, allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode())
                weights = {name[2:]: np.asarray(data[name], np.float32)
                           for name in data.files if name.startswith("w_")}
            return cls(weights, {k: float(v) for k, v in meta["biases"].items()},
                       meta.get("trained", {}))
        except (OSError, KeyError, ValueError) as exc:
            raise MalformedRecordError(f"not a check-worthiness model: {exc}",
                                       source=str(path)) from exc


def _sigmoid(logit: float) -> float:
    if logit < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


@cache
def default_model() -> CheckworthyModel:
    """The model shipped in the package (``faro/resources/models/checkworthy.npz``)."""
    return CheckworthyModel.load(resources.files("faro.resources").joinpath("models", _FILE))
