"""Per-language vocabulary of numbers, quantities and dates.

Data only: :mod:`faro.extract.numbers` compiles it into one scanner per language. Every language
in :data:`SUPPORTED` has a :class:`NumericLexicon` of its own; :func:`lexicon` returns
:data:`GENERIC` for any other code, which still reads digits, ``%``, currency symbols and ISO
codes, ISO and numeric dates and CJK ``年月日`` dates. Month and weekday names come from Babel
(``format`` and ``stand-alone`` contexts, so genitive forms such as "июля" are covered); the
inflected forms Babel does not give (prepositional "в июле", accusative "в пятницу") are listed
here.

Phrases are written in a small template syntax expanded by :func:`expand`: ``{a|b}`` is a choice
and ``{a |}`` an optional word, so ``"{la |}settimana {scorsa|passata}"`` stands for four phrases.
In weekday and season templates ``@`` stands for the weekday or season name.
"""

from __future__ import annotations

import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from babel.dates import get_day_names, get_month_names

from faro.model import RelativeDate

__all__ = [
    "ABBREVIATIONS",
    "GENERIC",
    "SUPPORTED",
    "WEEKDAYS",
    "NumericLexicon",
    "Word",
    "WordKind",
    "expand",
    "lexicon",
    "normalise",
    "words",
]

SUPPORTED: tuple[str, ...] = ("de", "en", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "uk")

WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

_APOSTROPHES = "’ʼ`´‘"
_HYPHENS = "‐‑‒–"
_NORMALISE = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_HYPHENS, "-"),
                            "ё": "е"})


def normalise(phrase: str) -> str:
    """The lookup key of a phrase: lower case, one space between words, ``'`` for every
    apostrophe, ``-`` for every hyphen, ``е`` for ``ё``."""
    return " ".join(phrase.lower().translate(_NORMALISE).split())


_CHOICE = re.compile(r"\{([^{}]*)\}")


def expand(template: str) -> list[str]:
    """Every phrase a template stands for: ``"{la |}fine {anno|mese}"`` gives
    ``["la fine anno", "la fine mese", "fine anno", "fine mese"]``."""
    parts = _CHOICE.split(template)
    choices = [[part] if i % 2 == 0 else part.split("|") for i, part in enumerate(parts)]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


class WordKind(enum.Enum):
    MONTH = "month"
    WEEKDAY = "weekday"
    RELATIVE = "relative"
    NUMBER = "number"
    DECADE = "decade"
    """A word that opens a decade: "anni" in "anni '90"."""
    ERA = "era"
    """A Japanese era name; ``value`` is the year before its first year."""
    KANJI = "kanji"
    """A kanji numeral character: the scanner reads the whole numeral from there."""
    ORDINAL_PREFIX = "ordinal_prefix"
    """第 in 第75回."""


@dataclass(frozen=True, slots=True)
class Word:
    """What a word or phrase of the lexicon means."""

    kind: WordKind
    value: float = 0
    """Month (1-12), weekday (0 = Monday), the number a number word stands for, era base."""
    relative: RelativeDate | None = None
    abbreviated: bool = False
    """A month abbreviation without its dot: only read inside a full day-month-year date."""
    needs_unit: bool = False
    """A number word that is also a common other word ("sei", "one"): only read when a
    multiplier, unit, currency or percent word follows."""
    lowercase_only: bool = False
    """Only read when written in lower case (German "morgen", not "Morgen", the morning)."""
    scaled: bool = False
    """A number phrase that ends in a multiplier ("un milione"): "di euro" may follow."""


@dataclass(frozen=True, slots=True)
class NumericLexicon:
    code: str
    decimal: str | None
    """The decimal separator; ``None`` (generic) guesses it number by number."""
    space_groups: bool = False
    """Thousands grouped by spaces, no-break spaces or narrow no-break spaces ("1 234,5")."""
    spaced: bool = True
    """Words are separated by spaces (not Japanese)."""
    month_first: bool = False
    """Ambiguous numeric dates (03/04/2024) read month first."""
    month_day_order: bool = False
    """Dates written month, day, year ("July 12, 2024")."""
    months_capitalised: bool = False
    """Month names only count when capitalised ("May", not "may")."""
    number_words: Mapping[str, float] = field(default_factory=dict)
    ambiguous_numbers: frozenset[str] = frozenset()
    """Number words that only count before a multiplier, unit, currency or percent word."""
    articles: tuple[str, ...] = ()
    """Indefinite articles read as 1 before a multiplier ("un milione", "a million")."""
    multipliers: Mapping[str, float] = field(default_factory=dict)
    connectors: tuple[str, ...] = ()
    """Words between a multiplier and a currency or counted noun ("miliardi di dollari")."""
    percent_words: tuple[str, ...] = ()
    point_words: tuple[str, ...] = ()
    """Percentage points ("punti percentuali")."""
    currency_words: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    """Unit and counter words after a number, mapped to the normalised unit."""
    age_suffix: str | None = None
    """Regex for an age written onto the number ("65enne", "65-year-old", "65-летний")."""
    ordinal_suffix: str | None = None
    """Regex for an ordinal mark written onto the number ("75°", "75th", "75e", "75-й")."""
    ordinal_dot: str | None = None
    """``determiner``: "75." is an ordinal after a determiner ("der 75. Jahrestag");
    ``lowercase``: when a lower-case word follows ("75. rocznica")."""
    determiners: frozenset[str] = frozenset()
    decade_suffix: str | None = None
    """Regex after a number ending in 0 that makes it a decade ("1990s", "90er", "90-х")."""
    decade_words: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()
    """Words after a number that are not a counted noun. Languages without stopwords read no
    counted nouns."""
    stop_suffixes: tuple[str, ...] = ()
    """Endings of verbs and adverbs that are not counted nouns ("-ed", "-mente")."""
    year_context: frozenset[str] = frozenset()
    """Words before a four-digit number that make it a year ("dal 2014", "in 2014")."""
    range_words: frozenset[str] = frozenset()
    """Words joining two years ("dal 2014 al 2016", "2014 and 2016")."""
    month_context: frozenset[str] = frozenset()
    """Words before a bare month name that make it a date ("a ottobre", "in October")."""
    year_after: tuple[str, ...] = ()
    """Words after a year that belong to the date ("2014 года", "2014 r.", "2014年")."""
    day_month_links: tuple[str, ...] = ()
    """Words between day and month ("12 de julio", "12th of July")."""
    month_year_links: tuple[str, ...] = ()
    """Words between month and year ("julio de 2024")."""
    relative: Mapping[str, RelativeDate] = field(default_factory=dict)
    weekday_templates: tuple[tuple[str, int], ...] = ()
    """Templates around a weekday name (``@``) with their offset: ("@ scorso", -1)."""
    extra_weekdays: Mapping[str, int] = field(default_factory=dict)
    extra_months: Mapping[str, int] = field(default_factory=dict)
    bounds: Mapping[str, str] = field(default_factory=dict)
    """Words before a relative expression that make it a deadline or a start: "entro" (by)."""
    bounds_after: Mapping[str, str] = field(default_factory=dict)
    """The same after it (Japanese "までに")."""
    blockers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Words that, just before a phrase, cancel it ("esta mañana" is this morning)."""
    lowercase_only: frozenset[str] = frozenset()
    eras: Mapping[str, int] = field(default_factory=dict)
    counters: Mapping[str, str] = field(default_factory=dict)
    """Japanese counters that let a kanji numeral stand ("三人")."""


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------

#: Currency symbols, read before or after a number in every language.
CURRENCY_SYMBOLS: Mapping[str, str] = {
    "US$": "USD", "U.S.$": "USD", "R$": "BRL", "C$": "CAD", "A$": "AUD", "HK$": "HKD",
    "NZ$": "NZD", "S$": "SGD", "$": "USD", "＄": "USD", "€": "EUR", "£": "GBP", "￡": "GBP",
    "¥": "JPY", "￥": "JPY", "円": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR", "₩": "KRW",
    "₺": "TRY", "₪": "ILS", "zł": "PLN", "Kč": "CZK", "元": "CNY",
}

#: ISO 4217 codes read as currencies before or after a number.
CURRENCY_CODES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "JPY", "RUB", "UAH", "PLN", "CHF", "CNY", "INR", "BRL", "CAD", "AUD",
    "KRW", "TRY", "ILS", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "BGN", "MXN", "ZAR", "HKD",
)

#: Unit symbols read in every language, written onto the number or after a space.
UNIT_SYMBOLS: Mapping[str, str] = {
    "km": "km", "km²": "km2", "km2": "km2", "m²": "m2", "m2": "m2", "m": "m", "cm": "cm",
    "mm": "mm", "kg": "kg", "g": "g", "mg": "mg", "t": "t", "l": "l", "ml": "ml",
    "°C": "°C", "° C": "°C", "°F": "°F", "KB": "KB", "kB": "KB", "MB": "MB", "GB": "GB",
    "TB": "TB", "Mbps": "Mbps", "Gbps": "Gbps", "kW": "kW", "MW": "MW", "GW": "GW",
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "mph": "mph", "km/h": "km/h",
    "bcm": "bcm",
}

#: Abbreviations after a number that may be written with a dot ("5 Mio. Euro", "10 тыс.
#: человек", "15 proc."); the dot then belongs to the mention.
ABBREVIATIONS: frozenset[str] = frozenset({
    "mio", "mrd", "mln", "mld", "bln", "md", "mds", "bn", "mn", "tn", "tys", "proc", "pkt",
    "тыс", "млн", "млрд", "трлн", "тис", "руб", "долл", "грн", "дол",
})

_DAY = {n: RelativeDate("day", n) for n in (-2, -1, 0, 1, 2)}


def _set(words: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(words.split())


def _week(offset: int, position: str = "within") -> RelativeDate:
    return RelativeDate("week", offset, position)


def _month(offset: int, position: str = "within") -> RelativeDate:
    return RelativeDate("month", offset, position)


def _quarter(offset: int) -> RelativeDate:
    return RelativeDate("quarter", offset)


def _year(offset: int, position: str = "within", bound: str | None = None) -> RelativeDate:
    return RelativeDate("year", offset, position, bound)


def _phrases(*pairs: tuple[str, RelativeDate]) -> dict[str, RelativeDate]:
    out: dict[str, RelativeDate] = {}
    for template, meaning in pairs:
        for phrase in expand(template):
            out[normalise(phrase)] = meaning
    return out


def _seasons(templates: Iterable[tuple[str, int]], names: Mapping[str, str]
             ) -> dict[str, RelativeDate]:
    """Season phrases: each template (``@`` for the season word) with each season word."""
    pairs = [(template.replace("@", word), RelativeDate("season", offset, detail=season))
             for template, offset in templates for word, season in names.items()]
    return _phrases(*pairs)


def _units(pairs: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{"km": ["chilometri", "chilometro"]}`` → every word mapped to its unit (or currency)."""
    return {word: unit for unit, forms in pairs.items() for word in forms}


# ---------------------------------------------------------------------------------------------
# Italian
# ---------------------------------------------------------------------------------------------

_IT = NumericLexicon(
    code="it",
    decimal=",",
    number_words={
        "zero": 0, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7,
        "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13,
        "quattordici": 14, "quindici": 15, "sedici": 16, "diciassette": 17, "diciotto": 18,
        "diciannove": 19, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50,
        "sessanta": 60, "settanta": 70, "ottanta": 80, "novanta": 90, "cento": 100,
        "mille": 1000, "uno": 1,
    },
    ambiguous_numbers=frozenset({"sei", "uno"}),
    articles=("un", "una", "uno"),
    multipliers={"mila": 1e3, "milione": 1e6, "milioni": 1e6, "mln": 1e6, "miliardo": 1e9,
                 "miliardi": 1e9, "mld": 1e9, "mrd": 1e9, "bilioni": 1e12},
    connectors=("di", "d'"),
    percent_words=("per cento", "percento", "per cent"),
    point_words=("punti percentuali", "punto percentuale"),
    currency_words=_units({
        "EUR": ["euro"], "USD": ["dollari", "dollaro", "dollari statunitensi", "dollari usa"],
        "GBP": ["sterline", "sterlina"], "JPY": ["yen"], "RUB": ["rubli", "rublo"],
        "UAH": ["grivne", "grivna", "hryvnia"], "CNY": ["yuan"], "CHF": ["franchi svizzeri"],
        "PLN": ["zloty"],
    }),
    units=_units({
        "km": ["chilometri", "chilometro"], "m": ["metri", "metro"],
        "kg": ["chilogrammi", "chili", "chilo"], "t": ["tonnellate", "tonnellata"],
        "l": ["litri", "litro"], "ha": ["ettari", "ettaro"], "years": ["anni", "anno"],
        "months": ["mesi", "mese"], "weeks": ["settimane", "settimana"],
        "days": ["giorni", "giorno"], "hours": ["ore"], "minutes": ["minuti", "minuto"],
        "seconds": ["secondi", "secondo"],
    }),
    age_suffix=r"-?enn[ei]",
    ordinal_suffix=r"[°º](?!\s?[CF](?![^\W\d_]))|ª",
    decade_words=("anni",),
    stopwords=_set("""
        il lo la i gli le l un una uno di a da in con su per tra fra del dello della dei degli
        delle al allo alla ai agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli
        nelle sul sullo sulla sui sugli sulle e ed o od ma che se come anche né non ci si ne mi
        ti vi è sono era erano sarà saranno sia siano ha hanno aveva avevano avrà abbia stato
        stata stati state essere avere fa fanno più meno circa oltre quasi già ancora poi dopo
        prima mentre contro verso fino secondo sempre mai solo tutti tutte tutto questo questa
        questi queste quello quella quelli quelle cui chi dove quando perché però quindi invece
        ecc così molto poco tanto troppo ogni alcuni alcune entro presso durante
        circa rispetto sopra sotto dentro fuori insieme senza
    """),
    stop_suffixes=("mente", "ando", "endo"),
    year_context=_set("""
        dal dall nel nell del dell al all il entro fino sino dopo prima da in a ad tra fra
        anno inizio fine metà estate inverno primavera autunno sin partire
    """),
    range_words=frozenset({"e", "al", "a", "fino"}),
    month_context=_set("""
        a ad in di da dal dall entro fino inizio fine metà nel nell mese prossimo scorso
        scorsa prossima
    """),
    month_year_links=("del",),
    relative={
        **_phrases(
            ("oggi", _DAY[0]), ("ieri", _DAY[-1]), ("domani", _DAY[1]),
            ("{l'altro ieri|l'altroieri|ieri l'altro|altroieri}", _DAY[-2]),
            ("dopodomani", _DAY[2]),
            ("{la |}settimana {scorsa|passata}", _week(-1)),
            ("{la |}{scorsa|passata} settimana", _week(-1)),
            ("{la |}settimana {prossima|ventura|entrante}", _week(1)),
            ("{la |}prossima settimana", _week(1)), ("questa settimana", _week(0)),
            ("{la |}fine {della|di questa} settimana", _week(0, "end")),
            ("{il |}mese {scorso|passato}", _month(-1)), ("{lo |}scorso mese", _month(-1)),
            ("{il |}mese prossimo", _month(1)), ("{il |}prossimo mese", _month(1)),
            ("{questo|il} mese {corrente|in corso}", _month(0)), ("questo mese", _month(0)),
            ("{la |}fine {del|di questo} mese", _month(0, "end")),
            ("{a |}fine mese", _month(0, "end")),
            ("{l'|}anno {scorso|passato}", _year(-1)), ("{lo |}scorso anno", _year(-1)),
            ("{l'|}anno prossimo", _year(1)), ("{il |}prossimo anno", _year(1)),
            ("{quest'anno|questo anno|l'anno in corso|l'anno corrente}", _year(0)),
            ("{la |}fine {di quest'anno|di questo anno|dell'anno|dell'anno in corso}",
             _year(0, "end")),
            ("{a |}fine anno", _year(0, "end")),
            ("{la |}fine {dell'anno prossimo|del prossimo anno}", _year(1, "end")),
            ("{la |}fine {dell'anno scorso|dello scorso anno}", _year(-1, "end")),
            ("{l'|}inizio {di quest'anno|di questo anno|dell'anno}", _year(0, "start")),
            ("{a |}inizio anno", _year(0, "start")),
            ("{l'|}inizio {dell'anno prossimo|del prossimo anno}", _year(1, "start")),
            ("{il |}prossimo trimestre", _quarter(1)), ("{il |}trimestre {scorso|passato}",
                                                        _quarter(-1)),
            ("questo trimestre", _quarter(0)),
        ),
        **_seasons([("{la |}{prossima|ventura} @", 1), ("{la |}@ {prossima|ventura}", 1),
                    ("{la |}scorsa @", -1), ("{la |}@ scorsa", -1), ("questa @", 0)],
                   {"primavera": "spring"}),
        **_seasons([("{la |}{prossima|ventura} @", 1), ("{l'|}@ {prossima|ventura}", 1),
                    ("{la |}scorsa @", -1), ("{l'|}@ scorsa", -1),
                    ("{quest'|questa }@", 0)], {"estate": "summer"}),
        **_seasons([("{il |}prossimo @", 1), ("{l'|}@ prossimo", 1), ("{lo |}scorso @", -1),
                    ("{l'|}@ scorso", -1), ("{quest'|questo }@", 0)],
                   {"autunno": "autumn", "inverno": "winter"}),
        **_seasons([("in @", 0)], {"primavera": "spring", "estate": "summer",
                                   "autunno": "autumn", "inverno": "winter"}),
        **_seasons([("d'@", 0)], {"estate": "summer", "inverno": "winter"}),
    },
    weekday_templates=(("@ {scorso|scorsa}", -1), ("{lo |}scorso @", -1),
                       ("{la |}scorsa @", -1), ("@ {prossimo|prossima}", 1),
                       ("{il |}prossimo @", 1), ("{la |}prossima @", 1)),
    bounds={"entro": "by", "fino a": "by", "fino al": "by", "fino alla": "by",
            "fino all'": "by", "da": "since", "dal": "since", "dalla": "since",
            "dall'": "since", "dallo": "since", "a partire da": "since"},
)

# ---------------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------------

_EN = NumericLexicon(
    code="en",
    decimal=".",
    month_first=True,
    month_day_order=True,
    months_capitalised=True,
    number_words={
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100,
        "a thousand": 1000,
    },
    ambiguous_numbers=frozenset({"one"}),
    articles=("a", "an", "one"),
    multipliers={"hundred": 100, "thousand": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6,
                 "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12},
    percent_words=("percent", "per cent", "pct"),
    point_words=("percentage points", "percentage point"),
    currency_words=_units({
        "USD": ["dollars", "dollar", "us dollars"], "EUR": ["euros", "euro"],
        "GBP": ["pounds sterling", "sterling"], "JPY": ["yen"],
        "RUB": ["rubles", "roubles", "ruble", "rouble"],
        "UAH": ["hryvnias", "hryvnia", "hryvnas"], "CNY": ["yuan"],
        "CHF": ["swiss francs"], "PLN": ["zlotys", "zloty"], "INR": ["rupees"],
    }),
    units=_units({
        "km": ["kilometres", "kilometers", "kilometre", "kilometer"], "mi": ["miles", "mile"],
        "m": ["metres", "meters", "metre", "meter"], "kg": ["kilograms", "kilogram", "kilos"],
        "t": ["tonnes", "tons", "tonne", "ton"], "l": ["litres", "liters", "litre", "liter"],
        "ha": ["hectares", "hectare"], "years": ["years", "year"],
        "months": ["months", "month"], "weeks": ["weeks", "week"], "days": ["days", "day"],
        "hours": ["hours", "hour"], "minutes": ["minutes", "minute"],
        "seconds": ["seconds", "second"],
    }),
    age_suffix=r"[-‐‑\s]years?[-‐‑\s]olds?",
    ordinal_suffix=r"(?:st|nd|rd|th)(?![^\W\d_])",
    decade_suffix=r"['’]?s(?![^\W\d_])",
    stopwords=_set("""
        the a an of in on at to for from by with and or but nor as than that this these those
        is are was were be been being has have had do does did will would shall should can
        could may might must it its he she they we you i his her their our your them him us
        me not no so if when while where who whom which what why how also only just more less
        most least about around over under after before since until during between among into
        onto out up down off per each every all any some such other another same than then
        there here again still very too
    """),
    stop_suffixes=("ed", "ing", "ly"),
    year_context=_set("""
        in since by until till from to before after during between of early late mid year
        summer winter spring autumn fall through throughout around circa c
    """),
    range_words=frozenset({"and", "to", "through", "until"}),
    month_context=_set("""
        in since by until till from to before after during of early late mid last next this
        until
    """),
    day_month_links=("of",),
    relative={
        **_phrases(
            ("{today|tonight}", _DAY[0]), ("yesterday", _DAY[-1]), ("tomorrow", _DAY[1]),
            ("{the |}day before yesterday", _DAY[-2]), ("{the |}day after tomorrow", _DAY[2]),
            ("{last|previous} week", _week(-1)), ("next week", _week(1)),
            ("this week", _week(0)), ("{the |}end of {this|the} week", _week(0, "end")),
            ("{last|previous} month", _month(-1)), ("next month", _month(1)),
            ("this month", _month(0)), ("{the |}end of {this|the} month", _month(0, "end")),
            ("{the |}end of next month", _month(1, "end")),
            ("{last|previous} year", _year(-1)), ("next year", _year(1)),
            ("{this|later this|earlier this} year", _year(0)),
            ("{the |}end of {this|the} year", _year(0, "end")), ("year-end", _year(0, "end")),
            ("{the |}end of next year", _year(1, "end")),
            ("{the |}end of last year", _year(-1, "end")),
            ("{the |}{start|beginning} of {this|the} year", _year(0, "start")),
            ("{the |}{start|beginning} of next year", _year(1, "start")),
            ("{last|previous} quarter", _quarter(-1)), ("next quarter", _quarter(1)),
            ("this quarter", _quarter(0)),
        ),
        **_seasons([("next @", 1), ("last @", -1), ("this @", 0)],
                   {"spring": "spring", "summer": "summer", "autumn": "autumn",
                    "fall": "autumn", "winter": "winter"}),
        **_seasons([("in {the |}@", 0)], {"spring": "spring", "summer": "summer",
                                          "autumn": "autumn", "winter": "winter"}),
        **_seasons([("in the @", 0)], {"fall": "autumn"}),
    },
    weekday_templates=(("last @", -1), ("next @", 1)),
    extra_months={"sept": 9, "sept.": 9},
    bounds={"by": "by", "before": "by", "until": "by", "since": "since"},
)

# ---------------------------------------------------------------------------------------------
# French
# ---------------------------------------------------------------------------------------------

_FR = NumericLexicon(
    code="fr",
    decimal=",",
    space_groups=True,
    number_words={
        "zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
        "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
        "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
    },
    ambiguous_numbers=frozenset({"neuf"}),
    articles=("un", "une"),
    multipliers={"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
                 "mds": 1e9, "md": 1e9, "billion": 1e12, "billions": 1e12},
    connectors=("de", "d'"),
    percent_words=("pour cent", "pourcent", "pour-cent"),
    point_words=("points de pourcentage", "point de pourcentage"),
    currency_words=_units({
        "EUR": ["euros", "euro"], "USD": ["dollars", "dollar"],
        "GBP": ["livres sterling", "livres", "livre sterling"], "JPY": ["yens", "yen"],
        "RUB": ["roubles", "rouble"], "UAH": ["hryvnias", "hryvnia"],
        "CNY": ["yuans", "yuan"], "CHF": ["francs suisses", "francs"], "PLN": ["zlotys"],
    }),
    units=_units({
        "km": ["kilomètres", "kilomètre"], "m": ["mètres", "mètre"],
        "kg": ["kilos", "kilogrammes", "kilogramme"], "t": ["tonnes", "tonne"],
        "l": ["litres", "litre"], "ha": ["hectares", "hectare"],
        "years": ["ans", "an", "années", "année"], "months": ["mois"],
        "weeks": ["semaines", "semaine"], "days": ["jours", "jour"],
        "hours": ["heures", "heure"], "minutes": ["minutes", "minute"],
        "seconds": ["secondes", "seconde"],
    }),
    ordinal_suffix=r"(?:er|re|ère|ème|eme|e|è|ᵉ|ᵉʳ|ʳᵉ)(?![^\W\d_])",
    decade_words=("années",),
    stopwords=_set("""
        le la les l un une des du de d à au aux en dans sur sous par pour avec sans chez entre
        et ou mais donc or ni car que qu qui quoi dont où si ne pas plus moins environ près
        presque déjà encore puis après avant pendant depuis contre vers selon est sont était
        étaient sera seront soit a ont avait avaient aura été être avoir fait font ce cet cette
        ces il elle ils elles on nous vous leur leurs son sa ses se sa tous toutes tout autres
        autre même très trop aussi
    """),
    stop_suffixes=("ment",),
    year_context=_set("""
        en depuis dès avant après jusqu de à et entre vers fin début mi milieu an année
        printemps été automne hiver courant
    """),
    range_words=frozenset({"à", "et", "au"}),
    month_context=_set("""
        en depuis dès avant après jusqu début fin mi mois courant d de
    """),
    relative={
        **_phrases(
            ("aujourd'hui", _DAY[0]), ("hier", _DAY[-1]), ("demain", _DAY[1]),
            ("avant-hier", _DAY[-2]), ("après-demain", _DAY[2]),
            ("{la |}semaine {dernière|passée}", _week(-1)), ("{la |}semaine prochaine", _week(1)),
            ("cette semaine", _week(0)),
            ("{la |}fin {de la|de cette} semaine", _week(0, "end")),
            ("{le |}mois {dernier|passé}", _month(-1)), ("{le |}mois prochain", _month(1)),
            ("{ce mois-ci|ce mois}", _month(0)), ("{la |}fin du mois", _month(0, "end")),
            ("{l'|}année {dernière|passée}", _year(-1)), ("{l'|}an {dernier|passé}", _year(-1)),
            ("{l'|}année prochaine", _year(1)), ("{l'|}an prochain", _year(1)),
            ("{cette année|l'année en cours}", _year(0)),
            ("{la |}fin {de l'année|de cette année|d'année|de l'an|de l'année en cours}",
             _year(0, "end")),
            ("{la |}fin {de l'année prochaine|de l'an prochain}", _year(1, "end")),
            ("{la |}fin {de l'année dernière|de l'an dernier}", _year(-1, "end")),
            ("{le |}début {de l'année|de cette année|d'année}", _year(0, "start")),
            ("{le |}début {de l'année prochaine|de l'an prochain}", _year(1, "start")),
            ("{le |}trimestre prochain", _quarter(1)),
            ("{le |}trimestre {dernier|passé}", _quarter(-1)), ("ce trimestre", _quarter(0)),
        ),
        **_seasons([("{le |au |}@ prochain", 1), ("{le |au |}@ dernier", -1), ("ce @", 0)],
                   {"printemps": "spring"}),
        **_seasons([("{l'|}@ prochain", 1), ("{l'|}@ dernier", -1), ("cet @", 0)],
                   {"été": "summer", "automne": "autumn", "hiver": "winter"}),
        **_seasons([("au @", 0)], {"printemps": "spring"}),
        **_seasons([("en @", 0)], {"été": "summer", "automne": "autumn", "hiver": "winter"}),
    },
    weekday_templates=(("@ dernier", -1), ("@ prochain", 1)),
    bounds={"d'ici": "by", "d'ici à": "by", "avant": "by", "jusqu'à": "by",
            "depuis": "since"},
)

# ---------------------------------------------------------------------------------------------
# German
# ---------------------------------------------------------------------------------------------

_DE = NumericLexicon(
    code="de",
    decimal=",",
    months_capitalised=True,
    number_words={
        "null": 0, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
        "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
        "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100,
        "tausend": 1000,
    },
    ambiguous_numbers=frozenset({"null", "elf", "acht"}),
    articles=("ein", "eine", "einer", "einem", "einen"),
    multipliers={"tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6,
                 "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "billion": 1e12,
                 "billionen": 1e12},
    percent_words=("prozent",),
    point_words=("prozentpunkte", "prozentpunkten", "prozentpunkt"),
    currency_words=_units({
        "EUR": ["euro"], "USD": ["dollar", "us-dollar"], "GBP": ["pfund sterling", "pfund"],
        "JPY": ["yen"], "RUB": ["rubel"], "UAH": ["hrywnja", "hrywnjas", "griwna"],
        "CNY": ["yuan"], "CHF": ["franken"], "PLN": ["zloty"],
    }),
    units=_units({
        "km": ["kilometer", "kilometern"], "m": ["meter", "metern"],
        "kg": ["kilogramm", "kilo"], "t": ["tonnen", "tonne"], "l": ["liter", "litern"],
        "ha": ["hektar"], "years": ["jahre", "jahren", "jahr"],
        "months": ["monate", "monaten", "monat"], "weeks": ["wochen", "woche"],
        "days": ["tage", "tagen", "tag"], "hours": ["stunden", "stunde"],
        "minutes": ["minuten", "minute"], "seconds": ["sekunden", "sekunde"],
    }),
    age_suffix=r"-[jJ]ährige[rnms]?|-[jJ]ährig",
    ordinal_dot="determiner",
    determiners=_set("""
        der die das dem den des am im zum zur vom beim ihr ihre ihrem ihren ihres sein seine
        seinem seinen seines unser unsere dieser diese diesem diesen dieses jeder jede
    """),
    decade_suffix=r"er(?:\s{1,2}[jJ]ahren?)?(?![^\W\d_])",
    stopwords=_set("""
        der die das dem den des ein eine einer einem einen und oder aber doch sondern als wie
        wenn dass daß ob weil da in im an am auf aus bei mit nach seit von vom vor zu zum zur
        über unter um für gegen ohne durch bis ist sind war waren wird werden wurde wurden hat
        haben hatte hatten sein nicht kein keine mehr weniger rund etwa fast knapp gut über
        es er sie wir ihr ich man sich auch noch schon nur mal pro je so sowie bzw ca
    """),
    year_context=_set("""
        im seit bis vor nach ab von jahr jahre jahres anfang ende mitte zwischen frühjahr
        sommer herbst winter frühling in um gegen
    """),
    range_words=frozenset({"bis", "und"}),
    month_context=_set("""
        im seit bis vor nach ab anfang ende mitte monat von
    """),
    relative={
        **_phrases(
            ("heute", _DAY[0]), ("gestern", _DAY[-1]), ("morgen", _DAY[1]),
            ("vorgestern", _DAY[-2]), ("übermorgen", _DAY[2]),
            ("{letzte|letzten|letzter|vergangene|vergangenen|vergangener|vorige|vorigen} Woche",
             _week(-1)),
            ("{nächste|nächsten|nächster|kommende|kommenden|kommender} Woche", _week(1)),
            ("{diese|dieser} Woche", _week(0)),
            ("{zum |}Ende {der|dieser} Woche", _week(0, "end")),
            ("{im |}{letzten|vergangenen|vorigen} Monat", _month(-1)),
            ("{letztem|vergangenem|vorigem} Monat", _month(-1)),
            ("{im |}{nächsten|kommenden} Monat", _month(1)),
            ("{diesen|in diesem|dieses} Monat{s|}", _month(0)),
            ("Ende {des Monats|dieses Monats}", _month(0, "end")),
            ("{zum |}Monatsende", _month(0, "end")),
            ("{letztes|vergangenes|voriges} Jahr", _year(-1)),
            ("{im |}{letzten|vergangenen|vorigen} Jahr", _year(-1)),
            ("{letztem|vergangenem|vorigem} Jahr", _year(-1)),
            ("{des |}{letzten|vergangenen|vorigen} Jahres", _year(-1)),
            ("{nächstes|kommendes} Jahr", _year(1)), ("{im |}{nächsten|kommenden} Jahr", _year(1)),
            ("{des |}{nächsten|kommenden} Jahres", _year(1)),
            ("{dieses|in diesem|im laufenden} Jahr", _year(0)),
            ("{dieses|des laufenden} Jahres", _year(0)),
            ("{zum |}Ende {des Jahres|dieses Jahres|des laufenden Jahres}", _year(0, "end")),
            ("{zum |}Jahresende", _year(0, "end")),
            ("Ende {des |}{nächsten|kommenden} Jahres", _year(1, "end")),
            ("Ende {des |}{letzten|vergangenen} Jahres", _year(-1, "end")),
            ("Anfang {des Jahres|dieses Jahres}", _year(0, "start")),
            ("{zum |}Jahresanfang", _year(0, "start")),
            ("{im |}{nächsten|kommenden} Quartal", _quarter(1)),
            ("{im |}{letzten|vergangenen} Quartal", _quarter(-1)),
            ("{in diesem|im laufenden} Quartal", _quarter(0)),
        ),
        **_seasons([("{im |}{nächsten|kommenden} @", 1), ("{nächstes|kommendes} @", 1),
                    ("{im |}{letzten|vergangenen} @", -1), ("{letztes|vergangenes} @", -1),
                    ("{in diesem|dieses|diesen} @", 0)],
                   {"frühjahr": "spring", "frühling": "spring", "sommer": "summer",
                    "herbst": "autumn", "winter": "winter"}),
        **_seasons([("im @", 0)], {"frühjahr": "spring", "frühling": "spring",
                                   "sommer": "summer", "herbst": "autumn", "winter": "winter"}),
    },
    weekday_templates=(("{am |}{letzten|vergangenen|vorigen} @", -1),
                       ("{am |}{nächsten|kommenden} @", 1)),
    bounds={"bis": "by", "vor": "by", "seit": "since"},
    lowercase_only=frozenset({"morgen"}),
)

# ---------------------------------------------------------------------------------------------
# Spanish
# ---------------------------------------------------------------------------------------------

_ES = NumericLexicon(
    code="es",
    decimal=",",
    number_words={
        "cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
        "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
        "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
        "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "mil": 1000,
    },
    articles=("un", "una", "uno"),
    multipliers={"mil": 1e3, "millón": 1e6, "millones": 1e6, "mdd": 1e6, "billón": 1e12,
                 "billones": 1e12},
    connectors=("de",),
    percent_words=("por ciento",),
    point_words=("puntos porcentuales", "punto porcentual"),
    currency_words=_units({
        "EUR": ["euros", "euro"], "USD": ["dólares", "dólar", "dolares"],
        "GBP": ["libras esterlinas", "libras"], "JPY": ["yenes", "yen"],
        "RUB": ["rublos", "rublo"], "UAH": ["grivnas"], "CNY": ["yuanes", "yuan"],
        "CHF": ["francos suizos"],
    }),
    units=_units({
        "km": ["kilómetros", "kilómetro"], "m": ["metros", "metro"],
        "kg": ["kilos", "kilogramos"], "t": ["toneladas", "tonelada"],
        "l": ["litros", "litro"], "ha": ["hectáreas"], "years": ["años", "año"],
        "months": ["meses", "mes"], "weeks": ["semanas", "semana"],
        "days": ["días", "día"], "hours": ["horas", "hora"], "minutes": ["minutos", "minuto"],
        "seconds": ["segundos", "segundo"],
    }),
    ordinal_suffix=r"\.?[ºª°](?!\s?[CF](?![^\W\d_]))",
    decade_words=("años",),
    stopwords=_set("""
        el la los las lo un una unos unas de del a al en con por para sin sobre entre tras
        desde hasta y e o u ni pero sino que como si no más menos casi cerca unos es son era
        eran será serán fue fueron ha han había habían sido ser estar está están se su sus le
        les me te nos os ya aún también muy todo todos todas cada otro otra otros otras este
        esta estos estas ese esa
    """),
    stop_suffixes=("mente", "ando", "iendo"),
    year_context=_set("""
        en desde de del hasta antes después entre año finales principios mediados el para
        hacia primavera verano otoño invierno
    """),
    range_words=frozenset({"y", "a", "al", "hasta"}),
    month_context=_set("""
        en desde de hasta antes finales principios mediados mes para
    """),
    day_month_links=("de",),
    month_year_links=("de", "del"),
    relative={
        **_phrases(
            ("hoy", _DAY[0]), ("ayer", _DAY[-1]), ("mañana", _DAY[1]),
            ("{anteayer|antier|antes de ayer}", _DAY[-2]), ("pasado mañana", _DAY[2]),
            ("{la |}semana {pasada|anterior}", _week(-1)),
            ("{la |}{próxima|siguiente} semana", _week(1)),
            ("{la |}semana {próxima|que viene|entrante}", _week(1)), ("esta semana", _week(0)),
            ("{a |}finales de {la|esta} semana", _week(0, "end")),
            ("{el |}final de {la|esta} semana", _week(0, "end")),
            ("{el |}mes {pasado|anterior}", _month(-1)),
            ("{el |}{próximo|siguiente} mes", _month(1)),
            ("{el |}mes {próximo|que viene|entrante}", _month(1)), ("este mes", _month(0)),
            ("{el |}{fin|final} de mes", _month(0, "end")), ("finales de mes", _month(0, "end")),
            ("{el |}año {pasado|anterior}", _year(-1)), ("{el |}pasado año", _year(-1)),
            ("{el |}{próximo|siguiente} año", _year(1)),
            ("{el |}año {próximo|que viene|entrante}", _year(1)),
            ("{este|el presente} año", _year(0)),
            ("{el |}{fin|final} {de año|del año|de este año}", _year(0, "end")),
            ("finales {de año|del año|de este año}", _year(0, "end")),
            ("{el |}{fin|final} del {próximo año|año que viene}", _year(1, "end")),
            ("finales del {próximo año|año que viene}", _year(1, "end")),
            ("{principios|comienzos} {de año|del año|de este año}", _year(0, "start")),
            ("{el |}{inicio|comienzo} {del año|de este año}", _year(0, "start")),
            ("{el |}próximo trimestre", _quarter(1)), ("{el |}trimestre pasado", _quarter(-1)),
            ("este trimestre", _quarter(0)),
        ),
        **_seasons([("{la |}próxima @", 1), ("{la |}@ {próxima|que viene}", 1),
                    ("{la |}@ pasada", -1), ("{la |}pasada @", -1), ("esta @", 0)],
                   {"primavera": "spring"}),
        **_seasons([("{el |}próximo @", 1), ("{el |}@ {próximo|que viene}", 1),
                    ("{el |}@ pasado", -1), ("{el |}pasado @", -1), ("este @", 0)],
                   {"verano": "summer", "otoño": "autumn", "invierno": "winter"}),
        **_seasons([("en @", 0)], {"primavera": "spring", "verano": "summer",
                                   "otoño": "autumn", "invierno": "winter"}),
    },
    weekday_templates=(("{el |}@ pasado", -1), ("{el |}próximo @", 1),
                       ("{el |}@ {próximo|que viene}", 1)),
    bounds={"antes de": "by", "para": "by", "hasta": "by", "desde": "since"},
    blockers={"mañana": frozenset({"la", "esta", "una", "cada", "toda", "media", "misma"})},
)

# ---------------------------------------------------------------------------------------------
# Portuguese
# ---------------------------------------------------------------------------------------------

_PT = NumericLexicon(
    code="pt",
    decimal=",",
    number_words={
        "zero": 0, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6,
        "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13,
        "catorze": 14, "quatorze": 14, "quinze": 15, "vinte": 20, "trinta": 30,
        "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
        "noventa": 90, "cem": 100, "mil": 1000,
    },
    articles=("um", "uma"),
    multipliers={"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "mi": 1e6, "bilhão": 1e9,
                 "bilhões": 1e9, "bi": 1e9, "bilião": 1e12, "biliões": 1e12,
                 "trilhão": 1e12, "trilhões": 1e12},
    connectors=("de",),
    percent_words=("por cento",),
    point_words=("pontos percentuais", "ponto percentual"),
    currency_words=_units({
        "EUR": ["euros", "euro"], "USD": ["dólares", "dólar"], "BRL": ["reais"],
        "GBP": ["libras esterlinas", "libras"], "JPY": ["ienes", "iene"],
        "RUB": ["rublos", "rublo"], "UAH": ["grívnias"], "CNY": ["yuans", "iuanes"],
    }),
    units=_units({
        "km": ["quilômetros", "quilómetros", "quilômetro", "quilómetro"],
        "m": ["metros", "metro"], "kg": ["quilos", "quilogramas"],
        "t": ["toneladas", "tonelada"], "l": ["litros", "litro"], "ha": ["hectares"],
        "years": ["anos", "ano"], "months": ["meses", "mês"], "weeks": ["semanas", "semana"],
        "days": ["dias", "dia"], "hours": ["horas", "hora"], "minutes": ["minutos", "minuto"],
        "seconds": ["segundos", "segundo"],
    }),
    ordinal_suffix=r"\.?[ºª°](?!\s?[CF](?![^\W\d_]))",
    decade_words=("anos",),
    stopwords=_set("""
        o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às por pelo pela
        pelos pelas para com sem sobre entre até desde e ou mas nem que como se não mais menos
        quase cerca é são era eram será serão foi foram tem têm tinha tinham sido ser estar
        está estão se seu sua seus suas lhe já ainda também muito todo todos todas cada outro
        outra este esta esse essa
    """),
    stop_suffixes=("mente", "ando", "endo"),
    year_context=_set("""
        em desde de do até antes depois entre ano fim início meados final no para
        primavera verão outono inverno
    """),
    range_words=frozenset({"e", "a", "até"}),
    month_context=_set("""
        em desde de até antes fim início meados final mês para
    """),
    day_month_links=("de",),
    month_year_links=("de",),
    relative={
        **_phrases(
            ("hoje", _DAY[0]), ("ontem", _DAY[-1]), ("amanhã", _DAY[1]),
            ("anteontem", _DAY[-2]), ("depois de amanhã", _DAY[2]),
            ("{a |na |}semana passada", _week(-1)), ("{a |na |}próxima semana", _week(1)),
            ("{na |}semana que vem", _week(1)), ("{esta|nesta} semana", _week(0)),
            ("{o |no |}{fim|final} {da|desta} semana", _week(0, "end")),
            ("{o |no |}mês passado", _month(-1)), ("{o |no |}próximo mês", _month(1)),
            ("{no |}mês que vem", _month(1)), ("{este|neste} mês", _month(0)),
            ("{o |no |}{fim|final} do mês", _month(0, "end")),
            ("{o |no |}ano passado", _year(-1)), ("{o |no |}próximo ano", _year(1)),
            ("{no |}ano que vem", _year(1)), ("{este|neste} ano", _year(0)),
            ("{o |no |}{fim|final} {do ano|deste ano|de ano}", _year(0, "end")),
            ("{o |no |}{fim|final} do próximo ano", _year(1, "end")),
            ("{o |no |}{fim|final} do ano passado", _year(-1, "end")),
            ("{o |no |}{início|começo} {do ano|deste ano}", _year(0, "start")),
            ("{o |no |}próximo trimestre", _quarter(1)),
            ("{o |no |}trimestre passado", _quarter(-1)),
        ),
        **_seasons([("{a |na |}próxima @", 1), ("{a |na |}@ passada", -1),
                    ("{esta|nesta} @", 0)], {"primavera": "spring"}),
        **_seasons([("{o |no |}próximo @", 1), ("{o |no |}@ passado", -1),
                    ("{este|neste} @", 0)],
                   {"verão": "summer", "outono": "autumn", "inverno": "winter"}),
        **_seasons([("na @", 0)], {"primavera": "spring"}),
        **_seasons([("no @", 0)], {"verão": "summer", "outono": "autumn", "inverno": "winter"}),
    },
    weekday_templates=(("{na |no |}@ {passada|passado}", -1),
                       ("{na |no |}{próxima|próximo} @", 1)),
    bounds={"até": "by", "até ao": "by", "até o": "by", "antes de": "by", "desde": "since"},
)

# ---------------------------------------------------------------------------------------------
# Dutch
# ---------------------------------------------------------------------------------------------

_NL = NumericLexicon(
    code="nl",
    decimal=",",
    number_words={
        "nul": 0, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
        "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "twintig": 20,
        "dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100, "duizend": 1000,
    },
    articles=("een",),
    multipliers={"duizend": 1e3, "miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "mld": 1e9,
                 "biljoen": 1e12},
    percent_words=("procent", "per cent"),
    point_words=("procentpunten", "procentpunt"),
    currency_words=_units({
        "EUR": ["euro"], "USD": ["dollar", "dollars"], "GBP": ["pond"], "JPY": ["yen"],
        "RUB": ["roebel"], "CNY": ["yuan"],
    }),
    units=_units({
        "km": ["kilometer"], "m": ["meter"], "kg": ["kilo", "kilogram"], "t": ["ton"],
        "l": ["liter"], "ha": ["hectare"], "years": ["jaar", "jaren"],
        "months": ["maanden", "maand"], "weeks": ["weken", "week"],
        "days": ["dagen", "dag"], "hours": ["uur"], "minutes": ["minuten", "minuut"],
        "seconds": ["seconden"],
    }),
    age_suffix=r"-?jarige",
    ordinal_suffix=r"(?:ste|de|e)(?![^\W\d_])",
    decade_words=("jaren",),
    stopwords=_set("""
        de het een en of maar dat die dit deze van in op aan met voor naar bij uit over onder
        tot tussen door om te als dan niet geen meer minder ruim bijna ongeveer circa is zijn
        was waren wordt worden werd werden heeft hebben had hadden zal zullen er hij zij ze we
        wij jij u ook nog al wel maar per
    """),
    stop_suffixes=("lijk",),
    year_context=_set("""
        in sinds tot voor na vanaf van tussen jaar eind begin medio halverwege voorjaar zomer
        najaar winter heel
    """),
    range_words=frozenset({"en", "tot"}),
    month_context=_set("in sinds tot voor na vanaf begin eind medio"),
    relative={
        **_phrases(
            ("vandaag", _DAY[0]), ("gisteren", _DAY[-1]), ("morgen", _DAY[1]),
            ("eergisteren", _DAY[-2]), ("overmorgen", _DAY[2]),
            ("{vorige|afgelopen} week", _week(-1)), ("{volgende|komende} week", _week(1)),
            ("deze week", _week(0)),
            ("{het |}{einde|eind} van de week", _week(0, "end")),
            ("eind deze week", _week(0, "end")),
            ("{vorige|afgelopen} maand", _month(-1)), ("{volgende|komende} maand", _month(1)),
            ("deze maand", _month(0)), ("{het |}{einde|eind} van de maand", _month(0, "end")),
            ("vorig jaar", _year(-1)), ("{het |}afgelopen jaar", _year(-1)),
            ("volgend jaar", _year(1)), ("{het |}komende jaar", _year(1)),
            ("dit jaar", _year(0)),
            ("{het |}{einde|eind} van {het|dit} jaar", _year(0, "end")),
            ("eind dit jaar", _year(0, "end")), ("{het |}jaareinde", _year(0, "end")),
            ("{eind|einde} volgend jaar", _year(1, "end")),
            ("{het |}begin van {het|dit} jaar", _year(0, "start")),
            ("begin dit jaar", _year(0, "start")),
            ("{het |}volgend kwartaal", _quarter(1)), ("{het |}vorig kwartaal", _quarter(-1)),
            ("dit kwartaal", _quarter(0)),
        ),
        **_seasons([("{het |}{volgend|komend} @", 1), ("{het |}{vorig|afgelopen} @", -1),
                    ("dit @", 0)], {"voorjaar": "spring", "najaar": "autumn"}),
        **_seasons([("{de |}{volgende|komende} @", 1), ("{de |}{vorige|afgelopen} @", -1),
                    ("deze @", 0)],
                   {"lente": "spring", "zomer": "summer", "herfst": "autumn",
                    "winter": "winter"}),
        **_seasons([("het @", 0)], {"voorjaar": "spring", "najaar": "autumn"}),
        **_seasons([("de @", 0)], {"lente": "spring", "zomer": "summer", "herfst": "autumn",
                                   "winter": "winter"}),
    },
    weekday_templates=(("{vorige|afgelopen} @", -1), ("{volgende|komende} @", 1)),
    bounds={"tegen": "by", "voor": "by", "uiterlijk": "by", "tot": "by", "sinds": "since"},
    blockers={"morgen": frozenset({"de", "deze", "die", "elke", "iedere", "een", "goede"})},
)

# ---------------------------------------------------------------------------------------------
# Polish
# ---------------------------------------------------------------------------------------------

_PL = NumericLexicon(
    code="pl",
    decimal=",",
    space_groups=True,
    number_words={
        "zero": 0, "jeden": 1, "jedna": 1, "jedno": 1, "dwa": 2, "dwie": 2, "dwóch": 2,
        "dwaj": 2, "trzy": 3, "trzech": 3, "trzej": 3, "cztery": 4, "czterech": 4,
        "pięć": 5, "pięciu": 5, "sześć": 6, "sześciu": 6, "siedem": 7, "siedmiu": 7,
        "osiem": 8, "ośmiu": 8, "dziewięć": 9, "dziewięciu": 9, "dziesięć": 10,
        "dziesięciu": 10, "jedenaście": 11, "dwanaście": 12, "piętnaście": 15,
        "dwadzieścia": 20, "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50,
        "sto": 100, "tysiąc": 1000,
    },
    ambiguous_numbers=frozenset({"jeden", "jedna", "jedno"}),
    multipliers={"tys": 1e3, "tysiąc": 1e3, "tysiące": 1e3, "tysięcy": 1e3, "mln": 1e6,
                 "milion": 1e6, "miliony": 1e6, "milionów": 1e6, "miliona": 1e6, "mld": 1e9,
                 "miliard": 1e9, "miliardy": 1e9, "miliardów": 1e9, "miliarda": 1e9,
                 "bln": 1e12, "bilion": 1e12, "bilionów": 1e12},
    percent_words=("procent", "procenta", "procentów", "proc"),
    point_words=("punktów procentowych", "punkty procentowe", "punkt procentowy", "pkt proc"),
    currency_words=_units({
        "PLN": ["złotych", "złote", "złoty", "zł"], "EUR": ["euro"],
        "USD": ["dolarów", "dolary", "dolara", "dolar"], "GBP": ["funtów", "funty"],
        "JPY": ["jenów"], "RUB": ["rubli", "rubla"], "UAH": ["hrywien", "hrywny", "hrywna"],
        "CNY": ["juanów"], "CHF": ["franków"],
    }),
    units=_units({
        "km": ["kilometrów", "kilometry"], "m": ["metrów", "metry"],
        "kg": ["kilogramów", "kilo"], "t": ["ton", "tony"], "l": ["litrów"],
        "ha": ["hektarów"], "years": ["lat", "lata", "rok"],
        "months": ["miesięcy", "miesiące", "miesiąc"], "weeks": ["tygodni", "tygodnie"],
        "days": ["dni", "dzień"], "hours": ["godzin", "godziny"], "minutes": ["minut"],
        "seconds": ["sekund"],
    }),
    age_suffix=r"-?(?:letni(?:a|e|ego|ej|emu|m|ch|mi)?|letnią|lat(?:ek|ka|kowie|ków))",
    ordinal_dot="lowercase",
    decade_words=("latach", "lata", "lat"),
    stopwords=_set("""
        i a o u w we z ze za na do od po przed przez przy pod nad bez dla oraz lub albo ale że
        jak czy nie tak to ten ta te tego tej tym jest są był była było były będzie będą ma
        mają miał miała mieli się już jeszcze też także tylko około ponad prawie niemal mniej
        więcej ich jego jej go mu im on ona ono oni one
    """),
    year_context=_set("""
        w we od do przed po roku rok między z ze na końcu początku połowie wiosną latem
        jesienią zimą
    """),
    range_words=frozenset({"do", "i", "a"}),
    month_context=_set("w we od do przed po początku końcu połowie"),
    year_after=(r"r\.", r"roku", r"rok", r"rokiem"),
    relative={
        **_phrases(
            ("{dziś|dzisiaj}", _DAY[0]), ("wczoraj", _DAY[-1]), ("jutro", _DAY[1]),
            ("przedwczoraj", _DAY[-2]), ("pojutrze", _DAY[2]),
            ("{w |}{zeszłym|ubiegłym|poprzednim|minionym} tygodniu", _week(-1)),
            ("{w |}{przyszłym|następnym} tygodniu", _week(1)),
            ("{w |}{tym|bieżącym} tygodniu", _week(0)),
            ("{końca|końcem} {tego |bieżącego |}tygodnia", _week(0, "end")),
            ("{w |}{zeszłym|ubiegłym|poprzednim|minionym} miesiącu", _month(-1)),
            ("{w |}{przyszłym|następnym} miesiącu", _month(1)),
            ("{w |}{tym|bieżącym} miesiącu", _month(0)),
            ("końca {tego |bieżącego |}miesiąca", _month(0, "end")),
            ("{w |}{zeszłym|ubiegłym|poprzednim|minionym} roku", _year(-1)),
            ("{zeszłego|ubiegłego} roku", _year(-1)), ("{zeszły|ubiegły} rok", _year(-1)),
            ("{w |}{przyszłym|następnym} roku", _year(1)),
            ("{przyszłego|następnego} roku", _year(1)), ("przyszły rok", _year(1)),
            ("{w |}{tym|bieżącym} roku", _year(0)), ("{tego|bieżącego} roku", _year(0)),
            ("{końca|końcem} {tego |bieżącego |}roku", _year(0, "end")),
            ("{na |pod |}koniec {tego |bieżącego |}roku", _year(0, "end")),
            ("{końca|końcem} {przyszłego|następnego} roku", _year(1, "end")),
            ("{na |}początku {tego |bieżącego |}roku", _year(0, "start")),
            ("{w |}{przyszłym|następnym} kwartale", _quarter(1)),
            ("{w |}{zeszłym|ubiegłym|poprzednim} kwartale", _quarter(-1)),
        ),
        **_seasons([("{przyszłej|następnej} @", 1), ("{zeszłej|ubiegłej} @", -1),
                    ("tej @", 0)],
                   {"wiosny": "spring", "jesieni": "autumn", "zimy": "winter"}),
        **_seasons([("{przyszłego|następnego} @", 1), ("{zeszłego|ubiegłego} @", -1),
                    ("tego @", 0)], {"lata": "summer"}),
        **_seasons([("@", 0)], {"wiosną": "spring", "latem": "summer", "jesienią": "autumn",
                                "zimą": "winter"}),
    },
    weekday_templates=(("{w |}{zeszły|ubiegły|ostatni|zeszłą|ubiegłą|ostatnią} @", -1),
                       ("{w |}{przyszły|najbliższy|przyszłą|najbliższą} @", 1)),
    extra_weekdays={"środę": 2, "sobotę": 5, "niedzielę": 6},
    extra_months={"styczniu": 1, "lutym": 2, "marcu": 3, "kwietniu": 4, "maju": 5,
                  "czerwcu": 6, "lipcu": 7, "sierpniu": 8, "wrześniu": 9,
                  "październiku": 10, "listopadzie": 11, "grudniu": 12},
    bounds={"do": "by", "przed": "by", "od": "since"},
)

# ---------------------------------------------------------------------------------------------
# Russian
# ---------------------------------------------------------------------------------------------

_RU = NumericLexicon(
    code="ru",
    decimal=",",
    space_groups=True,
    number_words={
        "ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двух": 2, "три": 3,
        "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6,
        "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9,
        "девяти": 9, "десять": 10, "десяти": 10, "одиннадцать": 11, "двенадцать": 12,
        "пятнадцать": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30, "сорок": 40,
        "пятьдесят": 50, "сто": 100, "тысяча": 1000,
    },
    ambiguous_numbers=frozenset({"один", "одна", "одно"}),
    multipliers={"тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "млн": 1e6,
                 "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9,
                 "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "трлн": 1e12,
                 "триллион": 1e12, "триллиона": 1e12, "триллионов": 1e12},
    percent_words=("процентов", "процента", "процент"),
    point_words=("процентных пунктов", "процентного пункта", "процентных пункта", "п. п."),
    currency_words=_units({
        "RUB": ["рублей", "рубля", "рубль", "руб"],
        "USD": ["долларов", "доллара", "доллар", "долл"], "EUR": ["евро"],
        "GBP": ["фунтов стерлингов", "фунтов", "фунта"], "JPY": ["иен", "иены"],
        "UAH": ["гривен", "гривны", "гривна"], "CNY": ["юаней", "юаня", "юань"],
    }),
    units=_units({
        "km": ["км", "километров", "километра", "километр"],
        "m": ["метров", "метра", "метр"], "kg": ["кг", "килограммов", "килограмма"],
        "t": ["тонн", "тонны", "тонна"], "l": ["литров", "литра"],
        "ha": ["гектаров", "гектара", "га"], "years": ["лет", "года", "год"],
        "months": ["месяцев", "месяца", "месяц"], "weeks": ["недель", "недели", "неделю"],
        "days": ["дней", "дня", "день", "суток"], "hours": ["часов", "часа", "час"],
        "minutes": ["минут", "минуты", "минуту"], "seconds": ["секунд", "секунды"],
    }),
    age_suffix=r"-?летн(?:ий|яя|ее|его|ей|ему|им|ем|ие|их|юю|ими)",
    ordinal_suffix=r"-(?:й|я|е|го|му|м|ой|ая|ое|ые|ый|ий|ом|ым)(?![^\W\d_])",
    decade_suffix=r"-(?:е|х)(?:\s{1,2}(?:годы|годов|годах|гг\.?))?(?![^\W\d_])",
    stopwords=_set("""
        и в во на с со к ко по о об от до из за для при без под над у не что как это этот эта
        эти тот та те же ли бы а но или да нет был была было были будет будут есть его ее их
        им ему она он они мы вы я уже еще также только около более менее почти свыше
    """),
    year_context=_set("""
        в с до после к по между от году года начале конце середине весной летом осенью
        зимой со
    """),
    range_words=frozenset({"по", "до", "и"}),
    month_context=_set("в с до после к по начале конце середине"),
    year_after=(r"года", r"году", r"годом", r"год", r"гг\.", r"г\."),
    relative={
        **_phrases(
            ("сегодня", _DAY[0]), ("вчера", _DAY[-1]), ("завтра", _DAY[1]),
            ("позавчера", _DAY[-2]), ("послезавтра", _DAY[2]),
            ("{на |}{прошлой|минувшей} неделе", _week(-1)), ("прошлой недели", _week(-1)),
            ("{на |}{следующей|будущей} неделе", _week(1)), ("{на |}этой неделе", _week(0)),
            ("{конца|концу} {этой |текущей |}недели", _week(0, "end")),
            ("{в |}конце {этой |текущей |}недели", _week(0, "end")),
            ("{в |}прошлом месяце", _month(-1)), ("прошлого месяца", _month(-1)),
            ("{в |}{следующем|будущем} месяце", _month(1)), ("{в |}этом месяце", _month(0)),
            ("{конца|концу} {этого |текущего |}месяца", _month(0, "end")),
            ("{в |}конце {этого |текущего |}месяца", _month(0, "end")),
            ("{в |}{прошлом|минувшем} году", _year(-1)), ("{прошлого|минувшего} года", _year(-1)),
            ("{прошлый|минувший} год", _year(-1)),
            ("{в |}{следующем|будущем} году", _year(1)), ("{следующего|будущего} года", _year(1)),
            ("{в |}{этом|текущем|нынешнем} году", _year(0)),
            ("{этого|текущего|нынешнего} года", _year(0)),
            ("{конца|концу} {этого |текущего |}года", _year(0, "end")),
            ("{в |}конце {этого |текущего |}года", _year(0, "end")),
            ("{конца|концу} {следующего|будущего} года", _year(1, "end")),
            ("{в |}конце {следующего|будущего} года", _year(1, "end")),
            ("{в |}конце прошлого года", _year(-1, "end")),
            ("{в |}начале {этого |текущего |}года", _year(0, "start")),
            ("{в |}начале {следующего|будущего} года", _year(1, "start")),
            ("{в |}следующем квартале", _quarter(1)), ("{в |}прошлом квартале", _quarter(-1)),
        ),
        **_seasons([("{следующей|будущей} @", 1), ("{прошлой|минувшей} @", -1),
                    ("этой @", 0), ("@ {следующего|будущего} года", 1),
                    ("@ прошлого года", -1), ("@ этого года", 0)],
                   {"весной": "spring", "осенью": "autumn", "зимой": "winter"}),
        **_seasons([("{следующим|будущим} @", 1), ("{прошлым|минувшим} @", -1),
                    ("этим @", 0), ("@ {следующего|будущего} года", 1),
                    ("@ прошлого года", -1), ("@ этого года", 0)], {"летом": "summer"}),
        **_seasons([("@", 0)], {"весной": "spring", "летом": "summer", "осенью": "autumn",
                                "зимой": "winter"}),
    },
    weekday_templates=(("{в |}{прошлый|прошлую|прошлое} @", -1),
                       ("{в |}{следующий|следующую|следующее} @", 1)),
    extra_weekdays={"среду": 2, "пятницу": 4, "субботу": 5},
    extra_months={"январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6,
                  "июле": 7, "августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11,
                  "декабре": 12},
    bounds={"до": "by", "к": "by", "с": "since", "со": "since"},
)

# ---------------------------------------------------------------------------------------------
# Ukrainian
# ---------------------------------------------------------------------------------------------

_UK = NumericLexicon(
    code="uk",
    decimal=",",
    space_groups=True,
    number_words={
        "нуль": 0, "один": 1, "одна": 1, "одне": 1, "два": 2, "дві": 2, "двох": 2, "три": 3,
        "трьох": 3, "чотири": 4, "чотирьох": 4, "п'ять": 5, "п'яти": 5, "шість": 6,
        "шести": 6, "сім": 7, "семи": 7, "вісім": 8, "восьми": 8, "дев'ять": 9,
        "дев'яти": 9, "десять": 10, "десяти": 10, "двадцять": 20, "тридцять": 30,
        "сорок": 40, "п'ятдесят": 50, "сто": 100, "тисяча": 1000,
    },
    ambiguous_numbers=frozenset({"один", "одна", "одне"}),
    multipliers={"тис": 1e3, "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3, "млн": 1e6,
                 "мільйон": 1e6, "мільйона": 1e6, "мільйонів": 1e6, "мільйони": 1e6,
                 "млрд": 1e9, "мільярд": 1e9, "мільярда": 1e9, "мільярдів": 1e9,
                 "мільярди": 1e9, "трлн": 1e12, "трильйон": 1e12, "трильйонів": 1e12},
    percent_words=("відсотків", "відсотка", "відсоток", "відсотки", "процентів",
                   "процента", "процент"),
    point_words=("відсоткових пунктів", "відсоткового пункту", "відсоткових пункти",
                 "в. п."),
    currency_words=_units({
        "UAH": ["гривень", "гривні", "гривня", "грн"],
        "USD": ["доларів", "долара", "долар", "долари", "дол"], "EUR": ["євро"],
        "RUB": ["рублів", "рубля", "рубль", "рублі"], "GBP": ["фунтів", "фунта"],
        "JPY": ["єн"], "CNY": ["юанів"],
    }),
    units=_units({
        "km": ["км", "кілометрів", "кілометра"], "m": ["метрів", "метра"],
        "kg": ["кг", "кілограмів"], "t": ["тонн", "тонни", "тонна"], "l": ["літрів"],
        "ha": ["гектарів", "га"], "years": ["років", "роки", "рік", "року"],
        "months": ["місяців", "місяці", "місяць"], "weeks": ["тижнів", "тижні", "тиждень"],
        "days": ["днів", "дні", "день", "доби"], "hours": ["годин", "години", "годину"],
        "minutes": ["хвилин", "хвилини"], "seconds": ["секунд"],
    }),
    age_suffix=r"-?річн(?:ий|а|е|ого|ої|ому|ій|им|і|их|у|ою)",
    ordinal_suffix=r"-(?:й|а|е|го|му|ий|ої|та|ма|ту|ти|ми|ій)(?![^\W\d_])",
    decade_suffix=r"-(?:ті|х)(?:\s{1,2}(?:роки|років|роках|рр\.?))?(?![^\W\d_])",
    stopwords=_set("""
        і й та в у на з із зі до від по про за для при без під над не що як це цей ця ці той
        та ті же чи б а але або так ні був була було були буде будуть є його її їх їм йому
        вона він вони ми ви я вже ще також тільки лише близько понад майже більше менше
    """),
    year_context=_set("""
        в у з із до після від між році року кінці початку середині навесні влітку восени
        взимку
    """),
    range_words=frozenset({"по", "до", "і", "та"}),
    month_context=_set("в у з із до після від кінці початку середині"),
    year_after=(r"року", r"році", r"роком", r"рік", r"рр\.", r"р\."),
    relative={
        **_phrases(
            ("сьогодні", _DAY[0]), ("{вчора|учора}", _DAY[-1]), ("завтра", _DAY[1]),
            ("позавчора", _DAY[-2]), ("післязавтра", _DAY[2]),
            ("{минулого|попереднього} тижня", _week(-1)),
            ("{на |}минулому тижні", _week(-1)), ("наступного тижня", _week(1)),
            ("{на |}наступному тижні", _week(1)), ("{цього|поточного} тижня", _week(0)),
            ("{на |}цьому тижні", _week(0)),
            ("{кінця|наприкінці} {цього |поточного |}тижня", _week(0, "end")),
            ("минулого місяця", _month(-1)), ("{у |в |}минулому місяці", _month(-1)),
            ("наступного місяця", _month(1)), ("{у |в |}наступному місяці", _month(1)),
            ("{цього|поточного} місяця", _month(0)), ("{у |в |}цьому місяці", _month(0)),
            ("кінця {цього |поточного |}місяця", _month(0, "end")),
            ("наприкінці {цього |поточного |}місяця", _month(0, "end")),
            ("{минулого|попереднього} року", _year(-1)), ("торік", _year(-1)),
            ("{у |в |}минулому році", _year(-1)), ("минулий рік", _year(-1)),
            ("наступного року", _year(1)), ("{у |в |}наступному році", _year(1)),
            ("наступний рік", _year(1)),
            ("{цього|поточного} року", _year(0)), ("{у |в |}{цьому|поточному} році", _year(0)),
            ("{цей|поточний} рік", _year(0)),
            ("кінця {цього |поточного |}року", _year(0, "end")),
            ("{наприкінці|в кінці|у кінці} {цього |поточного |}року", _year(0, "end")),
            ("кінця наступного року", _year(1, "end")),
            ("наприкінці наступного року", _year(1, "end")),
            ("наприкінці минулого року", _year(-1, "end")),
            ("{на |}початку {цього |поточного |}року", _year(0, "start")),
            ("{у |в |}наступному кварталі", _quarter(1)),
            ("{у |в |}минулому кварталі", _quarter(-1)),
        ),
        **_seasons([("наступної @", 1), ("минулої @", -1), ("цієї @", 0)],
                   {"весни": "spring", "осені": "autumn", "зими": "winter"}),
        **_seasons([("наступного @", 1), ("минулого @", -1), ("цього @", 0)],
                   {"літа": "summer"}),
        **_seasons([("@ наступного року", 1), ("@ минулого року", -1), ("@ цього року", 0),
                    ("@", 0)],
                   {"навесні": "spring", "влітку": "summer", "восени": "autumn",
                    "взимку": "winter"}),
    },
    weekday_templates=(("{у |в |}{минулий|минулу|минуле} @", -1),
                       ("{у |в |}{наступний|наступну|наступне} @", 1)),
    extra_weekdays={"середу": 2, "п'ятницю": 4, "суботу": 5, "неділю": 6},
    extra_months={"січні": 1, "лютому": 2, "березні": 3, "квітні": 4, "травні": 5,
                  "червні": 6, "липні": 7, "серпні": 8, "вересні": 9, "жовтні": 10,
                  "листопаді": 11, "грудні": 12},
    bounds={"до": "by", "з": "since", "із": "since", "від": "since"},
)

# ---------------------------------------------------------------------------------------------
# Japanese
# ---------------------------------------------------------------------------------------------

_JA = NumericLexicon(
    code="ja",
    decimal=".",
    spaced=False,
    multipliers={"千": 1e3, "万": 1e4, "億": 1e8, "兆": 1e12},
    percent_words=("パーセント",),
    point_words=("ポイント",),
    currency_words=_units({
        "JPY": ["円"], "USD": ["ドル", "米ドル"], "EUR": ["ユーロ"], "RUB": ["ルーブル"],
        "GBP": ["ポンド"], "CNY": ["元", "人民元"], "KRW": ["ウォン"], "UAH": ["フリブナ"],
    }),
    units=_units({
        "km": ["キロメートル"], "m": ["メートル"], "t": ["トン"], "years": ["年間", "年"],
        "months": ["カ月", "か月", "ヶ月", "ケ月"], "weeks": ["週間"], "days": ["日間"],
        "hours": ["時間"], "minutes": ["分間"],
        **{counter: [counter] for counter in (
            "人", "名", "件", "回", "個", "台", "機", "隻", "発", "棟", "戸", "社", "校",
            "カ国", "か国", "ヶ国", "カ所", "か所", "ヶ所", "議席", "票", "本", "枚", "頭",
            "匹", "冊", "軒", "店", "度", "つ")},
    }),
    age_suffix=r"歳|才",
    ordinal_suffix=r"番目|位",
    year_after=("年",),
    relative={
        **_phrases(
            ("{今日|本日|きょう}", _DAY[0]), ("{昨日|きのう}", _DAY[-1]),
            ("{明日|あす|あした}", _DAY[1]), ("{一昨日|おととい}", _DAY[-2]),
            ("{明後日|あさって}", _DAY[2]),
            ("先週", _week(-1)), ("来週", _week(1)), ("今週", _week(0)),
            ("{今週末|週末}", _week(0, "end")),
            ("先月", _month(-1)), ("来月", _month(1)), ("今月", _month(0)),
            ("{今月末|月末}", _month(0, "end")), ("来月末", _month(1, "end")),
            ("月内", RelativeDate("month", 0, "end", "by")),
            ("{昨年|去年}", _year(-1)), ("来年", _year(1)), ("{今年|本年}", _year(0)),
            ("年内", _year(0, "end", "by")), ("{今年末|年末|本年末}", _year(0, "end")),
            ("来年末", _year(1, "end")), ("{昨年末|去年末}", _year(-1, "end")),
            ("{今年初め|年初|今年初}", _year(0, "start")),
            ("{来年初め|来年初}", _year(1, "start")),
            ("来期", _quarter(1)), ("今期", _quarter(0)), ("前期", _quarter(-1)),
        ),
        **_seasons([("来@", 1), ("昨@", -1), ("今@", 0)],
                   {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}),
        **_seasons([("来年の@", 1), ("昨年の@", -1), ("今年の@", 0)],
                   {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}),
    },
    bounds_after={"までに": "by", "まで": "by", "から": "since", "以来": "since"},
    eras={"令和": 2018, "平成": 1988, "昭和": 1925},
    counters={counter: counter for counter in (
        "人", "名", "件", "回", "個", "台", "つ", "歳", "才", "カ国", "か国", "ヶ国", "社", "機",
        "隻", "発", "億", "万", "兆", "千")},
)

GENERIC = NumericLexicon(code="und", decimal=None, spaced=False, year_after=("年", "년"))
"""The explicit fallback: digits, symbols, ISO codes and numeric dates, in any language."""

_LEXICONS: Mapping[str, NumericLexicon] = {
    lex.code: lex for lex in (_IT, _EN, _FR, _DE, _ES, _PT, _NL, _PL, _RU, _UK, _JA)
}


def lexicon(code: str) -> NumericLexicon:
    """The lexicon of a primary language code; :data:`GENERIC` for languages without one."""
    return _LEXICONS.get(code, GENERIC)


# ---------------------------------------------------------------------------------------------
# The word table: everything the scanner looks up by name
# ---------------------------------------------------------------------------------------------

_LATIN = frozenset({"it", "en", "fr", "de", "es", "pt", "nl", "pl"})


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                  if not unicodedata.combining(c)))


_CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")


def _babel_months(code: str) -> dict[str, Word]:
    """Month names in both contexts; abbreviations without their dot are marked."""
    out: dict[str, Word] = {}
    wide: dict[str, int] = {}
    for context in _CONTEXTS:
        for number, name in get_month_names("wide", context, code).items():
            wide[normalise(name)] = number
    for context in _CONTEXTS:
        for number, name in get_month_names("abbreviated", context, code).items():
            key = normalise(name).rstrip(".")
            if key and key not in wide:
                out[key] = Word(WordKind.MONTH, number, abbreviated=True)
                out[key + "."] = Word(WordKind.MONTH, number)
    for key, number in wide.items():
        out[key] = Word(WordKind.MONTH, number)
    return out


@cache
def words(code: str) -> Mapping[str, Word]:
    """Every word and phrase the scanner of a language looks up, by :func:`normalise` key:
    months, weekdays (with their "last"/"next" phrases), relative expressions (with and without
    a bound word before or after), number words, decade words, Japanese eras and numerals."""
    lex = lexicon(code)
    if lex is GENERIC:
        return {}
    table: dict[str, Word] = {}
    if code != "ja":
        table.update(_babel_months(code))
    for name, number in lex.extra_months.items():
        table[normalise(name)] = Word(WordKind.MONTH, number)

    weekday_names: dict[str, int] = {}
    for context in _CONTEXTS:
        for number, name in get_day_names("wide", context, code).items():
            weekday_names[normalise(name)] = number
            if code == "ja":
                weekday_names[normalise(name).removesuffix("日")] = number
    weekday_names.update({normalise(k): v for k, v in lex.extra_weekdays.items()})

    relative: dict[str, RelativeDate] = dict(lex.relative)
    for name, number in weekday_names.items():
        relative[name] = RelativeDate("weekday", 0, detail=WEEKDAYS[number])
        for template, offset in lex.weekday_templates:
            for phrase in expand(template.replace("@", name)):
                relative[normalise(phrase)] = RelativeDate("weekday", offset,
                                                           detail=WEEKDAYS[number])
    if code in _LATIN:
        for key in list(table):
            table.setdefault(_strip_accents(key), table[key])
        for key in list(relative):
            relative.setdefault(_strip_accents(key), relative[key])

    bounded: dict[str, RelativeDate] = {}
    for phrase, meaning in relative.items():
        for bound_word, bound in lex.bounds.items():
            key = normalise(bound_word)
            joined = key + phrase if key.endswith("'") else f"{key} {phrase}"
            bounded[joined] = RelativeDate(meaning.unit, meaning.offset, meaning.position,
                                           bound, meaning.detail)
        for bound_word, bound in lex.bounds_after.items():
            bounded[phrase + normalise(bound_word)] = RelativeDate(
                meaning.unit, meaning.offset, meaning.position, bound, meaning.detail)
    for phrase, meaning in {**relative, **bounded}.items():
        kind = WordKind.WEEKDAY if meaning.unit == "weekday" else WordKind.RELATIVE
        table[phrase] = Word(kind, relative=meaning,
                             lowercase_only=phrase in lex.lowercase_only)

    for word, value in lex.number_words.items():
        table.setdefault(normalise(word), Word(WordKind.NUMBER, value,
                                               needs_unit=word in lex.ambiguous_numbers))
    for article in lex.articles:
        for multiplier, value in lex.multipliers.items():
            table.setdefault(normalise(f"{article} {multiplier}"),
                             Word(WordKind.NUMBER, value, scaled=True))
    for word in lex.decade_words:
        table[normalise(word)] = Word(WordKind.DECADE)
    for era, base in lex.eras.items():
        table[era] = Word(WordKind.ERA, base)
    if code == "ja":
        for numeral in "〇一二三四五六七八九十百千":
            table.setdefault(numeral, Word(WordKind.KANJI))
        table["第"] = Word(WordKind.ORDINAL_PREFIX)
    return table
