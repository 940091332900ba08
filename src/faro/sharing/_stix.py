"""STIX 2.1 bundles of faro's findings, made and read with the stix2 library.

What becomes what:

* a **fact-check** → a ``report`` (``report_types: ["fact-check"]``, the publisher and review
  URL as external reference) whose objects are the **claim** it reviewed, a ``note`` (the claim's
  words, language and claimant), and the **verdict**, an ``opinion`` on that note (``false`` →
  ``strongly-disagree`` … ``true`` → ``strongly-agree``, the publisher's rating as explanation);
* a **known narrative** → OpenCTI's ``narrative`` object (its new-SDO extension, which OpenCTI
  imports as a Narrative) and, for consumers that know only standard STIX, a ``note`` on it with
  the title, summary, debunk, keywords and countries;
* a **DISARM technique** → an ``attack-pattern`` in DISARM's kill chain (``kill_chain_name:
  "disarm"``, the tactic as phase, the technique id as external id; DISARM's own bundle still
  says ``mitre-attack``, which would mix it with ATT&CK);
* the producing organisation → an ``identity``, ``created_by_ref`` of every object;
* every object carries its TLP 2.0 marking by the standard marking-definition ids.

Ids are derived from faro's record ids (UUIDv5), so the same record exports under the same STIX
id each time and an import of that bundle updates, never duplicates.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any

from faro._errors import InvalidRecordError, MalformedSharingError, MarkingConflictError
from faro.kb.disarm import phase, techniques
from faro.model import FactCheck, Marking, Narrative, Verdict

__all__ = ["TLP_DEFINITIONS", "Finding", "FindingClaim", "bundle_records", "read_bundle",
           "tlp_definition", "validate"]

#: The TLP 2.0 marking definitions' standard STIX ids (OASIS CTI common objects).
TLP_IDS = {
    Marking.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Marking.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Marking.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Marking.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Marking.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
#: TLP 1.0 ids, as older producers (and stix2's own constants) mark objects: read on import.
_TLP1_IDS = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": Marking.CLEAR,
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": Marking.GREEN,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": Marking.AMBER,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": Marking.RED,
}
_TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
#: OpenCTI's extension for its own object types (``extension_type: new-sdo``).
OPENCTI_EXTENSION = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"
_NAMESPACE = uuid.UUID("6f1a7a56-52a4-4c1e-9a51-6a7e0f0b4f61")  # faro's, for UUIDv5 ids
_OPINIONS = {Verdict.FALSE: "strongly-disagree", Verdict.MOSTLY_FALSE: "disagree",
             Verdict.PARTLY_TRUE: "neutral", Verdict.COMPLICATED: "neutral",
             Verdict.OTHER: "neutral", Verdict.MOSTLY_TRUE: "agree",
             Verdict.TRUE: "strongly-agree"}
_VERDICTS = {"strongly-disagree": Verdict.FALSE, "disagree": Verdict.MOSTLY_FALSE,
             "neutral": Verdict.OTHER, "agree": Verdict.MOSTLY_TRUE,
             "strongly-agree": Verdict.TRUE}
_DISARM_URL = ("https://github.com/DISARMFoundation/DISARMframeworks/blob/main/"
               "generated_pages/techniques/{}.md")
_KNOWN_TYPES = frozenset({"identity", "marking-definition", "extension-definition", "note",
                          "report", "opinion", "narrative", "attack-pattern", "relationship",
                          "language-content"})


@dataclass(frozen=True, slots=True)
class FindingClaim:
    """A check-worthy claim of a finding: the fact-checks analysts confirmed it matches (KB
    record ids), and their review: verdict, note and DISARM techniques."""

    key: str
    text: str
    score: float
    language: str | None = None
    factchecks: tuple[str, ...] = ()
    verdict: Verdict | None = None
    note: str | None = None
    techniques: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A document an organisation analysed, as it is shared: where it was seen and its claims,
    under the document's marking."""

    key: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    language: str | None
    marking: Marking
    claims: tuple[FindingClaim, ...] = ()
    releasable_to: tuple[str, ...] = ()
    changed: datetime | None = None
    """When the document, its analysis or a review of it last changed."""


def tlp_definition(marking: Marking) -> dict[str, Any]:
    """The standard TLP 2.0 marking definition of ``marking``."""
    return {"type": "marking-definition", "spec_version": "2.1", "id": TLP_IDS[marking],
            "created": "2022-10-01T00:00:00.000Z", "name": marking.value,
            "extensions": {_TLP_EXTENSION: {"extension_type": "property-extension",
                                            "tlp_2_0": marking.value[4:].lower()}}}


TLP_DEFINITIONS = {marking: tlp_definition(marking) for marking in Marking}


def _id(kind: str, key: str) -> str:
    """A stable id for ``key``: a UUIDv5 hash in the shape of the UUIDv4 STIX asks SDOs to use
    (so validators do not warn), the same on every export."""
    digest = uuid.uuid5(_NAMESPACE, f"{kind}:{key}").bytes
    return f"{kind}--{uuid.UUID(bytes=digest, version=4)}"


def _stamp(day: date | None, fallback: datetime) -> str:
    moment = datetime.combine(day, time(), UTC) if day else fallback
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class _Builder:
    """Objects of one bundle, each added once."""

    def __init__(self, producer: str, now: datetime) -> None:
        self.now = now
        self.producer = producer
        self.identity = _id("identity", producer)
        self.objects: dict[str, dict[str, Any]] = {}
        self.add({"type": "identity", "spec_version": "2.1", "id": self.identity,
                  "created": _stamp(None, now), "modified": _stamp(None, now),
                  "name": producer, "identity_class": "organization"}, None)

    def add(self, obj: dict[str, Any], marking: Marking | None) -> None:
        if marking is not None:
            obj["object_marking_refs"] = [TLP_IDS[marking]]
            obj["created_by_ref"] = self.identity
            self.objects.setdefault(TLP_IDS[marking], TLP_DEFINITIONS[marking])
        self.objects[obj["id"]] = obj

    def common(self, kind: str, key: str, day: date | None) -> dict[str, Any]:
        stamp = _stamp(day, self.now)
        return {"type": kind, "spec_version": "2.1", "id": _id(kind, key), "created": stamp,
                "modified": stamp}

    def factcheck(self, record: FactCheck) -> None:
        claim = self.common("note", f"claim:{record.id}", record.review_date)
        report = self.common("report", f"factcheck:{record.id}", record.review_date)
        claim.update(abstract="claim reviewed", content=record.claim,
                     object_refs=[report["id"]])
        if record.claimant:
            claim["authors"] = [record.claimant]
        # labels keep what STIX has no place for, so faro reads its own bundles back whole
        labels = [f"dataset:{record.source_dataset}"] if record.source_dataset else []
        labels += ["faro:untitled"] if not record.title else []
        labels += ["faro:undated"] if not record.review_date else []
        labels += ["faro:unpublished"] if record.url and not record.publisher else []
        report.update(name=record.title or _shorten(record.claim), description=record.claim,
                      published=report["created"], report_types=["fact-check"],
                      object_refs=[claim["id"]], **({"labels": labels} if labels else {}))
        report["external_references"] = [_faro_reference(record.id)]
        if record.url or record.publisher:  # a reference needs a url, an id or a description
            report["external_references"].insert(0, {
                "source_name": record.publisher or "fact-check",
                **({"url": record.url} if record.url else
                   {"description": "publisher of the fact-check"})})
        objects = [claim, report]
        if record.verdict or record.rating:
            opinion = self.common("opinion", f"verdict:{record.id}", record.review_date)
            # the opinion scale is coarser than faro's seven verdicts: a label keeps the verdict
            opinion.update(opinion=_OPINIONS[record.verdict or Verdict.OTHER],
                           object_refs=[claim["id"]])
            if record.verdict:
                opinion["labels"] = [f"verdict:{record.verdict.value}"]
            if record.rating:
                opinion["explanation"] = record.rating
            if record.publisher:
                opinion["authors"] = [record.publisher]
            report["object_refs"].append(opinion["id"])
            objects.append(opinion)
        for obj in objects:
            if record.language != "und":
                obj["lang"] = record.language
            self.add(obj, record.marking)
        self.translations(report, {lang: {"name": t.get("title"), "description": t.get("claim")}
                                   for lang, t in record.translations.items()},
                          record.marking)

    def translations(self, target: dict[str, Any], contents: dict[str, dict[str, str | None]],
                     marking: Marking) -> None:
        """A ``language-content`` object with the translations of ``target``'s properties."""
        kept = {lang: {k: v for k, v in props.items() if v} for lang, props in contents.items()}
        kept = {lang: props for lang, props in kept.items() if props}
        if not kept:
            return
        obj = self.common("language-content", target["id"], None)
        obj.update(object_ref=target["id"], object_modified=target["modified"],
                   contents=kept)
        self.add(obj, marking)

    def narrative(self, record: Narrative) -> None:
        sdo = self.common("narrative", record.id, record.first_seen)
        sdo.update(name=record.title, description=record.summary,
                   narrative_types=["disinformation"],
                   extensions={OPENCTI_EXTENSION: {"extension_type": "new-sdo"}})
        note = self.common("note", f"narrative:{record.id}", record.first_seen)
        content = record.summary + (f"\n\nDebunk: {record.debunk}" if record.debunk else "")
        note.update(abstract=record.title, content=content, object_refs=[sdo["id"]],
                    labels=["disinformation-narrative",
                            *(f"keyword:{k}" for k in record.keywords),
                            *(f"country:{c}" for c in record.countries),
                            *(f"{name}:{day.isoformat()}" for name, day in (
                                ("first-seen", record.first_seen),
                                ("last-seen", record.last_seen)) if day)])
        references = [_faro_reference(record.id)]
        if record.url or record.source:  # a reference needs a url, an id or a description
            references.insert(0, {"source_name": record.source or "source",
                                  **({"url": record.url} if record.url else
                                     {"description": "where the narrative was reported"})})
        for obj in (sdo, note):
            obj["external_references"] = references
            if record.language != "und":
                obj["lang"] = record.language
            self.add(obj, record.marking)
        self.translations(sdo, {lang: {"name": t.get("title"), "description": t.get("summary")}
                                for lang, t in record.translations.items()}, record.marking)
        self.translations(note, {lang: {"content": f"{t.get('summary') or ''}\n\nDebunk: "
                                                   f"{t['debunk']}"}
                                 for lang, t in record.translations.items() if t.get("debunk")},
                          record.marking)

    def finding(self, finding: Finding, shared: set[str]) -> None:
        """A document as a ``report`` (``report_types: ["disinformation-source"]``) of its
        claims (``note``s); a confirmed match a ``related-to`` relationship from the claim to
        the fact-check's report (when that record is in the bundle: ``shared``); a review an
        ``opinion`` on the claim; its DISARM techniques attack-patterns the claim is
        ``related-to``."""
        report = self.common("report", f"finding:{finding.key}", finding.published)
        notes = []
        for claim in finding.claims:
            note = self.common("note", f"finding-claim:{claim.key}", finding.published)
            note.update(abstract="check-worthy claim", content=claim.text,
                        object_refs=[report["id"]],
                        labels=[f"check-worthiness:{claim.score:.2f}"])
            if claim.language:
                note["lang"] = claim.language
            notes.append(note)
            self.add(note, finding.marking)
            links = [(_id("report", f"factcheck:{record_id}"), "matches the fact-check")
                     for record_id in claim.factchecks if record_id in shared]
            for technique in claim.techniques:
                self.technique(technique, Marking.CLEAR)
                links.append((_id("attack-pattern", f"disarm:{technique}"),
                              "analysts tagged this DISARM technique"))
            for target, why in links:
                relation = self.common("relationship", f"{note['id']}>{target}",
                                       finding.published)
                relation.update(relationship_type="related-to", source_ref=note["id"],
                                target_ref=target, description=why)
                self.add(relation, finding.marking)
            if claim.verdict or claim.note:
                opinion = self.common("opinion", f"review:{claim.key}", finding.published)
                opinion.update(opinion=_OPINIONS[claim.verdict or Verdict.OTHER],
                               object_refs=[note["id"]], authors=[self.producer])
                if claim.verdict:
                    opinion["labels"] = [f"verdict:{claim.verdict.value}"]
                if claim.note:
                    opinion["explanation"] = claim.note
                self.add(opinion, finding.marking)
        report.update(name=finding.title or _shorten(finding.claims[0].text if finding.claims
                                                     else finding.key),
                      published=report["created"], report_types=["disinformation-source"],
                      object_refs=[n["id"] for n in notes] or [self.identity])
        if finding.url or finding.source:
            report["external_references"] = [{
                "source_name": finding.source or "source",
                **({"url": finding.url} if finding.url else
                   {"description": "where the document was seen"})}]
        if finding.language:
            report["lang"] = finding.language
        self.add(report, finding.marking)

    def technique(self, technique: str, marking: Marking) -> None:
        obj = self.common("attack-pattern", f"disarm:{technique}", None)
        obj.update(name=techniques()[technique],
                   kill_chain_phases=[{"kill_chain_name": "disarm",
                                       "phase_name": phase(technique)}],
                   external_references=[{"source_name": "DISARM", "external_id": technique,
                                         "url": _DISARM_URL.format(technique)}])
        self.add(obj, marking)


def bundle_records(records: Iterable[FactCheck | Narrative], *, producer: str,
                   disarm: Iterable[str] = (), findings: Iterable[Finding] = (),
                   now: datetime | None = None) -> dict[str, Any]:
    """A STIX 2.1 bundle of ``records`` and ``findings`` (both already filtered by
    :func:`may_release`) and the DISARM techniques ``disarm`` (ids; marked CLEAR: the framework
    is public), made by ``producer``."""
    builder = _Builder(producer, now or datetime.now(UTC))
    shared: set[str] = set()
    for record in records:
        shared.add(record.id)
        if isinstance(record, FactCheck):
            builder.factcheck(record)
        else:
            builder.narrative(record)
    for finding in findings:
        builder.finding(finding, shared)
    for technique in sorted(set(disarm)):
        builder.technique(technique, Marking.CLEAR)
    seed = ",".join(sorted(builder.objects))
    return {"type": "bundle", "id": _id("bundle", seed),
            "objects": list(builder.objects.values())}


def validate(bundle: Mapping[str, Any]) -> list[str]:
    """The errors in ``bundle``: what the stix2 library refuses when it parses it (every
    property of every object checked against STIX 2.1, OpenCTI's custom objects allowed), and
    what stix2-validator finds (the specification's MUSTs). Empty when it is valid STIX 2.1."""
    import stix2
    from stix2.exceptions import STIXError
    from stix2validator import ValidationOptions, validate_string

    try:
        stix2.parse(dict(bundle), allow_custom=True, version="2.1")
    except (STIXError, ValueError) as exc:
        return [f"stix2: {exc}"]
    options = ValidationOptions(version="2.1", strict=False)
    results = validate_string(json.dumps(bundle), options)
    return [str(error) for result in (results if isinstance(results, list) else [results])
            for error in result.errors]


def _faro_reference(record_id: str) -> dict[str, str]:
    """The record's faro id, so that importing the bundle updates the same record."""
    return {"source_name": "faro", "external_id": record_id}


def _record_id(obj: Mapping[str, Any]) -> str:
    """The faro id of an imported object: the one it was exported with, else its URL, else
    its STIX id."""
    references = obj.get("external_references", [])
    for reference in references:
        if reference.get("source_name") == "faro" and reference.get("external_id"):
            return str(reference["external_id"])
    url = next((r["url"] for r in references if r.get("url")), None)
    return str(url) if url else f"stix:{obj['id']}"


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- import


def read_bundle(data: bytes | str, name: str = "bundle") -> list[FactCheck | Narrative]:
    """The fact-checks and narratives of a STIX 2.1 bundle, with their markings. Raises
    :class:`~faro.MalformedSharingError` (F601) for what is not a bundle or holds objects faro
    does not read, :class:`~faro.MarkingConflictError` (F602) for an object marked twice or by
    a marking it cannot resolve, :class:`~faro.InvalidRecordError` (F304) for a record that
    lacks what faro needs. Nothing is returned unless every object could be read."""
    try:
        bundle = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedSharingError(f"not JSON: {exc}", source=name) from exc
    if not isinstance(bundle, dict) or bundle.get("type") != "bundle" or not isinstance(
            bundle.get("objects"), list):
        raise MalformedSharingError("not a STIX bundle (an object with type 'bundle' and a "
                                    "list of objects)", source=name)
    objects: dict[str, dict[str, Any]] = {}
    for number, obj in enumerate(bundle["objects"], 1):
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or \
                not isinstance(obj.get("type"), str):
            raise MalformedSharingError(f"object {number} has no type or id", source=name)
        objects[obj["id"]] = obj
    unknown = sorted({o["type"] for o in objects.values()} - _KNOWN_TYPES)
    if unknown:
        raise MalformedSharingError(f"object types faro does not read: {', '.join(unknown)}",
                                    source=name, hint="export them without those objects")
    _parse_with_stix2(bundle, name)
    markings = _markings(objects, name)
    translated: dict[str, dict[str, dict[str, str]]] = {}
    for obj in objects.values():
        if obj["type"] == "language-content" and isinstance(obj.get("contents"), dict):
            translated.setdefault(str(obj.get("object_ref")), {}).update(obj["contents"])
    records: list[FactCheck | Narrative] = []
    for obj in objects.values():
        if obj["type"] == "report" and "fact-check" in obj.get("report_types", []):
            records.append(replace(_factcheck(obj, objects, markings, name), translations=_back(
                translated.get(obj["id"], {}), {"name": "title", "description": "claim"})))
        elif obj["type"] == "narrative":
            record = _narrative(obj, objects, markings, name)
            texts = _back(translated.get(obj["id"], {}),
                          {"name": "title", "description": "summary"})
            note = next((o["id"] for o in objects.values() if o["type"] == "note"
                         and obj["id"] in o.get("object_refs", [])), None)
            for lang, props in translated.get(note or "", {}).items():
                debunk = str(props.get("content", "")).partition("\n\nDebunk: ")[2]
                if debunk:
                    texts.setdefault(lang, {})["debunk"] = debunk
            records.append(replace(record, translations=dict(sorted(texts.items()))))
    return records


def _back(contents: Mapping[str, Mapping[str, str]], names: Mapping[str, str]
          ) -> dict[str, dict[str, str]]:
    """language-content ``contents`` as faro's translations (STIX property → faro field)."""
    out: dict[str, dict[str, str]] = {}
    for lang, props in contents.items():
        fields_ = {names[k]: str(v) for k, v in props.items() if k in names and v}
        if fields_:
            out[lang] = fields_
    return dict(sorted(out.items()))


def _parse_with_stix2(bundle: dict[str, Any], name: str) -> None:
    """Let stix2 check every object's properties (custom objects allowed: OpenCTI's)."""
    import stix2
    from stix2.exceptions import STIXError

    try:
        stix2.parse(bundle, allow_custom=True, version="2.1")
    except (STIXError, ValueError) as exc:
        raise MalformedSharingError(f"not valid STIX 2.1: {exc}", source=name) from exc


def _markings(objects: Mapping[str, dict[str, Any]], name: str) -> dict[str, Marking]:
    """The TLP marking of every object that carries one."""
    known = {v: k for k, v in TLP_IDS.items()} | _TLP1_IDS
    for obj in objects.values():  # TLP 2.0 definitions under ids faro does not know
        extension = obj.get("extensions", {}).get(_TLP_EXTENSION, {})
        if obj["type"] == "marking-definition" and "tlp_2_0" in extension:
            known.setdefault(obj["id"], _marking_of(extension["tlp_2_0"]))
    found: dict[str, Marking] = {}
    for obj in objects.values():
        levels = {known[ref] for ref in obj.get("object_marking_refs", []) if ref in known}
        strange = [ref for ref in obj.get("object_marking_refs", []) if ref not in known
                   and objects.get(ref, {}).get("type") != "marking-definition"]
        if strange:
            raise MarkingConflictError(f"{obj['id']} is marked by {strange[0]}, which the "
                                       "bundle does not define", source=name)
        if len(levels) > 1:
            raise MarkingConflictError(
                f"{obj['id']} carries two TLP markings ({', '.join(sorted(levels))}): which "
                "one holds cannot be told", source=name)
        if levels:
            found[obj["id"]] = levels.pop()
    return found


def _marking_of(level: str) -> Marking:
    return Marking(f"TLP:{level.upper()}")


def _factcheck(report: dict[str, Any], objects: Mapping[str, dict[str, Any]],
               markings: Mapping[str, Marking], name: str) -> FactCheck:
    refs = [objects[r] for r in report.get("object_refs", []) if r in objects]
    claim = next((o for o in refs if o["type"] == "note"), None)
    opinion = next((o for o in refs if o["type"] == "opinion"), None)
    text = (claim or {}).get("content") or report.get("description")
    if not text:
        raise InvalidRecordError(f"{report['id']}: a fact-check report without the claim it "
                                 "reviewed", source=name)
    reference: dict[str, Any] = next((r for r in report.get("external_references", [])
                                      if r.get("source_name") != "faro"), {})
    flags = set(report.get("labels", []))
    ours = any(r.get("source_name") == "faro" for r in report.get("external_references", []))
    # faro's own bundles say the verdict in a label (none: the rating alone was known); other
    # producers' opinions are read on the coarser scale
    told = _labels(opinion or {}).get("verdict", "")
    verdict = (Verdict(told) if told in {v.value for v in Verdict} else
               None if ours else _VERDICTS.get((opinion or {}).get("opinion", "")))
    return FactCheck(
        id=_record_id(report), claim=text,
        language=report.get("lang") or (claim or {}).get("lang") or "und",
        verdict=verdict, rating=(opinion or {}).get("explanation"), url=reference.get("url"),
        publisher=None if "faro:unpublished" in flags else reference.get("source_name"),
        title=None if "faro:untitled" in flags else report.get("name"),
        claimant=next(iter((claim or {}).get("authors", [])), None),
        review_date=None if "faro:undated" in flags else _date(report.get("published")),
        source_dataset=_labels(report).get("dataset", None if ours else "stix"),
        marking=markings.get(report["id"], Marking.CLEAR))


def _narrative(sdo: dict[str, Any], objects: Mapping[str, dict[str, Any]],
               markings: Mapping[str, Marking], name: str) -> Narrative:
    note = next((o for o in objects.values() if o["type"] == "note"
                 and sdo["id"] in o.get("object_refs", [])), {})
    summary = sdo.get("description") or note.get("content")
    if not sdo.get("name") or not summary:
        raise InvalidRecordError(f"{sdo['id']}: a narrative without name or description",
                                 source=name)
    debunk = note.get("content", "").partition("\n\nDebunk: ")[2] or None
    labels = note.get("labels", [])
    dated = _labels(note)
    reference: dict[str, Any] = next((r for r in sdo.get("external_references", [])
                                      if r.get("source_name") != "faro"), {})
    return Narrative(
        id=_record_id(sdo), title=sdo["name"], summary=summary,
        language=sdo.get("lang", "und"), debunk=debunk,
        keywords=tuple(label[8:] for label in labels if label.startswith("keyword:")),
        countries=tuple(label[8:] for label in labels if label.startswith("country:")),
        first_seen=_date(dated.get("first-seen")), last_seen=_date(dated.get("last-seen")),
        source=reference.get("source_name"),
        url=reference.get("url"), marking=markings.get(sdo["id"], Marking.CLEAR))


def _labels(obj: Mapping[str, Any]) -> dict[str, str]:
    """``name:value`` labels of an object as a dict (the first value of each name)."""
    found: dict[str, str] = {}
    for label in obj.get("labels", []):
        name, _, value = str(label).partition(":")
        if value:
            found.setdefault(name, value)
    return found


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
