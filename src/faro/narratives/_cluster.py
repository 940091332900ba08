"""Incremental clustering of claims into narratives.

Each claim is read once, in arrival order, and either joins the nearest active narrative or opens
a new one (a single-pass "leader" clustering over centroids):

1. **Terms.** The claim's text is normalised as a social-media post (:func:`~faro.text.social.
   normalise_social`: URLs, emoji, reply chains and the attribution tail removed, hashtags split
   into words) and analysed with the claim's language (:func:`~faro.search.analyze_terms`: stop
   words, Snowball stemming, CJK bigrams). Terms are not tagged with the language: a name or a
   number written alike links languages that share a script; claims in unrelated scripts only
   meet through their links to known records (below).
2. **Weights.** TF-IDF, ``(1 + ln tf) · (1 + ln((N + 1) / (df + 1)))`` (scikit-learn's smoothed
   idf: a term every claim has still counts, and the first claim of a stream has a vector), with
   the document frequencies of the stream read so far (the claim itself included), normalised
   to unit length. The table
   of document frequencies is bounded: past ``max_vocabulary`` terms, those seen once are dropped.
3. **Candidates.** An inverted index maps each term to the narratives whose centroid holds it
   (at most ``max_postings``, the most recently joined kept). The claim's ``query_terms``
   highest-weighted terms collect candidates; the ``candidates`` that share the most of those
   terms are scored exactly (ties: the earlier-found first).
4. **Decision.** Cosine of the claim to each candidate's centroid (the sum of its members' unit
   vectors, capped to its ``max_terms`` heaviest terms). The claim joins the best one when the
   cosine is at least ``threshold`` (see :data:`DEFAULT_THRESHOLD` for how it was chosen),
   otherwise it opens a narrative of its own.
5. **Links to known records.** The matching layer links a claim to records of the knowledge
   base (fact-checks, known narratives) with a calibrated confidence. The claim's best
   ``max_links`` links with a confidence of at least ``min_link_confidence`` become dimensions
   of its vector (``kb:<record id>``, weighing ``link_weight`` x confidence next to the unit text
   vector; the whole is normalised again). Two claims linked to the same record are then close
   whatever their words — this is how claims in different languages meet when the matcher links
   them across languages — and a wrong first link still shares weight through the second. A
   narrative's :attr:`~NarrativeCluster.link` is the record with the most weight in its centroid.

Memory is bounded: at most ``max_active`` narratives are kept, and the one joined least
recently is evicted first (handed to ``on_evict`` — the caller stores it — and forgotten by the
index); each centroid keeps ``max_terms`` terms, each posting list ``max_postings`` narratives,
each narrative ``max_sources`` sources and ``EXEMPLARS`` candidate labels.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Final

from faro.search import analyze_terms
from faro.text.social import normalise_social

__all__ = ["DEFAULT_THRESHOLD", "EXEMPLARS", "LINK_PREFIX", "ClaimItem", "ClusterSettings",
           "Clusterer", "NarrativeCluster", "Placement", "claim_terms"]

#: The cosine a claim needs to its nearest narrative's centroid to join it. Chosen on CLEF
#: CheckThat! 2020 Task 2 train + dev (997 tweets, gold clusters: tweets sharing a verified
#: claim) as the best pairwise F1 of a sweep (``benchmarks/narratives.py --sweep``); see
#: docs/narratives.md for the sweep and the figures. Re-run the sweep after changing the terms
#: or the weighting.
DEFAULT_THRESHOLD: Final = 0.25

#: Prefix of the vector dimensions that stand for a known record (no analysed term has a colon).
LINK_PREFIX: Final = "kb:"

#: Members kept per narrative as candidates for its label (the best-placed when they joined).
EXEMPLARS: Final = 3


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A claim to cluster: its id, text and language (ISO 639 code; ``und`` when unknown), and
    optionally the day it was seen, its source (an outlet, an account) and its ``links``: the
    known records the matching layer linked it to, as (record id, confidence), best first."""

    id: str
    text: str
    language: str = "und"
    seen: date | None = None
    source: str | None = None
    links: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """What the clusterer is tuned by (see the module docstring).

    >>> ClusterSettings(threshold=1.5)
    Traceback (most recent call last):
    ...
    ValueError: threshold must be in (0, 1], not 1.5
    """

    threshold: float = DEFAULT_THRESHOLD
    max_terms: int = 48
    query_terms: int = 10
    candidates: int = 12
    max_postings: int = 256
    max_active: int = 100_000
    max_vocabulary: int = 1_000_000
    max_sources: int = 64
    max_links: int = 2
    link_weight: float = 1.0
    min_link_confidence: float = 0.05

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if not (self.link_weight >= 0 and 0 <= self.min_link_confidence <= 1):
            raise ValueError("link_weight must be >= 0 and min_link_confidence in [0, 1]")
        for name in ("max_terms", "query_terms", "candidates", "max_postings", "max_active",
                     "max_vocabulary", "max_sources", "max_links"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where :meth:`Clusterer.place` put a claim."""

    id: int
    """The narrative's id."""
    score: float
    """The claim's cosine to the narrative's centroid (1.0 when it opened the narrative)."""
    opened: bool
    vector: dict[str, float]
    """The claim's unit vector (its terms and ``kb:`` links)."""


@dataclass(slots=True, eq=False)
class NarrativeCluster:
    """A narrative as the clusterer keeps it: its centroid and what it knows of its members."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    languages: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    volume: Counter[date] = field(default_factory=Counter)
    """Claims per day (claims without a day are not counted here)."""
    exemplars: list[tuple[float, str, str, str]] = field(default_factory=list)
    """Up to :data:`EXEMPLARS` members (cosine when they joined, id, text, language), a heap."""
    _norm: float = 0.0

    @property
    def norm(self) -> float:
        if not self._norm:
            self._norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        return self._norm

    def cosine(self, vector: dict[str, float]) -> float:
        """Cosine of a unit ``vector`` to the centroid."""
        centroid = self.centroid
        dot = sum(vector[t] * centroid[t] for t in vector.keys() & centroid.keys())
        norm = self.norm
        return dot / norm if norm else 0.0

    def key_terms(self, k: int = 5) -> list[str]:
        """The ``k`` heaviest terms of the centroid (stems), heaviest first."""
        terms = ((t, w) for t, w in self.centroid.items() if not t.startswith(LINK_PREFIX))
        return [t for t, _ in heapq.nlargest(k, terms, key=lambda kv: kv[1])]

    @property
    def link(self) -> str | None:
        """The known record with the most weight in the centroid (its id), or ``None``."""
        links = [(w, t) for t, w in self.centroid.items() if t.startswith(LINK_PREFIX)]
        return max(links)[1].removeprefix(LINK_PREFIX) if links else None

    def representative(self) -> tuple[str, str] | None:
        """(id, text) of the kept member nearest to the centroid, or ``None`` for an empty one."""
        best: tuple[float, str, str] | None = None
        for _, claim_id, text, language in self.exemplars:
            score = self.cosine(claim_terms(text, language, {}, 0))
            if best is None or score > best[0]:
                best = (score, claim_id, text)
        return None if best is None else (best[1], best[2])


def claim_terms(text: str, language: str, df: dict[str, int], n: int) -> dict[str, float]:
    """The unit TF-IDF vector of a claim: its terms (see the module docstring) weighted with the
    document frequencies ``df`` of ``n`` claims; with ``n`` 0 every term weighs its
    ``1 + ln tf`` alone."""
    return _weigh(_counts(text, language), df, n)


def _counts(text: str, language: str) -> Counter[str]:
    return Counter(analyze_terms(normalise_social(text).text, language))


def _weigh(counts: Counter[str], df: dict[str, int], n: int) -> dict[str, float]:
    if n:
        weights = {t: (1.0 + math.log(c)) * (1.0 + math.log((n + 1) / (df.get(t, 0) + 1)))
                   for t, c in counts.items()}
    else:
        weights = {t: 1.0 + math.log(c) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items() if w > 0} if norm else {}


class Clusterer:
    """Clusters a stream of claims incrementally (see the module docstring).

    >>> clusterer = Clusterer()
    >>> first = clusterer.add(ClaimItem("1", "The moon landing was staged in a studio", "en"))
    >>> clusterer.add(ClaimItem("2", "Moon landing staged in a Hollywood studio!", "en")) == first
    True
    >>> clusterer.add(ClaimItem("3", "Vaccines contain microchips", "en")) == first
    False
    """

    def __init__(self, settings: ClusterSettings | None = None, *,
                 on_evict: Callable[[NarrativeCluster], None] | None = None,
                 next_id: int = 1) -> None:
        self.settings = settings or ClusterSettings()
        self.on_evict = on_evict
        self.new_id: Callable[[], int] | None = None
        """Gives the id of a narrative being opened (a database's key); ``None``: count from
        ``next_id``."""
        self.active: OrderedDict[int, NarrativeCluster] = OrderedDict()
        """The narratives kept, least recently joined first."""
        self.df: dict[str, int] = {}
        self.claims = 0
        self.evicted = 0
        self._postings: dict[str, dict[int, None]] = {}
        self._next_id = next_id

    # -- the stream ------------------------------------------------------------------------------

    def add(self, claim: ClaimItem) -> int:
        """Place ``claim`` in a narrative and return that narrative's id."""
        return self.place(claim).id

    def place(self, claim: ClaimItem) -> Placement:
        """Place ``claim`` in a narrative: which, the claim's cosine to it (1 when it opened
        it) and the claim's vector."""
        vector = self.vectorise(claim)
        cluster, score = self.nearest(vector) if vector else (None, 0.0)
        opened = cluster is None or score < self.settings.threshold
        if opened:
            cluster, score = self._open(), 1.0
        assert cluster is not None
        self._join(cluster, claim, vector, score)
        return Placement(cluster.id, score, opened, vector)

    def add_many(self, claims: Iterable[ClaimItem]) -> Iterator[int]:
        """:meth:`add` for each claim, lazily."""
        for claim in claims:
            yield self.add(claim)

    def vectorise(self, claim: ClaimItem) -> dict[str, float]:
        """Count the claim's terms in the document frequencies and return its unit vector."""
        counts = _counts(claim.text, claim.language)
        df = self.df
        for term in counts:
            df[term] = df.get(term, 0) + 1
        self.claims += 1
        if len(df) > self.settings.max_vocabulary:
            self.df = df = {t: c for t, c in df.items() if c > 1}
        return self._with_links(_weigh(counts, df, self.claims), claim.links)

    def vector(self, claim: ClaimItem) -> dict[str, float]:
        """The claim's unit vector by the document frequencies so far, without counting it in
        them (for rebuilding a centroid from members already read)."""
        counts = _counts(claim.text, claim.language)
        return self._with_links(_weigh(counts, self.df, self.claims), claim.links)

    def _with_links(self, vector: dict[str, float],
                    links: tuple[tuple[str, float], ...]) -> dict[str, float]:
        settings = self.settings
        extra = {LINK_PREFIX + record: settings.link_weight * confidence
                 for record, confidence in links[:settings.max_links]
                 if confidence >= settings.min_link_confidence and confidence > 0}
        if not extra or not settings.link_weight:
            return vector
        vector = vector | extra
        norm = math.sqrt(sum(w * w for w in vector.values()))
        return {t: w / norm for t, w in vector.items()}

    def nearest(self, vector: dict[str, float]) -> tuple[NarrativeCluster | None, float]:
        """The active narrative whose centroid is nearest to ``vector`` by cosine (among the
        candidates the index finds) and that cosine; ``(None, 0.0)`` when none shares a term."""
        settings = self.settings
        postings = self._postings
        terms: Iterable[str] = vector
        if len(vector) > settings.query_terms:
            terms = heapq.nlargest(settings.query_terms, vector, key=vector.__getitem__)
        lists = [postings[t] for t in terms if t in postings]
        # counted in C (Counter over an iterable): the narratives sharing the most of these terms
        hits = Counter(chain.from_iterable(lists))
        ids = [cid for cid, _ in hits.most_common(settings.candidates)]
        best: NarrativeCluster | None = None
        best_score = 0.0
        active = self.active
        for cid in ids:
            cluster = active[cid]
            score = cluster.cosine(vector)
            if score > best_score or (score == best_score and best is not None
                                      and cid < best.id):
                best, best_score = cluster, score
        return best, best_score

    # -- analysts' edits ---------------------------------------------------------------------------

    def merge(self, keep: int, other: int) -> NarrativeCluster:
        """Merge narrative ``other`` into ``keep`` (both active): centroids add up, counts and
        days too; ``keep`` keeps its id."""
        if keep == other:
            raise ValueError("a narrative cannot be merged into itself")
        target, source = self.active[keep], self.active[other]
        self._forget(source)
        del self.active[other]
        for term, weight in source.centroid.items():
            target.centroid[term] = target.centroid.get(term, 0.0) + weight
        target.size += source.size
        target.languages.update(source.languages)
        target.sources.update(source.sources)
        target.volume.update(source.volume)
        target.first_seen = _min_date(target.first_seen, source.first_seen)
        target.last_seen = _max_date(target.last_seen, source.last_seen)
        for exemplar in source.exemplars:
            _keep_exemplar(target.exemplars, exemplar)
        self._cap(target)
        self._index(target, target.centroid)
        self.active.move_to_end(keep)
        return target

    def restore(self, cluster: NarrativeCluster) -> None:
        """Make a narrative kept elsewhere (a database) active again, as if just joined. Its
        centroid is capped as joining caps it (past twice ``max_terms``), so a narrative stored
        and restored is the one that was stored."""
        if cluster.id in self.active:
            raise ValueError(f"narrative {cluster.id} is already active")
        self.active[cluster.id] = cluster
        self._next_id = max(self._next_id, cluster.id + 1)
        if len(cluster.centroid) > 2 * self.settings.max_terms:
            self._cap(cluster)
        self._index(cluster, cluster.centroid)
        self._evict()

    def discard(self, narrative: int) -> NarrativeCluster | None:
        """Forget an active narrative (kept elsewhere, or gone); ``None`` when not active."""
        cluster = self.active.pop(narrative, None)
        if cluster is not None:
            self._forget(cluster)
        return cluster

    # -- internals -------------------------------------------------------------------------------

    def _open(self) -> NarrativeCluster:
        if self.new_id is not None:
            cluster = NarrativeCluster(self.new_id())
        else:
            cluster = NarrativeCluster(self._next_id)
            self._next_id += 1
        self.active[cluster.id] = cluster
        return cluster

    def _join(self, cluster: NarrativeCluster, claim: ClaimItem, vector: dict[str, float],
              score: float) -> None:
        centroid = cluster.centroid
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        cluster._norm = 0.0
        cluster.size += 1
        cluster.languages[claim.language] += 1
        if claim.source is not None:
            sources = cluster.sources
            sources[claim.source] += 1
            if len(sources) > 2 * self.settings.max_sources:
                cluster.sources = Counter(dict(sources.most_common(self.settings.max_sources)))
        if claim.seen is not None:
            cluster.volume[claim.seen] += 1
            cluster.first_seen = _min_date(cluster.first_seen, claim.seen)
            cluster.last_seen = _max_date(cluster.last_seen, claim.seen)
        _keep_exemplar(cluster.exemplars, (score, claim.id, claim.text, claim.language))
        if len(centroid) > 2 * self.settings.max_terms:
            self._cap(cluster)
        self._index(cluster, vector)
        self.active.move_to_end(cluster.id)
        self._evict()

    def _cap(self, cluster: NarrativeCluster) -> None:
        """Keep the centroid's ``max_terms`` heaviest terms; forget the rest in the index."""
        limit = self.settings.max_terms
        if len(cluster.centroid) <= limit:
            return
        kept = dict(heapq.nlargest(limit, cluster.centroid.items(), key=lambda kv: kv[1]))
        for term in cluster.centroid.keys() - kept.keys():
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(cluster.id, None)
                if not posting:
                    del self._postings[term]
        cluster.centroid = kept
        cluster._norm = 0.0

    def _index(self, cluster: NarrativeCluster, terms: Iterable[str]) -> None:
        """Put the narrative last (most recent) in the posting lists of ``terms`` it holds."""
        postings = self._postings
        limit = self.settings.max_postings
        cid = cluster.id
        centroid = cluster.centroid
        for term in terms:
            if term not in centroid:
                continue
            posting = postings.get(term)
            if posting is None:
                postings[term] = {cid: None}
                continue
            posting.pop(cid, None)
            posting[cid] = None
            if len(posting) > limit:
                del posting[next(iter(posting))]

    def _forget(self, cluster: NarrativeCluster) -> None:
        for term in cluster.centroid:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(cluster.id, None)
                if not posting:
                    del self._postings[term]

    def _evict(self) -> None:
        while len(self.active) > self.settings.max_active:
            _, cluster = self.active.popitem(last=False)
            self._forget(cluster)
            self.evicted += 1
            if self.on_evict is not None:
                self.on_evict(cluster)


def _keep_exemplar(heap: list[tuple[float, str, str, str]],
                   exemplar: tuple[float, str, str, str]) -> None:
    if len(heap) < EXEMPLARS:
        heapq.heappush(heap, exemplar)
    elif exemplar > heap[0]:
        heapq.heapreplace(heap, exemplar)


def _min_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)
