"""The public API is what ``faro.__all__`` says, no more, no less."""

from __future__ import annotations

import faro

PUBLIC = {
    # functions and classes of the pipeline
    "analyze", "Pipeline", "Options", "load_options", "__version__",
    # domain types
    "Document", "Language", "Sentence", "Entity", "EntityType", "Quantity", "QuantityKind",
    "DateMention", "RelativeDate", "Quote", "QuoteKind", "Claim", "Note", "FactCheck",
    "Narrative", "Match", "Verdict", "Marking",
    # the error tree
    "FaroError", "InputError", "EmptyInputError", "BinaryInputError", "DecodingError",
    "InputTooLargeError", "MalformedRecordError", "UnreadablePathError",
    "UnsupportedFormatError", "MissingFieldError", "NoContentError", "FetchError",
    "MalformedSourceError", "TextError",
    "TooShortError", "UncertainLanguageError", "UnknownLanguageError", "KnowledgeBaseError",
    "MalformedKBFileError", "UnknownKBFormatError", "ColumnMapError", "InvalidRecordError",
    "DuplicateRecordError", "SearchIndexError", "StorageError", "DatabaseUnavailableError",
    "MigrationError", "RecordNotFoundError", "ConflictError",
    "ServerError", "AuthenticationError", "PermissionDeniedError", "CSRFError",
    "InvalidRequestError", "RequestTooLargeError", "RateLimitedError", "SharingError",
    "MalformedSharingError", "MarkingConflictError", "ReleaseRefusedError", "BatchError",
    "PartialFailureError", "ConfigError",
}


def test_all_is_pinned() -> None:
    assert set(faro.__all__) == PUBLIC


def test_everything_in_all_exists() -> None:
    for name in faro.__all__:
        assert hasattr(faro, name), name


def test_public_names_are_documented() -> None:
    for name in faro.__all__:
        obj = getattr(faro, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
