"""MISP events: narrative objects with TLP tags and the DISARM galaxy, read back whole; events
faro cannot read refused whole."""

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
from faro.sharing import misp_event, read_misp_event

pytest.importorskip("pymisp", reason="the share extra is not installed")

RECORDS: list[FactCheck | Narrative] = [
    FactCheck(id="https://fc.example/1", claim="NATO troops landed in Odesa", language="en",
              verdict=Verdict.FALSE, rating="False", url="https://fc.example/1",
              publisher="Desk", title="Odesa", claimant="Telegram", review_date=date(2024, 3, 1),
              source_dataset="desk", marking=Marking.AMBER),
    Narrative(id="nar-1", title="Biolabs", summary="Secret US biolabs in Ukraine.",
              language="en", debunk="No evidence.", keywords=("biolabs",), countries=("UA",),
              first_seen=date(2022, 2, 24), last_seen=date(2023, 1, 1), source="EUvsDisinfo",
              marking=Marking.GREEN),
]


def test_demo_knowledge_base_round_trips_through_a_misp_event() -> None:
    records = [r for path in demo_files() for _, r in read_file(path).records] + RECORDS
    event = misp_event(records, producer="Desk", disarm=["T0002"])
    assert sorted(read_misp_event(json.dumps(event)), key=lambda r: r.id) == \
        sorted(records, key=lambda r: r.id)


def test_event_tags_distribution_and_galaxy() -> None:
    event = misp_event(RECORDS, producer="Desk", disarm=["T0002"])["Event"]
    tags = {t["name"] for t in event["Tag"]}
    assert tags == {"tlp:amber", 'misp-galaxy:disarm="Facilitate State Propaganda"'}
    assert event["distribution"] == "1" and event["Orgc"]["name"] == "Desk"
    factcheck, narrative = event["Object"]
    assert factcheck["name"] == narrative["name"] == "narrative"
    summary = next(a for a in factcheck["Attribute"]
                   if a["object_relation"] == "narrative-summary")
    assert summary["value"] == "NATO troops landed in Odesa"
    assert "tlp:amber" in {t["name"] for t in summary["Tag"]}
    assert narrative["distribution"] == "2"


def test_an_event_from_elsewhere_is_read_with_its_markings() -> None:
    event = {"Event": {"info": "partner", "Tag": [{"name": "tlp:green"}], "Object": [
        {"name": "narrative", "comment": "Chemtrails",
         "uuid": "5b0e1c39-1111-4111-8111-111111111111", "Attribute": [
             {"object_relation": "narrative-summary", "type": "text",
              "value": "Planes spray chemicals"},
             {"object_relation": "narrative-disproof", "type": "text", "value": "Contrails."},
             {"object_relation": "link", "type": "link", "value": "https://p.example/c"}]}]}}
    [narrative] = read_misp_event(json.dumps(event))
    assert isinstance(narrative, Narrative)
    assert (narrative.id, narrative.title, narrative.debunk, narrative.marking) == (
        "https://p.example/c", "Chemtrails", "Contrails.", Marking.GREEN)


def _broken(change: str) -> dict[str, Any]:
    event = copy.deepcopy(misp_event(RECORDS, producer="Desk"))
    first = event["Event"]["Object"][0]
    if change == "two markings":
        first["Attribute"][0]["Tag"].append({"name": "tlp:red"})
    elif change == "other object":
        event["Event"]["Object"].append({"name": "file", "Attribute": [
            {"object_relation": "filename", "type": "filename", "value": "a.exe"}]})
    elif change == "loose attribute":
        event["Event"]["Attribute"] = [{"type": "domain", "value": "evil.example"}]
    elif change == "no summary":
        first["Attribute"] = [a for a in first["Attribute"]
                              if a["object_relation"] != "narrative-summary"]
    return event


@pytest.mark.parametrize(("change", "error"), [
    ("two markings", MarkingConflictError), ("other object", MalformedSharingError),
    ("loose attribute", MalformedSharingError), ("no summary", InvalidRecordError)])
def test_events_faro_cannot_read_are_refused_whole(change: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_misp_event(json.dumps(_broken(change)), "partner.json")


@pytest.mark.parametrize("data", [b"nope", b"[]", b'{"Event": {"Object": []}}'])
def test_what_is_not_an_event_is_refused(data: bytes) -> None:
    with pytest.raises(MalformedSharingError):
        read_misp_event(data)
