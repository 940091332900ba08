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
from faro.store._store import ImportCounts, KBState, Store

__all__ = ["CLI", "MATCH_STATUSES", "ROLES", "SCOPES", "Accounts", "Actor", "ApiToken",
           "AuditEntry", "ClaimFilter", "DocumentFilter", "Documents", "FactCheckFilter",
           "ImportCounts", "KBState", "KnowledgeBase", "MatchFilter", "NarrativeFilter",
           "Organisation", "Overview", "ReviewFilter", "Store", "StoredClaim",
           "StoredDocument", "StoredMatch", "StoredReview", "User", "read_audit"]
