"""The tables, as SQLAlchemy Core. Migrations in ``migrations/versions`` create and change them;
this module is what the code reads and writes through, and a test checks the two agree."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["api_tokens", "audit_log", "claims", "cluster_members", "cluster_state", "cluster_terms",
           "clusters", "documents", "factchecks", "kb_meta", "matches", "metadata", "narratives",
           "organisations", "reviews", "sessions", "sources", "users"]

metadata = sa.MetaData()

#: Key/value facts about the knowledge base: ``uid`` (fixed when the database is created) and
#: ``version`` (raised by every import or edit that changes a record). The search index is
#: stamped with both, so a stale index is told from a fresh one.
kb_meta = sa.Table(
    "kb_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

factchecks = sa.Table(
    "factchecks",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("claim", sa.Text, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("verdict", sa.String(32)),
    sa.Column("rating", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("claimant", sa.Text),
    sa.Column("review_date", sa.Date),
    sa.Column("source_dataset", sa.String(128)),
    sa.Column("marking", sa.String(24), nullable=False),
    sa.Column("releasable_to", sa.JSON, nullable=False, server_default="[]"),  # 0006
    sa.Column("translations", sa.JSON, nullable=False, server_default="{}"),  # 0007
    sa.Column("fingerprint", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_factchecks_language", "language"),
    sa.Index("ix_factchecks_verdict", "verdict"),
)

narratives = sa.Table(
    "narratives",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("debunk", sa.Text),
    sa.Column("keywords", sa.JSON, nullable=False),
    sa.Column("countries", sa.JSON, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("source", sa.String(128)),
    sa.Column("url", sa.Text),
    sa.Column("marking", sa.String(24), nullable=False),
    sa.Column("releasable_to", sa.JSON, nullable=False, server_default="[]"),  # 0006
    sa.Column("translations", sa.JSON, nullable=False, server_default="{}"),  # 0007
    sa.Column("fingerprint", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_narratives_language", "language"),
)


# -- server mode: who may read and change what (migration 0002) --------------------------------
#
# The knowledge base above is shared by every organisation on a server. Documents, their claims
# and matches belong to one organisation: ``documents.org_id`` says which, and claims and
# matches reach it through their document, so there is one owner column to filter on.

organisations = sa.Table(
    "organisations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # migration 0006: what new documents of the organisation are marked and released to
    sa.Column("default_marking", sa.String(24), nullable=False, server_default="TLP:AMBER"),
    sa.Column("default_releasable_to", sa.JSON, nullable=False, server_default="[]"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("email", sa.String(320), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('admin', 'analyst', 'viewer')", name="ck_users_role"),
    sa.Index("ix_users_org_id", "org_id"),
)

#: Only a SHA-256 digest of each token is kept; ``prefix`` (the token's first characters) lets
#: people tell their tokens apart without the secret.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("scope", sa.String(8), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("scope IN ('read', 'write', 'admin')", name="ck_api_tokens_scope"),
    sa.Index("ix_api_tokens_user_id", "user_id"),
)

#: Sign-in sessions; ``id`` is the SHA-256 digest of the cookie's secret, never the secret.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_sessions_user_id", "user_id"),
)

#: Every change, in the transaction that made it. No foreign keys: the log outlives what it
#: describes. ``actor`` names who acted (``user:3``, ``token:7``, ``cli``).
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("org_id", sa.Integer),
    sa.Column("user_id", sa.Integer),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target_kind", sa.String(32), nullable=False),
    sa.Column("target_id", sa.String(512), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Index("ix_audit_log_org_id_at", "org_id", "at"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("external_id", sa.String(512)),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.DateTime(timezone=True)),
    sa.Column("lang_hint", sa.String(16)),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("analysis", sa.JSON),
    sa.Column("created_by", sa.Integer),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("analysed_at", sa.DateTime(timezone=True)),
    # migration 0006: the document's TLP marking and releasability (its claims, matches and
    # reviews share them)
    sa.Column("marking", sa.String(24), nullable=False, server_default="TLP:AMBER"),
    sa.Column("releasable_to", sa.JSON, nullable=False, server_default="[]"),
    # migration 0005: the monitored source that brought it, its MinHash signature (NUM_PERM
    # little-endian uint32, faro.ingest.dedup) and the first document of its near-duplicate
    # group with their estimated similarity (a duplicate is stored, not analysed)
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL")),
    sa.Column("signature", sa.LargeBinary),
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL")),
    sa.Column("similarity", sa.Float),
    sa.UniqueConstraint("org_id", "external_id", name="uq_documents_org_id_external_id"),
    sa.Index("ix_documents_org_id_created_at", "org_id", "created_at"),
    sa.Index("ix_documents_source_id", "source_id"),
    sa.Index("ix_documents_duplicate_of", "duplicate_of"),
)

#: What ``faro watch`` monitors for an organisation (migration 0005): where, how often, the
#: validators of the last answer for a conditional request, the last success and error, the
#: consecutive failures the back-off counts, when it is due next, and how many of its entries
#: failed (``item_errors``; what it stored is counted from ``documents.source_id``).
sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("interval_seconds", sa.Integer, nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
    sa.Column("last_success_at", sa.DateTime(timezone=True)),
    sa.Column("last_error_at", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("item_errors", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("org_id", "name", name="uq_sources_org_id_name"),
)

#: The check-worthy claims of an analysed document (sentences scoring at least
#: ``claim_threshold`` when it was analysed); re-analysing replaces them.
claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("scorer", sa.String(32), nullable=False),
    sa.Index("ix_claims_document_id", "document_id"),
)

matches = sa.Table(
    "matches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("target_id", sa.String(512), nullable=False),
    sa.Column("target_kind", sa.String(16), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reviewed_by", sa.Integer),
    sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('suggested', 'confirmed', 'rejected')",
                       name="ck_matches_status"),
    sa.Index("ix_matches_claim_id", "claim_id"),
)

#: An analyst's review of a match (migration 0003): the verdict they give the claim, a note,
#: and the DISARM techniques (ids, ``faro.kb.disarm``) the claim shows. One per match, changed
#: in place (the audit log keeps every earlier state); it goes with its match when a document
#: is re-analysed. ``reviewer_id`` is whoever changed it last.
reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("match_id", sa.Integer, sa.ForeignKey("matches.id", ondelete="CASCADE"),
              nullable=False, unique=True),
    sa.Column("verdict", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("techniques", sa.JSON, nullable=False),
    sa.Column("reviewer_id", sa.Integer),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("verdict IN ('true', 'mostly_true', 'partly_true', 'complicated', "
                       "'other', 'mostly_false', 'false')", name="ck_reviews_verdict"),
)


# -- narratives found in an organisation's claims (migration 0004) ------------------------------
#
# Not the knowledge base's known narratives (table ``narratives`` above): these are the clusters
# ``faro.narratives.Clusterer`` builds from the claims, one organisation's each. Their volume per
# day, languages, sources and first/last day are read from the members (their claims and those
# claims' documents), never kept twice. See docs/narratives.md.

#: A narrative: the analyst's ``label`` (else the ``representative`` claim's text and the
#: ``key_terms`` name it), an analyst's link to a known narrative of the knowledge base, DISARM
#: ids tagged on it, and the clusterer's state for it (``centroid``: term -> weight, the
#: ``exemplars`` its label is chosen from), so clustering resumes after a restart.
clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("representative", sa.Text),
    sa.Column("representative_claim_id", sa.Integer,
              sa.ForeignKey("claims.id", ondelete="SET NULL")),
    sa.Column("key_terms", sa.JSON, nullable=False),
    sa.Column("kb_narrative_id", sa.String(512),
              sa.ForeignKey("narratives.id", ondelete="SET NULL")),
    sa.Column("disarm", sa.JSON, nullable=False),
    sa.Column("centroid", sa.JSON, nullable=False),
    sa.Column("exemplars", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_clusters_org_id", "org_id"),
)

#: Which narrative each clustered claim is in (one each), the claim's day (its document's
#: publication day, else the day it was added; UTC) and its cosine to the centroid when it
#: joined (1 for the claim that opened it). A claim goes with its document's re-analysis.
cluster_members = sa.Table(
    "cluster_members",
    metadata,
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Index("ix_cluster_members_cluster_id_day", "cluster_id", "day"),
)

#: The clusterer's stream of one organisation: claims read, and ``version``, drawn at random by
#: every change to the clusterer's state, so a process holding a clusterer in memory tells a
#: stale one (another process clustered since, or its own change rolled back).
cluster_state = sa.Table(
    "cluster_state",
    metadata,
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("claims", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

#: The document frequencies of the organisation's stream (claims holding each term).
cluster_terms = sa.Table(
    "cluster_terms",
    metadata,
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("term", sa.Text, primary_key=True),
    sa.Column("df", sa.Integer, nullable=False),
)
