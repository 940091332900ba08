"""Language identification: the writing system first, then py3langid's naive Bayes model.

Scripts used by one language decide it at once (kana → Japanese, Hangul → Korean, Greek, Hebrew,
Thai…). Otherwise py3langid (shipped with its model, no download) chooses among the languages of
that script in :data:`LANGUAGES`, so Cyrillic text is only ever Russian, Ukrainian, Bulgarian,
Macedonian, Serbian, Belarusian or Kazakh, never a Latin-script language by accident.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from babel import Locale

from faro._errors import UnknownLanguageError
from faro.model import Language

__all__ = ["LANGUAGES", "identify", "normalize_code"]

#: Languages the identifier chooses among: the 24 official EU languages, the languages the
#: alliance partners work in, and the larger neighbours that get confused with them.
LANGUAGES: frozenset[str] = frozenset(
    # EU official languages
    "bg hr cs da nl en et fi fr de el hu ga it lv lt mt pl pt ro sk sl es sv".split()
    # partners and neighbours required by faro's users
    + "ru uk ja ko zh ar tr no is sq mk".split()
    # close relatives that must be told apart from the above
    + "be sr bs ca gl eu nn af lb fa ur he hi id ms vi th ka hy kk az".split()
)

# Scripts that decide the language outright, by Unicode character name prefix.
_SCRIPT_DECIDES = {"HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "GREEK": "el",
                   "HEBREW": "he", "THAI": "th", "GEORGIAN": "ka", "ARMENIAN": "hy"}
# Scripts shared by several languages: py3langid chooses among these.
_SCRIPT_LANGS = {
    "CYRILLIC": ("ru", "uk", "bg", "mk", "sr", "be", "kk"),
    "ARABIC": ("ar", "fa", "ur"),
    "DEVANAGARI": ("hi",),
    "CJK": ("zh", "ja"),
}
# Japanese text written mostly in kanji still carries some kana; this share of kana among
# Han+kana letters makes it Japanese (tuned on examples/ja_*.txt and headlines: 0.05).
_KANA_SHARE = 0.05
# ISO 639 codes for "no language": refused as a forced language.
_NOT_LANGUAGES = frozenset({"und", "zxx", "mul", "mis"})
# Han, kana and Hangul characters carry a syllable or a word each: they count this many times
# toward the minimum length (so "これはテストです", 8 characters, can be identified).
_CJK_WEIGHT = 3
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|\d+")


@cache
def _known_codes() -> frozenset[str]:
    return frozenset(Locale("en").languages) | LANGUAGES


@cache
def _aliases() -> dict[str, str]:
    from babel.core import get_global

    aliases = get_global("language_aliases")
    return {str(k): str(v) for k, v in aliases.items() if "_" not in str(v)}


def normalize_code(code: str) -> str:
    """Validate a language code given by a user or a record; ``nb``/``nob`` → ``no``.

    Raises:
        UnknownLanguageError: the code is not an ISO 639 code faro knows.
    """
    norm = code.strip().lower().replace("_", "-").split("-")[0]
    norm = _aliases().get(norm, norm)  # ISO 639-2/3 → 639-1 where one exists: ita → it
    norm = {"nb": "no"}.get(norm, norm)
    if norm in _NOT_LANGUAGES or norm not in _known_codes():
        raise UnknownLanguageError(
            f"unknown language code {code!r}", hint="use an ISO 639-1 or 639-3 code, e.g. 'it'"
        )
    return norm


@cache
def _identifier(langs: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([code for code in langs if code in set(ident.nb_classes)])
    return ident


# Letters of each script, counted with one C-speed regex scan per script (a per-character
# Python loop cost ~1 ms per document).
_SCRIPTS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"[{ranges}]")
    for name, ranges in {
        "LATIN": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
        "CYRILLIC": "\u0400-\u04ff\u0500-\u052f",
        "GREEK": "\u0370-\u03ff\u1f00-\u1fff",
        "ARABIC": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
        "HEBREW": "\u0590-\u05ff",
        "CJK": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
        "KANA": "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f",
        "HANGUL": "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f",
        "THAI": "\u0e00-\u0e7f",
        "DEVANAGARI": "\u0900-\u097f",
        "GEORGIAN": "\u10a0-\u10ff",
        "ARMENIAN": "\u0530-\u058f",
    }.items()
}


_LETTER = re.compile(r"[^\W\d_]")


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    latin = len(_SCRIPTS["LATIN"].findall(text))
    if latin and latin == len(_LETTER.findall(text)):  # the common case: only Latin letters
        counts["LATIN"] = latin
        return counts
    for name, pattern in _SCRIPTS.items():
        found = len(pattern.findall(text))
        if found:
            counts[name] = found
    return counts


def identify(text: str, *, window: int = 800, min_chars: int = 12) -> Language:
    """Identify the language of ``text`` from its first ``window`` characters.

    Returns ``Language("und", 0.0, "none")`` when fewer than ``min_chars`` letters remain after
    URLs, mentions and digits are set aside.
    """
    sample = _NOISE.sub(" ", text[:window])
    counts = _script_counts(sample)
    letters = sum(counts.values())
    dense = counts["CJK"] + counts["KANA"] + counts["HANGUL"]
    if letters + (_CJK_WEIGHT - 1) * dense < min_chars:
        return Language("und", 0.0, "none")
    kana = counts.pop("KANA", 0)
    han = counts.get("CJK", 0)
    if kana and (kana + han) * 2 > letters and kana / (kana + han) >= _KANA_SHARE:
        return Language("ja", round((kana + han) / letters, 4), "script")
    script, top = counts.most_common(1)[0] if counts else ("KANA", kana)
    if script in _SCRIPT_DECIDES and top / letters > 0.5:
        return Language(_SCRIPT_DECIDES[script], round(top / letters, 4), "script")
    if script == "HANGUL":
        return Language("ko", round(top / letters, 4), "script")
    if script == "CJK" and not kana:
        return Language("zh", round(han / letters, 4), "script")
    candidates = _SCRIPT_LANGS.get(script)
    if candidates is None:
        candidates = tuple(
            sorted(LANGUAGES - {c for cs in _SCRIPT_LANGS.values() for c in cs}
                   - set(_SCRIPT_DECIDES.values()) - {"ko"})
        )
    if len(candidates) == 1:
        return Language(candidates[0], round(top / letters, 4), "script")
    ident = _identifier(candidates)
    ranked = ident.rank(sample)[:3]
    code, prob = ranked[0]
    alternatives = tuple((c, round(float(p), 4)) for c, p in ranked[1:] if p > 0.001)
    return Language(normalize_code(code), round(float(prob), 4), "model", alternatives)
