"""The JSON shapes of the knowledge base's write side: fact-checks and narratives as they are
sent, narratives as they come back, and background jobs (an import's progress and report).

Shapes and lengths are checked here (422, F504); what makes a valid record (a known language,
a verdict from the rating, a first sighting before the last) is the importers' rules, applied
to what is sent (F304), so a record is held to the same rules however it arrives.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from faro.server._schemas import MarkingName, VerdictName, _In

__all__ = ["FactCheckIn", "FactCheckPatch", "JobOut", "MarkingName", "NarrativeIn",
           "NarrativeOut", "NarrativePatch"]


_SOURCE_ID = Field(default=None, min_length=1, max_length=1000, description=(
    "The record's id in its data set: with `source_dataset` and no URL, its identity "
    "(`<source_dataset>:<source_id>`)."))
_RELEASABLE = Field(default=None, max_length=100, description=(
    "Organisations (by name) a TLP:AMBER or AMBER+STRICT record may go to; other "
    "organisations do not see it."))
_LANGUAGE = Field(default=None, max_length=32, description=(
    "ISO 639 code or English name; identified from the text when absent."))


class FactCheckPatch(_In):
    """The fields a change sets; those left out keep their value, null clears one (the claim
    cannot be cleared). A new rating without a verdict sets the verdict from the rating."""

    claim: str | None = Field(default=None, min_length=1, max_length=10_000)
    language: str | None = _LANGUAGE
    verdict: VerdictName | None = Field(default=None, description=(
        "One of the seven classes; normalised from `rating` when absent."))
    rating: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=4096)
    publisher: str | None = Field(default=None, max_length=1000)
    title: str | None = Field(default=None, max_length=2000)
    claimant: str | None = Field(default=None, max_length=1000)
    review_date: date | None = None
    source_dataset: str | None = Field(default=None, max_length=128)
    marking: MarkingName | None = None
    releasable_to: list[str] | None = _RELEASABLE
    translations: dict[str, dict[str, str]] | None = Field(default=None, description=(
        'By language: the claim and title translated, e.g. {"en": {"claim": "..."}}'))


class FactCheckIn(FactCheckPatch):
    """A fact-check to store. Its id is its identity as importers make it: the normalised URL,
    else ``<source_dataset>:<source_id>``, else a digest of the claim and publisher; sending
    one again updates the record, never duplicates it."""

    claim: str = Field(min_length=1, max_length=10_000)
    source_id: str | None = _SOURCE_ID


class NarrativePatch(_In):
    """The fields a change sets, as :class:`FactCheckPatch` (title and summary cannot be
    cleared)."""

    title: str | None = Field(default=None, min_length=1, max_length=2000)
    summary: str | None = Field(default=None, min_length=1, max_length=10_000)
    language: str | None = _LANGUAGE
    debunk: str | None = Field(default=None, max_length=20_000)
    keywords: list[str] | None = Field(default=None, max_length=200)
    countries: list[str] | None = Field(default=None, max_length=300, description=(
        "ISO 3166-1 codes or English names"))
    first_seen: date | None = None
    last_seen: date | None = None
    source: str | None = Field(default=None, max_length=128)
    url: str | None = Field(default=None, max_length=4096)
    marking: MarkingName | None = None
    releasable_to: list[str] | None = _RELEASABLE
    translations: dict[str, dict[str, str]] | None = Field(default=None, description=(
        "By language: the title, summary and debunk translated"))


class NarrativeIn(NarrativePatch):
    """A known narrative to store; its id is made as a fact-check's (the summary standing for
    the claim, the source for the publisher)."""

    title: str = Field(min_length=1, max_length=2000)
    summary: str = Field(min_length=1, max_length=10_000)
    source_id: str | None = _SOURCE_ID


class NarrativeOut(BaseModel):
    id: str
    title: str
    summary: str
    language: str
    debunk: str | None
    keywords: list[str]
    countries: list[str]
    first_seen: date | None
    last_seen: date | None
    source: str | None
    url: str | None
    marking: MarkingName
    releasable_to: list[str]
    translations: dict[str, dict[str, str]] = {}


class JobOut(BaseModel):
    """A background job: an analysis of documents, or an import of knowledge-base records."""

    id: str
    kind: Literal["analysis", "import"]
    total: int
    done: int
    failed: int
    finished: bool
    errors: list[dict[str, Any]]
    """``code`` and ``message`` of what failed (an analysis's also the ``document_id``)."""
    notes: list[str]
    document_ids: list[int]
    report: dict[str, Any] | None
    """An import's, once over: ``file``, ``format``, ``records``, ``inserted``, ``updated``,
    ``unchanged``, ``notes`` and ``rejected`` (``where`` as ``file:line``, ``line``, ``code``,
    ``reason``; the first :data:`~faro.server._api_kb.SHOWN_REJECTS`, ``rejected_count`` of
    all)."""
