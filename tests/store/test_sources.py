"""Monitored sources and ingested documents, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from faro._errors import ConflictError
from faro.model import Document
from faro.store import CLI, DocumentFilter, SourceSpec, Store


def _signature(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, 126, dtype=np.uint32)


def test_sources_sync_and_keep_their_state(database_url: str) -> None:
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        other, _ = store.accounts.ensure_organisation("B", CLI)
        feed = SourceSpec("wire", "http://127.0.0.1:1/feed", "feed", 600)
        (row,) = store.sources.sync(org.id, [feed], now=now)
        assert (row.name, row.kind, row.interval, row.next_due_at) == ("wire", "feed", 600, now)
        assert store.sources.all(other.id) == []

        later = now + timedelta(minutes=1)
        store.sources.succeeded(row.id, at=later, next_due_at=later + timedelta(seconds=600),
                                etag='"v1"', last_modified="Tue, 05 Nov 2024 09:00:00 GMT")
        store.sources.failed(row.id, at=later, next_due_at=later + timedelta(seconds=60),
                             error="[F110] http://127.0.0.1:1/feed: HTTP 503", item_errors=1)
        store.sources.failed(row.id, at=later, next_due_at=later + timedelta(seconds=120),
                             error="[F110] again")
        row = store.sources.get(org.id, row.id)
        assert (row.etag, row.failures, row.last_error, row.item_errors) == (
            '"v1"', 2, "[F110] again", 1)
        assert row.last_success_at == later and row.next_due_at == later + timedelta(seconds=120)

        # a changed interval is taken over, the state kept; a changed location starts afresh
        (row,) = store.sources.sync(org.id, [SourceSpec("wire", feed.location, "feed", 60)])
        assert (row.interval, row.etag, row.failures) == (60, '"v1"', 2)
        (row,) = store.sources.sync(org.id, [SourceSpec("wire", "http://127.0.0.1:2/f")],
                                    now=now)
        assert (row.kind, row.etag, row.failures, row.next_due_at) == ("auto", None, 0, now)


def test_ingested_documents_with_signatures_and_groups(database_url: str) -> None:
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        other, _ = store.accounts.ensure_organisation("B", CLI)
        (src,) = store.sources.sync(org.id, [SourceSpec("wire", "http://127.0.0.1:1/feed")])
        first = store.sources.add_document(
            org.id, Document("feed:https://a.example/1", "A first text.", title="First"),
            CLI, signature=_signature(1), source_id=src.id)
        copy = store.sources.add_document(
            org.id, Document("feed:https://b.example/1", "A first text, again."), CLI,
            signature=_signature(2), source_id=src.id, duplicate_of=first.id, similarity=0.8)
        assert (first.status, copy.status) == ("new", "duplicate")
        with pytest.raises(ConflictError):
            store.sources.add_document(org.id, Document("feed:https://a.example/1", "x"), CLI,
                                       signature=_signature(3))
        store.sources.add_document(other.id, Document("feed:https://a.example/1", "B's"), CLI,
                                   signature=_signature(4))

        known = store.sources.known(org.id, ["feed:https://a.example/1", "nope"])
        assert known == {"feed:https://a.example/1": (first.id, "new")}
        batches = list(store.sources.signatures(org.id, batch=1))
        keys = [k for ks, _, _ in batches for k in ks]
        groups = [g for _, _, gs in batches for g in gs]
        assert keys == [str(first.id), str(copy.id)] and groups == [None, str(first.id)]
        assert np.array_equal(batches[0][1][0], _signature(1))

        listed = store.sources.listing(org.id)
        assert [(d.id, d.source, d.status, d.duplicate_of, d.claims) for d in listed] == [
            (copy.id, "wire", "duplicate", first.id, 0), (first.id, "wire", "new", None, 0)]
        assert store.sources.listing(org.id, DocumentFilter(title="first"))[0].id == first.id
        (row,) = store.sources.all(org.id)
        assert (row.items, row.duplicates) == (2, 1)
        # the documents API's list does not carry the signatures
        assert store.documents.find(org.id)[1] == 2
