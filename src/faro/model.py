"""Domain types: what flows between the stages of faro.

A :class:`Document` enters the pipeline with its text and metadata; each stage adds its own part
(language, sentences, entities, numbers, dates, quotes, claims) and never rewrites another's.
Every span is a pair of character offsets ``[start, end)`` into ``Document.text``, so
``doc.text[s.start:s.end] == s.text`` holds for every span-bearing object.

The knowledge-base side (:class:`FactCheck`, :class:`Narrative`, :class:`Match`, :class:`Verdict`)
and sharing markings (:class:`Marking`) are defined here too, so later stages meet in one place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

__all__ = [
    "TRANSLATED_FIELDS",
    "Claim",
    "DateMention",
    "Document",
    "Entity",
    "EntityType",
    "FactCheck",
    "Language",
    "Marking",
    "Match",
    "Narrative",
    "Note",
    "Quantity",
    "QuantityKind",
    "Quote",
    "QuoteKind",
    "RelativeDate",
    "Sentence",
    "Verdict",
]


class EntityType(enum.StrEnum):
    """The kinds of named entity faro recognises."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class QuoteKind(enum.StrEnum):
    """Direct (in quotation marks) or reported speech."""

    DIRECT = "direct"
    """Words inside quotation marks."""
    REPORTED = "reported"
    """Indirect speech or an attributed source: "X said that…", "according to X…"."""


class QuantityKind(enum.StrEnum):
    """What a number measures."""

    NUMBER = "number"
    ORDINAL = "ordinal"
    PERCENT = "percent"
    MONEY = "money"
    QUANTITY = "quantity"
    """A number with a unit or a counted noun: "32 membri", "5 km", "65enne" (unit: years)."""


class Verdict(enum.StrEnum):
    """The seven X-FACT classes fact-checkers' ratings are normalised to."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    PARTLY_TRUE = "partly_true"
    COMPLICATED = "complicated"
    OTHER = "other"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"


class Marking(enum.StrEnum):
    """Traffic Light Protocol 2.0."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"


@dataclass(frozen=True, slots=True)
class Note:
    """Something a stage wants the analyst to know without failing: an assumed encoding, a
    language identified with low confidence, a truncated input."""

    code: str
    message: str
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class Language:
    """The language of a document and how sure faro is of it."""

    code: str
    """ISO 639-1 where one exists, else ISO 639-3 (``und`` when undetermined)."""
    confidence: float
    method: str
    """``forced`` (``--lang`` or a record field), ``script`` (decided by the writing system),
    ``model`` (the statistical identifier) or ``none``."""
    alternatives: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation or place."""

    start: int
    end: int
    text: str
    type: EntityType
    canonical: str
    """A language-independent key: the fullest name for people ("Jens Stoltenberg"), the ISO
    3166 code for countries ("JP"), the usual acronym or English name for organisations and
    places. Lets later stages compare entities across languages."""
    source: str = "rule"
    """What found it: ``gazetteer``, ``rule:<name>`` or ``spacy``."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written and its normalised value."""

    start: int
    end: int
    text: str
    value: float
    kind: QuantityKind
    unit: str | None = None
    """Normalised unit where known (``percent``, ``years``, ``EUR``, ``km``), else the counted
    noun as written ("membri")."""


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A date expressed relative to when the text was written: "tomorrow", "next spring",
    "entro la fine di quest'anno" (unit=year, offset=0, position=end, bound=by)."""

    unit: str
    """``day``, ``week``, ``month``, ``quarter``, ``season``, ``year``, ``weekday``."""
    offset: int
    """0 = the current unit, -1 the previous one, +1 the next one."""
    position: str = "within"
    """``start``, ``end`` or ``within`` the unit."""
    bound: str | None = None
    """``by`` (deadline: "entro", "by"), ``since`` or ``None``."""
    detail: str | None = None
    """The weekday (``friday``) or season (``spring``) named, when ``unit`` asks for one."""


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    """ISO 8601 as precise as the text: ``2024``, ``2024-07``, ``2024-07-12``; ``None`` when
    only a relative expression is known and no reference date was given."""
    relative: RelativeDate | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    """The quoted words (direct) or the reported content (reported), without quote marks."""
    kind: QuoteKind
    speaker: str | None = None
    """The speaker as written at the attribution ("Stoltenberg", "un funzionario giapponese")."""
    speaker_resolved: str | None = None
    """The fullest name the text gave earlier for that speaker ("Jens Stoltenberg")."""
    verb: str | None = None
    """The speech verb or attribution cue as written ("ha affermato", "according to")."""
    speaker_span: tuple[int, int] | None = None
    fragment: bool = False
    """A few quoted words inside the author's sentence rather than a full utterance."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence scored for check-worthiness."""

    sentence: int
    """Index into ``Document.sentences``."""
    start: int
    end: int
    text: str
    score: float
    features: dict[str, float] = field(default_factory=dict)
    """The evidence that fired and its contribution to the score."""
    scorer: str = "checkworthy-v2"
    matches: list[Match] = field(default_factory=list)
    """Fact-checks and narratives this claim matches, best first (empty when not matched)."""
    checkworthy: bool = False
    """Whether the score reaches the claim threshold (the setting, or the model's own for the
    language): only these are matched and shown as claims."""


@dataclass(slots=True)
class Document:
    """A document and, once analysed, everything the pipeline found in it."""

    id: str
    text: str
    source: str | None = None
    """Where it came from: a path, ``<stdin>``, ``file.jsonl:12``, a URL."""
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    lang_hint: str | None = None
    """A language given with the input (``--lang`` or a record's language field)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    language: Language | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    numbers: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The identified language code, ``und`` before identification."""
        return self.language.code if self.language else "und"

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions are anchored to: the publication date, if known."""
        return self.published.date() if self.published else None


#: The fields of knowledge-base records that may carry translations, by kind of record.
TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "factcheck": ("claim", "title"), "narrative": ("title", "summary", "debunk")}


@dataclass(frozen=True, slots=True)
class FactCheck:
    """A published fact-check of a claim (knowledge base).

    ``id`` is the record's identity, stable across re-imports: the normalised review URL when
    there is one, else ``<source_dataset>:<id in that data set>``, else a digest of the claim and
    publisher. Re-importing a record with the same id updates it.
    """

    id: str
    claim: str
    """The claim reviewed, in the words of the fact-check."""
    language: str
    """ISO 639-1 (or -3) code of ``claim``; ``und`` when unknown."""
    verdict: Verdict | None = None
    """The rating normalised to the seven X-FACT classes; ``None`` when no rating was given."""
    rating: str | None = None
    """The rating as the publisher wrote it."""
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    claimant: str | None = None
    review_date: date | None = None
    source_dataset: str | None = None
    marking: Marking = Marking.CLEAR
    releasable_to: tuple[str, ...] = ()
    """Organisations (by name) an AMBER or AMBER+STRICT record may go to (TLP 2.0 through
    :func:`faro.sharing.may_release`)."""
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)
    """Translations by language code, each of some of :data:`TRANSLATED_FIELDS`
    (``{"en": {"claim": "...", "title": "..."}}``)."""


@dataclass(frozen=True, slots=True)
class Narrative:
    """A known disinformation narrative (knowledge base). ``id`` as for :class:`FactCheck`."""

    id: str
    title: str
    summary: str
    """The disinformation claim as it circulates, in a few sentences."""
    language: str = "und"
    debunk: str | None = None
    keywords: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    first_seen: date | None = None
    last_seen: date | None = None
    source: str | None = None
    url: str | None = None
    marking: Marking = Marking.CLEAR
    releasable_to: tuple[str, ...] = ()
    """As for :class:`FactCheck`."""
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)
    """As for :class:`FactCheck` (of ``title``, ``summary`` and ``debunk``)."""


@dataclass(frozen=True, slots=True)
class Match:
    """A claim linked to a fact-check or a narrative, with a calibrated confidence."""

    target_id: str
    target_kind: str
    """``factcheck`` or ``narrative``."""
    score: float
    """The reranker's score (a log-odds; comparable within one knowledge base and model)."""
    confidence: float
    """Calibrated probability that the record addresses the claim (0..1)."""
    verdict: Verdict | None = None
    status: str = "suggested"
    """``suggested``, ``confirmed`` (automatically or by an analyst) or ``rejected``."""
    text: str = ""
    """The claim reviewed (fact-check) or the narrative's summary."""
    title: str | None = None
    rating: str | None = None
    url: str | None = None
    source: str | None = None
    """The publisher of a fact-check, the source of a narrative."""
    language: str | None = None
