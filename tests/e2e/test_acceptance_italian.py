"""Acceptance on a real text: an Italian news article (machine-translated wire interview).

The article lives in ../shared/examples (not shipped: its licence is not ours).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import faro
from faro.model import Document, EntityType, QuantityKind, QuoteKind

ARTICLE = Path(__file__).resolve().parents[2].parent / "shared/examples/000_fc399ba06888f83d.txt"
SHA256 = "aceb6f601777"  # first hex digits; catches a silently changed fixture

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(),
                                reason=f"{ARTICLE} is absent (../shared not laid out)")


@pytest.fixture(scope="module")
def doc() -> Document:
    return faro.analyze(ARTICLE.read_text("utf-8"), doc_id=ARTICLE.name)


def test_fixture_is_the_known_article() -> None:
    digest = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert digest.startswith(SHA256), digest


def test_identified_as_italian(doc: Document) -> None:
    assert doc.language is not None
    assert (doc.language.code, doc.language.method) == ("it", "model")
    assert doc.language.confidence > 0.95


STOLTENBERG_QUOTES = [
    "La partnership con il Giappone è diventata ancora più importante",
    "dove Cina, Corea del Nord (e) Iran consentono",
    "È nell'interesse di tutti noi impedire",
    "Abbiamo alcune esercitazioni minori",
    "grande sfida",
    "sempre meno distinzione tra tecnologie civili e militari",
    "dubbi",
    "un significativo sostegno militare",
    "assolutamente chiaro",
    "profondamente preoccupata",
    "Credo ancora che sarà un buona cosa",
]


def _direct(doc: Document, contains: str) -> faro.Quote:
    found = [q for q in doc.quotes if q.kind is QuoteKind.DIRECT and contains in q.text]
    assert found, f"no direct quote containing {contains!r}"
    return found[0]


def test_all_direct_quotes_found_in_each_quote_style(doc: Document) -> None:
    direct = [q for q in doc.quotes if q.kind is QuoteKind.DIRECT]
    assert len(direct) == 13
    marks = {(doc.text[q.start - 1], doc.text[q.end]) for q in direct}
    assert {("“", "”"), ('"', '"'), ("«", "»")} & marks or any(m[1] == "»" for m in marks)
    assert any(m[0] == "“" for m in marks) and any(m[0] == '"' for m in marks)


@pytest.mark.parametrize("contains", STOLTENBERG_QUOTES)
def test_quotes_attributed_to_stoltenberg(doc: Document, contains: str) -> None:
    quote = _direct(doc, contains)
    assert quote.speaker_resolved == "Jens Stoltenberg", quote


def test_first_quote_has_speaker_as_written_and_verb(doc: Document) -> None:
    quote = _direct(doc, "La partnership con il Giappone")
    assert quote.speaker == "Jens Stoltenberg"
    assert quote.verb == "ha affermato"
    quote = _direct(doc, "Abbiamo alcune esercitazioni minori")
    assert quote.speaker == "Stoltenberg"


def test_kishidas_phrase_is_his(doc: Document) -> None:
    quote = _direct(doc, "ciò che accade oggi in Ucraina")
    assert quote.speaker_resolved == "Fumio Kishida"


def test_scare_quote_is_not_attributed(doc: Document) -> None:
    quote = _direct(doc, "faro")
    assert quote.fragment and quote.speaker_resolved is None


def test_reported_speech(doc: Document) -> None:
    reported = [q for q in doc.quotes if q.kind is QuoteKind.REPORTED]
    official = [q for q in reported if q.verb == "secondo"]
    assert official and official[0].speaker == "un funzionario giapponese"
    assert official[0].speaker_resolved is None
    assert "esercitazione congiunta" in official[0].text
    partecipazione = [q for q in reported if "la partecipazione del Primo Ministro" in q.text]
    assert partecipazione and partecipazione[0].speaker_resolved == "Jens Stoltenberg"


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("NATO", EntityType.ORGANIZATION),
        ("Giappone", EntityType.PLACE),
        ("Jens Stoltenberg", EntityType.PERSON),
        ("Fumio Kishida", EntityType.PERSON),
        ("Kyodo News", EntityType.ORGANIZATION),
        ("Cina", EntityType.PLACE),
        ("Corea del Nord", EntityType.PLACE),
        ("Russia", EntityType.PLACE),
        ("Ucraina", EntityType.PLACE),
        ("Washington", EntityType.PLACE),
    ],
)
def test_entities(doc: Document, text: str, etype: EntityType) -> None:
    assert any(e.text == text and e.type is etype for e in doc.entities), text


def test_bare_surnames_resolve_to_full_names(doc: Document) -> None:
    persons = {e.text: e.canonical for e in doc.entities if e.type is EntityType.PERSON}
    assert persons.get("Stoltenberg") == "Jens Stoltenberg"
    assert persons.get("Kishida") == "Fumio Kishida"


@pytest.mark.parametrize(
    ("contains", "value"), [("32 membri", 32), ("75°", 75), ("65enne", 65)]
)
def test_numbers(doc: Document, contains: str, value: float) -> None:
    start = doc.text.index(contains)
    hits = [n for n in doc.numbers if n.start <= start < n.end]
    assert hits and hits[0].value == value, (contains, hits)


def test_number_kinds(doc: Document) -> None:
    by_text = {n.text: n for n in doc.numbers}
    assert by_text["65enne"].unit == "years"
    assert any(n.kind is QuantityKind.ORDINAL and n.value == 75 for n in doc.numbers)
    assert any(n.unit == "membri" and n.value == 32 for n in doc.numbers)


def test_relative_deadline(doc: Document) -> None:
    ends = [d for d in doc.dates if d.relative and d.relative.unit == "year"
            and d.relative.position == "end"]
    assert ends and "fine di quest" in ends[0].text
