"""The optional dense encoder (the ``neural`` extra) and the record embeddings it produces.

:class:`DenseEncoder` wraps a sentence-transformers model named by the ``encoder`` setting: a
local model directory, or a hub name already in the Hugging Face cache. It is loaded on first
use, on the CPU, and never downloads (``local_files_only``): faro fetches nothing at run time.

:class:`DenseIndex` keeps one vector per knowledge-base record, row ``i`` for the lexical index's
record ``i``, in a directory of its own (:func:`dense_dir`: beside the lexical index, so that a
forced lexical rebuild does not throw away hours of encoding). Its manifest names the model and
the lexical stamp the vectors belong to; vectors made by another model or for another version of
the knowledge base are *stale* and never used (:meth:`DenseIndex.load` answers ``None`` and
:func:`stale_reason` says why, so the caller rebuilds them). The matrix is memory-mapped; exact
top-k over all records multiplies it by the query block by block, so its only temporaries are
one block in float32 and one score per record.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from faro._errors import ConfigError, SearchIndexError
from faro.search._index import IndexStamp

__all__ = ["DenseEncoder", "DenseIndex", "Encoder", "dense_dir", "stale_reason"]

#: Bump when the files a dense index is made of change shape.
FORMAT: Final = 1

INSTALL_HINT: Final = "pip install 'faro[neural]'"

#: Threads torch may use while encoding, unless told otherwise. One: results and timings do not
#: depend on the machine, and several faro processes (server workers, Spark executors, test
#: workers) never oversubscribe the cores. Encoding a whole knowledge base is the one place
#: worth more: pass ``threads=os.cpu_count()`` there. torch's setting is process-wide.
DEFAULT_THREADS: Final = 1

#: Rows multiplied at a time by :meth:`DenseIndex.top_k`: a float32 copy of 16k × 384 is 25 MB.
BLOCK_ROWS: Final = 16_384

#: Texts handed to the encoder at a time when building, between progress reports.
BUILD_CHUNK: Final = 4_096

_VECTORS = "embeddings.npy"
_MANIFEST = "manifest.json"


class Encoder(Protocol):
    """What :class:`DenseIndex` needs of an encoder (a test double can stand in for it)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]: ...


class DenseEncoder:
    """A sentence-transformers model, loaded lazily on the CPU from a path or a cached hub name.

    ``threads`` is handed to ``torch.set_num_threads`` before every encoding (``None``: leave
    torch's own setting). Loading fails with :class:`~faro.ConfigError` (F800) — the ``encoder``
    setting names something this install cannot use — when the ``neural`` extra is missing or
    the model cannot be loaded offline.
    """

    def __init__(self, model: str | os.PathLike[str], *,
                 threads: int | None = DEFAULT_THREADS) -> None:
        name = os.fspath(model).strip()
        if not name:
            raise ValueError("model must name a model directory or a hub name, got ''")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        self._name = name
        self.threads = threads
        self._model: Any = None
        self._dim: int | None = None

    def __repr__(self) -> str:
        return f"DenseEncoder({self._name!r}, threads={self.threads})"

    @property
    def name(self) -> str:
        """The model as the setting names it; dense indexes are stamped with it."""
        return self._name

    @property
    def dim(self) -> int:
        """Length of the vectors (loads the model)."""
        self.load()
        assert self._dim is not None
        return self._dim

    def load(self) -> None:
        """Load the model now rather than on first use (to fail early)."""
        if self._model is not None:
            return
        try:
            st = importlib.import_module("sentence_transformers")
            torch = importlib.import_module("torch")
        except ImportError as exc:
            raise ConfigError(
                f"the dense encoder needs sentence-transformers (the `neural` extra): {exc}",
                source=self._name, hint=INSTALL_HINT) from exc
        path = Path(self._name).expanduser()
        if _looks_like_path(self._name) and not path.exists():
            raise ConfigError(
                "no model directory here", source=self._name,
                hint="set `encoder` to a sentence-transformers model directory, or to a hub "
                     "name already in the Hugging Face cache")
        self._set_threads(torch)
        target = str(path) if path.exists() else self._name
        try:
            with _quiet_transformers():
                model = st.SentenceTransformer(target, device="cpu", local_files_only=True)
        except Exception as exc:  # whatever the loader raises, it is one condition to us
            raise ConfigError(
                f"cannot load the encoder model offline: {type(exc).__name__}: {exc}",
                source=self._name,
                hint="faro never downloads models: set `encoder` to a local "
                     "sentence-transformers model directory, or fetch the hub model into the "
                     f"Hugging Face cache first; the extra: {INSTALL_HINT}") from exc
        self._model = model
        self._dim = _model_dim(model)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
        """The L2-normalised vectors of ``texts``, float32, shape ``(len(texts), dim)``."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one string")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.load()
        assert self._dim is not None
        if len(texts) == 0:
            return np.zeros((0, self._dim), dtype=np.float32)
        self._set_threads(importlib.import_module("torch"))
        raw = self._model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)
        return _normalised(np.asarray(raw, dtype=np.float32).reshape(len(texts), self._dim))

    def _set_threads(self, torch: Any) -> None:
        if self.threads is not None and torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    """Load without transformers' progress bars and load reports on the terminal (they would
    interleave with faro's own output); its settings are restored afterwards."""
    try:
        tlog = importlib.import_module("transformers.utils.logging")
    except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
        yield
        return
    verbosity, bars = tlog.get_verbosity(), tlog.is_progress_bar_enabled()
    tlog.set_verbosity_error()
    tlog.disable_progress_bar()
    try:
        yield
    finally:
        tlog.set_verbosity(verbosity)
        if bars:
            tlog.enable_progress_bar()


def _looks_like_path(name: str) -> bool:
    """Whether ``name`` is meant as a directory rather than a hub name (``org/model``)."""
    return name.startswith(("/", "./", "../", "~", ".\\", "..\\")) or os.path.isabs(name)


def _model_dim(model: Any) -> int:
    # sentence-transformers renamed the method in 6.0 and warns about the old name.
    method = getattr(model, "get_embedding_dimension", None) or \
        model.get_sentence_embedding_dimension
    dim = method()
    if dim is None:  # no pooling module declares it: ask the model
        dim = np.asarray(model.encode(["."], convert_to_numpy=True)).shape[-1]
    return int(dim)


def _normalised(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = np.divide(vectors, norms, out=np.zeros_like(vectors),
                                                where=norms > 0)
    return result


# -- the record embeddings ---------------------------------------------------------------------


def dense_dir(index_dir: Path) -> Path:
    """Where the vectors of the lexical index in ``index_dir`` are kept: a sibling directory."""
    return index_dir.with_name(index_dir.name + ".dense")


def _read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((directory / _MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def stale_reason(directory: Path, *, model: str, stamp: IndexStamp) -> str | None:
    """Why the vectors in ``directory`` cannot serve ``model`` over the lexical index stamped
    ``stamp`` (``None``: they can)."""
    manifest = _read_manifest(directory)
    if manifest is None:
        return "no record vectors yet"
    if manifest.get("format") != FORMAT:
        return "record vectors written by a different faro (format changed)"
    if manifest.get("model") != model:
        return f"record vectors made by model {manifest.get('model')!r}, the encoder is {model!r}"
    if manifest.get("lexical") != asdict(stamp):
        return "record vectors made for another version of the knowledge base"
    return None


class DenseIndex:
    """One L2-normalised vector per record of a lexical index; see the module docstring."""

    def __init__(self, vectors: npt.NDArray[np.floating[Any]], *, model: str,
                 stamp: IndexStamp) -> None:
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be a matrix (records × dim), got shape "
                             f"{vectors.shape}")
        self.vectors = vectors
        self.model = model
        self.stamp = stamp

    def __len__(self) -> int:
        return int(self.vectors.shape[0])

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    # -- building and persistence ------------------------------------------------------------

    @classmethod
    def build(cls, encoder: Encoder, texts: Sequence[str], stamp: IndexStamp, directory: Path,
              *, dtype: type[np.floating[Any]] = np.float16, batch_size: int = 64,
              progress: Callable[[int], None] | None = None) -> DenseIndex:
        """Encode ``texts`` (record ``i``'s text at ``i``) and write the vectors to
        ``directory`` atomically, then open them as :meth:`load` does. The matrix is written
        straight into a memory-mapped file, chunk by chunk, so building never holds more than
        a chunk of vectors beside it; ``progress`` is called with the records done so far.

        float16 (the default) halves the disk and page cache the vectors take, at a cost of
        about 1e-3 in a cosine."""
        if np.dtype(dtype) not in (np.dtype(np.float16), np.dtype(np.float32)):
            raise ValueError(f"dtype must be float16 or float32, got {np.dtype(dtype)}")
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".dense-", dir=directory.parent))
        try:
            n, dim = len(texts), encoder.dim
            out = np.lib.format.open_memmap(tmp / _VECTORS, mode="w+", dtype=dtype,
                                            shape=(n, dim))
            for start in range(0, n, BUILD_CHUNK):
                chunk = encoder.encode(texts[start:start + BUILD_CHUNK], batch_size=batch_size)
                if chunk.shape != (min(BUILD_CHUNK, n - start), dim):
                    raise SearchIndexError(
                        f"the encoder returned vectors of shape {chunk.shape} for "
                        f"{min(BUILD_CHUNK, n - start)} texts of dimension {dim}",
                        source=encoder.name)
                out[start:start + len(chunk)] = chunk
                if progress is not None:
                    progress(start + len(chunk))
            out.flush()
            del out
            manifest = {"format": FORMAT, "model": encoder.name, "dim": dim, "records": n,
                        "dtype": np.dtype(dtype).name, "lexical": asdict(stamp)}
            (tmp / _MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
            _replace_dir(tmp, directory)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SearchIndexError(f"cannot write the record vectors: {exc}",
                                   source=str(directory)) from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        loaded = cls.load(directory, model=encoder.name, stamp=stamp)
        assert loaded is not None
        return loaded

    @classmethod
    def load(cls, directory: Path, *, model: str, stamp: IndexStamp) -> DenseIndex | None:
        """The vectors in ``directory``, memory-mapped, when they were made by ``model`` for
        the lexical index stamped ``stamp``; ``None`` when there are none or they are stale
        (:func:`stale_reason` says which). A fresh manifest over a matrix that cannot be read
        or has the wrong shape raises :class:`~faro.SearchIndexError`."""
        if stale_reason(directory, model=model, stamp=stamp) is not None:
            return None
        manifest = _read_manifest(directory)
        assert manifest is not None
        try:
            vectors = np.load(directory / _VECTORS, mmap_mode="r")
        except (OSError, ValueError) as exc:
            raise SearchIndexError(f"cannot read the record vectors: {exc}",
                                   source=str(directory), hint="rebuild them: faro kb reindex"
                                   ) from exc
        expected = (manifest.get("records"), manifest.get("dim"))
        if vectors.ndim != 2 or vectors.shape != expected or \
                vectors.dtype not in (np.float16, np.float32):
            raise SearchIndexError(
                f"the record vectors have shape {vectors.shape} and type {vectors.dtype}, the "
                f"manifest says {expected}", source=str(directory),
                hint="rebuild them: faro kb reindex")
        return cls(vectors, model=model, stamp=stamp)

    # -- querying ------------------------------------------------------------------------------

    def _query(self, query_vec: npt.ArrayLike) -> npt.NDArray[np.float32]:
        q = np.asarray(query_vec, dtype=np.float32)
        if q.ndim == 2 and q.shape[0] == 1:
            q = q[0]
        if q.shape != (self.dim,):
            raise ValueError(f"query vector must have shape ({self.dim},), got {q.shape}")
        return q

    def scores_for(self, query_vec: npt.ArrayLike,
                   positions: npt.ArrayLike) -> npt.NDArray[np.float32]:
        """Cosine of the (normalised) query vector with the records at ``positions``."""
        q = self._query(query_vec)
        pos = np.asarray(positions, dtype=np.int64)
        if len(pos) == 0:
            return np.zeros(0, dtype=np.float32)
        rows = np.asarray(self.vectors[pos], dtype=np.float32)
        result: npt.NDArray[np.float32] = rows @ q
        return result

    def top_k(self, query_vec: npt.ArrayLike, k: int, *, block: int = BLOCK_ROWS,
              ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The ``k`` records most similar to the query, exactly: positions and cosines, best
        first (ties by position)."""
        if block < 1:
            raise ValueError(f"block must be at least 1, got {block}")
        q = self._query(query_vec)
        n = len(self)
        k = min(k, n)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = np.empty(n, dtype=np.float32)
        for start in range(0, n, block):
            rows = np.asarray(self.vectors[start:start + block], dtype=np.float32)
            np.matmul(rows, q, out=scores[start:start + len(rows)])
        top = np.argpartition(-scores, k - 1)[:k] if k < n else np.arange(n, dtype=np.int64)
        order = np.lexsort((top, -scores[top]))
        best = top[order].astype(np.int64)
        return best, scores[best]


def _replace_dir(new: Path, directory: Path) -> None:
    old = directory.with_name(directory.name + ".old")
    if directory.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(directory, old)
    os.replace(new, directory)
    shutil.rmtree(old, ignore_errors=True)
