"""Dates, absolute and relative (faro.extract.dates), language by language."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime

import pytest

from faro.extract.dates import find_dates, resolve
from faro.extract.numbers import find_numbers
from faro.model import DateMention, Quantity, RelativeDate

#: Friday 12 July 2024, the day after the NATO summit of the real article.
REF = date(2024, 7, 12)


def check_spans(text: str, mentions: Sequence[Quantity | DateMention]) -> None:
    """Offsets point at the mention's text; mentions are sorted and never overlap."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text, mention
        assert mention.start < mention.end
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start, (first, second)


def dates(text: str, lang: str, reference: date | None = None) -> list[DateMention]:
    found = find_dates(text, lang, reference)
    check_spans(text, found)
    return found


def the(text: str, lang: str, mention: str, reference: date | None = REF) -> DateMention:
    """The one date mention written ``mention`` in ``text``."""
    found = [d for d in dates(text, lang, reference) if d.text == mention]
    assert len(found) == 1, (mention, dates(text, lang, reference))
    return found[0]


# (lang, text, mention, value) — absolute dates; value read with REF as reference
ABSOLUTE = [
    ("it", "Il 12 luglio 2024 a Washington.", "12 luglio 2024", "2024-07-12"),
    ("it", "Nel settembre 2022 e il 1° gennaio.", "settembre 2022", "2022-09"),
    ("it", "Nel settembre 2022 e il 1° gennaio.", "1° gennaio", "2024-01-01"),
    ("it", "Venerdì 12 luglio 2024, a Roma.", "Venerdì 12 luglio 2024", "2024-07-12"),
    ("it", "Il 12/07/2024 alle 10:30.", "12/07/2024", "2024-07-12"),
    ("it", "Guida l'alleanza dal 2014.", "2014", "2014"),
    ("it", "Negli anni '90.", "anni '90", "199"),
    ("it", "Il mandato scade a ottobre.", "ottobre", "2024-10"),
    ("en", "On July 12, 2024, he said.", "July 12, 2024", "2024-07-12"),
    ("en", "By 12 July the talks ended.", "12 July", "2024-07-12"),
    ("en", "The 12th of July 2024.", "12th of July 2024", "2024-07-12"),
    ("en", "On Friday, July 12, 2024.", "Friday, July 12, 2024", "2024-07-12"),
    ("en", "Signed on 03/04/2024.", "03/04/2024", "2024-03-04"),
    ("en", "Signed on 25/12/2024.", "25/12/2024", "2024-12-25"),
    ("en", "Since 2014 he has led NATO.", "2014", "2014"),
    ("en", "In the 1990s.", "1990s", "199"),
    ("en", "In May 2024 but they may 2 times.", "May 2024", "2024-05"),
    ("en", "On Sept. 5, 2024.", "Sept. 5, 2024", "2024-09-05"),
    ("fr", "Le 12 juillet 2024 à Paris.", "12 juillet 2024", "2024-07-12"),
    ("fr", "Le 1er mai, fête du travail.", "1er mai", "2024-05-01"),
    ("fr", "Depuis janvier 2020.", "janvier 2020", "2020-01"),
    ("fr", "Le 14/07/2024.", "14/07/2024", "2024-07-14"),
    ("fr", "Dans les années 90.", "années 90", "199"),
    ("de", "Am 12. Juli 2024 in Berlin.", "12. Juli 2024", "2024-07-12"),
    ("de", "Am 3. Oktober.", "3. Oktober", "2024-10-03"),
    ("de", "Im Mai 2024.", "Mai 2024", "2024-05"),
    ("de", "Am 24.12.2024.", "24.12.2024", "2024-12-24"),
    ("de", "Die 1990er Jahre.", "1990er Jahre", "199"),
    ("es", "El 12 de julio de 2024.", "12 de julio de 2024", "2024-07-12"),
    ("es", "En mayo de 2023.", "mayo de 2023", "2023-05"),
    ("es", "Desde 2014.", "2014", "2014"),
    ("es", "En los años 80.", "años 80", "198"),
    ("pt", "Em 12 de julho de 2024.", "12 de julho de 2024", "2024-07-12"),
    ("pt", "Em maio de 2023.", "maio de 2023", "2023-05"),
    ("pt", "Em 25/12/2024.", "25/12/2024", "2024-12-25"),
    ("nl", "Op 12 juli 2024.", "12 juli 2024", "2024-07-12"),
    ("nl", "In mei 2023.", "mei 2023", "2023-05"),
    ("nl", "Sinds 2014.", "2014", "2014"),
    ("nl", "Zoveel als in heel 2023.", "2023", "2023"),
    ("pl", "Dnia 12 lipca 2024 r. w Warszawie.", "12 lipca 2024 r.", "2024-07-12"),
    ("pl", "W maju 2023 roku.", "maju 2023 roku", "2023-05"),
    ("pl", "W 2014 roku.", "2014 roku", "2014"),
    ("pl", "Dnia 25.12.2024.", "25.12.2024", "2024-12-25"),
    ("ru", "12 июля 2024 года в Москве.", "12 июля 2024 года", "2024-07-12"),
    ("ru", "В мае 2023 года.", "мае 2023 года", "2023-05"),
    ("ru", "Это было в 2014 году.", "2014 году", "2014"),
    ("ru", "В 90-х годах.", "90-х годах", "199"),
    ("uk", "12 липня 2024 року в Києві.", "12 липня 2024 року", "2024-07-12"),
    ("uk", "У травні 2023 року.", "травні 2023 року", "2023-05"),
    ("uk", "У 2014 році.", "2014 році", "2014"),
    ("ja", "2024年7月12日に発表した。", "2024年7月12日", "2024-07-12"),
    ("ja", "２０２４年７月１２日に発表した。", "２０２４年７月１２日", "2024-07-12"),
    ("ja", "2014年から続く。", "2014年", "2014"),
    ("ja", "令和6年5月1日。", "令和6年5月1日", "2024-05-01"),
    ("ja", "12日(金)に会談した。", "12日(金)", "2024-07-12"),
    ("ja", "2024/05/01に。", "2024/05/01", "2024-05-01"),
    ("zh", "2024年7月12日。", "2024年7月12日", "2024-07-12"),
    ("xx", "Le 2024-07-12 et 12.07.2024.", "2024-07-12", "2024-07-12"),
    ("xx", "Le 2024-07-12 et 12.07.2024.", "12.07.2024", "2024-07-12"),
]


@pytest.mark.parametrize(("lang", "text", "mention", "value"), ABSOLUTE)
def test_absolute_date(lang: str, text: str, mention: str, value: str) -> None:
    found = the(text, lang, mention)
    assert (found.value, found.relative) == (value, None)


D, W, M, Y = "day", "week", "month", "year"

# (lang, text, mention, RelativeDate, value with REF)
RELATIVE = [
    ("it", "Lo ha detto oggi.", "oggi", RelativeDate(D, 0), "2024-07-12"),
    ("it", "Partirà domani.", "domani", RelativeDate(D, 1), "2024-07-13"),
    ("it", "Ha detto venerdì il capo.", "venerdì",
     RelativeDate("weekday", 0, detail="friday"), "2024-07-12"),
    ("it", "Giovedì, in un incontro.", "Giovedì",
     RelativeDate("weekday", 0, detail="thursday"), "2024-07-11"),
    ("it", "La settimana scorsa.", "La settimana scorsa", RelativeDate(W, -1), "2024-W27"),
    ("it", "Il prossimo anno.", "Il prossimo anno", RelativeDate(Y, 1), "2025"),
    ("it", "Come l'anno scorso.", "l'anno scorso", RelativeDate(Y, -1), "2023"),
    ("it", "entro la fine di quest'anno", "entro la fine di quest'anno",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("it", "entro la prossima primavera", "entro la prossima primavera",
     RelativeDate("season", 1, "within", "by", "spring"), "2025-03"),
    ("it", "Dalla settimana scorsa.", "Dalla settimana scorsa",
     RelativeDate(W, -1, bound="since"), "2024-W27"),
    ("it", "Venerdì scorso.", "Venerdì scorso",
     RelativeDate("weekday", -1, detail="friday"), "2024-07-05"),
    ("it", "entro la fine della settimana", "entro la fine della settimana",
     RelativeDate(W, 0, "end", "by"), "2024-07-14"),
    ("en", "He said yesterday.", "yesterday", RelativeDate(D, -1), "2024-07-11"),
    ("en", "He spoke on Friday.", "Friday",
     RelativeDate("weekday", 0, detail="friday"), "2024-07-12"),
    ("en", "Last week and next month.", "Last week", RelativeDate(W, -1), "2024-W27"),
    ("en", "Last week and next month.", "next month", RelativeDate(M, 1), "2024-08"),
    ("en", "It grew this year.", "this year", RelativeDate(Y, 0), "2024"),
    ("en", "by the end of this year", "by the end of this year",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("en", "Ships arrive next spring.", "next spring",
     RelativeDate("season", 1, detail="spring"), "2025-03"),
    ("en", "Next Monday.", "Next Monday",
     RelativeDate("weekday", 1, detail="monday"), "2024-07-15"),
    ("fr", "Il l'a dit hier.", "hier", RelativeDate(D, -1), "2024-07-11"),
    ("fr", "Aujourd'hui et demain.", "Aujourd'hui", RelativeDate(D, 0), "2024-07-12"),
    ("fr", "La semaine dernière.", "La semaine dernière", RelativeDate(W, -1), "2024-W27"),
    ("fr", "d'ici la fin de l'année", "d'ici la fin de l'année",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("fr", "Le printemps prochain.", "Le printemps prochain",
     RelativeDate("season", 1, detail="spring"), "2025-03"),
    ("de", "Er sagte gestern.", "gestern", RelativeDate(D, -1), "2024-07-11"),
    ("de", "Er kommt morgen, nicht am Morgen.", "morgen", RelativeDate(D, 1), "2024-07-13"),
    ("de", "Nächstes Jahr.", "Nächstes Jahr", RelativeDate(Y, 1), "2025"),
    ("de", "bis Ende des Jahres", "bis Ende des Jahres",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("de", "Am Freitag.", "Freitag", RelativeDate("weekday", 0, detail="friday"),
     "2024-07-12"),
    ("es", "Lo dijo ayer.", "ayer", RelativeDate(D, -1), "2024-07-11"),
    ("es", "Vuelve mañana, no esta mañana.", "mañana", RelativeDate(D, 1), "2024-07-13"),
    ("es", "El año que viene.", "El año que viene", RelativeDate(Y, 1), "2025"),
    ("es", "hasta finales de año", "hasta finales de año",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("es", "La próxima primavera.", "La próxima primavera",
     RelativeDate("season", 1, detail="spring"), "2025-03"),
    ("pt", "Disse ontem.", "ontem", RelativeDate(D, -1), "2024-07-11"),
    ("pt", "Na semana passada.", "Na semana passada", RelativeDate(W, -1), "2024-W27"),
    ("pt", "até o fim do ano", "até o fim do ano", RelativeDate(Y, 0, "end", "by"),
     "2024-12-31"),
    ("pt", "Na sexta-feira.", "sexta-feira", RelativeDate("weekday", 0, detail="friday"),
     "2024-07-12"),
    ("nl", "Hij zei gisteren.", "gisteren", RelativeDate(D, -1), "2024-07-11"),
    ("nl", "Vorige week.", "Vorige week", RelativeDate(W, -1), "2024-W27"),
    ("nl", "Volgend jaar.", "Volgend jaar", RelativeDate(Y, 1), "2025"),
    ("nl", "tegen het einde van het jaar", "tegen het einde van het jaar",
     RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("nl", "De AFM wil nog voor de zomer.", "voor de zomer",
     RelativeDate("season", 0, bound="by", detail="summer"), "2024-06"),
    ("pl", "Powiedział wczoraj.", "wczoraj", RelativeDate(D, -1), "2024-07-11"),
    ("pl", "W przyszłym roku.", "W przyszłym roku", RelativeDate(Y, 1), "2025"),
    ("pl", "do końca roku", "do końca roku", RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("pl", "W środę.", "środę", RelativeDate("weekday", 0, detail="wednesday"), "2024-07-10"),
    ("ru", "Он сказал вчера.", "вчера", RelativeDate(D, -1), "2024-07-11"),
    ("ru", "Это было в пятницу.", "пятницу", RelativeDate("weekday", 0, detail="friday"),
     "2024-07-12"),
    ("ru", "В прошлом году.", "В прошлом году", RelativeDate(Y, -1), "2023"),
    ("ru", "до конца этого года", "до конца этого года", RelativeDate(Y, 0, "end", "by"),
     "2024-12-31"),
    ("ru", "Следующей весной.", "Следующей весной",
     RelativeDate("season", 1, detail="spring"), "2025-03"),
    ("ru", "ЦИК до конца недели обратится.", "до конца недели",
     RelativeDate(W, 0, "end", "by"), "2024-07-14"),
    ("uk", "Він сказав вчора.", "вчора", RelativeDate(D, -1), "2024-07-11"),
    ("uk", "Це було у п'ятницю.", "п'ятницю", RelativeDate("weekday", 0, detail="friday"),
     "2024-07-12"),
    ("uk", "Минулого року.", "Минулого року", RelativeDate(Y, -1), "2023"),
    ("uk", "до кінця року", "до кінця року", RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("uk", "Вже атакувало взимку.", "взимку", RelativeDate("season", 0, detail="winter"),
     "2024-12"),
    ("ja", "昨日、発表した。", "昨日", RelativeDate(D, -1), "2024-07-11"),
    ("ja", "明日に延期。", "明日", RelativeDate(D, 1), "2024-07-13"),
    ("ja", "金曜日に会談。", "金曜日", RelativeDate("weekday", 0, detail="friday"),
     "2024-07-12"),
    ("ja", "来年の予算。", "来年", RelativeDate(Y, 1), "2025"),
    ("ja", "年内に実施。", "年内", RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    ("ja", "今年末までに実施。", "今年末までに", RelativeDate(Y, 0, "end", "by"),
     "2024-12-31"),
    ("ja", "来春に開催。", "来春", RelativeDate("season", 1, detail="spring"), "2025-03"),
]


@pytest.mark.parametrize(("lang", "text", "mention", "relative", "value"), RELATIVE)
def test_relative_date(lang: str, text: str, mention: str, relative: RelativeDate,
                       value: str) -> None:
    assert the(text, lang, mention).relative == relative
    assert the(text, lang, mention, None).value is None
    assert the(text, lang, mention, REF).value == value


@pytest.mark.parametrize(("relative", "value"), [
    (RelativeDate(D, 1), "2024-07-13"),
    (RelativeDate(D, -2), "2024-07-10"),
    (RelativeDate("weekday", 0, detail="friday"), "2024-07-12"),  # the reference is a Friday
    (RelativeDate("weekday", 0, detail="saturday"), "2024-07-06"),
    (RelativeDate("weekday", -1, detail="friday"), "2024-07-05"),
    (RelativeDate("weekday", 1, detail="friday"), "2024-07-19"),
    (RelativeDate(W, 0), "2024-W28"),
    (RelativeDate(W, 0, "start"), "2024-07-08"),
    (RelativeDate(W, 0, "end"), "2024-07-14"),
    (RelativeDate(M, 1, "end"), "2024-08-31"),
    (RelativeDate(M, -7), "2023-12"),
    (RelativeDate("quarter", 1), "2024-10"),
    (RelativeDate("quarter", 2, "end"), "2025-03-31"),
    (RelativeDate(Y, 0, "end", "by"), "2024-12-31"),
    (RelativeDate(Y, 1, "start"), "2025-01-01"),
    (RelativeDate("season", 1, detail="spring"), "2025-03"),
    (RelativeDate("season", 0, detail="spring"), "2024-03"),
    (RelativeDate("season", -1, detail="summer"), "2023-06"),  # summer 2024 has not ended
    (RelativeDate("season", 1, detail="winter", position="end"), "2025-02-28"),
    (RelativeDate("season", 1, detail="autumn"), "2024-09"),
])
def test_resolve(relative: RelativeDate, value: str) -> None:
    assert resolve(relative, REF) == value


def test_resolve_around_new_year() -> None:
    january = date(2025, 1, 15)
    assert resolve(RelativeDate("season", 0, detail="winter"), january) == "2024-12"
    assert resolve(RelativeDate("season", 1, detail="winter"), january) == "2025-12"
    assert resolve(RelativeDate("season", -1, detail="autumn"), january) == "2024-09"
    assert resolve(RelativeDate(W, 0), date(2024, 12, 30)) == "2025-W01"


def test_resolve_never_raises() -> None:
    assert resolve(RelativeDate("fortnight", 1), REF) is None
    assert resolve(RelativeDate("season", 1, detail="monsoon"), REF) is None
    assert resolve(RelativeDate("weekday", 0, detail="caturday"), REF) is None
    assert resolve(RelativeDate(D, 1), date.max) is None
    assert resolve(RelativeDate(Y, -1, "start"), date.min) is None


def test_dates_without_year_take_the_reference_year() -> None:
    assert the("Il 12 luglio", "it", "12 luglio", None).value is None
    assert the("Il 12 luglio", "it", "12 luglio", date(2023, 1, 1)).value == "2023-07-12"
    assert the("Il 29 febbraio", "it", "29 febbraio", date(2024, 1, 1)).value == "2024-02-29"
    assert the("Il 29 febbraio", "it", "29 febbraio", date(2023, 1, 1)).value is None
    assert the("12日に", "ja", "12日", None).value is None


def test_a_datetime_reference_works_like_a_date() -> None:
    moment = datetime(2024, 7, 12, 23, 30)
    assert the("domani", "it", "domani", moment).value == "2024-07-13"


def test_numeric_dates_day_first_except_english() -> None:
    assert the("il 03/04/2024", "it", "03/04/2024").value == "2024-04-03"
    assert the("on 03/04/2024", "en", "03/04/2024").value == "2024-03-04"
    assert the("on 03/04/2024", "en-GB", "03/04/2024").value == "2024-04-03"
    assert the("il 04/25/2024", "it", "04/25/2024").value == "2024-04-25"  # only month first
    assert dates("il 31/02/2024", "it") == []  # no such day: not a date
    assert the("am 1.2.24", "de", "1.2.24").value == "2024-02-01"


def test_years_need_a_context_and_ranges_pass_it_on() -> None:
    assert [d.value for d in dates("Dal 2014 al 2016, poi 2014-2016.", "it")] == [
        "2014", "2016", "2014", "2016"]
    assert dates("Sono arrivati 2014 soldati.", "it") == []
    assert dates("In 2014 euros.", "en") == []  # a sum of money, not a year
    assert [d.value for d in dates("between 1000-2000 people", "en")] == []


def test_relative_phrases_respect_case_and_context() -> None:
    assert dates("Heute Morgen kam er.", "de", REF)[0].text == "Heute"
    assert len(dates("Heute Morgen kam er.", "de", REF)) == 1  # der Morgen: the morning
    assert dates("Esta mañana llovió.", "es") == []  # this morning, not tomorrow
    assert dates("they may 2 times", "en") == []  # "may" is not May


def test_empty_and_unknown_language() -> None:
    assert find_dates("", "it") == []
    assert find_dates("", "xx", REF) == []
    assert [d.text for d in dates("oggi, 2024-07-12", "xx")] == ["2024-07-12"]


NASTY = [
    "2024" * 5_000,
    "12 luglio " * 1_000,
    "entro la fine di " * 1_000,
    "年" * 10_000,
    "1/" * 5_000,
    "12.07." * 2_000,
    "anni '" * 2_000,
    "2024年13月45日 0年0月0日 2月30日 令和年 第",
    "99/99/9999 31/02/2024 29/02/2023 00/00/00 24:61",
    "May May may 12th of of of Friday, , , July",
    "\u0130\u0130 oggi \u0130 domani ё июля ʼ п'ятницю п’ятницю",
    "'\"«»’‘,.;:-–—()[]{}" * 200,
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
@pytest.mark.parametrize("lang", ["it", "en", "de", "uk", "ja", "und"])
def test_never_raises_on_junk(text: str, lang: str) -> None:
    check_spans(text, find_dates(text, lang, REF))
    mentions: list[DateMention | Quantity] = [*find_numbers(text, lang),
                                              *find_dates(text, lang)]
    check_spans(text, sorted(mentions, key=lambda m: m.start))


def test_real_italian_article(italian_article: str) -> None:
    text = italian_article
    found = {d.text: d for d in dates(text, "it", REF)}
    assert found["2014"].value == "2014"
    assert found["2014"].relative is None
    assert found["venerdì"].relative == RelativeDate("weekday", 0, detail="friday")
    assert found["entro la fine di quest'anno"].relative == RelativeDate(Y, 0, "end", "by")
    assert found["entro la fine di quest'anno"].value == "2024-12-31"
    assert found["entro la prossima primavera"].value == "2025-03"
    assert found["ottobre"].value == "2024-10"
