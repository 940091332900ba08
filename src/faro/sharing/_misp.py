"""MISP events of faro's findings, made and read with pymisp.

One event per export. Every fact-check and known narrative is a MISP ``narrative`` object
(the object template MISP ships: ``narrative-summary``, ``narrative-disproof``, ``link``),
its TLP 2.0 marking a ``tlp:`` tag on its attributes (the event carries the most restrictive
one and the matching distribution), and faro's own fields as ``faro:`` tags (``kind``, ``id``,
``verdict``, ``language``) so faro reads its events back whole. DISARM techniques are the
event's ``misp-galaxy:disarm="<name>"`` tags, as MISP's DISARM Techniques galaxy names them.

Reading takes an event as MISP exports it (``{"Event": {...}}``) and refuses the whole event
(F601) when it holds anything but narrative objects, or (F602) when an object carries two
markings.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from faro._errors import InvalidRecordError, MalformedSharingError, MarkingConflictError
from faro.kb.disarm import techniques
from faro.model import FactCheck, Marking, Narrative, Verdict
from faro.sharing._stix import Finding

__all__ = ["misp_event", "read_misp_event"]

_NAMESPACE = uuid.UUID("2b0d4c1e-7f0a-4a35-9f3e-51c0a9d7e6b2")  # faro's, for MISP uuids
#: MISP distribution levels: 3 all communities, 2 connected communities, 1 this community,
#: 0 your organisation only.
_DISTRIBUTION = {Marking.CLEAR: 3, Marking.GREEN: 2, Marking.AMBER: 1, Marking.AMBER_STRICT: 1,
                 Marking.RED: 0}
_SEP = "|"
_MARKINGS = {m.value: m for m in Marking}
_ORDER = (Marking.CLEAR, Marking.GREEN, Marking.AMBER, Marking.AMBER_STRICT, Marking.RED)


def _tlp_tag(marking: Marking) -> str:
    return marking.value.lower()  # tlp:clear, tlp:amber+strict (MISP's TLP taxonomy)


def _faro_tag(name: str, value: str) -> str:
    return f'faro:{name}="{value}"'


def misp_event(records: Iterable[FactCheck | Narrative], *, producer: str,
               disarm: Iterable[str] = (), findings: Iterable[Finding] = (),
               now: datetime | None = None) -> dict[str, Any]:
    """A MISP event (``{"Event": ...}``) of ``records`` and ``findings`` (both already
    filtered by the sharing rule) and DISARM techniques ``disarm``, made by ``producer``.

    A finding (a document an organisation analysed) is a ``report`` object (title, link, the
    claims as summary) and each of its check-worthy claims an ``annotation`` object referring
    to it, tagged with the analysts' verdict and their DISARM techniques as galaxy clusters."""
    from pymisp import MISPEvent, MISPObject, MISPOrganisation

    moment = now or datetime.now(UTC)
    items = list(records)
    shared = list(findings)
    event = MISPEvent()
    event.info = f"faro: {len(items)} fact-checks and narratives from {producer}"
    event.date = moment.date()
    event.analysis = 2  # completed
    event.threat_level_id = 4  # undefined
    creator = MISPOrganisation()
    creator.name = producer
    event.Orgc = creator
    strictest = max([r.marking for r in items] + [f.marking for f in shared],
                    key=_ORDER.index, default=Marking.CLEAR)
    event.distribution = _DISTRIBUTION[strictest]
    event.add_tag(_tlp_tag(strictest))
    for record in items:
        obj = MISPObject("narrative")
        obj.uuid = str(uuid.uuid5(_NAMESPACE, record.id))
        obj.distribution = _DISTRIBUTION[record.marking]
        tags = [_tlp_tag(record.marking), _faro_tag("id", record.id),
                _faro_tag("language", record.language)]
        if isinstance(record, FactCheck):
            obj.comment = record.title or record.claim[:120]
            tags.append(_faro_tag("kind", "factcheck"))
            extra = {"verdict": record.verdict.value if record.verdict else None,
                     "claimant": record.claimant, "source_dataset": record.source_dataset,
                     "review_date": record.review_date.isoformat() if record.review_date
                     else None, "title": record.title}
            summary = record.claim
            disproof = " — ".join(p for p in (record.rating, record.publisher) if p) or None
        else:
            obj.comment = record.title
            tags.append(_faro_tag("kind", "narrative"))
            extra = {"source": record.source, "keywords": _SEP.join(record.keywords) or None,
                     "countries": _SEP.join(record.countries) or None}
            summary, disproof = record.summary, record.debunk
            if record.first_seen:
                obj.first_seen = datetime.combine(record.first_seen, datetime.min.time(), UTC)
            if record.last_seen:
                obj.last_seen = datetime.combine(record.last_seen, datetime.min.time(), UTC)
        tags += [_faro_tag(k, v) for k, v in extra.items() if v]
        _fill(obj, {"narrative-summary": summary, "narrative-disproof": disproof,
                    "link": record.url}, tags)
        event.add_object(obj)
    names = techniques()
    for finding in shared:
        _add_finding(event, finding, names)
    for technique in sorted(set(disarm)):
        event.add_tag(f'misp-galaxy:disarm="{names[technique]}"')
    return {"Event": json.loads(event.to_json())}


def _fill(obj: Any, values: dict[str, str | None], tags: list[str]) -> None:
    """Add the attributes of ``values`` that are set to ``obj``, each with ``tags``."""
    for relation, value in values.items():
        if value:
            attribute = obj.add_attribute(relation, value=value)
            for tag in tags if attribute is not None else ():
                attribute.add_tag(tag)


def _add_finding(event: Any, finding: Finding, names: dict[str, str]) -> None:
    from pymisp import MISPObject

    tags = [_tlp_tag(finding.marking), _faro_tag("kind", "finding"),
            _faro_tag("id", finding.key)]
    report = MISPObject("report")
    report.uuid = str(uuid.uuid5(_NAMESPACE, f"finding:{finding.key}"))
    report.distribution = _DISTRIBUTION[finding.marking]
    report.comment = finding.title or "analysed document"
    _fill(report, {"title": finding.title or finding.key,
                   "summary": "\n".join(c.text for c in finding.claims)
                   or "(no check-worthy claim)", "link": finding.url}, tags)
    event.add_object(report)
    for claim in finding.claims:
        note = MISPObject("annotation")
        note.uuid = str(uuid.uuid5(_NAMESPACE, f"finding-claim:{claim.key}"))
        note.distribution = _DISTRIBUTION[finding.marking]
        text = note.add_attribute("text", value=claim.text)
        note.add_attribute("type", value="Other")
        claim_tags = [_tlp_tag(finding.marking), _faro_tag("kind", "finding-claim"),
                      _faro_tag("check-worthiness", f"{claim.score:.2f}")]
        if claim.verdict:
            claim_tags.append(_faro_tag("verdict", claim.verdict.value))
        claim_tags += [f'misp-galaxy:disarm="{names[t]}"' for t in claim.techniques
                       if t in names]
        if text is not None:
            for tag in claim_tags:
                text.add_tag(tag)
        if claim.note:
            note.comment = claim.note
        note.add_reference(report.uuid, "annotates")
        event.add_object(note)


def read_misp_event(data: bytes | str, name: str = "event") -> list[FactCheck | Narrative]:
    """The fact-checks and narratives of a MISP event's narrative objects, with their
    markings; nothing unless all of it could be read."""
    from pymisp import MISPEvent

    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedSharingError(f"not JSON: {exc}", source=name) from exc
    raw = value.get("Event", value) if isinstance(value, dict) else None
    if not isinstance(raw, dict) or "info" not in raw:
        raise MalformedSharingError("not a MISP event (an object with Event and its info)",
                                    source=name)
    event = MISPEvent()
    try:
        event.load({"Event": raw})
    except Exception as exc:  # pymisp raises bare exceptions of many kinds on bad events
        raise MalformedSharingError(f"not a valid MISP event: {exc}", source=name) from exc
    # faro's own findings (documents an organisation analysed) are not knowledge-base records
    mine = [o for o in event.objects if o.name in ("report", "annotation") and any(
        t.name.startswith('faro:kind="finding') for a in o.attributes for t in a.tags)]
    others = sorted({o.name for o in event.objects if o.name != "narrative" and o not in mine})
    if others or event.attributes:
        what = ", ".join(others) or f"{len(event.attributes)} loose attributes"
        raise MalformedSharingError(f"faro reads narrative objects only, not {what}",
                                    source=name, hint="export the event without them")
    default = _marking({t.name for t in event.tags}, name, "the event") or Marking.CLEAR
    return [_record(obj, default, name) for obj in event.objects if obj.name == "narrative"]


def _record(obj: Any, default: Marking, name: str) -> FactCheck | Narrative:
    values: dict[str, str] = {}
    tags: set[str] = set()
    for attribute in obj.attributes:
        values.setdefault(attribute.object_relation, str(attribute.value))
        tags |= {t.name for t in attribute.tags}
    marking = _marking(tags, name, f"object {obj.uuid}") or default
    faro = {t[5:].split("=", 1)[0]: t.split("=", 1)[1].strip('"')
            for t in tags if t.startswith("faro:") and "=" in t}
    summary = values.get("narrative-summary")
    if not summary:
        raise InvalidRecordError(f"object {obj.uuid} has no narrative-summary", source=name)
    url = values.get("link") or values.get("url")
    record_id = faro.get("id") or url or f"misp:{obj.uuid}"
    language = faro.get("language", "und")
    if faro.get("kind") == "factcheck":
        rating, _, publisher = (values.get("narrative-disproof") or "").partition(" — ")
        verdict = faro.get("verdict")
        ours = "id" in faro  # faro's own events say the title; others' comment stands for it
        return FactCheck(id=record_id, claim=summary, language=language,
                         verdict=Verdict(verdict) if verdict in {v.value for v in Verdict}
                         else None, rating=rating or None, url=url,
                         publisher=publisher or None,
                         title=faro.get("title") if ours else obj.comment or None,
                         claimant=faro.get("claimant"),
                         review_date=date.fromisoformat(faro["review_date"])
                         if "review_date" in faro else None,
                         source_dataset=faro.get("source_dataset"), marking=marking)
    return Narrative(id=record_id, title=obj.comment or summary[:120], summary=summary,
                     language=language, debunk=values.get("narrative-disproof"),
                     keywords=tuple(filter(None, faro.get("keywords", "").split(_SEP))),
                     countries=tuple(filter(None, faro.get("countries", "").split(_SEP))),
                     first_seen=_day(getattr(obj, "first_seen", None)),
                     last_seen=_day(getattr(obj, "last_seen", None)),
                     source=faro.get("source"), url=url, marking=marking)


def _marking(tags: set[str], name: str, where: str) -> Marking | None:
    levels = {_MARKINGS[t.upper()] for t in tags if t.upper() in _MARKINGS}
    levels |= {Marking.CLEAR for t in tags if t.lower() == "tlp:white"}
    if len(levels) > 1:
        raise MarkingConflictError(f"{where} carries two TLP markings "
                                   f"({', '.join(sorted(levels))})", source=name)
    return levels.pop() if levels else None


def _day(value: Any) -> date | None:
    return value.date() if isinstance(value, datetime) else None
