"""Importers on the real data sets of the ``shared`` folder next to the repository root."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from faro.kb.importers import read_file

#: ``../shared/data`` from the repository root (as tests/conftest.py locates ``shared``).
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CLEF2020 = SHARED_DATA / "claim-retrieval" / "clef2020-t2-en" / "verified_claims.docs.tsv"
CLEF2021 = SHARED_DATA / "claim-retrieval" / "clef2021-t2a-en" / "verified_claims.tsv"
EUVSDISINFO = SHARED_DATA / "narratives" / "euvsdisinfo-2015-2017" / "cases.csv"

#: Reading one CLEF file must stay well under this (they read in about 0.1-0.15 s).
MAX_SECONDS = 1.5


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"shared data set not available: {path} (the shared/ folder next to the "
                    "repository root is absent)")
    return path


def test_clef2020_verified_claims() -> None:
    start = time.perf_counter()
    parsed = read_file(need(CLEF2020))
    elapsed = time.perf_counter() - start
    assert parsed.format == "clef-vclaims"
    # 10,389 lines after the header, 10,375 claims: 14 claims span two lines inside quotes
    # (ids 0-10374, every one of them referenced by the qrels resolves).
    assert len(parsed.records) == 10_375
    assert parsed.rejected == []
    ids = [fc.id for fc in parsed.factchecks]
    assert ids == [f"clef2020-t2:{i}" for i in range(10_375)]
    by_id = {fc.id: fc for fc in parsed.factchecks}
    assert by_id["clef2020-t2:3057"].claim == (
        "Account describes Pamela Murphy’s efforts on behalf of patients at a Veterans\n"
        "Administration hospital."
    )
    assert by_id["clef2020-t2:2"].claim == (
        'A "Trump and Obama by the Numbers" meme recounts accurate statistics about their job '
        "performances."
    )
    assert {fc.language for fc in parsed.factchecks} == {"en"}
    assert elapsed < MAX_SECONDS


def test_clef2021_verified_claims() -> None:
    start = time.perf_counter()
    parsed = read_file(need(CLEF2021))
    elapsed = time.perf_counter() - start
    assert len(parsed.records) == 13_825
    assert parsed.rejected == []
    first = parsed.factchecks[0]
    assert first.id == "clef2021-t2a:vclaim-sno-1-mcdonald39s-any-size-fries"
    assert first.title == "$1 McDonald's Any Size Fries"
    assert first.source_dataset == "clef2021-t2a"
    assert {fc.verdict for fc in parsed.factchecks} == {None}  # CLEF ships no ratings
    assert elapsed < MAX_SECONDS


def test_clef_qrels_resolve() -> None:
    parsed = read_file(need(CLEF2020))
    ids = {fc.id for fc in parsed.factchecks}
    qrels = CLEF2020.parent.glob("*/tweet-vclaim-pairs.qrels")
    wanted = {
        f"clef2020-t2:{line.split()[2]}"
        for path in qrels
        for line in path.read_text("utf-8").splitlines()
    }
    assert wanted and wanted <= ids


def test_euvsdisinfo_cases() -> None:
    parsed = read_file(need(EUVSDISINFO))
    assert parsed.format == "euvsdisinfo"
    # 3,071 rows: 299 exact repeats and 3 repeats that differ only in the language column are
    # the same cases (F305); 2 rows have no summary (F304).
    assert len(parsed.narratives) == 2_767
    assert Counter(r.code for r in parsed.rejected) == {"F305": 302, "F304": 2}
    assert len(parsed.records) + len(parsed.rejected) == 3_071
    languages = Counter(n.language for n in parsed.narratives)
    assert languages.most_common(3) == [("ru", 1_679), ("cs", 494), ("en", 251)]
    countries = Counter(c for n in parsed.narratives for c in n.countries)
    assert countries.most_common(3) == [("UA", 1_229), ("RU", 1_078), ("US", 633)]
    first = parsed.narratives[0]
    assert first.title == "Explosions in Vinnitsa were organized by Ukrainian soldiers"
    assert first.debunk and first.debunk.startswith("TV Zvezda is a regular mouthpiece")
    assert first.url == "https://tvzvezda.ru/news/vstrane_i_mire/content/201710030853-nx7c.htm"
    assert all(n.first_seen == n.last_seen and n.first_seen for n in parsed.narratives)
    # Stable: a second read gives the same ids.
    assert [n.id for n in read_file(EUVSDISINFO).narratives] == [n.id for n in parsed.narratives]

