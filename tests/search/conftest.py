"""Fixtures of the search tests: a deterministic stand-in encoder, and a tiny
sentence-transformers model built here (no network) for the tests that need the ``neural``
extra."""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from faro.search._dense import DenseEncoder

# Nothing is ever fetched: huggingface_hub reads these when it is first imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

WORDS = ("vaccines cause autism in children five g towers spread the coronavirus moon landing "
         "was staged studio nato prepares war against russia water cures cancer bill gates "
         "microchips election fraud votes stolen").split()



class HashEncoder:
    """A deterministic stand-in: each word adds a fixed pseudo-random vector."""

    def __init__(self, name: str = "hash-encoder", dim: int = 16) -> None:
        self.name = name
        self.dim = dim

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                out[i] += np.random.default_rng(seed).standard_normal(self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms > 0, norms, 1.0)).astype(np.float32)


# -- a tiny sentence-transformers model ----------------------------------------------------------


def _st_modules() -> Any:
    # sentence-transformers 6 moved the modules and warns about the old import path.
    try:
        return importlib.import_module("sentence_transformers.sentence_transformer.modules")
    except ImportError:
        return importlib.import_module("sentence_transformers.models")


@pytest.fixture(scope="session")
def sentence_transformers() -> Any:
    """The ``neural`` extra's library: tests that need it skip without it, except in CI, where
    .ci/run installs it and they fail instead."""
    if os.environ.get("CI") == "true":
        return importlib.import_module("sentence_transformers")
    return pytest.importorskip("sentence_transformers",
                               reason="sentence-transformers (the `neural` extra) is not "
                                      "installed")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, sentence_transformers: Any) -> Path:
    """A 2-layer BERT (hidden 32) with seeded random weights, a WordPiece vocabulary of the
    test's words, mean pooling and normalisation, saved as a sentence-transformers model."""
    st = sentence_transformers
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    root = tmp_path_factory.mktemp("tiny-st")
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(WORDS)), *chars,
             *(f"##{c}" for c in chars)]
    torch.manual_seed(1234)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    bert_dir = root / "bert"
    BertModel(config).save_pretrained(bert_dir)
    (bert_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", "utf-8")
    # The tokenizer's constructor changed in transformers 5 (vocab_file -> vocab); loading it
    # from the model's directory reads vocab.txt in both.
    AutoTokenizer.from_pretrained(str(bert_dir), do_lower_case=True,
                                  local_files_only=True).save_pretrained(str(bert_dir))
    modules = _st_modules()
    model = st.SentenceTransformer(modules=[modules.Transformer(str(bert_dir), max_seq_length=64),
                                            modules.Pooling(32, pooling_mode="mean"),
                                            modules.Normalize()], device="cpu")
    target = root / "model"
    model.save(str(target))
    return target


@pytest.fixture(scope="session")
def encoder(tiny_model: Path) -> DenseEncoder:
    return DenseEncoder(tiny_model)


@pytest.fixture(scope="session")
def hash_encoder_type() -> type[HashEncoder]:
    """The stand-in encoder's class (tests subclass it or name their instances)."""
    return HashEncoder

