"""The provisional rule-based check-worthiness score."""

from __future__ import annotations

import faro
from faro.extract.claims import SCORER_NAME, WEIGHTS


def _claim(text: str, lang: str | None = None) -> faro.Claim:
    doc = faro.analyze(text, lang=lang)
    assert len(doc.claims) == len(doc.sentences) >= 1
    return doc.claims[0]


def test_factual_claim_outranks_opinion_and_question() -> None:
    factual = _claim("Il governo ha speso 3 miliardi di euro nel 2023, il 40% in più della "
                     "Francia.", "it")
    opinion = _claim("Io penso che forse dovremmo parlarne con calma.", "it")
    question = _claim("Ma davvero il governo ha speso così tanto?", "it")
    assert factual.score > 0.7
    assert opinion.score < 0.3
    assert question.score < factual.score
    assert {"number", "percent_or_money", "entity", "comparative"} <= factual.features.keys()
    assert {"hedge", "first_person"} <= opinion.features.keys()
    assert "question" in question.features


def test_features_explain_the_score_exactly() -> None:
    import math

    claim = _claim("NATO said 32 members agreed to spend 2% of GDP on defence by 2024.", "en")
    logit = WEIGHTS["bias"] + sum(claim.features.values())
    assert claim.score == round(1 / (1 + math.exp(-logit)), 4)
    assert claim.scorer == SCORER_NAME
    assert all(WEIGHTS[name] == value for name, value in claim.features.items())


def test_japanese_without_spaces_uses_lexicon_substrings() -> None:
    claim = _claim("政府は昨年、防衛費を前年比で20%増加したと発表した。", "ja")
    assert "comparative" in claim.features and "number" in claim.features


def test_every_sentence_is_scored_in_order() -> None:
    doc = faro.analyze("The minister resigned on Monday. Why? Nobody knows. "
                       "Inflation rose to 8.1% in March, the highest since 1981.", lang="en")
    assert [c.sentence for c in doc.claims] == list(range(len(doc.sentences)))
    best = max(doc.claims, key=lambda c: c.score)
    assert "Inflation" in best.text
