"""The claims of ``faro.analyze``: every sentence scored by the check-worthiness model."""

from __future__ import annotations

import math

import pytest

import faro
from faro.checkworthy import POOLED, SCORER_NAME, default_model
from faro.checkworthy._claims import BEST_SHARE, POST_CHARS, score_claims


def _claims(text: str, lang: str) -> list[faro.Claim]:
    doc = faro.analyze(text, lang=lang)
    assert len(doc.claims) == len(doc.sentences) >= 1
    return doc.claims


ARTICLE_EN = ("The minister resigned on Monday. Why? Nobody knows. Inflation rose to 8.1% in "
              "March, the highest since 1981. " + "People in the town went on with their day. "
              * 15)


def test_every_sentence_is_scored_in_order_by_the_model() -> None:
    claims = _claims(ARTICLE_EN, "en")
    assert [c.sentence for c in claims] == list(range(len(claims)))
    assert {c.scorer for c in claims} == {SCORER_NAME}
    best = max(claims, key=lambda c: c.score)
    assert "Inflation" in best.text and best.checkworthy
    assert "percent" in best.features and "year" in best.features


def test_score_is_the_model_probability_and_checkworthy_its_threshold() -> None:
    text = "NATO said 32 members agreed to spend 2% of GDP on defence by 2024."
    claim = _claims(text, "en")[0]
    scored = default_model().score(text, "en")
    assert claim.score == round(scored.probability, 4)
    assert claim.features == scored.evidence
    assert claim.checkworthy  # the best (only) sentence of a post, whatever the threshold
    doc = faro.analyze(text, lang="en")
    strict = score_claims(doc, threshold=default_model().threshold("en"))[0]
    assert strict.checkworthy == (scored.probability >= default_model().threshold("en"))


@pytest.mark.parametrize(("lang", "factual", "chat"), [
    ("it", "Il governo ha speso 3 miliardi di euro nel 2023, il 40% in più della Francia.",
     "Io penso che forse dovremmo parlarne con calma."),
    ("en", "Unemployment fell to 3.5% in 2019, the lowest rate in 50 years.",
     "I hope you all have a lovely weekend!"),
    ("es", "El paro subió un 12% en 2023 según el INE.", "¡Qué bonito día hace hoy!"),
    ("ja", "政府は昨年、防衛費を前年比で20%増加したと発表した。", "今日はいい天気ですね。"),
])
def test_a_factual_claim_outranks_chat(lang: str, factual: str, chat: str) -> None:
    assert _claims(factual, lang)[0].score > _claims(chat, lang)[0].score


def test_a_post_offers_its_best_sentence_even_below_the_threshold() -> None:
    claims = _claims("Nice weather today. The minister said NATO will close the base.", "en")
    best = max(claims, key=lambda c: c.score)
    assert best.checkworthy
    assert sum(c.checkworthy for c in claims) >= 1


def test_explicit_threshold_decides_checkworthy() -> None:
    doc = faro.analyze("Inflation rose to 8.1% in March. Nice weather today.", lang="en")
    everything = score_claims(doc, threshold=0.0)
    nothing = score_claims(doc, threshold=1.0)
    assert all(c.checkworthy for c in everything)
    assert not any(c.checkworthy for c in nothing)


def test_min_score_setting_reaches_the_pipeline() -> None:
    options = faro.load_options(claim_threshold=0.0)
    doc = faro.Pipeline(options)(faro.Document("d", "Nice weather today. Really nice."))
    assert all(c.checkworthy for c in doc.claims)


def test_a_language_without_its_own_model_is_scored_by_the_pooled_model() -> None:
    doc = faro.analyze("Kiwango kilishuka hadi 3.5% mwaka 2019.", lang="sw")
    assert default_model().key("sw") == POOLED
    assert doc.claims and all(0.0 < c.score < 1.0 for c in doc.claims)


def test_a_malformed_language_tag_is_scored_as_undetermined() -> None:
    doc = faro.analyze("Inflation rose to 8.1% in March.", lang="en")
    doc.language = faro.Language("x-klingon", 1.0, "forced")
    claims = score_claims(doc)
    assert len(claims) == 1 and 0.0 < claims[0].score < 1.0


ARTICLE_DE = (
    "Die Bundesnetzagentur warnt vor gefälschten SMS, die einen Stromausfall ankündigen. "
    "Laut Behördensprecher Jan Kröger sind seit dem 4. November 2024 mehr als 3.700 "
    "Beschwerden eingegangen. Die Absender geben sich als Stadtwerke aus. "
    "Nach Schätzungen wurden rund 150.000 SMS verschickt. Viele Menschen waren verunsichert. "
    "Der Bund will 4,8 Millionen Euro in eine Aufklärungskampagne stecken. "
    "Am Wochenende soll das Wetter besser werden. Die Polizei bittet um Hinweise. "
    "Wer eine solche Nachricht erhält, sollte nicht auf den Link klicken. Danke fürs Lesen.")


def test_a_post_is_scored_by_the_post_model_and_an_article_by_the_prose_model() -> None:
    post = "Unemployment fell to 3.5% in 2019, the lowest rate in 50 years."
    assert _claims(post, "en")[0].score == round(default_model().score(post, "en").probability,
                                                 4)
    article = " ".join([post] + ["The weather was fine and people went out."] * 20)
    assert len(article) > POST_CHARS
    first = _claims(article, "en")[0]
    assert first.score == round(default_model().score(post, "en", "prose").probability, 4)


def test_an_article_offers_at_least_its_best_fifth_as_claims() -> None:
    doc = faro.analyze(ARTICLE_DE, lang="de")
    worthy = [c for c in doc.claims if c.checkworthy]
    assert len(worthy) >= math.ceil(BEST_SHARE * len(doc.claims))
    best = max(doc.claims, key=lambda c: c.score)
    assert best.checkworthy and any(ch.isdigit() for ch in best.text)
    # an explicit threshold is exact: no share is added
    strict = score_claims(doc, threshold=0.99)
    assert not any(c.checkworthy for c in strict)
