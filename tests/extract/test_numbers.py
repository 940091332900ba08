"""Numbers, quantities, percentages and money (faro.extract.numbers), language by language."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from faro.extract.dates import find_dates
from faro.extract.numbers import find_numbers
from faro.model import DateMention, Quantity, QuantityKind

NUMBER, ORDINAL, PERCENT, MONEY, QUANTITY = (
    QuantityKind.NUMBER, QuantityKind.ORDINAL, QuantityKind.PERCENT, QuantityKind.MONEY,
    QuantityKind.QUANTITY)


def check_spans(text: str, mentions: Sequence[Quantity | DateMention]) -> None:
    """Offsets point at the mention's text; mentions are sorted and never overlap."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text, mention
        assert mention.start < mention.end
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start, (first, second)


def numbers(text: str, lang: str) -> list[Quantity]:
    found = find_numbers(text, lang)
    check_spans(text, found)
    return found


def the(text: str, lang: str, mention: str) -> Quantity:
    """The one number mention written ``mention`` in ``text``."""
    found = [q for q in numbers(text, lang) if q.text == mention]
    assert len(found) == 1, (mention, numbers(text, lang))
    return found[0]


# (lang, text, mention, value, kind, unit)
CASES = [
    # Italian
    ("it", "Sono morti 1.234,5 soldati.", "1.234,5 soldati", 1234.5, QUANTITY, "soldati"),
    ("it", "Il 15 per cento degli elettori.", "15 per cento", 15, PERCENT, "percent"),
    ("it", "Un costo di 2,5 miliardi di euro.", "2,5 miliardi di euro", 2.5e9, MONEY, "EUR"),
    ("it", "Aiuti per 5 miliardi di dollari.", "5 miliardi di dollari", 5e9, MONEY, "USD"),
    ("it", "Due milioni di persone in piazza.", "Due milioni di persone", 2e6, QUANTITY,
     "persone"),
    ("it", "L'alleanza composta da 32 membri.", "32 membri", 32, QUANTITY, "membri"),
    ("it", "Il vertice di tre giorni.", "tre giorni", 3, QUANTITY, "days"),
    ("it", "Celebra il 75° anniversario.", "75°", 75, ORDINAL, None),
    ("it", "Il leader 65enne ha aggiunto.", "65enne", 65, QUANTITY, "years"),
    ("it", "Un milione di euro.", "Un milione di euro", 1e6, MONEY, "EUR"),
    ("it", "Il calo è del -3,5% rispetto.", "-3,5%", -3.5, PERCENT, "percent"),
    ("it", "Erano tre.", "tre", 3, NUMBER, None),
    # English
    ("en", "Sales rose to 1,234.5 units.", "1,234.5 units", 1234.5, QUANTITY, "units"),
    ("en", "Some 3 million people voted.", "3 million people", 3e6, QUANTITY, "people"),
    ("en", "It costs $5 billion.", "$5 billion", 5e9, MONEY, "USD"),
    ("en", "A rise of 15 percent.", "15 percent", 15, PERCENT, "percent"),
    ("en", "Its 75th anniversary.", "75th", 75, ORDINAL, None),
    ("en", "The 65-year-old leader.", "65-year-old", 65, QUANTITY, "years"),
    ("en", "Three soldiers died.", "Three soldiers", 3, QUANTITY, "soldiers"),
    ("en", "A 20 MB file.", "20 MB", 20, QUANTITY, "MB"),
    ("en", "A 5 km march.", "5 km", 5, QUANTITY, "km"),
    ("en", "Budget of €2.5bn.", "€2.5bn", 2.5e9, MONEY, "EUR"),
    ("en", "Worth 500 yen.", "500 yen", 500, MONEY, "JPY"),
    ("en", "A million dollars.", "A million dollars", 1e6, MONEY, "USD"),
    # French
    ("fr", "Un total de 1 234,5 euros.", "1 234,5 euros", 1234.5, MONEY, "EUR"),
    ("fr", "Un total de 1\u00a0234,5 euros.", "1\u00a0234,5 euros", 1234.5, MONEY, "EUR"),
    ("fr", "Un total de 1\u202f234,5 tonnes.", "1\u202f234,5 tonnes", 1234.5, QUANTITY, "t"),
    ("fr", "Une hausse de 15 pour cent.", "15 pour cent", 15, PERCENT, "percent"),
    ("fr", "Un don de 2 millions d'euros.", "2 millions d'euros", 2e6, MONEY, "EUR"),
    ("fr", "La 75e édition.", "75e", 75, ORDINAL, None),
    ("fr", "Trois soldats sont morts.", "Trois soldats", 3, QUANTITY, "soldats"),
    ("fr", "Une hausse de 15\u202f%.", "15\u202f%", 15, PERCENT, "percent"),
    # German
    ("de", "Es kostet 1.234,5 Euro.", "1.234,5 Euro", 1234.5, MONEY, "EUR"),
    ("de", "Ein Plus von 15 Prozent.", "15 Prozent", 15, PERCENT, "percent"),
    ("de", "Drei Millionen Menschen.", "Drei Millionen Menschen", 3e6, QUANTITY, "Menschen"),
    ("de", "Der 75. Jahrestag.", "75.", 75, ORDINAL, None),
    ("de", "Ein 65-Jähriger wurde verletzt.", "65-Jähriger", 65, QUANTITY, "years"),
    ("de", "Es kostet 5 Mio. Euro.", "5 Mio. Euro", 5e6, MONEY, "EUR"),
    ("de", "Um 20 Prozentpunkte.", "20 Prozentpunkte", 20, PERCENT, "percentage points"),
    # Spanish
    ("es", "Cuesta 1.234,5 dólares.", "1.234,5 dólares", 1234.5, MONEY, "USD"),
    ("es", "El 15 por ciento.", "15 por ciento", 15, PERCENT, "percent"),
    ("es", "Son 5 mil millones de dólares.", "5 mil millones de dólares", 5e9, MONEY, "USD"),
    ("es", "Tres soldados murieron.", "Tres soldados", 3, QUANTITY, "soldados"),
    ("es", "Tiene 65 años.", "65 años", 65, QUANTITY, "years"),
    # Portuguese
    ("pt", "Custa R$ 5 bilhões.", "R$ 5 bilhões", 5e9, MONEY, "BRL"),
    ("pt", "São 2,5 milhões de euros.", "2,5 milhões de euros", 2.5e6, MONEY, "EUR"),
    ("pt", "Subiu 15 por cento.", "15 por cento", 15, PERCENT, "percent"),
    ("pt", "Morreram 1.234 soldados.", "1.234 soldados", 1234, QUANTITY, "soldados"),
    # Dutch
    ("nl", "Het kost 1.234,5 euro.", "1.234,5 euro", 1234.5, MONEY, "EUR"),
    ("nl", "Een stijging van 15 procent.", "15 procent", 15, PERCENT, "percent"),
    ("nl", "Drie miljoen mensen.", "Drie miljoen mensen", 3e6, QUANTITY, "mensen"),
    ("nl", "De 75e verjaardag van een 65-jarige.", "65-jarige", 65, QUANTITY, "years"),
    ("nl", "De 75e verjaardag.", "75e", 75, ORDINAL, None),
    # Polish
    ("pl", "Kosztuje 1 234,5 zł.", "1 234,5 zł", 1234.5, MONEY, "PLN"),
    ("pl", "Wzrost o 15 procent.", "15 procent", 15, PERCENT, "percent"),
    ("pl", "Aż 3 mln osób.", "3 mln osób", 3e6, QUANTITY, "osób"),
    ("pl", "To 2,5 mld zł.", "2,5 mld zł", 2.5e9, MONEY, "PLN"),
    ("pl", "Obchodzi 75. rocznicę.", "75.", 75, ORDINAL, None),
    ("pl", "Trzy osoby zginęły.", "Trzy osoby", 3, QUANTITY, "osoby"),
    # Russian
    ("ru", "Стоимость 1 234,5 рублей.", "1 234,5 рублей", 1234.5, MONEY, "RUB"),
    ("ru", "Рост на 15 процентов.", "15 процентов", 15, PERCENT, "percent"),
    ("ru", "Около 1,2 млн человек.", "1,2 млн человек", 1.2e6, QUANTITY, "человек"),
    ("ru", "Сумма 1,2 млн.", "1,2 млн", 1.2e6, NUMBER, None),
    ("ru", "Это 75-й саммит.", "75-й", 75, ORDINAL, None),
    ("ru", "Погиб 65-летний мужчина.", "65-летний", 65, QUANTITY, "years"),
    ("ru", "Погибли три солдата.", "три солдата", 3, QUANTITY, "солдата"),
    ("ru", "Выделено 3 млрд долларов.", "3 млрд долларов", 3e9, MONEY, "USD"),
    # Ukrainian
    ("uk", "Вартість 1\u00a0234,5 гривень.", "1\u00a0234,5 гривень", 1234.5, MONEY, "UAH"),
    ("uk", "Зростання на 15 відсотків.", "15 відсотків", 15, PERCENT, "percent"),
    ("uk", "Допомога 2 млн доларів.", "2 млн доларів", 2e6, MONEY, "USD"),
    ("uk", "Це 75-та річниця.", "75-та", 75, ORDINAL, None),
    ("uk", "Загинув 65-річний чоловік.", "65-річний", 65, QUANTITY, "years"),
    # Japanese
    ("ja", "約3万人が参加した。", "3万人", 3e4, QUANTITY, "人"),
    ("ja", "支持率は15％だった。", "15％", 15, PERCENT, "percent"),
    ("ja", "予算は1億2000万円。", "1億2000万円", 1.2e8, MONEY, "JPY"),
    ("ja", "第75回の会合。", "第75回", 75, ORDINAL, None),
    ("ja", "65歳の男性。", "65歳", 65, QUANTITY, "years"),
    ("ja", "三人が死亡した。", "三人", 3, QUANTITY, "人"),
    ("ja", "全角で１，２３４．５円。", "１，２３４．５円", 1234.5, MONEY, "JPY"),
    ("ja", "人口は1,234.5万人。", "1,234.5万人", 12345000, QUANTITY, "人"),
    ("ja", "「三」と答えた。", "三", 3, NUMBER, None),
    ("ja", "二十の国。", "二十", 20, NUMBER, None),
    # Everything else: the generic rules
    ("zh", "增长3.5%。", "3.5%", 3.5, PERCENT, "percent"),
    ("sv", "Det kostar 5 USD.", "5 USD", 5, MONEY, "USD"),
    ("xx", "Price: €5 or 1,234.5.", "€5", 5, MONEY, "EUR"),
    ("xx", "Price: €5 or 1,234.5.", "1,234.5", 1234.5, NUMBER, None),
]


@pytest.mark.parametrize(("lang", "text", "mention", "value", "kind", "unit"), CASES)
def test_number(lang: str, text: str, mention: str, value: float, kind: QuantityKind,
                unit: str | None) -> None:
    found = the(text, lang, mention)
    assert found.value == pytest.approx(value)
    assert isinstance(found.value, float)
    assert (found.kind, found.unit) == (kind, unit)


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("it", "1.234,5", 1234.5), ("de", "1.234,5", 1234.5), ("es", "1.234,5", 1234.5),
    ("pt", "1.234,5", 1234.5), ("nl", "1.234,5", 1234.5), ("en", "1,234.5", 1234.5),
    ("ja", "1,234.5", 1234.5), ("fr", "1 234,5", 1234.5), ("ru", "1\u00a0234,5", 1234.5),
    ("uk", "1\u202f234,5", 1234.5), ("pl", "1 234,5", 1234.5), ("it", "1.234.567", 1234567),
    ("en", "12,345,678", 12345678), ("it", "2,5", 2.5), ("en", "2.5", 2.5),
    ("it", "1.5", 1.5),  # a decimal point in Italian text: not a thousands group
    ("en", "0,125", 0.125), ("und", "1.234", 1234), ("und", "3,14", 3.14),
])
def test_separators(lang: str, text: str, value: float) -> None:
    found = numbers(f"x {text} y", lang)
    assert [q.value for q in found] == [pytest.approx(value)]


def test_space_groups_only_where_written_so() -> None:
    # In English a space never groups thousands: these are two numbers.
    assert [q.value for q in numbers("between 1 234 and", "en")] == [1, 234]


def test_numbers_glued_to_names_are_not_numbers() -> None:
    assert numbers("COVID-19, F-35, 5G, 3D, H5N1 and v2", "en") == []


def test_kanji_inside_words_are_not_numbers() -> None:
    assert numbers("統一、一部、三菱、十分、一方で", "ja") == []


def test_ranges_are_two_numbers() -> None:
    assert [(q.text, q.kind) for q in numbers("tra 10-15%", "it")] == [
        ("10", NUMBER), ("15%", PERCENT)]


def test_ambiguous_number_words_need_a_unit() -> None:
    assert numbers("Tu sei bravo, uno di noi.", "it") == []
    assert [q.text for q in numbers("sei anni dopo", "it")] == ["sei anni"]
    assert numbers("one of them said", "en") == []


def test_years_used_as_dates_are_not_numbers() -> None:
    assert numbers("Guida la NATO dal 2014.", "it") == []
    assert numbers("He has led NATO since 2014, in 2014 and in 2015.", "en") == []
    assert numbers("Это случилось в 2014 году.", "ru") == []
    assert numbers("2014年に始まった。", "ja") == []
    assert numbers("Il 12 luglio 2024 e il 12/07/2024.", "it") == []
    assert numbers("On July 12, 2024 and 2024-07-12.", "en") == []


def test_a_year_shaped_number_without_date_context_stays_a_number() -> None:
    found = the("Sono arrivati 2014 soldati.", "it", "2014 soldati")
    assert (found.value, found.kind, found.unit) == (2014, QUANTITY, "soldati")
    assert find_dates("Sono arrivati 2014 soldati.", "it") == []


def test_numbers_and_dates_never_overlap() -> None:
    text = ("Dal 2014 al 2016, il 12 luglio 2024 e il 3,5% di 2 milioni di euro, il 75° "
            "anniversario, entro la fine di quest'anno, 32 membri, negli anni '90.")
    mentions: list[Quantity | DateMention] = [*find_numbers(text, "it"), *find_dates(text, "it")]
    check_spans(text, sorted(mentions, key=lambda m: m.start))


def test_unknown_languages_fall_back_to_generic_rules() -> None:
    text = "Le 12/07/2024, 15% et $5 et 2024-07-12."
    for lang in ("xx", "", "und", "zz-Latn", "klingon"):
        assert [q.text for q in numbers(text, lang)] == ["15%", "$5"]
    assert [q.text for q in numbers("15% und €5", "IT")] == ["15%", "€5"]


def test_empty_text() -> None:
    assert find_numbers("", "it") == []
    assert find_numbers("", "xx") == []


NASTY = [
    "9" * 10_000,
    "1." * 5_000,
    ",5" * 5_000,
    "1 " * 5_000,
    "2014 " * 2_000,
    "12 luglio " * 1_000,
    "la settimana " * 1_000,
    "一" * 10_000,
    "三万" * 5_000,
    "$" * 10_000,
    "-1" * 5_000,
    "1\u00a0" * 5_000,
    "१२३ ٣٤٥ ๑๒ １２",
    ".,.,.,;;::--//",
    "\u0130stanbul 12 \u0130 5",
    "ß1ẞ2ǅ3 ﬁ4",
    "\x00\x01\ufeff\u200b5\ud7ff",
    "Привет мир 12 июля 2024 года 3 мон 5 万 1,2 млн",
    "2024年13月45日 9999年 0年0月0日 2月30日",
    "99/99/9999 31/02/2024 29/02/2023 00/00/00",
    "entro la fine di quest'anno" * 300,
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
@pytest.mark.parametrize("lang", ["it", "en", "ru", "ja", "pl", "xx"])
def test_never_raises_on_junk(text: str, lang: str) -> None:
    check_spans(text, find_numbers(text, lang))
    check_spans(text, find_dates(text, lang))


def test_real_italian_article(italian_article: str) -> None:
    article = italian_article
    found = {q.text: q for q in numbers(article, "it")}
    assert (found["32 membri"].value, found["32 membri"].kind, found["32 membri"].unit) == (
        32, QUANTITY, "membri")
    assert (found["75°"].value, found["75°"].kind) == (75, ORDINAL)
    assert (found["65enne"].value, found["65enne"].unit) == (65, "years")
    assert "2014" not in found  # "dal 2014" is a date
