"""The demo knowledge base shipped in ``faro.resources`` (``kb/demo/*.jsonl``): well-formed,
loadable into the domain types, and covering every example article in its own language."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from faro.model import FactCheck, Narrative

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO = files("faro.resources").joinpath("kb/demo")
URL_PREFIX = "https://demo.faro.invalid/"

FACTCHECK_KEYS = {
    "kind",
    "id",
    "claim",
    "language",
    "rating",
    "url",
    "publisher",
    "title",
    "claimant",
    "review_date",
    "source_dataset",
}
FACTCHECK_REQUIRED = ("id", "claim", "language", "rating", "url", "publisher")
NARRATIVE_KEYS = {
    "kind",
    "id",
    "title",
    "summary",
    "language",
    "debunk",
    "keywords",
    "countries",
    "first_seen",
    "last_seen",
    "source",
    "url",
}
NARRATIVE_REQUIRED = ("id", "title", "summary", "language")

#: The rating words a publisher in each language uses (normalised elsewhere by the ratings table).
RATINGS = {
    "it": {"Falso", "Fuorviante", "Vero", "Parzialmente falso", "Senza prove"},
    "en": {"False", "Misleading", "Mostly false", "True", "Unproven", "Missing context"},
    "ja": {"誤り", "ミスリード", "根拠不明", "正確", "ほぼ正確"},
    "fr": {"Faux", "Trompeur", "Vrai", "Infondé"},
    "de": {"Falsch", "Irreführend", "Richtig", "Unbelegt"},
    "es": {"Falso", "Engañoso", "Verdadero", "Sin pruebas"},
    "pt": {"Falso", "Enganoso", "Verdadeiro"},
    "nl": {"Onwaar", "Misleidend", "Waar"},
    "pl": {"Fałsz", "Manipulacja", "Prawda"},
    "ru": {"Ложь", "Манипуляция", "Правда"},
    "uk": {"Неправда", "Маніпуляція", "Правда"},
    "ko": {"거짓", "대체로 거짓", "사실"},
}
#: ISO 639-1 codes the demo KB may use.
LANGUAGES = set(RATINGS) | {"ar"}


def _read(name: str) -> list[dict[str, Any]]:
    text = DEMO.joinpath(name).read_text(encoding="utf-8")
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        assert line.strip(), f"{name}:{number}: empty line"
        record = json.loads(line)
        assert isinstance(record, dict), f"{name}:{number}: not a JSON object"
        records.append(record)
    return records


FACTCHECKS = _read("factchecks.jsonl")
NARRATIVES = _read("narratives.jsonl")
ARTICLES = sorted(EXAMPLES.glob("*_*.txt"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _factcheck(r: dict[str, Any]) -> FactCheck:
    return FactCheck(
        id=r["id"],
        claim=r["claim"],
        language=r["language"],
        verdict=None,
        rating=r.get("rating"),
        url=r.get("url"),
        publisher=r.get("publisher"),
        title=r.get("title"),
        claimant=r.get("claimant"),
        review_date=_date(r.get("review_date")),
        source_dataset=r.get("source_dataset"),
    )


def _narrative(r: dict[str, Any]) -> Narrative:
    return Narrative(
        id=r["id"],
        title=r["title"],
        summary=r["summary"],
        language=r["language"],
        debunk=r.get("debunk"),
        keywords=tuple(r.get("keywords") or ()),
        countries=tuple(r.get("countries") or ()),
        first_seen=_date(r.get("first_seen")),
        last_seen=_date(r.get("last_seen")),
        source=r.get("source"),
        url=r.get("url"),
    )


def _in(lang: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["language"] == lang]


def test_files_are_utf8_jsonl_sorted_by_id() -> None:
    for name, records in (("factchecks.jsonl", FACTCHECKS), ("narratives.jsonl", NARRATIVES)):
        raw = DEMO.joinpath(name).read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw, name
        ids = [r["id"] for r in records]
        assert ids == sorted(ids), f"{name} is not sorted by id"


def test_ids_unique_across_both_files() -> None:
    ids = [r["id"] for r in FACTCHECKS + NARRATIVES]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("record", FACTCHECKS, ids=lambda r: r["id"])
def test_factcheck_record(record: dict[str, Any]) -> None:
    assert record["kind"] == "factcheck"
    assert set(record) <= FACTCHECK_KEYS
    for key in FACTCHECK_REQUIRED:
        assert isinstance(record.get(key), str) and record[key].strip(), key
    lang = record["language"]
    assert record["id"].startswith(f"faro-demo:fc-{lang}-")
    assert record["rating"] in RATINGS[lang]
    assert record["url"].startswith(URL_PREFIX)
    assert record["title"] and record["title"] != record["claim"]
    review = date.fromisoformat(record["review_date"])
    assert date(2019, 1, 1) <= review <= date(2025, 12, 31)
    fc = _factcheck(record)
    assert fc.verdict is None and fc.review_date == review


@pytest.mark.parametrize("record", NARRATIVES, ids=lambda r: r["id"])
def test_narrative_record(record: dict[str, Any]) -> None:
    assert record["kind"] == "narrative"
    assert set(record) <= NARRATIVE_KEYS
    for key in NARRATIVE_REQUIRED:
        assert isinstance(record.get(key), str) and record[key].strip(), key
    assert record["id"].startswith(f"faro-demo:nar-{record['language']}-")
    assert record["url"].startswith(URL_PREFIX)
    assert all(isinstance(k, str) and k.strip() for k in record["keywords"])
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in record["countries"])
    narrative = _narrative(record)
    assert isinstance(narrative.keywords, tuple) and isinstance(narrative.countries, tuple)
    if narrative.first_seen and narrative.last_seen:
        assert narrative.first_seen <= narrative.last_seen


def test_languages_are_iso_codes() -> None:
    for r in FACTCHECKS + NARRATIVES:
        assert re.fullmatch(r"[a-z]{2,3}", r["language"]), r["id"]
        assert r["language"] in LANGUAGES, r["id"]


def test_size_and_language_coverage() -> None:
    records = FACTCHECKS + NARRATIVES
    per_lang = Counter(r["language"] for r in records)
    assert len(records) >= 80
    assert len(per_lang) >= 8
    assert per_lang["it"] >= 12
    assert per_lang["ja"] >= 8
    for lang in ("en", "fr", "de", "es", "pt", "nl", "pl", "ru", "uk", "ko"):
        assert per_lang[lang] >= 1, lang
    ratings = Counter(_factcheck(r).rating for r in FACTCHECKS)
    true_words = {
        "Vero",
        "True",
        "正確",
        "Vrai",
        "Richtig",
        "Verdadero",
        "Verdadeiro",
        "Waar",
        "Prawda",
        "Правда",
        "사실",
    }
    assert 1 <= sum(ratings[w] for w in true_words) < len(FACTCHECKS) // 4


def test_examples_exist() -> None:
    assert len(ARTICLES) >= 11


def _content(text: str, lang: str) -> set[str]:
    """Words of four letters or more; character bigrams for Japanese and Korean."""
    text = text.lower()
    if lang in {"ja", "ko"}:
        chars = re.sub(r"\W", "", text)
        return {chars[i : i + 2] for i in range(len(chars) - 1)}
    return set(re.findall(r"\w{4,}", text))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_every_example_article_has_entries_in_its_language(article: Path) -> None:
    lang = article.name.split("_", 1)[0]
    factchecks, narratives = _in(lang, FACTCHECKS), _in(lang, NARRATIVES)
    assert len(factchecks) >= 2, f"{article.name}: fewer than 2 fact-checks in {lang}"
    assert len(narratives) >= 1, f"{article.name}: no narrative in {lang}"
    # at least two fact-checks share enough vocabulary with the article for lexical matching
    words = _content(article.read_text("utf-8"), lang)
    overlapping = [r["id"] for r in factchecks if len(_content(r["claim"], lang) & words) >= 4]
    assert len(overlapping) >= 2, f"{article.name}: only {overlapping} share vocabulary"


def test_the_newsroom_page_and_social_posts_are_covered() -> None:
    page = (EXAMPLES / "en_newsroom_page.html").read_text("utf-8")
    assert "Severn Valley Health Trust" in page
    assert sum("Severn Valley" in r["claim"] for r in FACTCHECKS) >= 2
    posts = [
        json.loads(line)
        for line in (EXAMPLES / "social_posts.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    for post in posts:
        if "lang" in post:
            assert _in(post["lang"], FACTCHECKS) or _in(post["lang"], NARRATIVES), post["id"]
