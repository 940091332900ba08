"""Quotes and who said them: direct quotes in quotation marks and reported speech.

Per sentence, speech verbs and reporting cues outside quotation marks are attached to the quote
they govern:

1. a verb right after a quote ("“…”, ha affermato X", "”, Smith said", "」と述べた"), or a verb
   set off by dashes inside it ("«Quien tenga dudas —añadió— puede…»");
2. a verb before the quote, ending in a colon or adjacent to it ("X ha detto: «…»"); for short
   fragments any earlier verb of the sentence ("X said there was “no doubt”"); a colon after a
   clause whose subject is a person ("X fue tajante: «…»");
3. an earlier quote of the same sentence that already has a speaker;
4. a person named just before the quote with no verb between ("la frase usata da Kishida
   secondo cui «…»");
5. any other attributed verb of the sentence;
6. the previous quote of the same paragraph (news style: a second quote follows the first
   without a new attribution).

The speaker of a verb is the person named next to it (before, or after it in inverted order),
a pronoun, a description ("il capo della NATO", "a Japanese official", "Fuentes del
Ministerio"), or nobody (a null subject, common in Italian, Spanish, Polish, Japanese).

Resolution follows a *topic*: the person the text is talking about. A named speaker becomes the
topic and resolves to the fullest name the text gave earlier (:attr:`Entity.canonical`); so does
a person who opens a sentence ("A investigadora Sofia Brandão … analisou"). Pronouns, null
subjects and definite role descriptions ("la ricercatrice", "il capo della NATO") resolve to the
topic. Indefinite descriptions and other sources ("un funzionario", "Fuentes del Ministerio")
stay unresolved, and the topic is then unknown until someone is named again.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from faro.model import Document, Entity, EntityType, Quote, QuoteKind, Sentence
from faro.text.quotemarks import QuotedSpan
from faro.text.rules import LanguageRules
from faro.text.words import lowered_words

__all__ = ["find_quotes"]

#: Quotes of at most this many words that do not end a sentence are fragments: a few words
#: quoted inside the author's sentence (tuned on the Italian acceptance article: "dubbi",
#: "grande sfida", "un significativo sostegno militare" are fragments, the 11-word Kishida
#: phrase is not).
FRAGMENT_MAX_WORDS = 6
#: How many words may separate a verb from the quote it follows or introduces, or a name from
#: its verb.
ADJACENT_WORDS = 3
#: Words (time, place) that may stand between a verb and the colon that introduces a quote.
INTRODUCER_WORDS = 8
#: How far (in words) a description or a name may run before or after its verb.
NP_MAX_WORDS = 10
#: A person named within this many words of a sentence's start opens it and becomes the topic
#: ("A investigadora Sofia Brandão, …, analisou"): 3 admits a determiner and a role noun.
OPENING_WORDS = 3
#: Words around a person's mention in which a role noun describes that person (for resolving
#: "the spokeswoman" in languages without articles).
ROLE_WINDOW_WORDS = 6

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s")
_DASHES = "—–"


class _Mode(enum.Enum):
    PERSON = "person"
    PRONOUN = "pronoun"
    ROLE = "role"
    """A definite description: resolves to the topic."""
    ANONYMOUS = "anonymous"
    OTHER = "other"
    """A source that is not a known person: an organisation, a group, an unknown description."""
    NULL = "null"


@dataclass(frozen=True, slots=True)
class _Speaker:
    text: str | None
    span: tuple[int, int] | None
    mode: _Mode
    person: Entity | None = None


_NOBODY = _Speaker(None, None, _Mode.NULL)


@dataclass(frozen=True, slots=True)
class _Attribution:
    verb_start: int
    verb_end: int
    verb: str
    speaker: _Speaker
    introduces: bool
    """The verb ends with a colon: it introduces what follows, not what precedes."""


class _Phrases:
    """Find any of many phrases (speech verbs, cues) as whole words, case-insensitively.

    One big alternation regex is slow in Python's engine (it tries every alternative at every
    position), so phrases are indexed by their first word: the text's words are scanned once
    and only the phrases that start with a word are tried there. Languages written without
    spaces index by first character instead.
    """

    def __init__(self, phrases: tuple[str, ...], spaced: bool, adverb_gap: bool) -> None:
        self.spaced = spaced
        groups: dict[str, list[str]] = {}
        for phrase in sorted(set(phrases), key=len, reverse=True):
            first = _WORD_CHARS.match(phrase.lower()) if spaced else None
            key = (first.group() if first else phrase.lower()) if spaced else phrase[0]
            groups.setdefault(key, []).append(phrase)
        # "ha poi annunciato", "has also said": one word may sit between the parts of a verb
        gap = r"\s+(?:\w+\s+)?" if adverb_gap else r"\s+"
        self.by_first: dict[str, re.Pattern[str]] = {}
        for key, group in groups.items():
            if spaced:
                body = _trie_pattern([p.lower().split() for p in group], gap)
                self.by_first[key] = re.compile(rf"{body}(?!\w)", re.IGNORECASE)
            else:
                self.by_first[key] = re.compile("|".join(re.escape(p) for p in group))
        # without spaces, phrases are found from their first character
        self.first_chars = None if spaced else re.compile(
            "[" + re.escape("".join(sorted(self.by_first))) + "]")

    def finditer(self, text: str, start: int = 0, end: int | None = None, *,
                 words: frozenset[str] | None = None, lowered: str | None = None
                 ) -> list[re.Match[str]]:
        """Non-overlapping matches in ``text[start:end]``, in order.

        ``words`` (the lower-cased words of the text) and ``lowered`` (``text.lower()``, when it
        has the same length) may be passed in when several phrase sets scan one text.
        """
        end = len(text) if end is None else end
        if self.first_chars is not None:
            return self._scan(text, self.first_chars.finditer(text, start, end), end)
        if words is None:
            words = frozenset(w.lower() for w in _WORD_CHARS.findall(text, start, end))
        keys = words & self.by_first.keys()
        if not keys:
            return []
        if lowered is None or len(lowered) != len(text):
            return self._scan(text, _first_word_scanner(frozenset(keys)).finditer(
                text, start, end), end)
        starts: list[tuple[int, str]] = []
        for key in keys:  # str.find is C-fast; check word boundaries by hand
            at = lowered.find(key, start, end)
            while at >= 0:
                after = at + len(key)
                if (at == 0 or (not lowered[at - 1].isalnum() and lowered[at - 1] != "_")) and (
                    after >= len(lowered) or not lowered[after].isalnum()
                ):
                    starts.append((at, key))
                at = lowered.find(key, after, end)
        starts.sort()
        out: list[re.Match[str]] = []
        position = start
        for at, key in starts:
            if at < position:
                continue
            found = self.by_first[key].match(text, at, end)
            if found:
                out.append(found)
                position = found.end()
        return out

    def _scan(self, text: str, candidates: Iterator[re.Match[str]], end: int
              ) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        position = 0
        for word in candidates:
            if word.start() < position:
                continue
            key = word.group().lower() if self.spaced else word.group()
            pattern = self.by_first.get(key)
            if pattern is None:
                continue
            found = pattern.match(text, word.start(), end)
            if found:
                out.append(found)
                position = found.end()
        return out


def _trie_pattern(phrases: list[list[str]], gap: str) -> str:
    """A regex for word sequences sharing prefixes, as a trie: ``ha(?:GAP(?:detto|affermato))``
    instead of ``ha GAP detto|ha GAP affermato`` (which re-reads the prefix per alternative).
    Longer continuations come first, so the longest phrase wins."""
    children: dict[str, list[list[str]]] = {}
    ends = False
    for words in phrases:
        if words:
            children.setdefault(words[0], []).append(words[1:])
        else:
            ends = True
    branches = []
    for word in sorted(children, key=len, reverse=True):
        rests = children[word]
        if any(rests):
            tail = _trie_pattern(rests, gap)
            optional = "?" if any(not r for r in rests) else ""
            branches.append(f"{re.escape(word)}(?:{gap}{tail}){optional}")
        else:
            branches.append(re.escape(word))
    body = "(?:" + "|".join(branches) + ")" if branches else ""
    return f"(?:{body})?" if ends and body else body


_WORD_CHARS = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _first_word_scanner(keys: frozenset[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def _phrases(phrases: tuple[str, ...], spaced: bool, adverb_gap: bool) -> _Phrases:
    return _Phrases(phrases, spaced, adverb_gap)


def _verb_pattern(rules: LanguageRules) -> _Phrases | None:
    if not rules.speech_verbs:
        return None
    return _phrases(rules.speech_verbs, rules.uses_spaces, True)


def _cue_pattern(rules: LanguageRules) -> _Phrases | None:
    cues = rules.reporting_cues + rules.reporting_cues_after
    return _phrases(cues, rules.uses_spaces, False) if cues else None


def _tag_pattern(rules: LanguageRules) -> _Phrases | None:
    tags = rules.after_quote_tags
    return _phrases(tags, rules.uses_spaces, False) if tags else None


class _Context:
    """What one document offers the attribution rules: persons, dates, rules, the topic."""

    def __init__(self, doc: Document, rules: LanguageRules) -> None:
        self.text = doc.text
        self.rules = rules
        self.persons = [e for e in doc.entities if e.type is EntityType.PERSON]
        self.person_starts = [e.start for e in self.persons]
        self.named = [e for e in doc.entities if e.type is not EntityType.PERSON]
        self.named_starts = [e.start for e in self.named]
        self.skippable = [(d.start, d.end) for d in doc.dates]
        self.topic: str | None = None
        self.inner: dict[int, list[QuotedSpan]] = {}
        # speech verbs, cues and after-quote tags, found in one scan of the whole text each
        self.phrase_matches: dict[str, list[re.Match[str]]] = {}
        lowered, words = lowered_words(self.text)
        for kind, phrases in (("verbs", _verb_pattern(rules)), ("cues", _cue_pattern(rules)),
                              ("tags", _tag_pattern(rules))):
            self.phrase_matches[kind] = phrases.finditer(
                self.text, words=words, lowered=lowered) if phrases else []
        self.phrase_starts = {k: [m.start() for m in v] for k, v in self.phrase_matches.items()}

    @cached_property
    def roles(self) -> dict[str, set[str]]:
        """Role nouns used near each person, by canonical name (computed on first need)."""
        roles: dict[str, set[str]] = {}
        if not self.rules.role_nouns:
            return roles
        window = ROLE_WINDOW_WORDS * 12  # characters, roughly that many words
        for person in self.persons:
            around = self.text[max(0, person.start - window):person.end + window].lower()
            found = {w for w in _WORD.findall(around) if w in self.rules.role_nouns}
            roles.setdefault(person.canonical, set()).update(found)
        return roles

    def has_phrases(self, sentence: Sentence) -> bool:
        """Whether a speech verb, cue or tag starts inside ``sentence``."""
        for starts in self.phrase_starts.values():
            i = bisect_left(starts, sentence.start)
            if i < len(starts) and starts[i] < sentence.end:
                return True
        return False

    def persons_in(self, start: int, end: int) -> list[Entity]:
        return self._within(self.persons, self.person_starts, start, end)

    def named_in(self, start: int, end: int) -> list[Entity]:
        return self._within(self.named, self.named_starts, start, end)

    @staticmethod
    def _within(items: list[Entity], starts: list[int], start: int, end: int) -> list[Entity]:
        i = bisect_left(starts, start)
        out = []
        while i < len(items) and items[i].start < end:
            if items[i].end <= end:
                out.append(items[i])
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

    def resolve(self, speaker: _Speaker) -> str | None:
        """The resolved name of a speaker, moving the topic as the text does."""
        mode = speaker.mode
        if mode is _Mode.PERSON and speaker.person is not None:
            self.topic = speaker.person.canonical
            return self.topic
        if mode in (_Mode.PRONOUN, _Mode.NULL):
            return self.topic
        if mode is _Mode.ROLE:
            if self.topic is not None and self._describes_topic(speaker):
                return self.topic
            self.topic = None  # somebody new, described but not named, holds the floor
            return None
        self.topic = None  # an unnamed or non-person source now holds the floor
        return None

    def _describes_topic(self, speaker: _Speaker) -> bool:
        assert speaker.span is not None and self.topic is not None
        words = [w.group().lower() for w in self.words(*speaker.span)]
        if set(words) & self.roles.get(self.topic, set()):
            return True
        # with articles, a definite description points back at whoever is being talked about
        return self.rules.has_articles and words[0] not in self.rules.anonymous_determiners


def _outermost(spans: Sequence[QuotedSpan]) -> list[QuotedSpan]:
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


def _noun_phrase(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The speaker ``text[start:end]`` describes, if it reads as a noun phrase."""
    words = ctx.words(start, end)
    if not words or len(words) > NP_MAX_WORDS:
        return None
    rules = ctx.rules
    span = (words[0].start(), words[-1].end())
    phrase = ctx.text[span[0]:span[1]]
    first = words[0].group()
    lowered = {w.group().lower() for w in words}
    last = words[-1].group().lower()
    if last in rules.complementizers or last in rules.relatives:
        return None  # "A video that (claims…)": a clause, not a speaker
    if first.lower() in rules.speaker_pronouns and len(words) <= 2:
        # "she", "Вона також": the pronoun, perhaps with an adverb
        return _Speaker(first, (words[0].start(), words[0].end()), _Mode.PRONOUN)
    if first.lower() in rules.anonymous_determiners:
        return _Speaker(phrase, span, _Mode.ANONYMOUS)
    if lowered & rules.role_nouns:
        return _Speaker(phrase, span, _Mode.ROLE)
    if not rules.uses_spaces:
        return _Speaker(phrase, span, _Mode.OTHER)
    if first[0].isupper() or first.lower() in rules.determiners:
        # "Fuentes del Ministerio del Interior", "de man", "the ministry"
        return _Speaker(phrase, span, _Mode.OTHER)
    return None


def _person(entity: Entity) -> _Speaker:
    return _Speaker(entity.text, (entity.start, entity.end), _Mode.PERSON, entity)


def _opening_person(ctx: _Context, sentence: Sentence, before: int) -> Entity | None:
    """A person named at the very start of the sentence (its probable subject)."""
    persons = ctx.persons_in(sentence.start, before)
    if persons and ctx.gap_words(sentence.start, persons[0].start) <= OPENING_WORDS:
        lead = ctx.text[sentence.start:persons[0].start]
        if not _CLAUSE_BREAK.search(lead):
            return persons[0]
    return None


def _subject_before(ctx: _Context, start: int, verb_start: int, sentence: Sentence
                    ) -> _Speaker | None:
    """The subject of a verb, looked for in ``text[start:verb_start]``."""
    text = ctx.text
    for person in reversed(ctx.persons_in(start, verb_start)):
        gap = text[person.end:verb_start]
        if ctx.gap_words(person.end, verb_start) <= ADJACENT_WORDS and not _CLAUSE_BREAK.search(
            gap
        ):
            return _person(person)
        stripped = gap.strip()
        if stripped.startswith(",") and stripped.endswith(",") and len(gap) < 160:
            return _person(person)
        break
    left = text[start:verb_start].rstrip()
    if left.endswith(","):  # "X, che è stato …, ha affermato": drop the parenthetical
        inner = left[:-1].rfind(",")
        left = left[:inner] if inner >= 0 else ""
    breaks = list(_CLAUSE_BREAK.finditer(left))
    clause_start = start + (breaks[-1].end() if breaks else 0)
    found = _noun_phrase(ctx, clause_start, start + len(left))
    if found:
        return found
    opening = _opening_person(ctx, sentence, verb_start)
    return _person(opening) if opening else None


def _subject_after(ctx: _Context, verb_end: int, end: int) -> _Speaker | None:
    """The subject of an inverted verb ("ha affermato il ministro X", "said Smith")."""
    text = ctx.text
    words = ctx.words(verb_end, end)
    while words and ctx.is_skippable(words[0].start(), words[0].end()):
        words.pop(0)
    if not words:
        return None
    start = words[0].start()
    if text[verb_end:start].strip(" ,\u00a0"):
        return None  # punctuation between: the verb ends its clause
    if words[0].group().lower() in ctx.rules.complementizers:
        return None
    stop = _CLAUSE_BREAK.search(text, start, end)
    limit = stop.start() if stop else end
    persons = ctx.persons_in(start, limit)
    if persons and ctx.gap_words(start, persons[0].start) <= NP_MAX_WORDS:
        return _person(persons[0])
    np_words = [w for w in words if w.end() <= limit][:NP_MAX_WORDS]
    if np_words:
        return _noun_phrase(ctx, np_words[0].start(), np_words[-1].end())
    return None


def _attribute(ctx: _Context, sentence: Sentence, match: re.Match[str], seg_start: int,
               seg_end: int) -> _Attribution:
    text = ctx.text
    rest = text[match.end():seg_end].strip()
    # "sagte: „…“", "sagte am Donnerstag in Bonn: „…“": the verb introduces what follows
    introduces = rest.startswith(":") or (
        rest.endswith(":") and len(_WORD.findall(rest)) <= INTRODUCER_WORDS)
    left = text[seg_start:match.start()].strip(" –—-\u00a0")
    # inverted order ("“…”, ha detto X", "…, said X") puts the subject after the verb
    order = ("after", "before") if not left.strip(",") else (
        ("before", "after") if left.endswith(",") else ("before",))
    found = None
    for side in order:
        if side == "before":
            found = _subject_before(ctx, seg_start, match.start(), sentence)
        else:
            found = _subject_after(ctx, match.end(), seg_end)
        if found:
            break
    if found is None and ctx.rules.subject_markers:
        found = _marked_subject(ctx, sentence.start, match.start())
    return _Attribution(match.start(), match.end(), match.group(), found or _NOBODY, introduces)


#: Characters a title may take between a name and its subject marker (佐藤健一|総合外交政策局
#: 審議官|は): the longest title in examples/ja_*.txt is 11.
MARKED_TITLE_CHARS = 15


def _marked_subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The person marked as subject before ``end`` ("佐藤健一審議官は「…」と述べた")."""
    text = ctx.text
    for person in reversed(ctx.persons_in(start, end)):
        for i in range(person.end, min(person.end + MARKED_TITLE_CHARS + 1, end)):
            ch = text[i]
            if ch in ctx.rules.subject_markers:
                return _person(person)
            if ch in "、。「」『』，,":
                break
    return None


def _trimmed(text: str, start: int, end: int, kind: QuoteKind) -> tuple[int, int]:
    while start < end and (text[start].isspace() or (kind is QuoteKind.REPORTED
                                                     and text[start] in ",、，:")):
        start += 1
    while end > start and (text[end - 1].isspace() or (kind is QuoteKind.REPORTED
                                                       and text[end - 1] in ".,;:。、")):
        end -= 1
    return start, end


def _quote(ctx: _Context, start: int, end: int, kind: QuoteKind, speaker: _Speaker,
           verb: str | None, fragment: bool = False, *, moves_topic: bool = True) -> Quote:
    text = ctx.text
    start, end = _trimmed(text, start, end, kind)
    if moves_topic:
        resolved = ctx.resolve(speaker)
    else:
        resolved = speaker.person.canonical if speaker.person is not None else None
    return Quote(start, end, text[start:end], kind, speaker.text, resolved, verb,
                 speaker.span, fragment)


class _Sentence:
    """The attribution rules applied to one sentence."""

    def __init__(self, ctx: _Context, sentence: Sentence, spans: list[QuotedSpan]) -> None:
        self.ctx = ctx
        self.sentence = sentence
        self.spans = spans
        inside = [(s.open, s.close) for s in spans]

        def outside(m: re.Match[str]) -> bool:
            return not any(a <= m.start() < b for a, b in inside)

        def matches(kind: str) -> list[re.Match[str]]:
            found = ctx.phrase_matches[kind]
            starts = ctx.phrase_starts[kind]
            lo = bisect_left(starts, sentence.start)
            hi = bisect_left(starts, sentence.end)
            return [m for m in found[lo:hi] if m.end() <= sentence.end and outside(m)]

        self.cues = matches("cues")
        in_cue = [(c.start(), c.end()) for c in self.cues]
        self.verbs = [m for m in matches("verbs")  # "как сообщил" is one cue
                      if not any(a <= m.start() < b for a, b in in_cue)]
        self.tags = matches("tags")
        self.bounds = [sentence.start, *[x for s in spans for x in (s.open, s.close)],
                       sentence.end]
        self.attributions = {
            m.start(): _attribute(ctx, sentence, m, *self.segment(m.start()))
            for m in self.verbs + self.tags
        }

    def segment(self, pos: int) -> tuple[int, int]:
        """The stretch of text outside quotation marks around ``pos``."""
        i = bisect_left(self.bounds, pos + 1) - 1
        return self.bounds[i], self.bounds[min(i + 1, len(self.bounds) - 1)]

    def _after(self, span: QuotedSpan) -> _Attribution | None:
        text = self.ctx.text
        for m in sorted(self.verbs + self.tags, key=lambda m: m.start()):
            if m.start() < span.close:
                continue
            if self.ctx.gap_words(span.close, m.start()) <= ADJACENT_WORDS:
                gap = text[span.close:m.start()]
                att = self.attributions[m.start()]
                if not att.introduces and not any(ch in gap for ch in ".!?。"):
                    return att
            return None
        return None

    def _inside(self, span: QuotedSpan) -> _Attribution | None:
        """A verb set off by dashes inside the quote: «Quien tenga dudas —añadió— puede…»."""
        verbs = _verb_pattern(self.ctx.rules)
        if verbs is None:
            return None
        text = self.ctx.text
        for m in verbs.finditer(text, span.start, span.end):
            before = text[max(span.start, m.start() - 3):m.start()]
            if any(d in before for d in _DASHES):
                close = min((text.find(d, m.end(), span.end) for d in _DASHES
                             if text.find(d, m.end(), span.end) >= 0), default=-1)
                if close >= 0 and close - m.end() < 60:
                    speaker = _subject_after(self.ctx, m.end(), close) or _NOBODY
                    return _Attribution(m.start(), m.end(), m.group(), speaker, False)
        return None

    def _before(self, span: QuotedSpan, fragment: bool) -> _Attribution | None:
        text = self.ctx.text
        before = [m for m in self.verbs if m.end() <= span.open
                  and self.segment(m.start())[1] == span.open]
        if before:
            att = self.attributions[before[-1].start()]
            if fragment or att.introduces or self.ctx.gap_words(att.verb_end, span.open) <= 1:
                return att
            return None
        seg_start = self.segment(span.open - 1)[0] if span.open > self.sentence.start else span.open
        lead = text[seg_start:span.open].rstrip()
        if lead.endswith(":"):  # "La portavoz, Lucía Herrán, fue tajante: «…»"
            speaker = _subject_before(self.ctx, seg_start, seg_start + len(lead) - 1,
                                      self.sentence)
            if speaker is not None and speaker.mode is not _Mode.OTHER:
                colon = seg_start + len(lead) - 1
                return _Attribution(colon, colon, ":", speaker, True)
        return None

    def _in_relative_clause(self, span: QuotedSpan) -> bool:
        """Whether the quote sits in a relative clause ("…, which spread the “news”")."""
        relatives = self.ctx.rules.relatives
        if not relatives or not self.ctx.rules.uses_spaces:
            return False
        seg_start = self.segment(span.open - 1)[0] if span.open > self.sentence.start else span.open
        breaks = list(_CLAUSE_BREAK.finditer(self.ctx.text, seg_start, span.open))
        clause_start = breaks[-1].end() if breaks else seg_start
        words = self.ctx.words(clause_start, span.open)
        return bool(words) and words[0].group().lower() in relatives

    def _nearby_person(self, span: QuotedSpan) -> Entity | None:
        seg_start = self.segment(span.open - 1)[0] if span.open > self.sentence.start else span.open
        near = self.ctx.persons_in(seg_start, span.open)
        if near and self.ctx.gap_words(near[-1].end, span.open) <= NP_MAX_WORDS // 2:
            return near[-1]
        return None

    def quotes(self, previous_in_paragraph: tuple[_Speaker, str | None] | None
               ) -> tuple[list[Quote], tuple[_Speaker, str | None] | None]:
        ctx = self.ctx
        text = ctx.text
        opening = _opening_person(ctx, self.sentence, self.sentence.end)
        if opening is not None:
            ctx.topic = opening.canonical
        out: list[Quote] = []
        claimed: set[int] = set()
        previous: _Attribution | None = None
        for span in self.spans:
            fragment = _is_fragment(text, span, ctx.rules)
            if fragment and self._in_relative_clause(span):
                # "акаунти, які поширили «новину»": the author's scare quotes, not the speaker's
                out.append(_quote(ctx, span.start, span.end, QuoteKind.DIRECT, _NOBODY, None,
                                  fragment, moves_topic=False))
                continue
            chosen = self._after(span) or self._inside(span) or self._before(span, fragment)
            if chosen is None and previous is not None:
                chosen = previous
            if chosen is None:
                person = self._nearby_person(span)
                if person is not None:
                    out.append(_quote(ctx, span.start, span.end, QuoteKind.DIRECT,
                                      _person(person), None, fragment, moves_topic=False))
                    continue
                named = [a for a in self.attributions.values()
                         if a.speaker.mode is not _Mode.NULL]
                if named:
                    chosen = named[0]
                elif fragment and self.attributions:
                    chosen = next(iter(self.attributions.values()))
            if chosen is None and not fragment and previous_in_paragraph is not None:
                speaker, verb = previous_in_paragraph
                out.append(_quote(ctx, span.start, span.end, QuoteKind.DIRECT, speaker, verb,
                                  fragment, moves_topic=False))
                continue
            if chosen is None:
                out.append(_quote(ctx, span.start, span.end, QuoteKind.DIRECT, _NOBODY, None,
                                  fragment, moves_topic=False) if fragment else
                           _quote(ctx, span.start, span.end, QuoteKind.DIRECT, _NOBODY, None,
                                  fragment))
                continue
            claimed.add(chosen.verb_start)
            previous = chosen
            quote = _quote(ctx, span.start, span.end, QuoteKind.DIRECT, chosen.speaker,
                           chosen.verb, fragment)
            out.append(quote)
            if not fragment:
                previous_in_paragraph = (self._as_resolved(chosen.speaker, quote), chosen.verb)
        out.extend(self._reported(claimed))
        out.extend(self._nested())
        return out, previous_in_paragraph

    def _nested(self) -> list[Quote]:
        """Quotes inside quotes, attributed only by a verb right next to them within the outer
        quote («Su nieto nos escribió: “Mi abuela…”», «…: „Не ходите“»); slogans and terms
        quoted inside a quote stay unattributed."""
        ctx = self.ctx
        verbs = _verb_pattern(ctx.rules)
        out: list[Quote] = []
        for outer in self.spans:
            for inner in ctx.inner.get(outer.open, ()):
                speaker: _Speaker = _NOBODY
                verb = None
                lead = ctx.text[outer.start:inner.open].rstrip()
                if verbs is not None and lead.endswith(":"):
                    found = [m for m in verbs.finditer(ctx.text, outer.start, inner.open)
                             if ctx.gap_words(m.end(), inner.open) <= 1]
                    if found:
                        m = found[-1]
                        speaker = _subject_before(ctx, outer.start, m.start(),
                                                  self.sentence) or _NOBODY
                        verb = m.group()
                fragment = _is_fragment(ctx.text, inner, ctx.rules)
                if verb is None:
                    out.append(_quote(ctx, inner.start, inner.end, QuoteKind.DIRECT, _NOBODY,
                                      None, fragment, moves_topic=False))
                else:
                    out.append(_quote(ctx, inner.start, inner.end, QuoteKind.DIRECT, speaker,
                                      verb, fragment, moves_topic=False))
        return out

    @staticmethod
    def _as_resolved(speaker: _Speaker, quote: Quote) -> _Speaker:
        """A speaker that resolves again to what ``quote`` resolved to, topic or not."""
        if speaker.mode is _Mode.PERSON or quote.speaker_resolved is None:
            return speaker if speaker.mode is _Mode.PERSON else _Speaker(
                speaker.text, speaker.span, _Mode.ANONYMOUS)
        return _Speaker(speaker.text, speaker.span, _Mode.PRONOUN)

    def _reported(self, claimed: set[int]) -> list[Quote]:
        """Reported speech: "X said (that) …", "…, said X.", "according to X, …"."""
        ctx = self.ctx
        text = ctx.text
        rules = ctx.rules
        sentence = self.sentence
        out: list[Quote] = []
        full_quotes = [s for s in self.spans if not _is_fragment(text, s, rules)]
        for m in self.verbs:
            att = self.attributions[m.start()]
            if (m.start() in claimed and full_quotes) or att.introduces:
                continue
            inverted = att.speaker.span is not None and att.speaker.span[0] >= m.end()
            content_start = att.speaker.span[1] if inverted and att.speaker.span else m.end()
            after = ctx.words(content_start, sentence.end)[:4]
            lead = [w.group().lower() for w in after]
            comp = next((i for i, w in enumerate(lead) if w in rules.complementizers), None)
            if comp is not None:
                start = after[comp].end()
            elif inverted or not after or att.speaker.mode in (_Mode.OTHER, _Mode.NULL):
                start = -1  # without "that", only a clear speaker makes reported speech
            else:
                start = content_start  # "said the alliance had…", "sagte, man prüfe…"
            quoted_after = rules.uses_spaces and any(s.open >= start for s in full_quotes)
            if start >= 0 and not quoted_after and ctx.gap_words(
                start, sentence.end
            ) >= ADJACENT_WORDS:
                out.append(_quote(ctx, start, sentence.end, QuoteKind.REPORTED, att.speaker,
                                  att.verb))
                continue
            if inverted and not full_quotes:  # "…, ha detto X."
                end = max(text.rfind(",", sentence.start, m.start()),
                          text.rfind("，", sentence.start, m.start()),
                          text.rfind("、", sentence.start, m.start()))
                if end > sentence.start:
                    out.append(_quote(ctx, sentence.start, end, QuoteKind.REPORTED, att.speaker,
                                      att.verb))
            elif not rules.uses_spaces and m.start() not in claimed:
                # 「」のない「…と述べた」: the content runs from the subject to the verb
                begin = att.speaker.span[1] + 1 if att.speaker.span else sentence.start
                if m.start() - begin > 3:
                    out.append(_quote(ctx, begin, m.start(), QuoteKind.REPORTED, att.speaker,
                                      att.verb))
        after_cues = {c.lower() for c in rules.reporting_cues_after}
        for m in self.cues:
            if m.group().lower() in after_cues:
                quote = self._reported_after_cue(m)
            else:
                quote = self._reported_before_cue(m)
            if quote is not None:
                out.append(quote)
        return out

    def _reported_before_cue(self, m: re.Match[str]) -> Quote | None:
        """"according to X, …", "…, secondo X", "по его словам, …"."""
        ctx = self.ctx
        text = ctx.text
        rules = ctx.rules
        sentence = self.sentence
        cue_words = [w.lower() for w in _WORD.findall(m.group())]
        pronoun = next((w for w in cue_words if w in rules.speaker_pronouns), None)
        following = ctx.words(m.end(), sentence.end)
        if not pronoun and following and following[0].group().lower() in rules.relatives:
            return None  # "secondo cui", "according to which"
        if pronoun:
            speaker = _Speaker(pronoun, (m.start(), m.end()), _Mode.PRONOUN)
            np_end = m.end()
        else:
            stop = _CLAUSE_BREAK.search(text, m.end(), sentence.end)
            np_end = stop.start() if stop else sentence.end
            persons = ctx.persons_in(m.end(), np_end)
            if persons and ctx.gap_words(m.end(), persons[0].start) <= ADJACENT_WORDS:
                np_end = persons[0].end  # "Laut Kröger sind …", "Według Wilczka nagranie …"
                speaker = _person(persons[0])
            else:
                np_words = ctx.words(m.end(), np_end)[:NP_MAX_WORDS]
                if not np_words:
                    return None
                found = _noun_phrase(ctx, np_words[0].start(), np_words[-1].end())
                if found is None or (found.mode is _Mode.OTHER and not ctx.named_in(
                        np_words[0].start(), np_words[-1].end())
                        and not (found.text or " ")[0].isupper()):
                    return None  # "según los primeros indicios": not a source
                speaker = found
                np_end = np_words[-1].end()
        if m.start() - sentence.start > sentence.end - np_end:
            cut = text.rfind(",", sentence.start, m.start())
            content = (sentence.start, cut if cut > sentence.start else m.start())
        else:
            content = (np_end, sentence.end)
        if ctx.gap_words(*content) < ADJACENT_WORDS:
            return None
        return _quote(ctx, content[0], content[1], QuoteKind.REPORTED, speaker, m.group())

    def _reported_after_cue(self, m: re.Match[str]) -> Quote | None:
        """A cue that follows its source: "防衛省によると、…", "dem Minister zufolge …"."""
        ctx = self.ctx
        text = ctx.text
        sentence = self.sentence
        breaks = list(_CLAUSE_BREAK.finditer(text, sentence.start, m.start()))
        clause_start = breaks[-1].end() if breaks else sentence.start
        persons = ctx.persons_in(clause_start, m.start())
        if persons and ctx.gap_words(persons[-1].end, m.start()) <= 2:
            speaker = _person(persons[-1])
        else:
            source = text[clause_start:m.start()].strip()
            if not source:
                return None
            begin = text.index(source, clause_start)
            speaker = (_noun_phrase(ctx, begin, begin + len(source))
                       or _Speaker(source, (begin, begin + len(source)), _Mode.OTHER))
        if sentence.end - m.end() <= 3:
            return None
        return _quote(ctx, m.end(), sentence.end, QuoteKind.REPORTED, speaker, m.group())


def find_quotes(doc: Document, rules: LanguageRules, spans: Sequence[QuotedSpan]
                ) -> list[Quote]:
    """Direct and reported quotes of ``doc``, in text order.

    Needs ``doc.sentences``, ``doc.entities`` (persons) and ``doc.dates`` (skipped between a
    verb and its subject); ``spans`` are the paired quotation marks of the text.
    """
    ctx = _Context(doc, rules)
    outer = _outermost(spans)
    for span in outer:
        ctx.inner[span.open] = [s for s in spans if span.open < s.open and s.close <= span.close]
    starts = [s.open for s in outer]
    quotes: list[Quote] = []
    carried: tuple[_Speaker, str | None] | None = None
    last_end = 0
    for sentence in doc.sentences:
        if "\n\n" in doc.text[last_end:sentence.start] or ("\n" in doc.text[
            last_end:sentence.start
        ] and not rules.uses_spaces):
            carried = None  # a new paragraph: quotes no longer carry over
        last_end = sentence.end
        i = bisect_left(starts, sentence.start)
        inside: list[QuotedSpan] = []
        while i < len(outer) and outer[i].open < sentence.end:
            inside.append(outer[i])
            i += 1
        if not inside and not ctx.has_phrases(sentence):
            # nothing said here; a person opening the sentence still becomes the topic
            opening = _opening_person(ctx, sentence, sentence.end)
            if opening is not None:
                ctx.topic = opening.canonical
            continue
        found, carried = _Sentence(ctx, sentence, inside).quotes(carried)
        quotes.extend(found)
    quotes.sort(key=lambda q: q.start)
    return quotes
