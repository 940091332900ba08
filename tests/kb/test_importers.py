"""Importers on small fixture files written for these tests (tests/kb/data/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from faro._errors import (
    ColumnMapError,
    MalformedKBFileError,
    UnknownKBFormatError,
    UnknownLanguageError,
    UnreadablePathError,
)
from faro.kb import importers
from faro.kb._records import ParsedFile
from faro.kb.importers import (
    FORMATS,
    detect_format,
    iter_kb_files,
    normalise_url,
    parse_column_map,
    read_file,
    record_identity,
    record_to_json,
)
from faro.kb.importers._fields import MAX_CHARS
from faro.kb.importers._read import _READERS
from faro.model import FactCheck, Marking, Narrative, Verdict

DATA = Path(__file__).parent / "data"


def codes(parsed: ParsedFile) -> list[tuple[int | None, str]]:
    return [(r.line, r.code) for r in parsed.rejected]


def test_public_api() -> None:
    assert sorted(importers.__all__) == sorted(
        ["FORMATS", "detect_format", "iter_kb_files", "normalise_url", "parse_column_map",
         "read_file", "record_identity", "record_to_json"]
    )
    assert set(_READERS) == set(FORMATS)


# ------------------------------------------------------------------------ ClaimReview


def test_claimreview_single_object() -> None:
    parsed = read_file(DATA / "claimreview_single.json")
    assert parsed.format == "claimreview"
    assert parsed.rejected == []
    [(line, fc)] = parsed.records
    assert line == 1
    assert fc == FactCheck(
        id="https://demo.faro.invalid/fact-check/vaccini-5g",
        claim="I vaccini contengono microchip che si collegano alla rete 5G.",
        language="it",
        verdict=Verdict.FALSE,
        rating="Falso",
        url="HTTPS://Demo.Faro.invalid/fact-check/vaccini-5g/?utm_source=twitter"
        "&utm_medium=social#verdetto",
        publisher="Faro Demo Desk (IT)",
        title="No, i vaccini non contengono microchip 5G",
        claimant="Post virale su Facebook",
        review_date=date(2021, 3, 4),
    )


def test_claimreview_array_rejects_missing_claim_and_ignores_other_types() -> None:
    parsed = read_file(DATA / "claimreview_array.json")
    solar, bridge = parsed.factchecks
    assert (solar.verdict, solar.rating, solar.language) == (Verdict.FALSE, "Pants on Fire!", "en")
    # Only a numeric rating: 2 on a 1-5 scale.
    assert (bridge.verdict, bridge.rating, bridge.language) == (Verdict.MOSTLY_FALSE, None, "und")
    assert bridge.publisher == "Faro Demo Desk (EN)"  # author given as a list
    assert codes(parsed) == [(21, "F304")]
    assert "claimReviewed" in parsed.rejected[0].reason


def test_claimreview_graph_and_nested_graph() -> None:
    parsed = read_file(DATA / "claimreview_graph.jsonld")
    assert parsed.rejected == []
    wind, pensions = parsed.factchecks
    # No url: the node id, without its fragment, stands for it.
    assert wind.url == "https://demo.faro.invalid/verif/eoliennes-oiseaux/"
    assert wind.id == "https://demo.faro.invalid/verif/eoliennes-oiseaux"
    assert (wind.language, wind.verdict) == ("fr", Verdict.FALSE)  # "fr-FR"
    assert (pensions.rating, pensions.verdict) == ("Trompeur", Verdict.PARTLY_TRUE)
    assert [line for line, _ in parsed.records] == [6, 17]


def test_a_page_reviewing_several_claims_keeps_them_all(tmp_path: Path) -> None:
    reviews = [{"@context": "https://schema.org", "@type": "ClaimReview",
                "url": "https://demo.faro.invalid/roundup/2024-05", "claimReviewed": claim,
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
                "author": {"@type": "Organization", "name": "Desk"}}
               for claim in ("Claim one of the round-up.", "Claim two of the round-up.",
                             "Claim three of the round-up.")]
    path = tmp_path / "roundup.json"
    path.write_text(json.dumps(reviews), "utf-8")
    parsed = read_file(path)
    assert parsed.rejected == []
    ids = [fc.id for fc in parsed.factchecks]
    assert ids[0] == "https://demo.faro.invalid/roundup/2024-05"
    assert len(set(ids)) == 3 and all(i.startswith(ids[0]) for i in ids)
    assert all(fc.url == "https://demo.faro.invalid/roundup/2024-05" for fc in parsed.factchecks)
    assert [fc.id for fc in read_file(path).factchecks] == ids


def test_claimreview_in_html_page() -> None:
    parsed = read_file(DATA / "factcheck_page.html")
    assert parsed.format == "claimreview"
    assert parsed.rejected == []
    [fc] = parsed.factchecks  # the NewsArticle block is ignored
    assert [line for line, _ in parsed.records] == [12]
    assert fc.claim == 'Infraschall von Windrädern macht Anwohner "nachweislich" krank.'
    assert (fc.rating, fc.verdict) == ("Unbelegt", Verdict.COMPLICATED)  # text beats the number
    assert fc.claimant == "Ein Blogbeitrag"
    assert fc.id == "https://demo.faro.invalid/faktencheck/infraschall"


def test_html_page_with_a_broken_block(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head>\n"
        '<script type="application/ld+json">{"@type": "ClaimReview",</script>\n'
        '<script type="application/ld+json">\n<!--\n'
        '{"@type": "ClaimReview", "claimReviewed": "A claim", "url": "https://e.org/a"}\n'
        "-->\n</script></head><body></body></html>\n",
        encoding="utf-8",
    )
    parsed = read_file(page)
    # The comment around the second block is dropped; line numbers still hold.
    assert [fc.claim for fc in parsed.factchecks] == ["A claim"]
    assert [line for line, _ in parsed.records] == [5]
    assert codes(parsed) == [(2, "F301")]


def test_html_page_where_no_block_parses(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        '<html><head>\n\n<script type="application/ld+json">\n{"@type": "ClaimReview",\n'
        ' "claimReviewed": "x",}</script></head></html>',
        encoding="utf-8",
    )
    with pytest.raises(MalformedKBFileError) as info:
        read_file(page)
    assert (info.value.code, info.value.line) == ("F301", 5)


def test_html_page_without_json_ld(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><body><p>No markup.</p></body></html>", "utf-8")
    parsed = read_file(page)
    assert (parsed.records, parsed.rejected) == ([], [])


def test_malformed_json_raises_with_line() -> None:
    with pytest.raises(MalformedKBFileError) as info:
        read_file(DATA / "malformed.json")
    assert info.value.code == "F301"
    assert info.value.line == 6
    assert info.value.source == str(DATA / "malformed.json")


# ------------------------------------------------------------------ Fact Check Tools API


def test_factcheck_api_response() -> None:
    parsed = read_file(DATA / "factcheck_api.json")
    assert parsed.format == "factcheck-api"
    en, es, it = parsed.factchecks
    assert en.claim == es.claim == "Drinking hot water cures the flu."
    assert (en.publisher, en.claimant, en.language, en.verdict) == (
        "Faro Demo Desk (EN)", "Viral message", "en", Verdict.FALSE,
    )
    assert en.review_date == date(2020, 3, 12)
    assert (es.publisher, es.language, es.verdict) == ("demo-es.faro.invalid", "es",
                                                      Verdict.PARTLY_TRUE)
    assert (it.rating, it.verdict) == ("C'eri quasi", Verdict.MOSTLY_TRUE)
    assert [line for line, _ in parsed.records] == [8, 16, 34]
    assert codes(parsed) == [(26, "F304")]  # the claim without claimReview


def test_factcheck_api_error_and_empty_responses(tmp_path: Path) -> None:
    error = tmp_path / "error.json"
    error.write_text('{"error": {"code": 403, "message": "API key not valid."}}', "utf-8")
    with pytest.raises(MalformedKBFileError, match="API key not valid"):
        read_file(error)
    empty = tmp_path / "empty.json"
    empty.write_text("{}\n", "utf-8")
    parsed = read_file(empty)
    assert (parsed.format, parsed.records) == ("factcheck-api", [])


# ---------------------------------------------------------------------------- tables


TABLE_MAP = {
    "id": "ref", "claim": "statement", "title": "headline", "url": "link",
    "rating": "verdict_text", "review_date": "published", "publisher": "org", "language": "lang",
}


def test_table_with_column_map() -> None:
    parsed = read_file(DATA / "table_map.csv", column_map=TABLE_MAP)
    assert parsed.format == "table"
    assert parsed.rejected == []
    assert [line for line, _ in parsed.records] == [2, 3, 4]
    cars, lithium, bridge = parsed.factchecks
    assert cars == FactCheck(
        id="https://demo.faro.invalid/t/car-ban",
        claim="The city banned cars from the centre on weekends.",
        language="en",
        verdict=Verdict.MOSTLY_FALSE,
        rating="Mostly false",
        url="https://demo.faro.invalid/t/car-ban",
        publisher="Faro Demo Desk (EN)",
        title="Car ban claim",
        review_date=date(2024, 4, 2),
        source_dataset="table_map",
    )
    assert lithium.claim == 'Tap water in the region contains "dangerous" levels of lithium.'
    # No URL: the id in the data set, under the file's name.
    assert bridge.id == "table_map:a-3"
    assert bridge.claim == "Il ponte è stato costruito\nin soli tre mesi."


def test_table_map_errors() -> None:
    with pytest.raises(ColumnMapError, match="'missing'"):
        read_file(DATA / "table_map.csv", column_map={"claim": "missing"})
    with pytest.raises(ColumnMapError, match="no column for claim"):
        read_file(DATA / "table_map.csv")  # no map, and no column named claim
    with pytest.raises(ColumnMapError, match="not a field"):
        read_file(DATA / "table_map.csv", column_map={"claimz": "statement"})
    with pytest.raises(ColumnMapError, match="summary"):
        read_file(DATA / "table_map.csv", kind="narrative", column_map={"title": "headline"})
    with pytest.raises(ColumnMapError, match="applies to tables"):
        read_file(DATA / "claimreview_single.json", column_map={"claim": "x"})


def test_table_without_map_uses_field_names() -> None:
    parsed = read_file(DATA / "missing_fields.csv")
    # the last row has the first row's URL but reviews another claim: a second review on the
    # same page, not a duplicate
    assert [fc.claim for fc in parsed.factchecks] == ["A claim with everything.",
                                                      "Same URL as the first row."]
    first, second = parsed.factchecks
    assert first.id == "https://demo.faro.invalid/m/1"
    assert second.id.startswith("https://demo.faro.invalid/m/1#claim-")
    assert [fc.id for fc in read_file(DATA / "missing_fields.csv").factchecks] == \
        [first.id, second.id]  # the same ids on every read
    assert codes(parsed) == [(3, "F304"), (4, "F304"), (5, "F304"), (6, "F304")]
    reasons = [r.reason for r in parsed.rejected]
    assert "claim is missing or empty" in reasons[0]
    assert "02/31/2024" in reasons[1]
    assert "6 fields" in reasons[2]


def test_the_same_review_twice_is_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("claim,rating,url\n"
                    "Water cures cancer.,False,https://demo.faro.invalid/w\n"
                    "Another claim on the page.,False,https://demo.faro.invalid/w\n"
                    "Water  cures CANCER.,False,https://demo.faro.invalid/w/\n"
                    "Another claim on the page.,False,https://demo.faro.invalid/w\n", "utf-8")
    parsed = read_file(path)
    assert len(parsed.factchecks) == 2
    assert codes(parsed) == [(4, "F305"), (5, "F305")]
    assert "line 3" in parsed.rejected[1].reason


def test_cp1252_table_decodes() -> None:
    parsed = read_file(DATA / "table_cp1252.csv")
    assert parsed.rejected == []
    [note] = parsed.notes  # the assumed encoding is said, with its code
    assert note.code == "F103" and "1252" in note.message
    assert read_file(DATA / "claimreview_single.json").notes == []
    claims = [fc.claim for fc in parsed.factchecks]
    assert claims[0] == "«Le gouvernement a supprimé l’aide aux élèves», affirme un tract."
    assert claims[2] == "Le prix du pain atteindra 5 € – « dès la semaine prochaine »."
    assert [fc.verdict for fc in parsed.factchecks] == [
        Verdict.PARTLY_TRUE, Verdict.FALSE, Verdict.MOSTLY_FALSE,
    ]
    assert parsed.factchecks[0].publisher == "Faro Démo"


def test_narrative_table() -> None:
    column_map = parse_column_map(
        "id=case,summary=claim,title=headline,first_seen=seen,last_seen=seen,"
        "countries=where,keywords=tags"
    )
    parsed = read_file(DATA / "narratives.tsv", kind="narrative", column_map=column_map,
                       language="en", source_dataset="demo-narratives")
    war, lab = parsed.narratives
    assert war == Narrative(
        id="demo-narratives:n-1",
        title="War preparations",
        summary="The West is preparing a war against Country X.",
        language="en",
        keywords=("war", "NATO"),
        countries=("PL", "LT"),
        first_seen=date(2017, 1, 2),
        last_seen=date(2017, 1, 2),
        source="demo-narratives",
    )
    assert lab.countries == ("UA",)


def test_jsonl_table(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [
        {"text": "A claim from a JSON line.", "link": "https://e.org/1", "rating": "Falso"},
        {"text": "", "link": "https://e.org/2"},
        {"text": "Another.", "link": "https://e.org/3", "rating": "Vero", "n": 1},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", "utf-8")
    parsed = read_file(path, column_map={"claim": "text", "url": "link"}, language="it")
    assert parsed.format == "table"
    assert [(fc.id, fc.verdict, fc.language) for fc in parsed.factchecks] == [
        ("https://e.org/1", Verdict.FALSE, "it"),
        ("https://e.org/3", Verdict.TRUE, "it"),
    ]
    assert codes(parsed) == [(4, "F301"), (2, "F304")]


def test_field_longer_than_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    huge = "x" * (MAX_CHARS["claim"] + 1)
    path.write_text(f"claim,rating\nA normal claim.,False\n{huge},False\n", "utf-8")
    parsed = read_file(path)
    assert len(parsed.factchecks) == 1
    assert codes(parsed) == [(3, "F304")]
    assert "10,001 characters" in parsed.rejected[0].reason


def test_runaway_quote_fails_the_file(tmp_path: Path) -> None:
    # An unbalanced quote swallows the rest of the file into one field, past the csv limit.
    path = tmp_path / "runaway.csv"
    path.write_text('claim,rating\n"Unclosed quote,False\n' + "more text,\n" * 20_000, "utf-8")
    with pytest.raises(MalformedKBFileError, match="unbalanced quote"):
        read_file(path)


def test_parse_column_map() -> None:
    assert parse_column_map("claim=summary,title=title") == {"claim": "summary", "title": "title"}
    for bad in ("claim", "claim=", "=x", "claim=a,claim=b", "nonsense=x", ""):
        with pytest.raises(ColumnMapError):
            parse_column_map(bad)


# --------------------------------------------------------------------- CLEF, EUvsDisinfo


def test_clef_quoted_multiline_field() -> None:
    parsed = read_file(DATA / "clef2021-t2a-en" / "verified_claims.tsv")
    assert parsed.format == "clef-vclaims"
    assert [(line, fc.id) for line, fc in parsed.records] == [
        (2, "clef2021-t2a:vclaim-sno-aaa"),
        (3, "clef2021-t2a:vclaim-sno-bbb"),
        (5, "clef2021-t2a:vclaim-sno-ccc"),
    ]
    first, second, _ = parsed.factchecks
    assert first.claim == 'A photograph shows a "giant" squid on a beach.'
    assert second.claim == 'A "quoted" claim spans\ntwo lines inside its quotes.'
    assert (second.title, second.language, second.source_dataset) == (
        "Two-Line Claim", "en", "clef2021-t2a",
    )


def test_clef_stray_quote_falls_back_to_lines() -> None:
    parsed = read_file(DATA / "clef-stray-quote.tsv", language="en")
    assert [(fc.id, fc.claim) for fc in parsed.factchecks] == [
        ("clef:0", '"Stray quote at the start, never closed'),
        ("clef:1", "Second claim after the stray quote."),
        ("clef:2", 'A "fully" quoted claim.'),
    ]
    assert parsed.factchecks[0].language == "en"


def test_euvsdisinfo_sample() -> None:
    parsed = read_file(DATA / "euvsdisinfo_cases.csv")
    assert parsed.format == "euvsdisinfo"
    one, two = parsed.narratives
    assert one.id.startswith("euvsdisinfo:") and len(one.id) == len("euvsdisinfo:") + 16
    assert one == Narrative(
        id=one.id,
        title="Demo narrative one",
        summary="The first demo narrative as it circulates.",
        language="ru",
        debunk="The demo debunk.",
        keywords=("War in Ukraine", "Military"),
        countries=("UA",),  # "EU" is not a country
        first_seen=date(2017, 10, 3),
        last_seen=date(2017, 10, 3),
        source="euvsdisinfo",
        url="https://demo.faro.invalid/a/1",
    )
    assert (two.language, two.countries) == ("es", ("GB", "CZ"))  # "Spain" in the language column
    assert codes(parsed) == [(3, "F305"), (5, "F304"), (6, "F304")]
    # The same file read again gives the same ids.
    assert [n.id for n in read_file(DATA / "euvsdisinfo_cases.csv").narratives] == [one.id, two.id]


# ------------------------------------------------------------------------- faro-jsonl


def test_faro_jsonl_duplicates_and_verdicts() -> None:
    parsed = read_file(DATA / "duplicates.jsonl")
    assert parsed.format == "faro-jsonl"
    first, second = parsed.factchecks
    assert first.verdict is Verdict.FALSE  # absent: computed from the rating
    assert second.verdict is None  # null: none
    [narrative] = parsed.narratives
    assert narrative.countries == ("DE", "IT")
    assert codes(parsed) == [(3, "F305"), (5, "F305")]
    assert "line 1" in parsed.rejected[0].reason


def test_faro_jsonl_ids_are_never_renamed(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    url = "https://demo.faro.invalid/roundup"
    path.write_text("\n".join(json.dumps({"kind": "factcheck", "id": url, "claim": claim,
                                          "language": "en"})
                              for claim in ("One claim.", "Another claim.")) + "\n", "utf-8")
    parsed = read_file(path)
    assert [fc.id for fc in parsed.factchecks] == [url]
    assert codes(parsed) == [(2, "F305")]


def test_faro_jsonl_rejects_unknown_fields_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text(
        '{"kind": "factcheck", "claim": "Fine.", "language": "en"}\n'
        '{"kind": "factcheck", "claim": "Typo.", "reviewdate": "2024-01-01"}\n'
        '{"kind": "claim", "claim": "Bad kind."}\n'
        '{"kind": "factcheck", "claim": "Bad marking.", "marking": "TLP:PINK"}\n'
        '{"kind": "factcheck", "claim": "Bad language.", "language": "xx-klingon"}\n'
        '{"kind": "factcheck", "claim": "Amber.", "marking": "amber", "verdict": "Mostly True"}\n',
        "utf-8",
    )
    parsed = read_file(path)
    assert [fc.claim for fc in parsed.factchecks] == ["Fine.", "Amber."]
    assert parsed.factchecks[0].id.startswith("sha1:")
    assert (parsed.factchecks[1].marking, parsed.factchecks[1].verdict) == (
        Marking.AMBER, Verdict.MOSTLY_TRUE,
    )
    assert codes(parsed) == [(2, "F304"), (3, "F304"), (4, "F304"), (5, "F304")]
    assert "reviewdate" in parsed.rejected[0].reason


def test_record_to_json_round_trip(tmp_path: Path) -> None:
    records: list[FactCheck | Narrative] = [
        FactCheck(id="x:1", claim=" Spaces kept ", language="und"),
        FactCheck(
            id="https://e.org/fc", claim="Claim\nwith a newline", language="ja",
            verdict=Verdict.COMPLICATED, rating="根拠不明", url="https://e.org/fc/",
            publisher="P", title="T", claimant="C", review_date=date(2024, 2, 29),
            source_dataset="d", marking=Marking.AMBER_STRICT,
        ),
        FactCheck(id="x:3", claim="Rated, no verdict.", language="en", rating="False"),
        Narrative(
            id="n:1", title="T", summary="S", language="ru", debunk="D",
            keywords=("a", "b"), countries=("UA", "RU"), first_seen=date(2017, 1, 1),
            last_seen=date(2017, 2, 1), source="s", url="https://e.org/n", marking=Marking.GREEN,
        ),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text(
        "".join(json.dumps(record_to_json(r), ensure_ascii=False) + "\n" for r in records),
        "utf-8",
    )
    parsed = read_file(path)
    assert parsed.rejected == []
    assert [r for _, r in parsed.records] == records
    assert record_to_json(records[2])["verdict"] is None
    assert next(iter(record_to_json(records[3]))) == "kind"


def test_demo_kb_reads_cleanly() -> None:
    demo = Path(importers.__file__).parents[2] / "resources" / "kb" / "demo"
    files = sorted(demo.glob("*.jsonl")) if demo.is_dir() else []
    if not files:
        pytest.skip(f"no demo knowledge base at {demo}")
    for path in files:
        parsed = read_file(path)
        assert parsed.format == "faro-jsonl"
        assert parsed.rejected == [], parsed.rejected[:3]
        assert parsed.records
        for fc in parsed.factchecks:
            assert fc.verdict not in (None, Verdict.OTHER), (fc.rating, fc.language)


# ------------------------------------------------- detection, walking, identity, errors


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.html", b"<html>", "claimreview"),
        ("a.json", b'{"@context": "https://schema.org", "@type": "ClaimReview"}', "claimreview"),
        ("a.jsonld", b'{"@graph": []}', "claimreview"),
        ("a.json", b'{"claims": [{"text": "x", "claimReview": []}]}', "factcheck-api"),
        ("a.jsonl", b'{"kind": "narrative", "id": "x"}\n', "faro-jsonl"),
        ("a.jsonl", b'{"text": "x"}\n', "table"),
        ("a.csv", b"claim,rating\n", "table"),
        ("a.tsv", b"\tvclaim\ttitle\n0\tx\ty\n", "clef-vclaims"),
        ("a.tsv", b"vclaim_id\tvclaim\ttitle\n", "clef-vclaims"),
        ("cases.csv", (DATA / "euvsdisinfo_cases.csv").read_bytes()[:300], "euvsdisinfo"),
        ("noext", b"\xef\xbb\xbf<!DOCTYPE html><html>", "claimreview"),
        ("noext", b'{"claims": [], "claimReview": 1}', "factcheck-api"),
    ],
)
def test_detect_format(name: str, head: bytes, fmt: str) -> None:
    assert detect_format(Path(name), head) == fmt


@pytest.mark.parametrize(
    ("name", "head"), [("a.json", b'{"hello": 1}'), ("a.txt", b"plain text"), ("a", b"x,y\n")]
)
def test_detect_format_unknown(name: str, head: bytes) -> None:
    with pytest.raises(UnknownKBFormatError) as info:
        detect_format(Path(name), head)
    assert info.value.code == "F302"
    assert all(fmt in (info.value.hint or "") for fmt in FORMATS)


def test_iter_kb_files(tmp_path: Path) -> None:
    for name in ("b/2.csv", "b/1.json", "a.jsonl", ".hidden.csv", ".git/x.json", "notes.md",
                 "c/d/page.HTML"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_kb_files(tmp_path)] == [
        "a.jsonl", "b/1.json", "b/2.csv", "c/d/page.HTML",
    ]
    assert list(iter_kb_files(tmp_path / "notes.md")) == [tmp_path / "notes.md"]
    with pytest.raises(UnreadablePathError):
        list(iter_kb_files(tmp_path / "absent"))


def test_record_identity() -> None:
    assert normalise_url("HTTP://Ex.ORG:80/a/b/?x=1&UTM_Campaign=y&utm_source=z#f") == (
        "http://ex.org/a/b?x=1"
    )
    assert normalise_url("https://ex.org:8443/") == "https://ex.org:8443"
    assert normalise_url("ftp://ex.org/a") is None
    assert record_identity(url="https://ex.org/a/", source_dataset="d", source_id="1") == (
        "https://ex.org/a"
    )
    assert record_identity(url="not a url", source_dataset="d", source_id="1") == "d:1"
    digest = record_identity(claim="The  Moon is CHEESE", publisher="Ex")
    assert digest == record_identity(claim="the moon is cheese", publisher=" ex ")
    assert digest.startswith("sha1:") and len(digest) == 45
    assert digest != record_identity(claim="the moon is cheese", publisher="Other")
    with pytest.raises(ValueError):
        record_identity()


def test_read_file_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"  \n")
    with pytest.raises(MalformedKBFileError, match="empty"):
        read_file(empty)
    binary = tmp_path / "data.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(MalformedKBFileError) as info:
        read_file(binary)
    assert info.value.code == "F301"
    with pytest.raises(UnknownKBFormatError):
        read_file(DATA / "table_map.csv", fmt="excel")
    with pytest.raises(UnknownLanguageError):
        read_file(DATA / "table_map.csv", language="klingon-ish", column_map=TABLE_MAP)
    with pytest.raises(UnreadablePathError):
        read_file(tmp_path / "absent.csv")
    with pytest.raises(ValueError):
        read_file(DATA / "table_map.csv", kind="claims")
    with pytest.raises(ColumnMapError, match="vclaim"):
        read_file(DATA / "table_map.csv", fmt="clef-vclaims")


def test_a_column_map_reads_a_fixed_format_as_a_table() -> None:
    parsed = read_file(
        DATA / "euvsdisinfo_cases.csv",
        kind="narrative",
        column_map={"title": "title", "summary": "summary", "url": "source"},
    )
    assert parsed.format == "table"
    assert [n.id for n in parsed.narratives][:1] == ["https://demo.faro.invalid/a/1"]
