"""The analyser every writer of analysed documents shares: the pipeline and the matcher over
the store's knowledge base, built on first use. The server's requests and background jobs, and
``faro ingest`` / ``faro watch``, analyse, match and save through it, so there is one path from
a stored document to its stored claims and matches."""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from faro._config import Options
from faro.model import Document, Match
from faro.sharing import Audience, Channel
from faro.store import Actor, Store, StoredDocument

if TYPE_CHECKING:
    from faro.pipeline import Pipeline
    from faro.search import Matcher

__all__ = ["Analyser"]

log = logging.getLogger("faro.server")

#: Objects the cyclic garbage collector's oldest generation may hold before they are frozen
#: (moved out of its reach, :func:`gc.freeze`). The models and the search index are millions of
#: long-lived objects; left in the collector's reach, each full collection walks them all, which
#: measured 150-200 ms under the load benchmark (every request in flight waits), a few times a
#: minute. Refcounting still frees frozen objects that are dropped.
_FREEZE_AT = 100_000


class Analyser:
    """The pipeline and the matcher, built on first use and shared by every caller.

    One lock serialises analyses: the matcher may rebuild its index when the knowledge base
    changed, and one process analyses one document at a time anyway (the work is CPU-bound).
    """

    def __init__(self, store: Store, options: Options) -> None:
        self.store = store
        self.options = options
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        self._matcher: Matcher | None = None
        self._stamp: tuple[str, int] | None = None
        """The knowledge base's stamp when it was last counted, and whether it was empty."""
        self._empty = True
        self._loaded = False
        """Whether a model or the index may have been loaded since the last freeze."""

    def _parts(self) -> tuple[Pipeline, Matcher | None]:
        """The pipeline, and the matcher unless the knowledge base is empty. Call with the
        lock held."""
        from faro.pipeline import Pipeline
        from faro.search import Matcher

        if self._pipeline is None:
            self._pipeline = Pipeline(self.options)
            self._loaded = True
        stamp = self.store.kb_stamp()  # one small query; counting only when the stamp moved
        if stamp != self._stamp:
            state = self.store.kb_state()
            self._stamp, self._empty = stamp, state.factchecks + state.narratives == 0
            self._loaded = True  # the matcher reloads its index for a new stamp
        if self._empty:
            return self._pipeline, None
        if self._matcher is None:
            self._matcher = Matcher(self.store, self.options, notify=log.info)
        return self._pipeline, self._matcher

    def _settle(self, *, analysed: bool) -> None:
        """Freeze what the models and the index hold (see :data:`_FREEZE_AT`) once they are
        loaded: after a search that loaded something, and after analyses (a document in a new
        language loads that language's models). Call with the lock held."""
        if not (analysed or self._loaded):
            return
        self._loaded = False
        if len(gc.get_objects(generation=2)) > _FREEZE_AT:
            gc.freeze()

    def analyse(self, doc: Document) -> Document:
        """``doc`` analysed, its check-worthy claims matched against the knowledge base (when
        it holds anything)."""
        with self._lock:
            pipeline, matcher = self._parts()
            doc = pipeline(doc)
            if matcher is not None:
                matcher.match_document(doc)
            self._settle(analysed=True)
        return doc

    def analyse_stored(self, org_id: int, stored: StoredDocument, actor: Actor
                       ) -> StoredDocument:
        """Analyse a stored document and keep its analysis, claims and matches: only matches
        to records the organisation may read (TLP markings and releasability)."""
        analysed = self.analyse(stored.as_document())
        audience = self.store.kb.audience(org_id, Channel.API)
        analysed.claims = [replace(c, matches=self.visible(c.matches, audience))
                           for c in analysed.claims]
        return self.store.documents.save_analysis(org_id, stored.id, analysed, actor)

    def search(self, query: str, language: str | None, k: int,
               audience: Audience | None = None) -> list[Match]:
        """Knowledge-base records for ``query``, best first, every one shown (that
        ``audience`` may read)."""
        with self._lock:
            _, matcher = self._parts()
            if matcher is None:
                return []
            # records the audience may not read are dropped after ranking: ask for more
            wanted = k if audience is None else min(4 * k, k + 100)
            found = matcher.match_text(query, language, k=wanted, everything=True)
            self._settle(analysed=False)
        return self.visible(found, audience)[:k]

    def visible(self, found: list[Match], audience: Audience | None) -> list[Match]:
        """The matches whose records ``audience`` may read (all of them without one)."""
        if audience is None or not found:
            return found
        records = self.store.get_records([m.target_id for m in found])
        return [m for m in found if (record := records.get(m.target_id)) is not None
                and audience.allows(record.marking, record.releasable_to)]
