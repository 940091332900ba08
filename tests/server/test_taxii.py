"""The TAXII 2.1 server (``/taxii2/``) through the app, on SQLite and PostgreSQL: media types,
errors, authentication, which collections and objects each organisation sees under TLP 2.0,
filters and pages, pushes and their statuses. The real client against a running ``faro serve``
is in test_taxii_live.py."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

import pytest
from tests.server.conftest import Server

from faro.model import FactCheck, Marking, Narrative, Verdict
from faro.sharing import bundle_records
from faro.sharing._stix import TLP_IDS

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
ROOT = "/taxii2/faro"


def factcheck(n: int, marking: Marking = Marking.CLEAR, **changes: Any) -> FactCheck:
    values: dict[str, Any] = {
        "id": f"https://checks.example/{n}", "claim": f"Claim {n}: the harbour was closed",
        "language": "en", "verdict": Verdict.FALSE, "rating": "False",
        "url": f"https://checks.example/{n}", "publisher": "Checks", "title": f"Check {n}",
        "review_date": date(2024, 1 + n // 28, 1 + n % 28), "marking": marking} | changes
    return FactCheck(**values)


def narrative(n: int, marking: Marking = Marking.CLEAR) -> Narrative:
    return Narrative(id=f"https://narratives.example/{n}", title=f"Narrative {n}",
                     summary=f"Summary of narrative {n}", language="en", marking=marking)


def get(server: Server, path: str, who: str = "viewer", **params: Any) -> Any:
    answer = server.client.get(f"{ROOT}{path}", params=params,
                               headers=server.auth(who) | {"Accept": TAXII})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == TAXII
    return answer.json()


def push(server: Server, collection: str, objects: list[dict[str, Any]],
         who: str = "analyst") -> Any:
    return server.client.post(f"{ROOT}/collections/{collection}/objects/",
                              content=json.dumps({"objects": objects}),
                              headers=server.auth(who) | {"Accept": TAXII,
                                                          "Content-Type": TAXII})


def ids(envelope: dict[str, Any]) -> list[str]:
    return [o["id"] for o in envelope["objects"]]


@pytest.fixture
def seeded(server: Server) -> Server:
    """Three CLEAR fact-checks and a narrative, two GREEN, one AMBER, one AMBER+STRICT and one
    RED."""
    server.store.put_records([
        factcheck(1), factcheck(2), factcheck(3), narrative(1),
        factcheck(4, Marking.GREEN), factcheck(5, Marking.GREEN),
        factcheck(6, Marking.AMBER), factcheck(7, Marking.AMBER_STRICT),
        factcheck(8, Marking.RED)])
    return server


# -- discovery, media types, errors, authentication ----------------------------------------------


def test_discovery_and_api_root(seeded: Server) -> None:
    discovery = seeded.client.get("/taxii2/", headers=seeded.auth("viewer"))
    assert discovery.status_code == 200 and discovery.headers["content-type"] == TAXII
    assert discovery.json()["api_roots"] == ["https://testserver/taxii2/faro/"]
    assert discovery.json()["default"] == "https://testserver/taxii2/faro/"
    root = get(seeded, "/")
    assert root["versions"] == [TAXII]
    assert root["max_content_length"] == 200_000
    answer = seeded.client.get("/taxii2/elsewhere/", headers=seeded.auth("viewer"))
    assert answer.status_code == 404 and answer.json()["error_code"] == "F403"


@pytest.mark.parametrize("path", ["/taxii2/", f"{ROOT}/", f"{ROOT}/collections/",
                                  f"{ROOT}/collections/faro-clear/objects/"])
def test_anonymous_callers_get_a_taxii_error(server: Server, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer faro_not-a-token"},
                    {"Authorization": "Basic " + base64.b64encode(b"x:faro_nope").decode()},
                    {"Authorization": "Basic %%%"}):
        answer = server.client.get(path, headers=headers)
        assert answer.status_code == 401
        assert answer.headers["content-type"] == TAXII
        assert answer.headers["www-authenticate"] == 'Bearer realm="faro"'
        assert answer.json() == {"title": "Unauthorized", "error_code": "F501",
                                 "http_status": "401",
                                 "description": answer.json()["description"]}
        assert answer.headers["cache-control"] == "no-store"


def test_basic_authentication_takes_the_token_as_password_under_taxii2_only(
        server: Server) -> None:
    token = server.tokens["viewer"]
    basic = {"Authorization": "Basic " + base64.b64encode(f"anyone:{token}".encode()).decode()}
    assert server.client.get(f"{ROOT}/collections/", headers=basic).status_code == 200
    # the REST API and the pages take no Basic credentials
    answer = server.client.get("/api/v1/factchecks", headers=basic)
    assert answer.status_code == 401 and answer.headers["content-type"] == (
        "application/problem+json")


def test_accept_header(seeded: Server) -> None:
    c, auth = seeded.client, seeded.auth("viewer")
    objects = f"{ROOT}/collections/faro-clear/objects/"
    for accept in ("text/html", "application/json", "application/taxii+json;version=2.0",
                   f"{TAXII};q=0"):
        answer = c.get(f"{ROOT}/collections/", headers=auth | {"Accept": accept})
        assert answer.status_code == 406, accept
        assert answer.headers["content-type"] == TAXII
        assert answer.json()["http_status"] == "406" and answer.json()["error_code"] == "F504"
    for accept in ("*/*", "application/*", "application/taxii+json", f"text/html, {TAXII}"):
        answer = c.get(f"{ROOT}/collections/", headers=auth | {"Accept": accept})
        assert answer.status_code == 200 and answer.headers["content-type"] == TAXII, accept
    # STIX objects may come as application/stix+json; TAXII resources may not
    answer = c.get(objects, headers=auth | {"Accept": STIX})
    assert answer.status_code == 200 and answer.headers["content-type"] == STIX
    assert c.get(f"{ROOT}/collections/", headers=auth | {"Accept": STIX}).status_code == 406


def test_content_type_of_a_push(seeded: Server) -> None:
    c = seeded.client
    for kind in ("application/json", "text/plain", "application/taxii+json;version=2.0", None):
        headers = seeded.auth("analyst") | ({"Content-Type": kind} if kind else {})
        answer = c.post(f"{ROOT}/collections/faro-clear/objects/", headers=headers,
                        content=b'{"objects": []}')
        assert answer.status_code == 415, kind
        assert answer.json()["error_code"] == "F504"
    for kind in (TAXII, STIX, "application/taxii+json"):
        answer = c.post(f"{ROOT}/collections/faro-clear/objects/", content=b'{"objects": []}',
                        headers=seeded.auth("analyst") | {"Content-Type": kind})
        assert answer.status_code == 202, (kind, answer.text)


# -- collections and TLP -------------------------------------------------------------------------


def test_collections_by_marking_and_role(seeded: Server) -> None:
    listed = get(seeded, "/collections/")["collections"]
    # AMBER records releasable to nobody: no AMBER collection for anyone; RED never has one
    a, b = (seeded.users[who].org_id for who in ("viewer", "b"))
    # each organisation also reads its own findings' collection (read-only)
    assert [c["id"] for c in listed] == ["faro-clear", "faro-green", f"findings-{a}"]
    assert all(c["can_read"] and not c["can_write"] for c in listed)  # a viewer
    assert [c["can_write"] for c in get(seeded, "/collections/", "analyst")["collections"]] \
        == [True, True, False]
    assert [c["id"] for c in get(seeded, "/collections/", "b")["collections"]] == [
        "faro-clear", "faro-green", f"findings-{b}"]
    one = get(seeded, "/collections/faro-green/")
    assert one["id"] == "faro-green" and one["media_types"] == [STIX]
    for hidden in ("faro-amber", "faro-amber-strict", "faro-red", "nothing"):
        for path in ("/", "/objects/", "/manifest/"):
            answer = seeded.client.get(f"{ROOT}/collections/{hidden}{path}",
                                       headers=seeded.auth("admin"))
            assert answer.status_code == 404, (hidden, path)
            assert answer.json()["error_code"] == "F403"


def test_each_collection_holds_its_markings_objects_and_red_none(seeded: Server) -> None:
    for collection, marking in (("faro-clear", Marking.CLEAR), ("faro-green", Marking.GREEN)):
        objects = get(seeded, f"/collections/{collection}/objects/", limit=1000)["objects"]
        marked = [o for o in objects if o["type"] not in ("identity", "marking-definition")]
        assert marked and all(o["object_marking_refs"] == [TLP_IDS[marking]] for o in marked)
        assert {o["id"] for o in objects if o["type"] == "marking-definition"} == {
            TLP_IDS[marking]}
        assert sum(o["type"] == "identity" for o in objects) == 1
    everything = json.dumps([get(seeded, f"/collections/{c}/objects/", limit=1000)
                             for c in ("faro-clear", "faro-green")])
    for withheld in (6, 7, 8):  # AMBER, AMBER+STRICT (released to nobody), RED
        assert f"checks.example/{withheld}" not in everything


def test_ids_are_the_stable_ids_of_the_stix_export(seeded: Server) -> None:
    served = set(ids(get(seeded, "/collections/faro-green/objects/", limit=1000)))
    exported = bundle_records([factcheck(4, Marking.GREEN), factcheck(5, Marking.GREEN)],
                              producer="faro")
    assert {o["id"] for o in exported["objects"]} == served
    reports = get(seeded, "/collections/faro-green/objects/", **{"match[type]": "report"})
    assert sorted(r["published"] for r in reports["objects"]) == ["2024-01-05T00:00:00.000Z",
                                                                "2024-01-06T00:00:00.000Z"]


def test_an_amber_collection_shows_only_what_is_released_to_the_reader(server: Server) -> None:
    server.store.put_records([
        factcheck(1, Marking.AMBER, releasable_to=("Desk B",)),
        factcheck(2, Marking.AMBER),
        factcheck(3, Marking.AMBER_STRICT, releasable_to=("Desk A",))])
    assert [c["id"] for c in get(server, "/collections/", "b")["collections"]][:3] == [
        "faro-clear", "faro-green", "faro-amber"]
    objects = json.dumps(get(server, "/collections/faro-amber/objects/", "b"))
    assert "checks.example/1" in objects and "checks.example/2" not in objects
    assert [c["id"] for c in get(server, "/collections/")["collections"]][:3] == [
        "faro-clear", "faro-green", "faro-amber-strict"]
    assert server.client.get(f"{ROOT}/collections/faro-amber/objects/",
                             headers=server.auth("viewer")).status_code == 404
    # Desk B pushes an AMBER record: released to Desk B, which holds it, and to nobody else
    status = push(server, "faro-amber", _objects(factcheck(4, Marking.AMBER)), who="b").json()
    assert status["failure_count"] == 0
    stored = server.store.get_records(["https://checks.example/4"])["https://checks.example/4"]
    assert stored.releasable_to == ("Desk B",)
    assert "checks.example/4" in json.dumps(get(server, "/collections/faro-amber/objects/", "b"))
    # pushed again by Desk B, record 1 keeps the releasability faro gave it
    push(server, "faro-amber", _objects(factcheck(1, Marking.AMBER, rating="Wrong")), who="b")
    again = server.store.get_records(["https://checks.example/1"])["https://checks.example/1"]
    assert again.releasable_to == ("Desk B",) and again.rating == "Wrong"


# -- filters and pages ---------------------------------------------------------------------------


def test_match_filters(seeded: Server) -> None:
    path = "/collections/faro-clear/objects/"
    everything = get(seeded, path, limit=1000)["objects"]
    assert {o["type"] for o in everything} == {"identity", "marking-definition", "report",
                                              "note", "opinion", "narrative"}
    reports = get(seeded, path, **{"match[type]": "report"})["objects"]
    assert len(reports) == 3 and {o["type"] for o in reports} == {"report"}
    two = get(seeded, path, **{"match[type]": "narrative,opinion"})["objects"]
    assert {o["type"] for o in two} == {"narrative", "opinion"} and len(two) == 4
    wanted = [reports[0]["id"], everything[-1]["id"]]
    assert sorted(ids(get(seeded, path, **{"match[id]": ",".join(wanted)}))) == sorted(wanted)
    version = reports[0]["modified"]
    by_version = get(seeded, path, **{"match[id]": reports[0]["id"], "match[version]": version})
    assert ids(by_version) == [reports[0]["id"]]
    for other in ("2001-01-01T00:00:00.000Z", "first,2001-01-01T00:00:00Z"):
        found = get(seeded, path, **{"match[id]": reports[0]["id"], "match[version]": other})
        assert len(found["objects"]) == (1 if other.startswith("first") else 0)
    for keyword in ("first", "last", "all"):
        assert len(get(seeded, path, limit=1000, **{"match[version]": keyword})["objects"]) == (
            len(everything))
    assert get(seeded, path, **{"match[spec_version]": "2.0"})["objects"] == []
    answer = seeded.client.get(f"{ROOT}{path}", params={"match[version]": "yesterday"},
                               headers=seeded.auth("viewer"))
    assert answer.status_code == 422 and answer.json()["error_code"] == "F504"


def test_added_after_is_strictly_after_and_sees_changes(seeded: Server) -> None:
    path = "/collections/faro-clear/objects/"
    manifest = get(seeded, "/collections/faro-clear/manifest/", limit=1000)["objects"]
    last = manifest[-1]["date_added"]
    assert get(seeded, path, added_after=last)["objects"] == []
    seeded.store.put_records([factcheck(2, rating="Pants on fire")])  # changed
    changed = get(seeded, path, added_after=last)
    assert set(ids(changed)) == {o["id"] for o in _objects(factcheck(2))
                                 if o["type"] != "identity"}
    opinion = next(o for o in changed["objects"] if o["type"] == "opinion")
    assert opinion["explanation"] == "Pants on fire"
    assert opinion["modified"] > opinion["created"]  # a new version
    stamps = [m["date_added"] for m in get(seeded, "/collections/faro-clear/manifest/",
                                           limit=1000)["objects"]]
    assert stamps == sorted(stamps) and stamps[-1] > last
    answer = seeded.client.get(f"{ROOT}{path}", params={"added_after": "last week"},
                               headers=seeded.auth("viewer"))
    assert answer.status_code == 422 and answer.headers["content-type"] == TAXII


def test_pages_walk_every_object_once(seeded: Server) -> None:
    path = f"{ROOT}/collections/faro-clear/objects/"
    everything = ids(get(seeded, "/collections/faro-clear/objects/", limit=1000))
    walked: list[str] = []
    params: dict[str, Any] = {"limit": 3}
    pages = 0
    while True:
        answer = seeded.client.get(path, params=params, headers=seeded.auth("viewer"))
        body = answer.json()
        assert len(body["objects"]) <= 3
        objects = body["objects"]
        walked += ids(body)
        pages += 1
        manifest = get(seeded, "/collections/faro-clear/manifest/",
                       **{"match[id]": ",".join(ids(body))})["objects"]
        added = sorted(m["date_added"] for m in manifest)
        assert answer.headers["x-taxii-date-added-first"] == added[0]
        assert answer.headers["x-taxii-date-added-last"] == added[-1]
        if not body["more"]:
            assert "next" not in body
            break
        assert objects and body["next"]
        params = {"limit": 3, "next": body["next"]}
    assert walked == everything and pages == -(-len(everything) // 3)
    filtered = get(seeded, "/collections/faro-clear/objects/", limit=2,
                   **{"match[type]": "report"})
    assert len(filtered["objects"]) == 2 and filtered["more"]
    rest = get(seeded, "/collections/faro-clear/objects/", limit=2, next=filtered["next"],
               **{"match[type]": "report"})
    assert len(rest["objects"]) == 1 and not rest["more"]
    for bad in ({"next": "not-a-cursor"}, {"limit": "0"}, {"limit": "many"}):
        answer = seeded.client.get(path, params=bad, headers=seeded.auth("viewer"))
        assert answer.status_code == 422, bad
        assert answer.headers["content-type"] == TAXII and answer.json()["error_code"] == "F504"


def test_one_object_its_versions_and_the_manifest(seeded: Server) -> None:
    base = "/collections/faro-green"
    report = get(seeded, f"{base}/objects/", **{"match[type]": "report"})["objects"][0]
    one = get(seeded, f"{base}/objects/{report['id']}/")
    assert one == {"more": False, "objects": [report]}
    versions = get(seeded, f"{base}/objects/{report['id']}/versions/")
    assert versions == {"more": False, "versions": [report["modified"]]}
    manifest = get(seeded, f"{base}/manifest/", **{"match[id]": report["id"]})["objects"]
    assert manifest == [{"id": report["id"], "date_added": manifest[0]["date_added"],
                         "version": report["modified"], "media_type": STIX}]
    for path in (f"{base}/objects/report--00000000-0000-4000-8000-000000000000/",
                 f"{base}/objects/report--00000000-0000-4000-8000-000000000000/versions/"):
        answer = seeded.client.get(f"{ROOT}{path}", headers=seeded.auth("viewer"))
        assert answer.status_code == 404 and answer.json()["error_code"] == "F403"
    # an AMBER object is not found through a collection the reader may see
    amber = bundle_records([factcheck(6, Marking.AMBER)], producer="faro")["objects"]
    hidden = next(o["id"] for o in amber if o["type"] == "report")
    answer = seeded.client.get(f"{ROOT}{base}/objects/{hidden}/", headers=seeded.auth("admin"))
    assert answer.status_code == 404


# -- pushing and deleting ------------------------------------------------------------------------


def _objects(*records: FactCheck | Narrative) -> list[dict[str, Any]]:
    return [o for o in bundle_records(list(records), producer="Partner desk")["objects"]
            if o["type"] != "marking-definition"]


def test_push_stores_records_and_answers_a_status(seeded: Server) -> None:
    before = seeded.store.kb_stamp()[1]
    objects = _objects(factcheck(20, Marking.GREEN), narrative(20, Marking.GREEN))
    answer = push(seeded, "faro-green", objects)
    assert answer.status_code == 202 and answer.headers["content-type"] == TAXII
    status = answer.json()
    assert status["status"] == "complete"
    assert (status["total_count"], status["success_count"], status["failure_count"],
            status["pending_count"]) == (len(objects), len(objects), 0, 0)
    report = next(o for o in objects if o["type"] == "report")
    assert {"id": report["id"], "version": report["modified"],
            "message": "stored as factcheck https://checks.example/20"} in status["successes"]
    stored = seeded.store.get_records(["https://checks.example/20",
                                       "https://narratives.example/20"])
    assert {r.marking for r in stored.values()} == {Marking.GREEN} and len(stored) == 2
    assert get(seeded, f"/status/{status['id']}/", "analyst") == status
    # another organisation's status is not found
    answer = seeded.client.get(f"{ROOT}/status/{status['id']}/", headers=seeded.auth("b"))
    assert answer.status_code == 404
    # read back, same ids
    served = set(ids(get(seeded, "/collections/faro-green/objects/", limit=1000)))
    assert {o["id"] for o in objects if o["type"] != "identity"} <= served
    # pushed again: nothing changes
    version = seeded.store.kb_stamp()[1]
    assert version == before + 1
    assert push(seeded, "faro-green", objects).json()["success_count"] == len(objects)
    assert seeded.store.kb_stamp()[1] == version


def test_push_refuses_what_the_collection_may_not_hold(seeded: Server) -> None:
    amber = _objects(factcheck(21, Marking.AMBER))
    clear = _objects(factcheck(22, Marking.CLEAR))
    unmarked = [{k: v for k, v in o.items() if k not in ("object_marking_refs",
                                                            "created_by_ref")}
                for o in _objects(factcheck(23)) if o["type"] != "identity"]
    red = _objects(factcheck(24, Marking.RED))
    status = push(seeded, "faro-green", amber + clear + unmarked + red).json()
    failed = {f["id"] for f in status["failures"]}
    assert failed == {o["id"] for o in amber + red if o["type"] != "identity"}
    assert any("more restrictive than this collection (TLP:GREEN)" in f["message"]
               for f in status["failures"])
    assert status["success_count"] + status["failure_count"] == status["total_count"]
    stored = seeded.store.get_records([f"https://checks.example/{n}" for n in (21, 22, 23, 24)])
    assert sorted(stored) == ["https://checks.example/22", "https://checks.example/23"]
    assert stored["https://checks.example/22"].marking is Marking.CLEAR  # its own marking kept
    assert stored["https://checks.example/23"].marking is Marking.GREEN  # the collection's
    assert any("faro-clear" in s["message"] for s in status["successes"])


def test_push_never_lowers_a_stored_marking(seeded: Server) -> None:
    # record 5 is GREEN: pushing it as CLEAR would publish it
    status = push(seeded, "faro-clear", _objects(factcheck(5, Marking.CLEAR))).json()
    assert status["success_count"] == 1 and status["failure_count"] == 3  # identity read
    assert "lower the stored record's marking" in status["failures"][0]["message"]
    assert seeded.store.get_records(["https://checks.example/5"])[
        "https://checks.example/5"].marking is Marking.GREEN
    # an AMBER record the pusher may not receive is neither lowered nor changed
    status = push(seeded, "faro-green", _objects(factcheck(6, Marking.GREEN))).json()
    assert status["failure_count"] == 3
    assert "may not receive" in status["failures"][0]["message"]


@pytest.mark.parametrize("body", [
    b"not json", b"[]", b'{"objects": "none"}', b'{"type": "report", "objects": []}',
    # a valid fact-check beside an object faro does not read: nothing is stored
    None])
def test_a_bad_envelope_stores_nothing(seeded: Server, body: bytes | None) -> None:
    if body is None:
        objects = _objects(factcheck(30)) + [{"type": "malware", "spec_version": "2.1",
                                              "id": "malware--0b0c8d1e-2222-4a4a-9b9b-1c1c1c1c1c1c",
                                              "created": "2024-01-01T00:00:00.000Z",
                                              "modified": "2024-01-01T00:00:00.000Z",
                                              "name": "x", "is_family": False}]
        body = json.dumps({"objects": objects}).encode()
    version = seeded.store.kb_stamp()
    answer = seeded.client.post(f"{ROOT}/collections/faro-clear/objects/", content=body,
                                headers=seeded.auth("analyst") | {"Content-Type": TAXII})
    assert answer.status_code == 422 and answer.headers["content-type"] == TAXII
    assert answer.json()["error_code"] == "F601" and answer.json()["http_status"] == "422"
    assert seeded.store.kb_stamp() == version
    assert not seeded.store.get_records(["https://checks.example/30"])


def test_a_conflicting_marking_is_refused_whole(seeded: Server) -> None:
    objects = _objects(factcheck(31))
    objects[1]["object_marking_refs"] = [TLP_IDS[Marking.CLEAR], TLP_IDS[Marking.RED]]
    answer = push(seeded, "faro-clear", objects)
    assert answer.status_code == 422 and answer.json()["error_code"] == "F602"
    assert not seeded.store.get_records(["https://checks.example/31"])


def test_who_may_push_and_delete(seeded: Server) -> None:
    objects = _objects(factcheck(40))
    answer = push(seeded, "faro-clear", objects, who="viewer")
    assert answer.status_code == 403 and answer.json()["error_code"] == "F502"
    assert push(seeded, "faro-amber", objects).status_code == 404  # not visible to Desk A
    assert push(seeded, "faro-clear", objects, who="b").status_code == 202
    note = next(o["id"] for o in objects if o["type"] == "note")
    url = f"{ROOT}/collections/faro-clear/objects/{note}/"
    assert seeded.client.delete(url, headers=seeded.auth("analyst")).status_code == 403
    assert seeded.client.delete(url, headers=seeded.auth("admin")).status_code == 200
    assert not seeded.store.get_records(["https://checks.example/40"])  # the whole record
    assert seeded.client.delete(url, headers=seeded.auth("admin")).status_code == 404
    identity = next(o["id"] for o in get(seeded, "/collections/faro-clear/objects/",
                                         **{"match[type]": "identity"})["objects"])
    answer = seeded.client.delete(f"{ROOT}/collections/faro-clear/objects/{identity}/",
                                  headers=seeded.auth("admin"))
    assert answer.status_code == 403


def test_findings_collections_follow_each_documents_marking(server: Server) -> None:
    from faro.model import Document
    from faro.store import CLI

    server.store.put_records([factcheck(1)])
    a = server.users["analyst"].org_id
    doc = server.store.documents.add(a, Document(
        id="p", lang_hint="it", text="Secondo un canale Telegram le matite dei seggi si "
        "cancellano con una gomma e gli scrutatori cambiano i voti."), CLI)
    server.client.app.state.faro.analyse(a, doc, CLI)  # type: ignore[attr-defined]
    mine = f"findings-{a}"
    # TLP:AMBER (the default), released to no one: Desk A reads it, Desk B does not see it
    objects = get(server, f"/collections/{mine}/objects/", "viewer")["objects"]
    [source] = [o for o in objects if o["type"] == "report"]
    assert source["report_types"] == ["disinformation-source"]
    assert source["object_marking_refs"] == [TLP_IDS[Marking.AMBER]]
    assert any(o["type"] == "note" and "matite" in o["content"] for o in objects)
    assert mine not in [c["id"] for c in get(server, "/collections/", "b")["collections"]]
    assert server.client.get(f"{ROOT}/collections/{mine}/objects/",
                             headers=server.auth("b")).status_code == 404
    # released to Desk B: now it reads them
    server.store.documents.mark(a, doc.id, Marking.AMBER, ["Desk B"], CLI)
    assert mine in [c["id"] for c in get(server, "/collections/", "b")["collections"]]
    shared = get(server, f"/collections/{mine}/objects/", "b")["objects"]
    assert {o["id"] for o in shared} == {o["id"] for o in objects}
    # read-only: no pushes, no deletes
    refused = push(server, mine, [source], who="analyst")
    assert refused.status_code == 403
    deleted = server.client.delete(f"{ROOT}/collections/{mine}/objects/{source['id']}/",
                                   headers=server.auth("admin") | {"Accept": TAXII})
    assert deleted.status_code == 403


def test_a_pushed_translation_is_kept_and_served(seeded: Server) -> None:
    translated = factcheck(21, Marking.GREEN, translations={"it": {"claim": "Porto chiuso"}})
    objects = _objects(translated)
    assert any(o["type"] == "language-content" for o in objects)
    status = push(seeded, "faro-green", objects).json()
    assert status["failure_count"] == 0, status
    stored = seeded.store.get_records(["https://checks.example/21"])["https://checks.example/21"]
    assert stored.translations == {"it": {"claim": "Porto chiuso"}}
    served = get(seeded, "/collections/faro-green/objects/", limit=1000)["objects"]
    assert any(o["type"] == "language-content" and o["contents"]["it"]["description"]
               == "Porto chiuso" for o in served)
