"""Sentence segmentation with character offsets into the original text.

Paragraphs (blank lines) and headline-like lines are hard boundaries. Inside a paragraph a
sentence ends at terminal punctuation, optionally followed by closing quotes or brackets, when
the next sentence visibly starts (an upper-case letter, a digit, an opening quote or bracket) —
unless the word before the dot is a known abbreviation or an initial, or the punctuation sits
inside a quotation that closes later in the same paragraph. Languages written without spaces
(Japanese, Chinese) end sentences at 。！？ whatever follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from faro.model import Sentence
from faro.text.quotemarks import QuotedSpan, find_quoted_spans
from faro.text.rules import LanguageRules

__all__ = ["split_sentences"]

#: A line without terminal punctuation and at most this long, followed by a line break, is a
#: headline, a dateline or a list item: a sentence of its own. (Tuned on examples/.)
HEADLINE_MAX_CHARS = 160

_CLOSERS = "\"'”’»«›‹」』）)]】"
# What follows a closing quote when the sentence goes on (Japanese と, って, 、).
_QUOTE_PARTICLES = frozenset("とっ、，")
_LINE_ENDERS = ".!?…。！？\"”»」』)"
_OPENERS = "\"'“‘«»‹›„「『（([【¿¡"


@cache
def _boundary_pattern(rules: LanguageRules) -> re.Pattern[str]:
    enders = re.escape(rules.sentence_enders)
    closers = re.escape(_CLOSERS)
    if rules.uses_spaces:
        openers = re.escape(_OPENERS)
        # punctuation, closing marks (optionally spaced, as in ". »"), space, visible start
        return re.compile(
            rf"[{enders}]+(?:[ \u00a0\u202f]?[{closers}])*(?=\s+[{openers}\-–—•]*[\w])"
        )
    return re.compile(rf"[{enders}]+[{closers}]*")


def _abbreviation_before(text: str, dot: int, rules: LanguageRules) -> bool:
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word:
        # "am 3. Oktober", "3. maja": a day number with an ordinal dot
        digits = dot
        while digits > 0 and text[digits - 1].isdigit():
            digits -= 1
        return rules.ordinal_dot and 0 < dot - digits <= 2
    if len(word) == 1:  # an initial or a spaced abbreviation: "J. Smith", "z. B."
        return True
    return word.lower() in rules.abbreviations or ("." in word and len(word) <= 6)


def _next_starts_lower(text: str, end: int) -> bool:
    i = end
    n = len(text)
    while i < n and (text[i].isspace() or text[i] in _OPENERS):
        i += 1
    return i < n and text[i].islower()


def _inside_quote(text: str, spans: Sequence[QuotedSpan], starts: list[int], pos: int,
                  enders: str) -> bool:
    """Whether ``pos`` is inside a quotation, before its last words ("fini." in
    "« C'est fini. »" ends the quote, not a sentence inside it)."""
    i = bisect_right(starts, pos) - 1
    while i >= 0:
        span = spans[i]
        if span.start <= pos < span.end and text[pos:span.end].strip(enders + " \u00a0\u202f"):
            return True
        if span.close < pos - 1500:
            return False
        i -= 1
    return False


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs and headline lines: ranges of ``text`` no sentence crosses.

    A line break ends a block after a blank line, after a line that ends a sentence, and after
    a short line without final punctuation when the next line starts with a capital (a headline
    or list item); hard-wrapped lines of running text are joined.
    """
    blocks: list[tuple[int, int]] = []
    start = 0
    lines = [m for m in re.finditer(r"[^\n]*\n?", text) if m.group()]
    for index, line in enumerate(lines):
        content = line.group().rstrip()
        if not content.strip():
            if start < line.start():
                blocks.append((start, line.start()))
            start = line.end()
            continue
        if not line.group().endswith("\n"):
            break
        following = lines[index + 1].group().lstrip() if index + 1 < len(lines) else ""
        ends_sentence = content[-1] in _LINE_ENDERS
        headline = (
            len(content.strip()) <= HEADLINE_MAX_CHARS
            and content[-1] not in ",;:-"
            and (not following or not following[0].islower())
        )
        if ends_sentence or headline:
            blocks.append((start, line.start() + len(content)))
            start = line.end()
    if start < len(text):
        blocks.append((start, len(text)))
    return blocks


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Sentence(start, end, text[start:end])


def split_sentences(
    text: str, rules: LanguageRules, quotes: Sequence[QuotedSpan] | None = None
) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each."""
    if quotes is None:
        quotes = find_quoted_spans(text, rules)
    quote_starts = [q.start for q in quotes]
    pattern = _boundary_pattern(rules)
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for match in pattern.finditer(text, block_start, block_end):
            cut = match.end()
            if rules.uses_spaces:
                if _abbreviation_before(text, match.start(), rules):
                    continue
                if _next_starts_lower(text, cut):
                    continue
            if _inside_quote(text, quotes, quote_starts, match.start(), rules.sentence_enders):
                continue
            if not rules.uses_spaces and match.group()[-1] in _CLOSERS and text[
                cut:cut + 1
            ] in _QUOTE_PARTICLES:  # 「…判断だ。」と述べた: the sentence goes on after the quote
                continue
            sentence = _trimmed(text, start, cut)
            if sentence:
                sentences.append(sentence)
            start = cut
        sentence = _trimmed(text, start, block_end)
        if sentence:
            sentences.append(sentence)
    return sentences
