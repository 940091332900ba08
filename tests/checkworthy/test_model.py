from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import faro.checkworthy
from faro._errors import EmptyInputError, MalformedRecordError, UnknownLanguageError
from faro.checkworthy import MAX_CHARS, POOLED, CheckworthyModel, default_model
from faro.checkworthy._features import (
    CHAR_BUCKETS,
    WORD_BUCKETS,
    Batch,
    dimension,
    featurize,
    word_bucket,
)
from faro.checkworthy._model import BATCH

CLAIM = "Unemployment fell to 3.5% in 2019, the lowest rate in 50 years, Obama said."
CHAT = "Good evening, and thank you all for being here tonight!"


def test_public_surface() -> None:
    assert sorted(faro.checkworthy.__all__) == sorted(
        ["EVIDENCE", "MAX_CHARS", "POOLED", "SCORER_NAME", "CheckworthyModel", "Genre",
         "Scored", "default_model"])


def test_a_claim_outranks_small_talk() -> None:
    model = default_model()
    claim, chat = model.score(CLAIM, "en"), model.score(CHAT, "en")
    assert claim.probability > chat.probability
    assert not chat.checkworthy
    assert {"number", "percent", "year"} <= set(claim.evidence)
    assert any(name.startswith("word:") for name in claim.evidence)
    assert claim.model == "en"


def test_score_many_agrees_with_score() -> None:
    model = default_model()
    many = model.score_many([CLAIM, CHAT], "en")
    assert many == pytest.approx([model.score(CLAIM, "en").probability,
                                  model.score(CHAT, "en").probability])


def test_languages_without_a_model_use_the_pooled_one() -> None:
    model = default_model()
    scored = model.score("Kiwango cha ukosefu wa ajira kilishuka hadi 3.5% mwaka 2019.", "sw")
    assert scored.model == POOLED
    assert "percent" in scored.evidence and 0.0 < scored.probability < 1.0
    assert set(model.languages) == {"ar", "bg", "en", "es", "nl", "tr"}


@pytest.mark.parametrize("text", ["", "   ", "?!…", "\n\t"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(EmptyInputError):
        default_model().score(text, "en")


@pytest.mark.parametrize("lang", ["", "english", "EN", "e1"])
def test_malformed_language_is_refused(lang: str) -> None:
    with pytest.raises(UnknownLanguageError) as info:
        default_model().score(CLAIM, lang)
    assert info.value.code == "F202"


def test_very_long_text_is_read_up_to_max_chars() -> None:
    long = CLAIM * 50_000
    scored = default_model().score(long, "en")
    assert scored.probability == pytest.approx(
        default_model().score(long[:MAX_CHARS], "en").probability)


def test_mixed_scripts_are_scored() -> None:
    scored = default_model().score("COVID-19 لقاح 95% эффективен according to Pfizer", "ar")
    assert 0.0 < scored.probability < 1.0 and "percent" in scored.evidence


def test_features_are_deterministic_and_bounded() -> None:
    first, second = featurize([CLAIM], "en"), featurize([CLAIM], "en")
    assert np.array_equal(first.columns, second.columns)
    assert np.array_equal(first.values, second.values)
    assert first.columns.max() < dimension() and first.columns.min() >= 0


def _dense(batch: Batch) -> np.ndarray:
    out = np.zeros((batch.size, dimension()))
    np.add.at(out, (batch.rows, batch.columns), batch.values)
    return out


def test_a_batch_is_featurised_as_its_texts_one_by_one() -> None:
    texts = [CLAIM, "", CHAT, "a\x00b \x01 @x http://t.co/1", "x" * 10, CLAIM.upper()]
    together = _dense(featurize(texts, "en"))
    for i, text in enumerate(texts):
        np.testing.assert_allclose(together[i], _dense(featurize([text], "en"))[0], atol=1e-6)


def test_blocks_are_unit_length_tf_idf() -> None:
    idf = np.linspace(1.0, 3.0, WORD_BUCKETS + CHAR_BUCKETS).astype(np.float32)
    row = _dense(featurize(["the cat saw the other cat"], "en", idf))[0]
    words, chars = row[:WORD_BUCKETS].copy(), row[WORD_BUCKETS:WORD_BUCKETS + CHAR_BUCKETS]
    language = word_bucket("lang=en")  # the pooled model's per-language bias, outside the block
    assert words[language] == 1.0
    words[language] = 0.0
    assert np.linalg.norm(words) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(chars) == pytest.approx(1.0, abs=1e-5)
    cat = word_bucket("en|cat")
    other = word_bucket("en|other")
    # "cat" occurs twice (sublinear count 1 + log 2), "other" once
    assert words[cat] / words[other] == pytest.approx(
        (1 + np.log(2)) * idf[cat] / idf[other], rel=1e-4)


def test_explain_many_and_score_many_agree_across_batches() -> None:
    model = default_model()
    texts = [CLAIM if i % 3 else CHAT for i in range(BATCH * 2 + 5)] + ["?!"]
    explained = model.explain_many(texts, "en")
    assert [s.probability for s in explained] == pytest.approx(model.score_many(texts, "en"))
    assert explained[-1].probability == 0.0 and explained[-1].evidence == {"empty": 0.0}
    assert explained[1].probability == pytest.approx(model.score(CLAIM, "en").probability)


def test_save_and_load(tmp_path: Path) -> None:
    idf = np.full(WORD_BUCKETS + CHAR_BUCKETS, 2.0, np.float32)
    model = CheckworthyModel({POOLED: np.ones(dimension(), np.float32) * 0.01}, {POOLED: -1.0},
                             idf, {POOLED: 0.3}, {"date": "today"})
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = CheckworthyModel.load(path)
    assert loaded.trained == {"date": "today"}
    assert loaded.threshold("sw") == 0.3
    assert loaded.score(CLAIM, "en").probability == pytest.approx(
        model.score(CLAIM, "en").probability)
    assert loaded.score(CLAIM, "en").threshold == 0.3


def test_a_model_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="features changed"):
        CheckworthyModel({POOLED: np.ones(10, np.float32)}, {POOLED: 0.0},
                         np.ones(WORD_BUCKETS + CHAR_BUCKETS, np.float32))


def test_a_broken_model_file(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(MalformedRecordError):
        CheckworthyModel.load(path)


def test_the_shipped_model_is_small() -> None:
    shipped = Path(faro.checkworthy.__file__).parents[1] / "resources" / "models"
    assert (shipped / "checkworthy.npz").stat().st_size <= 25 * 1024 * 1024
    assert (shipped / "checkworthy.md").is_file()


def test_a_model_without_word_weights_skips_the_word_block_with_the_same_logits() -> None:
    model = default_model()
    texts = [CLAIM, CHAT, "Il 62% dei profili è stato creato negli ultimi 30 giorni."]
    weights, bias = model.weights["*@prose"], model.biases["*@prose"]
    full = featurize(texts, "it", model.idf).logits(weights, bias)
    lean = featurize(texts, "it", model.idf, word_ngrams=False)
    assert lean.unigrams.size == 0 and lean.words == []
    np.testing.assert_allclose(lean.logits(weights, bias), full, atol=1e-9)
    assert model.score(CLAIM, "it", "prose").model == "*@prose"
