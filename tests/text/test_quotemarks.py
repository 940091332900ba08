"""Quote-mark pairing: styles, context for straight marks, apostrophes, nesting, limits."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from faro.text.quotemarks import MAX_QUOTE_CHARS, QuotedSpan, find_quoted_spans
from faro.text.rules import GENERIC, rules_for


def _quotes(text: str, lang: str | None) -> list[str]:
    """The inner text of every span found, checking each span's offsets."""
    rules = GENERIC if lang is None else rules_for(lang)
    spans = find_quoted_spans(text, rules)
    _check_spans(text, spans)
    return [text[s.start:s.end] for s in spans]


def _check_spans(text: str, spans: Sequence[QuotedSpan]) -> None:
    assert list(spans) == sorted(spans, key=lambda s: (s.open, -s.close))
    for s in spans:
        assert 0 <= s.open < s.start <= s.end < s.close <= len(text)
        assert s.start == s.open + 1 and s.close == s.end + 1  # single-character marks
        assert not text[s.open].isalnum() and not text[s.end].isalnum()
    for a in spans:  # spans nest or are disjoint, never cross
        for b in spans:
            if a.open < b.open < a.close:
                assert b.close <= a.close, (a, b)


# --- styles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("it", "Ha detto: «Siamo pronti». Poi è uscito.", ["Siamo pronti"],
                     id="it-guillemets"),
        pytest.param("fr", "«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"],
                     id="fr-guillemets"),
        pytest.param("en", "He said “we are ready” and left.", ["we are ready"],
                     id="en-curly"),
        pytest.param("it", "Ha detto “siamo pronti” e se n'è andato.", ["siamo pronti"],
                     id="it-curly"),
        pytest.param("de", "Er sagte: „Wir sind bereit“ und ging.", ["Wir sind bereit"],
                     id="de-low-high"),
        pytest.param("pl", "Powiedział: „Jesteśmy gotowi”. Potem wyszedł.", ["Jesteśmy gotowi"],
                     id="pl-low-high"),
        pytest.param("de", "Er sagte: »Wir sind bereit« und ging.", ["Wir sind bereit"],
                     id="de-reversed-guillemets"),
        pytest.param("pl", "Powiedział: »Jesteśmy gotowi« i wyszedł.", ["Jesteśmy gotowi"],
                     id="pl-reversed-guillemets"),
        pytest.param("ja", "首相は「全力を尽くす」と述べた。", ["全力を尽くす"],
                     id="ja-kagikakko"),
        pytest.param("ja", "首相は『全力を尽くす』と述べた。", ["全力を尽くす"],
                     id="ja-double-kagikakko"),
        pytest.param("ja", "「全力を尽くす」と述べ、『安心』を強調した。", ["全力を尽くす", "安心"],
                     id="ja-two-quotes"),
        pytest.param(None, "Han sa: ”Vi är redo” och gick.", ["Vi är redo"],
                     id="generic-swedish"),
        pytest.param(None, "Il a dit «oui» et elle a dit “non”.", ["oui", "non"],
                     id="generic-mixed-styles"),
    ],
)
def test_styles(lang: str | None, text: str, expected: list[str]) -> None:
    assert _quotes(text, lang) == expected


def test_spaced_french_guillemets() -> None:
    text = "« Nous sommes prêts », a-t-il dit."
    spans = find_quoted_spans(text, rules_for("fr"))
    assert len(spans) == 1
    assert (spans[0].open, spans[0].close) == (0, text.index("»") + 1)
    assert text[spans[0].start:spans[0].end].strip() == "Nous sommes prêts"


def test_offsets() -> None:
    text = "Ha detto: «Siamo pronti». Poi è uscito."
    (span,) = find_quoted_spans(text, rules_for("it"))
    assert span == QuotedSpan(open=10, start=11, end=23, close=24)
    assert text[span.open] == "«" and text[span.end] == "»"


# --- straight quotes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("en", 'He said "we are ready" and left.', ["we are ready"], id="plain"),
        pytest.param("it", '"Siamo pronti", ha detto. "Domani si parte".',
                     ["Siamo pronti", "Domani si parte"], id="two-quotes"),
        pytest.param("it", 'Poi: "A" e "B" e "C".', ["A", "B", "C"], id="three-short"),
        pytest.param("en", '"We did everything. Now it\'s your turn," she said.',
                     ["We did everything. Now it's your turn,"], id="comma-before-close"),
        pytest.param("en", 'He wrote "No." and left.', ["No."], id="stop-before-close"),
        pytest.param("en", 'The so-called "experts" were wrong.', ["experts"], id="scare-quotes"),
        pytest.param("en", 'They said "it\'s over" and the "end" came.', ["it's over", "end"],
                     id="apostrophe-inside"),
        pytest.param("en", "He said 'we are ready' and left.", ["we are ready"],
                     id="single-straight"),
        pytest.param("it", '("Siamo pronti") ha detto.', ["Siamo pronti"], id="in-brackets"),
    ],
)
def test_straight_quotes_by_context(lang: str, text: str, expected: list[str]) -> None:
    assert _quotes(text, lang) == expected


# --- apostrophes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "Il capo dell’alleanza ha parlato."),
        ("it", "Il capo dell'alleanza e l'anno scorso l’Europa."),
        ("en", "He said don't worry, it's fine and they're OK."),
        ("en", "The minister’s plan and the country’s debt."),
        ("fr", "L’État et l'économie d’aujourd’hui."),
        ("it", "gli anni '90 e l'80% dei casi"),
        ("uk", "Прем'єр-міністр і прем’єр заявили про сім'ю."),
    ],
)
def test_apostrophes_are_not_quotes(lang: str, text: str) -> None:
    assert _quotes(text, lang) == []


def test_apostrophes_inside_a_quote_do_not_end_it() -> None:
    text = "Ha detto: “L’alleanza e l'anno dell’Europa” e poi è uscito."
    assert _quotes(text, "it") == ["L’alleanza e l'anno dell’Europa"]


@pytest.mark.parametrize(
    "text",
    ["Parlando dell’“operazione speciale” il ministro tace.",
     "Parlando dell'\"operazione speciale\" il ministro tace."],
    ids=["curly", "straight"],
)
def test_quote_after_elision(text: str) -> None:
    assert _quotes(text, "it") == ["operazione speciale"]


# --- mismatched styles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['Ha detto: "È finita. » Poi è uscito.', "Ha detto: “È finita. » Poi è uscito.",
     "Ha detto: «È finita.” Poi è uscito."],
)
def test_mismatched_styles_are_paired(text: str) -> None:
    assert [q.strip() for q in _quotes(text, "it")] == ["È finita."]


# --- nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("it", "Ha detto: «Il ministro ha parlato di “crisi” ieri» e poi è uscito.",
                     ["Il ministro ha parlato di “crisi” ieri", "crisi"], id="it"),
        pytest.param("fr", "« Il a dit “non” hier », a-t-elle expliqué.",
                     [" Il a dit “non” hier ", "non"], id="fr-spaced"),
        pytest.param("de", "Er sagte: „Das ist »falsch«, glaube ich“ und ging.",
                     ["Das ist »falsch«, glaube ich", "falsch"], id="de"),
        pytest.param("ru", "Он сказал: «Мы „готовы“ ко всему». Потом ушёл.",
                     ["Мы „готовы“ ко всему", "готовы"], id="ru"),
        pytest.param("en", "She said: “He told me ‘never again’ and left.”",
                     ["He told me ‘never again’ and left.", "never again"], id="en"),
        pytest.param("ja", "首相は「国民の『安心』を守る」と述べた。",
                     ["国民の『安心』を守る", "安心"], id="ja"),
        pytest.param("it", "«Uno “due” tre» e «quattro»", ["Uno “due” tre", "due", "quattro"],
                     id="then-sibling"),
    ],
)
def test_nested_quotes(lang: str, text: str, expected: list[str]) -> None:
    assert _quotes(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("it", "Ha detto: «“Uno” è il numero» e poi basta.", ["“Uno” è il numero", "Uno"]),
        ("en", "“‘Special operation’ is a lie,” she said.",
         ["‘Special operation’ is a lie,", "Special operation"]),
    ],
    ids=["it", "en"],
)
def test_inner_quote_at_start_of_outer(lang: str, text: str, expected: list[str]) -> None:
    assert _quotes(text, lang) == expected


# --- limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Ha detto: «Siamo pronti\n\ne poi» basta.", 'Ha detto: "Siamo pronti.\n\nE poi" basta.',
     "Ha detto: «Siamo pronti\n   \t\ne poi» basta."],
)
def test_quotes_never_cross_a_blank_line(text: str) -> None:
    assert _quotes(text, "it") == []


def test_quote_may_cross_a_single_line_break() -> None:
    assert _quotes("Ha detto: «Siamo pronti\ne poi» basta.", "it") == ["Siamo pronti\ne poi"]


def test_paragraphs_pair_independently() -> None:
    assert _quotes("«Primo» e «aperta\n\n«secondo»", "it") == ["Primo", "secondo"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("it", "Ha detto: «Siamo pronti e se ne è andato."), ("en", "He said “we are ready."),
     ("ja", "首相は「全力を尽くすと述べた。"), ("de", "Er sagte: „Wir sind bereit und ging.")],
)
def test_unclosed_quote_produces_nothing(lang: str, text: str) -> None:
    assert _quotes(text, lang) == []


def test_unclosed_quote_does_not_swallow_the_next_one() -> None:
    assert _quotes("«aperta e mai chiusa. «Altra» fine", "it") == ["Altra"]


def test_too_long_quote_is_rejected() -> None:
    text = "Ha detto: «" + "parola " * (2000 // 7) + "» basta."
    assert len(text) > MAX_QUOTE_CHARS + 100
    assert _quotes(text, "it") == []


def test_long_quote_under_the_limit_is_kept() -> None:
    inner = "a" * (MAX_QUOTE_CHARS - 10)
    assert _quotes(f"Ha detto: «{inner}» basta.", "it") == [inner]


def test_too_long_quote_does_not_block_a_later_one() -> None:
    text = "«" + "x" * (MAX_QUOTE_CHARS + 50) + " poi «breve» fine"
    assert _quotes(text, "it") == ["breve"]


def test_empty_quotes_are_not_spans() -> None:
    assert _quotes("Ha detto «» e “” e \"\".", "it") == []


# --- the real article -------------------------------------------------------------------------

ARTICLE_QUOTES = [
    "La", "dove", "ciò", "È", "Abbiamo", "faro", "grande", "sempre", "dubbi", "un",
    "assolutamente", "profondamente", "Credo",
]


def test_real_article(italian_article: str) -> None:
    quotes = _quotes(italian_article, "it")
    assert [q.split()[0] for q in quotes] == ARTICLE_QUOTES
    assert quotes[-1] == "Credo ancora che sarà un buona cosa. "  # “… » closed by the other style
    assert quotes[5] == "faro"
