"""Turning text into index terms, per language: the same analysis for the knowledge base and
for the claims matched against it.

Words are NFKC-normalised and case-folded, stop words of the language dropped and the rest
reduced by that language's Snowball stemmer (PyStemmer). Chinese, Japanese and Korean runs have
no spaces to split on and become overlapping character bigrams (a lone character stays a
unigram), in whatever language the text is said to be, so a Japanese name inside an English
post still matches. Numbers are kept whole, with thousands separators removed ("48.000",
"48,000" and "48 000" all give ``48000``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import Stemmer

__all__ = ["ANALYZER_VERSION", "STEMMED_LANGUAGES", "TermIds", "analyze", "stemmer_for"]

#: Stamped into every index; change it whenever the terms produced for a text change, so that
#: indexes built by an older faro are seen as stale and rebuilt.
ANALYZER_VERSION: Final = "a1"

#: ISO 639-1 (and a few 639-3) codes → Snowball algorithm names in PyStemmer.
_SNOWBALL: Final[dict[str, str]] = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian",
    "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
STEMMED_LANGUAGES: Final = frozenset(_SNOWBALL)

_CJK = (r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff"
        r"\u3130-\u318f\uff66-\uff9f")
#: A CJK run, or a run of other letters and digits (apostrophes inside words split them, so
#: "l'intelligenza" gives "l" and "intelligenza"; one-letter pieces are dropped below).
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]").match
_HAS_CJK = re.compile(rf"[{_CJK}]").search
_HAS_DIGIT_GROUP = re.compile(r"\d[.,\u00a0\u202f' ]\d").search
_THOUSANDS = re.compile(r"(?<=\d)[.,\u00a0\u202f' ](?=\d{3}(?!\d))")
#: Every byte but ASCII letters and digits, as a space: ASCII text split on whitespace after
#: this translation gives the tokens :data:`_TOKEN` finds in it.
_ASCII_SEPARATORS: Final = bytes(c if c < 128 and chr(c).isalnum() else 32 for c in range(256))


@lru_cache(maxsize=64)
def stemmer_for(language: str) -> Stemmer.Stemmer | None:
    """The Snowball stemmer for ``language``, or ``None`` where there is none (uk, ja, …)."""
    name = _SNOWBALL.get(language.split("-", maxsplit=1)[0].lower())
    # PyStemmer's own cache (10,000 words) evicts constantly on a large knowledge base and then
    # costs more than it saves: without it, stemWords was 2x faster on 100k records.
    return Stemmer.Stemmer(name, 0) if name else None


@lru_cache(maxsize=64)
def _stop_words(language: str) -> frozenset[str]:
    from bm25s import stopwords

    table = {
        "en": stopwords.STOPWORDS_EN, "de": stopwords.STOPWORDS_GERMAN,
        "nl": stopwords.STOPWORDS_DUTCH, "fr": stopwords.STOPWORDS_FRENCH,
        "es": stopwords.STOPWORDS_SPANISH, "pt": stopwords.STOPWORDS_PORTUGUESE,
        "it": stopwords.STOPWORDS_ITALIAN, "ru": stopwords.STOPWORDS_RUSSIAN,
        "sv": stopwords.STOPWORDS_SWEDISH, "da": stopwords.STOPWORDS_DANISH,
        "no": stopwords.STOPWORDS_NORWEGIAN, "nb": stopwords.STOPWORDS_NORWEGIAN,
        "tr": stopwords.STOPWORDS_TURKISH,
    }
    return frozenset(w.casefold() for w in table.get(language, ()))


def _cjk_grams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def analyze(text: str, language: str) -> list[str]:
    """Index terms of ``text`` read as ``language`` (an ISO code; ``und`` for unknown).

    >>> analyze("The vaccines were tested on 48,000 people", "en")
    ['vaccin', 'were', 'test', '48000', 'peopl']
    >>> analyze("偽情報対策", "ja")
    ['偽情', '情報', '報対', '対策']
    """
    return _terms(_fold(text), _base(language))


def _base(language: str) -> str:
    return language.split("-", maxsplit=1)[0].lower()


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _THOUSANDS.sub("", folded) if _HAS_DIGIT_GROUP(folded) else folded


def _is_word(token: str, stops: frozenset[str]) -> bool:
    """Whether a token that is not CJK is kept (and stemmed): one letter is not, one digit is."""
    return (len(token) > 1 or token.isdigit()) and token not in stops


def _terms(folded: str, lang: str) -> list[str]:
    stops = _stop_words(lang)
    tokens = _TOKEN.findall(folded)
    if folded.isascii() or not _HAS_CJK(folded):
        words = [t for t in tokens if _is_word(t, stops)]
        grams: list[str] = []
    else:
        words = []
        grams = []
        for tok in tokens:
            if _IS_CJK(tok):
                grams.extend(_cjk_grams(tok))
            elif _is_word(tok, stops):
                words.append(tok)
    stemmer = stemmer_for(lang)
    if stemmer is not None and words:
        words = stemmer.stemWords(words)
    return words + grams if grams else words


class TermIds:
    """Term ids of many texts, for building an index: :meth:`ids` gives ``[terms[t] for t in
    analyze(text, language)]``, a new term taking the next id in :attr:`terms`.

    Faster than that over a knowledge base, with the same result (a test holds it): each
    distinct word is analysed once per language, then looked up, and ASCII text is split with
    one byte translation instead of the regular expression. On 100k records of the benchmark
    knowledge base (``benchmarks/_kb_corpus.py``: 90 % English; title and text), one core:
    49 → 29 µs a record.
    """

    def __init__(self) -> None:
        self.terms: dict[str, int] = {}
        self._words: dict[str, _Words] = {}

    def ids(self, text: str, language: str) -> list[int]:
        lang = _base(language)
        folded = _fold(text)
        tokens: list[bytes] | list[str]
        if folded.isascii():
            tokens = folded.encode("ascii").translate(_ASCII_SEPARATORS).split()
        elif not _HAS_CJK(folded):
            tokens = _TOKEN.findall(folded)
        else:  # CJK bigrams, and words before them: analyze's order
            terms = self.terms
            return [terms.setdefault(t, len(terms)) for t in _terms(folded, lang)]
        words = self._words.get(lang)
        if words is None:
            words = self._words[lang] = _Words(lang, self.terms)
        return [i for i in map(words.__getitem__, tokens) if i >= 0]


class _Words(dict[str | bytes, int]):
    """One language's words (ASCII ones as bytes) and their term ids (-1: not a term), each
    analysed when first met."""

    def __init__(self, lang: str, terms: dict[str, int]) -> None:
        super().__init__()
        self.terms = terms
        self.stops = _stop_words(lang)
        self.stemmer = stemmer_for(lang)

    def __missing__(self, word: str | bytes) -> int:
        token = word.decode("ascii") if isinstance(word, bytes) else word
        term = -1
        if _is_word(token, self.stops):
            stem = self.stemmer.stemWord(token) if self.stemmer is not None else token
            term = self.terms.setdefault(stem, len(self.terms))
        self[word] = term
        return term
