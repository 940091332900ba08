"""The lower-cased text and its set of words, computed once per text for the stages that scan
for lexicon terms (speech verbs, reporting cues, claim evidence)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["lowered_words"]

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def lowered_words(text: str) -> tuple[str, frozenset[str]]:
    """``text`` in lower case, of the same length (offsets stay valid), and its words."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer (İ)
        lowered = "".join(ch.lower()[0] for ch in text)
    return lowered, frozenset(_WORD.findall(lowered))
