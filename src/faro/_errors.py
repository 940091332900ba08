"""The one error tree of faro. Every error carries a stable code.

::

    FaroError                      F000
    ├── InputError                 F100  something we were asked to read is unusable
    │   ├── EmptyInputError        F101
    │   ├── BinaryInputError       F102
    │   ├── DecodingError          F103
    │   ├── InputTooLargeError     F104
    │   ├── MalformedRecordError   F105  a JSON line / object that does not parse
    │   ├── UnreadablePathError    F106
    │   ├── UnsupportedFormatError F107
    │   ├── MissingFieldError      F108  a JSON record without the text field
    │   ├── NoContentError         F109  an HTML page with no main text
    │   ├── FetchError             F110  a URL that could not be fetched (network, HTTP status,
    │   │                                redirects, size, timeout)
    │   └── MalformedSourceError   F111  a feed or social-media export that does not parse as
    │                                    its format
    ├── TextError                  F200
    │   ├── TooShortError          F201  too little text to identify the language
    │   ├── UnknownLanguageError   F202  a forced language code faro does not know
    │   └── UncertainLanguageError F203  the language was identified with low confidence
    ├── KnowledgeBaseError         F300  the knowledge base of fact-checks and narratives
    │   ├── MalformedKBFileError   F301  a file that does not parse as its format at all
    │   ├── UnknownKBFormatError   F302  a file whose format faro cannot tell or does not read
    │   ├── ColumnMapError         F303  a bad --map, or columns the format needs are missing
    │   ├── InvalidRecordError     F304  one record lacks a required field or holds a bad value
    │   ├── DuplicateRecordError   F305  the same identity twice in one file
    │   └── SearchIndexError       F310  the search index cannot be built or read
    ├── StorageError               F400
    │   ├── DatabaseUnavailableError F401  cannot connect to or open the database
    │   ├── MigrationError         F402  the schema cannot be brought up to date
    │   ├── RecordNotFoundError    F403  no such record, or one another organisation owns
    │   └── ConflictError          F404  the change would duplicate a unique record
    ├── ServerError                F500  the server, its authentication or authorisation
    │   ├── AuthenticationError    F501  no credentials, or credentials that are not valid
    │   ├── PermissionDeniedError  F502  the role or token scope does not allow the request
    │   ├── CSRFError              F503  a cookie-authenticated change without its CSRF token
    │   ├── InvalidRequestError    F504  a request body or parameter that does not validate
    │   ├── RequestTooLargeError   F505  a request body over ``max_request_bytes``
    │   └── RateLimitedError       F506  too many requests from one caller; retry later
    ├── SharingError               F600  exchanging findings with partners
    │   ├── MalformedSharingError  F601  a STIX bundle or MISP event faro cannot read
    │   ├── MarkingConflictError   F602  an object marked twice, or by an unknown marking
    │   └── ReleaseRefusedError    F603  the marking does not allow this recipient or channel
    ├── BatchError                 F700
    │   └── PartialFailureError    F701  some documents of a run failed
    └── ConfigError                F800  a setting that does not validate

Codes never change meaning once released; new errors take new codes. The CLI prints
``[code] message`` and exits non-zero; the API answers problem+json carrying the code, with
the HTTP status chosen from the code in one place (``faro.server._problems``).

Some conditions do not stop the analysis of a document and become a :class:`~faro.model.Note`
with the same code on it instead: an assumed encoding (F103), a text too short to identify
(F201), an ignored language hint (F202), an uncertain language (F203), a ``.jsonl`` file that
holds one JSON document (F105).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AuthenticationError",
    "BatchError",
    "BinaryInputError",
    "CSRFError",
    "ColumnMapError",
    "ConfigError",
    "ConflictError",
    "DatabaseUnavailableError",
    "DecodingError",
    "DuplicateRecordError",
    "EmptyInputError",
    "FaroError",
    "FetchError",
    "InputError",
    "InputTooLargeError",
    "InvalidRecordError",
    "InvalidRequestError",
    "KnowledgeBaseError",
    "MalformedKBFileError",
    "MalformedRecordError",
    "MalformedSharingError",
    "MalformedSourceError",
    "MarkingConflictError",
    "MigrationError",
    "MissingFieldError",
    "NoContentError",
    "PartialFailureError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RecordNotFoundError",
    "ReleaseRefusedError",
    "RequestTooLargeError",
    "SearchIndexError",
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
]


class FaroError(Exception):
    """Base of every error faro raises on purpose.

    ``source`` names what was being read (a path, ``<stdin>``, a document id) and ``line`` the
    1-based line inside it where that makes sense; ``stage`` is the pipeline stage that failed.
    """

    code = "F000"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        stage: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.stage = stage
        self.hint = hint

    @property
    def where(self) -> str:
        if self.source is None:
            return ""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        where = self.where
        text = f"[{self.code}] {where + ': ' if where else ''}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description, the shape used by ``--json`` error lines."""
        out: dict[str, Any] = {"code": self.code, "error": type(self).__name__}
        out["message"] = self.message
        for key in ("source", "line", "stage", "hint"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


class InputError(FaroError):
    """Something faro was asked to read is unusable."""

    code = "F100"


class EmptyInputError(InputError):
    """The input holds no text (empty, or only white space)."""

    code = "F101"


class BinaryInputError(InputError):
    """The input is a binary file (an image, an archive, a PDF…), not text."""

    code = "F102"


class DecodingError(InputError):
    """The bytes could not be decoded as text in any plausible encoding."""

    code = "F103"


class InputTooLargeError(InputError):
    """The input is larger than the configured limit (``max_input_bytes``)."""

    code = "F104"


class MalformedRecordError(InputError):
    """A JSON document or JSON line does not parse."""

    code = "F105"


class UnreadablePathError(InputError):
    """A path does not exist or cannot be read."""

    code = "F106"


class UnsupportedFormatError(InputError):
    """The input's format is not one faro reads."""

    code = "F107"


class MissingFieldError(InputError):
    """A JSON record lacks the text field, or it is not a non-empty string."""

    code = "F108"


class NoContentError(InputError):
    """An HTML page has no main text to extract."""

    code = "F109"


class FetchError(InputError):
    """A URL could not be fetched: no connection, a timeout, an HTTP error status, too many
    redirects or a body over the size limit. ``status`` is the HTTP status when there was
    one."""

    code = "F110"

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None, **where: Any) -> None:
        super().__init__(message, **where)
        self.status = status
        self.retry_after = retry_after
        """Seconds the server asked to wait (its Retry-After header), when it said."""


class MalformedSourceError(InputError):
    """A feed (RSS, Atom) or a social-media export (Telegram, X, Mastodon, CrowdTangle CSV)
    that does not parse as its format, or that faro cannot tell the format of."""

    code = "F111"


class TextError(FaroError):
    """The text cannot be analysed."""

    code = "F200"


class TooShortError(TextError):
    """The text is too short to identify its language."""

    code = "F201"


class UnknownLanguageError(TextError):
    """A language code faro does not know."""

    code = "F202"


class UncertainLanguageError(TextError):
    """The language was identified with a confidence below ``min_langid_confidence``."""

    code = "F203"


class KnowledgeBaseError(FaroError):
    """The knowledge base of fact-checks and narratives failed."""

    code = "F300"


class MalformedKBFileError(KnowledgeBaseError):
    """A knowledge-base file does not parse as its format (broken JSON, JSON-LD, CSV)."""

    code = "F301"


class UnknownKBFormatError(KnowledgeBaseError):
    """faro cannot tell a knowledge-base file's format, or does not read it."""

    code = "F302"


class ColumnMapError(KnowledgeBaseError):
    """A column map is malformed, or a table lacks the columns its format needs."""

    code = "F303"


class InvalidRecordError(KnowledgeBaseError):
    """One record lacks a required field or holds a value that does not validate."""

    code = "F304"


class DuplicateRecordError(KnowledgeBaseError):
    """The same record identity appears twice in one file."""

    code = "F305"


class SearchIndexError(KnowledgeBaseError):
    """The search index cannot be built or read."""

    code = "F310"


class StorageError(FaroError):
    """The database failed or holds something unexpected."""

    code = "F400"


class DatabaseUnavailableError(StorageError):
    """The database cannot be opened or connected to."""

    code = "F401"


class MigrationError(StorageError):
    """The database schema cannot be brought up to date."""

    code = "F402"


class RecordNotFoundError(StorageError):
    """No record has that id, or another organisation owns it (the two are not told apart,
    so ids of other organisations' records leak nothing)."""

    code = "F403"


class ConflictError(StorageError):
    """The change would duplicate a record that must be unique (an e-mail address, a
    document id within an organisation)."""

    code = "F404"


class ServerError(FaroError):
    """The server, its authentication or authorisation refused or failed."""

    code = "F500"


class AuthenticationError(ServerError):
    """The request carries no credentials, or credentials that are unknown, expired or
    revoked."""

    code = "F501"


class PermissionDeniedError(ServerError):
    """The caller's role, or its token's scope, does not allow the request."""

    code = "F502"


class CSRFError(ServerError):
    """A change authenticated by a session cookie came without the session's CSRF token."""

    code = "F503"


class InvalidRequestError(ServerError):
    """A request body, parameter or header does not validate."""

    code = "F504"


class RequestTooLargeError(ServerError):
    """A request body is larger than ``max_request_bytes``."""

    code = "F505"


class RateLimitedError(ServerError):
    """A caller made more requests than its rate limit allows; ``retry_after`` says in how
    many seconds it may try again."""

    code = "F506"

    def __init__(self, message: str, *, retry_after: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class SharingError(FaroError):
    """Exporting or importing shared intelligence failed."""

    code = "F600"


class MalformedSharingError(SharingError):
    """A STIX bundle or MISP event that does not parse, is not valid, or holds object types
    faro does not read; nothing of it is imported."""

    code = "F601"


class MarkingConflictError(SharingError):
    """An object carries two TLP markings, or a marking reference the bundle does not
    define: which marking holds cannot be told, so nothing is imported."""

    code = "F602"


class ReleaseRefusedError(SharingError):
    """The object's TLP marking does not allow the recipient or channel asked for."""

    code = "F603"


class BatchError(FaroError):
    """A batch run failed."""

    code = "F700"


class PartialFailureError(BatchError):
    """Some documents of a run failed; the others were processed."""

    code = "F701"


class ConfigError(FaroError):
    """A setting does not validate."""

    code = "F800"
