"""Per-language analysis: the terms an index and a query are made of."""

from __future__ import annotations

import pytest

from faro.search._analysis import STEMMED_LANGUAGES, TermIds, analyze, stemmer_for


@pytest.mark.parametrize("language", ["en", "it", "fr", "de", "es", "pt", "nl", "ru", "tr", "ar"])
def test_issue_languages_are_stemmed(language: str) -> None:
    assert language in STEMMED_LANGUAGES
    assert stemmer_for(language) is not None


@pytest.mark.parametrize(("language", "a", "b"), [
    ("en", "vaccines caused deaths", "vaccine causes death"),
    ("it", "i vaccini hanno causato morti", "il vaccino causa la morte"),
    ("fr", "les élections truquées", "élection truquée"),
    ("de", "gefälschte Wahlen", "gefälschte Wahl"),
    ("es", "las elecciones fraudulentas", "elección fraudulenta"),
    ("ru", "биолаборатории на Украине", "биолаборатория Украина"),
])
def test_inflections_meet(language: str, a: str, b: str) -> None:
    assert set(analyze(a, language)) == set(analyze(b, language))


def test_stop_words_go_and_numbers_stay_whole() -> None:
    assert analyze("The 48,000 and the 48.000 and 48 000", "en") == ["48000", "48000", "48000"]


def test_cjk_becomes_bigrams_in_any_language() -> None:
    assert analyze("偽情報", "ja") == ["偽情", "情報"]
    assert "情報" in analyze("NATO says 偽情報 spreads", "en")
    assert analyze("가짜뉴스", "ko") == ["가짜", "짜뉴", "뉴스"]


def test_unknown_language_is_not_stemmed_but_folded() -> None:
    assert analyze("Ĉu VAKCINOJ", "und") == ["ĉu", "vakcinoj"]
    assert analyze("", "en") == []


TEXTS = [
    ("The vaccines were tested on 48,000 people (48 000, 48.000) in 2021!", "en"),
    ("I a 7 x_y snake_case it's don't e-mail COVID-19 5G #StopTheSteal @who", "en"),
    ("Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ and ligatures: ﬁnance", "en"),
    ("NATO says 偽情報 spreads", "en"),
    ("i vaccini hanno causato morti, l'intelligenza", "it"),
    ("les élections truquées", "fr"),
    ("It’s a “quoted” café — naïve résumé", "en"),
    ("биолаборатории на Украине", "ru"),
    ("Vaccines vaccines VACCINES", "en-GB"),
    ("Ĉu VAKCINOJ", "und"),
    ("plain ascii words", "ja"),
    ("", "en"),
    ("the a an of", "en"),
]


def test_term_ids_are_those_of_analyze() -> None:
    fast = TermIds()
    vocab: dict[str, int] = {}
    for text, language in TEXTS * 2:
        expected = [vocab.setdefault(t, len(vocab)) for t in analyze(text, language)]
        assert fast.ids(text, language) == expected, text
    assert fast.terms == vocab
