"""End to end: the knowledge-base commands — ``faro kb import|stats|export|search|reindex``,
``faro match``, matching in ``faro analyze`` and ``faro eval retrieval`` — run as the installed
``faro`` command, on SQLite and on PostgreSQL.

Each faro process costs about a second, so the demo knowledge base is imported once per
database for the tests that only read it (``demo``); tests that write get a fresh database of
their own (``faro``). What does not depend on the database (thresholds, query analysis) runs
on SQLite only (``ON_SQLITE``). What a run stored is checked through ``faro kb stats`` or, where
a test only needs to know that nothing changed, by reading the database directly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import fresh_database

from faro.model import FactCheck, Verdict
from faro.report.jsonout import load_schema
from faro.store import KBState, Store

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BERGAMO = ROOT / "examples" / "it_deepfake_elezioni_bergamo.txt"
FARO = shutil.which("faro", path=str(Path(sys.executable).parent)) or "faro"
BACKENDS = ["sqlite", "postgresql"]

#: The demo knowledge base shipped in the package.
DEMO = resources.files("faro.resources").joinpath("kb", "demo")
DEMO_FACTCHECKS = 90
DEMO_NARRATIVES = 35
DEMO_RECORDS = DEMO_FACTCHECKS + DEMO_NARRATIVES

#: Claims written for these tests in other words than the demo fact-check they should find,
#: with that fact-check's verdict.
PARAPHRASES = {
    "it": ("Le matite dei seggi si cancellano con una gomma, così gli scrutatori possono "
           "cambiare il voto", "faro-demo:fc-it-matita-copiativa-cancellabile", "false"),
    "en": ("The Texas blackout in February 2021 happened because the wind turbines froze",
           "faro-demo:fc-en-texas-blackout-wind-turbines", "partly_true"),
    "ja": ("ワクチンを打ったら腕に磁石がつくようになった", "faro-demo:fc-ja-vaccine-jishaku",
           "false"),
}


# -- running faro ----------------------------------------------------------------------------


Result = subprocess.CompletedProcess[str]


@dataclass(frozen=True)
class Faro:
    """The ``faro`` command with one FARO_HOME and one database (``""``: SQLite in the home)."""

    home: Path
    database_url: str

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        # Nothing of the caller's faro configuration leaks in; wide enough for whole tables.
        base = {k: v for k, v in os.environ.items()
                if not k.startswith("FARO_") and k != "FORCE_COLOR"}
        return base | {"COLUMNS": "200", "FARO_HOME": str(self.home),
                       "FARO_DATABASE_URL": self.database_url} | dict(extra or {})

    def run(self, *args: str, stdin: bytes | None = None,
            env: Mapping[str, str] | None = None) -> Result:
        proc = subprocess.run([FARO, *args], input=stdin, capture_output=True, check=False,
                              env=self.env(env), timeout=120)
        return subprocess.CompletedProcess(proc.args, proc.returncode,
                                           proc.stdout.decode("utf-8"),
                                           proc.stderr.decode("utf-8"))

    def run_all(self, *commands: Sequence[str], env: Mapping[str, str] | None = None,
                ) -> list[Result]:
        """Independent commands, run at the same time."""
        with ThreadPoolExecutor(len(commands)) as pool:
            return list(pool.map(lambda args: self.run(*args, env=env), commands))

    def stats(self) -> dict[str, Any]:
        result = self.run("kb", "stats", "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    def state(self) -> KBState:
        """What the database holds, read directly (no faro process)."""
        with Store.open(self.database_url or f"sqlite:///{self.home / 'faro.db'}") as store:
            return store.kb_state()


def said(result: Result) -> str:
    """stderr with its line wrapping undone."""
    return " ".join(result.stderr.split())


IMPORT_COLUMNS = ("file", "format", "records", "new", "updated", "unchanged", "rejected")


def import_table(result: Result) -> list[dict[str, str]]:
    """The rows of the table ``faro kb import`` prints on stderr, one per file."""
    rows = []
    for line in result.stderr.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == len(IMPORT_COLUMNS) + 2:  # the borders leave an empty cell each side
            rows.append(dict(zip(IMPORT_COLUMNS, cells[1:-1], strict=True)))
    return rows


def import_totals(result: Result) -> dict[str, int]:
    """records, new, updated, unchanged and rejected, summed over the files that were read."""
    rows = [row for row in import_table(result) if row["rejected"] != "failed"]
    assert rows, result.stderr
    return {name: sum(int(row[name]) for row in rows) for name in IMPORT_COLUMNS[2:]}


def json_lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


# -- databases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoKB:
    """A database with the demo knowledge base imported twice: what each import said, the
    stats after the first, and what the database held after the second."""

    backend: str
    faro: Faro
    first: Result
    first_stats: Result
    again: Result
    again_state: KBState


#: For what does not depend on the database: run with the SQLite copy of a shared database.
ON_SQLITE = pytest.mark.parametrize("demo", ["sqlite"], indirect=True)


@pytest.fixture(scope="module", params=BACKENDS)
def demo(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoKB]:
    """The demo knowledge base, imported once per database; tests must only read it."""
    home = tmp_path_factory.mktemp(f"demo-{request.param}")
    with fresh_database(request.param, home) as url:
        faro = Faro(home, url)
        first = faro.run("kb", "import", "--demo")
        first_stats = faro.run("kb", "stats", "--json")
        again = faro.run("kb", "import", "--demo")
        yield DemoKB(request.param, faro, first, first_stats, again, faro.state())


@pytest.fixture
def faro(database_url: str) -> Faro:
    """faro on a fresh, empty database, with this test's own FARO_HOME."""
    return Faro(Path(os.environ["FARO_HOME"]), database_url)


@pytest.fixture
def no_database() -> Faro:
    """faro for commands that do not open the database."""
    return Faro(Path(os.environ["FARO_HOME"]), "")


def demo_line(record_id: str) -> dict[str, Any]:
    for line in DEMO.joinpath("factchecks.jsonl").read_text("utf-8").splitlines():
        record: dict[str, Any] = json.loads(line)
        if record["id"] == record_id:
            return record
    raise LookupError(record_id)


# -- importing the demo set ------------------------------------------------------------------


def test_demo_import_stores_every_record_and_builds_the_index(demo: DemoKB) -> None:
    assert demo.first.returncode == 0, demo.first.stderr
    assert import_totals(demo.first) == {"records": DEMO_RECORDS, "new": DEMO_RECORDS,
                                         "updated": 0, "unchanged": 0, "rejected": 0}
    assert f"search index rebuilt: {DEMO_RECORDS} records" in said(demo.first)
    assert demo.first_stats.returncode == 0, demo.first_stats.stderr
    stats = json.loads(demo.first_stats.stdout)
    assert (stats["factchecks"], stats["narratives"]) == (DEMO_FACTCHECKS, DEMO_NARRATIVES)
    assert stats["kb_version"] >= 1
    assert stats["index"] == "fresh"
    assert {"it", "ja"} <= set(stats["factchecks_by_language"])
    assert {"it", "ja"} <= set(stats["narratives_by_language"])
    assert sum(stats["factchecks_by_language"].values()) == DEMO_FACTCHECKS
    assert sum(stats["factchecks_by_verdict"].values()) == DEMO_FACTCHECKS
    assert stats["factchecks_by_source"] == {"faro-demo": DEMO_FACTCHECKS}


def test_demo_import_again_changes_nothing(demo: DemoKB) -> None:
    assert demo.again.returncode == 0, demo.again.stderr
    assert import_totals(demo.again) == {"records": DEMO_RECORDS, "new": 0, "updated": 0,
                                         "unchanged": DEMO_RECORDS, "rejected": 0}
    assert "search index rebuilt" not in demo.again.stderr
    stats = json.loads(demo.first_stats.stdout)
    state = demo.again_state
    assert (state.version, state.factchecks, state.narratives) == (
        stats["kb_version"], DEMO_FACTCHECKS, DEMO_NARRATIVES)


# -- export and import back ------------------------------------------------------------------


COUNT_KEYS = ("factchecks", "narratives", "factchecks_by_language", "factchecks_by_verdict",
              "factchecks_by_source", "narratives_by_language")


def test_export_imports_back_into_an_empty_database_unchanged(demo: DemoKB,
                                                              tmp_path: Path) -> None:
    exported = tmp_path / "kb.jsonl"
    result = demo.faro.run("kb", "export", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    assert f"exported {DEMO_RECORDS} records" in said(result)
    assert len(exported.read_text("utf-8").splitlines()) == DEMO_RECORDS

    with fresh_database(demo.backend, tmp_path) as url:
        other = Faro(tmp_path / "home", url)
        result = other.run("kb", "import", str(exported))
        assert result.returncode == 0, result.stderr
        assert import_totals(result)["new"] == DEMO_RECORDS
        stats, again = other.run_all(("kb", "stats", "--json"), ("kb", "export"))
    assert stats.returncode == 0, stats.stderr
    original = json.loads(demo.first_stats.stdout)
    copied = json.loads(stats.stdout)
    assert {k: copied[k] for k in COUNT_KEYS} == {k: original[k] for k in COUNT_KEYS}
    assert again.returncode == 0, again.stderr
    assert again.stdout.encode("utf-8") == exported.read_bytes()


# -- re-importing a changed record -----------------------------------------------------------


def test_changed_record_is_updated_and_the_stale_index_rebuilt(faro: Faro,
                                                               tmp_path: Path) -> None:
    assert faro.run("kb", "import", "--demo").returncode == 0
    before = faro.state()
    record = demo_line("faro-demo:fc-en-mmr-vaccine-autism")
    assert record["rating"] == "False"
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record | {"rating": "Mostly false"}) + "\n", "utf-8")

    result = faro.run("kb", "import", "--no-reindex", str(changed))
    assert result.returncode == 0, result.stderr
    assert import_totals(result) == {"records": 1, "new": 0, "updated": 1, "unchanged": 0,
                                     "rejected": 0}
    assert "search index rebuilt" not in result.stderr
    stats = faro.stats()
    assert stats["kb_version"] == before.version + 1
    assert (stats["factchecks"], stats["narratives"]) == (DEMO_FACTCHECKS, DEMO_NARRATIVES)
    assert stats["index"] == "stale"

    result = faro.run("match", "--json", "--all", "-k", "1",
                      "Children get autism from the MMR vaccine")
    assert result.returncode == 0, result.stderr
    assert "rebuilding the search index" in said(result)
    (best,) = json.loads(result.stdout)
    assert best["id"] == record["id"]
    assert (best["rating"], best["verdict"]) == ("Mostly false", "mostly_false")


# -- faro match ------------------------------------------------------------------------------


def test_match_finds_the_record_a_claim_is_about(demo: DemoKB) -> None:
    results = demo.faro.run_all(*(("match", "--json", "--all", "-k", "3", claim)
                                  for claim, _, _ in PARAPHRASES.values()))
    for language, result in zip(PARAPHRASES, results, strict=True):
        _, expected, verdict = PARAPHRASES[language]
        assert result.returncode == 0, result.stderr
        matches = json.loads(result.stdout)
        assert len(matches) == 3, language
        best = matches[0]
        assert best["id"] == expected, (language, [m["id"] for m in matches])
        assert best["kind"] == "factcheck" and best["language"] == language
        assert best["verdict"] == verdict and best["rating"]
        assert best["url"].startswith("https://demo.faro.invalid/factchecks/")
        assert all(0.0 <= m["confidence"] <= 1.0 for m in matches)
        assert all(m["status"] in ("suggested", "confirmed") for m in matches)
        scores = [m["score"] for m in matches]
        assert scores == sorted(scores, reverse=True)


@ON_SQLITE
def test_match_shows_close_paraphrases_without_all(demo: DemoKB) -> None:
    for claim, expected, _ in PARAPHRASES.values():
        result = demo.faro.run("match", "--json", claim)
        assert result.returncode == 0, result.stderr
        matches = json.loads(result.stdout)
        assert matches and matches[0]["id"] == expected, (claim, matches)


def test_match_refuses_an_empty_claim(no_database: Faro) -> None:
    result = no_database.run("match", " ")
    assert result.returncode != 0
    assert "[F101]" in result.stderr


def test_match_on_an_empty_knowledge_base_says_to_import(faro: Faro) -> None:
    result = faro.run("match", "The MMR vaccine causes autism in children")
    assert result.returncode != 0
    assert "[F310]" in result.stderr and "empty" in result.stderr
    assert "faro kb import" in said(result)
    assert "Traceback" not in result.stderr


# -- matching in faro analyze ----------------------------------------------------------------


def bergamo_matches(docs: list[dict[str, Any]]) -> list[str]:
    return [m["target_id"] for doc in docs for claim in doc["claims"]
            for m in claim.get("matches", []) if "bergamo" in m["target_id"]]


#: Every match shown, whatever its confidence: the matches are right
#: even where the default threshold hides them.
EVERY_MATCH = {"FARO_SUGGEST_THRESHOLD": "0"}


def test_analyze_matches_claims_against_the_knowledge_base(demo: DemoKB) -> None:
    result = demo.faro.run("analyze", "--json", str(BERGAMO), env=EVERY_MATCH)
    assert result.returncode == 0, result.stderr
    docs = json_lines(result)
    assert bergamo_matches(docs)
    validator = jsonschema.Draft202012Validator(load_schema())
    for doc in docs:
        validator.validate(doc)


@ON_SQLITE
def test_analyze_without_matching(demo: DemoKB) -> None:
    result = demo.faro.run("analyze", "--json", "--no-match", str(BERGAMO), env=EVERY_MATCH)
    assert result.returncode == 0, result.stderr
    docs = json_lines(result)
    assert docs and all(not claim.get("matches") for doc in docs for claim in doc["claims"])


@ON_SQLITE
def test_analyze_matches_the_bergamo_article_with_the_default_threshold(demo: DemoKB) -> None:
    result = demo.faro.run("analyze", "--json", str(BERGAMO))
    assert result.returncode == 0, result.stderr
    assert bergamo_matches(json_lines(result))


def test_analyze_on_an_empty_knowledge_base_suggests_the_demo(faro: Faro) -> None:
    result = faro.run("analyze", "--json", "-",
                      stdin="Il ministro ha detto che il 40% dei fondi è già stato speso."
                      .encode())
    assert result.returncode == 0, result.stderr
    (doc,) = json_lines(result)
    assert all(not claim.get("matches") for claim in doc["claims"])
    assert "faro kb import --demo" in said(result)


# -- bad input -------------------------------------------------------------------------------


SEED_CSV = ("claim,rating,url,language\n"
            "Wind turbines make cows sick on nearby farms,False,https://example.org/1,en\n"
            "Il vino rosso protegge dal coronavirus,Falso,https://example.org/2,it\n")


@dataclass(frozen=True)
class Seeded:
    faro: Faro
    folder: Path


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A database holding two fact-checks, for imports that must fail without losing them."""
    folder = tmp_path_factory.mktemp(f"seeded-{request.param}")
    with fresh_database(request.param, folder) as url:
        faro = Faro(folder, url)
        (folder / "seed.csv").write_text(SEED_CSV, "utf-8")
        result = faro.run("kb", "import", str(folder / "seed.csv"))
        assert result.returncode == 0, result.stderr
        yield Seeded(faro, folder)


def write_inputs(folder: Path) -> None:
    (folder / "truncated.json").write_text(
        '{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x",',
        "utf-8")
    (folder / "notes.txt").write_text("Just some notes, not a knowledge base.\n", "utf-8")
    (folder / "table.csv").write_text("claim,rating\nSome claim here,False\n", "utf-8")


#: ``faro kb import`` arguments ({dir}: where write_inputs wrote) and the code of the refusal:
#: files that are read and refused…
BAD_FILES = {
    "malformed JSON": (["{dir}/truncated.json"], "[F301]"),
    "unknown format": (["{dir}/notes.txt"], "[F302]"),
    "map to a missing column": (["--map", "claim=nonexistent", "{dir}/table.csv"], "[F303]"),
}
#: …and options and paths refused before the database is opened (so SQLite is enough).
BAD_OPTIONS = {
    "malformed map": (["--map", "claim", "{dir}/table.csv"], "[F303]"),
    "bad kind": (["--kind", "bogus", "{dir}/table.csv"], "[F303]"),
    "bad format": (["--format", "bogus", "{dir}/table.csv"], "[F302]"),
    "missing path": (["{dir}/no-such-file.csv"], "[F106]"),
}


def check_refused(seeded: Seeded, args: list[str], code: str) -> None:
    write_inputs(seeded.folder)
    before = seeded.faro.state()
    result = seeded.faro.run("kb", "import", *(a.format(dir=seeded.folder) for a in args))
    assert result.returncode != 0
    assert code in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert seeded.faro.state() == before
    assert (before.factchecks, before.narratives) == (2, 0)


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_and_loses_nothing(seeded: Seeded, case: str) -> None:
    check_refused(seeded, *BAD_FILES[case])


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
@pytest.mark.parametrize("case", list(BAD_OPTIONS))
def test_bad_option_is_refused_and_loses_nothing(seeded: Seeded, case: str) -> None:
    check_refused(seeded, *BAD_OPTIONS[case])


def test_rows_that_fail_are_listed_and_the_others_imported(faro: Faro, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "id,claim,rating,url,language\n"
        "r1,Wind turbines make cows sick on nearby farms,False,https://example.org/r1,en\n"
        "r2,,False,https://example.org/r2,en\n"  # line 3: no claim
        'r3,"Solar panels poison the soil\naround them forever",False,'
        "https://example.org/r3,en\n"  # lines 4-5: one row
        "r4,Wind turbines make cows sick on nearby farms,False,https://example.org/r1/,en\n"
        # line 6: the first row again (same page, same claim): a duplicate
        f"r5,{'x' * 20_000},False,https://example.org/r5,en\n"  # line 7: too long
        "r6,Electric cars catch fire more often,Misleading,https://example.org/r6,en\n",
        "utf-8")
    result = faro.run("kb", "import", str(path))
    assert result.returncode == 3, result.stderr
    assert import_totals(result) == {"records": 3, "new": 3, "updated": 0, "unchanged": 0,
                                     "rejected": 3}
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert len(rejected) == 3, result.stderr
    for line, code in ((3, "[F304]"), (6, "[F305]"), (7, "[F304]")):
        assert any(f"{path}:{line}: {code}" in r for r in rejected), (line, rejected)
    assert faro.state().factchecks == 3


def test_an_assumed_encoding_is_said_with_its_code(faro: Faro, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("claim,rating,url,language\n"
                     '"« Les éoliennes rendent les vaches malades », dit un tract.",Faux,'
                     "https://example.org/eol,fr\n".encode("cp1252"))
    result = faro.run("kb", "import", str(path))
    assert result.returncode == 3, result.stderr  # imported, with a warning
    assert f"note {path}: [F103]" in result.stderr
    assert faro.state().factchecks == 1


def test_a_file_that_fails_does_not_stop_the_others(faro: Faro, tmp_path: Path) -> None:
    write_inputs(tmp_path)
    good = tmp_path / "good.csv"
    good.write_text(SEED_CSV, "utf-8")
    narrative = tmp_path / "narrative.jsonl"
    narrative.write_text(json.dumps({
        "kind": "narrative", "title": "Red wine and the virus", "language": "en",
        "summary": "Red wine is said to protect against the coronavirus."}) + "\n", "utf-8")
    result = faro.run("kb", "import", str(good), str(tmp_path / "truncated.json"),
                      str(narrative))
    assert result.returncode == 1
    assert "[F301]" in result.stderr and "truncated.json" in result.stderr
    rows = {Path(row["file"]).name: row for row in import_table(result)}
    assert rows["truncated.json"]["rejected"] == "failed"
    assert (rows["good.csv"]["new"], rows["narrative.jsonl"]["new"]) == ("2", "1")
    state = faro.state()
    assert (state.factchecks, state.narratives) == (2, 1)


def test_a_cp1252_table_keeps_its_accents(faro: Faro, tmp_path: Path) -> None:
    claim = "Le gouvernement a décidé d'interdire les voitures à essence dès l'été prochain"
    path = tmp_path / "anciens.csv"
    path.write_bytes(f"claim,rating,title,language\n{claim},Faux,Très trompeur,fr\n"
                     .encode("cp1252"))
    result = faro.run("kb", "import", str(path))
    assert result.returncode in (0, 3), result.stderr
    assert "1252" in result.stderr  # the assumed encoding is said
    with Store.open(faro.database_url) as store:
        (record,) = store.iter_records()
    assert isinstance(record, FactCheck)
    assert (record.claim, record.title) == (claim, "Très trompeur")
    assert (record.language, record.verdict) == ("fr", Verdict.FALSE)


# -- faro kb search and reindex --------------------------------------------------------------


def test_kb_search_with_a_language(demo: DemoKB) -> None:
    result = demo.faro.run("kb", "search", "vaccini", "--lang", "it", "-k", "5", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert 0 < len(found) <= 5
    assert "faro-demo:fc-it-vaccini-covid-microchip" in [m["id"] for m in found]


@ON_SQLITE
def test_kb_search_finds_a_single_word(demo: DemoKB) -> None:
    result = demo.faro.run("kb", "search", "vaccini", "-k", "5", "--json")
    assert result.returncode == 0, result.stderr
    assert "faro-demo:fc-it-vaccini-covid-microchip" in [m["id"] for m in
                                                          json.loads(result.stdout)]


def test_kb_reindex_reports_the_records(demo: DemoKB) -> None:
    result = demo.faro.run("kb", "reindex")
    assert result.returncode == 0, result.stderr
    assert f"indexed {DEMO_RECORDS} records" in said(result)


# -- faro eval retrieval ---------------------------------------------------------------------


METRICS = ("map@1", "map@3", "map@5", "mrr", "p@1", "success@10")


def test_eval_retrieval_on_a_tiny_benchmark(no_database: Faro, tmp_path: Path) -> None:
    claims = tmp_path / "claims.tsv"
    claims.write_text(
        "vclaim_id\tvclaim\ttitle\n"
        "v1\tThe MMR vaccine causes autism in children\tNo link between MMR and autism\n"
        "v2\t5G networks spread the coronavirus\t5G does not spread COVID-19\n"
        "v3\tWind turbines cause cancer in cows\tNo, turbines do not give cows cancer\n"
        "v4\tThe 1969 moon landing was staged in a studio\tApollo 11 did land on the moon\n",
        "utf-8")
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "tweet_id\ttweet_content\n"
        "q1\tMy kid got autism right after the MMR jab, vaccines cause it!\n"
        "q2\tThey put up 5G masts and people get covid, coincidence?\n"
        "q3\tNASA faked the moon landing, it was filmed in a studio\n"
        "q4\tNobody judged this one\n", "utf-8")
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 v1 1\nq2 0 v2 1\nq3 0 v4 1\n", "utf-8")
    ok, missing = no_database.run_all(
        ("eval", "retrieval", "--claims", str(claims), "--queries", str(queries),
         "--qrels", str(qrels), "--json"),
        ("eval", "retrieval", "--claims", str(tmp_path / "nope.tsv"), "--queries",
         str(queries), "--qrels", str(qrels), "--json"))
    assert ok.returncode == 0, ok.stderr
    result = json.loads(ok.stdout)
    assert result["queries"] == 3
    for figures in (result, result["baseline"]):
        assert set(METRICS) <= set(figures)
        assert all(0.0 <= figures[k] <= 1.0 for k in METRICS), figures
        assert figures["success@10"] == 1.0
    assert missing.returncode != 0
    assert "[F106]" in missing.stderr and "nope.tsv" in missing.stderr
