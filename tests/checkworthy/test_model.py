from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

import faro.checkworthy
from faro._errors import EmptyInputError, MalformedRecordError, UnknownLanguageError
from faro.checkworthy import MAX_CHARS, POOLED, CheckworthyModel, default_model
from faro.checkworthy._features import dimension, featurize

CLAIM = "Unemployment fell to 3.5% in 2019, the lowest rate in 50 years, Obama said."
CHAT = "Good evening, and thank you all for being here tonight!"


def test_public_surface() -> None:
    assert sorted(faro.checkworthy.__all__) == sorted(
        ["EVIDENCE", "MAX_CHARS", "POOLED", "SCORER_NAME", "CheckworthyModel", "Scored",
         "default_model"])


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


def test_very_long_text_costs_no_more_than_its_first_characters() -> None:
    long = CLAIM * 50_000
    started = time.perf_counter()
    scored = default_model().score(long, "en")
    assert time.perf_counter() - started < 1.0
    assert scored.probability == pytest.approx(
        default_model().score(long[:MAX_CHARS], "en").probability)


def test_mixed_scripts_are_scored() -> None:
    scored = default_model().score("COVID-19 لقاح 95% эффективен according to Pfizer", "ar")
    assert 0.0 < scored.probability < 1.0 and "percent" in scored.evidence


def test_features_are_deterministic_and_bounded() -> None:
    first, second = featurize(CLAIM, "en"), featurize(CLAIM, "en")
    assert np.array_equal(first.indices, second.indices)
    assert first.indices.max() < dimension() and first.indices.min() >= 0


def test_save_and_load(tmp_path: Path) -> None:
    model = CheckworthyModel({POOLED: np.ones(dimension(), np.float32) * 0.01}, {POOLED: -1.0},
                             {"date": "today"})
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = CheckworthyModel.load(path)
    assert loaded.trained == {"date": "today"}
    assert loaded.score(CLAIM, "en").probability == pytest.approx(
        model.score(CLAIM, "en").probability)


def test_a_broken_model_file(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(MalformedRecordError):
        CheckworthyModel.load(path)


def test_the_shipped_model_is_small() -> None:
    shipped = Path(faro.checkworthy.__file__).parents[1] / "resources" / "models"
    assert (shipped / "checkworthy.npz").stat().st_size <= 25 * 1024 * 1024
    assert (shipped / "checkworthy.md").is_file()
