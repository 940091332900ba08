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
    │   └── NoContentError         F109  an HTML page with no main text
    ├── TextError                  F200
    │   ├── TooShortError          F201  too little text to identify the language
    │   └── UnknownLanguageError   F202  a forced language code faro does not know
    ├── KnowledgeBaseError         F300  (knowledge base, later issues)
    ├── StorageError               F400
    ├── ServerError                F500
    ├── SharingError               F600
    ├── BatchError                 F700
    │   └── PartialFailureError    F701  some documents of a run failed
    └── ConfigError                F800  a setting that does not validate

Codes never change meaning once released; new errors take new codes. The CLI prints
``[code] message`` and exits non-zero; the API (later) maps the code to problem+json.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BatchError",
    "BinaryInputError",
    "ConfigError",
    "DecodingError",
    "EmptyInputError",
    "FaroError",
    "InputError",
    "InputTooLargeError",
    "KnowledgeBaseError",
    "MalformedRecordError",
    "MissingFieldError",
    "NoContentError",
    "PartialFailureError",
    "ServerError",
    "SharingError",
    "StorageError",
    "TextError",
    "TooShortError",
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
    code = "F100"


class EmptyInputError(InputError):
    code = "F101"


class BinaryInputError(InputError):
    code = "F102"


class DecodingError(InputError):
    code = "F103"


class InputTooLargeError(InputError):
    code = "F104"


class MalformedRecordError(InputError):
    code = "F105"


class UnreadablePathError(InputError):
    code = "F106"


class UnsupportedFormatError(InputError):
    code = "F107"


class MissingFieldError(InputError):
    code = "F108"


class NoContentError(InputError):
    code = "F109"


class TextError(FaroError):
    code = "F200"


class TooShortError(TextError):
    code = "F201"


class UnknownLanguageError(TextError):
    code = "F202"


class KnowledgeBaseError(FaroError):
    code = "F300"


class StorageError(FaroError):
    code = "F400"


class ServerError(FaroError):
    code = "F500"


class SharingError(FaroError):
    code = "F600"


class BatchError(FaroError):
    code = "F700"


class PartialFailureError(BatchError):
    code = "F701"


class ConfigError(FaroError):
    code = "F800"
