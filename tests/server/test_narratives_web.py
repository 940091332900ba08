"""The narratives' pages: the window's narratives with their sparklines and bursts, one
narrative with its claims, and analysts' renames, tags, links, merges and splits from forms
(viewers see no form and are refused; CSRF enforced; labels escaped)."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.narratives.stored import DAY, MOON, VACCINE, save_claims
from tests.server.conftest import Server
from tests.server.test_escaping import PAYLOADS
from tests.server.test_web import _html, _sign_in

from faro.model import Narrative
from faro.store import read_audit
from faro.store._narratives import Narratives


def _seed(server: Server) -> tuple[int, int]:
    org = server.users["analyst"].org_id
    server.store.put_records([Narrative(id="nar:moon", title="Moon hoax", summary="s",
                                        language="en")])
    save_claims(server.store, org, MOON)
    save_claims(server.store, org, VACCINE + ["Vaccine microchips track you"],
                day=DAY + timedelta(days=2))
    found, _ = Narratives.of(server.store.engine).find(org, limit=10)
    [moon] = [n.id for n in found if "moon" in n.title.lower()]
    [vaccine] = [n.id for n in found if "vaccin" in n.title.lower()]
    return vaccine, moon


def test_narratives_listed_and_shown(server: Server) -> None:
    vaccine, moon = _seed(server)
    _sign_in(server, "viewer")
    c = server.client
    listed = _html(c.get("/narratives"))
    assert f'href="/narratives/{moon}"' in listed and f'href="/narratives/{vaccine}"' in listed
    assert 'class="chart spark"' in listed and 'class="series-3"' in listed  # a burst day
    assert f'href="/narratives/{moon}"' in _html(c.get("/"))  # the dashboard links them
    emerging = _html(c.get("/narratives?emerging=1"))
    assert 'name="emerging" value="1" checked' in emerging
    page = _html(c.get(f"/narratives/{moon}"))
    assert "Key terms" in page and MOON[0][:30] in page
    assert re.search(r'href="/documents/\d+#claim-\d+"', page)
    assert "/rename" not in page and 'name="claim"' not in page  # a viewer: no forms
    assert c.get("/narratives/999999").status_code == 404


def test_analysts_change_narratives_from_forms(server: Server) -> None:
    _, moon = _seed(server)
    csrf = _sign_in(server, "analyst")
    c = server.client

    def post(path: str, **fields: object) -> int:
        answer = c.post(path, data={"csrf_token": csrf, **fields}, follow_redirects=False)
        return answer.status_code

    assert post(f"/narratives/{moon}/rename", label="Moon " + PAYLOADS[0]) == 303
    page = _html(c.get(f"/narratives/{moon}"))
    assert PAYLOADS[0] not in page and "Moon &lt;" in page
    assert post(f"/narratives/{moon}/tag", disarm="t0003, T0002") == 303
    assert "T0002" in _html(c.get(f"/narratives/{moon}"))
    assert post(f"/narratives/{moon}/tag", disarm="T9999") == 422
    assert post(f"/narratives/{moon}/link", kb_narrative_id="nar:moon") == 303
    assert 'href="/kb/narrative?id=nar%3Amoon"' in _html(c.get(f"/narratives/{moon}"))
    claims = [int(i) for i in re.findall(r'name="claim" value="(\d+)"',
                                         _html(c.get(f"/narratives/{moon}")))]
    moved = c.post(f"/narratives/{moon}/split", follow_redirects=False,
                   data={"csrf_token": csrf, "claim": claims[:1], "label": "Split off"})
    assert moved.status_code == 303
    new = int(moved.headers["location"].rsplit("/", 1)[1])
    assert "Split off" in _html(c.get(f"/narratives/{new}"))
    assert post(f"/narratives/{moon}/merge", other=str(new)) == 303
    assert post(f"/narratives/{moon}/merge", other="x") == 422
    refused = c.post(f"/narratives/{moon}/rename", data={"csrf_token": "x", "label": "y"},
                     follow_redirects=False)
    assert refused.status_code == 403
    actions = [e.action for e in read_audit(server.store.engine,
                                            server.users["analyst"].org_id, limit=50)[0]]
    assert {"narrative.update", "narrative.split", "narrative.merge"} <= set(actions)


def test_viewers_may_not_change_narratives(server: Server) -> None:
    _, moon = _seed(server)
    csrf = _sign_in(server, "viewer")
    answer = server.client.post(f"/narratives/{moon}/rename", follow_redirects=False,
                                data={"csrf_token": csrf, "label": "x"})
    assert answer.status_code == 403
