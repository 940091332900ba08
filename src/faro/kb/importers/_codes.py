"""Language and country codes from what records hold: codes, or English names."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from faro._errors import UnknownLanguageError
from faro.text.langid import normalize_code

__all__ = ["UNDETERMINED", "country_code", "language_code"]

UNDETERMINED = "und"

#: English names of languages that babel spells otherwise or not at all.
_LANGUAGE_ALIASES = {"moldavian": "ro", "moldovan": "ro", "farsi": "fa", "flemish": "nl"}

#: English country names that babel spells otherwise (it says "Türkiye", "Czechia"…).
_COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "czech republic": "CZ", "turkey": "TR", "holland": "NL", "vatican": "VA",
    "holy see": "VA", "macedonia": "MK", "fyrom": "MK", "russian federation": "RU",
    "south korea": "KR", "republic of korea": "KR", "dprk": "KP", "ivory coast": "CI",
    "burma": "MM", "swaziland": "SZ", "cape verde": "CV", "east timor": "TL",
    "republic of moldova": "MD", "palestine": "PS", "bosnia": "BA",
}
#: Codes babel lists among territories that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
_ALPHA2 = re.compile(r"[A-Za-z]{2}")


@cache
def _language_names() -> dict[str, str]:
    names = {
        str(name).casefold(): str(code)
        for code, name in Locale("en").languages.items()
        if "_" not in str(code)
    }
    return names | _LANGUAGE_ALIASES


@cache
def _countries() -> tuple[frozenset[str], dict[str, str]]:
    territories = {
        str(code): str(name)
        for code, name in Locale("en").territories.items()
        if _ALPHA2.fullmatch(str(code)) and str(code) not in _NOT_COUNTRIES
    }
    names = {name.casefold(): code for code, name in territories.items()}
    return frozenset(territories), names | _COUNTRY_ALIASES


def language_code(value: str) -> str | None:
    """The ISO 639 code (639-1 where one exists) of a language code or English language name;
    ``und`` for ``und``; ``None`` when ``value`` is neither.

    >>> language_code("pt-BR"), language_code("ita"), language_code("Russian")
    ('pt', 'it', 'ru')
    >>> language_code("Klingonese") is None
    True
    """
    text = value.strip()
    if not text:
        return None
    if text.lower() == UNDETERMINED:
        return UNDETERMINED
    try:
        return normalize_code(text)
    except UnknownLanguageError:
        pass
    code = _language_names().get(" ".join(text.casefold().split()))
    return normalize_code(code) if code else None


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country code or English country name, else ``None``
    (regions such as "EU" or "The West", and former states, have none).

    >>> country_code("The Netherlands"), country_code("UK"), country_code("ua")
    ('NL', 'GB', 'UA')
    >>> country_code("Baltic states") is None
    True
    """
    text = " ".join(value.split())
    if not text:
        return None
    codes, names = _countries()
    if _ALPHA2.fullmatch(text) and text.upper() in codes and text.casefold() not in names:
        return text.upper()
    folded = text.casefold()
    return names.get(folded) or names.get(folded.removeprefix("the "))
