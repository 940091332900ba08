"""``faro share export|import`` on a real store: the demo knowledge base out as STIX and
ClaimReview, a partner's bundle in (idempotent), markings enforced, bad files refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faro.cli import app
from faro.model import FactCheck, Marking
from faro.sharing import bundle_records

pytest.importorskip("stix2validator", reason="the share extra is not installed")
runner = CliRunner()


def _faro(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fresh_install_exports_the_demo_knowledge_base(tmp_path: Path) -> None:
    assert _faro("kb", "import", "--demo")[0] == 0
    out = tmp_path / "demo.json"
    code, _, err = _faro("share", "export", "--format", "stix", "-o", str(out),
                         "--disarm", "T0002")
    assert code == 0, err
    bundle = json.loads(out.read_text("utf-8"))
    assert sum(o["type"] == "report" for o in bundle["objects"]) == 90
    assert "125 records for anyone" in " ".join(err.split())
    code, stdout, _ = _faro("share", "export", "--format", "claimreview")
    assert code == 0 and len(json.loads(stdout)) == 90


def test_import_is_idempotent_and_keeps_markings(tmp_path: Path) -> None:
    records = [FactCheck(id=f"https://partner.example/{m.name}", claim=f"claim {m.name}",
                         language="en", url=f"https://partner.example/{m.name}", marking=m)
               for m in Marking]
    path = tmp_path / "partner.json"
    path.write_text(json.dumps(bundle_records(records, producer="Partner")), "utf-8")
    code, _, err = _faro("share", "import", str(path))
    assert code == 0, err
    assert "5 new" in " ".join(err.split())
    code, _, err = _faro("share", "import", str(path))
    assert code == 0 and "0 new, 0 updated, 5 unchanged" in " ".join(err.split())
    # what leaves again obeys the markings: for anyone, CLEAR only; for a named organisation,
    # CLEAR and GREEN (the AMBER and RED records were released to no one)
    code, stdout, err = _faro("share", "export", "--format", "stix")
    reports = [o for o in json.loads(stdout)["objects"] if o["type"] == "report"]
    assert [r["name"] for r in reports] == ["claim CLEAR"]
    assert "4 records withheld" in " ".join(err.split())
    _, stdout, _ = _faro("share", "export", "--format", "stix", "--to", "JP-MoD")
    names = sorted(o["name"] for o in json.loads(stdout)["objects"] if o["type"] == "report")
    assert names == ["claim CLEAR", "claim GREEN"]
    _, stdout, _ = _faro("share", "export", "--format", "stix", "--to", "JP-MoD",
                         "--marking", "green")
    assert [o["name"] for o in json.loads(stdout)["objects"] if o["type"] == "report"] == \
        ["claim GREEN"]


@pytest.mark.parametrize(("content", "code"), [
    ("not json", "F601"), ('{"type": "bundle", "objects": []}', "F601"),
    ('{"type": "bundle", "objects": [{"type": "malware", "id": "malware--1"}]}', "F601")])
def test_bad_files_are_refused_and_nothing_is_stored(tmp_path: Path, content: str,
                                                     code: str) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(bundle_records(
        [FactCheck(id="p:1", claim="kept", language="en")], producer="Partner")), "utf-8")
    assert _faro("share", "import", str(good))[0] == 0
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    exit_code, _, err = _faro("share", "import", str(path))
    assert exit_code != 0 and f"[{code}]" in err
    _, stdout, _ = _faro("kb", "stats", "--json")
    assert json.loads(stdout)["factchecks"] == 1  # nothing added, nothing lost


def test_bad_options_are_refused() -> None:
    assert "[F107]" in _faro("share", "export", "--format", "yaml")[2]
    assert "[F602]" in _faro("share", "export", "--format", "stix", "--marking", "secret")[2]
    code, _, err = _faro("share", "export", "--format", "stix", "--disarm", "T9999")
    assert code != 0 and "T9999" in err
    assert _faro("share", "import", "/no/such/file.json")[0] != 0


def test_misp_export_imports_back_unchanged(tmp_path: Path) -> None:
    assert _faro("kb", "import", "--demo")[0] == 0
    out = tmp_path / "event.json"
    code, _, err = _faro("share", "export", "--format", "misp", "-o", str(out))
    assert code == 0, err
    assert len(json.loads(out.read_text("utf-8"))["Event"]["Object"]) == 125
    code, _, err = _faro("share", "import", str(out))
    assert code == 0, err
    assert "0 new, 0 updated, 125 unchanged" in " ".join(err.split())


def _reviewed_finding(marking: Marking | None = None) -> tuple[str, str]:
    """Desk's analysed post with a confirmed, reviewed match (verdict false, T0002); the
    matched record's id and the claim's text."""
    from faro._analyser import Analyser
    from faro._config import load_options
    from faro.model import Document
    from faro.store import CLI, Store

    assert _faro("kb", "import", "--demo")[0] == 0
    options = load_options()
    store = Store.open(options)
    try:
        org, _ = store.accounts.ensure_organisation("Desk", CLI)
        doc = store.documents.add(org.id, Document(
            id="post-1", lang_hint="it", url="https://social.example/p/1",
            text="Le matite copiative dei seggi si cancellano con una gomma: così gli "
                 "scrutatori cambiano i voti, scrive un canale Telegram."), CLI)
        Analyser(store, options).analyse_stored(org.id, doc, CLI)
        [claim] = store.documents.claims_of(org.id, doc.id)[:1]
        match = store.documents.matches_of(org.id, [claim.id])[0]
        store.documents.review(org.id, match.id, {"status": "confirmed", "verdict": "false",
                                                  "note": "seen 3 times",
                                                  "techniques": ["T0002"]}, CLI)
        if marking is not None:
            store.documents.mark(org.id, doc.id, marking, [], CLI)
        return match.target_id, claim.text
    finally:
        store.close()


def test_an_organisations_confirmed_verdicts_as_claimreview() -> None:
    target, claim = _reviewed_finding(Marking.CLEAR)
    code, stdout, err = _faro("share", "export", "--format", "claimreview", "--org", "Desk",
                              "--url-base", "https://desk.example/")
    assert code == 0, err
    [review] = json.loads(stdout)
    assert review["claimReviewed"] == claim and review["author"]["name"] == "Desk"
    assert review["url"].startswith("https://desk.example/claims/")
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["appearance"]["url"] == "https://social.example/p/1"
    # without a URL base, the confirmed fact-check's URL
    _, stdout, _ = _faro("share", "export", "--format", "claimreview", "--org", "Desk")
    assert json.loads(stdout)[0]["url"].startswith("https://")
    assert target


def test_amber_verdicts_are_not_published() -> None:
    _reviewed_finding()  # TLP:AMBER, the default: never on a public channel
    code, stdout, err = _faro("share", "export", "--format", "claimreview", "--org", "Desk")
    assert code == 0 and json.loads(stdout) == []
    assert "1 records withheld" in " ".join(err.split())


def test_an_organisations_findings_go_out_under_their_documents_marking() -> None:
    target, _ = _reviewed_finding()
    # TLP:AMBER (the default), released to no one: for Desk itself, not for a partner
    code, stdout, err = _faro("share", "export", "--format", "stix", "--org", "Desk",
                              "--to", "JP-MoD")
    assert code == 0, err
    assert not [o for o in json.loads(stdout)["objects"]
                if o["type"] == "report" and "disinformation-source" in o["report_types"]]
    assert "; 1 records withheld" in " ".join(err.split())  # (the bundle passed the validator)
    code, stdout, err = _faro("share", "export", "--format", "stix", "--org", "Desk",
                              "--to", "Desk")
    assert code == 0, err
    objects = json.loads(stdout)["objects"]
    by_type: dict[str, list[dict[str, object]]] = {}
    for obj in objects:
        by_type.setdefault(str(obj["type"]), []).append(obj)
    [source] = [r for r in by_type["report"] if r["report_types"] == ["disinformation-source"]]
    assert source["object_marking_refs"] == [
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]  # TLP:AMBER
    opinion = next(o for o in by_type["opinion"] if o.get("explanation") == "seen 3 times")
    assert opinion["opinion"] == "strongly-disagree" and opinion["labels"] == ["verdict:false"]
    targets = {r["target_ref"] for r in by_type["relationship"]}
    factcheck = next(r for r in by_type["report"] if any(
        ref.get("external_id") == target for ref in r.get("external_references", [])))
    pattern = next(a for a in by_type["attack-pattern"] if a["name"] ==
                   "Facilitate State Propaganda")
    assert {factcheck["id"], pattern["id"]} <= targets
    assert _faro("share", "export", "--format", "stix", "--org", "Nobody")[0] != 0


def test_an_oversized_file_is_refused_and_nothing_is_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [FactCheck(id=f"p:{i}", claim=f"claim number {i}", language="en")
               for i in range(50)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(bundle_records(records, producer="Partner")), "utf-8")
    monkeypatch.setenv("FARO_MAX_INPUT_BYTES", "2000")
    code, _, err = _faro("share", "import", str(path))
    assert code != 0 and "[F104]" in err
    monkeypatch.delenv("FARO_MAX_INPUT_BYTES")
    _, stdout, _ = _faro("kb", "stats", "--json")
    assert json.loads(stdout)["factchecks"] == 0


def test_an_organisations_findings_as_a_misp_event(tmp_path: Path) -> None:
    _reviewed_finding()
    out = tmp_path / "event.json"
    code, _, err = _faro("share", "export", "--format", "misp", "--org", "Desk", "--to",
                         "Desk", "-o", str(out))
    assert code == 0, err
    event = json.loads(out.read_text("utf-8"))["Event"]
    [report] = [o for o in event["Object"] if o["name"] == "report"]
    notes = [o for o in event["Object"] if o["name"] == "annotation"]
    assert notes and all(n["ObjectReference"][0]["referenced_uuid"] == report["uuid"]
                         for n in notes)
    tags = {t["name"] for n in notes for a in n["Attribute"] for t in a.get("Tag", [])}
    assert {'misp-galaxy:disarm="Facilitate State Propaganda"', 'faro:verdict="false"',
            "tlp:amber"} <= tags
    assert event["distribution"] == "1"  # the strictest marking: AMBER
    # for anyone, the AMBER document stays home
    _, stdout, _ = _faro("share", "export", "--format", "misp", "--org", "Desk")
    assert not [o for o in json.loads(stdout)["Event"]["Object"] if o["name"] == "report"]
    # faro reads its own event back: the knowledge-base records, the findings left aside
    code, _, err = _faro("share", "import", str(out))
    assert code == 0, err
    assert "0 new, 0 updated, 125 unchanged" in " ".join(err.split())
