"""The lexical index: BM25 over two fields of every knowledge-base record, derived from the
database and stamped with the knowledge-base version it reflects.

Each record gives a *main* field (a fact-check's claim, a narrative's summary and keywords,
each followed by the record's title) and a *title* field, analysed in the record's own
language (:mod:`faro.search._analysis`). bm25s builds one BM25 score matrix per field (terms ×
records, stored column-compressed); a query adds up the posting lists of its terms into two
accumulators and keeps the best-scoring records, so its cost grows with the postings it touches, not with the size of the knowledge base.

On disk an index is a directory: the two bm25s matrices, the vocabulary, per-record arrays
(language, kind, the terms of each record) and the records' ids and texts as UTF-8 blobs that
are memory-mapped and decoded only for the candidates a query returns.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from faro._errors import SearchIndexError
from faro.search._analysis import ANALYZER_VERSION, analyze

__all__ = ["Candidates", "IndexDoc", "IndexStamp", "LexicalIndex"]

#: Bump when the files an index is made of change shape.
FORMAT: Final = 1

#: BM25 parameters, the usual ones (Lucene's defaults are k1=1.2, b=0.75). Tried on CLEF-2020
#: and CLEF-2021 dev: k1 in 0.9–1.5 and b in 0.6–0.9 moved MAP@5 of the first stage by less
#: than 0.01; the reranker absorbs the rest.
K1: Final = 1.2
B: Final = 0.75

#: Weight of the title-only field in the first-stage score. The *main* field already holds the
#: title (claim + title in one field, as the CLEF baselines do); on CLEF-2020 and -2021 dev,
#: adding the title field again on top did not help (0.3: -0.012 and -0.001 MAP@5), so the
#: first stage ranks by the main field and the title score is left to the reranker.
TITLE_WEIGHT: Final = 0.0

KIND_CODES: Final = {"factcheck": 0, "narrative": 1}
KINDS: Final = ("factcheck", "narrative")


@dataclass(frozen=True, slots=True)
class IndexStamp:
    """Which knowledge base, at which version, analysed how: an index is fresh when all match."""

    kb_uid: str
    kb_version: int
    analyzer: str = ANALYZER_VERSION
    format: int = FORMAT


@dataclass(frozen=True, slots=True)
class IndexDoc:
    id: str
    kind: str
    language: str
    main: str
    title: str


@dataclass(frozen=True, slots=True)
class Candidates:
    """The first stage's answer for one query: record positions with their field scores."""

    positions: npt.NDArray[np.int64]
    main: npt.NDArray[np.float32]
    title: npt.NDArray[np.float32]

    @property
    def scores(self) -> npt.NDArray[np.float32]:
        return self.main + np.float32(TITLE_WEIGHT) * self.title  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.positions)


class _Field:
    """One BM25 score matrix, terms × records, column-compressed (bm25s layout)."""

    __slots__ = ("data", "indices", "indptr")

    def __init__(self, data: npt.NDArray[Any], indices: npt.NDArray[Any],
                 indptr: npt.NDArray[Any]) -> None:
        self.data = data
        self.indices = indices
        self.indptr = indptr

    @classmethod
    def build(cls, docs_terms: list[list[int]], vocab: dict[str, int]) -> _Field:
        import bm25s

        model = bm25s.BM25(k1=K1, b=B, method="lucene")
        model.index((docs_terms, vocab), create_empty_token=False, show_progress=False)
        scores = model.scores
        indptr = np.asarray(scores["indptr"], dtype=np.int64)
        n_terms = len(vocab)
        if len(indptr) < n_terms + 1:  # terms that never occur in this field
            indptr = np.concatenate([indptr, np.full(n_terms + 1 - len(indptr), indptr[-1])])
        return cls(np.asarray(scores["data"], dtype=np.float32),
                   np.asarray(scores["indices"], dtype=np.int32), indptr)

    def save(self, directory: Path, name: str) -> None:
        for part in self.__slots__:
            np.save(directory / f"{name}.{part}.npy", getattr(self, part))

    @classmethod
    def load(cls, directory: Path, name: str) -> _Field:
        parts = [np.load(directory / f"{name}.{p}.npy", mmap_mode="r") for p in cls.__slots__]
        return cls(*parts)


class _Blob:
    """Many strings in one UTF-8 buffer with offsets: cheap to store, decoded on demand."""

    __slots__ = ("data", "offsets")

    def __init__(self, data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64]) -> None:
        self.data = data
        self.offsets = offsets

    @classmethod
    def build(cls, strings: Iterable[str]) -> _Blob:
        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __getitem__(self, i: int) -> str:
        return bytes(self.data[self.offsets[i]:self.offsets[i + 1]]).decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1


class LexicalIndex:
    """BM25 over the knowledge base; see the module docstring."""

    def __init__(self, *, stamp: IndexStamp, vocab: dict[str, int], main: _Field, title: _Field,
                 ids: _Blob, texts: _Blob, titles: _Blob, kinds: npt.NDArray[np.uint8],
                 lang_codes: npt.NDArray[np.uint16], languages: list[str],
                 term_indptr: npt.NDArray[np.int64], terms: npt.NDArray[np.int32],
                 idf: npt.NDArray[np.float32]) -> None:
        self.stamp = stamp
        self.vocab = vocab
        self.main = main
        self.title = title
        self.ids = ids
        self.texts = texts
        self.titles = titles
        self.kinds = kinds
        self.lang_codes = lang_codes
        self.languages = languages
        self.term_indptr = term_indptr
        self.terms = terms
        self.idf = idf
        n = len(ids)
        self._acc_main = np.zeros(n, dtype=np.float32)
        self._acc_title = np.zeros(n, dtype=np.float32)
        self._mark = np.zeros(n, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ids)

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[IndexDoc], stamp: IndexStamp) -> LexicalIndex:
        vocab: dict[str, int] = {}
        lookup = vocab.setdefault
        main_terms: list[list[int]] = []
        title_terms: list[list[int]] = []
        ids: list[str] = []
        texts: list[str] = []
        titles: list[str] = []
        kinds: list[int] = []
        lang_index: dict[str, int] = {}
        lang_codes: list[int] = []
        for doc in docs:
            m = [lookup(t, len(vocab))
                 for t in analyze(f"{doc.main}\n{doc.title}", doc.language)]
            t = [lookup(t, len(vocab)) for t in analyze(doc.title, doc.language)] \
                if doc.title else []
            main_terms.append(m)
            title_terms.append(t)
            ids.append(doc.id)
            texts.append(doc.main)
            titles.append(doc.title)
            kinds.append(KIND_CODES[doc.kind])
            lang_codes.append(lang_index.setdefault(doc.language, len(lang_index)))
        if not ids:
            raise SearchIndexError("the knowledge base is empty: nothing to index",
                                   hint="import fact-checks first: faro kb import FILE")
        main = _Field.build(main_terms, vocab)
        title = _Field.build(title_terms, vocab)
        # The distinct terms of each record, sorted, for the reranker's overlap features.
        term_sets = [np.unique(np.fromiter(m + t, dtype=np.int32, count=len(m) + len(t)))
                     for m, t in zip(main_terms, title_terms, strict=True)]
        term_indptr = np.zeros(len(term_sets) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in term_sets], out=term_indptr[1:])
        terms = np.concatenate(term_sets) if term_sets else np.zeros(0, dtype=np.int32)
        df = np.bincount(terms, minlength=len(vocab)).astype(np.float64)
        n = len(ids)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return cls(stamp=stamp, vocab=vocab, main=main, title=title, ids=_Blob.build(ids),
                   texts=_Blob.build(texts), titles=_Blob.build(titles),
                   kinds=np.asarray(kinds, dtype=np.uint8),
                   lang_codes=np.asarray(lang_codes, dtype=np.uint16),
                   languages=list(lang_index), term_indptr=term_indptr,
                   terms=terms.astype(np.int32), idf=idf)

    # -- persistence -----------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the index to ``directory`` atomically (a sibling temp dir, then a rename)."""
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".index-", dir=directory.parent))
        try:
            self.main.save(tmp, "main")
            self.title.save(tmp, "title")
            for name in ("ids", "texts", "titles"):
                blob: _Blob = getattr(self, name)
                np.save(tmp / f"{name}.data.npy", blob.data)
                np.save(tmp / f"{name}.offsets.npy", blob.offsets)
            for name in ("kinds", "lang_codes", "term_indptr", "terms", "idf"):
                np.save(tmp / f"{name}.npy", getattr(self, name))
            (tmp / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), "utf-8")
            manifest = {"stamp": asdict(self.stamp), "records": len(self),
                        "terms": len(self.vocab), "languages": self.languages}
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), "utf-8")
            old = directory.with_name(directory.name + ".old")
            if directory.exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(directory, old)
            os.replace(tmp, directory)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SearchIndexError(f"cannot write the index: {exc}", source=str(directory)) from exc

    @staticmethod
    def read_stamp(directory: Path) -> IndexStamp | None:
        """The stamp of the index in ``directory``, or ``None`` when there is no readable one."""
        try:
            manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
            return IndexStamp(**manifest["stamp"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        try:
            manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
            vocab = json.loads((directory / "vocab.json").read_text("utf-8"))

            def arr(name: str) -> Any:
                return np.load(directory / f"{name}.npy", mmap_mode="r")

            blobs = {name: _Blob(arr(f"{name}.data"), np.asarray(arr(f"{name}.offsets")))
                     for name in ("ids", "texts", "titles")}
            return cls(stamp=IndexStamp(**manifest["stamp"]), vocab=vocab,
                       main=_Field.load(directory, "main"), title=_Field.load(directory, "title"),
                       kinds=np.asarray(arr("kinds")), lang_codes=np.asarray(arr("lang_codes")),
                       languages=list(manifest["languages"]),
                       term_indptr=np.asarray(arr("term_indptr")), terms=arr("terms"),
                       idf=np.asarray(arr("idf")), **blobs)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SearchIndexError(f"cannot read the index: {exc}", source=str(directory),
                                   hint="rebuild it: faro kb reindex") from exc

    # -- querying --------------------------------------------------------------------------------

    def term_ids(self, terms: Sequence[str]) -> list[int]:
        vocab = self.vocab
        return [vocab[t] for t in terms if t in vocab]

    def candidates(self, term_ids: Sequence[int], k: int) -> Candidates:
        """The ``k`` records with the highest first-stage score for a query's term ids."""
        acc_main, acc_title = self._acc_main, self._acc_title
        touched: list[npt.NDArray[Any]] = []
        for field, acc in ((self.main, acc_main), (self.title, acc_title)):
            indptr, indices, data = field.indptr, field.indices, field.data
            for t in term_ids:
                start, end = int(indptr[t]), int(indptr[t + 1])
                if start == end:
                    continue
                docs = indices[start:end]
                acc[docs] += data[start:end]  # one posting per record: no repeats
                touched.append(docs)
        if not touched:
            empty = np.zeros(0, dtype=np.float32)
            return Candidates(np.zeros(0, dtype=np.int64), empty, empty)
        every = np.concatenate(touched)
        # One entry per record: the last write into _mark wins, and only that entry keeps it.
        order = np.arange(len(every), dtype=np.int64)
        self._mark[every] = order
        docs = every[self._mark[every] == order]
        main, title = acc_main[docs], acc_title[docs]
        acc_main[every] = 0.0
        acc_title[every] = 0.0
        scores = main + np.float32(TITLE_WEIGHT) * title
        if len(docs) > k:
            top = np.argpartition(-scores, k - 1)[:k]
            docs, main, title, scores = docs[top], main[top], title[top], scores[top]
        order = np.argsort(-scores, kind="stable")
        return Candidates(docs[order].astype(np.int64), main[order], title[order])

    def record_terms(self, position: int) -> npt.NDArray[np.int32]:
        return self.terms[self.term_indptr[position]:self.term_indptr[position + 1]]  # type: ignore[no-any-return]

    def language(self, position: int) -> str:
        return self.languages[int(self.lang_codes[position])]

    def kind(self, position: int) -> str:
        return KINDS[int(self.kinds[position])]


def idf_weight(n_docs: int, df: int) -> float:
    """BM25's idf (Lucene form), for callers that weigh terms the way the index does."""
    return math.log1p((n_docs - df + 0.5) / (df + 0.5))
