"""``/api/v1/clusters``: narratives found in the organisation's claims, read by everyone of it,
changed by analysts (viewers 403), invisible to other organisations; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from tests.narratives.stored import DAY, MOON, VACCINE, save_claims
from tests.server.conftest import Server
from tests.server.test_routes import _routes

from faro.model import Narrative
from faro.store import Actor, read_audit

ROUTES = {("GET", "/api/v1/clusters"), ("GET", "/api/v1/clusters/{cluster_id}"),
          ("PATCH", "/api/v1/clusters/{cluster_id}"),
          ("POST", "/api/v1/clusters/{cluster_id}/merge"),
          ("POST", "/api/v1/clusters/{cluster_id}/split")}


def test_the_route_enumeration_sees_the_cluster_routes(server: Server) -> None:
    assert set(_routes(server)) >= ROUTES  # so test_every_route_refuses_anonymous_callers
    for method, path in ROUTES:  # covers them; and anonymous callers are refused
        answer = server.client.request(method, path.replace("{cluster_id}", "1"), json={})
        assert answer.status_code == 401 and answer.json()["code"] == "F501"


def test_narratives_listed_shown_and_changed(server: Server) -> None:
    c, store = server.client, server.store
    org_a = server.users["analyst"].org_id
    store.put_records([Narrative(id="nar:moon", title="Moon hoax", summary="s",
                                 language="en")])
    moon_ids = save_claims(store, org_a, MOON)
    save_claims(store, org_a, VACCINE[:1], day=DAY + timedelta(days=1))
    save_claims(store, org_a, VACCINE[1:] + [VACCINE[0] + "!", "Microchip vaccines, again",
                                             "Vaccine microchips track you"],
                day=DAY + timedelta(days=9))

    page = c.get("/api/v1/clusters", headers=server.auth("viewer"))
    assert page.status_code == 200, page.text
    got = page.json()
    assert (got["since"], got["until"]) == ("2024-02-10", "2024-03-10")
    vaccine, moon = got["items"]
    assert vaccine["window_volume"] == 6 and vaccine["emerging"]
    assert vaccine["bursts"][0]["day"] == "2024-03-10" and vaccine["bursts"][0]["count"] == 5
    assert moon["volume"]["2024-03-01"] == 4 and len(moon["volume"]) == 30
    assert moon["emerging"]  # 4 claims on a new narrative's first day: P(X >= 4 | 0.2) ~ 6e-5
    emerging = c.get("/api/v1/clusters", params={"emerging": "true"},
                     headers=server.auth("viewer")).json()["items"]
    assert [n["id"] for n in emerging] == [vaccine["id"], moon["id"]]  # most surprising first
    shown = c.get(f"/api/v1/clusters/{moon['id']}", params={"limit": 2},
                  headers=server.auth("viewer")).json()
    assert shown["members_total"] == 4 and len(shown["members"]) == 2

    # viewers may not change anything; analysts may
    patch = {"label": "Moon hoax <script>", "disarm": ["t0003"], "kb_narrative_id": "nar:moon"}
    refused = c.patch(f"/api/v1/clusters/{moon['id']}", json=patch,
                      headers=server.auth("viewer"))
    assert refused.status_code == 403 and refused.json()["code"] == "F502"
    changed = c.patch(f"/api/v1/clusters/{moon['id']}", json=patch,
                      headers=server.auth("analyst"))
    assert changed.status_code == 200, changed.text
    assert changed.json()["label"] == "Moon hoax <script>"
    assert changed.json()["disarm"] == ["T0003"] and changed.json()["size"] == 4
    split = c.post(f"/api/v1/clusters/{moon['id']}/split",
                   json={"claims": moon_ids[:1], "label": "Studio"},
                   headers=server.auth("analyst"))
    assert split.status_code == 201, split.text
    new = split.json()["new"]
    assert new["size"] == 1 and split.json()["kept"]["size"] == 3
    merged = c.post(f"/api/v1/clusters/{moon['id']}/merge", json={"other": new["id"]},
                    headers=server.auth("analyst"))
    assert merged.status_code == 200 and merged.json()["size"] == 4
    assert c.get(f"/api/v1/clusters/{new['id']}",
                 headers=server.auth("viewer")).status_code == 404
    actions = [e.action for e in read_audit(store.engine, org_a, limit=5)[0]]
    assert actions[:3] == ["narrative.merge", "narrative.split", "narrative.update"]

    # bad input: problem+json with faro's codes
    for method, path, body, status, code in (
            ("patch", f"/api/v1/clusters/{moon['id']}", {"disarm": ["T9999"]}, 422, "F504"),
            ("patch", f"/api/v1/clusters/{moon['id']}", {"colour": "red"}, 422, "F504"),
            ("patch", f"/api/v1/clusters/{moon['id']}", {"kb_narrative_id": "nar:no"}, 404,
             "F403"),
            ("post", f"/api/v1/clusters/{moon['id']}/merge", {"other": moon["id"]}, 422,
             "F504"),
            ("post", f"/api/v1/clusters/{moon['id']}/split", {"claims": [10**6]}, 422,
             "F504"),
            ("post", "/api/v1/clusters/999999/merge", {"other": moon["id"]}, 404, "F403")):
        answer = c.request(method, path, json=body, headers=server.auth("analyst"))
        assert answer.status_code == status, (path, body, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code
    bad_day = c.get("/api/v1/clusters", params={"since": "2024-03-10", "until": "2024-03-01"},
                    headers=server.auth("viewer"))
    assert bad_day.status_code == 422 and bad_day.json()["code"] == "F504"

    # another organisation sees none of it and changes nothing
    assert c.get("/api/v1/clusters", headers=server.auth("b")).json()["items"] == []
    for method, path, body in (("get", f"/api/v1/clusters/{moon['id']}", None),
                               ("patch", f"/api/v1/clusters/{moon['id']}", {"label": "x"}),
                               ("post", f"/api/v1/clusters/{vaccine['id']}/merge",
                                {"other": moon["id"]})):
        answer = c.request(method, path, json=body, headers=server.auth("b"))
        assert answer.status_code == 404, (method, path, answer.text)


def test_the_dashboard_charts_narrative_volumes_with_escaped_labels(server: Server) -> None:
    from tests.server.test_escaping import PAYLOADS
    from tests.server.test_web import _sign_in

    from faro.store._narratives import Narratives

    store = server.store
    org_a = server.users["analyst"].org_id
    save_claims(store, org_a, MOON)
    save_claims(store, org_a, VACCINE[:1], day=DAY + timedelta(days=3))
    narratives = Narratives.of(store.engine)
    moon, vaccine = narratives.find(org_a)[0]
    analyst = server.users["analyst"]
    narratives.update(org_a, vaccine.id, {"label": PAYLOADS[0] + PAYLOADS[1]},
                      Actor(f"user:{analyst.id}", org_a, analyst.id))
    _sign_in(server, "viewer")
    page = server.client.get("/")
    assert page.status_code == 200
    html = page.text
    assert 'aria-labelledby="trends"' in html
    assert 'class="series-3"' in html  # the moon narrative's first day: 4 claims, a burst
    assert "2024-03-01: 4 claim(s), a burst" in html and "▲ " in html
    assert PAYLOADS[0] not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    for n in (moon, vaccine):  # each narrative's row and its accessible table row
        assert html.count(f">{n.window_volume}<") >= 2
