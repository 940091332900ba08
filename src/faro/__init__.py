"""faro — a counter-disinformation workbench.

>>> import faro
>>> doc = faro.analyze("Il ministro Mario Rossi ha detto che il 40% dei fondi è speso.")
>>> doc.lang
'it'
"""

from typing import TYPE_CHECKING, Any

from faro._config import Options, load_options
from faro._errors import (
    AuthenticationError,
    BatchError,
    BinaryInputError,
    ColumnMapError,
    ConfigError,
    ConflictError,
    CSRFError,
    DatabaseUnavailableError,
    DecodingError,
    DuplicateRecordError,
    EmptyInputError,
    FaroError,
    FetchError,
    InputError,
    InputTooLargeError,
    InvalidRecordError,
    InvalidRequestError,
    KnowledgeBaseError,
    MalformedKBFileError,
    MalformedRecordError,
    MalformedSharingError,
    MalformedSourceError,
    MarkingConflictError,
    MigrationError,
    MissingFieldError,
    NoContentError,
    PartialFailureError,
    PermissionDeniedError,
    RateLimitedError,
    RecordNotFoundError,
    ReleaseRefusedError,
    RequestTooLargeError,
    SearchIndexError,
    ServerError,
    SharingError,
    StorageError,
    TextError,
    TooShortError,
    UncertainLanguageError,
    UnknownKBFormatError,
    UnknownLanguageError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from faro._version import __version__
from faro.model import (
    Claim,
    DateMention,
    Document,
    Entity,
    EntityType,
    FactCheck,
    Language,
    Marking,
    Match,
    Narrative,
    Note,
    Quantity,
    QuantityKind,
    Quote,
    QuoteKind,
    RelativeDate,
    Sentence,
    Verdict,
)

if TYPE_CHECKING:
    from faro.pipeline import Pipeline, analyze


def __getattr__(name: str) -> Any:
    # The pipeline pulls in the language model and rules; import it on first use so that
    # ``import faro`` (and ``faro --help``) stay fast.
    if name in ("Pipeline", "analyze"):
        from faro import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'faro' has no attribute {name!r}")

__all__ = [
    "AuthenticationError",
    "BatchError",
    "BinaryInputError",
    "CSRFError",
    "Claim",
    "ColumnMapError",
    "ConfigError",
    "ConflictError",
    "DatabaseUnavailableError",
    "DateMention",
    "DecodingError",
    "Document",
    "DuplicateRecordError",
    "EmptyInputError",
    "Entity",
    "EntityType",
    "FactCheck",
    "FaroError",
    "FetchError",
    "InputError",
    "InputTooLargeError",
    "InvalidRecordError",
    "InvalidRequestError",
    "KnowledgeBaseError",
    "Language",
    "MalformedKBFileError",
    "MalformedRecordError",
    "MalformedSharingError",
    "MalformedSourceError",
    "Marking",
    "MarkingConflictError",
    "Match",
    "MigrationError",
    "MissingFieldError",
    "Narrative",
    "NoContentError",
    "Note",
    "Options",
    "PartialFailureError",
    "PermissionDeniedError",
    "Pipeline",
    "Quantity",
    "QuantityKind",
    "Quote",
    "QuoteKind",
    "RateLimitedError",
    "RecordNotFoundError",
    "RelativeDate",
    "ReleaseRefusedError",
    "RequestTooLargeError",
    "SearchIndexError",
    "Sentence",
    "ServerError",
    "SharingError",
    "StorageError",
    "TextError",
    "TooShortError",
    "UncertainLanguageError",
    "UnknownKBFormatError",
    "UnknownLanguageError",
    "UnreadablePathError",
    "UnsupportedFormatError",
    "Verdict",
    "__version__",
    "analyze",
    "load_options",
]
