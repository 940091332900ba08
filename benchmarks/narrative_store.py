"""Stored narratives: the cost of clustering through the database, and of resuming after a
restart by reading the clusterer's state back versus rebuilding it from the stored claims.

The claims are the recombined stream of ``benchmarks/narratives.py`` (real posts, stories that
come and go; ``PER_DAY`` claims a day), inserted as documents with one claim each straight into
a fresh database (the pipeline is not what is measured). Then:

- **through the store**: :meth:`Narratives.cluster_pending` clusters them all in transactions of
  500 claims, writing each touched narrative's centroid and exemplars, the document
  frequencies and the memberships: claims per second; the same stream placed by a bare
  in-memory :class:`~faro.narratives.Clusterer` is the baseline;
- **one more claim** after that (:meth:`Narratives.add_claims` in a transaction of its own, as
  a saved analysis calls it): the latency clustering adds to a save, median of ``SINGLE``;
- **resume** in a new process's shoes (a new engine): reading the state back (the narratives'
  centroids and exemplars, the document frequencies) — what faro does — versus re-placing every
  stored claim from its text (the other choice: rebuild from the members);
- **size** of the state tables, and the time to list the window's top 20 narratives.

    python benchmarks/narrative_store.py [--claims 50000] [--url DATABASE_URL] [--json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit
from faro.narratives import ClaimItem, Clusterer
from faro.store import CLI, Store
from faro.store._narratives import Narratives
from faro.store._tables import claims, cluster_terms, clusters, documents
from narratives import stream

PER_DAY = 500
SINGLE = 50
START = date(2024, 1, 1)


def _insert(store: Store, org_id: int, items: list[ClaimItem]) -> None:
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for i in range(0, len(items), 1000):
            chunk = items[i:i + 1000]
            first = conn.execute(sa.select(sa.func.coalesce(sa.func.max(documents.c.id), 0)))
            base = int(first.scalar_one()) + 1
            conn.execute(documents.insert(), [
                {"id": base + j, "org_id": org_id, "text": c.text, "language": c.language,
                 "source": f"source-{j % 40}", "meta": {}, "status": "analysed",
                 "published": datetime.combine(START + timedelta(days=(i + j) // PER_DAY),
                                               datetime.min.time(), UTC),
                 "created_at": now, "updated_at": now} for j, c in enumerate(chunk)])
            conn.execute(claims.insert(), [
                {"document_id": base + j, "sentence": 0, "start_offset": 0,
                 "end_offset": len(c.text), "text": c.text, "score": 0.9, "scorer": "bench"}
                for j, c in enumerate(chunk)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--url", help="A database URL (default: a SQLite file in a temporary "
                                      "folder); PostgreSQL: an empty schema")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = list(stream(args.claims + SINGLE))
    bulk, extra = items[:args.claims], items[args.claims:]
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'faro.db'}"
        result: dict[str, object] = {"claims": args.claims, "backend": url.split(":")[0]}

        started = time.perf_counter()
        memory = Clusterer()
        for item in bulk:
            memory.add(item)
        in_memory = time.perf_counter() - started
        result["in_memory_claims_per_s"] = round(args.claims / in_memory)

        with Store.open(url) as store:
            org, _ = store.accounts.ensure_organisation("bench", CLI)
            _insert(store, org.id, bulk)
            narratives = Narratives(store.engine)
            started = time.perf_counter()
            narratives.cluster_pending(org.id)
            stored = time.perf_counter() - started
            result["stored_claims_per_s"] = round(args.claims / stored)
            _insert(store, org.id, extra)
            with store.engine.connect() as conn:
                new_ids = conn.execute(sa.select(claims.c.id).order_by(claims.c.id.desc())
                                       .limit(len(extra))).scalars().all()[::-1]
            day = START + timedelta(days=args.claims // PER_DAY)
            latencies = []
            for claim_id, item in zip(new_ids, extra, strict=True):
                started = time.perf_counter()
                with store.engine.begin() as conn:  # as save_analysis does, one claim
                    narratives.add_claims(conn, org.id, [(claim_id, day, item)])
                latencies.append(time.perf_counter() - started)
            result["one_more_claim_ms_median"] = round(statistics.median(latencies) * 1000, 2)
            started = time.perf_counter()
            narratives.find(org.id, limit=20)
            result["list_top_20_ms"] = round((time.perf_counter() - started) * 1000, 1)
            with store.engine.connect() as conn:
                n_clusters = conn.execute(sa.select(sa.func.count()).select_from(
                    clusters)).scalar_one()
                n_terms = conn.execute(sa.select(sa.func.count()).select_from(
                    cluster_terms)).scalar_one()
                state_bytes = conn.execute(sa.select(sa.func.sum(
                    sa.func.length(sa.cast(clusters.c.centroid, sa.Text))
                    + sa.func.length(sa.cast(clusters.c.exemplars, sa.Text))))).scalar_one()
            result |= {"narratives": n_clusters, "terms": n_terms,
                       "state_kb_per_narrative": round(state_bytes / n_clusters / 1024, 2)}

        with Store.open(url) as store:  # a restart: a new engine, nothing in memory
            narratives = Narratives(store.engine)
            started = time.perf_counter()
            with store.engine.begin() as conn:
                loaded = narratives._clusterer(conn, org.id)
            result["resume_read_state_s"] = round(time.perf_counter() - started, 3)
            result["resume_active"] = len(loaded.clusterer.active)
            started = time.perf_counter()
            with store.engine.connect() as conn:
                texts = conn.execute(sa.select(claims.c.text, documents.c.language)
                                     .join(documents, documents.c.id == claims.c.document_id)
                                     .order_by(claims.c.id)).all()
            rebuilt = Clusterer()
            for i, (text, language) in enumerate(texts):
                rebuilt.add(ClaimItem(str(i), text, language))
            result["resume_rebuild_from_claims_s"] = round(time.perf_counter() - started, 3)
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
