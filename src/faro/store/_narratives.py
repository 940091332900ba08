"""The narratives found in an organisation's claims: clustering as claims are stored, the
analysts' edits (merge, split, label, links, DISARM tags), and their trends.

Not the knowledge base's known narratives (:mod:`faro.store._kb`): these are the clusters
:class:`~faro.narratives.Clusterer` builds from one organisation's claims.

**Where clustering happens.** :meth:`Documents.save_analysis` hands the claims it stores to
:meth:`Narratives.add_claims` in its own transaction, so every path that keeps an analysis (the
server's requests and jobs, ``faro ingest`` / ``faro watch``) clusters through one place, and a
claim is stored with its narrative or not at all. :meth:`Narratives.cluster_pending` clusters claims
stored before (a database older than migration 0004).

**State.** Each organisation's clusterer is kept in memory by the :class:`Narratives` of a
:class:`~faro.store.Store` and written through to the database as it changes: each narrative's
centroid and exemplars (table ``clusters``), the document frequencies (``cluster_terms``) and
the claim count (``cluster_state``). A process that finds the stored ``version`` differs
from the one its clusterer holds (another process clustered, or a transaction of its own rolled
back) reloads it from there; reloading reads rows, it does not re-read the claims (figures in
docs/narratives.md). On PostgreSQL the state row is locked (``FOR UPDATE``) while an
organisation's claims are clustered; SQLite has one writer at a time anyway.

**Derived, not kept.** A narrative's volume per day, size, first and last day, languages and
sources are read from its members (``cluster_members``: claim, day, cosine) and their documents.
"""

from __future__ import annotations

import heapq
import secrets
import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from faro._errors import InvalidRequestError, RecordNotFoundError
from faro.kb.disarm import check_techniques
from faro.model import Claim
from faro.narratives import (
    Burst,
    BurstDetector,
    BurstSettings,
    ClaimItem,
    Clusterer,
    ClusterSettings,
)
from faro.narratives._cluster import LINK_PREFIX, NarrativeCluster
from faro.store._audit import Actor, inserted_id, record, utc
from faro.store._documents import StoredDocument
from faro.store._tables import (
    claims,
    cluster_members,
    cluster_state,
    cluster_terms,
    clusters,
    documents,
    matches,
    narratives,
)

__all__ = ["DEFAULT_WINDOW_DAYS", "MAX_LABEL_CHARS", "NARRATIVE_FIELDS", "NarrativeMember",
           "Narratives", "StoredNarrative", "TrendWindow"]

#: Days a list of narratives covers when no ``since`` is given, ending on ``until``.
DEFAULT_WINDOW_DAYS = 30
MAX_LABEL_CHARS = 500
#: What an analyst changes on a narrative (:meth:`Narratives.update`).
NARRATIVE_FIELDS = ("label", "disarm", "kb_narrative_id")
#: Claims clustered per transaction by :meth:`Narratives.update`.
_BATCH = 500
#: Sources and key terms shown per narrative.
_TOP = 5


@dataclass(frozen=True, slots=True)
class TrendWindow:
    """The days a list of narratives counts, both included."""

    since: date
    until: date

    @property
    def days(self) -> list[date]:
        return [self.since + timedelta(days=i) for i in range((self.until - self.since).days + 1)]


@dataclass(frozen=True, slots=True)
class StoredNarrative:
    id: int
    org_id: int
    label: str | None
    """The analyst's label, if one was given."""
    representative: str | None
    """The text of the member nearest the centroid (among the best-placed kept)."""
    representative_claim_id: int | None
    key_terms: list[str]
    kb_narrative_id: str | None
    """The known narrative of the knowledge base an analyst linked it to."""
    link: str | None
    """The knowledge-base record (fact-check or known narrative) the clusterer found most linked
    to its claims, by the matching layer's links."""
    disarm: list[str]
    """DISARM technique ids an analyst tagged it with."""
    size: int
    """Claims in it (all days)."""
    first_seen: date | None
    last_seen: date | None
    languages: dict[str, int]
    sources: dict[str, int]
    """Its claims' documents' sources, the :data:`_TOP` commonest."""
    volume: dict[date, int]
    """Claims per day, all days up to the window's end."""
    bursts: list[Burst] = field(default_factory=list)
    """The days of the window it burst (see :mod:`faro.narratives._trends`)."""
    window_volume: int = 0
    """Claims in the window."""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def title(self) -> str:
        """What to call it: the analyst's label, else the representative claim, else its key
        terms."""
        return self.label or self.representative or ", ".join(self.key_terms) or f"#{self.id}"

    @property
    def emerging(self) -> bool:
        return bool(self.bursts)

    def as_json(self, window: TrendWindow | None = None) -> dict[str, Any]:
        """The narrative as the CLI's ``--json`` and the API give it: ``volume`` per day of the
        ``window`` (every day, zeros included), else per day with claims."""
        days = window.days if window is not None else sorted(self.volume)
        return {
            "id": self.id, "title": self.title, "label": self.label,
            "representative": self.representative,
            "representative_claim_id": self.representative_claim_id,
            "key_terms": list(self.key_terms), "languages": dict(self.languages),
            "sources": dict(self.sources),
            "first_seen": _iso(self.first_seen), "last_seen": _iso(self.last_seen),
            "size": self.size, "window_volume": self.window_volume,
            "volume": {d.isoformat(): self.volume.get(d, 0) for d in days},
            "emerging": self.emerging,
            "bursts": [{"day": b.day.isoformat(), "count": b.count,
                        "expected": round(b.expected, 4), "p_value": b.p_value,
                        "score": round(b.score, 3)} for b in self.bursts],
            "link": self.link, "kb_narrative_id": self.kb_narrative_id,
            "disarm": list(self.disarm)}

    def public(self) -> dict[str, Any]:
        """What the audit log records of a narrative."""
        return {"id": self.id, "label": self.label, "representative": self.representative,
                "key_terms": list(self.key_terms), "kb_narrative_id": self.kb_narrative_id,
                "disarm": list(self.disarm), "size": self.size}


@dataclass(frozen=True, slots=True)
class NarrativeMember:
    claim_id: int
    document_id: int
    text: str
    language: str | None
    source: str | None
    day: date
    score: float
    """The claim's cosine to the narrative's centroid when it joined (1 for the first)."""

    def as_json(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "document_id": self.document_id, "text": self.text,
                "language": self.language, "source": self.source, "day": self.day.isoformat(),
                "score": round(self.score, 4)}


@dataclass(slots=True)
class _Loaded:
    clusterer: Clusterer
    version: int


_MEMBERS = (sa.select(cluster_members, claims.c.document_id, claims.c.text,
                      documents.c.language, documents.c.source)
            .join(claims, claims.c.id == cluster_members.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id))


class Narratives:
    """The organisations' narratives in the database of ``engine``, holding each
    organisation's clusterer between calls: one per engine (:meth:`of`)."""

    _of_engine: ClassVar[weakref.WeakKeyDictionary[sa.Engine, Narratives]] = (
        weakref.WeakKeyDictionary())
    _of_engine_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, engine: sa.Engine, settings: ClusterSettings | None = None,
                 bursts: BurstSettings | None = None) -> None:
        self.engine = engine
        self.settings = settings or ClusterSettings()
        self.burst_settings = bursts or BurstSettings()
        self._lock = threading.Lock()
        self._loaded: dict[int, _Loaded] = {}

    @classmethod
    def of(cls, engine: sa.Engine) -> Narratives:
        """The one instance for ``engine`` (so a process keeps one clusterer per
        organisation, whoever stores claims)."""
        with cls._of_engine_lock:
            found = cls._of_engine.get(engine)
            if found is None:
                found = cls._of_engine[engine] = cls(engine)
            return found

    @classmethod
    def configure(cls, engine: sa.Engine, settings: ClusterSettings,
                  bursts: BurstSettings) -> Narratives:
        """Make the instance for ``engine`` one with these settings (the options' threshold
        and burst level, set when the store is opened)."""
        with cls._of_engine_lock:
            found = cls._of_engine[engine] = cls(engine, settings, bursts)
            return found

    # -- clustering ----------------------------------------------------------------------------

    def add_analysed(self, conn: sa.Connection, document: StoredDocument, language: str,
                     stored: Sequence[tuple[int, Claim]]) -> list[int]:
        """Cluster the claims just stored for an analysed ``document`` (``(claim id, claim)``),
        in ``language``, on day :func:`claim_day`, linked to their matches not rejected."""
        day = claim_day(document.published, document.created_at)
        return self.add_claims(conn, document.org_id, [
            (claim_id, day, ClaimItem(str(claim_id), claim.text, language or "und", day,
                                      document.source, tuple(
                                          (m.target_id, m.confidence)
                                          for m in sorted(claim.matches,
                                                          key=lambda m: -m.confidence)
                                          if m.status != "rejected")))
            for claim_id, claim in stored])

    def add_claims(self, conn: sa.Connection, org_id: int,
                   items: Sequence[tuple[int, date, ClaimItem]]) -> list[int]:
        """Cluster stored claims ``(claim id, day, item)``, in order, on ``conn`` (the caller's
        transaction); return each claim's narrative id."""
        if not items:
            return []
        with self._lock:
            try:
                return self._add(conn, org_id, items)
            except BaseException:
                self._loaded.pop(org_id, None)
                raise

    def cluster_pending(self, org_id: int) -> int:
        """Cluster the organisation's claims that are in no narrative yet (stored before
        clustering existed), oldest day first; return how many."""
        done = 0
        while True:
            with self.engine.begin() as conn:
                rows = conn.execute(
                    _unclustered(org_id)
                    .order_by(sa.func.coalesce(documents.c.published, documents.c.created_at),
                              claims.c.id)
                    .limit(_BATCH)).all()
                if not rows:
                    return done
                links = _links(conn, [r.id for r in rows])
                items = []
                for r in rows:
                    day = claim_day(r.published, r.created_at)
                    items.append((r.id, day, ClaimItem(
                        str(r.id), r.text, r.language or "und", day, r.source,
                        links.get(r.id, ()))))
                self.add_claims(conn, org_id, items)
                done += len(rows)

    def recluster(self, org_id: int, actor: Actor) -> tuple[int, int]:
        """Forget the organisation's narratives and cluster all its claims again with the
        current settings (after a change of ``narrative_threshold``): analysts' labels,
        merges, splits, tags and links go with them. One audit entry ``narrative.recluster``;
        the narratives before, and the claims clustered. Interrupted, the claims not yet
        clustered are clustered by :meth:`cluster_pending` (``faro narratives update``)."""
        with self.engine.begin() as conn:
            _lock_state(conn, org_id)
            ids = sa.select(clusters.c.id).where(clusters.c.org_id == org_id)
            before = conn.execute(sa.select(sa.func.count()).select_from(
                ids.subquery())).scalar_one()
            conn.execute(cluster_members.delete().where(cluster_members.c.cluster_id.in_(ids)))
            conn.execute(clusters.delete().where(clusters.c.org_id == org_id))
            conn.execute(cluster_terms.delete().where(cluster_terms.c.org_id == org_id))
            conn.execute(cluster_state.update().where(cluster_state.c.org_id == org_id).values(
                claims=0, version=_token(), updated_at=datetime.now(UTC)))
            record(conn, actor, "narrative.recluster", "organisation", org_id, org_id=org_id,
                   before={"narratives": before},
                   after={"threshold": self.settings.threshold})
        self._loaded.pop(org_id, None)
        return before, self.cluster_pending(org_id)

    def pending(self, org_id: int) -> int:
        """How many of the organisation's claims are in no narrative yet."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(
                _unclustered(org_id).subquery())).scalar_one()

    def _add(self, conn: sa.Connection, org_id: int,
             items: Sequence[tuple[int, date, ClaimItem]]) -> list[int]:
        loaded = self._clusterer(conn, org_id)
        clusterer = loaded.clusterer
        now = datetime.now(UTC)
        evicted: dict[int, NarrativeCluster] = {}
        df_before = clusterer.df
        terms: Counter[str] = Counter()
        placed: list[int] = []
        members = []
        clusterer.new_id = lambda: inserted_id(conn.execute(clusters.insert().values(
            org_id=org_id, key_terms=[], disarm=[], centroid={}, exemplars=[],
            created_at=now, updated_at=now)))
        clusterer.on_evict = lambda cluster: evicted.__setitem__(cluster.id, cluster)
        try:
            for claim_id, day, item in items:
                placement = clusterer.place(item)
                placed.append(placement.id)
                terms.update(t for t in placement.vector if not t.startswith(LINK_PREFIX))
                members.append({"claim_id": claim_id, "cluster_id": placement.id, "day": day,
                                "score": placement.score})
        finally:
            clusterer.new_id = None
            clusterer.on_evict = None
        conn.execute(cluster_members.insert(), members)
        if clusterer.df is not df_before:  # the clusterer dropped the terms seen once
            conn.execute(cluster_terms.delete().where(cluster_terms.c.org_id == org_id,
                                                      cluster_terms.c.df <= 1))
        _count_terms(conn, org_id, terms)
        touched = [clusterer.active.get(cid) or evicted[cid] for cid in dict.fromkeys(placed)]
        _drop_gone_exemplars(conn, touched)
        for cluster in touched:
            _save_cluster(conn, cluster, now)
        self._bump(conn, org_id, loaded)
        return placed

    def _clusterer(self, conn: sa.Connection, org_id: int) -> _Loaded:
        """The organisation's clusterer as the database has it (its state row locked on
        PostgreSQL until the transaction ends)."""
        state = _lock_state(conn, org_id)
        loaded = self._loaded.get(org_id)
        if loaded is not None and loaded.version == state.version:
            return loaded
        clusterer = Clusterer(self.settings)
        clusterer.df = dict(conn.execute(sa.select(cluster_terms.c.term, cluster_terms.c.df)
                                         .where(cluster_terms.c.org_id == org_id)).all())
        clusterer.claims = state.claims
        rows = conn.execute(
            sa.select(clusters.c.id, clusters.c.centroid, clusters.c.exemplars)
            .where(clusters.c.org_id == org_id)
            .order_by(clusters.c.updated_at.desc(), clusters.c.id.desc())
            .limit(self.settings.max_active)).all()
        for row in reversed(rows):  # least recently joined first, as the clusterer keeps them
            clusterer.restore(_cluster_of(row))
        loaded = self._loaded[org_id] = _Loaded(clusterer, state.version)
        return loaded

    def _bump(self, conn: sa.Connection, org_id: int, loaded: _Loaded) -> None:
        loaded.version = _token()
        conn.execute(cluster_state.update().where(cluster_state.c.org_id == org_id).values(
            claims=loaded.clusterer.claims, version=loaded.version,
            updated_at=datetime.now(UTC)))

    # -- analysts' edits -----------------------------------------------------------------------

    def merge(self, org_id: int, keep: int, other: int, actor: Actor) -> StoredNarrative:
        """Merge narrative ``other`` into ``keep``: its claims move, its centroid adds to
        ``keep``'s; ``keep`` keeps its label (else takes ``other``'s), DISARM tags are joined
        and a link to a known narrative kept (else taken). One audit entry ``narrative.merge``
        with both before and the result after."""
        if keep == other:
            raise InvalidRequestError("a narrative cannot be merged into itself")
        with self._lock, self.engine.begin() as conn:
            try:
                loaded = self._clusterer(conn, org_id)
                a, b = self._get(conn, org_id, keep), self._get(conn, org_id, other)
                clusterer = loaded.clusterer
                for row_id in (keep, other):
                    self._activate(conn, clusterer, row_id)
                merged = clusterer.merge(keep, other)
                conn.execute(cluster_members.update()
                             .where(cluster_members.c.cluster_id == other)
                             .values(cluster_id=keep))
                conn.execute(clusters.delete().where(clusters.c.id == other))
                now = datetime.now(UTC)
                _save_cluster(conn, merged, now, label=a.label or b.label,
                              disarm=sorted(set(a.disarm) | set(b.disarm)),
                              kb_narrative_id=a.kb_narrative_id or b.kb_narrative_id)
                self._bump(conn, org_id, loaded)
                after = self._full(conn, org_id, keep)
                record(conn, actor, "narrative.merge", "cluster", keep, org_id=org_id,
                       before={"kept": a.public(), "merged": b.public()}, after=after.public())
            except BaseException:
                self._loaded.pop(org_id, None)
                raise
        return after

    def split(self, org_id: int, narrative: int, claim_ids: Sequence[int], actor: Actor, *,
              label: str | None = None) -> tuple[StoredNarrative, StoredNarrative]:
        """Move the claims ``claim_ids`` of ``narrative`` to a new narrative (with ``label``,
        if given). Both centroids are rebuilt from their members' texts and links; the kept
        one keeps its label, links and tags. One audit entry ``narrative.split``. Returns
        (the narrative split, the new one)."""
        wanted = sorted(set(claim_ids))
        if not wanted:
            raise InvalidRequestError("name at least one claim to split off")
        new_label = _label(label)
        with self._lock, self.engine.begin() as conn:
            try:
                loaded = self._clusterer(conn, org_id)
                before = self._get(conn, org_id, narrative)
                rows = _member_items(conn, narrative)
                moving = [r for r in rows if r[0] in set(wanted)]
                missing = sorted(set(wanted) - {r[0] for r in moving})
                if missing:
                    raise InvalidRequestError(
                        f"not claims of narrative {narrative}: "
                        f"{', '.join(str(m) for m in missing)}")
                if len(moving) == len(rows):
                    raise InvalidRequestError("a split leaves at least one claim where it was")
                now = datetime.now(UTC)
                new_id = inserted_id(conn.execute(clusters.insert().values(
                    org_id=org_id, label=new_label, key_terms=[], disarm=[], centroid={},
                    exemplars=[], created_at=now, updated_at=now)))
                for chunk in _chunks(wanted):
                    conn.execute(cluster_members.update()
                                 .where(cluster_members.c.claim_id.in_(chunk))
                                 .values(cluster_id=new_id))
                clusterer = loaded.clusterer
                clusterer.discard(narrative)
                kept = [r for r in rows if r[0] not in set(wanted)]
                for cid, group in ((narrative, kept), (new_id, moving)):
                    cluster = _rebuild(clusterer, cid, [item for _, item in group])
                    clusterer.restore(cluster)
                    _save_cluster(conn, cluster, now)
                self._bump(conn, org_id, loaded)
                old, new = (self._full(conn, org_id, narrative),
                            self._full(conn, org_id, new_id))
                record(conn, actor, "narrative.split", "cluster", narrative, org_id=org_id,
                       before=before.public(),
                       after={"kept": old.public(), "new": new.public(), "claims": wanted})
            except BaseException:
                self._loaded.pop(org_id, None)
                raise
        return old, new

    def update(self, org_id: int, narrative: int, changes: dict[str, Any],
               actor: Actor) -> StoredNarrative:
        """An analyst's change: any of :data:`NARRATIVE_FIELDS` — ``label`` (empty: back to
        the representative claim), ``disarm`` (DISARM technique ids; the list replaces the
        old one), ``kb_narrative_id`` (a known narrative's id, or empty for none). One audit
        entry ``narrative.update`` with before and after."""
        values = self._values(changes)
        with self.engine.begin() as conn:
            before = self._get(conn, org_id, narrative)
            if "kb_narrative_id" in values and values["kb_narrative_id"] is not None:
                known = conn.execute(sa.select(narratives.c.id).where(
                    narratives.c.id == values["kb_narrative_id"])).first()
                if known is None:
                    raise RecordNotFoundError(
                        f"no known narrative {values['kb_narrative_id']!r} in the knowledge "
                        "base")
            conn.execute(clusters.update().where(clusters.c.id == narrative)
                         .values(values | {"updated_at": datetime.now(UTC)}))
            after = self._full(conn, org_id, narrative)
            record(conn, actor, "narrative.update", "cluster", narrative, org_id=org_id,
                   before=before.public(), after=after.public())
        return after

    @staticmethod
    def _values(changes: dict[str, Any]) -> dict[str, Any]:
        if not changes:
            raise InvalidRequestError(f"a change sets at least one of "
                                      f"{', '.join(NARRATIVE_FIELDS)}")
        unknown = set(changes) - set(NARRATIVE_FIELDS)
        if unknown:
            raise InvalidRequestError(f"a narrative has no field {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        if "label" in changes:
            values["label"] = _label(changes["label"])
        if "disarm" in changes:
            values["disarm"] = check_techniques(changes["disarm"] or [])
        if "kb_narrative_id" in changes:
            values["kb_narrative_id"] = (changes["kb_narrative_id"] or "").strip() or None
        return values

    def _activate(self, conn: sa.Connection, clusterer: Clusterer, narrative: int) -> None:
        """Bring a narrative the clusterer evicted back from its row."""
        if narrative not in clusterer.active:
            row = conn.execute(sa.select(clusters.c.id, clusters.c.centroid,
                                         clusters.c.exemplars)
                               .where(clusters.c.id == narrative)).one()
            clusterer.restore(_cluster_of(row))

    # -- reading -------------------------------------------------------------------------------

    def get(self, org_id: int, narrative: int, *, until: date | None = None) -> StoredNarrative:
        """One narrative, its volume per day (all days) and the days it burst in the
        :data:`DEFAULT_WINDOW_DAYS` ending ``until`` (its last day when not given)."""
        with self.engine.connect() as conn:
            return self._full(conn, org_id, narrative, until)

    def _full(self, conn: sa.Connection, org_id: int, narrative: int,
              until: date | None = None) -> StoredNarrative:
        found = self._get(conn, org_id, narrative)
        days = conn.execute(sa.select(sa.func.max(cluster_members.c.day)).where(
            cluster_members.c.cluster_id == narrative)).scalar_one()
        end = until or days or datetime.now(UTC).date()
        window = TrendWindow(end - timedelta(days=DEFAULT_WINDOW_DAYS - 1), end)
        return self._with_stats(conn, [found], window)[0]

    def _get(self, conn: sa.Connection, org_id: int, narrative: int) -> StoredNarrative:
        row = conn.execute(sa.select(clusters).where(clusters.c.id == narrative,
                                                     clusters.c.org_id == org_id)).first()
        if row is None:
            raise RecordNotFoundError(f"no narrative {narrative}")
        size = conn.execute(sa.select(sa.func.count()).where(
            cluster_members.c.cluster_id == narrative)).scalar_one()
        return _narrative(row, size)

    def window(self, org_id: int, since: date | None = None,
               until: date | None = None) -> TrendWindow:
        """The days a list covers: to ``until`` (else the organisation's last day with a
        clustered claim, else today), from ``since`` (else :data:`DEFAULT_WINDOW_DAYS` before)."""
        if until is None:
            with self.engine.connect() as conn:
                until = conn.execute(
                    sa.select(sa.func.max(cluster_members.c.day))
                    .join(clusters, clusters.c.id == cluster_members.c.cluster_id)
                    .where(clusters.c.org_id == org_id)).scalar_one()
            until = until or datetime.now(UTC).date()
            if since is not None and since > until:
                until = since
        if since is None:
            since = until - timedelta(days=DEFAULT_WINDOW_DAYS - 1)
        if since > until:
            raise InvalidRequestError(f"since ({since.isoformat()}) is after until "
                                      f"({until.isoformat()})")
        return TrendWindow(since, until)

    def find(self, org_id: int, *, since: date | None = None, until: date | None = None,
             emerging: bool = False, limit: int = 20, offset: int = 0,
             ) -> tuple[list[StoredNarrative], TrendWindow]:
        """The organisation's narratives with claims in the window, most claims in it first —
        or, with ``emerging``, those that burst in it, most surprising burst first — each with
        its volume per day and bursts; and the window."""
        window = self.window(org_id, since, until)
        in_window = sa.and_(clusters.c.org_id == org_id,
                            cluster_members.c.day >= window.since,
                            cluster_members.c.day <= window.until)
        with self.engine.connect() as conn:
            if emerging:
                # only a narrative with min_count claims on a day of the window can burst
                ids = list(conn.execute(
                    sa.select(cluster_members.c.cluster_id).distinct()
                    .join(clusters, clusters.c.id == cluster_members.c.cluster_id)
                    .where(in_window)
                    .group_by(cluster_members.c.cluster_id, cluster_members.c.day)
                    .having(sa.func.count() >= self.burst_settings.min_count)).scalars())
            else:
                n = sa.func.count().label("n")
                ids = list(conn.execute(
                    sa.select(cluster_members.c.cluster_id, n)
                    .join(clusters, clusters.c.id == cluster_members.c.cluster_id)
                    .where(in_window).group_by(cluster_members.c.cluster_id)
                    .order_by(sa.desc("n"), cluster_members.c.cluster_id)
                    .limit(limit).offset(offset)).scalars())
            found = self._rows(conn, org_id, ids)
            listed = self._with_stats(conn, found, window)
        if emerging:
            listed = [n for n in listed if n.emerging]
            listed.sort(key=lambda n: (-max(b.score for b in n.bursts), n.id))
            listed = listed[offset:offset + limit]
        else:
            order = {cid: i for i, cid in enumerate(ids)}
            listed.sort(key=lambda n: order[n.id])
        return listed, window

    def members(self, org_id: int, narrative: int, *, limit: int = 50, offset: int = 0,
                ) -> tuple[list[NarrativeMember], int]:
        """The narrative's claims, newest day first, and how many it has."""
        with self.engine.connect() as conn:
            total = self._get(conn, org_id, narrative).size
            rows = conn.execute(
                _MEMBERS.where(cluster_members.c.cluster_id == narrative)
                .order_by(cluster_members.c.day.desc(), cluster_members.c.claim_id.desc())
                .limit(limit).offset(offset)).all()
        return [NarrativeMember(claim_id=r.claim_id, document_id=r.document_id, text=r.text,
                                language=r.language, source=r.source, day=r.day,
                                score=r.score) for r in rows], total

    def narrative_of(self, org_id: int, claim_id: int) -> int | None:
        """The narrative the organisation's claim is in, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(cluster_members.c.cluster_id)
                .join(clusters, clusters.c.id == cluster_members.c.cluster_id)
                .where(cluster_members.c.claim_id == claim_id,
                       clusters.c.org_id == org_id)).scalar()

    def _rows(self, conn: sa.Connection, org_id: int, ids: Sequence[int],
              ) -> list[StoredNarrative]:
        found: list[StoredNarrative] = []
        for chunk in _chunks(list(ids)):
            sizes: dict[int, int] = dict(conn.execute(
                sa.select(cluster_members.c.cluster_id, sa.func.count())
                .where(cluster_members.c.cluster_id.in_(chunk))
                .group_by(cluster_members.c.cluster_id)).all())
            found += [_narrative(row, sizes.get(row.id, 0)) for row in conn.execute(
                sa.select(clusters).where(clusters.c.id.in_(chunk),
                                          clusters.c.org_id == org_id))]
        return found

    def _with_stats(self, conn: sa.Connection, found: Sequence[StoredNarrative],
                    window: TrendWindow) -> list[StoredNarrative]:
        """``found`` with their volume per day up to the window's end, bursts in the window,
        languages and sources."""
        volume: dict[int, dict[date, int]] = {n.id: {} for n in found}
        languages: dict[int, dict[str, int]] = {n.id: {} for n in found}
        sources: dict[int, Counter[str]] = {n.id: Counter() for n in found}
        ids = list(volume)
        for chunk in _chunks(ids):
            for cid, day, n in conn.execute(
                    sa.select(cluster_members.c.cluster_id, cluster_members.c.day,
                              sa.func.count())
                    .where(cluster_members.c.cluster_id.in_(chunk))
                    .group_by(cluster_members.c.cluster_id, cluster_members.c.day)):
                volume[cid][day] = n
            by_doc = (sa.select(cluster_members.c.cluster_id, documents.c.language,
                                documents.c.source, sa.func.count())
                      .join(claims, claims.c.id == cluster_members.c.claim_id)
                      .join(documents, documents.c.id == claims.c.document_id)
                      .where(cluster_members.c.cluster_id.in_(chunk))
                      .group_by(cluster_members.c.cluster_id, documents.c.language,
                                documents.c.source))
            for cid, language, source, n in conn.execute(by_doc):
                lang = language or "und"
                languages[cid][lang] = languages[cid].get(lang, 0) + n
                if source:
                    sources[cid][source] += n
        out = []
        for narrative in found:
            days = volume[narrative.id]
            detector: BurstDetector[int] = BurstDetector(self.burst_settings)
            bursts = [b for day in sorted(d for d in days if d <= window.until)
                      for _, b in detector.day(day, {narrative.id: days[day]})
                      if day >= window.since]
            out.append(replace(
                narrative, first_seen=min(days, default=None), last_seen=max(days, default=None),
                languages=dict(sorted(languages[narrative.id].items(), key=lambda kv: -kv[1])),
                sources=dict(sources[narrative.id].most_common(_TOP)),
                volume={d: n for d, n in sorted(days.items()) if d <= window.until},
                bursts=bursts,
                window_volume=sum(n for d, n in days.items()
                                  if window.since <= d <= window.until)))
        return out


# -- helpers -------------------------------------------------------------------------------------


def _token() -> int:
    """A new ``cluster_state.version``: random rather than counted, so a clusterer whose own
    change rolled back never matches a version another process wrote since."""
    return secrets.randbelow(2**31 - 1) + 1


def claim_day(published: datetime | None, created_at: datetime) -> date:
    """The day a claim counts on: its document's publication day, else the day it was added
    (UTC), as the documents' date filters read it."""
    return utc(published if published is not None else created_at).date()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _label(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidRequestError("a label is text")
    label = " ".join((value or "").split()) or None
    if label is not None and len(label) > MAX_LABEL_CHARS:
        raise InvalidRequestError(f"a label has at most {MAX_LABEL_CHARS} characters")
    return label


def _unclustered(org_id: int) -> sa.Select[Any]:
    """The organisation's claims in no narrative, with what clustering reads of them."""
    return (sa.select(claims.c.id, claims.c.text, documents.c.language, documents.c.source,
                      documents.c.published, documents.c.created_at)
            .join(documents, documents.c.id == claims.c.document_id)
            .outerjoin(cluster_members, cluster_members.c.claim_id == claims.c.id)
            .where(documents.c.org_id == org_id, cluster_members.c.claim_id.is_(None)))


def _links(conn: sa.Connection, claim_ids: Sequence[int],
           ) -> dict[int, tuple[tuple[str, float], ...]]:
    """The claims' matches an analyst has not rejected, most confident first: the clusterer's
    links to known records."""
    out: dict[int, list[tuple[str, float]]] = {}
    for chunk in _chunks(list(claim_ids)):
        for claim_id, target, confidence in conn.execute(
                sa.select(matches.c.claim_id, matches.c.target_id, matches.c.confidence)
                .where(matches.c.claim_id.in_(chunk), matches.c.status != "rejected")
                .order_by(matches.c.claim_id, matches.c.confidence.desc(), matches.c.id)):
            out.setdefault(claim_id, []).append((target, confidence))
    return {k: tuple(v) for k, v in out.items()}


def _member_items(conn: sa.Connection, narrative: int) -> list[tuple[int, ClaimItem]]:
    rows = conn.execute(_MEMBERS.where(cluster_members.c.cluster_id == narrative)
                        .order_by(cluster_members.c.day, cluster_members.c.claim_id)).all()
    links = _links(conn, [r.claim_id for r in rows])
    return [(r.claim_id, ClaimItem(str(r.claim_id), r.text, r.language or "und", r.day,
                                   r.source, links.get(r.claim_id, ()))) for r in rows]


def _rebuild(clusterer: Clusterer, cid: int, items: Iterable[ClaimItem]) -> NarrativeCluster:
    """A narrative's centroid and exemplars anew from its members (by the document
    frequencies as they are now); its exemplars the members nearest the new centroid."""
    cluster = NarrativeCluster(cid)
    vectors = []
    for item in items:
        vector = clusterer.vector(item)
        vectors.append((item, vector))
        for term, weight in vector.items():
            cluster.centroid[term] = cluster.centroid.get(term, 0.0) + weight
    limit = 2 * clusterer.settings.max_terms
    if len(cluster.centroid) > limit:
        cluster.centroid = dict(heapq.nlargest(clusterer.settings.max_terms,
                                               cluster.centroid.items(), key=lambda kv: kv[1]))
    scored = [(cluster.cosine(v), item.id, item.text, item.language) for item, v in vectors]
    cluster.exemplars = heapq.nlargest(3, scored)
    heapq.heapify(cluster.exemplars)
    return cluster


def _drop_gone_exemplars(conn: sa.Connection, touched: Sequence[NarrativeCluster]) -> None:
    """Forget the exemplars that are no longer members (their document was analysed again),
    so a label never names a claim that is gone."""
    ids = list({int(e[1]) for cluster in touched for e in cluster.exemplars})
    present: set[tuple[int, int]] = set()
    for chunk in _chunks(ids):
        present.update((claim_id, cid) for claim_id, cid in conn.execute(
            sa.select(cluster_members.c.claim_id, cluster_members.c.cluster_id)
            .where(cluster_members.c.claim_id.in_(chunk))))
    for cluster in touched:
        kept = [e for e in cluster.exemplars if (int(e[1]), cluster.id) in present]
        if len(kept) < len(cluster.exemplars):
            heapq.heapify(kept)
            cluster.exemplars = kept


def _cluster_of(row: sa.Row[*tuple[Any, ...]]) -> NarrativeCluster:
    exemplars = [(float(s), str(i), str(t), str(lang)) for s, i, t, lang in row.exemplars]
    heapq.heapify(exemplars)
    return NarrativeCluster(row.id, centroid=dict(row.centroid), exemplars=exemplars)


def _save_cluster(conn: sa.Connection, cluster: NarrativeCluster, now: datetime,
                  **extra: Any) -> None:
    """Write the clusterer's state of a narrative, and the label it gives it, to its row."""
    representative = cluster.representative()
    conn.execute(clusters.update().where(clusters.c.id == cluster.id).values(
        centroid=cluster.centroid, exemplars=[list(e) for e in cluster.exemplars],
        representative=representative[1] if representative else None,
        representative_claim_id=int(representative[0]) if representative else None,
        key_terms=cluster.key_terms(_TOP), updated_at=now, **extra))


def _lock_state(conn: sa.Connection, org_id: int) -> sa.Row[*tuple[Any, ...]]:
    """The organisation's state row, created when missing, locked on PostgreSQL."""
    query = sa.select(cluster_state).where(cluster_state.c.org_id == org_id).with_for_update()
    row = conn.execute(query).first()
    if row is None:
        conn.execute(_insert(conn, cluster_state).values(
            org_id=org_id, claims=0, version=_token(),
            updated_at=datetime.now(UTC)).on_conflict_do_nothing())
        row = conn.execute(query).one()
    return row


def _count_terms(conn: sa.Connection, org_id: int, terms: Counter[str]) -> None:
    """Add ``terms`` to the organisation's document frequencies."""
    if not terms:
        return
    stmt = _insert(conn, cluster_terms)
    stmt = stmt.on_conflict_do_update(index_elements=["org_id", "term"],
                                      set_={"df": cluster_terms.c.df + stmt.excluded.df})
    items = sorted(terms.items())  # one order for every writer: no deadlock between them
    for chunk in _chunks(items):
        conn.execute(stmt, [{"org_id": org_id, "term": t, "df": n} for t, n in chunk])


def _insert(conn: sa.Connection, table: sa.Table) -> Any:
    """An ``INSERT`` with ``ON CONFLICT`` clauses in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _narrative(row: sa.Row[*tuple[Any, ...]], size: int) -> StoredNarrative:
    m = row._mapping
    links = [(w, t) for t, w in (m["centroid"] or {}).items() if t.startswith(LINK_PREFIX)]
    return StoredNarrative(
        id=m["id"], org_id=m["org_id"], label=m["label"], representative=m["representative"],
        representative_claim_id=m["representative_claim_id"],
        key_terms=list(m["key_terms"] or []), kb_narrative_id=m["kb_narrative_id"],
        link=max(links)[1].removeprefix(LINK_PREFIX) if links else None,
        disarm=list(m["disarm"] or []), size=size, first_seen=None, last_seen=None,
        languages={}, sources={}, volume={}, created_at=utc(m["created_at"]),
        updated_at=utc(m["updated_at"]))


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
