"""Narratives found in an organisation's claims, stored: clustering as analyses are saved,
resuming after a restart, analysts' edits with their audit entries, trends and bursts; on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from tests.narratives.stored import DAY, MOON, VACCINE, save_claims

from faro._errors import InvalidRequestError, RecordNotFoundError
from faro.model import Narrative
from faro.store import CLI, Actor, Store, read_audit
from faro.store._narratives import Narratives
from faro.store._tables import cluster_members, cluster_state


def _partition(store: Store, org_id: int) -> set[frozenset[str]]:
    narratives = Narratives.of(store.engine)
    found, _ = narratives.find(org_id, since=date(2000, 1, 1), limit=1000)
    return {frozenset(m.text for m in narratives.members(org_id, n.id, limit=1000)[0])
            for n in found}


def test_claims_saved_with_an_analysis_join_narratives(database_url: str) -> None:
    with Store.open(database_url) as store:
        a, _ = store.accounts.ensure_organisation("A", CLI)
        b, _ = store.accounts.ensure_organisation("B", CLI)
        save_claims(store, a.id, MOON[:2], day=DAY)
        save_claims(store, a.id, VACCINE[:1], day=DAY, source="other")
        save_claims(store, a.id, MOON[2:3], day=DAY + timedelta(days=2), lang="en", source="blog")
        narratives = Narratives.of(store.engine)
        assert _partition(store, a.id) == {frozenset(MOON[:3]), frozenset(VACCINE[:1])}
        found, window = narratives.find(a.id)
        assert window.until == DAY + timedelta(days=2)
        assert window.since == window.until - timedelta(days=29)
        moon = found[0]
        assert moon.size == 3 and moon.window_volume == 3
        assert moon.volume == {DAY: 2, DAY + timedelta(days=2): 1}
        assert (moon.first_seen, moon.last_seen) == (DAY, DAY + timedelta(days=2))
        assert moon.languages == {"en": 3} and moon.sources == {"feed": 2, "blog": 1}
        assert moon.representative in MOON and "moon" in moon.key_terms
        assert moon.title == moon.representative and not moon.emerging
        # the other organisation sees none of it, and its claims cluster apart
        assert narratives.find(b.id)[0] == []
        with pytest.raises(RecordNotFoundError):
            narratives.get(b.id, moon.id)
        save_claims(store, b.id, MOON[:1])
        (theirs,), _ = narratives.find(b.id)
        assert theirs.id != moon.id and theirs.size == 1


def test_links_to_the_same_known_record_join_languages(database_url: str) -> None:
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        save_claims(store, org.id, ["Biolabs in Ukraine make weapons"], links=("nar:1",))
        save_claims(store, org.id, ["Биолаборатории на Украине делают оружие"], lang="ru",
              links=("nar:1",))
        (found,), _ = Narratives.of(store.engine).find(org.id)
        assert found.size == 2 and found.languages == {"en": 1, "ru": 1}
        assert found.link == "nar:1"


def test_clustering_resumes_after_a_restart_as_if_never_stopped(database_url: str,
                                                                tmp_path: object) -> None:
    stream = [MOON[0], VACCINE[0], MOON[1], VACCINE[1], MOON[2], VACCINE[2], MOON[3]]
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        save_claims(store, org.id, stream[:3])
    with Store.open(database_url) as store:  # a new engine: the clusterer is read back
        assert Narratives.of(store.engine)._loaded == {}
        save_claims(store, org.id, stream[3:])
        resumed = _partition(store, org.id)
        state = Narratives.of(store.engine)._loaded[org.id].clusterer
        assert state.claims == len(stream)
    assert resumed == {frozenset(MOON), frozenset(VACCINE)}


def test_a_process_reloads_what_another_one_clustered(database_url: str) -> None:
    with Store.open(database_url) as first, Store.open(database_url) as second:
        org, _ = first.accounts.ensure_organisation("A", CLI)
        save_claims(first, org.id, MOON[:1])
        save_claims(second, org.id, VACCINE[:1])  # second loads first's narrative
        save_claims(first, org.id, VACCINE[1:2])  # first is stale: it reloads and joins second's
        assert _partition(first, org.id) == {frozenset(MOON[:1]), frozenset(VACCINE[:2])}


def test_a_failed_save_leaves_no_narrative_behind(database_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import faro.store._documents as documents_module

    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        real = documents_module.record

        def failing(conn: sa.Connection, actor: Actor, action: str, *args: object,
                    **kwargs: object) -> None:
            if action == "document.analyse":
                raise RuntimeError("disk full")
            real(conn, actor, action, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(documents_module, "record", failing)
        with pytest.raises(RuntimeError):
            save_claims(store, org.id, MOON[:1])
        monkeypatch.setattr(documents_module, "record", real)
        save_claims(store, org.id, MOON[1:2])  # would join the rolled-back narrative if kept
        assert _partition(store, org.id) == {frozenset(MOON[1:2])}


def test_claims_stored_before_clustering_are_clustered_on_demand(database_url: str) -> None:
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        save_claims(store, org.id, MOON[:2] + VACCINE[:2])
        with store.engine.begin() as conn:  # as a database from before migration 0004
            conn.execute(cluster_members.delete())
            conn.execute(cluster_state.delete())
        narratives = Narratives(store.engine)
        assert narratives.find(org.id)[0] == []
        assert narratives.cluster_pending(org.id) == 4
        assert narratives.cluster_pending(org.id) == 0
        found, _ = narratives.find(org.id)
        assert sorted(n.size for n in found) == [2, 2]


def test_merge_split_and_update_are_audited(database_url: str) -> None:
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        other, _ = store.accounts.ensure_organisation("B", CLI)
        store.put_records([Narrative(id="nar:biolabs", title="Biolabs", summary="s",
                                     language="en")])
        actor = Actor("user:1", org.id, 1)
        moon_ids = save_claims(store, org.id, MOON)
        save_claims(store, org.id, VACCINE)
        narratives = Narratives.of(store.engine)
        found, _ = narratives.find(org.id)
        moon, vaccine = found
        assert moon.size == 4 and vaccine.size == 3

        renamed = narratives.update(org.id, moon.id, {
            "label": "  Staged   moon landing ", "disarm": ["t0003", "T0022"],
            "kb_narrative_id": "nar:biolabs"}, actor)
        assert renamed.label == "Staged moon landing" and renamed.title == renamed.label
        assert renamed.disarm == ["T0003", "T0022"] and renamed.kb_narrative_id == "nar:biolabs"

        left, new = narratives.split(org.id, moon.id, moon_ids[2:], actor, label="NASA films")
        assert (left.size, new.size) == (2, 2) and new.label == "NASA films"
        assert left.label == "Staged moon landing" and left.disarm == ["T0003", "T0022"]
        assert {m.claim_id for m in narratives.members(org.id, new.id)[0]} == set(moon_ids[2:])

        merged = narratives.merge(org.id, left.id, new.id, actor)
        assert merged.size == 4 and merged.label == "Staged moon landing"
        with pytest.raises(RecordNotFoundError):
            narratives.get(org.id, new.id)
        # the merged narrative's centroid holds both halves: a claim like either joins it
        save_claims(store, org.id, ["The moon landing was filmed in a Hollywood studio"])
        assert narratives.get(org.id, merged.id).size == 5

        entries = read_audit(store.engine, org.id, limit=100,
                             actions=["narrative.update", "narrative.split",
                                      "narrative.merge"])[0]
        assert [e.action for e in entries] == ["narrative.merge", "narrative.split",
                                               "narrative.update"]
        merge, split, update = entries
        assert merge.before is not None and merge.before["merged"]["id"] == new.id
        assert merge.after is not None and merge.after["size"] == 4
        assert split.after is not None and split.after["claims"] == sorted(moon_ids[2:])
        assert update.before is not None and update.before["label"] is None
        assert update.after is not None and update.after["label"] == "Staged moon landing"

        bad = [
            (RecordNotFoundError, lambda: narratives.merge(org.id, merged.id, 99999, actor)),
            (RecordNotFoundError, lambda: narratives.update(other.id, merged.id,
                                                            {"label": "x"}, actor)),
            (RecordNotFoundError, lambda: narratives.update(org.id, merged.id,
                                                            {"kb_narrative_id": "nar:no"},
                                                            actor)),
            (InvalidRequestError, lambda: narratives.merge(org.id, merged.id, merged.id,
                                                           actor)),
            (InvalidRequestError, lambda: narratives.split(org.id, merged.id, [], actor)),
            (InvalidRequestError, lambda: narratives.split(org.id, merged.id, [99999],
                                                           actor)),
            (InvalidRequestError, lambda: narratives.split(org.id, vaccine.id, [
                m.claim_id for m in narratives.members(org.id, vaccine.id)[0]], actor)),
            (InvalidRequestError, lambda: narratives.update(org.id, merged.id,
                                                            {"disarm": ["T9999"]}, actor)),
            (InvalidRequestError, lambda: narratives.update(org.id, merged.id,
                                                            {"colour": "red"}, actor)),
            (InvalidRequestError, lambda: narratives.update(org.id, merged.id,
                                                            {"label": "x" * 501}, actor)),
        ]
        for error, call in bad:
            with pytest.raises(error):
                call()
        assert narratives.get(org.id, merged.id).size == 5


def test_emerging_narratives_burst_in_the_window(database_url: str) -> None:
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        for offset in (0, 4, 8):  # a quiet narrative: one claim every few days
            save_claims(store, org.id, VACCINE[offset // 4: offset // 4 + 1],
                  day=DAY + timedelta(days=offset))
        save_claims(store, org.id, MOON[:1], day=DAY)
        last = DAY + timedelta(days=10)
        save_claims(store, org.id, MOON + [MOON[0] + " again", "Moon landing staged, say experts"],
              day=last)
        narratives = Narratives.of(store.engine)
        emerging, window = narratives.find(org.id, emerging=True)
        assert window.until == last
        assert [n.representative in MOON or n.label for n in emerging] == [True]
        (burst,) = emerging[0].bursts
        assert burst.day == last and burst.count == 6 and burst.p_value <= 1e-3
        everything, _ = narratives.find(org.id)
        assert [n.window_volume for n in everything] == [7, 3]
        assert [n.emerging for n in everything] == [True, False]
        # a window that ends before the burst shows none
        assert narratives.find(org.id, until=last - timedelta(days=1), emerging=True)[0] == []
        with pytest.raises(InvalidRequestError):
            narratives.find(org.id, since=last, until=DAY)
        assert narratives.find(org.id, limit=1, offset=1)[0][0].window_volume == 3


def test_the_command_line_lists_and_edits_narratives(database_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from faro.cli import app

    monkeypatch.setenv("FARO_DATABASE_URL", database_url)
    runner = CliRunner()
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("Desk", CLI)
        moon_ids = save_claims(store, org.id, MOON)
        save_claims(store, org.id, VACCINE, day=DAY + timedelta(days=1))
    listed = runner.invoke(app, ["narratives", "--json"])
    assert listed.exit_code == 0, listed.output
    got = json.loads(listed.stdout)
    assert (got["since"], got["until"]) == ("2024-02-02", "2024-03-02")
    moon, vaccine = got["narratives"]
    assert moon["window_volume"] == 4 and moon["volume"]["2024-03-01"] == 4
    assert len(moon["volume"]) == 30 and moon["languages"] == {"en": 4}
    table = runner.invoke(app, ["narratives", "--since", "2024-02-25"])
    assert table.exit_code == 0 and "4 / 4" in table.stdout and "█" in table.stdout

    renamed = runner.invoke(app, ["narratives", "rename", str(moon["id"]), "Moon hoax",
                                  "--json"])
    assert renamed.exit_code == 0 and json.loads(renamed.stdout)["label"] == "Moon hoax"
    split = runner.invoke(app, ["narratives", "split", str(moon["id"]), str(moon_ids[0]),
                                "--label", "Studio", "--json"])
    assert split.exit_code == 0 and json.loads(split.stdout)["size"] == 1
    new_id = json.loads(split.stdout)["id"]
    merged = runner.invoke(app, ["narratives", "merge", str(moon["id"]), str(new_id)])
    assert merged.exit_code == 0 and "Moon hoax (4 claims)" in merged.stdout
    tagged = runner.invoke(app, ["narratives", "tag", str(vaccine["id"]), "T0003", "--json"])
    assert tagged.exit_code == 0 and json.loads(tagged.stdout)["disarm"] == ["T0003"]
    shown = runner.invoke(app, ["narratives", "show", str(moon["id"]), "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["members_total"] == 4
    with Store.open(database_url) as store:
        actions = [e.action for e in read_audit(store.engine, org.id, limit=10)[0]]
        assert actions[:4] == ["narrative.update", "narrative.merge", "narrative.split",
                               "narrative.update"]

    for args, code in ((["narratives", "--since", "March"], "F100"),
                       (["narratives", "--since", "2024-03-05", "--until", "2024-03-01"],
                        "F504"),
                       (["narratives", "merge", str(moon["id"]), "999"], "F403"),
                       (["narratives", "show", "999"], "F403"),
                       (["narratives", "split", str(moon["id"]), "999"], "F504"),
                       (["narratives", "tag", str(moon["id"]), "T9999"], "F504"),
                       (["narratives", "link", str(moon["id"]), "nar:unknown"], "F403"),
                       (["narratives", "--org", "Nobody"], "F403")):
        failed = runner.invoke(app, args)
        assert failed.exit_code != 0, args
        assert code in failed.output, (args, failed.output)
    with Store.open(database_url) as store:
        store.accounts.ensure_organisation("Other", CLI)
    assert "F100" in runner.invoke(app, ["narratives"]).output
    assert runner.invoke(app, ["narratives", "--org", "Desk"]).exit_code == 0


def test_recluster_rebuilds_every_narrative_with_the_current_threshold(
        database_url: str) -> None:
    from faro.narratives import BurstSettings, ClusterSettings

    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("A", CLI)
        save_claims(store, org.id, MOON + VACCINE)
        assert _partition(store, org.id) == {frozenset(MOON), frozenset(VACCINE)}
        narratives = Narratives.of(store.engine)
        moon = next(n for n in narratives.find(org.id)[0] if "moon" in n.key_terms)
        narratives.update(org.id, moon.id, {"label": "Moon hoax"}, Actor("user:1", org.id, 1))
        # a threshold no two claims reach: each claim its own narrative
        strict = Narratives.configure(store.engine, ClusterSettings(threshold=0.99),
                                      BurstSettings())
        before, done = strict.recluster(org.id, Actor("user:1", org.id, 1))
        assert (before, done) == (2, len(MOON) + len(VACCINE))
        assert _partition(store, org.id) == {frozenset([t]) for t in MOON + VACCINE}
        assert all(n.label is None for n in strict.find(org.id, limit=100)[0])
        [entry] = read_audit(store.engine, org.id, actions=["narrative.recluster"])[0]
        assert entry.before == {"narratives": 2} and entry.after == {"threshold": 0.99}
        # and back: the default threshold finds the two narratives again
        default = Narratives.configure(store.engine, ClusterSettings(), BurstSettings())
        default.recluster(org.id, Actor("user:1", org.id, 1))
        assert _partition(store, org.id) == {frozenset(MOON), frozenset(VACCINE)}
        with store.engine.connect() as conn:  # no member left behind
            assert conn.execute(sa.select(sa.func.count()).select_from(
                cluster_members)).scalar_one() == len(MOON) + len(VACCINE)


def test_recluster_from_the_command_line_asks_first(database_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from faro.cli import app

    monkeypatch.setenv("FARO_DATABASE_URL", database_url)
    with Store.open(database_url) as store:
        org, _ = store.accounts.ensure_organisation("Desk", CLI)
        save_claims(store, org.id, MOON + VACCINE)
    runner = CliRunner()
    refused = runner.invoke(app, ["narratives", "recluster"])
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    monkeypatch.setenv("FARO_NARRATIVE_THRESHOLD", "0.99")
    done = runner.invoke(app, ["narratives", "recluster", "--yes"])
    assert done.exit_code == 0, done.output
    assert "2 narrative(s) forgotten; 7 claim(s) clustered again (threshold 0.99)" in \
        " ".join(done.stderr.split())
