"""Numbers, quantities, percentages and money, read in one pass with dates.

:func:`find_numbers` returns the :class:`~faro.model.Quantity` mentions of a text. It shares its
scanner, :func:`scan_numeric`, with :func:`faro.extract.dates.find_dates`: numbers and dates are
read together, left to right, so a year used as a date ("dal 2014", "в 2014 году", "2014年") and
the numbers inside a date ("12 luglio 2024") are never also reported as numbers. The scan of the
last few texts is cached, so calling both functions on a document scans it once.

How the scanner works: one regular expression per language finds *anchors* — a digit, or a word
or phrase of the lexicon (months, weekdays, relative expressions, number words) at the start of a
word. It is a trie of the lexicon over the lower-cased text, so its cost is one pass whatever the
size of the lexicon. From each anchor, small anchored patterns read what follows (a multiplier, a
percent sign, a currency, a unit, a month and year) and the word before (the "in" of "in 2014").
Every quantifier is bounded, so the cost is linear in the length of the text.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache, partial
from typing import NamedTuple, TypeVar

from faro.extract._numeric_lexicon import (
    ABBREVIATIONS,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    GENERIC,
    SUPPORTED,
    UNIT_SYMBOLS,
    NumericLexicon,
    Word,
    WordKind,
    lexicon,
    normalise,
    words,
)
from faro.model import Quantity, QuantityKind, RelativeDate
from faro.text.tries import trie_pattern

__all__ = ["DateHit", "find_numbers", "scan_numeric"]


class DateHit(NamedTuple):
    """A date as read from the text, before a reference date anchors it (see
    :func:`faro.extract.dates.find_dates`)."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: int | None = None
    """The first three digits of a decade's years: 199 for the 1990s."""
    relative: RelativeDate | None = None


def find_numbers(text: str, lang: str) -> list[Quantity]:
    """The numbers of ``text`` as :class:`~faro.model.Quantity` mentions, sorted by start and
    never overlapping, each with its value normalised ("2,5 miliardi" → 2.5e9), its kind
    (number, ordinal, percent, money, quantity) and its unit where one is written. Numbers that
    belong to a date are left to :func:`faro.extract.dates.find_dates`.

    ``lang`` is a language code ("it", "pt-BR"); languages without rules of their own still get
    digits, percent signs, currency symbols and ISO codes.

    >>> [(q.text, q.value, q.unit) for q in find_numbers("5 miliardi di dollari", "it")]
    [('5 miliardi di dollari', 5000000000.0, 'USD')]
    """
    return [hit for hit in scan_numeric(text, lang) if isinstance(hit, Quantity)]


def scan_numeric(text: str, lang: str) -> tuple[Quantity | DateHit, ...]:
    """Every number and date of ``text``, in order: the one pass both :func:`find_numbers` and
    :func:`faro.extract.dates.find_dates` read."""
    if not text or not isinstance(text, str):
        return ()
    return _scan(text, _language_key(lang))


# ---------------------------------------------------------------------------------------------
# Languages and their compiled grammars
# ---------------------------------------------------------------------------------------------

#: English variants that write dates day first (03/04/2024 is 3 April).
_DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "ie", "au", "nz", "in", "za", "ng", "ke", "sg"})


def _language_key(lang: str) -> str:
    if not isinstance(lang, str):
        return GENERIC.code
    parts = lang.strip().lower().replace("_", "-").split("-")
    primary = parts[0]
    if primary == "en" and any(part in _DAY_FIRST_ENGLISH for part in parts[1:]):
        return "en-gb"
    return primary if primary in SUPPORTED else GENERIC.code


_SEPARATORS = (
    " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
    "()[]{}“”\"'’‘«»„‹›/\\-‐‑–—:;,.!?…·•*#№~≈±<>=+|&@%€$£¥₽₴₹₩₺₪￥＄"
)
"""Characters after which a word or number may start (the scanner's one-character prefix)."""

_APOSTROPHE_CLASS = "['’ʼ`´‘]"
_HYPHEN_CLASS = "[-‐‑‒–]"


def _scan_char(char: str, code: str) -> str:
    """The pattern of one character of a lexicon phrase, matched in lower-cased text."""
    if char == " ":
        return r"\s{1,3}"
    if char == "'":
        return _APOSTROPHE_CLASS
    if char == "-":
        return _HYPHEN_CLASS
    if char == "е" and code in ("ru", "uk"):
        return "[её]"
    return re.escape(char)


def _any_case_char(char: str) -> str:
    """The pattern of one character in either case: ``[mM]``, a class the regex engine checks
    without entering the branch, unlike a case-insensitive literal."""
    if char == " ":
        return r"\s{1,2}"
    if char == "'":
        return _APOSTROPHE_CLASS
    upper, lower = char.upper(), char.lower()
    if len(upper) == 1 and upper != lower:
        return f"[{re.escape(lower)}{re.escape(upper)}]"
    return re.escape(char)


def _alternation(options: Iterable[str], *, ignore_case: bool = True, dotted: bool = False
                 ) -> str:
    """A regex matching the longest of ``options``; a space matches one or two spaces;
    ``dotted`` lets abbreviations ("Mio", "тыс") end with their dot."""
    words_ = set(options)
    if dotted:
        words_ |= {f"{w}." for w in words_ if w.split(" ")[-1] in ABBREVIATIONS}
    return trie_pattern(words_, _any_case_char if ignore_case else re.escape)


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The compiled patterns of one language (see :func:`_grammar`)."""

    lex: NumericLexicon
    words: Mapping[str, Word]
    scan: re.Pattern[str]
    """Finds the next anchor in ``" " + text.lower()``."""
    prefix: int
    """Length of the separator the scan matches before an anchor (0 or 1)."""
    word_at: re.Pattern[str] | None
    """The lexicon trie alone, to read a word at a position of the lower-cased text."""
    phrase: re.Pattern[str]
    """A number (group ``num``, its first digits ``lead``) and what follows it (the groups of
    :attr:`after`)."""
    number: re.Pattern[str]
    after: re.Pattern[str]
    """What follows a number: an age or ordinal mark written onto it, or multipliers and then a
    percent sign or word, a currency, a unit, or the word that may be a counted noun."""
    after_scaled: re.Pattern[str]
    """The same after a number word that holds a multiplier, from "di" on ("un milione di
    euro"); groups ``age`` to ``m2`` are absent."""
    multipliers: Mapping[str, float]
    tail_words: Mapping[str, tuple[str, str]]
    decade: re.Pattern[str] | None
    year_after: re.Pattern[str] | None
    day_before_month: re.Pattern[str]
    month_initials: frozenset[str]
    """First letters of month names and of the words between a day and a month."""
    year_after_month: re.Pattern[str]


_T = TypeVar("_T")
# Digits with separators: "." and "," anywhere, full-width "．" and "，" between full-width
# digits only (in Chinese and Japanese text "，" is also a comma between numbers).
_GROUPS = r"(?:(?:[.,]|(?<=[０-９])[．，](?=[０-９]))\d{1,15}){0,6}(?!\d)"
_NUMBER = r"\d{1,15}" + _GROUPS
_LEAD_NUMBER = r"(?P<lead>\d{1,15})" + _GROUPS
_SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d)){1,5}(?:[,.]\d{1,15})?(?!\d)"
_CJK_WEEKDAY = r"(?:\s?[（(][月火水木金土日][)）])?"
_DATES = re.compile(
    r"(?P<iso>(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)"
    r"(?![.,]\d))"
    r"|(?P<dmy>(?P<n1>\d{1,2})(?P<dsep>[./-])(?P<n2>\d{1,2})(?P=dsep)(?P<n3>\d{4}|\d{2})"
    r"(?!\d)(?![.,]\d))"
    r"|(?P<time>(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d))"
    r"|(?P<cjk>(?P<cy>\d{4})\s?[年년](?:\s?(?P<cm>\d{1,2})\s?[月월](?:\s?(?P<cd>\d{1,2})\s?[日일]"
    rf"{_CJK_WEEKDAY})?)?(?![間])"
    rf"|(?P<cm2>\d{{1,2}})\s?[月월](?:\s?(?P<cd2>\d{{1,2}})\s?[日일]{_CJK_WEEKDAY})?(?![間])"
    rf"|(?P<cd3>\d{{1,2}})\s?[日일](?![間曜]){_CJK_WEEKDAY})"
)
"""Dates and times written with digits; tried when a date mark follows the first digits."""
_DATE_MARKS = frozenset("-/.:：年년月월日일")
_CJK_DATE_MARKS = frozenset("年년月월日일")
#: The groups of _Grammar.after, in the order _read_quantity reads them.
_AFTER_GROUPS = ("age", "ordinal", "m1", "m2", "pct", "word", "symbol", "noun")
_WORD_END = r"(?!\w)"
_SYMBOL_END = r"(?![\w'’])"
#: A word after a number that may be the noun it counts ("membri", "Nato-Mitglieder"); longer
#: runs of letters are not words, and bounding them keeps every match short.
_NOUN = r"[^\W\d_]{2,40}(?:[-‐][^\W\d_]{1,40}){0,3}"


def _tail_words(lex: NumericLexicon) -> dict[str, tuple[str, str]]:
    """Words that can follow a number, by :func:`normalise` key: what they make of it
    (``percent``, ``points``, ``money``, ``unit``) and the unit or currency code."""
    table: dict[str, tuple[str, str]] = {}
    for word, unit in lex.units.items():
        table[normalise(word)] = ("unit", unit)
    for word, code in lex.currency_words.items():
        table[normalise(word)] = ("money", code)
    for word in lex.point_words:
        table[normalise(word)] = ("points", "percentage points")
    for word in lex.percent_words:
        table[normalise(word)] = ("percent", "percent")
    return table


#: Currency symbols, ISO codes and unit symbols: case-sensitive ("MB", "m").
_TAIL_SYMBOLS: Mapping[str, tuple[str, str]] = {
    **{unit: ("unit", normal) for unit, normal in UNIT_SYMBOLS.items()},
    **{code: ("money", code) for code in CURRENCY_CODES},
    **{symbol: ("money", code) for symbol, code in CURRENCY_SYMBOLS.items()},
}


def _after_patterns(lex: NumericLexicon, multipliers: Iterable[str],
                    tail_words: Iterable[str]) -> tuple[str, str]:
    """What may follow a number, and what may follow a number word that already holds a
    multiplier ("un milione" + "di euro"). Whitespace is matched possessively (``{0,2}+``) and
    all the words that can follow a number share one trie, so a number followed by nothing of
    the kind costs a few steps, not one attempt per list."""
    spaced = lex.spaced
    gap = r"\s{1,2}" if spaced else r"\s?"
    word_end = _WORD_END if spaced else ""
    # Every group exists in every language, so _read_quantity reads them all at once; "(?!)"
    # stands for what a language does not have.
    letter_end = r"(?![^\W\d_])" if spaced else ""
    suffixes = "".join(
        f"(?P<{name}>{pattern or '(?!)'}){letter_end}|"
        for name, pattern in (("age", lex.age_suffix), ("ordinal", lex.ordinal_suffix)))
    multiplier = rf"\s{{0,2}}+{_alternation(multipliers, dotted=True)}{word_end}"
    connector = (rf"(?:{gap}{_alternation(lex.connectors)}(?:{gap}|(?<=['’ʼ]))(?=[^\W\d_]))?"
                 if lex.connectors else "")
    tail = (
        r"\s{0,2}+(?:(?P<pct>[%％‰])"
        rf"|(?P<word>{_alternation(tail_words, dotted=True)}){word_end}"
        rf"|(?P<symbol>{_alternation(_TAIL_SYMBOLS, ignore_case=False)}){_SYMBOL_END})"
        rf"|(?:\s{{1,2}}|[-‐](?=[^\W\d_]{{3}})|(?<=[\s'’ʼ]))(?P<noun>{_NOUN})(?![\w'’])"
    )
    multipliers_then = rf"(?:(?P<m1>{multiplier})(?P<m2>{multiplier})?{connector})?"
    return f"(?:{suffixes}{multipliers_then}(?:{tail})?)", f"{connector}(?:{tail})?"


@cache
def _grammar(key: str) -> _Grammar:
    """Compile a language's patterns, once per process (0.02-0.35 s; Italian, with the most
    phrases, is the slowest)."""
    code = "en" if key == "en-gb" else key
    lex = lexicon(code)
    if key == "en-gb":
        lex = dataclasses.replace(lex, month_first=False)
    table = words(code)
    spaced = lex.spaced
    word_at: re.Pattern[str] | None
    if table and spaced:
        trie = trie_pattern(table, partial(_scan_char, code=code), bounded=True, extra=[r"\d"])
        separators = "[" + "".join(re.escape(c) for c in _SEPARATORS) + "]"
        scan, word_at, prefix = re.compile(separators + trie), re.compile(trie), 1
    elif table:
        # Every top-level alternative starts with a literal, so the search skips ahead in C.
        digits = [str(d) for d in range(10)] + [chr(0xFF10 + d) for d in range(10)]
        trie = trie_pattern([*table, *digits], partial(_scan_char, code=code))
        scan = word_at = re.compile(trie)
        prefix = 0
    else:
        scan, word_at, prefix = re.compile(r"\d"), None, 0

    multipliers = {normalise(w): v for w, v in lex.multipliers.items()}
    tail_words = _tail_words(lex)
    after, after_scaled = _after_patterns(lex, multipliers, tail_words)
    number = f"{_SPACE_GROUPED}|{_NUMBER}" if lex.space_groups else _NUMBER
    lead_number = f"{_SPACE_GROUPED}|{_LEAD_NUMBER}" if lex.space_groups else _LEAD_NUMBER
    day_links = "|".join(rf"{re.escape(w)}\s{{1,3}}" for w in lex.day_month_links)
    month_links = "|".join(rf"\s{{1,3}}{re.escape(w)}" for w in lex.month_year_links)
    year_link = rf"(?:,?\s{{1,3}}|(?i:{month_links})\s{{1,3}})" if month_links else r",?\s{1,3}"
    return _Grammar(
        lex=lex,
        words=table,
        scan=scan,
        prefix=prefix,
        word_at=word_at,
        phrase=re.compile(f"(?P<num>{lead_number}){after}"),
        number=re.compile(number),
        after=re.compile(after),
        after_scaled=re.compile(after_scaled),
        multipliers=multipliers,
        tail_words=tail_words,
        decade=re.compile(lex.decade_suffix) if lex.decade_suffix else None,
        year_after=(re.compile(rf"\s{{0,2}}(?:{'|'.join(lex.year_after)})"
                               + (r"(?![\w間])" if spaced else "(?![間])"))
                    if lex.year_after else None),
        day_before_month=re.compile(
            r"(?:st|nd|rd|th|er|re|ᵉʳ|[ºª°]|\.º)?\.?\s{1,3}"
            + (f"(?i:{day_links})?" if day_links else "") + r"(?=[^\W\d_])"
        ),
        month_initials=frozenset(
            initial for key, word in table.items() if word.kind is WordKind.MONTH
            for initial in (key[0], key[0].upper()) if not lex.months_capitalised
            or initial.isupper()) | frozenset(w[0] for w in lex.day_month_links),
        year_after_month=re.compile(rf"\.?{year_link}(?P<y>\d{{4}})(?!\d)(?![.,]\d)"),
    )


# ---------------------------------------------------------------------------------------------
# Patterns shared by every language
# ---------------------------------------------------------------------------------------------

_ERA_YEAR = re.compile(r"(?P<y>\d{1,2}|元)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?")
_CURRENCY_BEFORE = re.compile(
    "(?:" + _alternation(CURRENCY_SYMBOLS, ignore_case=False)
    + "|(?<![A-Za-z])" + _alternation(CURRENCY_CODES, ignore_case=False) + r")[\s\u00a0]?\Z"
)
#: Last characters of the currency symbols and codes: only then is _CURRENCY_BEFORE tried.
_CURRENCY_ENDS = frozenset(symbol[-1] for symbol in CURRENCY_SYMBOLS) | frozenset(
    code[-1] for code in CURRENCY_CODES)
_MONTH_DAY = re.compile(r"\.?\s{1,3}(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![.,:]\d)"
                        r"(?:,?\s{1,3}(?P<y>\d{4})(?!\d)(?![.,]\d))?")
_WEEKDAY_GAP = re.compile(r",?\s{1,3}")
_DECADE_AFTER_WORD = re.compile(r"\s{1,2}(?:['’]\s?)?(?P<d>\d{2}|\d{4})(?!\d)(?![.,]\d)")
_DAY = re.compile(r"\d{1,2}(?!\d)")
_KANJI_RUN = re.compile("[〇一二三四五六七八九十百千万億兆]{1,20}")
_ORDINAL_COUNTER = re.compile("[回番条位次弾期号章話部戦]")
_DIGIT_RUN = re.compile(r"[\d.,．，]{1,200}")
_LETTER_RUN = re.compile(r"[^\W_]{1,200}")

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12}
_MINUS = "-−－"
#: Characters before a digit that need no check that the number is part of a name ("F-35").
_BREAKS = frozenset(" \n\t\u00a0(\"“«[/")

#: Four-digit numbers in this range are years when the words around them say so ("dal 2014");
#: wide enough for history, narrow enough that "in 5000 cases" stays a number.
_YEAR_MIN, _YEAR_MAX = 1000, 2199
#: "2014-2016" is a range of years when the second is at most this much later; "1000-2000
#: persone" is a range of numbers.
_YEAR_RANGE_SPAN = 100
_YEAR_RANGE = re.compile(r"\s?[-–—/]\s?(?P<y>(?:1\d|2[01])\d\d)(?!\d)(?![.,]\d)")


def _spaceless(char: str) -> bool:
    """Characters of scripts written without spaces (kana, CJK ideographs, Hangul)."""
    cp = ord(char)
    return (0x3040 <= cp <= 0x30FF or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0xAC00 <= cp <= 0xD7AF or 0xFF66 <= cp <= 0xFF9F)


def _ideograph(char: str) -> bool:
    """A CJK ideograph: a kanji numeral next to one is part of a word (統一, 三菱)."""
    cp = ord(char)
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF


def _is_letter(char: str) -> bool:
    """A letter of a script written with spaces: a number glued to it is part of a name."""
    return char.isalpha() and not _spaceless(char)


# ---------------------------------------------------------------------------------------------
# The scan
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    text: str
    low: str
    """``" " + text.lower()``: index ``i`` of ``text`` is index ``i + 1`` here."""
    grammar: _Grammar
    last_year_end: int = -100
    """Where the last year read as a date ended ("dal 2014 al 2016")."""
    floor: int = 0
    """Where the last mention ended: a currency sign or minus before a number stops there."""


#: Texts whose scan is kept: find_numbers and find_dates on the same document share one scan,
#: and a few documents in flight (a batch, retries) still hit. Each entry holds its text.
_SCAN_CACHE_SIZE = 8


@lru_cache(maxsize=_SCAN_CACHE_SIZE)
def _scan(text: str, key: str) -> tuple[Quantity | DateHit, ...]:
    """The one pass: find the next anchor, read the mention there, go on after it."""
    grammar = _grammar(key)
    # "İ".lower() is two characters: replace it first so offsets stay aligned.
    low = " " + (text.replace("\u0130", "I") if "\u0130" in text else text).lower()
    state = _State(text, low, grammar)
    prefix = grammar.prefix
    hits: list[Quantity | DateHit] = []
    pos = 1 - prefix  # with a separator prefix, the leading space is the first separator
    search = grammar.scan.search
    while (found := search(low, pos)) is not None:
        start = found.start() + prefix - 1
        hit, resume = _read_anchor(state, start, found.group()[prefix:])
        if hit is not None:
            hits.append(hit)
            resume = state.floor = hit.end
            if type(hit) is DateHit and hit.year is not None and hit.month is None:
                state.last_year_end = hit.end
        pos = max(resume, start + 1) + 1
    return tuple(hits)


def _read_anchor(state: _State, start: int, anchor: str) -> tuple[Quantity | DateHit | None, int]:
    """Read the mention that starts at an anchor; returns it (or None) and where to go on."""
    if anchor[0].isdigit():
        return _read_number(state, start)
    table = state.grammar.words
    word = table.get(anchor)
    key = anchor
    if word is None:
        key = normalise(anchor)
        word = table.get(key)
    end = start + len(anchor)
    if word is None:
        return None, end
    if word.lowercase_only and not state.text[start:end].islower():
        return None, end
    blockers = state.grammar.lex.blockers.get(key)
    if blockers and _word_before(state.text, start) in blockers:
        return None, end
    kind = word.kind
    if kind is WordKind.RELATIVE:
        return DateHit(start, end, state.text[start:end], relative=word.relative), end
    if kind is WordKind.WEEKDAY:
        return _read_weekday(state, start, end, word), end
    if kind is WordKind.MONTH:
        return _read_month(state, start, end, word), end
    if kind is WordKind.NUMBER:
        grammar = state.grammar
        after = (grammar.after_scaled if word.scaled else grammar.after).match(state.text, end)
        if after is None:
            return None, end
        return _read_quantity(state, start, end, float(word.value), after,
                              needs_unit=word.needs_unit, scaled=word.scaled), end
    if kind is WordKind.DECADE:
        return _read_decade_word(state, start, end), end
    if kind is WordKind.ERA:
        return _read_era(state, start, end, int(word.value)), end
    if kind is WordKind.KANJI:
        return _read_kanji(state, start)
    return _read_ordinal_prefix(state, start, end), end


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (lower case), skipping spaces and an apostrophe; only
    the last 40 characters are looked at, so a long run of letters costs no more."""
    chunk = text[max(0, start - 40):start].rstrip().rstrip("'’").rstrip()
    i = len(chunk)
    while i and chunk[i - 1].isalnum():
        i -= 1
    return chunk[i:].lower()


def _word_at(state: _State, pos: int) -> tuple[Word, int] | None:
    """The lexicon word at ``pos`` of the text and where it ends."""
    pattern = state.grammar.word_at
    if pattern is None:
        return None
    found = pattern.match(state.low, pos + 1)
    if found is None or found.end() == pos + 1:
        return None
    word = state.grammar.words.get(normalise(found.group()))
    return (word, found.end() - 1) if word is not None else None


def _valid_date(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _date_hit(state: _State, start: int, end: int, *, year: int | None = None,
              month: int | None = None, day: int | None = None) -> DateHit | None:
    """A date, if its parts can be a calendar date (leap years checked when the year is known)."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not (1 <= day <= 31 and (
            month is None or _valid_date(2000 if year is None else year, month, day))):
        return None
    return DateHit(start, end, state.text[start:end], year, month, day)


# ---------------------------------------------------------------------------------------------
# Numbers and the dates that start with one
# ---------------------------------------------------------------------------------------------


def _read_number(state: _State, start: int) -> tuple[Quantity | DateHit | None, int]:
    text, grammar = state.text, state.grammar
    if start > 0 and (before := text[start - 1]) not in _BREAKS:
        earlier = text[start - 2] if start > 1 else " "
        glued = _is_letter(before) or (before in "-‐" and _is_letter(earlier))
        if glued or before.isdigit() or (before in ".," and earlier.isdigit()):
            run = _DIGIT_RUN.match(text, start)
            return None, run.end() if run else start + 1

    phrase = grammar.phrase.match(text, start)
    if phrase is None:  # more than 15 digits in a row: not a number we can read
        run = _DIGIT_RUN.match(text, start)
        return None, run.end() if run else start + 1
    if phrase["lead"] is not None:
        lead_end = phrase.end("lead")
        mark = text[lead_end:lead_end + 1]
        if mark in _DATE_MARKS or (mark == " " and text[lead_end + 1:lead_end + 2]
                                   in _CJK_DATE_MARKS):
            dates = _DATES.match(text, start)
            if dates is not None:
                if dates.lastgroup == "time":
                    return None, dates.end()
                date_hit = _read_numeric_date(state, start, dates)
                if date_hit is not None:
                    return date_hit, date_hit.end
    end = phrase.end("num")
    raw = text[start:end]
    # A day: a month name follows ("12 luglio"), or an ordinal mark, or "de"/"of" and one.
    if end - start <= 2 and grammar.lex.spaced and grammar.word_at is not None and (
            text[end:end + 1] != " " or text[end + 1:end + 2] in grammar.month_initials):
        textual = _read_day_month(state, start, end)
        if textual is not None:
            return textual, textual.end
    value = _parse_number(raw, grammar.lex.decimal)
    if value is None:
        return None, end
    if len(raw) in (2, 4) and raw.isdigit():
        year_hit = _read_year(state, start, end, raw, phrase)
        if year_hit is not None:
            return year_hit, year_hit.end
    if start > state.floor and text[start - 1] in _MINUS \
            and (start < 2 or not text[start - 2].isalnum()) \
            and not text[max(0, start - 12):start - 1].rstrip()[-1:].isdigit():
        start -= 1
        value = -value
    if grammar.lex.ordinal_dot is not None:
        ordinal = _ordinal_dot(state, start, end, value)
        if ordinal is not None:
            return ordinal, ordinal.end
    quantity = _read_quantity(state, start, end, value, phrase)
    if quantity is None:
        letters = _LETTER_RUN.match(text, end)
        return None, letters.end() if letters else end
    return quantity, quantity.end


def _read_numeric_date(state: _State, start: int, shape: re.Match[str]) -> DateHit | None:
    """ISO dates, numeric dates (day first, or month first in English) and CJK dates."""
    kind, end = shape.lastgroup, shape.end()
    if kind == "iso":
        year, month, day = int(shape["iy"]), int(shape["im"]), int(shape["id"])
        if _valid_date(year, month, day):
            return _date_hit(state, start, end, year=year, month=month, day=day)
        return None
    if kind == "dmy":
        first, second, year = int(shape["n1"]), int(shape["n2"]), int(shape["n3"])
        if year < 100:  # 00-69 are 20xx, 70-99 are 19xx (the POSIX strptime %y convention)
            year += 2000 if year < 70 else 1900
        orders = ((second, first), (first, second))  # (month, day): day first
        if state.grammar.lex.month_first:
            orders = orders[::-1]
        for month, day in orders:
            if _valid_date(year, month, day):
                return _date_hit(state, start, end, year=year, month=month, day=day)
        return None
    if shape["cy"]:
        return _date_hit(state, start, end, year=int(shape["cy"]),
                         month=int(shape["cm"]) if shape["cm"] else None,
                         day=int(shape["cd"]) if shape["cd"] else None)
    if shape["cm2"]:
        return _date_hit(state, start, end, month=int(shape["cm2"]),
                         day=int(shape["cd2"]) if shape["cd2"] else None)
    if not state.grammar.lex.spaced:  # "12日": the 12th of the month
        return _date_hit(state, start, end, day=int(shape["cd3"]))
    return None


def _read_day_month(state: _State, start: int, end: int) -> DateHit | None:
    """"12 luglio 2024", "1er juillet", "12. Juli", "12 de julio de 2024", "12 июля 2024 года"."""
    text, grammar = state.text, state.grammar
    link = grammar.day_before_month.match(text, end)
    if link is None:
        return None
    month = _word_at(state, link.end())
    if month is None or month[0].kind is not WordKind.MONTH:
        return None
    word, month_end = month
    if grammar.lex.months_capitalised and not text[link.end()].isupper():
        return None
    year, date_end = _year_after_month(state, month_end)
    if word.abbreviated and year is None:
        return None
    return _date_hit(state, start, date_end, year=year, month=int(word.value),
                     day=int(text[start:end]))


def _year_after_month(state: _State, pos: int) -> tuple[int | None, int]:
    """A year right after a month name, and the end of the date."""
    grammar = state.grammar
    found = grammar.year_after_month.match(state.text, pos)
    if found is None:
        return None, pos
    end = found.end()
    if grammar.year_after is not None:
        after = grammar.year_after.match(state.text, end)
        if after is not None:
            end = after.end()
    return int(found["y"]), end


#: Groups of _Grammar.after that make a four-digit number a quantity rather than a year.
_NOT_A_YEAR = ("m1", "pct", "word", "symbol")


def _read_year(state: _State, start: int, end: int, raw: str, after: re.Match[str]
               ) -> DateHit | None:
    """A four-digit year the words around make a date, or a decade ("1990s", "90-х")."""
    text, grammar = state.text, state.grammar
    lex = grammar.lex
    value = int(raw)
    if grammar.decade is not None and raw.endswith("0"):
        decade = grammar.decade.match(text, end)
        if decade is not None and (len(raw) == 4 or value >= 20):
            return DateHit(start, decade.end(), text[start:decade.end()], decade=_decade(raw))
    if len(raw) != 4 or not _YEAR_MIN <= value <= _YEAR_MAX:
        return None
    if grammar.year_after is not None:
        year_word = grammar.year_after.match(text, end)
        if year_word is not None:
            return DateHit(start, year_word.end(), text[start:year_word.end()], year=value)
    if any(after.group(*_NOT_A_YEAR)):
        return None
    previous = _word_before(text, start)
    gap = start - state.last_year_end
    in_context = previous in lex.year_context or (previous in lex.range_words and gap <= 12) \
        or (0 < gap <= 3 and text[state.last_year_end:start].strip() in ("-", "–", "—", "/"))
    if (span := _YEAR_RANGE.match(text, end)) is not None:  # "2014-2016", not "1000-2000"
        in_context = 0 < int(span["y"]) - value <= _YEAR_RANGE_SPAN
    if not in_context:
        return None
    return DateHit(start, end, text[start:end], year=value)


def _decade(digits: str) -> int:
    """The decade of "1990" or "90": 199. Two-digit decades 20-90 are the 1920s-1990s, 00 and 10
    the 2000s and 2010s."""
    value = int(digits)
    if len(digits) == 4:
        return value // 10
    return (190 if value >= 20 else 200) + value // 10


def _ordinal_dot(state: _State, start: int, end: int, value: float) -> Quantity | None:
    """German and Polish ordinals written with a dot: "der 75. Jahrestag", "75. rocznica"."""
    text, lex = state.text, state.grammar.lex
    if text[end:end + 2] != ". " or not text[end + 2:end + 3].isalpha():
        return None
    if (lex.ordinal_dot == "determiner" and _word_before(text, start) in lex.determiners) or \
            (lex.ordinal_dot == "lowercase" and text[end + 2].islower()):
        return Quantity(start, end + 1, text[start:end + 1], value, QuantityKind.ORDINAL)
    return None


def _read_quantity(state: _State, start: int, end: int, value: float, after: re.Match[str], *,
                   needs_unit: bool = False, scaled: bool = False) -> Quantity | None:
    """The number from ``start`` to ``end`` read with what follows it (``after``, a match of
    the groups of :attr:`_Grammar.after`): an age or ordinal mark, multipliers, then a percent,
    currency or unit word or a counted noun; or a currency symbol or code before it.
    ``needs_unit`` drops a number word nothing of the kind follows ("sei" alone is "you are");
    ``scaled`` says the number already holds a multiplier ("un milione")."""
    text, grammar = state.text, state.grammar
    if scaled:  # a match of after_scaled, which has no suffix or multiplier groups
        pct, word, symbol, noun = after.group(*_AFTER_GROUPS[4:])
        age = ordinal = m1 = m2 = None
    else:
        age, ordinal, m1, m2, pct, word, symbol, noun = after.group(*_AFTER_GROUPS)
    if age is not None:
        end = after.end("age")
        return Quantity(start, end, text[start:end], value, QuantityKind.QUANTITY, "years")
    if ordinal is not None:
        end = after.end("ordinal")
        return Quantity(start, end, text[start:end], value, QuantityKind.ORDINAL)
    if m1 is not None:
        value *= _lookup(grammar.multipliers, m1.strip()) or 1
        end = after.end("m1")
        if m2 is not None:
            value *= _lookup(grammar.multipliers, m2.strip()) or 1
            end = after.end("m2")
        if not grammar.lex.spaced:
            compound_end, value = _japanese_compound(state, end, value)
            if compound_end != end:
                rest = grammar.after.match(text, compound_end)
                if rest is not None:
                    return _read_quantity(state, start, compound_end, value, rest, scaled=True)
        scaled = True
    kind: QuantityKind = QuantityKind.NUMBER
    unit: str | None = None
    tail = _TAIL_SYMBOLS.get(symbol) if symbol is not None else (
        _lookup(grammar.tail_words, word) if word is not None else None)
    if pct is not None:
        kind, unit, end = QuantityKind.PERCENT, "percent", after.end()
    elif tail is not None:
        kind, unit, end = _TAIL_KINDS[tail[0]], tail[1], after.end()
    elif start > state.floor and (text[start - 1] in _CURRENCY_ENDS or text[start - 2:start - 1]
                                  in _CURRENCY_ENDS) \
            and (currency := _currency_before(text, start, state.floor)):
        kind, unit = QuantityKind.MONEY, currency[1]
        start = currency[0]
    elif needs_unit and not scaled:
        return None
    elif noun is not None and _counted(state, noun):
        kind, unit, end = QuantityKind.QUANTITY, noun, after.end()
    elif end < len(text) and _is_letter(text[end]):
        return None  # "5G", "3D": a name, not a number
    if text[end - 1] == ".":  # "1,2 млн." ends a sentence: the dot is not the abbreviation's
        end -= 1
    return Quantity(start, end, text[start:end], _tidy(value) if scaled else value, kind, unit)


_TAIL_KINDS = {"percent": QuantityKind.PERCENT, "points": QuantityKind.PERCENT,
               "money": QuantityKind.MONEY, "unit": QuantityKind.QUANTITY}


def _lookup(table: Mapping[str, _T], matched: str) -> _T | None:
    """A lexicon entry by the text matched: as written, in lower case, or normalised."""
    found = table.get(matched)
    if found is None:
        found = table.get(matched.lower())
    if found is None:
        found = table.get(normalise(matched).rstrip("."))
    return found


def _currency_before(text: str, start: int, floor: int) -> tuple[int, str] | None:
    """A currency symbol or ISO code just before a number ("$5", "€ 5", "USD 5"), not
    before ``floor``."""
    near = text[max(floor, start - 2):start].rstrip()[-1:]
    if not near or near not in _CURRENCY_ENDS:
        return None
    found = _CURRENCY_BEFORE.search(text, max(floor, start - 6), start)
    if found is None:
        return None
    symbol = found.group().strip()
    return found.start(), CURRENCY_SYMBOLS.get(symbol, symbol)


def _counted(state: _State, noun: str) -> bool:
    """Whether the word after a number is the noun it counts ("32 membri"), read by
    elimination: not a function word, verb form or adverb of the language, and written in
    lower case (any case in German)."""
    lex = state.grammar.lex
    if not lex.stopwords or (not noun[0].islower() and lex.code != "de"):
        return False
    lower = noun.lower()
    return not (lower in lex.stopwords or lower.endswith(lex.stop_suffixes)
                or lower in state.grammar.words)


def _japanese_compound(state: _State, end: int, value: float) -> tuple[int, float]:
    """The rest of a Japanese number after a large unit: 1億2000万 is 1.2e8."""
    text = state.text
    found = state.grammar.number.match(text, end)
    if found is None:
        return end, value
    after = found.end()
    if after < len(text) and text[after] in _KANJI_BIG and _KANJI_BIG[text[after]] < value:
        rest = _parse_number(found.group(), ".")
        if rest is not None:
            return after + 1, value + rest * _KANJI_BIG[text[after]]
    return end, value


def _parse_number(raw: str, decimal: str | None) -> float | None:
    """The value of digits with separators: the language's decimal separator where the
    grouping does not say otherwise ("1.234" is 1234 in Italian, "1,5" is 1.5 in English)."""
    if raw.isascii() and raw.isdigit():
        return float(raw)
    s = "".join(unicodedata.normalize("NFKC", raw).split())
    if s.isdigit():
        return float(s)
    separators = [c for c in s if c in ".,"]
    if len(set(separators)) == 2:
        point = separators[-1]
        if separators.count(point) != 1:
            return None
        whole, fraction = s.split(point)
        groups = whole.replace("," if point == "." else ".", " ").split(" ")
        return float("".join(groups) + "." + fraction) if _grouped(groups) else None
    mark = separators[0]
    parts = s.split(mark)
    if len(parts) > 2:
        return float("".join(parts)) if _grouped(parts) else None
    whole, fraction = parts
    if mark == decimal or whole in ("0", "") or len(fraction) != 3 or len(whole) > 3:
        return float(whole + "." + fraction)
    return float(whole + fraction)


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _tidy(value: float) -> float:
    """Drop binary noise from multiplying decimals (1.1 × 1e6 → 1100000.0)."""
    return float(f"{value:.12g}")


# ---------------------------------------------------------------------------------------------
# Words that open a date or a number
# ---------------------------------------------------------------------------------------------


def _read_month(state: _State, start: int, end: int, word: Word) -> DateHit | None:
    """"July 12, 2024", "luglio 2024", "julio de 2024", or a month alone after "a", "in"."""
    text, lex = state.text, state.grammar.lex
    if lex.months_capitalised and not text[start].isupper():
        return None
    month = int(word.value)
    if lex.month_day_order:
        found = _MONTH_DAY.match(text, end)
        if found is not None:
            year = int(found.group("y")) if found.group("y") else None
            if word.abbreviated and year is None:
                return None
            return _date_hit(state, start, found.end(), year=year, month=month,
                             day=int(found.group("d")))
    year, date_end = _year_after_month(state, end)
    if year is not None:
        return _date_hit(state, start, date_end, year=year, month=month)
    if word.abbreviated or text[end - 1] == ".":
        return None
    if _word_before(text, start) in lex.month_context:
        return _date_hit(state, start, end, month=month)
    return None


def _read_weekday(state: _State, start: int, end: int, word: Word) -> DateHit | None:
    """A weekday, or the full date it opens ("venerdì 12 luglio 2024", "Friday, July 12")."""
    text = state.text
    gap = _WEEKDAY_GAP.match(text, end)
    if gap is not None and word.relative is not None and word.relative.offset == 0:
        after = gap.end()
        full: DateHit | None = None
        day = _DAY.match(text, after)
        if day is not None:
            full = _read_day_month(state, after, day.end())
        else:
            month = _word_at(state, after)
            if month is not None and month[0].kind is WordKind.MONTH:
                full = _read_month(state, after, month[1], month[0])
        if full is not None and full.day is not None:
            return DateHit(start, full.end, text[start:full.end], full.year, full.month,
                           full.day)
    return DateHit(start, end, text[start:end], relative=word.relative)


def _read_decade_word(state: _State, start: int, end: int) -> DateHit | None:
    """"anni '90", "années 1990", "años 80"."""
    found = _DECADE_AFTER_WORD.match(state.text, end)
    if found is None or not found.group("d").endswith("0"):
        return None
    return DateHit(start, found.end(), state.text[start:found.end()],
                   decade=_decade(found.group("d")))


def _read_era(state: _State, start: int, end: int, base: int) -> DateHit | None:
    """Japanese era dates: 令和6年 is 2024, 令和元年 2019."""
    found = _ERA_YEAR.match(state.text, end)
    if found is None:
        return None
    year_text = found.group("y")
    year = base + (1 if year_text == "元" else int(year_text))
    month, day = found.group("m"), found.group("d")
    return _date_hit(state, start, found.end(), year=year,
                     month=int(month) if month else None, day=int(day) if day else None)


def _kanji_value(numeral: str) -> int:
    """The value of a kanji numeral: 三 3, 二十 20, 三万 30000, 二〇二四 2024."""
    total = section = 0
    digits: int | None = None
    for char in numeral:
        if char in _KANJI_DIGITS:
            digits = _KANJI_DIGITS[char] if digits is None else digits * 10 + _KANJI_DIGITS[char]
        elif char in _KANJI_UNITS:
            section += (1 if digits is None else digits) * _KANJI_UNITS[char]
            digits = None
        else:
            total += (section + (digits or 0) or 1) * _KANJI_BIG[char]
            section, digits = 0, None
    return total + section + (digits or 0)


def _read_kanji(state: _State, start: int) -> tuple[Quantity | None, int]:
    """A kanji numeral that stands as a number: before a counter (三人, 三万人), written with a
    unit character (二十, 三百) or standing between non-ideographs (「三」); 一 inside a word
    (統一, 一部) is not a number."""
    text = state.text
    if start > 0 and text[start - 1] in _KANJI_DIGITS:
        return None, start + 1
    found = _KANJI_RUN.match(text, start)
    if found is None:
        return None, start + 1
    numeral = found.group()
    end = found.end()
    after = state.grammar.after.match(text, end)
    if after is None:
        return None, end
    followed = any(after.group("m1", "pct", "word", "symbol")) or any(
        text.startswith(counter, end) for counter in state.grammar.lex.counters)
    standalone = not (start > 0 and _ideograph(text[start - 1])) and not (
        end < len(text) and _ideograph(text[end]))
    if not (followed or standalone or (len(numeral) >= 2 and
                                       any(c in "十百千万億兆" for c in numeral))):
        return None, end
    return _read_quantity(state, start, end, float(_kanji_value(numeral)), after), end


def _read_ordinal_prefix(state: _State, start: int, end: int) -> Quantity | None:
    """第75回, 第三: ordinals written with 第."""
    text = state.text
    number = state.grammar.number.match(text, end)
    if number is not None:
        value = _parse_number(number.group(), ".")
        stop = number.end()
    else:
        kanji = _KANJI_RUN.match(text, end)
        if kanji is None:
            return None
        value, stop = float(_kanji_value(kanji.group())), kanji.end()
    if value is None:
        return None
    counter = _ORDINAL_COUNTER.match(text, stop)
    if counter is not None:
        stop = counter.end()
    return Quantity(start, stop, text[start:stop], value, QuantityKind.ORDINAL)
