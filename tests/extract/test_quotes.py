"""Quote attribution rules, on hand-built documents (entities given, not recognised)."""

from __future__ import annotations

import pytest

from faro.extract.quotes import find_quotes
from faro.model import Document, Entity, EntityType, QuoteKind
from faro.text.quotemarks import find_quoted_spans
from faro.text.rules import GENERIC, rules_for
from faro.text.segment import split_sentences


def _doc(text: str, lang: str, persons: dict[str, str]) -> Document:
    """A document whose person entities are every occurrence of the given names."""
    doc = Document("t", text)
    rules = rules_for(lang)
    doc.sentences = split_sentences(text, rules)
    for name, canonical in persons.items():
        start = text.find(name)
        while start >= 0:
            doc.entities.append(Entity(start, start + len(name), name, EntityType.PERSON,
                                       canonical))
            start = text.find(name, start + len(name))
    doc.entities.sort(key=lambda e: e.start)
    # keep the longest of overlapping names ("Jens Stoltenberg" over "Stoltenberg")
    kept: list[Entity] = []
    for entity in sorted(doc.entities, key=lambda e: (e.start, -e.end)):
        if kept and entity.start < kept[-1].end:
            continue
        kept.append(entity)
    doc.entities = kept
    doc.quotes = find_quotes(doc, rules, find_quoted_spans(text, rules))
    return doc


def _quote(doc: Document, contains: str, kind: QuoteKind = QuoteKind.DIRECT):  # type: ignore[no-untyped-def]
    found = [q for q in doc.quotes if q.kind is kind and contains in q.text]
    assert found, (contains, doc.quotes)
    return found[0]


STOLTENBERG = {"Jens Stoltenberg": "Jens Stoltenberg", "Stoltenberg": "Jens Stoltenberg"}


def test_italian_inverted_then_surname_then_null_subject() -> None:
    text = ("“La partnership è importante”, ha affermato il segretario generale Jens "
            "Stoltenberg in un’intervista.\n\n"
            "\"Vorremmo fare di più\", ha affermato Stoltenberg.\n\n"
            "Pur rifiutandosi di dare dettagli, ha detto: «Siamo pronti a tutto.»")
    doc = _doc(text, "it", STOLTENBERG)
    first = _quote(doc, "La partnership")
    assert (first.speaker, first.speaker_resolved, first.verb) == (
        "Jens Stoltenberg", "Jens Stoltenberg", "ha affermato")
    second = _quote(doc, "Vorremmo")
    assert (second.speaker, second.speaker_resolved) == ("Stoltenberg", "Jens Stoltenberg")
    third = _quote(doc, "Siamo pronti")
    assert third.speaker is None and third.speaker_resolved == "Jens Stoltenberg"
    assert third.verb == "ha detto"


def test_english_said_after_and_before() -> None:
    text = ('"We will not be intimidated," said Maria Jones, the minister. '
            "Jones told reporters: “The numbers are clear.” "
            "“It is a lie,” she said.")
    doc = _doc(text, "en", {"Maria Jones": "Maria Jones", "Jones": "Maria Jones"})
    assert _quote(doc, "intimidated").speaker_resolved == "Maria Jones"
    assert _quote(doc, "numbers are clear").speaker == "Jones"
    lie = _quote(doc, "It is a lie")
    assert (lie.speaker, lie.speaker_resolved, lie.verb) == ("she", "Maria Jones", "said")


def test_reported_according_to_and_that_clause() -> None:
    text = ("According to Maria Jones, the election was not rigged. "
            "Jones said that 40 percent of ballots were counted twice. "
            "The vote was postponed, according to a senior official.")
    doc = _doc(text, "en", {"Maria Jones": "Maria Jones", "Jones": "Maria Jones"})
    first = _quote(doc, "election was not rigged", QuoteKind.REPORTED)
    assert (first.speaker_resolved, first.verb) == ("Maria Jones", "According to")
    second = _quote(doc, "40 percent", QuoteKind.REPORTED)
    assert second.speaker_resolved == "Maria Jones"
    third = _quote(doc, "The vote was postponed", QuoteKind.REPORTED)
    assert third.speaker == "a senior official" and third.speaker_resolved is None


def test_fragment_takes_the_sentence_speaker() -> None:
    text = "Stoltenberg ha detto che non c’erano “dubbi” sul sostegno."
    doc = _doc(text, "it", {"Stoltenberg": "Jens Stoltenberg"})
    quote = _quote(doc, "dubbi")
    assert quote.fragment and quote.speaker_resolved == "Jens Stoltenberg"


def test_anonymous_source_is_not_resolved() -> None:
    text = ("Jens Stoltenberg ha parlato a lungo. "
            "Le esercitazioni inizieranno presto, secondo un funzionario giapponese.")
    doc = _doc(text, "it", STOLTENBERG)
    quote = _quote(doc, "Le esercitazioni", QuoteKind.REPORTED)
    assert quote.speaker == "un funzionario giapponese" and quote.speaker_resolved is None


def test_japanese_quote_then_to_verb() -> None:
    text = "岸田文雄首相は記者会見で「協力を強化する」と述べた。岸田氏は「必要だ」と強調した。"
    doc = _doc(text, "ja", {"岸田文雄": "岸田文雄", "岸田": "岸田文雄"})
    first = _quote(doc, "協力を強化する")
    assert first.speaker_resolved == "岸田文雄" and first.verb == "と述べた"
    assert _quote(doc, "必要だ").speaker_resolved == "岸田文雄"


def test_japanese_cue_after_source() -> None:
    text = "防衛省によると、演習は来月始まる。"
    doc = _doc(text, "ja", {})
    quote = _quote(doc, "演習は来月始まる", QuoteKind.REPORTED)
    assert quote.speaker == "防衛省" and quote.verb == "によると"


def test_generic_fallback_finds_quotes_without_rules() -> None:
    text = "Ministern sa: ”Vi är redo.” Sedan gick hon till »mötet«."
    doc = Document("t", text)
    doc.sentences = split_sentences(text, GENERIC)
    quotes = find_quotes(doc, GENERIC, find_quoted_spans(text, GENERIC))
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("Vi är redo.", QuoteKind.DIRECT, None), ("mötet", QuoteKind.DIRECT, None)]


@pytest.mark.parametrize("text", ["", "«", "»»»", "“" * 50, "a" * 10000 + "«b»"])
def test_never_raises(text: str) -> None:
    doc = _doc(text, "it", {})
    for quote in doc.quotes:
        assert text[quote.start:quote.end] == quote.text
