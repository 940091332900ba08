"""Features of one sentence or post: hashed word and character n-grams plus named,
language-independent evidence.

Everything here is numpy and the standard library, so the product scores without scikit-learn;
training (:mod:`faro.checkworthy._training`) builds its matrices with the same function.

* word 1-2 grams, hashed with CRC-32 into :data:`WORD_BUCKETS` buckets;
* character 2-5 grams of the lower-cased text (digits folded to ``0``, URLs and @mentions to
  one symbol each), hashed by a polynomial over the code points into :data:`CHAR_BUCKETS`;
* the evidence of :data:`EVIDENCE` (numbers, percentages, money, years, capitalised names,
  comparisons, claim verbs, attributions, hedges, first person, questions, length), from regular
  expressions and the per-language lexicons of :mod:`faro.text.rules` (the generic fallback for
  languages without rules).

Each block of n-grams is scaled to unit length, so long and short texts weigh alike.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from faro.text.rules import LanguageRules, rules_for

__all__ = ["CHAR_BUCKETS", "EVIDENCE", "MAX_CHARS", "WORD_BUCKETS", "Features", "dimension",
           "featurize"]

#: Hash buckets of word n-grams and of character n-grams (2^18 each: 2 MB of float32 weights
#: per block; collisions cost < 0.005 F1 on CLEF-2022 dev against 2^20).
WORD_BUCKETS = 1 << 18
CHAR_BUCKETS = 1 << 18
#: Only the first MAX_CHARS characters are read: the cost of a text is bounded (a tweet is at
#: most 280, the longest debate sentence of CLEF 2019 about 1,400).
MAX_CHARS = 2_000
_CHAR_ORDERS = (2, 3, 4, 5)

EVIDENCE: tuple[str, ...] = (
    "number", "percent", "money", "year", "names", "names_2plus", "comparative", "claim_verb",
    "attribution", "hedge", "first_person", "question", "exclamation", "short", "long",
    "url", "hashtag", "mention",
)

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"\w+|[^\w\s]")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%|%\s?\d|٪|\bper ?cent\b|\bprocent|\bpor ?ciento|\bpercent|"
                      r"\bпроцент|\byüzde|\bبالمئة|\bبالمائة|\bفي المئة")
_MONEY = re.compile(r"[$€£¥₺₽]|\b(?:usd|eur|euro|euros|dollars?|лв|лева|lira|tl|دولار|مليار|"
                    r"million|billion|trillion|millones|miljoen|miljard|милиона|milyon|milyar)\b")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+")
_QUESTION_END = re.compile(r"[?？؟][\s\"'”»)]*$")

_P = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class Features:
    """The sparse feature vector of a text and its named evidence (name → value)."""

    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float32]
    evidence: dict[str, float]
    words: tuple[str, ...]
    """The words read (lower case), to name the n-grams that weighed most."""


def dimension() -> int:
    """Length of the feature vector: words, characters, evidence."""
    return WORD_BUCKETS + CHAR_BUCKETS + len(EVIDENCE)


def word_bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) % WORD_BUCKETS


def _unit(indices: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Distinct indices and their log-scaled counts, scaled to unit length."""
    if indices.size == 0:
        return indices, np.zeros(0, np.float32)
    unique, counts = np.unique(indices, return_counts=True)
    values = (1.0 + np.log(counts)).astype(np.float32)
    values /= np.float32(math.sqrt(float(values @ values)))
    return unique, values


def _char_buckets(text: str) -> npt.NDArray[np.int64]:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = []
    rolling = codes
    for order in range(2, _CHAR_ORDERS[-1] + 1):
        if codes.size < order:
            break
        rolling = rolling[:-1] * _P + codes[order - 1:]
        mixed = (rolling ^ np.uint64(order)) * _MIX
        parts.append((mixed >> np.uint64(40)).astype(np.int64) % CHAR_BUCKETS)
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """A lexicon split for fast lookup: single words (a set) and phrases (scanned)."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    def hit(self, lowered: str, words: set[str]) -> bool:
        return not words.isdisjoint(self.words) or any(p in lowered for p in self.phrases)


@cache
def _lexicons(rules: LanguageRules) -> dict[str, _Lexicon]:
    """The evidence lexicons of ``rules``; without spaces between words every term is a
    phrase."""
    sources = {"comparative": rules.comparatives, "claim_verb": rules.claim_verbs,
               "attribution": frozenset(rules.speech_verbs) | frozenset(rules.reporting_cues),
               "hedge": rules.hedges, "first_person": rules.first_person}
    spaced = rules.uses_spaces
    return {name: _Lexicon(frozenset(t for t in terms if spaced and " " not in t),
                           tuple(sorted(t for t in terms if not spaced or " " in t)))
            for name, terms in sources.items()}


def _evidence(text: str, lowered: str, words: list[str], rules: LanguageRules
              ) -> dict[str, float]:
    word_set = set(words)
    n_names = len(_NAME.findall(text))
    n_words = sum(1 for w in words if w[0].isalnum()) if rules.uses_spaces else len(text) // 2
    lexicons = _lexicons(rules)
    found: dict[str, float] = {
        "number": float(bool(_NUMBER.search(text))),
        "percent": float(bool(_PERCENT.search(lowered))),
        "money": float(bool(_MONEY.search(lowered))),
        "year": float(bool(_YEAR.search(text))),
        "names": float(n_names >= 1),
        "names_2plus": float(n_names >= 2),
        "comparative": float(lexicons["comparative"].hit(lowered, word_set)),
        "claim_verb": float(lexicons["claim_verb"].hit(lowered, word_set)),
        "attribution": float(lexicons["attribution"].hit(lowered, word_set)),
        "hedge": float(lexicons["hedge"].hit(lowered, word_set)),
        "first_person": float(lexicons["first_person"].hit(lowered, word_set)),
        "question": float(bool(_QUESTION_END.search(text))),
        "exclamation": float("!" in text),
        "short": float(n_words < 6),
        "long": float(n_words > 30),
        "url": float("\x01" in text),
        "hashtag": float("#" in text),
        "mention": float("\x02" in text),
    }
    return {name: value for name, value in found.items() if value}


def featurize(text: str, lang: str) -> Features:
    """The features of ``text`` (its first :data:`MAX_CHARS` characters) in language ``lang``
    (an ISO 639-1 code; languages without rules use the generic fallback)."""
    text = _MENTION.sub("\x02", _URL.sub("\x01", text[:MAX_CHARS]))
    text = " ".join(text.split())
    lowered = text.lower()
    words = _WORD.findall(_DIGIT.sub("0", lowered))
    terms = [f"{lang}|{w}" for w in words]
    terms += [f"{lang}|{a} {b}" for a, b in pairwise(words)]
    terms.append(f"lang={lang}")
    word_idx, word_val = _unit(np.fromiter((word_bucket(t) for t in terms), np.int64,
                                           len(terms)))
    char_idx, char_val = _unit(_char_buckets(f" {_DIGIT.sub('0', lowered)} "))
    evidence = _evidence(text, lowered, words, rules_for(lang))
    ev_idx = np.fromiter((WORD_BUCKETS + CHAR_BUCKETS + EVIDENCE.index(n) for n in evidence),
                         np.int64, len(evidence))
    ev_val = np.fromiter(evidence.values(), np.float32, len(evidence))
    return Features(np.concatenate([word_idx, WORD_BUCKETS + char_idx, ev_idx]),
                    np.concatenate([word_val, char_val, ev_val]), evidence, tuple(words))
