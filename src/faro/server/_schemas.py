"""The JSON shapes of the REST API (pydantic models; the OpenAPI schema is made from them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["AuditOut", "ClaimOut", "DocumentDetail", "DocumentIn", "DocumentOut", "FactCheckOut",
           "ImportResult", "MarkingIn", "MarkingName", "MatchOut", "Page", "ReviewIn", "ReviewOut",
           "SignIn", "SignedIn", "TechniqueOut", "TokenCreated", "TokenIn", "TokenOut", "UserIn",
           "UserOut", "UserPatch", "VerdictName"]

T = TypeVar("T")

Role = Literal["admin", "analyst", "viewer"]
Scope = Literal["read", "write", "admin"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class SignIn(_In):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class UserOut(BaseModel):
    id: int
    org_id: int
    email: str
    role: Role
    active: bool
    created_at: datetime


class SignedIn(BaseModel):
    user: UserOut
    csrf_token: str
    """Send it back as the X-CSRF-Token header (or csrf_token form field) with every change."""


class UserIn(_In):
    email: str = Field(max_length=320)
    role: Role
    password: str = Field(min_length=12, max_length=1024)


class UserPatch(_In):
    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=1024)


class TokenIn(_In):
    name: str = Field(min_length=1, max_length=200)
    scope: Scope = "read"


class TokenOut(BaseModel):
    id: int
    user_id: int
    name: str
    prefix: str
    scope: Scope
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str
    """The secret: shown this once, never stored."""


MarkingName = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
"""The TLP 2.0 markings of :class:`faro.model.Marking`."""
_RELEASED = Field(default=None, max_length=100, description=(
    "Organisations (by name) a TLP:AMBER or AMBER+STRICT object may go to."))


class MarkingIn(_In):
    """A TLP 2.0 marking and the organisations an AMBER one is released to."""

    marking: MarkingName
    releasable_to: list[str] = Field(default_factory=list, max_length=100)


class DocumentIn(_In):
    text: str = Field(min_length=1)
    id: str | None = Field(default=None, max_length=512,
                           description="Your id for it; unique within the organisation.")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = Field(default=None, max_length=16,
                             description="ISO 639 code, instead of identifying the language.")
    published: datetime | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    marking: MarkingName | None = Field(default=None, description=(
        "TLP 2.0 marking; the organisation's default when absent."))
    releasable_to: list[str] | None = _RELEASED


class DocumentOut(BaseModel):
    id: int
    external_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: datetime | None
    language: str | None
    status: Literal["new", "analysed", "duplicate"]
    created_at: datetime
    analysed_at: datetime | None
    marking: MarkingName
    releasable_to: list[str]


class DocumentDetail(DocumentOut):
    text: str
    metadata: dict[str, Any]
    analysis: dict[str, Any] | None
    """The analysed document in faro's JSON form (docs/json-output.md), once analysed."""


class ImportResult(BaseModel):
    created: list[DocumentOut]
    existing: list[str]
    """Ids of records the organisation holds already, left out."""
    errors: list[dict[str, Any]]
    """Records that could not be read: ``code``, ``message``, ``line``."""


class FactCheckOut(BaseModel):
    id: str
    claim: str
    language: str
    verdict: str | None
    rating: str | None
    url: str | None
    publisher: str | None
    title: str | None
    claimant: str | None
    review_date: str | None
    marking: str
    releasable_to: list[str] = []
    """Organisations an AMBER record may go to."""
    translations: dict[str, dict[str, str]] = {}
    """The claim and title translated, by language."""


VerdictName = Literal["true", "mostly_true", "partly_true", "complicated", "other",
                      "mostly_false", "false"]
"""The seven classes of :class:`faro.model.Verdict` (a test keeps them in step)."""


class TechniqueOut(BaseModel):
    id: str
    """A DISARM technique id: ``T0002``, ``T0014.001``."""
    name: str


class ReviewIn(_In):
    """What a review sets; the fields left out keep their value."""

    status: Literal["suggested", "confirmed", "rejected"] | None = None
    """The match's status (left as it is when absent or null)."""
    verdict: VerdictName | None = None
    """The verdict the analyst gives the claim; null clears it."""
    note: str | None = Field(default=None, max_length=10_000)
    techniques: list[str] | None = Field(default=None, max_length=50)
    """DISARM technique ids (``GET /api/v1/disarm/techniques``); they replace the earlier
    ones."""


class ReviewOut(BaseModel):
    match_id: int
    claim_id: int
    document_id: int
    verdict: VerdictName | None
    note: str | None
    techniques: list[TechniqueOut]
    reviewer_id: int | None
    created_at: datetime
    updated_at: datetime


class MatchOut(BaseModel):
    id: int | None
    """``None`` for a search result, which is not stored."""
    claim_id: int | None
    target_id: str
    target_kind: Literal["factcheck", "narrative"]
    score: float
    confidence: float
    status: Literal["suggested", "confirmed", "rejected"]
    verdict: str | None = None
    text: str | None = None
    title: str | None = None
    rating: str | None = None
    url: str | None = None
    source: str | None = None
    reviewed_by: int | None = None
    reviewed_at: datetime | None = None
    review: ReviewOut | None = None
    """The analysts' verdict, note and DISARM techniques, once reviewed."""


class ClaimOut(BaseModel):
    id: int
    document_id: int
    sentence: int
    start: int
    end: int
    text: str
    score: float
    scorer: str
    language: str | None
    matches: list[MatchOut] = Field(default_factory=list)


class AuditOut(BaseModel):
    id: int
    at: datetime
    user_id: int | None
    actor: str
    action: str
    target_kind: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
