"""Fact-checkers' ratings, in any language, normalised to the seven X-FACT classes.

A rating is reduced to a key first (:func:`rating_key`): Unicode NFKC, case-folded, Arabic vowel
marks and tatweel dropped, punctuation, symbols and spacing collapsed to single spaces, so
``"Pants on Fire!"`` and ``"pants  on fire"`` are the same rating. :func:`normalise_rating` then
tries, in this order, and the first step that answers wins:

1. the shipped table (``faro/resources/kb/ratings.tsv``) for the rating's language;
2. the table's entries for every language (``*``: "fake", "hoax", "satire"…);
3. the table's entries of any other language, when every language that lists the key gives the
   same verdict (an English "Misleading" on an Italian site, a record without a language);
4. the keyword rules (:data:`KEYWORD_RULES`), first match wins: "mostly false", "mostly true",
   partial or misleading ratings, negated truth ("not true"), false, unproven, satire, true;
5. :attr:`~faro.model.Verdict.OTHER` for any other non-empty rating.

>>> normalise_rating("Pants on Fire!")
<Verdict.FALSE: 'false'>
>>> normalise_rating("Parzialmente falso", "it")
<Verdict.PARTLY_TRUE: 'partly_true'>
>>> verdict_from_scale(2, best=5, worst=1)
<Verdict.MOSTLY_FALSE: 'mostly_false'>
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from functools import cache, lru_cache
from importlib import resources

from faro.model import Verdict

__all__ = ["KEYWORD_RULES", "normalise_rating", "rating_key", "verdict_from_scale"]

ANY_LANGUAGE = "*"

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Unicode categories replaced by a space in keys: punctuation, symbols, separators, controls.
_SEPARATING = frozenset("PSZC")


def rating_key(rating: str) -> str:
    """The form ratings are compared in.

    >>> rating_key("  Pants on Fire! ")
    'pants on fire'
    >>> rating_key("C'eri quasi")
    'c eri quasi'
    """
    text = unicodedata.normalize("NFKC", rating).casefold()
    text = _ARABIC_MARKS.sub("", text)
    chars = (" " if unicodedata.category(char)[0] in _SEPARATING else char for char in text)
    return " ".join("".join(chars).split())


def _words(*words: str) -> str:
    """Whole words of the key (``*`` at the end of a word: any ending)."""
    alternatives = "|".join(
        re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) for word in words
    )
    return rf"(?<!\S)(?:{alternatives})(?!\S)"


def _chars(*fragments: str) -> str:
    """Substrings of the key, for scripts written without spaces between words."""
    return "|".join(re.escape(fragment) for fragment in fragments)


_FALSE_WORDS = (
    "false", "untrue", "incorrect", "wrong", "fake", "hoax*", "fabricat*", "bogus", "baseless",
    "falso", "falsa", "falsi", "falsch*", "unwahr", "faux", "fausse*", "fałsz*", "nieprawd*",
    "onwaar", "nep", "bufala", "bulo", "boato", "intox", "yanlış", "sahte", "asılsız", "nepravd*",
    "salah", "hoaks", "ложь", "ложн*", "неправд*", "фейк*", "брехня", "خطأ", "كاذب*", "زائف*",
    "مفبرك*", "pinocchio*",
)
_TRUE_WORDS = (
    "true", "correct", "accurate", "vero", "vera", "vrai", "vraie", "wahr", "richtig", "stimmt",
    "cierto", "cierta", "verdad", "verdadero", "verdadera", "verdade", "verdadeiro", "verdadeira",
    "waar", "klopt", "prawda", "prawdziwe", "doğru", "pravda", "benar", "правда", "верно",
    "вірно", "صحيح",
)
_MOSTLY = (
    "mostly", "largely", "mainly", "almost", "plutôt", "globalement", "größtenteils",
    "überwiegend", "mayormente", "maioritariamente", "grotendeels", "raczej", "скорее",
    "переважно",
)

#: The keyword rules of step 4, in the order they are tried: (verdict, pattern over the key).
#: Conservative: a rule fires on a word that decides the class in every language it appears in;
#: anything else falls through to ``other``. Qualified ratings come first ("partly false" is
#: partly true), a false word beats "misleading" ("false and misleading" is false), and a true
#: word decides last ("true but misleading" is partly true). After changing them, run
#: tests/kb/test_ratings.py.
KEYWORD_RULES: tuple[tuple[Verdict, re.Pattern[str]], ...] = tuple(
    (verdict, re.compile(pattern))
    for verdict, pattern in (
        (
            Verdict.MOSTLY_FALSE,
            _words(*_MOSTLY) + " (?:" + _words(*_FALSE_WORDS) + ")|"
            + _chars("대체로 거짓", "대체로 사실 아", "대체로 사실이 아"),
        ),
        (
            Verdict.MOSTLY_TRUE,
            _words(*_MOSTLY) + " (?:" + _words(*_TRUE_WORDS) + ")|"
            + _chars("ほぼ正確", "대체로 사실"),
        ),
        (
            Verdict.PARTLY_TRUE,
            _words("half", "partly", "partially", "partial", "mixture", "parzialmente",
                   "partiellement", "teilweise", "halbwahr", "parcialmente", "gedeeltelijk",
                   "deels", "częściow*", "частично", "частково", "полуправда", "напівправда",
                   "kısmen", "جزئيا")
            + "|" + _chars("一部誤り", "절반", "일부 사실"),
        ),
        (
            Verdict.FALSE,
            _words("not", "non", "pas", "nicht", "no", "não", "niet", "nie", "не", "ні")
            + r" (?:\S+ )?(?:" + _words(*_TRUE_WORDS) + ")|" + _chars("사실 아", "사실이 아",
                                                                    "正しくない", "事実ではない"),
        ),
        (
            Verdict.FALSE,
            _words(*_FALSE_WORDS, "pants on fire", "scam", "debunked", "fiction", "erfunden",
                   "inventato", "inventado", "inventé", "брехн*")
            + "|" + _chars("誤り", "虚偽", "デマ", "フェイク", "거짓", "허위"),
        ),
        (
            Verdict.PARTLY_TRUE,
            _words("misleading", "mislead*", "fuorviant*", "trompeu*", "irreführend*", "engaños*",
                   "enganos*", "misleidend", "manipul*", "манипул*", "маніпул*", "mylące",
                   "yanıltıcı", "مضلل*", "menyesatkan", "context", "contesto", "contexte",
                   "kontext*", "contexto", "inaccurate", "imprecis*", "impreciso", "inexact*",
                   "exaggerat*", "esagerat*", "exagér*", "übertrieben", "exagerad*", "distort*",
                   "distorcid*", "cherry")
            + "|" + _chars("ミスリード", "不正確", "오해"),
        ),
        (
            Verdict.COMPLICATED,
            _words("unproven", "unverified", "unverifiable", "unsubstantiated", "unsupported",
                   "evidence", "proof", "proven", "disputed", "inconclusive", "undetermined",
                   "prove", "prouvé", "infondé*", "invérifiable", "unbelegt", "unbewiesen",
                   "belegt", "pruebas", "evidencia", "inchequeable", "verificable", "provas",
                   "onbewezen", "nieweryfikowaln*", "niepotwierdzon*", "доказательств*",
                   "доказано", "доказів", "підтверджено", "подтверждено", "doğrulanamadı",
                   "kanıtsız", "دليل")
            + "|" + _chars("根拠不明", "判定留保", "판단 유보", "판단유보", "근거 없"),
        ),
        (
            Verdict.OTHER,
            _words("satire", "satir*", "satyr*", "sátira", "сатира", "hiciv", "parody", "parodia",
                   "ساخر*")
            + "|" + _chars("風刺", "풍자"),
        ),
        (Verdict.TRUE, _words(*_TRUE_WORDS) + "|" + _chars("正確", "事実", "사실")),
    )
)


@cache
def _table() -> tuple[dict[tuple[str, str], Verdict], dict[str, Verdict]]:
    """The shipped table, keyed by (language, rating key); and the keys every language listing
    them agrees on (step 3)."""
    text = resources.files("faro.resources.kb").joinpath("ratings.tsv").read_text("utf-8")
    by_language: dict[tuple[str, str], Verdict] = {}
    verdicts: defaultdict[str, set[Verdict]] = defaultdict(set)
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        try:
            verdict_name, language, rating = line.split("\t")
            verdict = Verdict(verdict_name)
        except ValueError as exc:
            raise ValueError(f"ratings.tsv:{number}: {exc}; expected verdict<TAB>language"
                             "<TAB>rating") from None
        key = rating_key(rating)
        previous = by_language.setdefault((language, key), verdict)
        if previous is not verdict:
            raise ValueError(f"ratings.tsv:{number}: {rating!r} ({language}) is both "
                             f"{previous} and {verdict}")
        verdicts[key].add(verdict)
    agreed = {key: next(iter(found)) for key, found in verdicts.items() if len(found) == 1}
    return by_language, agreed


def normalise_rating(rating: str | None, language: str | None = None) -> Verdict | None:
    """The verdict a rating stands for; ``None`` when there is no rating.

    ``language`` is the ISO 639 code of the rating (``it``, ``pt-BR``); without it the table's
    entries of every language are tried. The order of the steps is in the module docstring.

    >>> normalise_rating("Fuorviante", "it")
    <Verdict.PARTLY_TRUE: 'partly_true'>
    >>> normalise_rating("Not true")
    <Verdict.FALSE: 'false'>
    >>> normalise_rating("Somewhat spicy")
    <Verdict.OTHER: 'other'>
    >>> normalise_rating("  ") is None
    True
    """
    if rating is None:
        return None
    lang = language.strip().lower().replace("_", "-").split("-")[0] if language else ""
    return _normalise(rating_key(rating), lang)


@lru_cache(maxsize=4096)
def _normalise(key: str, language: str) -> Verdict | None:
    if not key:
        return None
    by_language, agreed = _table()
    for lang in (language, ANY_LANGUAGE):
        verdict = by_language.get((lang, key))
        if verdict is not None:
            return verdict
    if key in agreed:
        return agreed[key]
    for verdict, pattern in KEYWORD_RULES:
        if pattern.search(key):
            return verdict
    return Verdict.OTHER


#: The verdicts of a numeric scale from its worst to its best value, in equal steps.
_SCALE = (Verdict.FALSE, Verdict.MOSTLY_FALSE, Verdict.PARTLY_TRUE, Verdict.MOSTLY_TRUE,
          Verdict.TRUE)


def verdict_from_scale(
    value: float | str,
    best: float | str | None = None,
    worst: float | str | None = None,
) -> Verdict:
    """The verdict of a numeric rating (schema.org ``Rating``: ``ratingValue``, ``bestRating``,
    ``worstRating``; the defaults are schema.org's, 5 and 1).

    The value's position between worst and best is rounded to the nearest of five steps: false,
    mostly false, partly true, mostly true, true (so a 1-to-5 scale maps one value to each). A
    value that is not a number, lies outside the scale, or a scale whose ends are equal gives
    :attr:`~faro.model.Verdict.OTHER`.

    >>> verdict_from_scale("1", "5", "1")
    <Verdict.FALSE: 'false'>
    >>> verdict_from_scale(7, best=7, worst=1)
    <Verdict.TRUE: 'true'>
    """
    try:
        number = float(value)
        high = 5.0 if best is None or best == "" else float(best)
        low = 1.0 if worst is None or worst == "" else float(worst)
    except (TypeError, ValueError):
        return Verdict.OTHER
    if not all(math.isfinite(x) for x in (number, high, low)) or high == low:
        return Verdict.OTHER
    position = (number - low) / (high - low)
    if not 0.0 <= position <= 1.0:
        return Verdict.OTHER
    return _SCALE[math.floor(position * (len(_SCALE) - 1) + 0.5)]
