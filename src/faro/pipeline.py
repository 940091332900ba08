"""The analysis pipeline: a fixed sequence of components over a :class:`~faro.model.Document`.

Each component reads what earlier ones wrote and adds its own part::

    language → sentences → entities → numbers, dates → quotes → claims

``Pipeline.pipe`` routes a per-document failure to an error handler (log with code, count,
continue), so one bad document never stops a run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from faro._config import Options, load_options
from faro._errors import (
    FaroError,
    TextError,
    TooShortError,
    UncertainLanguageError,
    UnknownLanguageError,
)
from faro.extract.dates import find_dates
from faro.extract.entities import find_entities
from faro.extract.numbers import find_numbers
from faro.extract.quotes import find_quotes
from faro.model import Document, Language, Note
from faro.text.langid import identify, normalize_code
from faro.text.quotemarks import find_quoted_spans
from faro.text.rules import rules_for
from faro.text.segment import split_sentences

__all__ = ["Component", "ErrorHandler", "Pipeline", "analyze"]

logger = logging.getLogger(__name__)

ErrorHandler = Callable[[Document, FaroError], None]


@runtime_checkable
class Component(Protocol):
    """A pipeline stage: reads what earlier stages wrote on the document and adds its part."""

    @property
    def name(self) -> str: ...

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class LanguageIdentifier:
    options: Options
    name: str = "language"

    def __call__(self, doc: Document) -> Document:
        if doc.lang_hint:
            try:
                doc.language = Language(normalize_code(doc.lang_hint), 1.0, "forced")
                return doc
            except UnknownLanguageError as exc:
                doc.notes.append(Note(exc.code, f"{exc.message}; identifying instead", self.name))
        lang = identify(doc.text, window=self.options.langid_window,
                        min_chars=self.options.min_langid_chars)
        if lang.code == "und":
            doc.notes.append(Note(TooShortError.code, "text too short to identify its language "
                                  "(use --lang to set it)", self.name))
        elif lang.confidence < self.options.min_langid_confidence:
            doc.notes.append(Note(UncertainLanguageError.code, f"language identified with low "
                                  f"confidence ({lang.code} {lang.confidence:.2f})", self.name))
        doc.language = lang
        return doc


@dataclass(frozen=True, slots=True)
class SentenceSplitter:
    name: str = "sentences"

    def __call__(self, doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text, rules_for(doc.lang))
        return doc


@dataclass(frozen=True, slots=True)
class EntityRecognizer:
    name: str = "entities"

    def __call__(self, doc: Document) -> Document:
        doc.entities = find_entities(doc.text, doc.lang, doc.sentences)
        return doc


@dataclass(frozen=True, slots=True)
class NumberExtractor:
    name: str = "numbers"

    def __call__(self, doc: Document) -> Document:
        doc.numbers = find_numbers(doc.text, doc.lang)
        doc.dates = find_dates(doc.text, doc.lang, doc.reference_date)
        return doc


@dataclass(frozen=True, slots=True)
class QuoteExtractor:
    name: str = "quotes"

    def __call__(self, doc: Document) -> Document:
        rules = rules_for(doc.lang)
        doc.quotes = find_quotes(doc, rules, find_quoted_spans(doc.text, rules))
        return doc


@dataclass(frozen=True, slots=True)
class ClaimScorer:
    """Every sentence scored by the check-worthiness model (:mod:`faro.checkworthy`)."""

    threshold: float | None = None
    """Claims from this probability; None: the model's threshold for the language."""
    name: str = "claims"

    def __call__(self, doc: Document) -> Document:
        from faro.checkworthy._claims import score_claims

        doc.claims = score_claims(doc, self.threshold)
        return doc


class Pipeline:
    """Analyse documents. Build once and reuse: per-language data is loaded on first use."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or load_options()
        self.components: tuple[Component, ...] = (
            LanguageIdentifier(self.options),
            SentenceSplitter(),
            EntityRecognizer(),
            NumberExtractor(),
            QuoteExtractor(),
            ClaimScorer(self.options.claim_threshold),
        )

    def __call__(self, doc: Document) -> Document:
        """Analyse one document in place and return it.

        Raises:
            TextError: the document has no text.
            FaroError: a stage failed; ``stage`` and ``source`` say where.
        """
        if not doc.text.strip():
            raise TextError("document has no text", source=doc.source or doc.id,
                            stage="pipeline")
        for component in self.components:
            try:
                doc = component(doc)
            except FaroError as exc:
                exc.stage = exc.stage or component.name
                exc.source = exc.source or doc.source or doc.id
                raise
        return doc

    def pipe(self, docs: Iterable[Document], on_error: ErrorHandler | None = None
             ) -> Iterator[Document]:
        """Analyse documents one by one; failures go to ``on_error`` and the run goes on."""
        for doc in docs:
            try:
                yield self(doc)
            except FaroError as exc:
                if on_error is None:
                    raise
                logger.warning("%s", exc)
                on_error(doc, exc)


_DEFAULT: Pipeline | None = None


def analyze(text: str, *, lang: str | None = None, doc_id: str = "doc",
            published: datetime | None = None, options: Options | None = None) -> Document:
    """Analyse one text and return the :class:`~faro.model.Document` with all findings.

    >>> doc = analyze("NATO chief Jens Stoltenberg said on Friday that 32 members agreed.")
    >>> doc.lang
    'en'
    """
    global _DEFAULT  # noqa: PLW0603 - a lazily built default pipeline, like re's cache
    if options is not None:
        pipeline = Pipeline(options)
    else:
        if _DEFAULT is None:
            _DEFAULT = Pipeline()
        pipeline = _DEFAULT
    return pipeline(Document(doc_id, text, lang_hint=lang, published=published))
