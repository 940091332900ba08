"""The lexical index: BM25 over two fields of every knowledge-base record, derived from the
database and stamped with the knowledge-base version it reflects.

Each record gives a *main* field (a fact-check's claim, a narrative's summary and keywords,
each followed by the record's title) and a *title* field, analysed in the record's own
language (:mod:`faro.search._analysis`). Each field is one BM25 weight matrix (terms ×
records, column-compressed, the layout bm25s uses), built in a few vectorised numpy passes
(bm25s's own builder counts terms record by record in Python, 3× slower at 100k records); a
query adds up the posting lists of its terms into two accumulators and keeps the best-scoring
records, so its cost grows with the postings it touches, not with the size of the knowledge
base.

On disk an index is a directory: the two weight matrices, the vocabulary, per-record arrays
(language, kind, the terms of each record) and the records' ids and texts as UTF-8 blobs that
are memory-mapped and decoded only for the candidates a query returns.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from array import array
from collections import defaultdict
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
FORMAT: Final = 3

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

#: Postings read per query term, highest weights first. A term in more records than this is a
#: common word whose low-weight postings rarely decide the top candidates; reading only its
#: best ones bounds a query's cost as the knowledge base grows. Measured on a 1M-record
#: knowledge base of recombined CLEF claims: see docs/matching.md (no effect below 50k records
#: per term, so none at all on the CLEF sets themselves).
POSTINGS_CAP: Final = 50_000

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
        return self.main + np.float32(TITLE_WEIGHT) * self.title

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
    def build(cls, flat: npt.NDArray[np.int32], lengths: npt.NDArray[np.int64],
              n_terms: int) -> tuple[_Field, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """BM25 weights of every (term, record) pair, from all records' terms laid end to end
        (``flat``) and their counts per record (``lengths``). Lucene's variant, as bm25s's
        ``method="lucene"`` computes it (a test holds the two equal): idf = ln(1 + (N - df +
        0.5) / (df + 0.5)), weight = idf · tf / (tf + k1 · (1 - b + b · |d| / avgdl)).

        Also returns the distinct (record, term) pairs, sorted by record then term."""
        n_docs = len(lengths)
        docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        pairs, tf = np.unique(docs * n_terms + flat, return_counts=True)
        doc_of, term_of = pairs // n_terms, pairs % n_terms
        df = np.bincount(term_of, minlength=n_terms)
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        avgdl = max(float(lengths.mean()) if n_docs else 0.0, 1e-9)
        norm = K1 * (1.0 - B + B * lengths / avgdl)
        weight = (idf[term_of] * tf / (tf + norm[doc_of])).astype(np.float32)
        # Postings of a term in impact order (highest weight first), so a query can stop early
        # on very common terms (see POSTINGS_CAP): one sort on (term, 16-bit rank of weight).
        top = float(weight.max()) if len(weight) else 1.0
        rank = np.uint64(65535) - (weight / (top or 1.0) * 65535).astype(np.uint64)
        order = np.argsort((term_of.astype(np.uint64) << np.uint64(16)) | rank)
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        return cls(weight[order], doc_of[order].astype(np.int32), indptr), doc_of, term_of

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

    def __getitem__(self, i: int) -> str:
        return bytes(self.data[self.offsets[i]:self.offsets[i + 1]]).decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1


class _BlobWriter:
    """Builds a :class:`_Blob` one string at a time, without keeping the strings."""

    __slots__ = ("data", "offsets")

    def __init__(self) -> None:
        self.data = bytearray()
        self.offsets = array("q", [0])

    def add(self, text: str) -> None:
        self.data += text.encode("utf-8")
        self.offsets.append(len(self.data))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def blob(self) -> _Blob:
        return _Blob(np.frombuffer(bytes(self.data), dtype=np.uint8),
                     np.frombuffer(self.offsets, dtype=np.int64).copy())


class LexicalIndex:
    """BM25 over the knowledge base; see the module docstring."""

    def __init__(self, *, stamp: IndexStamp, vocab: dict[str, int], main: _Field, title: _Field,
                 ids: _Blob, texts: _Blob, titles: _Blob, kinds: npt.NDArray[np.uint8],
                 lang_codes: npt.NDArray[np.uint16], languages: list[str],
                 term_indptr: npt.NDArray[np.int64], terms: npt.NDArray[np.int32],
                 seq_indptr: npt.NDArray[np.int64], seq: npt.NDArray[np.int32],
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
        self.seq_indptr = seq_indptr
        self.seq = seq
        self.idf = idf
        n = len(ids)
        #: Which terms are numbers (the analysis keeps numbers whole), for number agreement.
        self.numeric_terms = np.zeros(len(vocab), dtype=bool)
        self.numeric_terms[[i for t, i in vocab.items() if t.isdigit()]] = True
        self._acc_main = np.zeros(n, dtype=np.float32)
        self._acc_title = np.zeros(n, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[IndexDoc], stamp: IndexStamp) -> LexicalIndex:
        vocab: defaultdict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__  # a new term gets the next id
        main_flat, main_len = array("i"), array("q")
        title_flat, title_len = array("i"), array("q")
        ids, texts, titles = _BlobWriter(), _BlobWriter(), _BlobWriter()
        kinds = array("B")
        lang_index: dict[str, int] = {}
        lang_codes = array("H")
        for doc in docs:
            title_ids = [vocab[t] for t in analyze(doc.title, doc.language)] if doc.title else []
            main_ids = [vocab[t] for t in analyze(doc.main, doc.language)]
            main_ids += title_ids
            main_flat.extend(main_ids)
            main_len.append(len(main_ids))
            title_flat.extend(title_ids)
            title_len.append(len(title_ids))
            ids.add(doc.id)
            texts.add(doc.main)
            titles.add(doc.title)
            kinds.append(KIND_CODES[doc.kind])
            lang_codes.append(lang_index.setdefault(doc.language, len(lang_index)))
        if not len(ids):
            raise SearchIndexError("the knowledge base is empty: nothing to index",
                                   hint="import fact-checks first: faro kb import FILE")
        n_terms = len(vocab)
        seq = np.frombuffer(main_flat, dtype=np.int32)
        seq_len = np.frombuffer(main_len, dtype=np.int64)
        main, doc_of, term_of = _Field.build(seq, seq_len, n_terms)
        seq_indptr = np.zeros(len(seq_len) + 1, dtype=np.int64)
        np.cumsum(seq_len, out=seq_indptr[1:])
        title, _, _ = _Field.build(np.frombuffer(title_flat, dtype=np.int32),
                                   np.frombuffer(title_len, dtype=np.int64), n_terms)
        n = len(ids)
        # The distinct terms of each record (the main field holds the title too), for the
        # reranker's overlap features: already sorted by record, then term.
        term_indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc_of, minlength=n), out=term_indptr[1:])
        df = np.bincount(term_of, minlength=n_terms).astype(np.float64)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return cls(stamp=stamp, vocab=dict(vocab), main=main, title=title, ids=ids.blob(),
                   texts=texts.blob(), titles=titles.blob(),
                   kinds=np.frombuffer(kinds, dtype=np.uint8).copy(),
                   lang_codes=np.frombuffer(lang_codes, dtype=np.uint16).copy(),
                   languages=list(lang_index), term_indptr=term_indptr,
                   terms=term_of.astype(np.int32), seq_indptr=seq_indptr, seq=seq.copy(),
                   idf=idf)

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
            for name in ("kinds", "lang_codes", "term_indptr", "terms", "seq_indptr", "seq",
                         "idf"):
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
                       seq_indptr=np.asarray(arr("seq_indptr")), seq=arr("seq"),
                       idf=np.asarray(arr("idf")), **blobs)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SearchIndexError(f"cannot read the index: {exc}", source=str(directory),
                                   hint="rebuild it: faro kb reindex") from exc

    # -- querying --------------------------------------------------------------------------------

    def term_ids(self, terms: Sequence[str]) -> list[int]:
        vocab = self.vocab
        return [vocab[t] for t in terms if t in vocab]

    def candidates(self, term_ids: Sequence[int], k: int,
                   cap: int | None = POSTINGS_CAP) -> Candidates:
        """The ``k`` records with the highest first-stage score for a query's term ids,
        reading at most ``cap`` postings per term (its highest-weighted ones; ``None``: all)."""
        acc_main, acc_title = self._acc_main, self._acc_title
        for field, acc in ((self.main, acc_main), (self.title, acc_title)):
            indptr, indices, data = field.indptr, field.indices, field.data
            for t in term_ids:
                start, end = int(indptr[t]), int(indptr[t + 1])
                if cap is not None and end - start > cap:
                    end = start + cap
                if start < end:
                    acc[indices[start:end]] += data[start:end]  # one posting per record
        # Every record a term touched has a positive score in one of the accumulators (BM25
        # weights are positive); the title holds no term the main field lacks.
        docs = np.flatnonzero(acc_main)
        main, title = acc_main[docs], acc_title[docs]
        acc_main.fill(0.0)
        acc_title.fill(0.0)
        if len(docs) == 0:
            empty = np.zeros(0, dtype=np.float32)
            return Candidates(np.zeros(0, dtype=np.int64), empty, empty)
        scores = main + np.float32(TITLE_WEIGHT) * title
        if len(docs) > k:
            top = np.argpartition(-scores, k - 1)[:k]
            docs, main, title, scores = docs[top], main[top], title[top], scores[top]
        # Equal scores: the earlier record first. Knowledge bases hold the same claim reviewed
        # twice; the first imported is the one to show (on CLEF-2020, whose claims hold 186
        # such groups, the judged record is the first of its group for 234 of 239 judged
        # queries; an arbitrary order among ties cost 0.044 cross-validated MAP@5).
        order = np.lexsort((docs, -scores))
        return Candidates(docs[order].astype(np.int64), main[order], title[order])

    def score_records(self, term_ids: Sequence[int], positions: npt.NDArray[np.int64],
                      ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """The exact first-stage field scores (main, title) of the records at ``positions``
        for a query's term ids, as :meth:`candidates` would give them with no cap: for the few
        records another retriever adds to the candidates."""
        order = np.argsort(positions, kind="stable")
        wanted = positions[order]
        result = []
        for field in (self.main, self.title):
            acc = np.zeros(len(wanted), dtype=np.float32)
            for t in term_ids:
                start, end = int(field.indptr[t]), int(field.indptr[t + 1])
                if start == end or not len(wanted):
                    continue
                postings = np.asarray(field.indices[start:end])
                slot = np.minimum(np.searchsorted(wanted, postings), len(wanted) - 1)
                hit = np.flatnonzero(wanted[slot] == postings)
                np.add.at(acc, slot[hit], field.data[start:end][hit])
            out = np.empty_like(acc)
            out[order] = acc
            result.append(out)
        return result[0], result[1]

    def gather(self, positions: npt.NDArray[np.int64], *, sequences: bool = False,
               ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        """The terms of many records at once: their distinct term ids (or, with
        ``sequences``, their terms in text order) laid end to end, and for each entry the index
        of its record in ``positions``."""
        indptr, values = (self.seq_indptr, self.seq) if sequences else \
            (self.term_indptr, self.terms)
        starts, ends = indptr[positions], indptr[positions + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(positions), dtype=np.int64), lengths)
        if total == 0:
            return np.zeros(0, dtype=np.int32), owner
        offsets = np.cumsum(lengths) - lengths
        flat = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, lengths)
        return np.asarray(values[flat]), owner

    def language(self, position: int) -> str:
        return self.languages[int(self.lang_codes[position])]

    def kind(self, position: int) -> str:
        return KINDS[int(self.kinds[position])]

