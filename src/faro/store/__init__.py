"""Storage: SQLAlchemy Core tables, Alembic migrations and the :class:`Store` facade."""

from faro.store._accounts import ROLES, SCOPES, Accounts, ApiToken, Organisation, User
from faro.store._audit import CLI, Actor, AuditEntry, read_audit
from faro.store._documents import (
    MATCH_STATUSES,
    ClaimFilter,
    DocumentFilter,
    Documents,
    MatchFilter,
    Overview,
    ReviewFilter,
    StoredClaim,
    StoredDocument,
    StoredMatch,
    StoredReview,
)
from faro.store._kb import FactCheckFilter, KnowledgeBase, NarrativeFilter
from faro.store._sources import ListedDocument, Sources, SourceSpec, StoredSource
from faro.store._store import ImportCounts, KBState, Store

__all__ = ["CLI", "MATCH_STATUSES", "ROLES", "SCOPES", "Accounts", "Actor", "ApiToken",
           "AuditEntry", "ClaimFilter", "DocumentFilter", "Documents", "FactCheckFilter",
           "ImportCounts", "KBState", "KnowledgeBase", "ListedDocument", "MatchFilter",
           "NarrativeFilter", "Organisation", "Overview", "ReviewFilter", "SourceSpec", "Sources",
           "Store", "StoredClaim", "StoredDocument", "StoredMatch", "StoredReview",
           "StoredSource", "User", "read_audit"]
