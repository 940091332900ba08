"""Named entities — people, organisations, places — from gazetteers and rules, in many languages.

Nothing is downloaded and no model runs. The text is tokenised once (one compiled regular
expression, with a string-method fast path for the plain words that make up most of a text);
token n-grams (n ≤ ``MAX_NGRAM``) are looked up in dictionaries built once per language and
cached; a handful of rules read the capitalised sequences that remain:

* **Gazetteer** (``source="gazetteer"``): countries from Babel's territory names (the document's
  language and English, canonical ISO 3166 code), and ``faro/resources/gazetteer/`` — alternate
  country names, cities, regions, organisations. In Russian, Ukrainian and Polish every name also
  matches its case forms ("России", "Ukrainy"), generated from a small paradigm per ending; German
  and Dutch add the genitive ``-s`` ("Deutschlands").
* **Organisations** (``rule:org-head``, ``rule:acronym``): a capitalised sequence holding a head
  word ("Kyodo News", "Ministero della Difesa", "Министерство обороны"); an all-caps word of
  2–6 letters that is not a place and not a whole sentence shouting.
* **People** (``rule:title``, ``rule:given-name``, ``rule:speech-verb``, ``rule:caps``,
  ``rule:known-person``): a capitalised name after a title ("il segretario generale della NATO
  Jens Stoltenberg"), starting with a known given name, next to a speech verb, two or three
  unknown capitalised words inside a sentence, or a bare surname of someone named earlier. Titles
  are never part of the name. Japanese names are read before a title or honorific (岸田文雄首相,
  ストルテンベルグ事務総長, 岸田氏).
* **Places** (``rule:place-head``, ``rule:prep``): "Mar Nero", "Red Sea"; a lone unknown
  capitalised word after "in".

A person's ``canonical`` is the fullest name the text gave earlier ("Stoltenberg" → "Jens
Stoltenberg"); see :func:`fullest_name`. The result is sorted by start and has no overlaps:
the longest span wins, the gazetteer on ties.

>>> [(e.text, e.type.value, e.canonical) for e in find_entities("Kishida a Tokyo.", "it")]
[('Tokyo', 'place', 'Tokyo')]
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, compress, pairwise
from operator import add, attrgetter, itemgetter

from faro.model import Entity, EntityType, Sentence
from faro.text.rules import SUPPORTED, LanguageRules, rules_for

__all__ = ["find_entities", "fullest_name"]

logger = logging.getLogger(__name__)

MAX_NGRAM = 5
"""Longest gazetteer name, title or speech verb looked up, in tokens."""

#: At most this many lower-case words between a common noun of organisations and the name it
#: introduces ("plataforma | de verificación | Verificalia"): 3 (tuned on examples/).
ORG_NOUN_GAP = 3

#: At most this many words between a title and the name it introduces ("segretario generale
#: | della NATO | Jens Stoltenberg", "Primo Ministro | giapponese | Fumio Kishida"). Tuned on
#: examples/ and the tests: 4 admits "presidente della Commissione europea"; more starts to
#: reach names that belong to the next clause.
TITLE_GAP = 4

#: A sentence with at least this many words of four letters or more, this share of them
#: capitalised, is written in title case (a headline): capitalisation says nothing there, so the
#: "two or three unknown capitalised words" rule is off. Tuned on English headlines ("Nato
#: Chief Plans to Expand Drills With Japan": 1.0) against name-dense news sentences (≈0.7).
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.75

#: Japanese names before a title are 2–5 kanji (岸田, 岸田文雄, 石破茂); longer kanji runs are
#: compounds. Tuned on the Japanese tests.
JA_NAME_MIN, JA_NAME_MAX = 2, 5

#: All-caps words of this many letters may be organisations (EU … NATO, OPEC … UNESCO).
ACRONYM_MIN, ACRONYM_MAX = 2, 6

_PERSON, _ORG, _PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE

# --- tokenisation ---------------------------------------------------------------------------

_KANJI = "\u3005\u3006\u3007\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KATA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HIRA = "\u3040-\u309f"
_LETTER = rf"[^\W\d_{_KANJI}{_KATA}{_HIRA}]"
_TOKEN_PATTERNS = (
    rf"[{_KANJI}]+", rf"[{_KATA}]+", rf"[{_HIRA}]+",
    rf"(?:{_LETTER}\.){{2,}}(?!{_LETTER})"  # U.S., U.K., D.C.
    # words, with inner hyphens; an apostrophe stays inside Cyrillic words only (прем'єр), so
    # Romance elisions split: dell'Ucraina -> dell ' Ucraina
    rf"|{_LETTER}+(?:(?:[-\u2010\u2011]|(?<=[\u0400-\u04ff])['\u2019](?=[\u0400-\u04ff]))"
    rf"{_LETTER}+)*",
    r"\d+(?:[.,]\d+)*",
    r"\S",
)
_TOKEN_RE = re.compile("|".join(f"({p})" for p in _TOKEN_PATTERNS))
"""The tokens, one group per kind (see ``_KIND_BY_GROUP``)."""
_TOKEN_TEXT_RE = re.compile("|".join(f"(?:{p})" for p in _TOKEN_PATTERNS))
"""The same tokens without groups, for ``findall``."""
_CJK_ANY = re.compile(rf"[{_KANJI}{_KATA}{_HIRA}]")

_W, _KJ, _KT, _HR, _NUM, _PUNCT = range(6)
"""Token kinds: cased or caseless word, kanji run, katakana run, hiragana run, number, other."""
_KIND_BY_GROUP = (_PUNCT, _KJ, _KT, _HR, _W, _NUM, _PUNCT)
"""Token kind by the number of the ``_TOKEN_RE`` group that matched."""


class _KindByFirst(dict[str, int]):
    """Token kind by a token's first character, which alone decides the group of ``_TOKEN_RE``
    that matches; filled in as characters are met (one entry per distinct character)."""

    def __missing__(self, char: str) -> int:
        match = _TOKEN_RE.match(char)
        kind = _KIND_BY_GROUP[match.lastindex or 0] if match else _PUNCT
        self[char] = kind
        return kind


_KIND_BY_FIRST = _KindByFirst()
_JA_KINDS = frozenset({_KJ, _KT})

#: Endings of Russian and Ukrainian adjectives (all cases), for :meth:`_Doc._slavic_org`.
_SLAVIC_ADJECTIVE = ("ая", "ой", "ый", "ий", "ое", "ую", "ого", "ому", "ым", "ом", "ых", "ие",
                     "ее", "ей", "ська", "цька", "на", "ої", "ій", "ою", "их", "им", "ім", "ий",
                     "ього", "ьому")

_SLAVIC_ADJECTIVE_LOWER = (*_SLAVIC_ADJECTIVE, "а", "я", "і", "е")

_NORMALISE_PAIRS = (("’", "'"), ("ʼ", "'"), ("‘", "'"), ("`", "'"), ("ё", "е"), ("Ё", "Е"))
_NORMALISE = str.maketrans(dict(_NORMALISE_PAIRS))
_ENDERS = frozenset(".!?…。！？;")
_OPENERS = frozenset("“«„\"「『‘‹(")
_BOUNDARIES = _ENDERS | _OPENERS
_APOSTROPHES = frozenset("'’ʼ")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")
_JA_COUNTRY_ABBREVIATIONS = frozenset("米英露中韓日仏独伊加豪印朝台宇")
_KATA_LETTERS = frozenset(map(chr, range(0x30A1, 0x30FB))) | {"ー"}
_INFLECTED = frozenset({"ru", "uk", "pl"})
_GENITIVE_S = frozenset({"de", "nl"})
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_CJK_LANGS = frozenset({"ja", "zh", "yue", "wuu"})
#: Languages without articles, where a sentence often starts with a bare common noun
#: ("Mężczyzna twierdzi…"): a lone sentence-initial word next to a speech verb is no name there.
_NO_ARTICLES = frozenset({"ru", "uk", "pl", "ja", "zh", "ko"})
_FIRST_CHAR = itemgetter(0)
_PLUS_ONE = (1).__add__
_MATCH_START = re.Match.start
#: Words linking a title to what it belongs to ("portavoz de Correos", "capo della Polizia").
_GENITIVE_LINKS = frozenset("de di del della dello dei degli delle dell d of des du da do dos "
                            "das der van von".split())
#: Prefixes of capitalised names written with an inner capital that are not brands.
_NAME_PREFIXES = ("Mc", "Mac", "O'", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "Fitz",
                  "St", "Al", "El")


@dataclass(slots=True)
class _Tokens:
    starts: list[int]
    ends: list[int]
    toks: list[str]
    kinds: list[int]
    puncts: list[int]
    """Indices of punctuation tokens (sentence enders and openers are among them)."""
    hyphenated: list[int]
    """Indices of words with an inner hyphen."""


def _tokenise_regex(text: str, offset: int, out: _Tokens) -> None:
    """Append the tokens of a short ``text`` at ``offset``, as ``_TOKEN_RE`` finds them."""
    toks, starts, kinds = out.toks, out.starts, out.kinds
    kind_by_group = _KIND_BY_GROUP
    for m in _TOKEN_RE.finditer(text):
        kind = kind_by_group[m.lastindex or 6]
        token = m.group()
        if kind == _PUNCT:
            out.puncts.append(len(toks))
        elif kind == _W and "-" in token:
            out.hyphenated.append(len(toks))
        toks.append(token)
        starts.append(offset + m.start())
        kinds.append(kind)


def _tokenise_all_regex(text: str) -> _Tokens:
    """The tokens of a whole text, as ``_TOKEN_RE`` finds them, in bulk (Chinese and Japanese
    text, where the string-method fast path of :func:`_tokenise` does not apply): tokens never
    span white space, and within a run without it they are contiguous."""
    toks: list[str] = []
    starts: list[int] = []
    pos = 0
    for run in text.split():
        pos = text.find(run, pos)
        run_toks = _TOKEN_TEXT_RE.findall(run)
        toks += run_toks
        starts += accumulate(map(len, run_toks[:-1]), initial=pos)
        pos += len(run)
    kinds = list(map(_KIND_BY_FIRST.__getitem__, map(_FIRST_CHAR, toks)))
    hyphenated = [k for k in compress(range(len(toks)), map(_W.__eq__, kinds))
                  if "-" in toks[k]] if "-" in text else []
    return _Tokens(starts, list(map(add, starts, map(len, toks))), toks, kinds,
                   list(compress(range(len(toks)), map(_PUNCT.__eq__, kinds))), hyphenated)


def _is_word(core: str) -> bool:
    """Whether ``core`` is one word for ``_TOKEN_RE``: letters, inner single hyphens allowed."""
    return core.isalpha() or ("-" in core and core.replace("-", "").isalpha()
                              and "--" not in core and core[0] != "-" and core[-1] != "-")


def _tokenise_part(part: str, at: int, out: _Tokens) -> None:
    """Tokens of one space-separated chunk that is not a plain word: punctuation around a
    word or a number, an elision ("dell'Ucraina"), a hyphenated word; the regex for anything
    else."""
    if not part.isprintable():  # other white space inside (line breaks, no-break spaces)?
        pieces = part.split()
        if len(pieces) != 1 or pieces[0] != part:
            pos = 0
            for piece in pieces:
                pos = part.find(piece, pos)
                _tokenise_part(piece, at + pos, out)
                pos += len(piece)
            return
    core = part.strip(_EDGE)
    words: tuple[str, ...] = ()
    kind = _W
    if core.isalpha():
        words = (core,)
    elif not core:
        pass
    elif core.isdecimal():
        words, kind = (core,), _NUM
    elif "'" in core:
        left, _, right = core.partition("'")
        if (left.isalpha() and _is_word(right)
                and not ("\u0400" <= left[-1] <= "\u04ff" and "\u0400" <= right[0] <= "\u04ff")):
            words = (left, "'", right)
    elif _is_word(core):
        words = (core,)
    if (core and not words) or (kind == _W and _CJK_ANY.search(core)):
        _tokenise_regex(part, at, out)
        return
    toks, starts, kinds, puncts = out.toks, out.starts, out.kinds, out.puncts
    lead = part.find(core) if core else len(part)
    for k in range(lead):
        puncts.append(len(toks))
        toks.append(part[k])
        starts.append(at + k)
        kinds.append(_PUNCT)
    pos = at + lead
    for w in words:
        if w == "'":
            puncts.append(len(toks))
            kinds.append(_PUNCT)
        else:
            if "-" in w:
                out.hyphenated.append(len(toks))
            kinds.append(kind)
        toks.append(w)
        starts.append(pos)
        pos += len(w)
    for k in range(lead + len(core), len(part)):
        puncts.append(len(toks))
        toks.append(part[k])
        starts.append(at + k)
        kinds.append(_PUNCT)


#: Punctuation stripped from both ends of a space-separated chunk before checking whether the
#: rest is one plain word or number (see :func:`_tokenise_part`): only characters that
#: ``_TOKEN_RE`` always makes a token of their own. One trailing or leading mark is the
#: commonest case of all and is split without even stripping.
_EDGE = ".,;:!?…)]}»”\"'(“«„‘[{¿¡—–€%"
_TRAILING = frozenset(".,;:!?…)]}»”\"")
_LEADING = frozenset("(“«„\"[{¿¡")


def _tokenise(text: str, *, regex_only: bool = False) -> _Tokens:
    """The tokens of ``text`` with their offsets, exactly as ``_TOKEN_RE.finditer`` would give
    them. Plain words between spaces — most of a text — skip the regular expression: Python's
    regex engine costs ~40 ns a character, string methods a fraction of it."""
    if regex_only:
        return _tokenise_all_regex(text)
    out = _Tokens([], [], [], [], [], [])
    for space in "\n\r\t\xa0":  # one-character white space: same offsets, fewer odd chunks
        if space in text:
            text = text.replace(space, " ")
    parts = text.split(" ")
    offs = list(accumulate(map(_PLUS_ONE, map(len, parts)), initial=0))
    plain = bytes(map(str.isalpha, parts))
    """1 for each part that is one word: most of them."""
    toks, starts, kinds, puncts = out.toks, out.starts, out.kinds, out.puncts
    prev = 0
    i = plain.find(0)
    while i >= 0:
        if i > prev:  # plain words
            toks += parts[prev:i]
            starts += offs[prev:i]
            kinds += [_W] * (i - prev)
        prev = i + 1
        part = parts[i]
        at = offs[i]
        i = plain.find(0, prev)
        if not part:
            continue
        if part[-1] in _TRAILING and part[:-1].isalpha():  # "Giappone." "NATO,"
            puncts.append(len(toks) + 1)
            toks += (part[:-1], part[-1])
            starts += (at, at + len(part) - 1)
            kinds += (_W, _PUNCT)
        elif part.isdecimal():  # "2025"
            toks.append(part)
            starts.append(at)
            kinds.append(_NUM)
        elif "'" in part and _elision(part):  # "dell'Ucraina", "l'ARS"
            left = part.find("'")
            puncts.append(len(toks) + 1)
            toks += (part[:left], "'", part[left + 1:])
            starts += (at, at + left, at + left + 1)
            kinds += (_W, _PUNCT, _W)
        elif part[0] in _LEADING and part[1:].isalpha():  # "“La" "(Vladimir"
            puncts.append(len(toks))
            toks += (part[0], part[1:])
            starts += (at, at + 1)
            kinds += (_PUNCT, _W)
        else:
            _tokenise_part(part, at, out)
    if prev < len(parts):
        toks += parts[prev:]
        starts += offs[prev:-1]
        kinds += [_W] * (len(parts) - prev)
    out.ends = list(map(add, starts, map(len, toks)))
    return out


def _elision(part: str) -> bool:
    """Whether ``part`` is two non-Cyrillic words joined by an apostrophe ("dell'Ucraina")."""
    left, _, right = part.partition("'")
    return left.isalpha() and right.isalpha() and left[-1] < "\u0400" and right[0] < "\u0400"


def _split_name(name: str) -> list[tuple[str, bool]]:
    """Tokens of a gazetteer name with a flag "preceded by white space"."""
    out: list[tuple[str, bool]] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(name):
        out.append((m.group().translate(_NORMALISE), m.start() > prev_end))
        prev_end = m.end()
    return out


def _join(parts: Iterable[tuple[str, bool]]) -> str:
    return "".join((" " + t if spaced else t) for t, spaced in parts).lstrip()


# --- inflection -----------------------------------------------------------------------------

_RU_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_UK_CONSONANTS = frozenset("бвгґджзклмнпрстфхцчшщ")
_PL_CONSONANTS = frozenset("bcćdfghjklłmnńprsśtwzźż")


def _inflect(word: str, lang: str) -> set[str]:
    """Case forms of a name ("Россия" → "России", "Россию", …). Over-generates on purpose:
    only forms of gazetteer words are ever looked up, so a wrong form costs nothing."""
    if len(word) < 3 or not word.replace("'", "").replace("-", "").isalpha():
        return set()
    if lang == "ru":
        return _inflect_ru(word)
    if lang == "uk":
        return _inflect_uk(word)
    if lang == "pl":
        return _inflect_pl(word)
    if lang in _GENITIVE_S:
        return _inflect_germanic(word, lang)
    return set()


def _inflect_ru(w: str) -> set[str]:
    lw = w.lower()
    if lw.endswith("ия"):
        s = w[:-2]
        return {s + e for e in ("ии", "ию", "ией", "иею")}
    if lw.endswith(("ая", "яя")):
        s = w[:-2]
        return {s + e for e in ("ой", "ую", "ою", "ей", "юю")}
    if lw.endswith("я"):
        s = w[:-1]
        return {s + e for e in ("и", "ю", "ей", "е", "ею")}
    if lw.endswith("а"):
        s = w[:-1]
        y = "и" if s[-1:].lower() in "гкхжшчщ" else "ы"
        return {s + e for e in (y, "е", "у", "ой", "ою", "ей")}
    if lw.endswith(("ый", "ой")):
        s = w[:-2]
        return {s + e for e in ("ого", "ому", "ым", "ом")}
    if lw.endswith("ий"):
        s = w[:-2]
        return {s + e for e in ("ого", "ому", "им", "ом", "его", "ему", "ем", "ия", "ию", "ием",
                                "ии")}
    if lw.endswith("й"):
        s = w[:-1]
        return {s + e for e in ("я", "ю", "ем", "е")}
    if lw.endswith("ь"):
        s = w[:-1]
        return {s + e for e in ("я", "ю", "ем", "е", "и", "ью", "ём")}
    if lw.endswith(("ые", "ие")):
        s = w[:-1]
        return {s + e for e in ("х", "м", "ми")}
    if lw.endswith(("ы", "и")):
        s = w[:-1]
        return {s, *(s + e for e in ("ов", "ам", "ами", "ах", "ей"))}
    if lw.endswith("о"):  # Министерство, Сараево (Токио does not decline: harmless)
        s = w[:-1]
        return {s + e for e in ("а", "у", "ом", "е")}
    if lw[-1] in _RU_CONSONANTS:
        return {w + e for e in ("а", "у", "ом", "е", "ым", "ем", "ы")}
    return set()


def _inflect_uk(w: str) -> set[str]:
    lw = w.lower()
    if lw.endswith("ія"):
        s = w[:-2]
        return {s + e for e in ("ії", "ію", "ією")}
    if lw.endswith("я"):
        s = w[:-1]
        return {s + e for e in ("і", "ю", "ею", "ї", "єю")}
    if lw.endswith("а"):
        s = w[:-1]
        out = {s + e for e in ("и", "і", "у", "ою", "ої", "ій")}
        last = s[-1:].lower()
        if last in "кгх":
            out.add(s[:-1] + {"к": "ці", "г": "зі", "х": "сі"}[last])
        return out
    if lw.endswith("ий"):
        s = w[:-2]
        return {s + e for e in ("ого", "ому", "им", "ім")}
    if lw.endswith("ій"):
        s = w[:-2]
        return {s + e for e in ("ього", "ьому", "ім", "ія", "ію", "ієм", "ії")}
    if lw.endswith("й"):
        s = w[:-1]
        return {s + e for e in ("я", "ю", "єм", "ї", "ем")}
    if lw.endswith("ь"):
        s = w[:-1]
        return {s + e for e in ("я", "ю", "ем", "і")}
    if lw.endswith("і"):
        s = w[:-1]
        return {s + e for e in ("их", "им", "ими")}
    if lw.endswith("и"):
        s = w[:-1]
        return {s, *(s + e for e in ("ів", "ам", "ами", "ах"))}
    if lw.endswith("о"):  # Міністерство, Дніпро → Дніпра
        s = w[:-1]
        return {s + e for e in ("а", "у", "ом", "і")}
    if lw[-1] in _UK_CONSONANTS:
        out = {w + e for e in ("а", "у", "ом", "ові", "і", "ем", "им")}
        if lw.endswith(("ів", "їв")):  # Львів → Львова, Київ → Києва
            base = w[:-2] + ("ов" if lw.endswith("ів") else "єв")
            out |= {base + e for e in ("а", "у", "ом", "і")}
        return out
    return set()


def _inflect_pl(w: str) -> set[str]:
    lw = w.lower()
    if lw.endswith(("ja", "ia", "ea")):
        s = w[:-1]
        return {s + e for e in ("i", "ę", "ą", "o")}
    if lw.endswith("a"):
        s = w[:-1]
        last = s[-1:].lower()
        out = {s + e for e in ("ę", "ą", "o", "ej")}
        out.add(s + ("i" if last in "kg" else "y"))
        if last in "kg":
            out |= {s + "iej", s[:-1] + ("ce" if last == "k" else "dze")}
        elif lw.endswith("cha"):
            out.add(s[:-2] + "sze")
        elif last == "r":
            out.add(s + "ze")
        elif last == "t":
            out.add(s[:-1] + "cie")
        elif last == "d":
            out.add(s[:-1] + "dzie")
        elif last == "ł":
            out.add(s[:-1] + "le")
        else:
            out.add(s + "ie")
        return out
    if lw.endswith("y"):
        s = w[:-1]
        return {s, *(s + e for e in ("ów", "om", "ach", "ami", "ego", "emu", "ym", "ymi", "ych"))}
    if lw.endswith("i"):
        return {w + e for e in ("ego", "emu", "m", "ch", "mi")}
    if lw.endswith("e"):
        s = w[:-1]
        if s.lower().endswith("i"):
            return {s + e for e in ("ch", "m", "mi")}
        return {s + e for e in ("ych", "ym", "ymi")}
    if lw.endswith("o"):
        s = w[:-1]
        return {s + e for e in ("a", "u", "em", "ie")}
    if lw.endswith("ów"):
        base = w[:-2] + "ow"
        return {base + e for e in ("a", "u", "em", "ie", "owi")}
    last = lw[-1]
    if last in "ńśćź":
        soft = w[:-1] + {"ń": "ni", "ś": "si", "ć": "ci", "ź": "zi"}[last]
        return {soft, *(soft + e for e in ("a", "u", "em", "owi", "e", "ą"))}
    if last in _PL_CONSONANTS:
        base = w
        if lw.endswith("ek") and len(w) > 4:  # Marek → Marka
            base = w[:-2] + "k"
        elif lw.endswith("eł"):  # Paweł → Pawła
            base = w[:-2] + "ł"
        out = {base + e for e in ("a", "u", "owi", "em", "ie", "y", "i")}  # Straż → Straży
        if last in "kg":
            out.add(base + "iem")
        if last == "t":  # Egipt → Egipcie, Budapeszt → Budapeszcie
            out.add(w[:-1] + "cie")
        elif last == "d":
            out.add(w[:-1] + "dzie")
        elif last == "r":
            out.add(w + "ze")
        elif last == "ł":
            out.add(w[:-1] + "le")
        return out
    return set()


def _inflect_germanic(w: str, lang: str) -> set[str]:
    lw = w.lower()
    out: set[str] = set()
    if lw[-1] not in "sßxz":
        out.add(w + "s")
        if lang == "de":
            out.add(w + "es")
    if lang == "de":
        if lw.endswith("e"):
            out |= {w + e for e in ("n", "r", "s", "m")}
        elif lw.endswith(("es", "er", "en", "em")) and len(w) > 5:
            base = w[:-2]
            out |= {base + e for e in ("e", "en", "er", "es", "em")}
    return out


#: Case endings stripped when a bare surname is compared with an earlier full name
#: ("Шольца" ~ "Шольц", "Tuskiem" ~ "Tusk"), longest first.
_SURNAME_ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": ("ого", "ому", "ыми", "ими", "ым", "им", "ом", "ем", "ой", "ою", "ей", "ею", "ую", "ий",
           "ый", "ия", "ии", "ию", "а", "я", "у", "ю", "е", "ы", "и", "ь", "й"),
    "uk": ("ього", "ому", "ого", "ими", "ім", "им", "ом", "ем", "ою", "ої", "ій", "ію", "ією", "ії",
           "ія", "ий", "ів", "а", "я", "у", "ю", "е", "і", "и", "ь", "й"),
    "pl": ("iego", "iemu", "ego", "emu", "owi", "iem", "em", "ym", "im", "ie", "ą", "ę", "a", "u",
           "y", "i", "e"),
    "de": ("s",),
    "nl": ("s",),
}


_ENDING_RANKS = {lang: {e: rank for rank, e in enumerate(endings)}
                 for lang, endings in _SURNAME_ENDINGS.items()}
"""Each case ending's place in :data:`_SURNAME_ENDINGS` (the first one that fits wins)."""
_ENDING_SIZES = {lang: sorted({len(e) for e in endings}, reverse=True)
                 for lang, endings in _SURNAME_ENDINGS.items()}


def _stem(token: str, lang: str) -> str:
    """``token`` without a case ending, for comparing name mentions across cases: the first
    ending in :data:`_SURNAME_ENDINGS` that leaves at least three letters."""
    ranks = _ENDING_RANKS.get(lang)
    if ranks is None:
        return token
    stem, best = token, len(ranks)
    for size in _ENDING_SIZES[lang]:  # one candidate ending of each size
        rank = ranks.get(token[-size:], best)
        if rank < best and len(token) - size >= 3:
            stem, best = token[:-size], rank
    if lang == "pl" and stem.endswith(("ek", "eł", "ec")) and len(stem) > 4:
        stem = stem[:-2] + stem[-1]  # the mobile e: Wilczek ~ Wilczka, Paweł ~ Pawła
    return stem


# --- data -----------------------------------------------------------------------------------


def _data_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, comments and blank lines skipped."""
    text = resources.files("faro.resources.gazetteer").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def _cues() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for file in ("cues.tsv", "titles.tsv"):
        for row in _data_rows(file):
            lang, kind, entries = row[0], row[1], row[2]
            key = (lang, kind if file == "cues.tsv" else "title_" + kind)
            out[key] = out.get(key, ()) + tuple(e for e in entries.split("|") if e)
    return out


def _cue(lang: str, kind: str, *, also: str | None = None) -> tuple[str, ...]:
    cues = _cues()
    out = cues.get(("*", kind), ()) + cues.get((lang, kind), ())
    if also:
        out += cues.get((also, kind), ())
    return out


@cache
def _given_names() -> tuple[str, ...]:
    text = resources.files("faro.resources.gazetteer").joinpath("given_names.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return tuple(s.translate(_NORMALISE) for s in (x.strip() for x in lines) if s and s[0] != "#")


@cache
def _entries() -> tuple[tuple[EntityType, str, str, frozenset[str] | None, tuple[str, ...]], ...]:
    """(type, kind, canonical, languages or None for all, names) from places.tsv and orgs.tsv."""
    out: list[tuple[EntityType, str, str, frozenset[str] | None, tuple[str, ...]]] = []
    for file, etype in (("places.tsv", _PLACE), ("orgs.tsv", _ORG)):
        for row in _data_rows(file):
            canonical, kind, langs, names = row[0], row[1], row[2], row[3]
            only = None if langs == "*" else frozenset(langs.split(","))
            out.append((etype, kind, canonical, only, tuple(n for n in names.split("|") if n)))
    return tuple(out)


def _babel_territories(lang: str) -> dict[str, str]:
    try:
        from babel import Locale

        return dict(Locale.parse(lang).territories)
    except Exception:  # unknown or malformed locale: Babel raises several types
        return {}


#: Babel territory codes that are not countries (or are organisations listed in orgs.tsv).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "001"})


def _babel_names(lang: str) -> list[tuple[str, EntityType, str]]:
    """(name, place, canonical) from Babel: ISO code for countries, English for regions."""
    english = _babel_territories("en")
    out: list[tuple[str, EntityType, str]] = []
    for code_lang in dict.fromkeys((lang, "en")):
        for code, name in _babel_territories(code_lang).items():
            if code in _NOT_COUNTRIES:
                continue
            canonical = code if code.isalpha() else english.get(code, name)
            for variant in _name_variants(name):
                out.append((variant, _PLACE, canonical))
    return out


_PAREN_RE = re.compile(r"\s*\(([^)]*)\)\s*")


def _name_variants(name: str) -> list[str]:
    """"Myanmar (Birmania)" → Myanmar (Birmania), Myanmar, Birmania; "Congo - Kinshasa" → also
    Congo-Kinshasa."""
    out = [name]
    m = _PAREN_RE.search(name)
    if m:
        out += [_PAREN_RE.sub(" ", name).strip(), m.group(1).strip()]
    if " - " in name or " – " in name:
        out.append(name.replace(" - ", "-").replace(" – ", "-"))
    return [v for v in out if v]


# --- per-language lexicon -------------------------------------------------------------------


@dataclass(slots=True)
class _Lexicon:
    """Everything looked up for one language. Keys of ``gaz`` are names as tokens joined with a
    space where the name has one ("Corea del Nord", "U.S."); ``gaz_first`` maps a name's first
    token (and its case forms) to the longest name starting with it, in tokens; ``forms`` maps
    a case form to its nominative ("России" → "Россия"). Titles, speech verbs and the other cue
    words are lower-case."""

    code: str
    gaz: dict[str, tuple[EntityType, str]] = field(default_factory=dict)
    gaz_first: dict[str, int] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    cjk_gaz: dict[str, tuple[EntityType, str]] = field(default_factory=dict)
    cjk_start: re.Pattern[str] | None = None
    """Where a name in ``cjk_gaz`` may start: its first character, before a possible second
    one."""
    cjk_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """The first two characters of names in ``cjk_gaz`` (the name, if it has one) → the lengths
    of the names starting with them, longest first (with 1 if the first character alone is a
    name)."""
    titles: set[str] = field(default_factory=set)
    title_first: dict[str, int] = field(default_factory=dict)
    title_forms: dict[str, str] = field(default_factory=dict)
    title_suffixes: tuple[str, ...] = ()
    title_last: frozenset[str] = frozenset()
    """Last words of titles and their case forms: only tokens among them (or long words, for
    compounds) can end one."""
    portfolio: frozenset[str] = frozenset()
    given: dict[str, str] = field(default_factory=dict)
    heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    linkers: frozenset[str] = frozenset()
    calendar: frozenset[str] = frozenset()
    """Month and weekday names: a connector before one ends a name ("… on Monday")."""
    particles: frozenset[str] = frozenset()
    coords: frozenset[str] = frozenset()
    non_names: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    in_preps: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    speech_max: int = 1
    speech_first: frozenset[str] = frozenset()
    speech_last: frozenset[str] = frozenset()
    genitive: tuple[str, ...] = ()
    acronym_stop: frozenset[str] = frozenset()
    caps_rule: bool = True
    ja: dict[str, frozenset[str]] = field(default_factory=dict)
    ja_title_max: int = 0
    ja_titles: tuple[str, ...] = ()
    ja_honorifics: tuple[str, ...] = ()
    ja_not_name_endings: tuple[str, ...] = ()
    ja_suffix_last: frozenset[str] = frozenset()
    """Last characters of titles and of organisation and place suffixes."""
    ja_prefix_strip: tuple[str, ...] = ()
    """Longest first."""
    abbreviations: frozenset[str] = frozenset()
    lower_heads: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    compound_heads: tuple[str, ...] = ()
    work_heads: frozenset[str] = frozenset()
    not_in_names: frozenset[str] = frozenset()
    """Words that split a capitalised run: non-names, portfolio, head and place-head words."""


def _rules(code: str) -> LanguageRules:
    try:
        return rules_for(code)
    except (ImportError, AttributeError):  # a rules module being rewritten: use the fallback
        logger.warning("no usable rules for %r; entity speech verbs fall back to generic", code)
        return rules_for(None)


@lru_cache(maxsize=1024)
def _lexicon_code(lang: str) -> str:
    """The code a lexicon is built for: a supported language, another language Babel knows,
    or ``und``."""
    code = re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]
    if code in SUPPORTED:
        return code
    if not re.fullmatch(r"[a-z]{2,3}", code):
        return "und"
    try:
        from babel import localedata

        return code if localedata.exists(code) else "und"
    except Exception:  # Babel raises on odd identifiers
        return "und"


@cache
def _lexicon(code: str) -> _Lexicon:
    """Everything :func:`find_entities` looks up for one language, built once."""
    supported = code in SUPPORTED
    lex = _Lexicon(code=code)
    inflect = code in _INFLECTED or code in _GENITIVE_S
    blocked = frozenset(_cue(code, "blocked_form"))

    def add_forms(token: str) -> None:
        if inflect and token[:1].isupper():
            for form in _inflect(token, code):
                if form not in blocked:
                    lex.forms.setdefault(form, token)

    def add(name: str, etype: EntityType, canonical: str) -> None:
        parts = _split_name(name)
        if not parts:
            return
        key = _join(parts)
        if code in _CJK_LANGS and all(_is_cjk(t) for t, _ in parts):
            compact = key.replace(" ", "")
            lex.cjk_gaz.setdefault(compact, (etype, canonical))
            return
        if key in lex.gaz or len(parts) > MAX_NGRAM:
            return
        lex.gaz[key] = (etype, canonical)
        first = parts[0][0]
        lex.gaz_first[first] = max(lex.gaz_first.get(first, 0), len(parts))
        for t, _ in parts:
            add_forms(t)

    for etype, kind, canonical, only, names in _entries():
        if kind == "country" and (only is None or code in only):
            for name in names:
                add(name, etype, canonical)
    for name, etype, canonical in _babel_names(code if code != "und" else "en"):
        add(name, etype, canonical)
    for etype, kind, canonical, only, names in _entries():
        if kind != "country" and (only is None or code in only):
            for name in names:
                add(name, etype, name if canonical == "=" else canonical)
    for form, lemma in list(lex.forms.items()):
        if lemma in lex.gaz_first:
            lex.gaz_first[form] = max(lex.gaz_first.get(form, 0), lex.gaz_first[lemma])
    cjk_lengths: dict[str, set[int]] = {}
    for key in lex.cjk_gaz:
        cjk_lengths.setdefault(key[:2], set()).add(len(key))
    for prefix, lengths in cjk_lengths.items():
        if len(prefix) == 2 and prefix[0] in lex.cjk_gaz:
            lengths.add(1)
    lex.cjk_lengths = {p: tuple(sorted(ls, reverse=True)) for p, ls in cjk_lengths.items()}
    firsts = "".join(sorted({key[0] for key in lex.cjk_gaz if len(key) > 1}))
    seconds = "".join(sorted({key[1] for key in lex.cjk_gaz if len(key) > 1}))
    singles = "".join(sorted(key for key in lex.cjk_gaz if len(key) == 1))
    starts = [f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])"] if firsts else []
    starts += [f"[{re.escape(singles)}]"] if singles else []
    lex.cjk_start = re.compile("|".join(starts)) if starts else None

    rules = _rules(code)
    titles = {t.lower() for t in _cue(code, "title_title", also=None if supported else "en")}
    titles |= {t.lower() for t in rules.role_nouns}
    for title in titles:
        parts = [(t.lower(), sp) for t, sp in _split_name(title)]
        if not parts or len(parts) > MAX_NGRAM:
            continue
        lex.titles.add(_join(parts))
        lex.title_first[parts[0][0]] = max(lex.title_first.get(parts[0][0], 0), len(parts))
        if code in _INFLECTED or code == "de":
            for t, _ in parts:
                forms = _inflect(t, code) if code != "de" else {t + e for e in ("en", "n", "s",
                                                                                 "es")}
                for form in forms:
                    lex.title_forms.setdefault(form, t)
    for form, lemma in lex.title_forms.items():
        if lemma in lex.title_first:
            lex.title_first[form] = max(lex.title_first.get(form, 0), lex.title_first[lemma])
    lex.title_suffixes = tuple(t.lower() for t in _cues().get((code, "title_suffix"), ()))
    title_last = {_split_name(t)[-1][0] for t in lex.titles}
    lex.title_last = frozenset(title_last | {form for form, lemma in lex.title_forms.items()
                                             if lemma in title_last})
    lex.portfolio = frozenset(t.lower().translate(_NORMALISE)
                              for t in _cue(code, "title_portfolio"))

    for name in _given_names():
        lex.given.setdefault(name, name)
        if inflect:
            for form in _inflect(name, code):
                if form not in blocked:
                    lex.given.setdefault(form, name)

    heads = {h.lower() for h in _cue(code, "head", also="en" if code != "en" else None)}
    if code in _INFLECTED:
        heads |= {f.lower() for h in list(heads) for f in _inflect(h, code)}
    lex.heads = frozenset(heads)
    lex.place_heads = frozenset(h.lower() for h in _cue(code, "place_head"))
    lex.lower_heads = frozenset(_cues().get((code, "lower_head"), ()))
    lex.compound_heads = _cues().get((code, "compound_head"), ())
    lex.particles = frozenset(p.lower() for p in (*rules.name_particles,
                                                  "de", "van", "von", "der", "den", "di", "da",
                                                  "du", "dos", "das", "del", "bin", "ibn", "al",
                                                  "el", "ben", "ter", "ten", "zu", "le", "la"))
    connectors = frozenset(c.lower() for c in _cue(code, "connector"))
    lex.linkers = lex.particles | connectors
    lex.coords = frozenset(c.lower() for c in _cue(code, "coord")) & lex.linkers
    lex.particles -= lex.coords
    non_names = {w.lower() for w in _cue(code, "non_name")}
    lex.calendar = frozenset(_calendar_words(code))
    non_names |= lex.calendar
    lex.non_names = frozenset(non_names)
    lex.work_heads = frozenset(w.lower() for w in _cue(code, "work_head"))
    lex.not_in_names = (lex.non_names | lex.portfolio | lex.heads | lex.place_heads
                        | lex.work_heads)
    lex.determiners = frozenset(_cues().get((code, "determiner"), ()))
    lex.in_preps = frozenset(_cues().get((code, "in_prep"), ()))
    lex.org_nouns = frozenset(_cues().get((code, "org_noun"), ()))
    speech = {_join((t.lower(), sp) for t, sp in _split_name(v))
              for v in rules.speech_verbs if v and not v.startswith("と")}
    lex.speech = frozenset(s for s in speech if s)
    lex.speech_first = frozenset(_split_name(s)[0][0] for s in lex.speech)
    lex.speech_last = frozenset(_split_name(s)[-1][0] for s in lex.speech)
    lex.speech_max = max((s.count(" ") + 1 for s in lex.speech), default=1)
    lex.genitive = tuple(sorted(_cues().get((code, "genitive"), ()), key=len, reverse=True))
    lex.acronym_stop = frozenset(_cue(code, "acronym_stop"))
    lex.caps_rule = code not in _NOUNS_CAPITALISED
    lex.abbreviations = frozenset(a.lower() for a in rules.abbreviations) | {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "sig", "dott", "on"}
    if code == "ja":
        lex.ja = {kind: frozenset(_cues().get(("ja", kind), ()))
                  for kind in ("org_suffix", "place_suffix", "prefix_strip", "stop_prefix",
                               "honorific_after", "non_entity", "title_suffix",
                               "family_name")}
        lex.ja_title_max = max((len(t) for t in lex.ja["title_suffix"]), default=0)
        lex.ja_titles = tuple(lex.ja["title_suffix"])
        lex.ja_honorifics = tuple(lex.ja["honorific_after"])
        lex.ja_not_name_endings = (*lex.ja["org_suffix"], *lex.ja["place_suffix"])
        lex.ja_suffix_last = frozenset(s[-1] for s in (*lex.ja_titles, *lex.ja_not_name_endings))
        lex.ja_prefix_strip = tuple(sorted(lex.ja["prefix_strip"], key=len, reverse=True))
    return lex


def _calendar_words(code: str) -> set[str]:
    """Month and weekday names (in the language and English): capitalised, never names."""
    words: set[str] = set()
    try:
        from babel import Locale

        for lang in dict.fromkeys((code, "en")):
            loc = Locale.parse(lang)
            for table in (loc.months, loc.days):
                for context in table.values():
                    for width in context.values():
                        words |= {str(v).lower() for v in width.values()}
    except Exception:  # no calendar data for the locale: nothing to exclude
        pass
    return words


_CJK_WORD = re.compile("[\u3000-\u9fff\uf900-\ufaff\uff66-\uff9f]+")


def _is_cjk(token: str) -> bool:
    return _CJK_WORD.fullmatch(token) is not None


# --- the analysis ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    type: EntityType
    canonical: str
    source: str
    priority: int
    """0 for gazetteer hits (they win ties), 1 for rules."""
    name: tuple[str, ...] = ()
    """For people: the name's tokens (lemmatised where the language inflects)."""


class _Doc:
    """One call's working state: tokens, their flags, and the candidates found so far."""

    def __init__(self, text: str, lex: _Lexicon, sentences: Sequence[Sentence]) -> None:
        self.text = text
        self.lex = lex
        self.code = lex.code
        for old, new in _NORMALISE_PAIRS:  # same length: offsets stay valid
            if old in text:
                text = text.replace(old, new)
        tokens = _tokenise(text, regex_only=lex.code in _CJK_LANGS)
        self.starts, self.ends, self.toks, self.kinds = (tokens.starts, tokens.ends,
                                                         tokens.toks, tokens.kinds)
        self.n = len(self.toks)
        self.hyphenated = tokens.hyphenated
        """Indices of words with a hyphen inside ("NAVO-top", "US-Präsident")."""
        self.lows = list(map(str.lower, self.toks))
        self.caps = list(map(str.isupper, map(_FIRST_CHAR, self.toks)))
        """Whether each token is a capitalised word."""
        self.cover: list[int] = [-1] * self.n
        """Index of the gazetteer hit covering each token, or -1."""
        self.hits: list[tuple[int, int, EntityType, str]] = []
        self.cands: list[_Candidate] = []
        self.surnames: set[str] = set()
        """Stems of the words of full names found so far that may stand alone later."""
        self.name_ends: set[tuple[str, str]] = set()
        """(second-last word, stem of the last word) of names of three words or more."""
        self.cjk_prefixes: dict[str, str] = {}
        """Japanese: a family name (or "・"-separated last part) → the full name."""
        self.after_newline: set[int] = set()
        """Tokens with a line break before them."""
        self.initial = self._sentence_initial(sentences, tokens.puncts)
        self._token_set: set[str] | None = None
        self._title_case: dict[int, bool] = {}
        self._initial_sorted: list[int] | None = None
        self._title_end: list[int] = [-2] * self.n
        self._title_start: dict[int, int] = {}
        self.pending: list[int] = []
        """Lone capitalised words without evidence, resolved once every full name is known."""
        self.cjk_starts: list[int] = []
        self.cjk_ends: list[int] = []
        """Japanese gazetteer names found, in order."""

    # token predicates

    def newline_before(self, i: int) -> bool:
        return i in self.after_newline

    def is_upper(self, i: int) -> bool:
        t = self.toks[i]
        return self.kinds[i] == _W and len(t) >= 2 and t.isupper() and t.isalpha()

    def lower_seen(self, low: str) -> bool:
        """Whether the lower-case word ``low`` occurs in the text in lower case."""
        if self._token_set is None:
            self._token_set = set(self.toks)
        return low in self._token_set and low.islower()

    def key(self, i: int, j: int, lows: bool = False) -> str:
        seq = self.lows if lows else self.toks
        parts = [seq[i]]
        for k in range(i + 1, j):
            if self.starts[k] > self.ends[k - 1]:
                parts.append(" ")
            parts.append(seq[k])
        return "".join(parts)

    def _sentence_initial(self, sentences: Sequence[Sentence], puncts: list[int]) -> set[int]:
        """Tokens that start a sentence: the first word at or after each given sentence start,
        after terminal punctuation (not an abbreviation's or an initial's dot), a line break or
        an opening quote."""
        triggers = [0]
        starts, ends, toks, n = self.starts, self.ends, self.toks, self.n
        for sentence in sentences:
            start = getattr(sentence, "start", None)
            if isinstance(start, int):
                triggers.append(bisect_left(starts, start))
        pos = self.text.find("\n")
        while pos >= 0:
            k = bisect_left(starts, pos)
            triggers.append(k)
            self.after_newline.add(k)
            pos = self.text.find("\n", pos + 1)
        lows, caps, abbreviations = self.lows, self.caps, self.lex.abbreviations
        for i in compress(puncts, map(_BOUNDARIES.__contains__, map(toks.__getitem__, puncts))):
            t = toks[i]
            if t in _ENDERS:
                prev = lows[i - 1] if i else ""
                if t == "." and i and (prev in abbreviations or (len(prev) == 1 and caps[i - 1])):
                    continue
                triggers.append(i + 1)
            elif i + 1 < n and starts[i + 1] == ends[i]:  # an opener
                triggers.append(i + 1)
        initial: set[int] = set()
        kinds = self.kinds
        scanned = -1
        for trigger in sorted(set(triggers)):
            if trigger <= scanned:
                continue  # its first word was found from an earlier trigger
            k = trigger
            while k < n and kinds[k] == _PUNCT:
                k += 1
            scanned = k
            if k < n and kinds[k] != _NUM:
                initial.add(k)
        return initial

    def title_case(self, i: int) -> bool:
        """Whether the sentence holding token ``i`` is written in title case (a headline)."""
        if self._initial_sorted is None:
            self._initial_sorted = sorted(self.initial)
        pos = bisect_right(self._initial_sorted, i)
        start = self._initial_sorted[pos - 1] if pos else 0
        cached = self._title_case.get(start)
        if cached is not None:
            return cached
        words = caps = 0
        k = start
        while k < self.n and (k == start or k not in self.initial):
            if self.kinds[k] == _W and len(self.toks[k]) > 3:
                words += 1
                caps += self.caps[k]
            k += 1
        result = words >= TITLE_CASE_MIN_WORDS and caps >= TITLE_CASE_SHARE * words
        self._title_case[start] = result
        return result

    # gazetteer

    def scan_gazetteer(self) -> None:
        """Longest gazetteer names over token n-grams; in inflecting languages each token
        may also stand for its nominative ("России" → "Россия")."""
        lex, toks, kinds, starts, ends, n = (self.lex, self.toks, self.kinds, self.starts,
                                             self.ends, self.n)
        gaz, first, forms = lex.gaz, lex.gaz_first, lex.forms
        hits, cover = self.hits, self.cover
        done = 0
        for i in compress(range(n), map(first.__contains__, toks)):
            if i < done:
                continue
            t = toks[i]
            if first[t] == 1:  # one-word names: most hits
                hit = gaz.get(t) or (gaz.get(forms.get(t, "")) if forms else None)
                if hit:
                    cover[i] = len(hits)
                    hits.append((i, i + 1, hit[0], hit[1]))
                    done = i + 1
                continue
            exact = t
            lemma = forms.get(t, t) if forms else t
            hit = gaz.get(exact) or (gaz.get(lemma) if lemma is not exact else None)
            found = (i + 1, hit) if hit else None
            for k in range(i + 1, min(n, i + first[t])):
                t = toks[k]
                if kinds[k] == _PUNCT and t not in ".,'&-+":
                    break
                sep = " " if starts[k] > ends[k - 1] else ""
                exact = exact + sep + t
                lemma = lemma + sep + (forms.get(t, t) if forms else t)
                hit = gaz.get(exact) or (gaz.get(lemma) if lemma != exact else None)
                if hit:
                    found = (k + 1, hit)
            if found is None:
                continue
            j, (etype, canonical) = found
            for k in range(i, j):
                cover[k] = len(hits)
            hits.append((i, j, etype, canonical))
            done = j
        for i in self.hyphenated:
            if self.cover[i] < 0 and kinds[i] == _W:
                self._compound(i)
        if self.code == "ko":
            self._korean_particles()

    def _korean_particles(self) -> None:
        """Korean writes case particles onto the name (서울에서, 미국은): a gazetteer name that a
        word starts with, followed by at most three more syllables."""
        gaz = self.lex.gaz
        for i, t in enumerate(self.toks):
            if self.cover[i] >= 0 or not ("\uac00" <= t[0] <= "\ud7a3"):
                continue
            for cut in (1, 2, 3):
                hit = gaz.get(t[:-cut]) if len(t) - cut >= 2 else None
                if hit:
                    end = self.ends[i] - cut
                    self.cands.append(_Candidate(self.starts[i], end, hit[0], hit[1],
                                                 "gazetteer", 0))
                    break

    def _compound(self, i: int) -> None:
        """A known name at either end of a hyphenated word: "NAVO-top", "anti-NATO",
        "US-Präsident", "Russia-Ucraina"."""
        token = self.toks[i]
        parts = token.split("-")
        start = self.starts[i]
        for part, offset in ((parts[0], 0), (parts[-1], len(token) - len(parts[-1]))):
            if len(part) < 2 or not part[0].isupper():
                continue
            hit = self.lex.gaz.get(part) or self.lex.gaz.get(self.lex.forms.get(part, ""))
            if hit:
                self.cands.append(_Candidate(start + offset, start + offset + len(part), hit[0],
                                             hit[1], "gazetteer", 0))

    # titles and cues

    def title_at(self, i: int) -> int:
        """End (exclusive) of the longest title starting at token ``i``, or -1."""
        memo = self._title_end[i]
        if memo != -2:
            return memo
        best = -1
        lex, lows = self.lex, self.lows
        low = lows[i]
        maxn = lex.title_first.get(low, 0)
        forms = lex.title_forms
        lemma = forms.get(low, low) if forms else low
        if lemma is not low:
            maxn = max(maxn, lex.title_first.get(lemma, 0))
        if (maxn or len(low) > 4) and self.kinds[i] == _W:
            titles = lex.titles
            if maxn:
                if low in titles or lemma in titles:
                    best = i + 1
                exact, lemmas, starts, ends = low, lemma, self.starts, self.ends
                for k in range(i + 1, min(self.n, i + maxn)):
                    sep = " " if starts[k] > ends[k - 1] else ""
                    exact += sep + lows[k]
                    lemmas += sep + forms.get(lows[k], lows[k])
                    if exact in titles or lemmas in titles:
                        best = k + 1
            if best < 0 and len(low) > 4:
                if "-" in low and low.rsplit("-", 1)[1] in titles:  # US-Präsident, экс-премьер
                    best = i + 1
                elif lex.title_suffixes and low.endswith(lex.title_suffixes) and any(
                        low.endswith(x) and len(low) > len(x) + 2 for x in lex.title_suffixes):
                    best = i + 1  # Außenministerin, Kremlchef
        self._title_end[i] = best
        if best > i:
            self._title_start.setdefault(best - 1, i)
        return best

    def title_ending_at(self, k: int) -> bool:
        """Whether a title ends at token ``k`` (inclusive)."""
        low = self.lows[k]
        lex = self.lex
        if low in lex.title_last:
            for start in range(max(0, k - MAX_NGRAM + 1), k + 1):
                if self._title_end[start] == -2:
                    self.title_at(start)
            return k in self._title_start
        # compounds ("Außenministerin", "US-Präsident") are one token
        if len(low) <= 4 or self.kinds[k] != _W or not (
                "-" in low or (lex.title_suffixes and low.endswith(lex.title_suffixes))):
            return False
        return self.title_at(k) == k + 1

    def title_before(self, i: int) -> int:
        """The last token of a title ending within :data:`TITLE_GAP` words before token ``i``,
        or -1; the words between may be lower-case words, connectors, apostrophes, known names
        and portfolio words."""
        initial = self.initial
        if i in initial:
            return -1
        lex, toks, lows, cover = self.lex, self.toks, self.lows, self.cover
        k = i - 1
        while k >= 0 and toks[k] in _APOSTROPHES:
            k -= 1
        if k >= 0 and lows[k] in _GENITIVE_LINKS:
            return -1  # "la portavoz de Correos": what the title belongs to, not a name
        title_last, suffixes, portfolio = lex.title_last, lex.title_suffixes, lex.portfolio
        gap = 0
        k = i - 1
        while k >= 0 and gap <= TITLE_GAP:
            if k + 1 in initial and k + 1 != i:
                return -1
            low = lows[k]
            if (low in title_last or (len(low) > 4 and (  # see title_ending_at
                    "-" in low or (suffixes and low.endswith(suffixes))))) and (
                    self.title_ending_at(k)):
                return k
            if cover[k] >= 0:
                k = self.hits[cover[k]][0] - 1
                gap += 1
                continue
            kind, t = self.kinds[k], toks[k]
            if kind == _NUM or (kind == _PUNCT and t not in _APOSTROPHES):
                return -1
            if self.caps[k] and low not in portfolio and not self.is_upper(k):
                return -1
            if low not in portfolio and t not in _APOSTROPHES:
                gap += 1
            k -= 1
        return -1

    def speech_near(self, i: int, j: int) -> bool:
        """A speech verb right after token ``j - 1`` (after an optional comma) or right before
        token ``i``."""
        lex = self.lex
        k = j
        if k < self.n and self.toks[k] == ",":
            k += 1
        if k < self.n and self.lows[k] in lex.speech_first:
            for m in range(1, lex.speech_max + 1):
                if k + m <= self.n and self.key(k, k + m, lows=True) in lex.speech:
                    return True
        if i > 0 and self.lows[i - 1] in lex.speech_last:
            for m in range(1, lex.speech_max + 1):
                if i - m >= 0 and self.key(i - m, i, lows=True) in lex.speech:
                    return True
        return False

    # runs of capitalised words

    def scan_runs(self) -> None:
        """Analyse each run of capitalised words not wholly a gazetteer name. A run is
        capitalised words joined by spaces, name particles and connectors ("Ursula von der
        Leyen", "Ministero dell'Economia") and initials ("George W. Bush")."""
        caps, lows, toks, kinds, cover, n = (self.caps, self.lows, self.toks, self.kinds,
                                             self.cover, self.n)
        linkers, initial, newline = self.lex.linkers, self.initial, self.after_newline
        lower_heads = self.lex.lower_heads
        j = 0
        for i in compress(range(n), caps):
            if i < j or kinds[i] != _W:
                continue
            j = i + 1  # the end of the run
            while j < n:
                if caps[j]:
                    if j in initial or j in newline:
                        break
                    j += 1
                    continue
                low = lows[j]
                if low == ".":  # an initial: "W." before a capitalised word
                    if (len(toks[j - 1]) == 1 and caps[j - 1] and j + 1 < n and caps[j + 1]
                            and j + 1 not in newline):
                        j += 1
                        continue
                    break
                if low not in linkers and low not in _APOSTROPHES:
                    break
                k = j + 1
                while k < n and k - j < 3 and (lows[k] in linkers or lows[k] in _APOSTROPHES):
                    k += 1
                if (k < n and caps[k] and k not in newline and k not in initial
                        and lows[k] not in self.lex.calendar):  # not "… on Monday"
                    j = k
                    continue
                break
            if cover[i] >= 0 and (j == i + 1 or all(cover[k] >= 0 for k in range(i + 1, j))):
                continue  # gazetteer names only
            if lower_heads and self._lower_head(i, j):
                continue
            if j == i + 1:
                self._single(i)
            else:
                self._run(i, j)

    def _slavic_org(self, i: int) -> bool:
        """"Центральной избирательной комиссии", "Харківська обласна військова адміністрація":
        a capitalised adjective, up to two lower-case ones and a lower-case head noun."""
        lex = self.lex
        if not self.lows[i].endswith(_SLAVIC_ADJECTIVE):
            return False
        k = i + 1
        while k < self.n and k - i <= 3 and self.kinds[k] == _W and self.toks[k].islower():
            if self.lows[k] in lex.heads:
                e = self._genitive_tail(k + 1, k + 1)
                text = self.text[self.starts[i]:self.ends[e - 1]]
                self.cands.append(_Candidate(self.starts[i], self.ends[e - 1], _ORG,
                                             " ".join(text.split()), "rule:org-head", 1))
                return True
            if not self.lows[k].endswith(_SLAVIC_ADJECTIVE_LOWER):
                return False
            k += 1
        return False

    def _lower_head(self, i: int, j: int) -> bool:
        """"il ministero della Difesa", "le ministère des Armées": a lower-case head word and
        connectors before the run ``[i, j)`` make it an organisation."""
        lows, lex = self.lows, self.lex
        k = i - 1
        while k >= 0 and i - k <= 3 and not self.caps[k] and (
                lows[k] in lex.linkers or lows[k] in _APOSTROPHES):
            k -= 1
        if k == i - 1 or k < 0 or lows[k] not in lex.lower_heads or self.caps[k]:
            return False
        e = i + 1
        while e < j and self.title_at(e) < 0 and self.toks[e] not in lex.given:
            e += 1
        _, e = self._trim(i, e)
        text = self.text[self.starts[k]:self.ends[e - 1]]
        name = " ".join(text.split())
        hit = lex.gaz.get(self.toks[k][:1].upper() + self.key(k, e)[1:])
        self.cands.append(_Candidate(self.starts[k], self.ends[e - 1], _ORG,
                                     hit[1] if hit else name, "rule:org-head", 1))
        if e < j:
            self._run(e, j)
        return True

    def _after_org_noun(self, i: int) -> bool:
        """A lone unknown capitalised word named by a common noun of organisations before it,
        perhaps with a lower-case modifier between ("the platform Verificalia", "la empresa
        Correos", "de stichting Fraudehelpdesk")."""
        if not self.lex.org_nouns or i in self.initial:
            return False
        k = i - 1
        while k >= 0 and i - k <= ORG_NOUN_GAP and not self.caps[k] and self.kinds[k] == _W:
            if self.lows[k] in self.lex.org_nouns:
                return True
            k -= 1
        return False

    def _single(self, i: int) -> None:
        """A run of one capitalised word: the common case, kept cheap."""
        lex, low, tok, toks = self.lex, self.lows[i], self.toks[i], self.toks
        shouted = tok.isupper()
        if (i >= 1 and toks[i - 1] == "(" and i + 2 < self.n and toks[i + 1] == ")"
                and self.caps[i + 2] and not shouted):
            return  # "(Vladimir)": merged with the surname that follows
        if low in lex.heads:
            if self.code in _INFLECTED:
                self._organisation(i, i + 1)
            return
        if lex.compound_heads and self._compound_head(i):
            self.cands.append(_Candidate(self.starts[i], self.ends[i], _ORG, tok,
                                         "rule:org-head", 1))
            return
        if self.code in ("ru", "uk") and self._slavic_org(i):
            return
        initial = i in self.initial
        if initial and not shouted and self.lower_seen(low):
            return  # "Il", "Die", "Organizzazione": a common word that starts a sentence
        if (low in lex.not_in_names or self.title_at(i) > i
                or (shouted and (self._shouted_name(i) or self._acronym(i)))):
            return
        if i > 0 and toks[i - 1] == ")":
            self._segment(i, i + 1)  # "(Vladimir) Putin"
            return
        if self._after_org_noun(i):  # "la plataforma de verificación Verificalia"
            self.cands.append(_Candidate(self.starts[i], self.ends[i], _ORG, tok,
                                         "rule:org-noun", 1))
            return
        if _camel_case(tok) and tok not in lex.given:  # InfoVérif, PayPal
            self.cands.append(_Candidate(self.starts[i], self.ends[i], _ORG, tok, "rule:camel",
                                         1))
            return
        if self.surnames and _stem(tok, self.code) in self.surnames:
            evidence = "rule:known-person"
        elif not initial and self.title_before(i) >= 0:
            evidence = "rule:title"
        elif self.speech_near(i, i + 1) and self._plausible_single(i) and (
                not initial or self.code not in _NO_ARTICLES):
            evidence = "rule:speech-verb"
        else:
            if not initial:
                self._maybe_place(i)
                self.pending.append(i)
            elif self._plausible_single(i):
                self.pending.append(i)
            return
        self._add_person(self.starts[i], self.ends[i], (tok,), evidence)

    def _run(self, i: int, j: int) -> None:
        """Analyse one capitalised run: split it at coordinators, then find organisations,
        titles, gazetteer names and person names inside each part."""
        lex = self.lex
        part_start = i
        for k in range(i, j + 1):
            if k == j or (self.lows[k] in lex.coords and not self.caps[k] and self.cover[k] < 0
                          and not self._coordinated_name(part_start, k, j)):
                self._part(part_start, k)
                part_start = k + 1

    def _coordinated_name(self, i: int, k: int, j: int) -> bool:
        """Whether the coordinator at ``k`` is inside one organisation's name ("Ministero
        dell'Economia e delle Finanze"): an organisation head before it, and after it no name
        of its own (a gazetteer name, another head, a given name)."""
        if not any(self._is_head(m) for m in range(i, k)):
            return False
        m = k + 1
        while m < j and not self.caps[m]:
            m += 1
        return m < j and self.cover[m] < 0 and not self._is_head(m) and (
            self.toks[m] not in self.lex.given)

    def _trim(self, i: int, j: int) -> tuple[int, int]:
        while i < j and not self.caps[i]:
            i += 1
        while j > i and not self.caps[j - 1]:
            j -= 1
        return i, j

    def _part(self, i: int, j: int) -> None:
        i, j = self._trim(i, j)
        if i >= j:
            return
        lex, toks, lows, caps, cover = self.lex, self.toks, self.lows, self.caps, self.cover
        # "(Vladimir)" before a surname: merged with it later
        if (i >= 1 and toks[i - 1] == "(" and j < self.n - 1 and toks[j] == ")"
                and caps[j + 1] and j - i <= 2 and not toks[i].isupper()):
            return
        if self._organisation(i, j):
            return
        # split at titles, portfolio words, non-names, acronyms and gazetteer hits
        seg_start = -1
        k = i
        while k < j:
            cut_to = -1
            if cover[k] >= 0:
                hit = self.hits[cover[k]]
                if (seg_start < 0 and hit[1] - hit[0] == 1 and hit[2] is _PLACE
                        and toks[k] in lex.given and k + 1 < j and caps[k + 1]
                        and cover[k + 1] < 0 and lows[k + 1] not in lex.not_in_names
                        and k not in self.initial):
                    seg_start = k  # Sofia Brandão, Florence Pugh: the place is a given name
                    k += 1
                    continue
                if (seg_start >= 0 and k - seg_start == 1 and hit[1] - hit[0] == 1
                        and hit[2] is _PLACE and toks[seg_start] in lex.given
                        and seg_start not in self.initial and (k + 1 >= j or not caps[k + 1])):
                    k += 1  # George Washington, Michael Jordan: the place is a surname
                    continue
                cut_to = min(hit[1], j)
            elif (t_end := self.title_at(k)) > k:
                cut_to = min(t_end, j)
            elif caps[k] and (lows[k] in lex.not_in_names or (toks[k].isupper() and (
                    self._shouted_name(k) or self._acronym(k)))):
                cut_to = k + 1
                if lows[k] in lex.work_heads:
                    seg_start = -1  # "Alien Enemies Act", "World War": no person before it
            if cut_to >= 0:
                if seg_start >= 0:
                    self._segment(seg_start, k)
                    seg_start = -1
                k = cut_to
                continue
            if seg_start < 0 and self.caps[k]:
                seg_start = k
            k += 1
        if seg_start >= 0:
            self._segment(seg_start, j)
        self._place_head(i, j)

    def _acronym(self, k: int) -> bool:
        """Record an all-caps organisation acronym at token ``k`` ("ARS", "CERT-UA"); True if it
        is one."""
        t = self.toks[k]
        letters = t.replace("-", "")
        if not (ACRONYM_MIN <= len(letters) <= ACRONYM_MAX + 2 * t.count("-") and t.isupper()
                and letters.isalpha() and self.kinds[k] == _W):
            return False
        if t in self.lex.acronym_stop or _ROMAN_RE.fullmatch(t) or self.cover[k] >= 0:
            return False
        if self._shouting(k):
            return False
        self.cands.append(_Candidate(self.starts[k], self.ends[k], _ORG, t, "rule:acronym", 1))
        self._acronym_definition(k)
        return True

    def _shouted_name(self, k: int) -> bool:
        """"IN BERLIN": a known one-word name written in capitals; True if recorded."""
        t = self.toks[k]
        if len(t) < 3 or not t.isupper() or self.cover[k] >= 0:
            return False
        hit = self.lex.gaz.get(t.title())
        if hit:
            self.cands.append(_Candidate(self.starts[k], self.ends[k], hit[0], hit[1],
                                         "gazetteer", 0))
        return hit is not None

    def _shouting(self, k: int) -> bool:
        """The nearest word before or after token ``k`` is in capitals too (and not a known
        name): a headline or a shout, not an acronym."""
        for step in (-1, 1):
            m = k + step
            while 0 <= m < self.n and abs(m - k) <= 2:
                if self.kinds[m] == _W:
                    if len(self.toks[m]) > 1 and self.toks[m].isupper() and self.cover[m] < 0:
                        return True
                    break
                m += step
        return False

    def _acronym_definition(self, k: int) -> None:
        """"Agence régionale de santé (ARS)": the words before a parenthesised acronym whose
        initials spell it are the organisation's name."""
        if not (k >= 2 and self.toks[k - 1] == "(" and k + 1 < self.n and self.toks[k + 1] == ")"):
            return
        letters = self.toks[k].replace("-", "").lower()
        need = len(letters) - 1
        m = k - 2
        start = -1
        skipped = 0
        while m >= 0 and need >= 0 and self.kinds[m] == _W and skipped <= 2:
            low = self.lows[m]
            if low in self.lex.linkers or (len(low) <= 3 and not self.caps[m]):
                skipped += 1
            elif low[0] == letters[need]:
                need -= 1
                start = m
                skipped = 0
            else:
                return
            m -= 1
        if need < 0 and start >= 0 and self.caps[start]:
            self.cands.append(_Candidate(self.starts[start], self.ends[k - 2], _ORG,
                                         self.toks[k], "rule:acronym", 1))

    def _is_head(self, k: int) -> bool:
        return self.caps[k] and (self.lows[k] in self.lex.heads or self._compound_head(k))

    def _compound_head(self, k: int) -> bool:
        """German and Dutch write organisations as one word ending in a head
        ("Bundesnetzagentur", "Bundesinnenministeriums", "Verbraucherzentrale")."""
        suffixes = self.lex.compound_heads
        if not suffixes or not self.caps[k]:
            return False
        low = self.lows[k]
        return (len(low) > 9 and low.endswith(suffixes) and low not in self.lex.non_names
                and self.title_at(k) < 0)

    def _organisation(self, i: int, j: int) -> bool:
        """An organisation named by a head word in ``[i, j)`` ("Kyodo News", "Bank of Japan",
        "Ministero della Difesa"); what is left of the part goes to the person rules. True if
        an organisation was found."""
        lex, caps, lows = self.lex, self.caps, self.lows
        heads = [k for k in range(i, j) if caps[k] and (
            lows[k] in lex.heads or (lex.compound_heads and self._compound_head(k)))]
        if not heads:
            return False
        h = heads[-1]
        s = h
        while s > i and self.caps[s - 1] and self.starts[s] > self.ends[s - 1]:
            s -= 1  # "Kyodo News", "Deutsche Bank"; not across connectors ("Angaben der Polizei")
        while s < h:  # leading titles and sentence-initial ordinary words are not the name
            end = self.title_at(s)
            if end > s:
                s = end
            elif s in self.initial and (self.lows[s] in lex.non_names
                                        or self.lower_seen(self.lows[s])):
                s += 1
            else:
                break
            s, _ = self._trim(s, j)
        if s > h:
            return False
        e = h + 1
        for k in range(h + 1, j):
            if self.title_at(k) > k or (self.toks[k] in lex.given and k + 1 < j):
                break
            if self.caps[k]:
                e = k + 1
        if self.code in _INFLECTED and e == h + 1:
            e = self._genitive_tail(h + 1, e)
        if sum(caps[s:e]) < 2 and e == h + 1 and not self._compound_head(h):
            return False  # a bare head word ("the Ministry") names nothing
        covering = {self.cover[k] for k in range(s, e)}
        hit = self.hits[self.cover[s]] if len(covering) == 1 and self.cover[s] >= 0 else None
        if not (hit and hit[0] == s and hit[1] == e):  # else the gazetteer has this very name
            text = self.text[self.starts[s]:self.ends[e - 1]]
            self.cands.append(_Candidate(self.starts[s], self.ends[e - 1], _ORG,
                                         " ".join(text.split()), "rule:org-head", 1))
        if s > i:
            self._part_rest(i, s)
        if e < j:
            self._part_rest(e, j)
        return True

    def _genitive_tail(self, k: int, e: int) -> int:
        """Slavic organisation names continue in lower-case genitive words ("Министерство
        обороны", "Ministerstwo spraw zagranicznych"): up to three of them."""
        lex = self.lex
        count = 0
        while k < self.n and count < 3 and self.kinds[k] == _W and self.toks[k].islower():
            if self.newline_before(k) or not self.toks[k].endswith(lex.genitive):
                break
            if self.lows[k] in lex.non_names:
                break
            count += 1
            k += 1
            e = k
        return e

    def _part_rest(self, i: int, j: int) -> None:
        i, j = self._trim(i, j)
        if i < j and not any(self._is_head(k) for k in range(i, j)):
            self._part(i, j)

    def _place_head(self, i: int, j: int) -> None:
        """"Mar Nero", "Red Sea", "Isola di Man": a place head word and capitalised neighbours,
        when the gazetteer does not know the name."""
        lex = self.lex
        for k in range(i, j):
            if not (self.caps[k] and self.lows[k] in lex.place_heads) or self.cover[k] >= 0:
                continue
            s, e = k, k + 1
            while (s > i and self.caps[s - 1] and self.cover[s - 1] < 0
                   and s - 1 not in self.initial):
                s -= 1
            while e < j and (self.caps[e] or self.lows[e] in lex.linkers):
                e += 1
            s, e = self._trim(s, e)
            if e - s >= 2:
                text = self.text[self.starts[s]:self.ends[e - 1]]
                self.cands.append(_Candidate(self.starts[s], self.ends[e - 1], _PLACE,
                                             " ".join(text.split()), "rule:place-head", 1))
            return

    def _segment(self, s: int, e: int) -> None:
        """A candidate person name: capitalised tokens ``[s, e)`` (particles inside allowed)
        that are not titles, known places, organisations or calendar words."""
        lex = self.lex
        s, e = self._trim(s, e)
        if s >= e:
            return
        start_tok = s
        names = [k for k in range(s, e) if self.caps[k]]
        paren: list[int] = []  # "(Vladimir) Putin"
        if s >= 3 and self.toks[s - 1] == ")":
            k = s - 2
            while k >= 0 and self.caps[k] and len(paren) < 2:
                paren.insert(0, k)
                k -= 1
            if paren and k >= 0 and self.toks[k] == "(":
                start_tok = k
            else:
                paren = []
        first = self.toks[(paren or names)[0]]
        if not paren and first not in lex.given:
            later = [k for k in names[1:-1] if self.toks[k] in lex.given]
            if later:  # "Bundeskanzler Olaf Scholz": a name starts at the given name
                self._segment(later[0], e)
                return
        evidence = ""
        title = self.title_before(start_tok)
        if title >= 0:
            evidence = "rule:title"
        elif self._known(names):
            evidence = "rule:known-person"
        elif first in lex.given and len(names) + len(paren) >= 2:
            evidence = "rule:given-name"
        elif s in self.initial and not paren:
            # a sentence-initial word without name evidence is an ordinary word ("Il capo")
            if (len(names) == 1 and self.code not in _NO_ARTICLES and self.speech_near(s, e)
                    and self._plausible_single(s)):
                evidence = "rule:speech-verb"
            elif len(names) >= 2:
                self._segment(names[1], e)
                return
            else:
                if self._plausible_single(s):
                    self.pending.append(s)
                return
        elif self.speech_near(start_tok, e) and (len(names) >= 2 or self._plausible_single(s)):
            evidence = "rule:speech-verb"
        elif lex.caps_rule and 2 <= len(names) <= 3 and not self.title_case(s):
            evidence = "rule:caps"
        if not evidence:
            if len(names) == 1:
                self._maybe_place(s)
                self.pending.append(s)
            return
        if len(names) > MAX_NGRAM:
            return
        tokens = tuple(self.toks[k] for k in (*paren, *range(s, e)))
        hint = ""
        if title >= 0 and self.code in _INFLECTED:  # "канцлером Олафом Шольцем": the case
            low = self.lows[title]
            hint = _case_ending(low, lex.title_forms.get(low, low))
        self._add_person(self.starts[start_tok], self.ends[e - 1], tokens, evidence, hint)

    def _plausible_single(self, k: int) -> bool:
        """A lone capitalised word next to a speech verb is a name unless it is a common word
        (seen in lower case in the document) or follows a determiner ("die Regierung sagte")."""
        low = self.lows[k]
        if low in self.lex.non_names or self.lower_seen(low):
            return False
        return not (k > 0 and self.lows[k - 1] in self.lex.determiners)

    def _maybe_place(self, k: int) -> None:
        lex = self.lex
        if (k > 0 and self.lows[k - 1] in lex.in_preps and k not in self.initial
                and not self.lower_seen(self.lows[k]) and self.lows[k] not in lex.heads
                and (k + 1 >= self.n or not self.caps[k + 1])):
            self.cands.append(_Candidate(self.starts[k], self.ends[k], _PLACE, self.toks[k],
                                         "rule:prep", 1))

    def _known(self, names: list[int]) -> bool:
        """Whether ``names`` (one or two words) end the name of someone mentioned earlier."""
        if len(names) == 1:
            return bool(self.surnames) and _stem(self.toks[names[0]], self.code) in self.surnames
        if len(names) != 2 or not self.name_ends:
            return False
        return (self.toks[names[0]], _stem(self.toks[names[1]], self.code)) in self.name_ends

    def _add_person(self, start: int, end: int, tokens: tuple[str, ...], source: str,
                    hint: str = "") -> None:
        name = _lemmatise(tokens, self.lex, hint)
        self.cands.append(_Candidate(start, end, _PERSON, " ".join(name), source, 1, name))
        if len(name) >= 2:
            self.surnames.update([_stem(t, self.code) for t in _surname_tokens(name)])
            if len(name) >= 3:
                self.name_ends.add((name[-2], _stem(name[-1], self.code)))
        elif _is_cjk(name[0]):
            _index_cjk_name(name[0], self.cjk_prefixes)

    def resolve_pending(self) -> None:
        """Lone capitalised words met before anyone was named: people if a full name found
        anywhere in the document ends with them."""
        if not self.surnames:  # (lone words added here add no surnames)
            return
        for k in self.pending:
            if _stem(self.toks[k], self.code) in self.surnames and self.cover[k] < 0:
                self._add_person(self.starts[k], self.ends[k], (self.toks[k],),
                                 "rule:known-person")

    # Japanese

    def scan_japanese(self) -> None:
        """Gazetteer substrings in kanji/katakana stretches, then names before titles and
        honorifics, organisations and places by their suffix."""
        self._scan_cjk_gazetteer()
        if self.code != "ja":
            return
        lex, toks, kinds, starts, ends, n = (self.lex, self.toks, self.kinds, self.starts,
                                             self.ends, self.n)
        ja, known, honorifics = lex.ja, self.cjk_prefixes, lex.ja_honorifics
        suffix_last = lex.ja_suffix_last
        for k in compress(range(n), map(_JA_KINDS.__contains__, kinds)):
            t = toks[k]
            if kinds[k] == _KJ:
                # most kanji runs end in no title or suffix and come before no honorific
                if t[-1] in suffix_last:
                    self._ja_kanji(k, t, k + 1 < n and starts[k + 1] == ends[k])
                elif (k + 1 < n and kinds[k + 1] == _HR and starts[k + 1] == ends[k]
                      and toks[k + 1].startswith(honorifics)):
                    self._ja_kanji(k, t, True)
                elif t in known and known[t] != t:
                    self._add_person(starts[k], ends[k], (t,), "rule:known-person")
                continue
            adjacent_next = k + 1 < n and starts[k + 1] == ends[k]
            name = t.strip("・")
            if len(name) < 2 or self._cjk_covered(starts[k], ends[k]):
                continue
            if adjacent_next:
                nxt = toks[k + 1]
                if kinds[k + 1] == _KJ:
                    head = nxt[1:] if nxt[:1] in _JA_COUNTRY_ABBREVIATIONS else nxt
                    if head.startswith(lex.ja_titles):
                        self._add_person(starts[k], ends[k], (name,), "rule:ja-title")
                        continue
                    if nxt in ja["org_suffix"]:
                        self.cands.append(_Candidate(starts[k], ends[k + 1], _ORG,
                                                     t + nxt, "rule:ja-suffix", 1))
                        continue
                if kinds[k + 1] == _HR and nxt.startswith(honorifics):
                    self._add_person(starts[k], ends[k], (name,), "rule:ja-honorific")
                    continue
            if self._ja_known(name):
                self._add_person(starts[k], ends[k], (name,), "rule:known-person")

    def _ja_kanji(self, k: int, t: str, adjacent_next: bool) -> None:
        ja = self.lex.ja
        start = self.starts[k]
        titles = ja["title_suffix"]
        for size in range(min(len(t), self.lex.ja_title_max), 0, -1):
            if t[-size:] not in titles:
                continue
            name = t[:-size]
            for _ in range(2):
                for p in self.lex.ja_prefix_strip:
                    if name.endswith(p) and len(name) > len(p):
                        name = name[: -len(p)]
                        break
            if not name:
                return  # the katakana token before holds the name; see scan_japanese
            if len(name) > JA_NAME_MAX or self._ja_not_a_name(name):
                name = self._ja_family_and_given(name)
            if (JA_NAME_MIN <= len(name) <= JA_NAME_MAX and name[0] not in ja["stop_prefix"]
                    and name not in ja["non_entity"] and not self._ja_not_a_name(name)
                    and not self._cjk_covered(start, start + len(name))):
                self._add_person(start, start + len(name), (name,), "rule:ja-title")
            return
        if adjacent_next and self.kinds[k + 1] == _HR and self.toks[k + 1].startswith(
                self.lex.ja_honorifics):
            if JA_NAME_MIN <= len(t) <= JA_NAME_MAX and not self._cjk_covered(start, self.ends[k]):
                self._add_person(start, self.ends[k], (t,), "rule:ja-honorific")
            return
        if not t.endswith(self.lex.ja_not_name_endings):
            if self._ja_known(t):
                self._add_person(start, self.ends[k], (t,), "rule:known-person")
            return
        for suffixes, etype in ((ja["org_suffix"], _ORG), (ja["place_suffix"], _PLACE)):
            for size in range(min(len(t) - 1, 4), 0, -1):
                if t[-size:] in suffixes and len(t) - size >= 2:
                    if t not in ja["non_entity"] and t[0] not in ja["stop_prefix"]:
                        self.cands.append(_Candidate(start, self.ends[k], etype, t,
                                                     "rule:ja-suffix", 1))
                    return
        if self._ja_known(t):
            self._add_person(start, self.ends[k], (t,), "rule:known-person")

    def _ja_family_and_given(self, run: str) -> str:
        """A known family name and the two characters after it (most given names are two
        kanji) at the start of a long run; "" if the run starts with no known family name."""
        families = self.lex.ja["family_name"]
        for size in (3, 2, 1):
            if run[:size] in families and len(run) >= size + 2:
                return run[:size + 2]
        return ""

    def _ja_not_a_name(self, name: str) -> bool:
        return name.endswith(self.lex.ja_not_name_endings)

    def _ja_known(self, name: str) -> bool:
        full = self.cjk_prefixes.get(name)
        return full is not None and full != name

    def _scan_cjk_gazetteer(self) -> None:
        """Gazetteer names as substrings of the text (no spaces to tokenise on), longest first
        at each position, in one pass over the characters that start a name."""
        lex = self.lex
        if lex.cjk_start is None:
            return
        text, gaz, lengths = self.text, lex.cjk_gaz, lex.cjk_lengths
        size = len(text)
        done = 0
        for p in map(_MATCH_START, lex.cjk_start.finditer(text)):
            if p < done:
                continue
            for length in lengths.get(text[p:p + 2]) or lengths.get(text[p], ()):
                hit = gaz.get(text[p:p + length]) if p + length <= size else None
                if hit and self._kata_boundary_ok(text, p, p + length):
                    self.cands.append(_Candidate(p, p + length, hit[0], hit[1], "gazetteer", 0))
                    self.cjk_starts.append(p)
                    self.cjk_ends.append(p + length)
                    done = p + length
                    break

    @staticmethod
    def _kata_boundary_ok(s: str, a: int, b: int) -> bool:
        """A katakana name must not start or end inside a longer katakana word."""
        if a > 0 and s[a] in _KATA_LETTERS and s[a - 1] in _KATA_LETTERS:
            return False
        return not (b < len(s) and s[b - 1] in _KATA_LETTERS and s[b] in _KATA_LETTERS)

    def _cjk_covered(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` overlaps a Japanese gazetteer name (they are found in order and
        never overlap each other)."""
        pos = bisect_right(self.cjk_starts, a)
        return (pos > 0 and self.cjk_ends[pos - 1] > a) or (
            pos < len(self.cjk_starts) and self.cjk_starts[pos] < b)


#: Endings of soft-stem forms mapped to the hard-stem ending the surname rules know.
_HARD_ENDING = {"я": "а", "ю": "у", "ем": "ом", "ём": "ом", "ым": "ом", "ею": "ою", "ю́": "у",
                "і": "і", "ові": "ові", "em": "em", "iem": "em", "a": "a", "owi": "owi", "u": "u",
                "ie": "ie", "e": "ie"}


def _case_ending(form: str, lemma: str) -> str:
    """The case ending ``form`` adds to ``lemma`` ("канцлером"/"канцлер" → "ом",
    "секретаря"/"секретарь" → "а"), or ""."""
    if form == lemma:
        return ""
    cp = 0
    while cp < min(len(form), len(lemma)) and form[cp] == lemma[cp]:
        cp += 1
    suffix = form[cp:]
    return _HARD_ENDING.get(suffix, suffix)


def _lemmatise(tokens: tuple[str, ...], lex: _Lexicon, hint: str = "") -> tuple[str, ...]:
    """The nominative of a Slavic name when its given name, or the title before it, shows the
    case ("Олафа Шольца" → "Олаф Шольц", "Donalda Tuska" → "Donald Tusk", "прем'єр-міністром
    Ріші Сунаком" → "Ріші Сунак"); other names unchanged."""
    if lex.code not in _INFLECTED:
        return tokens
    form = tokens[0]
    lemma = lex.given.get(form, form)
    female = lemma[-1:] in ("а", "я", "a")
    ending = _case_ending(form, lemma) or hint
    if not ending or (len(tokens) < 2 and lemma == form):
        return tokens
    out = [lemma]
    for surname in tokens[1:]:
        out.append(_lemmatise_surname(surname, lex.code, female, ending)
                   if surname[:1].isupper() else surname)
    return tuple(out)


_SURNAME_RULES: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {
    ("ru", False): (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
                    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
                    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ова", "ов"), ("ову", "ов"),
                    ("ове", "ов"), ("ева", "ев"), ("еву", "ев"), ("еве", "ев"), ("ина", "ин"),
                    ("ину", "ин"), ("ине", "ин")),
    ("ru", True): (("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"), ("овой", "ова"),
                   ("евой", "ева"), ("иной", "ина"), ("ову", "ова"), ("еву", "ева"),
                   ("ину", "ина")),
    ("uk", False): (("ського", "ський"), ("ському", "ський"), ("ським", "ський"),
                    ("цького", "цький"), ("цькому", "цький"), ("цьким", "цький")),
    ("uk", True): (("ської", "ська"), ("ській", "ська"), ("ську", "ська"), ("ською", "ська")),
    ("pl", False): (("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"),
                    ("ckiemu", "cki"), ("ckim", "cki")),
    ("pl", True): (("skiej", "ska"), ("ską", "ska"), ("ckiej", "cka"), ("cką", "cka")),
}

#: Case endings that agree between a given name and a consonant-final surname.
_AGREEING: dict[str, tuple[str, ...]] = {
    "а": ("а", "я"), "у": ("у", "ю"), "ом": ("ом", "ем", "ым", "им"), "ем": ("ем", "ом", "ым"),
    "е": ("е",), "ові": ("ові", "еві"), "і": ("і",), "a": ("a",), "owi": ("owi",),
    "em": ("iem", "em"), "u": ("u",), "ie": ("ie", "e"),
}


def _lemmatise_surname(surname: str, lang: str, female: bool, ending: str) -> str:
    for suffix, repl in _SURNAME_RULES.get((lang, female), ()):
        if surname.endswith(suffix) and len(surname) > len(suffix) + 1:
            return surname[: -len(suffix)] + repl
    if not female and ending and ending != "?":
        for e in _AGREEING.get(ending, (ending,)):
            if surname.endswith(e) and len(surname) - len(e) >= 3:
                return surname[: -len(e)]
    return surname


def _camel_case(token: str) -> bool:
    """"InfoVérif", "PayPal": an inner capital after a lower-case letter, outside the name
    prefixes (McDonald, DiCaprio, LeBron)."""
    if len(token) < 4 or token[1:].islower() or token.isupper() or not token.isalpha() or (
            token.startswith(_NAME_PREFIXES)):
        return False
    return any(a.islower() and b.isupper() for a, b in pairwise(token[1:]))


def _surname_tokens(name: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a full name a later mention may use alone: the last one, and for longer
    names every capitalised word after the first ("Lula" in "Luiz Inácio Lula da Silva")."""
    if len(name) < 2:
        return ()
    if len(name) == 2:
        return name[1:]
    return tuple(t for t in name[1:] if t[:1].isupper())


def _index_cjk_name(full: str, index: dict[str, str]) -> None:
    """Index a Japanese full name under the short forms a later mention may use: a family
    name (its first 2+ characters: 岸田 for 岸田文雄) or, for a foreign name, the part after
    the last "・" (バイデン for ジョー・バイデン)."""
    if "・" in full:
        keys = [full.rsplit("・", 1)[1]]
    else:
        keys = [full[:k] for k in range(JA_NAME_MIN, len(full))]
    for key in keys:
        if key and len(full) > len(index.get(key, "")):
            index[key] = full


_CANDIDATE_START = attrgetter("start")


def fullest_name(name: str, persons: Sequence[Entity], *, lang: str = "") -> str | None:
    """The fullest earlier name that ``name`` stands for, or ``None``.

    ``persons`` are people mentioned earlier (other entities are ignored); their ``canonical``
    names are searched. A one-word ``name`` matches the last word of a full name, or any
    capitalised word after the first in a name of three words or more ("Lula" → "Luiz Inácio
    Lula da Silva"); a longer ``name`` matches the end of a full name. Case forms are allowed
    when ``lang`` inflects names ("Шольца" → "Олаф Шольц" with ``lang="ru"``). In Japanese a
    family name matches the start of a full name (岸田 → 岸田文雄) and a foreign surname its end
    after "・". The longest match wins; this is how :func:`find_entities` fills ``canonical``.

    >>> from faro.model import Entity, EntityType
    >>> jens = Entity(0, 16, "Jens Stoltenberg", EntityType.PERSON, "Jens Stoltenberg")
    >>> fullest_name("Stoltenberg", [jens])
    'Jens Stoltenberg'
    """
    words = name.split()
    if not words:
        return None
    code = _lexicon_code(lang) if lang else ""
    best: str | None = None
    for p in persons:
        if p.type is not EntityType.PERSON:
            continue
        full = p.canonical
        tokens = tuple(full.split())
        if len(words) == 1 and _is_cjk(name):
            index: dict[str, str] = {}
            _index_cjk_name(full, index)
            match = index.get(name) == full and full != name
        elif len(words) == 1:
            stem = _stem(name, code)
            match = any(t == name or _stem(t, code) == stem for t in _surname_tokens(tokens))
        else:
            match = len(tokens) > len(words) and all(
                a == b or _stem(a, code) == _stem(b, code)
                for a, b in zip(tokens[-len(words):], words, strict=True))
        if match and (best is None or len(full) > len(best)):
            best = full
    return best


def find_entities(text: str, lang: str, sentences: Sequence[Sentence] = ()) -> list[Entity]:
    """People, organisations and places in ``text``, sorted by start, never overlapping.

    ``lang`` selects the gazetteer and rules (a code faro has no rules for gets the generic
    ones: gazetteer names and capitalised sequences). ``sentences`` mark where sentences start,
    so that a capitalised first word is not taken for a name; without them the text is one
    sentence (line breaks and terminal punctuation still count as starts).
    """
    if not text or not isinstance(text, str):
        return []
    lex = _lexicon(_lexicon_code(lang if isinstance(lang, str) else ""))
    doc = _Doc(text, lex, sentences)
    doc.scan_gazetteer()
    if lex.cjk_gaz or lex.code in _CJK_LANGS:
        doc.scan_japanese()
    doc.scan_runs()
    doc.resolve_pending()
    for i, j, etype, canonical in doc.hits:
        doc.cands.append(_Candidate(doc.starts[i], doc.ends[j - 1], etype, canonical,
                                    "gazetteer", 0))
    return _resolve(text, doc.cands, lex.code)


def _resolve(text: str, cands: list[_Candidate], code: str) -> list[Entity]:
    """Drop overlaps (longest first, the gazetteer on ties) and give people their canonical
    names in text order."""
    chosen: list[_Candidate] = []
    taken = bytearray(len(text))
    """1 at each character of a chosen candidate."""
    order = [(c.start - c.end, c.priority, c.start) for c in cands]  # longest first
    for k in sorted(range(len(cands)), key=order.__getitem__):
        c = cands[k]
        start, end = c.start, c.end
        if end <= start or taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(c)
    chosen.sort(key=_CANDIDATE_START)
    out: list[Entity] = []
    fullest: dict[str, str] = {}
    """Stem of a surname (see _surname_tokens) → the longest earlier full name."""
    cjk_names: dict[str, str] = {}
    for c in chosen:
        canonical = c.canonical
        if c.type is _PERSON and c.name:
            if len(c.name) == 1:
                canonical = (fullest.get(_stem(c.name[0], code))
                             or cjk_names.get(canonical) or canonical)
            for t in _surname_tokens(c.name):
                key = _stem(t, code)
                if len(canonical) > len(fullest.get(key, "")):
                    fullest[key] = canonical
            if _is_cjk(canonical):
                _index_cjk_name(canonical, cjk_names)
        out.append(Entity(c.start, c.end, text[c.start:c.end], c.type, canonical, c.source))
    return out
