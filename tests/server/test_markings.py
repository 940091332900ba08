"""TLP markings enforced on the knowledge base every organisation shares: what an
organisation reads, searches, changes and gets matched against through the API and the web
pages is what :func:`faro.sharing.may_release` lets go to it."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from tests.server.conftest import Server

from faro.commands.kb import demo_files
from faro.kb.importers import read_file
from faro.model import FactCheck, Marking, Verdict

CLAIM = "Le antenne {} diffondono il coronavirus nelle città del nord"
#: A distinct claim per record, for matching.
CLAIMS = {
    "clear": "Il vaccino antinfluenzale contiene microchip per tracciare i cittadini",
    "green": "La NATO ha schierato diecimila soldati in Moldavia la settimana scorsa",
    "amber-b": "Il governo ha chiuso quattrocento scuole in Sardegna per mancanza di fondi",
    "strict-b": "Le elezioni comunali di Bergamo sono state annullate per brogli elettronici",
    "amber-none": "Il prezzo del pane è triplicato a Napoli dopo le sanzioni europee",
    "red": "Un cavo sottomarino nel Baltico è stato tagliato da una nave russa ieri notte",
}
#: Org A is "Desk A", org B "Desk B" (tests/server/conftest.py).
RECORDS = {
    "clear": (Marking.CLEAR, ()), "green": (Marking.GREEN, ()),
    "amber-b": (Marking.AMBER, ("Desk B",)), "strict-b": (Marking.AMBER_STRICT, ("Desk B",)),
    "amber-none": (Marking.AMBER, ()), "red": (Marking.RED, ("Desk A", "Desk B")),
}
SEEN_BY_A = {"clear", "green"}
SEEN_BY_B = {"clear", "green", "amber-b", "strict-b"}


def _load(server: Server) -> None:
    server.store.put_records([
        FactCheck(id=f"https://fc.example/{name}", claim=CLAIM.format(f"5G-{name}"),
                  language="it", verdict=Verdict.FALSE, url=f"https://fc.example/{name}",
                  publisher="Desk", title=f"title {name}", marking=marking,
                  releasable_to=released)
        for name, (marking, released) in RECORDS.items()])


def _names(items: Iterable[dict[str, str]]) -> set[str]:
    return {(item.get("target_id") or item["id"]).removeprefix("https://fc.example/")
            for item in items}


def test_lists_and_reads_follow_the_markings(server: Server) -> None:
    _load(server)
    c = server.client
    for who, seen in (("analyst", SEEN_BY_A), ("viewer", SEEN_BY_A), ("b", SEEN_BY_B)):
        page = c.get("/api/v1/factchecks?limit=100", headers=server.auth(who)).json()
        assert _names(page["items"]) == seen and page["total"] == len(seen), who
        for name in RECORDS:
            answer = c.get(f"/api/v1/factchecks/https://fc.example/{name}",
                           headers=server.auth(who))
            assert answer.status_code == (200 if name in seen else 404), (who, name)
    released = c.get("/api/v1/factchecks/https://fc.example/amber-b", headers=server.auth("b"))
    assert released.json()["releasable_to"] == ["Desk B"]


def test_search_and_web_pages_hide_what_may_not_go(server: Server) -> None:
    _load(server)
    c = server.client
    for who, seen in (("analyst", SEEN_BY_A), ("b", SEEN_BY_B)):
        found = c.get(f"/api/v1/factchecks/search?q={quote(CLAIM.format('5G'))}&k=20",
                      headers=server.auth(who)).json()
        assert _names(found) == seen, who
        page = c.get("/kb?kind=factcheck", headers=server.auth(who)).text
        assert {n for n in RECORDS if f"title {n}<" in page} == seen, who
        red = c.get("/kb/factcheck?id=https://fc.example/red", headers=server.auth(who))
        assert red.status_code == 404


def test_changes_to_unreadable_records_are_refused(server: Server) -> None:
    _load(server)
    c, auth = server.client, server.auth("analyst")
    url = "/api/v1/factchecks/https://fc.example/amber-b"
    assert c.patch(url, json={"title": "x"}, headers=auth).status_code == 404
    assert c.delete(url, headers=server.auth("admin")).status_code == 404
    # creating a record of the same identity would overwrite it: refused, nothing changed
    made = c.post("/api/v1/factchecks", json={
        "claim": "other words", "language": "it", "url": "https://fc.example/amber-b"},
        headers=auth)
    assert made.status_code == 409 and made.json()["code"] == "F404"
    kept = c.get(url, headers=server.auth("b")).json()
    assert (kept["title"], kept["marking"]) == ("title amber-b", "TLP:AMBER")
    # B, to whom it was released, may change it and keep it released
    changed = c.patch(url, json={"title": "new"}, headers=server.auth("b"))
    assert changed.status_code == 200 and changed.json()["releasable_to"] == ["Desk B"]


def test_analysis_stores_only_matches_the_organisation_may_read(server: Server) -> None:
    # the demo knowledge base around them, so that scores are calibrated as in use
    demo = [record for path in demo_files() for _, record in read_file(path).records]
    server.store.put_records([*demo, *(
        FactCheck(id=f"https://fc.example/{name}", claim=CLAIMS[name], language="it",
                  verdict=Verdict.FALSE, url=f"https://fc.example/{name}", publisher="Desk",
                  marking=marking, releasable_to=released)
        for name, (marking, released) in RECORDS.items())])
    c = server.client
    for who, seen in (("analyst", SEEN_BY_A), ("b", SEEN_BY_B)):
        for claim in CLAIMS.values():  # one post each: its one sentence is its claim
            doc = c.post("/api/v1/documents?analyse=true",
                         json={"text": f"Incredibile: {claim[0].lower()}{claim[1:]}!",
                               "lang": "it"}, headers=server.auth(who))
            assert doc.status_code == 201, doc.text
        matches = c.get("/api/v1/matches?limit=200", headers=server.auth(who)).json()["items"]
        ours = _names(m for m in matches if m["target_id"].startswith("https://fc.example/"))
        assert {"clear", "green"} <= ours <= seen, (who, ours)


def test_documents_take_their_organisation_default_marking(server: Server) -> None:
    c, admin = server.client, server.auth("admin")
    first = c.post("/api/v1/documents", json={"text": "A first text."},
                   headers=server.auth("analyst")).json()
    assert (first["marking"], first["releasable_to"]) == ("TLP:AMBER", [])
    assert c.get("/api/v1/organisation/defaults", headers=server.auth("viewer")).json() == \
        {"marking": "TLP:AMBER", "releasable_to": []}
    defaults = {"marking": "TLP:GREEN", "releasable_to": ["Desk B"]}
    assert c.put("/api/v1/organisation/defaults", json=defaults,
                 headers=server.auth("analyst")).status_code == 403
    assert c.put("/api/v1/organisation/defaults", json=defaults, headers=admin).json() == \
        defaults
    second = c.post("/api/v1/documents", json={"text": "A second text."}, headers=admin).json()
    assert (second["marking"], second["releasable_to"]) == ("TLP:GREEN", ["Desk B"])
    chosen = c.post("/api/v1/documents", json={"text": "Third.", "marking": "TLP:RED"},
                    headers=admin).json()
    assert chosen["marking"] == "TLP:RED"
    # org B's defaults are its own
    other = c.post("/api/v1/documents", json={"text": "B's text."}, headers=server.auth("b"))
    assert other.json()["marking"] == "TLP:AMBER"


def test_marking_a_document_is_audited_and_checked(server: Server) -> None:
    c, auth = server.client, server.auth("analyst")
    doc = c.post("/api/v1/documents", json={"text": "Some text."}, headers=auth).json()
    url = f"/api/v1/documents/{doc['id']}/marking"
    marked = c.put(url, json={"marking": "TLP:AMBER+STRICT", "releasable_to": [" JP-MoD "]},
                   headers=auth)
    assert marked.status_code == 200, marked.text
    assert (marked.json()["marking"], marked.json()["releasable_to"]) == (
        "TLP:AMBER+STRICT", ["JP-MoD"])
    assert c.put(url, json={"marking": "TLP:SECRET"}, headers=auth).status_code == 422
    assert c.put(url, json={"marking": "TLP:RED"},
                 headers=server.auth("viewer")).status_code == 403
    assert c.put(url, json={"marking": "TLP:RED"}, headers=server.auth("b")).status_code == 404
    audit = c.get("/api/v1/audit?action=document.mark", headers=server.auth("admin")).json()
    [entry] = audit["items"]
    assert entry["before"] == {"marking": "TLP:AMBER", "releasable_to": []}
    assert entry["after"] == {"marking": "TLP:AMBER+STRICT", "releasable_to": ["JP-MoD"]}


