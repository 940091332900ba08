"""The shipped example articles, checked against hand-written ground truth.

Each ``expectations/<stem>.json`` lists what a careful reader finds in ``examples/<stem>.txt``:
the language, every direct quote and the reported attributions with their resolved speakers, and
entities, numbers and dates. An item marked ``known_miss`` (with the reason) is a strict expected
failure: the test fails when it starts to pass, so the mark is removed. Mentions are matched by
overlap with the expected span (the expected text may include a preposition the extractor leaves
out, or the reverse).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import faro
from faro.model import Document

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS = sorted((Path(__file__).parent / "expectations").glob("*.json"))


def _load(path: Path) -> tuple[dict[str, Any], Document]:
    expected = json.loads(path.read_text("utf-8"))
    text = (ROOT / expected["file"]).read_text("utf-8")
    return expected, faro.analyze(text, doc_id=expected["file"])


def _span(doc: Document, needle: str) -> tuple[int, int]:
    """The first whole-word occurrence of ``needle`` ("Estonia", not inside "Estonian")."""
    found = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", doc.text)
    start = found.start() if found else doc.text.find(needle)
    assert start >= 0, f"expectation text {needle!r} is not in the article"
    return start, start + len(needle)


def _overlaps(a: tuple[int, int], start: int, end: int) -> bool:
    return a[0] < end and start < a[1]


@pytest.fixture(scope="module", params=EXPECTATIONS, ids=[p.stem for p in EXPECTATIONS])
def example(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Document]:
    return _load(request.param)


def test_there_is_an_example_per_supported_language() -> None:
    from faro.text.rules import SUPPORTED

    languages = {json.loads(p.read_text("utf-8"))["language"] for p in EXPECTATIONS}
    assert languages >= set(SUPPORTED) - WITHOUT_EXAMPLE
    # strict: a language leaves WITHOUT_EXAMPLE in the commit that adds its example
    assert not languages & WITHOUT_EXAMPLE


#: Languages whose rules came before their example article (a known gap, not a policy): their
#: rules are tested on sentences in tests/text/test_rules_ar_bg_ko_tr.py until the article and
#: its expectations are written.
WITHOUT_EXAMPLE = frozenset({"ar", "bg", "ko", "tr"})


def test_language(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    assert doc.lang == expected["language"]
    assert doc.language is not None and doc.language.confidence >= 0.9


def test_quotes_found_and_attributed(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    problems = []
    for want in expected["quotes"]:
        span = _span(doc, want["contains"])
        found = [q for q in doc.quotes if q.kind.value == want["kind"]
                 and q.start <= span[0] and span[1] <= q.end]
        if not found:
            problems.append(f"missing {want['kind']} quote containing {want['contains']!r}")
            continue
        quote = min(found, key=lambda q: q.end - q.start)  # the innermost quote
        if quote.speaker_resolved != want["speaker_resolved"]:
            problems.append(f"{want['contains']!r}: speaker {quote.speaker_resolved!r} "
                            f"(as written {quote.speaker!r}), expected "
                            f"{want['speaker_resolved']!r}")
        elif want.get("speaker") and want["speaker"] not in (quote.speaker or ""):
            problems.append(f"{want['contains']!r}: speaker as written {quote.speaker!r}, "
                            f"expected {want['speaker']!r}")
    assert not problems, "\n".join(problems)


def test_non_quotes_are_not_attributed(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    for item in expected.get("non_quotes", []):
        for quote in doc.quotes:
            if quote.kind is faro.QuoteKind.DIRECT and quote.text == item["text"]:
                assert quote.speaker_resolved is None, (item, quote)


def test_entities(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    problems = []
    for want in expected["entities"]:
        span = _span(doc, want["text"])
        hits = [e for e in doc.entities if _overlaps(span, e.start, e.end)]
        found = any(e.type.value == want["type"] for e in hits)
        if "known_miss" in want:  # a strict expected failure, item by item
            if found:
                problems.append(f"{want['text']!r} is found now: drop its known_miss")
            continue
        if not found:
            problems.append(f"{want['text']!r} ({want['type']}): got "
                            f"{[(e.text, e.type.value) for e in hits]}")
    assert not problems, "\n".join(problems)


def test_numbers(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    problems = []
    for want in expected["numbers"]:
        span = _span(doc, want["text"])
        hits = [n for n in doc.numbers if _overlaps(span, n.start, n.end)]
        if not any(n.value == pytest.approx(want["value"]) for n in hits):
            problems.append(f"{want['text']!r} = {want['value']}: got "
                            f"{[(n.text, n.value, n.kind.value) for n in hits]}")
        elif want.get("kind") and not any(n.kind.value == want["kind"] for n in hits):
            problems.append(f"{want['text']!r} kind {want['kind']}: got "
                            f"{[(n.text, n.kind.value) for n in hits]}")
    assert not problems, "\n".join(problems)


def test_dates(example: tuple[dict[str, Any], Document]) -> None:
    expected, doc = example
    problems = []
    for want in expected["dates"]:
        span = _span(doc, want["text"])
        hits = [d for d in doc.dates if _overlaps(span, d.start, d.end)]
        if not hits:
            problems.append(f"date {want['text']!r} not found")
        elif "value" in want and not any(d.value == want["value"] for d in hits):
            problems.append(f"date {want['text']!r}: values {[d.value for d in hits]}, "
                            f"expected {want['value']!r}")
    assert not problems, "\n".join(problems)


def test_offsets_are_exact(example: tuple[dict[str, Any], Document]) -> None:
    _, doc = example
    for items in (doc.sentences, doc.entities, doc.numbers, doc.dates, doc.quotes, doc.claims):
        for item in items:
            assert doc.text[item.start:item.end] == item.text
