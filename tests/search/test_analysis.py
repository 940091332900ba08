"""Per-language analysis: the terms an index and a query are made of."""

from __future__ import annotations

import pytest

from faro.search._analysis import STEMMED_LANGUAGES, analyze, stemmer_for


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
