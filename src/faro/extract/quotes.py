"""Quotes and who said them: direct quotes in quotation marks and reported speech.

Per sentence, speech verbs and reporting cues outside quotation marks are attached to the quote
they govern:

1. a verb right after a quote ("“…”, ha affermato X", "”, Smith said", "」と述べた");
2. a verb before the quote, ending in a colon or adjacent to it ("X ha detto: «…»"); for short
   fragments any earlier verb of the sentence ("X said there was “no doubt”");
3. an earlier quote of the same sentence that already has a speaker;
4. a person named just before the quote with no verb between ("la frase usata da Kishida
   secondo cui «…»");
5. any other attributed verb of the sentence.

The speaker of a verb is the person named next to it (before, or after it in inverted order),
a description ("il capo della NATO", "a Japanese official"), a pronoun, or nobody (a null
subject, common in Italian, Spanish, Japanese). Pronouns, null subjects and definite role
descriptions resolve to the *topic* — the last named speaker — and names resolve to the fullest
name the text gave earlier (:attr:`faro.model.Entity.canonical`). Indefinite descriptions are
anonymous sources and stay unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from faro.model import Document, Entity, EntityType, Quote, QuoteKind, Sentence
from faro.text.quotemarks import QuotedSpan
from faro.text.rules import LanguageRules

__all__ = ["find_quotes"]

#: Quotes of at most this many words that do not end a sentence are fragments: a few words
#: quoted inside the author's sentence (tuned on the Italian acceptance article: "dubbi",
#: "grande sfida", "un significativo sostegno militare" are fragments, the 11-word Kishida
#: phrase is not).
FRAGMENT_MAX_WORDS = 6
#: How many words may separate a verb from the quote it introduces, or a name from the verb.
ADJACENT_WORDS = 3
#: How far (in words) a description or a name may run after an inverted verb.
NP_MAX_WORDS = 10

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s")


@dataclass(frozen=True, slots=True)
class _Attribution:
    verb_start: int
    verb_end: int
    verb: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    person: Entity | None
    anonymous: bool
    introduces: bool
    """The verb ends with a colon: it introduces what follows, not what precedes."""


@cache
def _verb_pattern(rules: LanguageRules) -> re.Pattern[str] | None:
    if not rules.speech_verbs:
        return None
    verbs = sorted(set(rules.speech_verbs), key=len, reverse=True)
    if rules.uses_spaces:
        # "ha poi annunciato", "has also said", "a également déclaré": one adverb may sit
        # between the auxiliary and the participle
        alternatives = "|".join(re.escape(v).replace(r"\ ", r"\s+(?:\w+\s+)?") for v in verbs)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    alternatives = "|".join(re.escape(v) for v in verbs)
    return re.compile(rf"(?:{alternatives})")


@cache
def _cue_pattern(rules: LanguageRules) -> re.Pattern[str] | None:
    cues = rules.reporting_cues + rules.reporting_cues_after
    if not cues:
        return None
    alternatives = "|".join(re.escape(c) for c in sorted(set(cues), key=len, reverse=True))
    if rules.uses_spaces:
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return re.compile(rf"(?:{alternatives})")


class _Context:
    """What one document offers the attribution rules: persons, dates, rules, topic."""

    def __init__(self, doc: Document, rules: LanguageRules) -> None:
        self.text = doc.text
        self.rules = rules
        self.persons = [e for e in doc.entities if e.type is EntityType.PERSON]
        self.person_starts = [e.start for e in self.persons]
        self.skippable = [(d.start, d.end) for d in doc.dates]
        self.topic: str | None = None

    def persons_in(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.person_starts, start)
        out = []
        while i < len(self.persons) and self.persons[i].start < end:
            if self.persons[i].end <= end:
                out.append(self.persons[i])
            i += 1
        return out

    def words(self, start: int, end: int) -> list[re.Match[str]]:
        return list(_WORD.finditer(self.text, start, end))

    def gap_words(self, start: int, end: int) -> int:
        if not self.rules.uses_spaces:
            return (end - start + 1) // 2
        return len(self.words(start, end))

    def is_skippable(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.skippable)


def _outermost(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    out: list[QuotedSpan] = []
    for span in spans:
        if out and span.open < out[-1].close:
            continue
        out.append(span)
    return out


def _is_fragment(text: str, span: QuotedSpan, rules: LanguageRules) -> bool:
    inner = text[span.start:span.end].rstrip()
    if not inner:
        return True
    if not rules.uses_spaces:
        return len(inner) <= 2 * FRAGMENT_MAX_WORDS and inner[-1] not in "。！？"
    words = len(_WORD.findall(inner))
    return words <= FRAGMENT_MAX_WORDS and inner[-1] not in ".!?…"


def _description(ctx: _Context, start: int, end: int) -> tuple[str, tuple[int, int], bool] | None:
    """A description or pronoun in ``text[start:end]``: (text, span, anonymous) or None."""
    words = ctx.words(start, end)
    if not words or len(words) > NP_MAX_WORDS:
        return None
    first = words[0].group().lower()
    lowered = {w.group().lower() for w in words}
    rules = ctx.rules
    span = (words[0].start(), words[-1].end())
    phrase = ctx.text[span[0]:span[1]]
    if len(words) == 1 and first in rules.speaker_pronouns:
        return phrase, span, False
    if lowered & rules.role_nouns:
        anonymous = first in rules.anonymous_determiners
        return phrase, span, anonymous
    return None


def _subject_before(ctx: _Context, start: int, verb_start: int, sentence: Sentence
                    ) -> tuple[str, tuple[int, int], Entity | None, bool] | None:
    """The subject of a verb, looked for in ``text[start:verb_start]``."""
    text = ctx.text
    for person in reversed(ctx.persons_in(start, verb_start)):
        gap = text[person.end:verb_start]
        if ctx.gap_words(person.end, verb_start) <= ADJACENT_WORDS and not _CLAUSE_BREAK.search(
            gap
        ):
            return person.text, (person.start, person.end), person, False
        stripped = gap.strip()
        if stripped.startswith(",") and stripped.endswith(",") and len(gap) < 160:  # noqa: PLR2004
            return person.text, (person.start, person.end), person, False
        break
    left = text[start:verb_start].rstrip()
    if left.endswith(","):  # "X, che è stato …, ha affermato": drop the parenthetical
        inner = left[:-1].rfind(",")
        left = left[:inner] if inner >= 0 else ""
    breaks = list(_CLAUSE_BREAK.finditer(left))
    clause_start = start + (breaks[-1].end() if breaks else 0)
    found = _description(ctx, clause_start, start + len(left))
    if found:
        return found[0], found[1], None, found[2]
    # an SVO sentence that opens with a person: "Stoltenberg ha accolto …, affermando che"
    opening = ctx.persons_in(sentence.start, verb_start)
    if opening and ctx.gap_words(sentence.start, opening[0].start) <= 1:
        person = opening[0]
        return person.text, (person.start, person.end), person, False
    return None


def _subject_after(ctx: _Context, verb_end: int, end: int
                   ) -> tuple[str, tuple[int, int], Entity | None, bool] | None:
    """The subject of an inverted verb ("ha affermato il ministro X", "said Smith")."""
    text = ctx.text
    words = ctx.words(verb_end, end)
    while words and ctx.is_skippable(words[0].start(), words[0].end()):
        words.pop(0)
    if not words:
        return None
    start = words[0].start()
    stop = _CLAUSE_BREAK.search(text, start, end)
    limit = stop.start() if stop else end
    if words[0].group().lower() in ctx.rules.complementizers:
        return None
    persons = ctx.persons_in(start, limit)
    if persons and ctx.gap_words(start, persons[0].start) <= NP_MAX_WORDS:
        person = persons[0]
        return person.text, (person.start, person.end), person, False
    np_words = [w for w in words if w.end() <= limit][:NP_MAX_WORDS]
    if np_words:
        found = _description(ctx, np_words[0].start(), np_words[-1].end())
        if found:
            return found[0], found[1], None, found[2]
    return None


def _attribute(ctx: _Context, sentence: Sentence, match: re.Match[str], seg_start: int,
               seg_end: int, after_quote: bool) -> _Attribution:
    text = ctx.text
    rest = text[match.end():seg_end].lstrip()
    introduces = rest.startswith(":")
    order = (
        ("after", "before") if after_quote or not text[seg_start:match.start()].strip(" ,")
        else ("before", "after")
    )
    found = None
    for side in order:
        if side == "before":
            found = _subject_before(ctx, seg_start, match.start(), sentence)
        else:
            found = _subject_after(ctx, match.end(), seg_end)
        if found:
            break
    speaker, span, person, anonymous = found if found else (None, None, None, False)
    return _Attribution(match.start(), match.end(), match.group(), speaker, span, person,
                        anonymous, introduces)


def _resolve(ctx: _Context, att: _Attribution) -> str | None:
    if att.person is not None:
        ctx.topic = att.person.canonical
        return att.person.canonical
    if att.anonymous:
        return None
    return ctx.topic


def _make_quote(ctx: _Context, start: int, end: int, kind: QuoteKind, att: _Attribution | None,
                fragment: bool = False, person: Entity | None = None) -> Quote:
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (kind is QuoteKind.REPORTED
                                                         and text[end - 1] in ".,;:。、")):
        end -= 1
    if person is not None:
        ctx.topic = person.canonical
        return Quote(start, end, text[start:end], kind, person.text, person.canonical, None,
                     (person.start, person.end), fragment)
    if att is None:
        return Quote(start, end, text[start:end], kind, fragment=fragment)
    return Quote(start, end, text[start:end], kind, att.speaker, _resolve(ctx, att), att.verb,
                 att.speaker_span, fragment)


def _sentence_quotes(ctx: _Context, sentence: Sentence, spans: list[QuotedSpan]) -> list[Quote]:
    text = ctx.text
    rules = ctx.rules
    verbs = _verb_pattern(rules)
    cues = _cue_pattern(rules)
    inside = [(s.open, s.close) for s in spans]

    def outside(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b for a, b in inside)

    verb_matches = [m for m in verbs.finditer(text, sentence.start, sentence.end)
                    if outside(m)] if verbs else []
    cue_matches = [m for m in cues.finditer(text, sentence.start, sentence.end)
                   if outside(m)] if cues else []
    bounds = [sentence.start, *[x for s in spans for x in (s.open, s.close)], sentence.end]

    def segment(pos: int) -> tuple[int, int]:
        i = bisect_left(bounds, pos + 1) - 1
        return bounds[i], bounds[min(i + 1, len(bounds) - 1)]

    attributions: dict[int, _Attribution] = {}
    for m in verb_matches:
        seg_start, seg_end = segment(m.start())
        after_quote = seg_start != sentence.start and not text[seg_start:m.start()].strip(" ,")
        attributions[m.start()] = _attribute(ctx, sentence, m, seg_start, seg_end, after_quote)

    quotes: list[Quote] = []
    claimed: set[int] = set()
    previous: _Attribution | None = None
    for span in spans:
        fragment = _is_fragment(text, span, rules)
        chosen: _Attribution | None = None
        # 1. a verb right after the quote
        for m in verb_matches:
            if m.start() >= span.close and ctx.gap_words(span.close, m.start()) <= ADJACENT_WORDS:
                gap = text[span.close:m.start()]
                att = attributions[m.start()]
                if not att.introduces and not any(ch in gap for ch in ".!?。"):
                    chosen = att
                break
        # 2. a verb before the quote: introducing it, adjacent, or any for a fragment
        if chosen is None:
            before = [m for m in verb_matches if m.end() <= span.open
                      and segment(m.start())[1] == span.open]
            if before:
                m = before[-1]
                att = attributions[m.start()]
                if fragment or att.introduces or ctx.gap_words(m.end(), span.open) <= 1:
                    chosen = att
        # 3. an earlier quote of the sentence
        if chosen is None and previous is not None:
            chosen = previous
        person = None
        if chosen is None:
            # 4. a person named just before the quote, no verb between
            seg_start = segment(span.open - 1)[0] if span.open > sentence.start else span.open
            near = ctx.persons_in(seg_start, span.open)
            if near and ctx.gap_words(near[-1].end, span.open) <= NP_MAX_WORDS // 2:
                person = near[-1]
        if chosen is None and person is None:
            # 5. any attributed verb of the sentence
            named = [a for a in attributions.values() if a.speaker is not None]
            if named:
                chosen = named[0]
            elif fragment and attributions:
                chosen = next(iter(attributions.values()))
        if chosen is not None:
            claimed.add(chosen.verb_start)
            previous = chosen
        quotes.append(_make_quote(ctx, span.start, span.end, QuoteKind.DIRECT, chosen, fragment,
                                  person))
    quotes.extend(_reported(ctx, sentence, verb_matches, cue_matches, attributions, claimed,
                            spans))
    return quotes


def _reported(ctx: _Context, sentence: Sentence, verb_matches: list[re.Match[str]],
              cue_matches: list[re.Match[str]], attributions: dict[int, _Attribution],
              claimed: set[int], spans: list[QuotedSpan]) -> list[Quote]:
    """Reported speech: "X said that …", "…, said X.", "according to X, …"."""
    text = ctx.text
    rules = ctx.rules
    out: list[Quote] = []
    full_quotes = [s for s in spans if not _is_fragment(text, s, rules)]
    for m in verb_matches:
        att = attributions[m.start()]
        if m.start() in claimed and full_quotes:
            continue
        after = ctx.words(m.end(), sentence.end)
        if after and after[0].group().lower() in rules.complementizers:
            content_start = after[0].end()
            if att.speaker_span and att.speaker_span[0] >= m.end():
                continue
            out.append(_make_quote(ctx, content_start, sentence.end, QuoteKind.REPORTED, att))
        elif not full_quotes and att.speaker is not None and att.speaker_span:
            if att.speaker_span[0] >= m.end():  # inverted: "…, ha detto X."
                end = text.rfind(",", sentence.start, m.start())
                if end > sentence.start:
                    out.append(_make_quote(ctx, sentence.start, end, QuoteKind.REPORTED, att))
    after_cues = {c.lower() for c in rules.reporting_cues_after}
    for m in cue_matches:
        if m.group().lower() in after_cues:
            out.extend(_reported_after_cue(ctx, sentence, m))
            continue
        following = ctx.words(m.end(), sentence.end)
        if following and following[0].group().lower() in {"cui", "which", "quale", "qui"}:
            continue
        speaker_end = _CLAUSE_BREAK.search(text, m.end(), sentence.end)
        np_end = speaker_end.start() if speaker_end else sentence.end
        np_words = ctx.words(m.end(), np_end)[:NP_MAX_WORDS]
        if not np_words:
            continue
        span = (np_words[0].start(), np_words[-1].end())
        persons = ctx.persons_in(*span)
        person = persons[0] if persons else None
        first = np_words[0].group().lower()
        att = _Attribution(m.start(), m.end(), m.group(), text[span[0]:span[1]], span, person,
                           first in rules.anonymous_determiners, False)
        if m.start() - sentence.start > (sentence.end - m.end()):
            cut = text.rfind(",", sentence.start, m.start())
            content = (sentence.start, cut if cut > sentence.start else m.start())
        else:
            content = (np_end + 1, sentence.end)
        if content[1] - content[0] > 3:  # noqa: PLR2004
            out.append(_make_quote(ctx, content[0], content[1], QuoteKind.REPORTED, att))
    return out


def _reported_after_cue(ctx: _Context, sentence: Sentence, m: re.Match[str]) -> list[Quote]:
    """A cue that follows its source: "防衛省によると、…", "dem Minister zufolge …"."""
    text = ctx.text
    rules = ctx.rules
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence.start, m.start()))
    clause_start = breaks[-1].end() if breaks else sentence.start
    source = text[clause_start:m.start()].strip()
    if not source:
        return []
    span_start = text.index(source, clause_start)
    span = (span_start, span_start + len(source))
    persons = ctx.persons_in(*span)
    person = persons[-1] if persons else None
    first = ctx.words(*span)
    anonymous = bool(first) and first[0].group().lower() in rules.anonymous_determiners
    att = _Attribution(m.start(), m.end(), m.group(), source, span, person, anonymous, False)
    start = m.end()
    while start < sentence.end and (text[start].isspace() or text[start] in ",、，:"):
        start += 1
    if sentence.end - start <= 3:  # noqa: PLR2004
        return []
    return [_make_quote(ctx, start, sentence.end, QuoteKind.REPORTED, att)]


def find_quotes(doc: Document, rules: LanguageRules, spans: list[QuotedSpan]) -> list[Quote]:
    """Direct and reported quotes of ``doc``, in text order.

    Needs ``doc.sentences`` and ``doc.entities`` (persons) and ``doc.dates`` (skipped between a
    verb and its subject); ``spans`` are the paired quotation marks of the text.
    """
    ctx = _Context(doc, rules)
    outer = _outermost(spans)
    starts = [s.open for s in outer]
    quotes: list[Quote] = []
    for sentence in doc.sentences:
        i = bisect_left(starts, sentence.start)
        inside: list[QuotedSpan] = []
        while i < len(outer) and outer[i].open < sentence.end:
            inside.append(outer[i])
            i += 1
        quotes.extend(_sentence_quotes(ctx, sentence, inside))
    quotes.sort(key=lambda q: q.start)
    return quotes
