"""Features of sentences and posts, computed a batch at a time: hashed word and character
n-grams weighted by idf, plus named, language-independent evidence.

Everything here is numpy and the standard library, so the product scores without scikit-learn;
training (:mod:`faro.checkworthy._training`) builds its matrices from the same :class:`Batch`.

* word 1-2 grams: each word hashed once (CRC-32 of ``lang|word``, cached), bigrams by mixing the
  two word hashes in numpy, into :data:`WORD_BUCKETS` buckets;
* character 2-5 grams of `` lowered text `` (digits folded to ``0``, URLs and @mentions to one
  symbol each), hashed by a rolling polynomial over the code points of the whole batch at once
  into :data:`CHAR_BUCKETS`;
* the evidence of :data:`EVIDENCE` (numbers, percentages, money, years, capitalised names,
  comparisons, claim verbs, attributions, hedges, first person, questions, length), from regular
  expressions and the per-language lexicons of :mod:`faro.text.rules` (the generic fallback for
  languages without rules).

Each block is a TF-IDF vector (sublinear counts times the bucket's idf from the training data)
scaled to unit length, so long and short texts weigh alike; the batch is counted with one
``np.unique`` over (text, bucket) keys and scored with ``bincount``.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from faro.text.rules import LanguageRules, rules_for
from faro.text.tries import trie_pattern

__all__ = ["CHAR_BUCKETS", "EVIDENCE", "EVIDENCE_VALUE", "MAX_CHARS",
           "WORD_BUCKETS", "Batch", "dimension", "featurize", "word_bucket"]

#: Hash buckets of word n-grams and of character n-grams (2^18 each: 1 MB of float32 weights
#: per block and model; collisions cost < 0.005 F1 on CLEF-2022 dev against 2^20).
WORD_BUCKETS = 1 << 18
CHAR_BUCKETS = 1 << 18
#: Only the first MAX_CHARS characters are read: the cost of a text is bounded (a tweet is at
#: most 280, the longest debate sentence of CLEF 2019 about 1,400).
MAX_CHARS = 2_000
_MAX_ORDER = 5
#: Word hashes remembered (a dict; cleared when full, so memory stays bounded).
_CACHE_WORDS = 200_000

EVIDENCE: tuple[str, ...] = (
    "number", "percent", "money", "year", "names", "names_2plus", "comparative", "claim_verb",
    "attribution", "hedge", "first_person", "question", "exclamation", "short", "long",
    "url", "hashtag", "mention",
)
#: The value of a piece of named evidence that is present. Below 1 so the evidence does not
#: outweigh the unit-length n-gram blocks under the same regularisation: 0.3 ranked as well as
#: 1.0 on 5-fold cross-validation of the CLEF-2022 training data for ar and es, better for en.
EVIDENCE_VALUE = 0.3

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_MENTION = re.compile(r"@\w+")
# runs of spaces, and single whitespace other than a space (a lone space is left alone: matching
# every space made this the costliest substitution)
_LINE_SPACE = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_LINE_EDGE = re.compile(r"^ | $", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_WORD = re.compile(r"\w+|[^\w\s]")
_DIGIT = re.compile(r"\d")
# Each starts with a lookahead on its possible first characters, so the regular expression
# engine skips ahead instead of trying every alternative at every position (2-3x faster).
_PERCENT = re.compile(r"(?=[%٪pпyبف])(?:[%٪]|per ?cent|procent|por ?ciento|процент|yüzde|"
                      r"بالمئة|بالمائة|في المئة)")
_MONEY = re.compile(r"(?=[$€£¥₺₽uedltmbмлدم])(?:[$€£¥₺₽]|\b(?:usd|eur|euro|euros|dollars?|лв|"
                    r"лева|lira|tl|دولار|مليار|million|billion|trillion|millones|miljoen|"
                    r"miljard|милиона|milyon|milyar)\b)")
_YEAR = re.compile(r"(?=[12])\b(?:1[89]\d\d|20\d\d)\b")
_NAME = re.compile(r"(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])(?<![.!?]\s)(?<!^)\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+",
                   re.MULTILINE)
_QUESTION_END = re.compile(r"[?？؟](?:[^\S\n]|[\"'”»)])*$", re.MULTILINE)

_P = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SEPARATOR = "\x00"
_KEY_BITS = 20  # 2^20 > WORD_BUCKETS + CHAR_BUCKETS: row << 20 | column is a unique key


def dimension() -> int:
    """Length of the feature vector: words, characters, evidence."""
    return WORD_BUCKETS + CHAR_BUCKETS + len(EVIDENCE)


_word_hashes: dict[str, int] = {}


def word_bucket(term: str) -> int:
    """The bucket of a word unigram ``lang|word`` (or of the language term ``lang=xx``)."""
    return _word_hash(term) % WORD_BUCKETS


def _word_hash(term: str) -> int:
    found = _word_hashes.get(term)
    if found is None:
        if len(_word_hashes) >= _CACHE_WORDS:
            _word_hashes.clear()
        found = _word_hashes[term] = zlib.crc32(term.encode("utf-8"))
    return found


@dataclass(frozen=True, slots=True)
class Batch:
    """The features of a batch of texts, as occurrences: ``rows[k]`` is the text of occurrence
    ``k``, ``columns[k]`` its feature index and ``values[k]`` its weight (repeated n-grams occur
    several times; sum them for a matrix)."""

    size: int
    rows: npt.NDArray[np.int64]
    columns: npt.NDArray[np.int64]
    values: npt.NDArray[np.float32]
    evidence: npt.NDArray[np.bool_]
    """Which of :data:`EVIDENCE` each text shows: one row per text, one column per name."""
    words: list[str]
    """The words read (lower case, digits folded), all texts one after the other: those of text
    ``i`` are ``words[word_starts[i]:word_starts[i + 1]]``."""
    word_starts: npt.NDArray[np.int64]
    unigrams: npt.NDArray[np.int64]
    """The bucket of each of ``words`` (``lang|word``), to name the words that weighed most."""

    def logits(self, weights: npt.NDArray[np.float32], bias: float) -> npt.NDArray[np.float64]:
        """``weights · x + bias`` of every text."""
        sums = np.bincount(self.rows, weights[self.columns] * self.values, minlength=self.size)
        return np.asarray(sums, np.float64) + bias


def _clean(texts: list[str]) -> str:
    """The texts (each up to :data:`MAX_CHARS`) joined by newlines, with control characters
    blanked, URLs and @mentions folded to one symbol each and runs of spaces to one: one pass
    of each regular expression over the whole batch (none of them crosses a newline)."""
    joined = "\n".join(text[:MAX_CHARS].replace("\n", " ") for text in texts)
    # each substitution only where its first character occurs: most sentences hold no URL,
    # mention or control character, and a search for one character is far cheaper
    if _CONTROL.search(joined):
        joined = _CONTROL.sub(" ", joined)
    if "http" in joined or "www." in joined or "pic.twitter" in joined:
        joined = _URL.sub("\x01", joined)
    if "@" in joined:
        joined = _MENTION.sub("\x02", joined)
    return _LINE_EDGE.sub("", _LINE_SPACE.sub(" ", joined))


def _char_ngrams(folded: list[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Rows and buckets of the character 2-5 grams of `` text `` for every text of the batch,
    computed over the batch joined by a separator (n-grams across it are dropped)."""
    joined = _SEPARATOR.join(f" {text} " for text in folded)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_separator = codes == ord(_SEPARATOR)
    row_of = np.cumsum(is_separator)
    separators = np.concatenate([[0], row_of])
    rows, buckets = [], []
    rolling = codes
    for order in range(2, _MAX_ORDER + 1):
        if codes.size < order:
            break
        rolling = rolling[:-1] * _P + codes[order - 1:]
        start = np.arange(rolling.size)
        clean = separators[start + order] == separators[start]
        mixed = (rolling[clean] ^ np.uint64(order)) * _MIX
        buckets.append((mixed >> np.uint64(40)).astype(np.int64) % CHAR_BUCKETS)
        rows.append(row_of[start[clean]])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows).astype(np.int64), np.concatenate(buckets)


def _word_ngrams(words: list[str], lengths: npt.NDArray[np.int64], lang: str
                 ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64],
                            npt.NDArray[np.int64]]:
    """Rows and buckets of the word unigrams and bigrams of every text (its ``lengths`` words
    of ``words`` each), and the unigram bucket of every word."""
    prefix = f"{lang}|"
    hashes = np.fromiter((_word_hash(prefix + w) for w in words), np.uint64, len(words))
    rows = np.repeat(np.arange(lengths.size), lengths)
    same_text = rows[1:] == rows[:-1]
    bigram = ((hashes[:-1] * _P + hashes[1:]) * _MIX >> np.uint64(32))[same_text]
    unigrams = (hashes % np.uint64(WORD_BUCKETS)).astype(np.int64)
    buckets = np.concatenate([unigrams, (bigram % np.uint64(WORD_BUCKETS)).astype(np.int64)])
    return np.concatenate([rows, rows[1:][same_text]]), buckets, unigrams


def _block(size: int, rows: npt.NDArray[np.int64], buckets: npt.NDArray[np.int64],
           idf: npt.NDArray[np.float32]
           ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Distinct (row, bucket) pairs of a block and their TF-IDF values: ``(1 + log count) *
    idf``, each text's vector scaled to unit length."""
    # int32 keys sort about twice as fast: enough for batches under 2^11 texts; shifts and
    # masks split them (integer division and modulo are several times slower in numpy)
    dtype: type[np.signedinteger[Any]] = np.int32 if size < (1 << 11) else np.int64
    combined = (rows.astype(dtype) << _KEY_BITS) | buckets.astype(dtype)
    keys, counts = np.unique(combined, return_counts=True)
    rows = (keys >> _KEY_BITS).astype(np.int64)
    buckets = (keys & ((1 << _KEY_BITS) - 1)).astype(np.int64)
    values = idf[buckets].astype(np.float64)
    repeated = counts > 1  # most n-grams occur once, and 1 + log 1 = 1
    values[repeated] *= 1.0 + np.log(counts[repeated])
    norms = np.sqrt(np.bincount(rows, values * values, minlength=size))
    norms[norms == 0] = 1.0
    return rows, buckets, (values / norms[rows]).astype(np.float32)


def featurize(texts: list[str], lang: str, idf: npt.NDArray[np.float32] | None = None, *,
              word_ngrams: bool = True) -> Batch:
    """The features of ``texts`` (each read up to :data:`MAX_CHARS` characters) in language
    ``lang`` (an ISO 639-1 code; languages without rules use the generic fallback). ``idf``
    weighs the word and character buckets (length ``WORD_BUCKETS + CHAR_BUCKETS``; all ones
    without it). Without ``word_ngrams`` the word block is left out (for a model whose word
    weights are all zero: the same logits at a quarter less cost)."""
    if idf is None:
        idf = np.ones(WORD_BUCKETS + CHAR_BUCKETS, np.float32)
    size = len(texts)
    joined = _clean(texts)
    joined_low = joined.lower()
    cleaned, lowered = joined.split("\n"), joined_low.split("\n")
    folded = _DIGIT.sub("0", joined_low).split("\n")
    per_text = [_WORD.findall(text) for text in folded]
    lengths = np.fromiter((len(ws) for ws in per_text), np.int64, size)
    if not word_ngrams:
        lengths = np.zeros(size, np.int64)
    words = [w for ws in per_text for w in ws] if word_ngrams else []
    word_rows, word_buckets, unigrams = _word_ngrams(words, lengths, lang)
    word_rows, word_columns, word_values = _block(size, word_rows, word_buckets, idf)
    char_rows, char_buckets = _char_ngrams(folded)
    char_rows, char_columns, char_values = _block(size, char_rows, char_buckets + WORD_BUCKETS,
                                                  idf)
    evidence = _evidence(joined, joined_low, cleaned, lowered, folded, per_text,
                         rules_for(lang))
    ev_rows, ev_named = np.nonzero(evidence)
    ev_columns = WORD_BUCKETS + CHAR_BUCKETS + ev_named
    ev_values = np.full(ev_rows.size, EVIDENCE_VALUE, np.float32)
    # the language term: a bias per language for the pooled model (outside the unit blocks)
    lang_rows = np.arange(size)
    lang_columns = np.full(size, word_bucket(f"lang={lang}"), np.int64)
    return Batch(size,
                 np.concatenate([word_rows, char_rows, ev_rows.astype(np.int64), lang_rows]),
                 np.concatenate([word_columns, char_columns, ev_columns.astype(np.int64),
                                 lang_columns]),
                 np.concatenate([word_values, char_values, ev_values,
                                 np.ones(size, np.float32)]),
                 evidence, words, np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
                 unigrams)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """A lexicon split for fast lookup: single words (a set, per text) and phrases (one regular
    expression over the whole batch)."""

    words: frozenset[str]
    phrases: re.Pattern[str] | None


@cache
def _lexicons(rules: LanguageRules) -> dict[str, _Lexicon]:
    """The evidence lexicons of ``rules``; without spaces between words every term is a
    phrase."""
    sources = {"comparative": rules.comparatives, "claim_verb": rules.claim_verbs,
               "attribution": frozenset(rules.speech_verbs) | frozenset(rules.reporting_cues),
               "hedge": rules.hedges, "first_person": rules.first_person}
    spaced = rules.uses_spaces
    lexicons = {}
    for name, terms in sources.items():
        phrases = sorted((t for t in terms if not spaced or " " in t), key=lambda t: -len(t))
        # the lookahead on first letters lets the engine skip ahead (3x faster on English)
        first = "".join(sorted({re.escape(p[0]) for p in phrases}))
        lexicons[name] = _Lexicon(
            frozenset(t for t in terms if spaced and " " not in t),
            re.compile(f"(?=[{first}]){trie_pattern(phrases)}") if phrases else None)
    return lexicons


def _rows(pattern: re.Pattern[str], joined: str, starts: npt.NDArray[np.int64]
          ) -> npt.NDArray[np.int64]:
    """The text (row) of every match of ``pattern`` in ``joined``, the batch joined by newlines
    with text ``i`` starting at ``starts[i]``."""
    positions = np.fromiter((m.start() for m in pattern.finditer(joined)), np.int64)
    return np.searchsorted(starts, positions, side="right") - 1


def _starts(texts: list[str]) -> npt.NDArray[np.int64]:
    lengths = np.fromiter((len(t) + 1 for t in texts), np.int64, len(texts))
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)


def _evidence(joined: str, joined_low: str, cleaned: list[str], lowered: list[str],
              folded: list[str], words: list[list[str]], rules: LanguageRules
              ) -> npt.NDArray[np.bool_]:
    """The named evidence present in each text (a row of :data:`EVIDENCE` flags): regular
    expressions run once over the batch joined by newlines (``joined``, ``joined_low``: the
    cleaned and lowered texts, which hold no newline of their own)."""
    size = len(cleaned)
    hits: dict[str, npt.NDArray[np.bool_]] = {}
    starts, starts_low = _starts(cleaned), _starts(lowered)
    names = np.bincount(_rows(_NAME, joined, starts), minlength=size)
    hits["names"] = names >= 1
    hits["names_2plus"] = names >= 2
    for name, pattern, text, at in (("percent", _PERCENT, joined_low, starts_low),
                                    ("money", _MONEY, joined_low, starts_low),
                                    ("year", _YEAR, joined, starts),
                                    ("question", _QUESTION_END, joined, starts)):
        hits[name] = np.bincount(_rows(pattern, text, at), minlength=size) > 0
    for name, lexicon in _lexicons(rules).items():
        found = np.fromiter((not lexicon.words.isdisjoint(ws) for ws in words), bool, size)
        if lexicon.phrases is not None:
            found[_rows(lexicon.phrases, joined_low, starts_low)] = True
        hits[name] = found
    n_words = (np.fromiter((len(t.split()) for t in cleaned), np.int64, size)
               if rules.uses_spaces else np.fromiter((len(t) // 2 for t in cleaned), np.int64,
                                                     size))
    hits["short"] = n_words < 6
    hits["long"] = n_words > 30
    for name, mark, texts in (("number", "0", folded), ("exclamation", "!", cleaned),
                              ("url", "\x01", cleaned), ("hashtag", "#", cleaned),
                              ("mention", "\x02", cleaned)):
        hits[name] = np.fromiter((mark in t for t in texts), bool, size)
    return np.stack([hits[name] for name in EVIDENCE], axis=1)
