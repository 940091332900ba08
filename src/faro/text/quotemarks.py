"""Pairing quotation marks into quoted spans, tolerant of the mismatches real text has.

News copy — machine-translated copy above all — opens with one style and closes with another
(``"… »``, ``“… »``), nests one style in another, and uses ``’`` as an apostrophe. The pairing is
a single left-to-right scan per paragraph with a small stack:

* a mark that closes an opener on the stack closes it (inner unclosed openers are dropped);
* a mark that can open is pushed;
* a mark that can only close, met with a different opener on top, closes that opener anyway;
* a mark that can both open and close (``"``, Swedish ``”``, ``“`` which opens in English and
  closes in German) opens or closes by what surrounds it; ``'``/``’`` between letters is an
  apostrophe.

Quotes never cross a blank line and are at most :data:`MAX_QUOTE_CHARS` long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from faro.text.rules import LanguageRules

__all__ = ["MAX_QUOTE_CHARS", "QuotedSpan", "find_quoted_spans"]

#: A longer "quote" is almost always an unbalanced mark; 1,500 characters holds the longest
#: direct quotes in the examples and the CLEF debate transcripts several times over.
MAX_QUOTE_CHARS = 1500

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_APOSTROPHES = {"'", "’", "‘"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    open: int
    """Offset of the opening mark."""
    start: int
    """Offset of the first character inside the marks."""
    end: int
    """Offset just past the last character inside the marks."""
    close: int
    """Offset just past the closing mark."""


@cache
def _marks(rules: LanguageRules) -> tuple[dict[str, set[str]], set[str], re.Pattern[str]]:
    closers_for: dict[str, set[str]] = {}
    closers: set[str] = set()
    for opener, closer in rules.quote_pairs:
        closers_for.setdefault(opener, set()).add(closer)
        closers.add(closer)
    chars = set(closers_for) | closers
    pattern = re.compile("[" + re.escape("".join(sorted(chars))) + "]")
    return closers_for, closers, pattern


def _straight_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return "apostrophe"
    if text[i] in _APOSTROPHES and before.isspace() and after.isdigit():
        return "apostrophe"  # elision: the '90s
    if before.isspace() or before in "([{-–—:;,/«“„‘'’\"‹»" or i == 0:
        return "open"
    return "close"


@lru_cache(maxsize=8)
def find_quoted_spans(text: str, rules: LanguageRules) -> tuple[QuotedSpan, ...]:
    """All paired quotations in ``text``, outermost and inner ones, sorted by opening offset.

    Cached for the last few texts: sentence splitting and quote extraction both need them.
    """
    closers_for, closers, pattern = _marks(rules)
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []
    paragraph_ends = [m.start() for m in _PARAGRAPH.finditer(text)]
    next_break = 0
    for match in pattern.finditer(text):
        i = match.start()
        mark = text[i]
        while next_break < len(paragraph_ends) and paragraph_ends[next_break] < i:
            stack.clear()
            next_break += 1
        if stack and i - stack[0][1] > MAX_QUOTE_CHARS:
            stack.clear()
        role = "any"
        if mark in _APOSTROPHES or (mark in closers_for and mark in closers):
            # a mark that both opens and closes ("…", ”…” in Swedish, “ in „…“ vs “…”)
            # takes its role from what surrounds it
            role = _straight_role(text, i)
            if role == "apostrophe":
                continue
            after = text[i + 1] if i + 1 < len(text) else " "
            if role == "open" and not after.isalnum() and any(
                mark in closers_for[opener] for opener, _ in stack
            ):  # "« Bonjour »": a spaced mark that can close what is open closes it
                role = "close"
        closing = None
        if role != "open" and mark in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if mark in closers_for[stack[depth][0]]:
                    closing = depth
                    break
        if closing is None and mark in closers_for and role != "close":
            stack.append((mark, i))
            continue
        if closing is None and stack and mark in closers and mark not in closers_for:
            closing = len(stack) - 1  # a closer of another style: close what is open
        if closing is None:
            continue
        opener_at = stack[closing][1]
        del stack[closing:]
        if any(ch.isalnum() for ch in text[opener_at + 1:i]):  # not « » or "..."
            spans.append(QuotedSpan(opener_at, opener_at + 1, i, i + 1))
    spans.sort(key=lambda s: (s.open, -s.close))
    return tuple(spans)
