"""STIX 2.1 export and import: valid bundles, standard TLP ids, DISARM's kill chain, a lossless
and idempotent round trip, and bad bundles refused whole."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from faro import InvalidRecordError, MalformedSharingError, MarkingConflictError
from faro.commands.kb import demo_files
from faro.kb.importers import read_file
from faro.model import FactCheck, Marking, Narrative, Verdict
from faro.sharing import TLP_DEFINITIONS, bundle_records, read_bundle, validate

pytest.importorskip("stix2validator", reason="the share extra is not installed")

RECORDS: list[FactCheck | Narrative] = [
    FactCheck(id="https://fc.example/1", claim="NATO troops landed in Odesa <script>",
              language="en", verdict=Verdict.PARTLY_TRUE, rating="Missing context",
              url="https://fc.example/1", publisher="Desk", title="Odesa landing",
              claimant="Telegram channels", review_date=date(2024, 3, 1),
              source_dataset="desk", marking=Marking.AMBER,
              translations={"it": {"claim": "Truppe NATO sbarcate a Odessa"},
                            "uk": {"claim": "Війська НАТО висадилися в Одесі",
                                   "title": "Одеса"}}),
    Narrative(id="nar-1", title="Biolabs in Ukraine", summary="Secret US biolabs make weapons.",
              language="en", debunk="No evidence; the labs are public health sites.",
              keywords=("biolabs", "usa"), countries=("UA",), first_seen=date(2022, 2, 24),
              last_seen=date(2023, 1, 1), source="EUvsDisinfo", marking=Marking.GREEN,
              translations={"de": {"title": "Biolabore", "debunk": "Kein Beleg."}}),
    FactCheck(id="desk:77", claim="Tanks were seen in Riga", language="und"),
    FactCheck(id="desk:78", claim="Power cut planned", language="lv", publisher="Desk",
              verdict=Verdict.FALSE),
    FactCheck(id="https://fc.example/9", claim="Unsigned review", language="en",
              url="https://fc.example/9", rating="Wrong"),
    Narrative(id="nar-2", title="Bare", summary="Just a summary."),
]


def _demo() -> list[FactCheck | Narrative]:
    return [record for path in demo_files() for _, record in read_file(path).records]


def _by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def test_demo_knowledge_base_exports_a_valid_bundle() -> None:
    bundle = bundle_records(_demo(), producer="faro demo", disarm=["T0002", "T0014.001"])
    assert validate(bundle) == []
    assert len(_by_type(bundle, "report")) == 90 and len(_by_type(bundle, "narrative")) == 35
    [identity] = _by_type(bundle, "identity")
    assert identity["name"] == "faro demo" and identity["identity_class"] == "organization"
    assert all(o.get("created_by_ref") == identity["id"] for o in bundle["objects"]
               if o["type"] not in ("identity", "marking-definition"))


def test_markings_use_the_standard_tlp2_definitions() -> None:
    bundle = bundle_records(RECORDS, producer="Desk")
    definitions = {o["id"]: o for o in _by_type(bundle, "marking-definition")}
    assert set(definitions) == {TLP_DEFINITIONS[m]["id"]
                                for m in (Marking.AMBER, Marking.GREEN, Marking.CLEAR)}
    assert TLP_DEFINITIONS[Marking.AMBER]["id"] == \
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    report = _by_type(bundle, "report")[0]
    assert report["object_marking_refs"] == [TLP_DEFINITIONS[Marking.AMBER]["id"]]
    assert validate(bundle) == []


def test_factcheck_claim_verdict_and_narrative_shapes() -> None:
    bundle = bundle_records(RECORDS[:2], producer="Desk")
    [report] = _by_type(bundle, "report")
    [opinion] = _by_type(bundle, "opinion")
    claim = next(o for o in _by_type(bundle, "note") if o["id"] in report["object_refs"])
    assert report["report_types"] == ["fact-check"] and report["published"].startswith("2024")
    assert claim["content"] == "NATO troops landed in Odesa <script>"  # data, not markup
    assert claim["authors"] == ["Telegram channels"]
    assert opinion["opinion"] == "neutral" and opinion["explanation"] == "Missing context"
    assert opinion["object_refs"] == [claim["id"]]
    [narrative] = _by_type(bundle, "narrative")
    assert narrative["extensions"] == {
        "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba": {"extension_type": "new-sdo"}}
    standard = next(o for o in _by_type(bundle, "note") if o["object_refs"] == [narrative["id"]])
    assert "Debunk: No evidence" in standard["content"] and "country:UA" in standard["labels"]


def test_disarm_techniques_are_attack_patterns_in_disarm_kill_chain() -> None:
    bundle = bundle_records([], producer="Desk", disarm=["T0002"])
    [pattern] = _by_type(bundle, "attack-pattern")
    assert pattern["name"] == "Facilitate State Propaganda"
    assert pattern["kill_chain_phases"] == [{"kill_chain_name": "disarm",
                                             "phase_name": "plan-objectives"}]
    assert pattern["external_references"][0]["external_id"] == "T0002"
    assert validate(bundle) == []


def test_round_trip_is_lossless_and_ids_are_stable() -> None:
    records = _demo() + RECORDS
    first = bundle_records(records, producer="Desk")
    assert validate(first) == []
    again = bundle_records(records, producer="Desk")
    assert [o["id"] for o in first["objects"]] == [o["id"] for o in again["objects"]]
    assert sorted(read_bundle(json.dumps(first)), key=lambda r: r.id) == \
        sorted(records, key=lambda r: r.id)


def _bundle() -> dict[str, Any]:
    return copy.deepcopy(bundle_records(RECORDS, producer="Desk"))


def _break(change: str) -> dict[str, Any]:
    bundle = _bundle()
    report = _by_type(bundle, "report")[0]
    if change == "two markings":
        report["object_marking_refs"].append(TLP_DEFINITIONS[Marking.RED]["id"])
    elif change == "undefined marking":
        report["object_marking_refs"] = ["marking-definition--00000000-0000-4000-8000-000000000000"]
    elif change == "unknown type":
        bundle["objects"].append({"type": "malware", "id": "malware--1", "spec_version": "2.1"})
    elif change == "bad property":
        report["published"] = "yesterday"
    elif change == "no claim":
        report["object_refs"] = [o["id"] for o in _by_type(bundle, "opinion")]
        del report["description"]
    return bundle


@pytest.mark.parametrize(("change", "error", "code"), [
    ("two markings", MarkingConflictError, "F602"),
    ("undefined marking", MarkingConflictError, "F602"),
    ("unknown type", MalformedSharingError, "F601"),
    ("bad property", MalformedSharingError, "F601"),
    ("no claim", InvalidRecordError, "F304"),
])
def test_bad_bundles_are_refused_whole(change: str, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as caught:
        read_bundle(json.dumps(_break(change)), "partner.json")
    assert caught.value.code == code  # type: ignore[attr-defined]


@pytest.mark.parametrize("data", [b"not json", b"[]", b'{"type": "bundle"}',
                                  b'{"type": "bundle", "objects": [{"id": 1}]}'])
def test_what_is_not_a_bundle_is_refused(data: bytes) -> None:
    with pytest.raises(MalformedSharingError):
        read_bundle(data, "x.json")


def test_tlp1_markings_of_older_producers_are_read() -> None:
    bundle = _bundle()
    report = _by_type(bundle, "report")[0]
    report["object_marking_refs"] = ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]
    bundle["objects"].append({"type": "marking-definition", "spec_version": "2.1",
                              "id": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                              "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
                              "name": "TLP:AMBER", "definition": {"tlp": "amber"}})
    factcheck = next(r for r in read_bundle(json.dumps(bundle)) if isinstance(r, FactCheck))
    assert factcheck.marking is Marking.AMBER


def test_translations_are_language_content_objects() -> None:
    bundle = bundle_records(RECORDS[:2], producer="Desk")
    assert validate(bundle) == []
    contents = {o["object_ref"]: o for o in _by_type(bundle, "language-content")}
    [report] = _by_type(bundle, "report")
    translated = contents[report["id"]]
    assert translated["contents"] == {
        "it": {"description": "Truppe NATO sbarcate a Odessa"},
        "uk": {"name": "Одеса", "description": "Війська НАТО висадилися в Одесі"}}
    assert translated["object_modified"] == report["modified"]
    assert translated["object_marking_refs"] == report["object_marking_refs"]
    [narrative] = _by_type(bundle, "narrative")
    assert contents[narrative["id"]]["contents"] == {"de": {"name": "Biolabore"}}
    back = {r.id: r for r in read_bundle(json.dumps(bundle))}
    assert back["https://fc.example/1"].translations == RECORDS[0].translations
    assert back["nar-1"].translations == RECORDS[1].translations
