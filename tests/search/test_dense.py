"""The dense encoder and the record vectors: a tiny sentence-transformers model built here (no
network), exact top-k against brute force, staleness, and the errors of a missing extra or
model. The tests of :class:`DenseIndex` use a numpy stand-in encoder and run without the
``neural`` extra; those of :class:`DenseEncoder` skip when sentence-transformers is absent."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from faro import ConfigError, SearchIndexError
from faro.search import IndexStamp
from faro.search._dense import DenseEncoder, DenseIndex, dense_dir, stale_reason

# Nothing is ever fetched: huggingface_hub reads these when it is first imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

STAMP = IndexStamp("kb-uid", 7)
TEXTS = ["vaccines cause autism in children", "5G towers spread the coronavirus",
         "the moon landing was staged in a studio", "NATO prepares a war against Russia",
         "water cures cancer", "Bill Gates puts microchips in vaccines",
         "votes were stolen in the election", "vaccines cause autism in children"]


def test_vectors_have_the_model_dimension_and_unit_length(encoder: DenseEncoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert encoder.dim == 32
    assert vectors.shape == (len(TEXTS), 32)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 32)


def test_encoding_is_deterministic(tiny_model: Path, encoder: DenseEncoder) -> None:
    first = encoder.encode(TEXTS, batch_size=3)
    again = DenseEncoder(tiny_model).encode(TEXTS, batch_size=3)
    assert np.array_equal(first, again)
    # Another batching pads differently; the attention mask keeps the result the same.
    assert np.allclose(first, encoder.encode(TEXTS, batch_size=64), atol=1e-5)


def test_identical_texts_have_cosine_one(encoder: DenseEncoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert float(vectors[0] @ vectors[-1]) == pytest.approx(1.0, abs=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.99


def test_threads_are_set_for_torch(tiny_model: Path) -> None:
    import torch

    before = torch.get_num_threads()
    try:
        DenseEncoder(tiny_model, threads=2).encode(["water"])
        assert torch.get_num_threads() == 2
        DenseEncoder(tiny_model, threads=1).encode(["water"])
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_real_model_vectors_rank_like_brute_force(encoder: DenseEncoder, tmp_path: Path) -> None:
    index = DenseIndex.build(encoder, TEXTS, STAMP, tmp_path / "d", dtype=np.float32)
    query = encoder.encode(["do vaccines cause autism"])[0]
    expected = encoder.encode(TEXTS) @ query
    positions, scores = index.top_k(query, 3)
    assert list(positions) == list(np.lexsort((np.arange(len(TEXTS)), -expected))[:3])
    assert np.allclose(scores, expected[positions], atol=1e-5)


@pytest.mark.usefixtures("sentence_transformers")
def test_a_missing_model_directory_is_a_config_error(tmp_path: Path) -> None:
    encoder = DenseEncoder(tmp_path / "no-such-model")
    with pytest.raises(ConfigError, match="no model directory") as info:
        encoder.encode(["text"])
    assert info.value.code == "F800"
    assert info.value.source == str(tmp_path / "no-such-model")


@pytest.mark.usefixtures("sentence_transformers")
def test_a_hub_name_not_in_the_cache_is_not_downloaded() -> None:
    with pytest.raises(ConfigError, match="cannot load the encoder model offline") as info:
        DenseEncoder("faro-tests/no-such-model").load()
    assert "faro never downloads" in str(info.value)


@pytest.mark.usefixtures("sentence_transformers")
def test_a_directory_that_is_not_a_model_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "config.json").write_text("{not json", "utf-8")
    with pytest.raises(ConfigError, match="cannot load the encoder model offline"):
        DenseEncoder(tmp_path / "junk").load()


def test_without_the_neural_extra_the_error_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    encoder = DenseEncoder("sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(ConfigError, match="neural") as info:
        _ = encoder.dim
    assert info.value.code == "F800"
    assert info.value.hint == "pip install 'faro[neural]'"


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="model"):
        DenseEncoder("  ")
    with pytest.raises(ValueError, match="threads"):
        DenseEncoder("x", threads=0)
    with pytest.raises(TypeError, match="sequence of texts"):
        DenseEncoder("x").encode("one string")


# -- the record vectors (no neural extra needed) -------------------------------------------------


@pytest.fixture
def vectors() -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(7)
    raw = rng.standard_normal((1000, 24)).astype(np.float32)
    raw /= np.linalg.norm(raw, axis=1, keepdims=True)
    return raw


class ArrayEncoder:
    """Hands out rows of a fixed matrix, in order, as if it had encoded the texts."""

    def __init__(self, rows: npt.NDArray[np.float32], name: str = "array-encoder") -> None:
        self.rows = rows
        self.name = name
        self.dim = rows.shape[1]
        self.done = 0

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
        out = self.rows[self.done:self.done + len(texts)]
        self.done += len(texts)
        return np.asarray(out, dtype=np.float32)


def _build(vectors: npt.NDArray[np.float32], directory: Path,
           dtype: type[np.floating[Any]] = np.float32) -> DenseIndex:
    texts = [f"record {i}" for i in range(len(vectors))]
    return DenseIndex.build(ArrayEncoder(vectors), texts, STAMP, directory, dtype=dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_top_k_and_scores_for_equal_brute_force(
        vectors: npt.NDArray[np.float32], tmp_path: Path, dtype: type[np.floating[Any]]) -> None:
    index = _build(vectors, tmp_path / "d", dtype)
    assert isinstance(index.vectors, np.memmap)
    stored = np.asarray(index.vectors, dtype=np.float32)
    assert np.allclose(stored, vectors, atol=1e-3)
    rng = np.random.default_rng(3)
    for _ in range(5):
        q = rng.standard_normal(24).astype(np.float32)
        q /= np.linalg.norm(q)
        expected = stored @ q
        best = np.lexsort((np.arange(len(vectors)), -expected))
        for k, block in [(10, 64), (10, 1000), (1, 7), (1000, 333), (5000, 100)]:
            positions, scores = index.top_k(q, k, block=block)
            assert list(positions) == list(best[:k])
            assert np.allclose(scores, expected[best[:k]], atol=1e-6)
        chosen = rng.choice(len(vectors), 50, replace=False)
        assert np.allclose(index.scores_for(q, chosen), expected[chosen], atol=1e-6)
    assert index.scores_for(q, np.zeros(0, dtype=np.int64)).shape == (0,)


def test_a_record_identical_to_the_query_comes_first(
        tmp_path: Path, hash_encoder_type: type[Any]) -> None:
    encoder = hash_encoder_type()
    index = DenseIndex.build(encoder, TEXTS[:-1], STAMP, tmp_path / "d")
    positions, scores = index.top_k(encoder.encode([TEXTS[3]])[0], 3)
    assert positions[0] == 3
    assert scores[0] == pytest.approx(1.0, abs=2e-3)  # float16 storage


def test_stale_vectors_are_refused(vectors: npt.NDArray[np.float32], tmp_path: Path) -> None:
    directory = tmp_path / "d"
    assert DenseIndex.load(directory, model="array-encoder", stamp=STAMP) is None
    assert stale_reason(directory, model="array-encoder", stamp=STAMP) == "no record vectors yet"
    _build(vectors, directory)
    assert DenseIndex.load(directory, model="array-encoder", stamp=STAMP) is not None
    assert stale_reason(directory, model="array-encoder", stamp=STAMP) is None
    newer = IndexStamp("kb-uid", 8)
    other_kb = IndexStamp("other-uid", 7)
    other_analyzer = IndexStamp("kb-uid", 7, analyzer="older")
    for model, stamp in [("another-model", STAMP), ("array-encoder", newer),
                         ("array-encoder", other_kb), ("array-encoder", other_analyzer)]:
        assert DenseIndex.load(directory, model=model, stamp=stamp) is None
        assert stale_reason(directory, model=model, stamp=stamp) is not None
    assert "another-model" in str(stale_reason(directory, model="another-model", stamp=STAMP))


def test_rebuilding_replaces_the_vectors(vectors: npt.NDArray[np.float32], tmp_path: Path) -> None:
    directory = tmp_path / "d"
    _build(vectors, directory)
    again = DenseIndex.build(ArrayEncoder(vectors[:10], name="m2"), TEXTS[:0] + ["x"] * 10,
                             IndexStamp("kb-uid", 8), directory)
    assert len(again) == 10
    assert DenseIndex.load(directory, model="array-encoder", stamp=STAMP) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]  # no temporary left behind


def test_a_damaged_matrix_is_an_index_error(vectors: npt.NDArray[np.float32],
                                            tmp_path: Path) -> None:
    directory = tmp_path / "d"
    _build(vectors, directory)
    np.save(directory / "embeddings.npy", vectors[:5])
    with pytest.raises(SearchIndexError, match="shape") as info:
        DenseIndex.load(directory, model="array-encoder", stamp=STAMP)
    assert info.value.code == "F310"
    (directory / "embeddings.npy").write_bytes(b"not a numpy file")
    with pytest.raises(SearchIndexError, match="cannot read"):
        DenseIndex.load(directory, model="array-encoder", stamp=STAMP)


def test_an_encoder_returning_the_wrong_shape_leaves_nothing_behind(
        tmp_path: Path, hash_encoder_type: type[Any]) -> None:
    class Broken(hash_encoder_type):  # type: ignore[misc,valid-type]
        def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
            return super().encode(texts)[:, :3]

    with pytest.raises(SearchIndexError, match="shape"):
        DenseIndex.build(Broken(), TEXTS, STAMP, tmp_path / "d")
    assert list(tmp_path.iterdir()) == []


def test_queries_of_the_wrong_size_are_refused(vectors: npt.NDArray[np.float32],
                                               tmp_path: Path) -> None:
    index = _build(vectors, tmp_path / "d")
    with pytest.raises(ValueError, match="shape"):
        index.top_k(np.ones(5), 3)
    assert len(index.top_k(vectors[:1], 3)[0]) == 3  # a (1, dim) row is accepted
    assert len(index.top_k(vectors[0], 0)[0]) == 0


def test_the_vectors_live_beside_the_lexical_index(tmp_path: Path) -> None:
    assert dense_dir(tmp_path / "index" / "uid") == tmp_path / "index" / "uid.dense"
