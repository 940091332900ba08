"""The real TAXII client (taxii2-client's ``taxii2client.v21``) against a running ``faro serve``
on a free loopback port (plain HTTP: the client sends credentials over it as well), over a fresh
database on each back end holding the demo knowledge base (``faro kb import --demo``, all
TLP:CLEAR) and a few GREEN records; an organisation with an analyst and a viewer. Reading with
HTTP Basic (the token as password, as TAXII clients send it) and pushing with a bearer token."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from tests._serve import free_port, serving
from tests.conftest import fresh_database

from faro.model import FactCheck, Marking, Narrative, Verdict
from faro.sharing import bundle_records
from faro.store import CLI, Store

v21 = pytest.importorskip("taxii2client.v21")
exceptions = pytest.importorskip("taxii2client.exceptions")
requests = pytest.importorskip("requests")


@dataclass
class Live:
    url: str
    tokens: dict[str, str]

    def server(self, who: str = "viewer") -> Any:
        return v21.Server(f"{self.url}/taxii2/", user="partner", password=self.tokens[who])


class Bearer(requests.auth.AuthBase):  # type: ignore[misc]
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: Any) -> Any:
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def green(n: int) -> FactCheck:
    return FactCheck(id=f"https://partner.example/{n}", claim=f"Claim {n} about the pipeline",
                     language="en", verdict=Verdict.MOSTLY_FALSE, rating="Misleading",
                     url=f"https://partner.example/{n}", publisher="Partner",
                     review_date=date(2024, 3, n), marking=Marking.GREEN)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         ) -> Iterator[Live]:
    home = tmp_path_factory.mktemp("taxii-live")
    with fresh_database(request.param, home) as url:
        env = os.environ | {"FARO_HOME": str(home), "FARO_DATABASE_URL": url}
        with Store.open(url) as store:
            org, _ = store.accounts.ensure_organisation("Partner Desk", CLI)
            tokens = {}
            for role, scope in (("analyst", "write"), ("viewer", "read")):
                user = store.accounts.add_user(f"{role}@example.org", org.id, role, "x", CLI)
                tokens[role] = store.accounts.create_token(user, "taxii", scope, CLI)[1]
            store.put_records([green(1), green(2), green(3)])
        faro = [sys.executable, "-c", "from faro.cli import main; main()"]
        subprocess.run([*faro, "kb", "import", "--demo"], env=env, check=True,
                       capture_output=True, timeout=300)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with serving([*faro, "serve", "--host", "127.0.0.1", "--port", str(port)], env,
                     home / "server.log", base):
            yield Live(base, tokens)


def test_discovery_and_collections(live: Live) -> None:
    server = live.server()
    assert server.title == "faro TAXII 2.1 server"
    assert [root.url for root in server.api_roots] == [f"{live.url}/taxii2/faro/"]
    root = server.default
    assert root.title == "faro knowledge base"
    assert root.versions == ["application/taxii+json;version=2.1"]
    assert [(c.id, c.can_read, c.can_write) for c in root.collections][:2] == [
        ("faro-clear", True, False), ("faro-green", True, False)]
    assert root.collections[2].id.startswith("findings-")  # its own findings, read-only
    writable = live.server("analyst").default.collections
    assert [c.can_write for c in writable] == [True, True, False]


def test_refused_without_a_valid_token(live: Live) -> None:
    server = v21.Server(f"{live.url}/taxii2/", user="partner", password="faro_wrong")
    with pytest.raises(requests.HTTPError) as caught:
        _ = server.title
    assert caught.value.response.status_code == 401
    assert caught.value.response.json()["error_code"] == "F501"


def test_reading_with_filters_and_pages(live: Live) -> None:
    clear = live.server().default.collections[0]
    reports = clear.get_objects(type="report", limit=1000)
    assert len(reports["objects"]) == 90 and not reports["more"]  # the demo's fact-checks
    narratives = clear.get_objects(type="narrative", limit=1000)["objects"]
    assert len(narratives) == 35
    one = clear.get_object(narratives[0]["id"])
    assert one["objects"] == [narratives[0]]
    assert clear.object_versions(narratives[0]["id"])["versions"] == [
        narratives[0]["modified"]]
    picked = {reports["objects"][0]["id"], reports["objects"][5]["id"]}
    found = clear.get_objects(id=list(picked))["objects"]
    assert {o["id"] for o in found} == picked
    version = reports["objects"][0]["modified"]
    assert clear.get_objects(id=reports["objects"][0]["id"], version=version)["objects"]
    assert not clear.get_objects(id=reports["objects"][0]["id"],
                                 version="2001-01-01T00:00:00.000Z")["objects"]
    # every object once, page by page, in the order of a single request
    everything = [o["id"] for o in clear.get_objects(limit=1000)["objects"]]
    pages = list(v21.as_pages(clear.get_objects, per_request=50))
    assert len(pages) == -(-len(everything) // 50) and all(p["objects"] for p in pages)
    assert [o["id"] for p in pages for o in p["objects"]] == everything
    manifest = [m for p in v21.as_pages(clear.get_manifest, per_request=100)
                for m in p["objects"]]
    assert [m["id"] for m in manifest] == everything
    last = manifest[-1]["date_added"]
    assert clear.get_objects(added_after=last)["objects"] == []


def test_pushing_polling_and_reading_back(live: Live) -> None:
    analyst = live.server("analyst").default
    green_collection = next(c for c in analyst.collections if c.id == "faro-green")
    before = green_collection.get_manifest(limit=1000)["objects"]
    last = max(m["date_added"] for m in before)
    records = [green(10), Narrative(id="https://partner.example/narrative/1",
                                    title="The pipeline was sabotaged by its owners",
                                    summary="Claims that the operator blew up its own pipeline.",
                                    language="en", marking=Marking.GREEN)]
    pushed = [o for o in bundle_records(records, producer="Partner Desk")["objects"]
              if o["type"] != "marking-definition"]
    # pushed with a bearer token this time
    collection = v21.Collection(green_collection.url, auth=Bearer(live.tokens["analyst"]))
    status = collection.add_objects({"objects": pushed})
    assert status.status == "complete"
    assert (status.total_count, status.success_count, status.failure_count,
            status.pending_count) == (len(pushed), len(pushed), 0, 0)
    polled = analyst.get_status(status.id)
    assert polled.status == "complete" and polled.success_count == len(pushed)
    # the client's own status URL (add_objects makes it without the trailing slash)
    refreshed = v21.Status(f"{live.url}/taxii2/faro/status/{status.id}",
                           auth=Bearer(live.tokens["analyst"]))
    assert refreshed.success_count == len(pushed)
    # what was pushed comes back, with the same ids, as what was added after the last look
    new = green_collection.get_objects(added_after=last, limit=1000)["objects"]
    stored = {o["id"] for o in pushed if o["type"] != "identity"}
    assert {o["id"] for o in new} == stored
    report = next(o for o in new if o["type"] == "report")
    assert report["name"] == records[0].claim and report["object_marking_refs"] == [
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]
    # the same push again changes nothing
    again = collection.add_objects({"objects": pushed})
    assert again.success_count == len(pushed)
    assert green_collection.get_objects(added_after=max(
        m["date_added"] for m in green_collection.get_manifest(limit=1000)["objects"]),
    )["objects"] == []


def test_a_viewer_cannot_push(live: Live) -> None:
    viewer = live.server().default.collections[0]
    with pytest.raises(exceptions.AccessError):
        viewer.add_objects({"objects": []})
    forced = v21.Collection(viewer.url, user="partner", password=live.tokens["viewer"],
                            collection_info={"id": "faro-clear", "title": "faro-clear",
                                             "can_read": True, "can_write": True})
    with pytest.raises(requests.HTTPError) as caught:
        forced.add_objects({"objects": []})
    assert caught.value.response.status_code == 403
