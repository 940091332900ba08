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
    assert "5 new" in err
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
