"""The knowledge base as TAXII 2.1 collections: what each caller may read, filtered and paged,
and what a partner pushes, imported.

One collection per TLP marking that may leave faro (``faro-clear``, ``faro-green``,
``faro-amber``, ``faro-amber-strict``; a RED record never leaves faro, so there is no RED
collection). A collection is listed and readable by an organisation only when
:func:`~faro.sharing.may_release` lets its marking go to it on ``Channel.TAXII``: CLEAR and GREEN
to every organisation; AMBER and AMBER+STRICT to the organisations some record of that marking
is releasable to, and each object then only when its own record is.

The objects are :func:`~faro.sharing.bundle_records`' STIX objects of each record (stable ids),
with the producer's identity and the marking's definition; a record is one version of each of
its objects: ``created`` is the record's review day (else when faro first stored it),
``modified`` when faro last changed it, and ``date_added`` that moment too, so polling with
``added_after`` finds every change. They are built once per knowledge-base version and kept in
memory (a few thousand records: a few MB), so a request filters and pages in memory.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from faro._errors import InvalidRequestError, MalformedSharingError, RecordNotFoundError
from faro.model import FactCheck, Marking, Narrative
from faro.sharing import (
    TLP_DEFINITIONS,
    Audience,
    Channel,
    bundle_records,
    may_release,
    read_bundle,
)
from faro.sharing._stix import TLP_IDS
from faro.store import Actor, Store
from faro.store._audit import utc
from faro.store._tables import factchecks, narratives

__all__ = ["COLLECTIONS", "Catalogue", "Entry", "Query", "Statuses", "page", "push",
           "stamp"]

KBRecord = FactCheck | Narrative

#: Collection id -> the marking of the records it holds.
FINDINGS_PREFIX = "findings-"


def findings_collection(org_id: int) -> str:
    """The id of organisation ``org_id``'s findings collection."""
    return f"{FINDINGS_PREFIX}{org_id}"


def findings_owner(collection: str) -> int | None:
    """The organisation whose findings ``collection`` holds (None: a knowledge-base one)."""
    number = collection.removeprefix(FINDINGS_PREFIX)
    return int(number) if collection.startswith(FINDINGS_PREFIX) and number.isdigit() \
        else None


COLLECTIONS: dict[str, Marking] = {
    "faro-clear": Marking.CLEAR, "faro-green": Marking.GREEN, "faro-amber": Marking.AMBER,
    "faro-amber-strict": Marking.AMBER_STRICT}
#: Markings from the least to the most restrictive.
_RANK = {m: i for i, m in enumerate((Marking.CLEAR, Marking.GREEN, Marking.AMBER,
                                     Marking.AMBER_STRICT, Marking.RED))}
_KIND_OF = {FactCheck: "factcheck", Narrative: "narrative"}
#: Objects a partner's envelope may carry that are read, not stored on their own.
_SUPPORT = frozenset({"identity", "marking-definition", "extension-definition"})
#: Objects per page when the client asks for no limit, and the most a page holds.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def stamp(moment: datetime) -> str:
    """A TAXII/STIX timestamp, to the microsecond (``date_added`` orders pages)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _millis(moment: datetime) -> str:
    """A STIX ``modified``, to the millisecond as STIX 2.1 asks."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_time(value: str, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRequestError(f"{what} must be a timestamp like 2024-05-01T12:00:00.000Z, "
                                  f"not {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    """One STIX object of a collection, at its one version."""

    obj: dict[str, Any]
    added: datetime
    marking: Marking | None
    """None: in every collection (the producer's identity)."""
    record: tuple[str, str] | None = None
    """``(kind, id)`` of the record the object is part of; None for the shared objects."""
    releasable_to: tuple[str, ...] = ()
    owner: str | None = None
    """The organisation a finding belongs to (None: the shared knowledge base)."""

    @property
    def id(self) -> str:
        return str(self.obj["id"])

    @property
    def version(self) -> str:
        return str(self.obj.get("modified") or self.obj["created"])

    @property
    def key(self) -> tuple[datetime, str]:
        return self.added, self.id

    def manifest(self) -> dict[str, Any]:
        return {"id": self.id, "date_added": stamp(self.added), "version": self.version,
                "media_type": "application/stix+json;version=2.1"}


@dataclass(frozen=True, slots=True)
class _Snapshot:
    stamp: tuple[str, int]
    by_marking: dict[Marking, list[Entry]]
    """Each collection's objects in (date_added, id) order."""
    released: dict[Marking, frozenset[str]]
    """The organisations some record of a marking is releasable to."""


class Catalogue:
    """The collections over ``store``, rebuilt when the knowledge base's version changes."""

    def __init__(self, store: Store, producer: str = "faro") -> None:
        self.store = store
        self.producer = producer
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._names: dict[int, str] = {}

    def organisation(self, org_id: int) -> str:
        """An organisation's name, as markings name recipients."""
        if org_id not in self._names:
            self._refresh()
        return self._names[org_id]

    def _refresh(self) -> None:
        self._names = {o.id: o.name for o in self.store.accounts.organisations()}

    def visible(self, org: str) -> list[str]:
        """The ids of the collections ``org`` may read, in order: the knowledge base's by
        marking, then each organisation's findings that hold something it may read."""
        snapshot = self._current()
        shared = [cid for cid, marking in COLLECTIONS.items()
                  if may_release(marking, recipient=org, channel=Channel.TAXII,
                                 releasable_to=snapshot.released[marking])]
        self._refresh()
        reader = Audience(org, Channel.TAXII)
        return shared + [findings_collection(org_id) for org_id, owner in
                         sorted(self._names.items())
                         if owner == org or self.store.documents.shares(org_id, reader)]

    def objects(self, collection: str, org: str) -> list[Entry]:
        """What ``org`` may read of ``collection``, in (date_added, id) order; 404 for a
        collection it may not see (or that does not exist)."""
        if collection not in self.visible(org):
            raise RecordNotFoundError(f"no collection {collection!r} for your organisation")
        owner_id = findings_owner(collection)
        if owner_id is not None:
            return self._findings(owner_id, org)
        return [e for e in self._current().by_marking[COLLECTIONS[collection]]
                if e.record is None or e.marking is None or may_release(
                    e.marking, recipient=org, channel=Channel.TAXII,
                    releasable_to=e.releasable_to)]

    def _findings(self, owner_id: int, reader: str) -> list[Entry]:
        """What ``reader`` may read of organisation ``owner_id``'s findings: each analysed
        document's objects under its own marking (built on each request: findings change
        with every analysis and review)."""
        owner = self.organisation(owner_id)
        entries: list[Entry] = []
        for finding in self.store.documents.findings(owner_id):
            if finding.marking is Marking.RED or not may_release(
                    finding.marking, recipient=reader, channel=Channel.TAXII, owner=owner,
                    releasable_to=finding.releasable_to):
                continue
            added = finding.changed or datetime.now(UTC)
            for obj in bundle_records([], producer=owner, findings=[finding],
                                      now=added)["objects"]:
                if obj["type"] in ("identity", "marking-definition"):
                    entries.append(Entry(obj, parse_time(obj["created"], "created"), None))
                    continue
                obj["modified"] = max(obj["modified"], _millis(added))
                entries.append(Entry(obj, added, finding.marking, ("finding", finding.key),
                                     finding.releasable_to, owner))
        unique = {e.id: e for e in entries}  # identities and definitions repeat
        return sorted(unique.values(), key=lambda e: e.key)

    def _current(self) -> _Snapshot:
        now = self.store.kb_stamp()  # read before the records: a change meanwhile rebuilds
        with self._lock:
            if self._snapshot is None or self._snapshot.stamp != now:
                self._snapshot = self._build(now)
            return self._snapshot

    def _build(self, version: tuple[str, int]) -> _Snapshot:
        records = [r for r in self.store.iter_records() if r.marking is not Marking.RED]
        times = _times(self.store.engine)
        by_marking: dict[Marking, list[Entry]] = {m: [] for m in COLLECTIONS.values()}
        released: dict[Marking, set[str]] = {m: set() for m in COLLECTIONS.values()}
        first: datetime | None = None
        identity: dict[str, Any] | None = None
        for record in records:
            key = (_KIND_OF[type(record)], record.id)
            if key not in times:  # deleted while being read
                continue
            created, updated = times[key]
            first = min(first or created, created)
            released[record.marking].update(record.releasable_to)
            for obj in bundle_records([record], producer=self.producer, now=created)["objects"]:
                if obj["type"] == "identity":
                    identity = identity or obj
                    continue
                if obj["type"] == "marking-definition":
                    continue
                obj["modified"] = max(obj["modified"], _millis(updated))
                by_marking[record.marking].append(Entry(obj, updated, record.marking, key,
                                                        record.releasable_to))
        for marking, entries in by_marking.items():
            definition = TLP_DEFINITIONS[marking]
            entries.append(Entry(definition, parse_time(definition["created"], "created"),
                                 marking))
            if identity is not None and first is not None:
                shown = dict(identity, created=_millis(first), modified=_millis(first))
                entries.append(Entry(shown, first, None))
            entries.sort(key=lambda e: e.key)
        return _Snapshot(version, by_marking,
                         {m: frozenset(names) for m, names in released.items()})


def _times(engine: sa.Engine) -> dict[tuple[str, str], tuple[datetime, datetime]]:
    """When each record was first stored and last changed."""
    found: dict[tuple[str, str], tuple[datetime, datetime]] = {}
    with engine.connect() as conn:
        for kind, table in (("factcheck", factchecks), ("narrative", narratives)):
            for row in conn.execute(sa.select(table.c.id, table.c.created_at,
                                              table.c.updated_at)):
                found[(kind, row.id)] = (utc(row.created_at), utc(row.updated_at))
    return found


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    """The filters and page of a TAXII request (``added_after``, ``match[...]``, ``limit``,
    ``next``)."""

    added_after: datetime | None = None
    types: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    versions: tuple[str, ...] = ("last",)
    spec_versions: frozenset[str] = frozenset()
    limit: int = DEFAULT_LIMIT
    after: tuple[datetime, str] | None = None

    @classmethod
    def of(cls, params: Mapping[str, str | None], *, versions: str = "last") -> Query:
        """A query from the request's parameters (``versions``: the default of
        ``match[version]``). F504 for a value that does not parse."""
        def listed(name: str) -> frozenset[str]:
            value = params.get(name)
            return frozenset(v.strip() for v in value.split(",") if v.strip()) if value \
                else frozenset()

        wanted = tuple(v.strip() for v in (params.get("match[version]") or versions).split(",")
                       if v.strip())
        for version in wanted:
            if version not in ("first", "last", "all"):
                parse_time(version, "match[version]")
        limit = DEFAULT_LIMIT
        if (raw := params.get("limit")) is not None:
            if not raw.strip().isdigit() or int(raw) < 1:
                raise InvalidRequestError(f"limit must be a positive whole number, not {raw!r}")
            limit = min(int(raw), MAX_LIMIT)
        added = params.get("added_after")
        cursor = params.get("next")
        return cls(added_after=parse_time(added, "added_after") if added else None,
                   types=listed("match[type]"), ids=listed("match[id]"),
                   versions=wanted or (versions,), spec_versions=listed("match[spec_version]"),
                   limit=limit, after=_cursor(cursor) if cursor else None)

    def matches(self, entry: Entry) -> bool:
        if self.added_after is not None and entry.added <= self.added_after:
            return False
        if self.types and entry.obj["type"] not in self.types:
            return False
        if self.ids and entry.id not in self.ids:
            return False
        if self.spec_versions and entry.obj.get("spec_version", "2.1") not in self.spec_versions:
            return False
        # one version per object: first, last and all name it; a timestamp must be it
        return any(v in ("first", "last", "all") or
                   parse_time(v, "match[version]") == parse_time(entry.version, "version")
                   for v in self.versions)


def page(entries: Sequence[Entry], query: Query) -> tuple[list[Entry], str | None]:
    """One page of the entries ``query`` matches, and the cursor of the next (None: the
    last page)."""
    found: list[Entry] = []
    for entry in entries:
        if query.after is not None and entry.key <= query.after:
            continue
        if query.matches(entry):
            if len(found) == query.limit:
                return found, _next(found[-1])
            found.append(entry)
    return found, None


def _next(entry: Entry) -> str:
    raw = f"{entry.added.isoformat()}|{entry.id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _cursor(value: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
        moment, _, object_id = raw.partition("|")
        return datetime.fromisoformat(moment), object_id
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidRequestError(f"next={value!r} is no cursor this server gave") from None


# -- writing --------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    successes: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)

    def add(self, objects: Iterable[dict[str, Any]], message: str, *, ok: bool) -> None:
        for obj in objects:
            detail = {"id": str(obj["id"]),
                      "version": str(obj.get("modified") or obj.get("created") or ""),
                      "message": message}
            (self.successes if ok else self.failures).append(detail)


def push(store: Store, body: bytes, collection: str, org: str, actor: Actor,
         ) -> dict[str, Any]:
    """Import the objects of a TAXII envelope (or a STIX bundle) into ``collection`` for
    ``org``; the status resource. Objects without a marking take the collection's. A record
    marked more restrictively than the collection, or that would lower or change a stored
    record ``org`` may not receive, is refused (a failure); the rest are stored in one
    transaction. An envelope faro cannot read raises (F601/F602/F304) and stores nothing."""
    marking = COLLECTIONS[collection]
    objects = _objects(body)
    bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}",
              "objects": [_marked(obj, marking) for obj in objects]}
    read_bundle(json.dumps(bundle), "envelope")  # the whole envelope, or nothing
    by_id = {obj["id"]: obj for obj in bundle["objects"]}
    definitions = [o for o in by_id.values() if o["type"] == "marking-definition"]
    groups = [(group, read_bundle(json.dumps({"type": "bundle", "id": bundle["id"],
                                              "objects": group + definitions}))[0])
              for group in _groups(by_id)]
    stored = store.get_records([record.id for _, record in groups])
    outcome = _Outcome()
    accepted: list[KBRecord] = []
    for group, record in groups:
        before = stored.get(record.id)
        refusal = _refusal(record, before, marking, org)
        if refusal:
            outcome.add(group, refusal, ok=False)
            continue
        accepted.append(_releasable(record, before, org))
        where = next(c for c, m in COLLECTIONS.items() if m is record.marking)
        outcome.add(group, f"stored as {_KIND_OF[type(record)]} {record.id}"
                    + ("" if where == collection else f" (its marking puts it in {where})"),
                    ok=True)
    grouped = {obj["id"] for group, _ in groups for obj in group}
    for obj in by_id.values():
        if obj["id"] in grouped:
            continue
        if obj["type"] in _SUPPORT:
            outcome.add([obj], "read; not stored on its own", ok=True)
        else:
            outcome.add([obj], f"not stored: faro keeps fact-checks (a report of type "
                               f"fact-check, its note and opinion) and narratives, not a "
                               f"lone {obj['type']}", ok=False)
    if accepted:
        store.put_records(accepted, actor=actor, source=f"taxii:{collection}")
    return _status(outcome)


def _objects(body: bytes) -> list[dict[str, Any]]:
    try:
        envelope = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedSharingError(f"not JSON: {exc}", source="envelope") from exc
    if not isinstance(envelope, dict) or not isinstance(envelope.get("objects"), list) or \
            envelope.get("type", "bundle") != "bundle":
        raise MalformedSharingError("not a TAXII envelope (an object with a list of "
                                    "'objects') or a STIX bundle", source="envelope")
    objects: list[dict[str, Any]] = envelope["objects"]
    return objects


def _marked(obj: Any, marking: Marking) -> Any:
    """``obj`` with the collection's marking when it carries none."""
    if not isinstance(obj, dict) or obj.get("type") == "marking-definition" or \
            obj.get("object_marking_refs"):
        return obj
    return obj | {"object_marking_refs": [TLP_IDS[marking]]}


def _groups(objects: Mapping[str, dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The objects of each record: a fact-check report with the notes and opinions it refers
    to; a narrative with the notes about it; and the language-content objects translating
    any of them."""
    groups: list[list[dict[str, Any]]] = []
    for obj in objects.values():
        if obj["type"] == "report" and "fact-check" in obj.get("report_types", []):
            parts = [objects[r] for r in obj.get("object_refs", [])
                     if objects.get(r, {}).get("type") in ("note", "opinion")]
            group = [obj, *parts]
        elif obj["type"] == "narrative":
            notes = [o for o in objects.values()
                     if o["type"] == "note" and obj["id"] in o.get("object_refs", [])]
            group = [obj, *notes]
        else:
            continue
        ids = {o["id"] for o in group}
        groups.append(group + [o for o in objects.values() if o["type"] == "language-content"
                               and o.get("object_ref") in ids])
    return groups


def _refusal(record: KBRecord, before: KBRecord | None, collection: Marking,
             org: str) -> str | None:
    if _RANK[record.marking] > _RANK[collection]:
        return (f"marked {record.marking.value}, more restrictive than this collection "
                f"({collection.value}) allows")
    if before is None:
        return None
    if not may_release(before.marking, recipient=org, channel=Channel.TAXII,
                       releasable_to=before.releasable_to):
        return "refused: it would change a record your organisation may not receive"
    if _RANK[record.marking] < _RANK[before.marking]:
        return (f"refused: it would lower the stored record's marking from "
                f"{before.marking.value} to {record.marking.value}")
    return None


def _releasable(record: KBRecord, before: KBRecord | None, org: str) -> KBRecord:
    """The record with the organisations it was released to kept (a partner's STIX says
    none), and the pushing organisation added to an AMBER one's: it holds the record."""
    names = [*(before.releasable_to if before else ()), *record.releasable_to]
    if record.marking in (Marking.AMBER, Marking.AMBER_STRICT):
        names.append(org)
    return replace(record, releasable_to=tuple(dict.fromkeys(names)))


def _status(outcome: _Outcome) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "status": "complete",
            "request_timestamp": stamp(datetime.now(UTC)),
            "total_count": len(outcome.successes) + len(outcome.failures),
            "success_count": len(outcome.successes), "successes": outcome.successes,
            "failure_count": len(outcome.failures), "failures": outcome.failures,
            "pending_count": 0, "pendings": []}


class Statuses:
    """Status resources of the pushes this process answered (the newest ``keep``), each
    readable by the organisation that pushed. Kept in memory: a restart forgets them, and
    every push completes before it is answered, so nothing is lost but the receipt."""

    def __init__(self, keep: int = 1000) -> None:
        self.keep = keep
        self._items: OrderedDict[str, tuple[int, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, org_id: int, status: dict[str, Any]) -> None:
        with self._lock:
            self._items[status["id"]] = (org_id, status)
            while len(self._items) > self.keep:
                self._items.popitem(last=False)

    def get(self, org_id: int, status_id: str) -> dict[str, Any]:
        with self._lock:
            owner, status = self._items.get(status_id, (None, {}))
        if owner != org_id:
            raise RecordNotFoundError(f"no status {status_id!r} for your organisation")
        return status
