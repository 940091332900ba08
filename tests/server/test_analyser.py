"""The server's analyser: what a search costs besides the search (the load benchmark's tail)."""

from __future__ import annotations

import gc

import pytest
from tests.server.conftest import Server
from tests.server.test_documents_api import RECORDS

from faro import _analyser
from faro.store import KBState


def _search(server: Server, q: str) -> list[str]:
    found = server.client.get("/api/v1/factchecks/search", params={"q": q},
                              headers=server.auth("viewer"))
    assert found.status_code == 200, found.text
    return [m["target_id"] for m in found.json()]


def test_the_knowledge_base_is_counted_once_per_version(server: Server,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[KBState] = []
    real = server.store.kb_state

    def kb_state() -> KBState:
        counted.append(real())
        return counted[-1]

    monkeypatch.setattr(server.store, "kb_state", kb_state)
    assert _search(server, "antenne 5G coronavirus") == []  # empty: nothing to search
    server.store.put_records(RECORDS[1:])
    assert "https://fc.example/5g" not in _search(server, "antenne 5G coronavirus")
    seen = len(counted)
    _search(server, "il sindaco ha chiuso la scuola")
    _search(server, "antenne 5G")
    assert len(counted) == seen  # same version: no counting, no index check beyond the stamp
    server.store.put_records(RECORDS[:1])  # a new version is seen at once
    assert _search(server, "antenne 5G coronavirus")[0] == "https://fc.example/5g"
    assert len(counted) > seen


def test_loaded_models_are_frozen_out_of_the_collectors_reach(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.store.put_records(RECORDS)
    monkeypatch.setattr(_analyser, "_FREEZE_AT", 0)
    gc.unfreeze()
    try:
        _search(server, "antenne 5G coronavirus")  # loads the index: frozen after
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
