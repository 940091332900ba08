"""A provisional, rule-based check-worthiness score for every sentence.

A logistic function of evidence that fact-checkers look for: numbers and quantities, dates,
named entities, comparisons and records, factual verbs, attributions — minus opinion, hedging,
first-person talk and questions. Every feature that fires is returned with its contribution so
the analyst sees why a sentence ranks where it does. This scorer is deliberately simple and
language-light; the trained multilingual model replaces it (``scorer`` names which produced a
score).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence

from faro.model import Claim, Document, QuantityKind
from faro.text.rules import LanguageRules

__all__ = ["SCORER_NAME", "WEIGHTS", "score_sentences"]

SCORER_NAME = "rules-v1"

#: Hand-set weights (log-odds). Set by reading the CLEF 2019 debate training sentences, not fitted:
#: a sentence with a number and an entity and a factual verb scores ≈ 0.8, an opinion ≈ 0.2.
WEIGHTS: dict[str, float] = {
    "bias": -1.6,
    "number": 0.9,
    "percent_or_money": 0.6,
    "date": 0.4,
    "entity": 0.45,
    "entities_2plus": 0.35,
    "comparative": 0.5,
    "claim_verb": 0.35,
    "attribution": 0.3,
    "hedge": -0.8,
    "first_person": -0.5,
    "question": -1.2,
    "short": -1.0,
}
_SHORT_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def _positions(lowered: str, words: frozenset[str], lexicon: frozenset[str], spaced: bool
               ) -> list[int]:
    """Where the lexicon's terms occur in ``lowered`` (whole words where words are spaced)."""
    if spaced:
        terms: set[str] = set(words & lexicon) | {t for t in lexicon if " " in t and t in lowered}
    else:
        terms = {t for t in lexicon if t in lowered}
    positions = []
    for term in terms:
        at = lowered.find(term)
        while at >= 0:
            end = at + len(term)
            if not spaced or ((at == 0 or not lowered[at - 1].isalnum())
                              and (end == len(lowered) or not lowered[end].isalnum())):
                positions.append(at)
            at = lowered.find(term, end)
    positions.sort()
    return positions


def _count_in(starts: Sequence[int], start: int, end: int) -> int:
    return bisect_left(starts, end) - bisect_left(starts, start)


def score_sentences(doc: Document, rules: LanguageRules) -> list[Claim]:
    """One :class:`Claim` per sentence of ``doc``, in text order, with the features that fired.

    Needs the sentences, entities, numbers, dates and quotes of ``doc``.
    """
    number_starts = [q.start for q in doc.numbers]
    strong_starts = [q.start for q in doc.numbers
                     if q.kind in (QuantityKind.PERCENT, QuantityKind.MONEY)]
    date_starts = [d.start for d in doc.dates]
    entity_starts = [e.start for e in doc.entities]
    quote_starts = sorted(q.start for q in doc.quotes)
    spaced = rules.uses_spaces
    lowered = doc.text.lower()
    if len(lowered) != len(doc.text):  # a rare letter whose lower case is longer (İ)
        lowered = "".join(ch.lower()[0] for ch in doc.text)
    words = frozenset(_WORD.findall(lowered)) if spaced else frozenset()
    lexicons = {name: _positions(lowered, words, lexicon, spaced) for name, lexicon in (
        ("comparative", rules.comparatives), ("claim_verb", rules.claim_verbs),
        ("hedge", rules.hedges), ("first_person", rules.first_person))}
    claims: list[Claim] = []
    for index, sentence in enumerate(doc.sentences):
        text = sentence.text
        n_words = len(text.split()) if spaced else len(text) // 2
        span = (sentence.start, sentence.end)
        entities = _count_in(entity_starts, *span)
        evidence = {
            "number": _count_in(number_starts, *span) > 0,
            "percent_or_money": _count_in(strong_starts, *span) > 0,
            "date": _count_in(date_starts, *span) > 0,
            "entity": entities > 0,
            "entities_2plus": entities >= 2,
            "comparative": _count_in(lexicons["comparative"], *span) > 0,
            "claim_verb": _count_in(lexicons["claim_verb"], *span) > 0,
            "attribution": _count_in(quote_starts, *span) > 0,
            "hedge": _count_in(lexicons["hedge"], *span) > 0,
            "first_person": _count_in(lexicons["first_person"], *span) > 0,
            "question": text.rstrip("»”\"」』) ").endswith(("?", "？", "؟")),
            "short": n_words < _SHORT_WORDS,
        }
        fired = {name: WEIGHTS[name] for name, hit in evidence.items() if hit}
        logit = WEIGHTS["bias"] + sum(fired.values())
        score = 1.0 / (1.0 + math.exp(-logit))
        claims.append(Claim(index, sentence.start, sentence.end, text, round(score, 4), fired,
                            SCORER_NAME))
    return claims
