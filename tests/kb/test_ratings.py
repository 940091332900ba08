"""Rating normalisation: the shipped table, the keyword rules and numeric scales."""

from __future__ import annotations

from importlib import resources

import pytest

from faro.kb import ratings
from faro.kb.ratings import normalise_rating, rating_key, verdict_from_scale
from faro.model import Verdict

F, MF, PT, MT, T, C, OT = (
    Verdict.FALSE,
    Verdict.MOSTLY_FALSE,
    Verdict.PARTLY_TRUE,
    Verdict.MOSTLY_TRUE,
    Verdict.TRUE,
    Verdict.COMPLICATED,
    Verdict.OTHER,
)

# The ratings of the shipped demo knowledge base, by language.
DEMO_RATINGS = [
    ("it", "Falso", F), ("it", "Fuorviante", PT), ("it", "Vero", T),
    ("it", "Parzialmente falso", PT), ("it", "Senza prove", C),
    ("en", "False", F), ("en", "Misleading", PT), ("en", "Mostly false", MF), ("en", "True", T),
    ("en", "Unproven", C), ("en", "Missing context", PT),
    ("ja", "誤り", F), ("ja", "ミスリード", PT), ("ja", "根拠不明", C), ("ja", "正確", T),
    ("ja", "ほぼ正確", MT),
    ("fr", "Faux", F), ("fr", "Trompeur", PT), ("fr", "Vrai", T), ("fr", "Infondé", C),
    ("de", "Falsch", F), ("de", "Irreführend", PT), ("de", "Richtig", T), ("de", "Unbelegt", C),
    ("es", "Falso", F), ("es", "Engañoso", PT), ("es", "Verdadero", T), ("es", "Sin pruebas", C),
    ("pt", "Falso", F), ("pt", "Enganoso", PT), ("pt", "Verdadeiro", T),
    ("nl", "Onwaar", F), ("nl", "Misleidend", PT), ("nl", "Waar", T),
    ("pl", "Fałsz", F), ("pl", "Manipulacja", PT), ("pl", "Prawda", T),
    ("ru", "Ложь", F), ("ru", "Манипуляция", PT), ("ru", "Правда", T),
    ("uk", "Неправда", F), ("uk", "Маніпуляція", PT), ("uk", "Правда", T),
    ("ko", "거짓", F), ("ko", "대체로 거짓", MF), ("ko", "사실", T),
]

TRICKY = [
    ("Not true", F),
    ("Half true", PT),
    ("Pants on Fire!", F),
    ("PANTS ON FIRE", F),
    ("  mostly   TRUE. ", MT),
    ("Half-True", PT),
    ("Four Pinocchios", F),
    ("Satire", OT),
    ("Labeled Satire", OT),
    ("Correct", T),
    ("Accurate", T),
    ("Fake", F),
    ("Hoax", F),
    ("Totally made-up gibberish rating", OT),
    # Not in the table: the keyword rules decide.
    ("This claim is false.", F),
    ("Mostly false, with a grain of truth", MF),
    ("Partly false: needs context", PT),
    ("False and misleading", F),
    ("Falso e fuorviante", F),
    ("True, but misleading", PT),
    ("Not correct at all", F),
    ("Non è vero", F),
    ("No es cierto", F),
    ("Misleading headline", PT),
    ("Unverified claim", C),
    ("No evidence for this", C),
    ("Inaccurate", PT),
    ("대체로 사실이 아님", MF),
]


@pytest.mark.parametrize(("language", "rating", "verdict"), DEMO_RATINGS)
def test_demo_ratings(language: str, rating: str, verdict: Verdict) -> None:
    assert normalise_rating(rating, language) is verdict
    # The language is a hint: without it, or with a region subtag, the answer is the same.
    assert normalise_rating(rating) is verdict
    assert normalise_rating(rating.upper() + "!", f"{language}-XX") is verdict


@pytest.mark.parametrize(("rating", "verdict"), TRICKY)
def test_tricky_ratings(rating: str, verdict: Verdict) -> None:
    assert normalise_rating(rating, "en") is verdict


@pytest.mark.parametrize("rating", [None, "", "   ", "!!!", "—"])
def test_no_rating_is_none(rating: str | None) -> None:
    assert normalise_rating(rating) is None


def test_unknown_rating_is_other() -> None:
    assert normalise_rating("Wibble", "it") is Verdict.OTHER
    assert normalise_rating("Zzz") is Verdict.OTHER


def test_rating_in_another_language() -> None:
    # An English rating on an Italian site, a Spanish one on a record tagged Portuguese.
    assert normalise_rating("Missing context", "it") is Verdict.PARTLY_TRUE
    assert normalise_rating("Bulo", "pt") is Verdict.FALSE
    assert normalise_rating("Manipulowane zdjęcie", "pl") is Verdict.PARTLY_TRUE  # keyword rule


def test_rating_key() -> None:
    assert rating_key("  Pants on Fire! ") == "pants on fire"
    assert rating_key("Ｆａｌｓｏ") == "falso"  # NFKC: full-width letters
    assert rating_key("صحيحٌ") == rating_key("صحيح")  # Arabic vowel marks dropped


def test_shipped_table_is_consistent() -> None:
    """Every line is verdict<TAB>language<TAB>rating, no rating has two verdicts in one language,
    and the languages faro promises are covered."""
    ratings._table.cache_clear()
    by_language, _ = ratings._table()  # raises on a malformed line or a conflict
    text = resources.files("faro.resources.kb").joinpath("ratings.tsv").read_text("utf-8")
    data = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert data[0] == "verdict\tlanguage\trating"
    languages = set()
    for line in data[1:]:
        verdict, language, rating = line.split("\t")
        assert Verdict(verdict)
        assert language == "*" or (language.isalpha() and language.islower()), line
        assert rating == rating.strip() and rating_key(rating), line
        languages.add(language)
    required = set("en it fr de es pt nl pl ru uk ja ko tr ar".split())
    assert required <= languages
    assert {verdict for verdict in by_language.values()} == set(Verdict)


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        (1, 5, 1, F), (2, 5, 1, MF), (3, 5, 1, PT), (4, 5, 1, MT), (5, 5, 1, T),
        ("1", "5", "1", F), ("5", None, None, T), (3, None, None, PT),
        (0, 10, 0, F), (10, 10, 0, T), (6, 10, 0, PT), (7, 7, 1, T), (2, 7, 1, MF),
        (5, 1, 5, F), (1, 1, 5, T),  # an inverted scale
        (0, 5, 1, OT), (6, 5, 1, OT), ("n/a", 5, 1, OT), (3, 3, 3, OT),
        (float("nan"), 5, 1, OT),
    ],
)
def test_verdict_from_scale(
    value: float | str, best: float | str | None, worst: float | str | None, verdict: Verdict
) -> None:
    assert verdict_from_scale(value, best, worst) is verdict
