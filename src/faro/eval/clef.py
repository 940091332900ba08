"""Readers for the claim-retrieval data of CLEF CheckThat! and SemEval, and TREC runs and qrels.

* :func:`read_vclaims`: CLEF 2020 Task 2 ``verified_claims.docs.tsv`` (header
  ``<TAB>vclaim<TAB>title``), CLEF 2021 Task 2A ``verified_claims.tsv``
  (``vclaim_id<TAB>vclaim<TAB>title``);
* :func:`read_queries`: CLEF 2020 ``tweets.queries.tsv`` (``<TAB>tweet_content``), CLEF 2021
  ``train_queries.tsv`` and ``dev_queries.tsv`` (``tweet_id<TAB>tweet_text``);
* :func:`read_qrels`: TREC qrels, ``qid 0 docid relevance`` (CLEF ``*.qrels``, ``*_qrels.txt``);
* :func:`read_run`, :func:`write_run`: TREC runs, ``qid Q0 docid rank score tag``;
* :func:`read_semeval_pairs`, :func:`read_semeval_posts`, :func:`read_semeval_fact_checks`:
  SemEval 2025 Task 7 (MultiClaim) ``pairs.csv``, ``posts.csv``, ``fact_checks.csv``; and
  :func:`qrels_from_pairs` to evaluate against the pairs;
* :func:`read_checkworthy_debates`, :func:`read_checkworthy_tweets`: the check-worthiness data
  of CLEF 2018/2019 Task 1 (debates, no header: ``line speaker text label``) and 2020-2022
  Task 1(A) (tweets with a header and a label column).

**Quoting of the CLEF TSV files.** They were written by pandas: a field holding a ``"`` (and, in
the 2020 claims file, 14 fields holding a line break) is quoted, with inner quotes doubled. Read
quote-aware, every file gives the same bytes back when written again with the same convention,
and the 2020 claims file holds 10,375 claims with ids 0 to 10,374; read line by line
(``csv.QUOTE_NONE``) it gives 10,389 "rows", 28 of them the halves of those 14 claims, and keeps
the quotes in the text. But a file written *without* quoting, with a stray ``"`` in a text,
swallows lines when read quote-aware. So the reader tries both:

1. the whole file, quote-aware (``csv``, strict): taken when every record has the expected
   number of fields, unless step 2 also works and finds a different number of records (then a
   quote swallowed lines and the line reading is the safe one);
2. line by line: each line is one record, read quote-aware on its own when that gives the
   expected fields, else split at the tabs as it stands.

A line that fits neither raises :class:`~faro.MalformedRecordError` (``F105``) with the file and
line. Every reader raises a subclass of :class:`~faro.InputError`: ``F101`` empty file, ``F103``
not UTF-8, ``F105`` malformed record or a repeated id, ``F106`` unreadable path, ``F107`` a file
without the header or columns of its format.
"""

from __future__ import annotations

import ast
import csv
import io
import math
import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from faro._errors import (
    DecodingError,
    EmptyInputError,
    MalformedRecordError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from faro.eval.metrics import Run, trec_order

__all__ = [
    "CheckworthyItem",
    "Query",
    "SemEvalFactCheck",
    "SemEvalPair",
    "SemEvalPost",
    "SemEvalText",
    "VClaim",
    "qrels_from_pairs",
    "read_checkworthy_debate",
    "read_checkworthy_debates",
    "read_checkworthy_tweets",
    "read_qrels",
    "read_queries",
    "read_run",
    "read_semeval_fact_checks",
    "read_semeval_pairs",
    "read_semeval_posts",
    "read_vclaims",
    "write_run",
]

PathArg = str | os.PathLike[str]

#: The longest SemEval field given to ``ast.literal_eval``; the longest in the trial files is
#: under 3,000 characters, and the parser's memory grows with its input.
MAX_LITERAL_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class VClaim:
    """A verified claim of a CLEF claims file: the claim as the fact-checker stated it and the
    title of the article that checked it."""

    id: str
    text: str
    title: str


@dataclass(frozen=True, slots=True)
class Query:
    """An input (a tweet) of a CLEF queries file."""

    id: str
    text: str


# --------------------------------------------------------------------------- reading files


def _read_text(path: PathArg) -> tuple[str, str]:
    """(the name used in errors, the decoded text) of a UTF-8 file that is not empty."""
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        message = f"cannot be read ({reason}); check the path"
        raise UnreadablePathError(message, source=source) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); the CLEF and "
            "SemEval files are UTF-8: re-encode the file as UTF-8",
            source=source,
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from exc
    if not text.strip():
        raise EmptyInputError("the file is empty", source=source)
    return source, text


Record = tuple[int, list[str]]
"""A record of a delimited file: its 1-based first line and its fields."""


def _quote_aware(text: str, delimiter: str) -> list[Record] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    start = 1
    try:
        for row in reader:
            if row:
                records.append((start, row))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return records


def _by_line(text: str) -> list[Record]:
    records: list[Record] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line:
            records.append((number, line.split("\t")))
    return records


def _line_fields(fields: list[str], width: int) -> list[str]:
    """One line's fields, unquoted when the line reads quote-aware into ``width`` fields."""
    if len(fields) == width and not any('"' in field for field in fields):
        return fields
    try:
        rows = list(csv.reader(["\t".join(fields)], delimiter="\t", strict=True))
    except csv.Error:
        return fields
    return rows[0] if len(rows) == 1 and len(rows[0]) == width else fields


def _tsv_records(text: str, columns: tuple[str, ...], source: str) -> list[Record]:
    """The records of a CLEF TSV file, header included; see the module docstring."""
    width = len(columns)
    quoted = _quote_aware(text, "\t")
    lines = [(number, _line_fields(fields, width)) for number, fields in _by_line(text)]
    lines_fit = all(len(fields) == width for _, fields in lines)
    quoted_fit = quoted is not None and all(len(fields) == width for _, fields in quoted)
    if quoted is not None and quoted_fit and (not lines_fit or len(quoted) == len(lines)):
        return quoted
    if lines_fit:
        return lines
    number, fields = next((n, f) for n, f in lines if len(f) != width)
    raise MalformedRecordError(
        f"expected {width} tab-separated fields ({', '.join(columns)}), found {len(fields)}; the "
        "line is not a record and quoted fields do not explain it",
        source=source,
        line=number,
    )


def _clef_rows(
    path: PathArg, columns: tuple[str, ...], *, names: tuple[str, ...] | None = None
) -> Iterator[list[str]]:
    """The fields of the data records of a CLEF TSV file: a header line (its first name empty,
    ``id`` or ending in ``_id``; the others equal to ``names`` when given), then records with
    unique, non-empty ids in the first column."""
    source, text = _read_text(path)
    records = _tsv_records(text, columns, source)
    header_line, header = records[0]
    first = header[0].strip().lower()
    others = tuple(name.strip().lower() for name in header[1:])
    if not (first in ("", "id") or first.endswith("_id")) or names not in (None, others):
        raise UnsupportedFormatError(
            f"the first line is not a header like {'<TAB>'.join(columns)} (the first name may "
            "be empty); is this the right file?",
            source=source,
            line=header_line,
        )
    seen: dict[str, int] = {}
    for number, fields in records[1:]:
        key = fields[0].strip()
        if not key:
            raise MalformedRecordError(f"the {columns[0]} is empty", source=source, line=number)
        if key in seen:
            raise MalformedRecordError(
                f"{columns[0]} {key!r} appears again (first on line {seen[key]}); ids must be "
                "unique",
                source=source,
                line=number,
            )
        seen[key] = number
        yield [key, *fields[1:]]


def read_vclaims(path: PathArg) -> list[VClaim]:
    """The verified claims of a CLEF claims file, in file order.

    Reads the 2020 ``verified_claims.docs.tsv`` (10,375 claims) and the 2021
    ``verified_claims.tsv`` (13,825 claims): a header line, then ``vclaim_id<TAB>vclaim<TAB>title``.
    """
    columns = ("vclaim_id", "vclaim", "title")
    return [
        VClaim(key, text, title)
        for key, text, title in _clef_rows(path, columns, names=("vclaim", "title"))
    ]


def read_queries(path: PathArg) -> list[Query]:
    """The queries of a CLEF queries file, in file order: a header line, then
    ``tweet_id<TAB>text`` (2020 ``tweets.queries.tsv``, 2021 ``train_queries.tsv`` and
    ``dev_queries.tsv``)."""
    return [Query(key, text) for key, text in _clef_rows(path, ("tweet_id", "text"))]


def _whitespace_lines(path: PathArg) -> Iterator[tuple[str, int, list[str]]]:
    source, text = _read_text(path)
    for number, line in enumerate(text.split("\n"), start=1):
        fields = line.split()
        if fields:
            yield source, number, fields


def read_qrels(path: PathArg) -> dict[str, dict[str, int]]:
    """TREC relevance judgments: lines ``qid iteration docid relevance`` separated by tabs or
    spaces; the iteration column is ignored, as trec_eval does. Query id → doc id → relevance,
    in file order.

    A pair judged twice with different relevance is malformed. The same line twice is read once:
    trec_eval refuses it ("duplicate docs"), but the CLEF 2020 test qrels repeat one line.
    """
    qrels: dict[str, dict[str, int]] = {}
    first: dict[tuple[str, str], int] = {}
    for source, number, fields in _whitespace_lines(path):
        if len(fields) != 4:
            raise MalformedRecordError(
                f"expected 4 fields (query id, iteration, doc id, relevance), found {len(fields)}",
                source=source,
                line=number,
            )
        qid, _, doc, value = fields
        try:
            relevance = int(value)
        except ValueError:
            raise MalformedRecordError(
                f"the relevance {value!r} is not an integer", source=source, line=number
            ) from None
        judged = qrels.setdefault(qid, {})
        if doc in judged and judged[doc] != relevance:
            raise MalformedRecordError(
                f"query {qid!r} judges {doc!r} {relevance}, but {judged[doc]} on line "
                f"{first[qid, doc]}",
                source=source,
                line=number,
            )
        first.setdefault((qid, doc), number)
        judged[doc] = relevance
    return qrels


def read_run(path: PathArg) -> dict[str, list[tuple[str, float]]]:
    """A TREC run: lines ``qid Q0 docid rank score tag``. Query id → (doc id, score) in file
    order; the rank column is not used (the evaluation ranks by score, as trec_eval does)."""
    run: dict[str, list[tuple[str, float]]] = {}
    for source, number, fields in _whitespace_lines(path):
        if len(fields) != 6:
            raise MalformedRecordError(
                f"expected 6 fields (query id, Q0, doc id, rank, score, tag), found {len(fields)}",
                source=source,
                line=number,
            )
        qid, _, doc, _, value, _ = fields
        try:
            score = float(value)
        except ValueError:
            score = math.nan
        if math.isnan(score):
            raise MalformedRecordError(
                f"the score {value!r} is not a number", source=source, line=number
            )
        run.setdefault(qid, []).append((doc, score))
    return run


def write_run(path: PathArg, run: Run, tag: str) -> None:
    """Write ``run`` as a TREC run file, each query's documents in the order trec_eval ranks them
    (:func:`~faro.eval.metrics.trec_order`), so the rank column agrees with the evaluation.
    Scores are written in full (``repr``), so :func:`read_run` gives them back exactly.

    Raises :class:`ValueError` for a tag or an id that is empty or holds white space.
    """
    _check_token(tag, "run tag")
    lines: list[str] = []
    for qid, ranking in run.items():
        _check_token(qid, "query id")
        for rank, (doc, score) in enumerate(trec_order(ranking), start=1):
            _check_token(doc, "document id")
            lines.append(f"{qid} Q0 {doc} {rank} {float(score)!r} {tag}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)


def _check_token(value: str, what: str) -> None:
    if not value or value != "".join(value.split()):
        raise ValueError(f"a {what} must be non-empty without white space, not {value!r}")


# --------------------------------------------------------------------------- SemEval 2025 Task 7


@dataclass(frozen=True, slots=True)
class SemEvalText:
    """A text of MultiClaim: as written, its English machine translation, and the detected
    languages with their confidence."""

    original: str
    english: str
    languages: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class SemEvalPost:
    """A social-media post: its text (``None`` when it has only text read from images), the
    texts read from its images, where and when it appeared (Unix time or ``None``, platform),
    and the verdicts the platform attached."""

    id: str
    text: SemEvalText | None
    ocr: tuple[SemEvalText, ...]
    instances: tuple[tuple[float | None, str], ...]
    verdicts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SemEvalFactCheck:
    """A fact-check: the claim it checks, the article title (``None`` when empty), and where it
    was published (Unix time or ``None``, URL)."""

    id: str
    claim: SemEvalText
    title: SemEvalText | None
    instances: tuple[tuple[float | None, str], ...]


@dataclass(frozen=True, slots=True)
class SemEvalPair:
    """A post and a fact-check that checks it; ``lang`` as in the trial file (``"kor-eng"``), or
    ``None`` when the file has no ``pair_lang`` column."""

    post_id: str
    fact_check_id: str
    lang: str | None


class _Row:
    """One CSV row with what errors need: the file, its line and its columns by name."""

    def __init__(self, source: str, line: int, values: dict[str, str]) -> None:
        self.source = source
        self.line = line
        self.values = values

    def error(self, column: str, problem: str) -> MalformedRecordError:
        message = f"column {column!r}: {problem}"
        return MalformedRecordError(message, source=self.source, line=self.line)

    def id(self, column: str) -> str:
        value = self.values[column].strip()
        if not value:
            raise self.error(column, "the id is empty")
        return value

    def literal(self, column: str) -> object:
        value = self.values[column]
        if len(value) > MAX_LITERAL_CHARS:
            raise self.error(column, f"longer than {MAX_LITERAL_CHARS:,} characters")
        try:
            with warnings.catch_warnings():
                # An invalid escape such as "\d" is kept as written, with a warning we silence.
                warnings.simplefilter("ignore", SyntaxWarning)
                warnings.simplefilter("ignore", DeprecationWarning)
                return ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
            raise self.error(
                column, f"not a Python literal ({type(exc).__name__}: {exc})"[:300]
            ) from None

    def text(self, column: str, *, optional: bool = False) -> SemEvalText | None:
        if optional and not self.values[column].strip():
            return None
        return self._text(column, self.literal(column))

    def _text(self, column: str, value: object) -> SemEvalText:
        shape = "(original text, English translation, [(language, confidence), ...])"
        if not (isinstance(value, tuple | list) and len(value) == 3):
            raise self.error(column, f"expected {shape}")
        original, english, languages = value
        if not (isinstance(original, str) and isinstance(english, str)):
            raise self.error(column, f"expected {shape}: the texts must be strings")
        return SemEvalText(original, english, self._languages(column, languages, shape))

    def _languages(self, column: str, value: object, shape: str) -> tuple[tuple[str, float], ...]:
        out: list[tuple[str, float]] = []
        for item in self._sequence(column, value, shape):
            if not (isinstance(item, tuple | list) and len(item) == 2):
                raise self.error(column, f"expected {shape}")
            lang, confidence = item
            if not (isinstance(lang, str) and _is_number(confidence)):
                raise self.error(column, f"expected {shape}: a language is (code, number)")
            out.append((lang, float(confidence)))
        return tuple(out)

    def texts(self, column: str) -> tuple[SemEvalText, ...]:
        value = self.literal(column)
        items = self._sequence(column, value, "a list of texts")
        return tuple(self._text(column, item) for item in items)

    def instances(self, column: str) -> tuple[tuple[float | None, str], ...]:
        shape = "a list of (Unix time or None, str)"
        out: list[tuple[float | None, str]] = []
        for item in self._sequence(column, self.literal(column), shape):
            if not (isinstance(item, tuple | list) and len(item) == 2):
                raise self.error(column, f"expected {shape}")
            when, where = item
            if not ((when is None or _is_number(when)) and isinstance(where, str)):
                raise self.error(column, f"expected {shape}")
            out.append((None if when is None else float(when), where))
        return tuple(out)

    def strings(self, column: str) -> tuple[str, ...]:
        items = self._sequence(column, self.literal(column), "a list of strings")
        if not all(isinstance(item, str) for item in items):
            raise self.error(column, "expected a list of strings")
        return tuple(str(item) for item in items)

    def _sequence(self, column: str, value: object, shape: str) -> tuple[object, ...]:
        if not isinstance(value, list | tuple):
            raise self.error(column, f"expected {shape}")
        return tuple(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _csv_rows(path: PathArg, required: Iterable[str]) -> Iterator[_Row]:
    source, text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for fields in reader:
            if not fields:
                start = reader.line_num + 1
                continue
            if header is None:
                header = [name.strip() for name in fields]
                missing = [name for name in required if name not in header]
                if missing:
                    raise UnsupportedFormatError(
                        f"the header lacks the column(s) {', '.join(missing)}; is this the "
                        "right SemEval file?",
                        source=source,
                        line=start,
                    )
            elif len(fields) != len(header):
                raise MalformedRecordError(
                    f"expected {len(header)} comma-separated fields ({', '.join(header)}), "
                    f"found {len(fields)}",
                    source=source,
                    line=start,
                )
            else:
                yield _Row(source, start, dict(zip(header, fields, strict=True)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise MalformedRecordError(
            f"not valid CSV ({exc})", source=source, line=reader.line_num
        ) from None


def _unique(rows: Iterable[_Row], column: str) -> Iterator[tuple[_Row, str]]:
    seen: dict[str, int] = {}
    for row in rows:
        key = row.id(column)
        if key in seen:
            raise row.error(column, f"the id {key!r} appears again (first on line {seen[key]})")
        seen[key] = row.line
        yield row, key


def read_semeval_posts(path: PathArg) -> list[SemEvalPost]:
    """The posts of a SemEval 2025 Task 7 (MultiClaim) ``posts.csv``: columns ``post_id``,
    ``instances``, ``ocr``, ``verdicts``, ``text``, the last four Python literals read with
    :func:`ast.literal_eval` (which evaluates no code)."""
    columns = ("post_id", "instances", "ocr", "verdicts", "text")
    return [
        SemEvalPost(
            id=key,
            text=row.text("text", optional=True),
            ocr=row.texts("ocr"),
            instances=row.instances("instances"),
            verdicts=row.strings("verdicts"),
        )
        for row, key in _unique(_csv_rows(path, columns), "post_id")
    ]


def read_semeval_fact_checks(path: PathArg) -> list[SemEvalFactCheck]:
    """The fact-checks of a SemEval 2025 Task 7 ``fact_checks.csv``: columns ``fact_check_id``,
    ``claim``, ``instances``, ``title``, the last three Python literals."""
    columns = ("fact_check_id", "claim", "instances", "title")
    out: list[SemEvalFactCheck] = []
    for row, key in _unique(_csv_rows(path, columns), "fact_check_id"):
        claim = row.text("claim", optional=True)
        if claim is None:
            raise row.error("claim", "the claim is empty")
        out.append(
            SemEvalFactCheck(
                id=key,
                claim=claim,
                title=row.text("title", optional=True),
                instances=row.instances("instances"),
            )
        )
    return out


def read_semeval_pairs(path: PathArg) -> list[SemEvalPair]:
    """The (post, fact-check) pairs of a SemEval 2025 Task 7 ``pairs.csv``: columns ``post_id``,
    ``fact_check_id`` and, in the trial file, ``pair_lang``."""
    out: list[SemEvalPair] = []
    seen: dict[tuple[str, str], int] = {}
    for row in _csv_rows(path, ("post_id", "fact_check_id")):
        pair = (row.id("post_id"), row.id("fact_check_id"))
        if pair in seen:
            raise row.error("fact_check_id", f"the pair {pair} appears again (first on line "
                            f"{seen[pair]})")
        seen[pair] = row.line
        lang = row.values.get("pair_lang", "").strip() or None
        out.append(SemEvalPair(*pair, lang=lang))
    return out


def qrels_from_pairs(pairs: Iterable[SemEvalPair]) -> dict[str, dict[str, int]]:
    """Qrels for :func:`~faro.eval.metrics.evaluate_retrieval`: post id → fact-check id → 1."""
    qrels: dict[str, dict[str, int]] = {}
    for pair in pairs:
        qrels.setdefault(pair.post_id, {})[pair.fact_check_id] = 1
    return qrels


# --------------------------------------------------------------------------- check-worthiness


@dataclass(frozen=True, slots=True)
class CheckworthyItem:
    """A sentence or post of a CLEF check-worthiness file and its gold label (1: check-worthy).

    ``group`` is the debate (the file's stem) for the 2018/2019 debates, the topic for tweets;
    ``speaker`` is empty for tweets."""

    id: str
    text: str
    label: int
    group: str
    speaker: str = ""


#: Names of the label column of the CLEF tweet files: 2022 ``class_label``, 2020
#: ``check_worthiness`` (``claim_worthiness`` in the test file), 2021 ``check-worthiness``.
_LABEL_COLUMNS = ("class_label", "check_worthiness", "claim_worthiness", "check-worthiness")


def _label(value: str, source: str, line: int) -> int:
    value = value.strip()
    if value not in ("0", "1"):
        raise MalformedRecordError(f"the label is {value!r}, not 0 or 1", source=source,
                                   line=line)
    return int(value)


def read_checkworthy_debate(path: PathArg) -> list[CheckworthyItem]:
    """The sentences of one CLEF 2018/2019 Task 1 debate file, in file order: no header, each
    line ``line<TAB>speaker<TAB>text<TAB>label``; ``group`` is the file's stem."""
    source, text = _read_text(path)
    group = Path(path).stem
    items = []
    for number, fields in _tsv_records(text, ("line", "speaker", "text", "label"), source):
        items.append(CheckworthyItem(f"{group}:{fields[0].strip()}", fields[2],
                                     _label(fields[3], source, number), group,
                                     fields[1].strip()))
    return items


def read_checkworthy_debates(path: PathArg) -> list[CheckworthyItem]:
    """The sentences of a debate file, or of every ``*.tsv`` / ``*.txt`` debate file of a
    folder (sorted by name); ``group`` tells the debates apart."""
    folder = Path(path)
    if not folder.is_dir():
        return read_checkworthy_debate(folder)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".tsv", ".txt"))
    if not files:
        raise EmptyInputError("the folder holds no .tsv or .txt debate file",
                              source=os.fspath(path))
    return [item for file in files for item in read_checkworthy_debate(file)]


def read_checkworthy_tweets(path: PathArg) -> list[CheckworthyItem]:
    """The posts of a CLEF 2020, 2021 or 2022 Task 1(A) file, in file order: a header naming
    ``tweet_id``, ``tweet_text`` and a label column (2022 ``class_label``, 2020
    ``check_worthiness`` or ``claim_worthiness``, 2021 ``check-worthiness``); ``group`` is the
    topic column when there is one."""
    source, text = _read_text(path)
    first = text.split("\n", 1)[0].removesuffix("\r").split("\t")
    names = tuple(name.strip().lower() for name in first)
    label_column = next((name for name in _LABEL_COLUMNS if name in names), None)
    if "tweet_text" not in names or "tweet_id" not in names or label_column is None:
        raise UnsupportedFormatError(
            "the first line is not a header naming tweet_id, tweet_text and a label column ("
            f"{', '.join(_LABEL_COLUMNS)}); is this a CLEF check-worthiness file?",
            source=source, line=1)
    records = _tsv_records(text, names, source)
    at_id, at_text = names.index("tweet_id"), names.index("tweet_text")
    at_label = names.index(label_column)
    at_topic = next((names.index(n) for n in ("topic", "topic_id") if n in names), None)
    return [CheckworthyItem(fields[at_id].strip(), fields[at_text],
                            _label(fields[at_label], source, number),
                            fields[at_topic].strip() if at_topic is not None else "")
            for number, fields in records[1:]]
