"""The shipped check-worthiness model: one calibrated logistic regression per training language
over the features of :mod:`faro.checkworthy._features`, and a pooled one for every other
language, each with its own decision threshold.

Stored as one ``.npz`` file (numpy only, no pickles): ``w_<key>`` weight vectors (float32),
``idf`` (the n-gram buckets' idf) and ``meta``, a JSON document with the biases, the thresholds
and what the model card says.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from faro._errors import EmptyInputError, MalformedRecordError, UnknownLanguageError
from faro.checkworthy._features import (
    CHAR_BUCKETS,
    EVIDENCE,
    EVIDENCE_VALUE,
    MAX_CHARS,
    WORD_BUCKETS,
    Batch,
    dimension,
    featurize,
)

__all__ = ["POOLED", "SCORER_NAME", "CheckworthyModel", "Genre", "Scored", "default_model"]

SCORER_NAME = "checkworthy-v2"
#: The key of the model trained on every language, used for languages without their own.
POOLED = "*"
Genre = Literal["post", "prose"]
"""What is scored: ``post`` (tweets and other social-media posts) or ``prose`` (sentences of
articles, speeches and debates). A language with a prose model of its own (key ``en@prose``)
scores prose with it; every other case uses the language's (post) model or the pooled one."""
PROSE_SUFFIX = "@prose"
_FILE = "checkworthy.npz"
#: A language code the model takes (ISO 639-1 or 639-3, lower case).
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
#: How many words are named in the evidence of a score (those that weighed most).
TOP_WORDS = 3
#: Texts featurised together: one batch's sort grows as n log n, and 64-256 were fastest on
#: benchmarks/checkworthy.py (about 8,600 sentences/s against 6,700 for 5,000 at once).
BATCH = 128
_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Scored:
    """A check-worthiness probability and the evidence that drove it: named evidence and the
    words that weighed most, each with its contribution to the log-odds."""

    probability: float
    evidence: dict[str, float]
    model: str
    """The language whose model scored (``*``: the pooled model)."""
    threshold: float = 0.5
    """The probability from which that model calls a text check-worthy."""

    @property
    def checkworthy(self) -> bool:
        return self.probability >= self.threshold


@dataclass(slots=True)
class CheckworthyModel:
    """Weights per language key (``en``, ``ar``, ... and :data:`POOLED`), their biases and
    decision thresholds, and the idf of the n-gram buckets they share."""

    weights: dict[str, npt.NDArray[np.float32]]
    biases: dict[str, float]
    idf: npt.NDArray[np.float32]
    thresholds: dict[str, float] = field(default_factory=dict)
    """Probability thresholds per key (0.5 where absent)."""
    trained: dict[str, Any] = field(default_factory=dict)
    _words: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if POOLED not in self.weights:
            raise ValueError(f"a model needs the pooled weights ({POOLED!r})")
        for key, vector in self.weights.items():
            if vector.shape != (dimension(),):
                raise ValueError(f"weights {key!r} have shape {vector.shape}, not "
                                 f"({dimension()},): the features changed since training")
        if self.idf.shape != (WORD_BUCKETS + CHAR_BUCKETS,):
            raise ValueError(f"idf has shape {self.idf.shape}, not "
                             f"({WORD_BUCKETS + CHAR_BUCKETS},)")

    def _reads_words(self, key: str) -> bool:
        """Whether the model ``key`` weighs any word n-gram (``*@prose`` does not)."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = bool(np.any(self.weights[key][:WORD_BUCKETS]))
        return found

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with a (post) model of their own."""
        return tuple(sorted(k for k in self.weights if k != POOLED and PROSE_SUFFIX not in k))

    @property
    def prose_languages(self) -> tuple[str, ...]:
        """Languages with a prose model of their own."""
        return tuple(sorted(k.removesuffix(PROSE_SUFFIX) for k in self.weights
                            if PROSE_SUFFIX in k and not k.startswith(POOLED)))

    def key(self, lang: str, genre: Genre = "post") -> str:
        """The model that scores ``genre`` in language ``lang``. Prose: the language's prose
        model, else the language-independent one (``*@prose``). Posts, and prose when there is
        no prose model at all: the language's model, else :data:`POOLED`."""
        if not LANG_CODE.match(lang):
            raise UnknownLanguageError(f"{lang!r} is not an ISO 639 language code (like 'en')")
        if genre not in ("post", "prose"):
            raise ValueError(f"genre must be 'post' or 'prose', not {genre!r}")
        if genre == "prose":
            for key in (lang + PROSE_SUFFIX, POOLED + PROSE_SUFFIX):
                if key in self.weights:
                    return key
        return lang if lang in self.weights else POOLED

    def threshold(self, lang: str, genre: Genre = "post") -> float:
        """The probability from which the model of ``lang`` and ``genre`` calls a text
        check-worthy."""
        return self.thresholds.get(self.key(lang, genre), 0.5)

    def score(self, text: str, lang: str, genre: Genre = "post") -> Scored:
        """The probability that ``text`` (a sentence or post in language ``lang``, an ISO 639
        code) is check-worthy, and why.

        Raises :class:`~faro.EmptyInputError` (F101) for a text without a letter or digit and
        :class:`~faro.UnknownLanguageError` (F202) for a malformed language code; a language
        without a model of its own is scored by the pooled model.
        """
        if not _scorable(text):
            raise EmptyInputError("the text has no letter or digit to score")
        return self.explain_many([text], lang, genre)[0]

    def explain_many(self, texts: list[str], lang: str, genre: Genre = "post") -> list[Scored]:
        """:meth:`score` for many texts of one language and genre, scored as batches; a text
        without a letter or digit scores 0 with the evidence ``{"empty": 0.0}``."""
        key = self.key(lang, genre)
        weights, threshold = self.weights[key], self.thresholds.get(key, 0.5)
        named_weights = (weights[WORD_BUCKETS + CHAR_BUCKETS:] * EVIDENCE_VALUE).tolist()
        found: list[Scored] = []
        for chunk, batch, logits in self._batches(texts, lang, key):
            # every text's named evidence and its words by weight, read from whole-batch arrays
            # (numpy scalars cost ~100 ns apiece: lists of Python numbers are read instead)
            evidence: list[dict[str, float]] = [{} for _ in chunk]
            for row, j in zip(*(a.tolist() for a in np.nonzero(batch.evidence)), strict=True):
                evidence[row][EVIDENCE[j]] = round(named_weights[j], 4)
            word_weights = weights[batch.unigrams]
            word_rows = np.repeat(np.arange(len(chunk)), np.diff(batch.word_starts))
            order = np.lexsort((-np.abs(word_weights), word_rows)).tolist()
            ranked_weights = word_weights.tolist()
            starts = batch.word_starts.tolist()
            for i, (text, logit) in enumerate(zip(chunk, logits.tolist(), strict=True)):
                if not _scorable(text):
                    found.append(Scored(0.0, {"empty": 0.0}, key, threshold))
                    continue
                named, budget = evidence[i], len(evidence[i]) + TOP_WORDS
                for at in order[starts[i]:starts[i + 1]]:
                    if len(named) >= budget:
                        break
                    word = batch.words[at]
                    if word[0].isalnum() and f"word:{word}" not in named:
                        named[f"word:{word}"] = round(ranked_weights[at], 4)
                found.append(Scored(_sigmoid(logit), named, key, threshold))
        return found

    def score_many(self, texts: list[str], lang: str, genre: Genre = "post") -> list[float]:
        """Probabilities of ``texts``, all in language ``lang`` and of ``genre``, scored as
        batches (the fast path: no evidence named); a text without a letter or digit scores
        0."""
        return [_sigmoid(float(logit)) if _scorable(text) else 0.0
                for chunk, _, logits in self._batches(texts, lang, self.key(lang, genre))
                for text, logit in zip(chunk, logits, strict=True)]

    def _batches(self, texts: list[str], lang: str, key: str
                 ) -> Iterator[tuple[list[str], Batch, npt.NDArray[np.float64]]]:
        """The texts in batches of :data:`BATCH`, each with its features and the logits of
        the model ``key`` (a model without word weights skips the word n-grams)."""
        for first in range(0, len(texts), BATCH):
            chunk = texts[first:first + BATCH]
            batch = featurize(chunk, lang, self.idf, word_ngrams=self._reads_words(key))
            yield chunk, batch, batch.logits(self.weights[key], self.biases[key])

    # ----------------------------------------------------------------------- storage

    def save(self, path: Path) -> None:
        meta = {"scorer": SCORER_NAME, "biases": self.biases, "thresholds": self.thresholds,
                "trained": self.trained, "dimension": dimension()}
        arrays: dict[str, npt.NDArray[Any]] = {
            f"w_{key}": vector.astype(np.float32) for key, vector in self.weights.items()}
        arrays["idf"] = self.idf.astype(np.float32)
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
                idf = np.asarray(data["idf"], np.float32)
            return cls(weights, {k: float(v) for k, v in meta["biases"].items()}, idf,
                       {k: float(v) for k, v in meta.get("thresholds", {}).items()},
                       meta.get("trained", {}))
        except (OSError, KeyError, ValueError) as exc:
            raise MalformedRecordError(f"not a check-worthiness model: {exc}",
                                       source=str(path)) from exc


def _scorable(text: str) -> bool:
    return _ALNUM.search(text, 0, MAX_CHARS) is not None


def _sigmoid(logit: float) -> float:
    if logit < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


@cache
def default_model() -> CheckworthyModel:
    """The model shipped in the package (``faro/resources/models/checkworthy.npz``)."""
    return CheckworthyModel.load(resources.files("faro.resources").joinpath("models", _FILE))
