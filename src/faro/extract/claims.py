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
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from faro.model import Claim, Document, QuantityKind
from faro.text.rules import LanguageRules
from faro.text.words import lowered_words

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


def _per_sentence(positions: Iterable[int], starts: Sequence[int], ends: Sequence[int]
                  ) -> list[int]:
    """How many of ``positions`` fall in each sentence."""
    counts = [0] * len(starts)
    for position in positions:
        i = bisect_right(starts, position) - 1
        if i >= 0 and position < ends[i]:
            counts[i] += 1
    return counts


def score_sentences(doc: Document, rules: LanguageRules) -> list[Claim]:
    """One :class:`Claim` per sentence of ``doc``, in text order, with the features that fired.

    Needs the sentences, entities, numbers, dates and quotes of ``doc``.
    """
    starts = [s.start for s in doc.sentences]
    ends = [s.end for s in doc.sentences]
    spaced = rules.uses_spaces
    lowered, words = lowered_words(doc.text)
    strong = (QuantityKind.PERCENT, QuantityKind.MONEY)
    counts = {
        "number": _per_sentence((q.start for q in doc.numbers), starts, ends),
        "percent_or_money": _per_sentence(
            (q.start for q in doc.numbers if q.kind in strong), starts, ends),
        "date": _per_sentence((d.start for d in doc.dates), starts, ends),
        "entity": _per_sentence((e.start for e in doc.entities), starts, ends),
        "attribution": _per_sentence((q.start for q in doc.quotes), starts, ends),
    }
    for name, lexicon in (("comparative", rules.comparatives), ("claim_verb", rules.claim_verbs),
                          ("hedge", rules.hedges), ("first_person", rules.first_person)):
        counts[name] = _per_sentence(_positions(lowered, words, lexicon, spaced), starts, ends)
    claims: list[Claim] = []
    for index, sentence in enumerate(doc.sentences):
        text = sentence.text
        n_words = len(text.split()) if spaced else len(text) // 2
        evidence = {name: found[index] > 0 for name, found in counts.items()}
        evidence["entities_2plus"] = counts["entity"][index] >= 2
        evidence["question"] = text.rstrip("»”\"」』) ").endswith(("?", "？", "؟"))
        evidence["short"] = n_words < _SHORT_WORDS
        fired = {name: WEIGHTS[name] for name, hit in evidence.items() if hit}
        logit = WEIGHTS["bias"] + sum(fired.values())
        score = 1.0 / (1.0 + math.exp(-logit))
        claims.append(Claim(index, sentence.start, sentence.end, text, round(score, 4), fired,
                            SCORER_NAME))
    return claims
