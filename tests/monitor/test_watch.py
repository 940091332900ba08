"""faro watch's loop: due sources, conditional requests, back-off, politeness, and a monitor
stopped or killed half-way that resumes without losing or repeating anything."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.ingest._server import send, serve
from tests.monitor.conftest import STORIES, ingester, rss, send_feed

from faro._analyser import Analyser
from faro._errors import ConfigError
from faro.monitor import Watcher, WatchSettings, read_config, retry_delay
from faro.store import SourceSpec, Store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_conditional_requests_back_off_and_status(store: Store) -> None:
    seen: list[str | None] = []
    answers = {"busy": 2}

    def feed(handler: BaseHTTPRequestHandler) -> None:
        seen.append(handler.headers.get("If-None-Match"))
        send_feed(handler, rss([("a1", STORIES[1])]), etag='"v1"')

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        if answers["busy"]:
            answers["busy"] -= 1
            send(handler, 503, b"busy", {"Content-Type": "text/plain"})
        else:
            send_feed(handler, rss([("f1", STORIES[2])]))

    clock = Clock()
    settings = WatchSettings(politeness=0, retry_base=60, retry_cap=100)
    with serve({"/feed": feed, "/flaky": flaky}) as base:
        specs = [SourceSpec("wire", f"{base}/feed", "feed", 600),
                 SourceSpec("flaky", f"{base}/flaky", "auto", 600)]
        watcher = Watcher(ingester(store), specs, settings, clock=clock,
                          rng=random.Random(1))
        reports = {r.source: r for r in watcher.run_due()}
        assert reports["wire"].new == 1 and reports["flaky"].failure is not None
        rows = {r.name: r for r in store.sources.all(watcher.ingester.org_id)}
        assert rows["wire"].etag == '"v1"' and rows["wire"].items == 1
        assert rows["wire"].next_due_at == clock.now + timedelta(seconds=600)
        flaky_row = rows["flaky"]
        assert flaky_row.failures == 1 and flaky_row.last_error.startswith("[F110]")
        first_wait = (flaky_row.next_due_at - clock.now).total_seconds()
        assert 30 <= first_wait <= 60  # retry_base, less up to half of it

        clock.now += timedelta(seconds=60)
        assert [r.source for r in watcher.run_due()] == ["flaky"]  # wire is not due yet
        flaky_row = store.sources.get(watcher.ingester.org_id, flaky_row.id)
        assert flaky_row.failures == 2
        assert 50 <= (flaky_row.next_due_at - clock.now).total_seconds() <= 100  # capped

        clock.now += timedelta(seconds=600)
        reports = {r.source: r for r in watcher.run_due()}
        assert reports["wire"].not_modified and reports["flaky"].new == 1
        assert seen == [None, '"v1"']
        flaky_row = store.sources.get(watcher.ingester.org_id, flaky_row.id)
        assert flaky_row.failures == 0 and flaky_row.last_success_at == clock.now
        assert flaky_row.last_error is not None  # kept, with when it happened


def test_a_servers_retry_after_is_honoured_up_to_the_cap(store: Store) -> None:
    def limited(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "1800"})

    clock = Clock()
    with serve({"/limited": limited}) as base:
        spec = SourceSpec("limited", f"{base}/limited", "feed", 600)
        for cap, expected in ((6 * 3600, 1800), (900, 900)):
            watcher = Watcher(ingester(store), [spec],
                              WatchSettings(politeness=0, retry_base=60, retry_cap=cap),
                              clock=clock, rng=random.Random(1))
            [report] = watcher.run_due()
            assert report.failure is not None and report.failure.code == "F110"
            row = store.sources.all(watcher.ingester.org_id)[0]
            assert (row.next_due_at - clock.now).total_seconds() == expected
            clock.now = row.next_due_at


def test_retry_delay_doubles_up_to_the_cap() -> None:
    settings = WatchSettings(retry_base=10, retry_cap=100, jitter=0.0)
    rng = random.Random(0)
    assert [retry_delay(n, settings, rng) for n in (1, 2, 3, 4, 5, 60)] == [
        10, 20, 40, 80, 100, 100]
    jittered = WatchSettings(retry_base=10, retry_cap=100)
    waits = {retry_delay(1, jittered, rng) for _ in range(50)}
    assert min(waits) >= 5 and max(waits) <= 10 and len(waits) > 40


def test_politeness_between_requests_to_one_host(store: Store) -> None:
    times: list[float] = []

    def feed(handler: BaseHTTPRequestHandler) -> None:
        times.append(time.monotonic())
        send_feed(handler, rss([(handler.path, STORIES[3])]))

    with serve({"/a": feed, "/b": feed}) as base:
        specs = [SourceSpec("a", f"{base}/a", "feed", 600),
                 SourceSpec("b", f"{base}/b", "feed", 600)]
        Watcher(ingester(store), specs, WatchSettings(politeness=0.6)).run_due()
    assert len(times) == 2 and times[1] - times[0] >= 0.6


class Crash(BaseException):
    """The process dying in the middle of an analysis (nothing after it runs)."""


def test_killed_half_way_then_restarted_loses_and_repeats_nothing(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [(f"e{i}", text) for i, text in enumerate(STORIES)]
    with serve({"/feed": lambda h: send_feed(h, rss(entries), etag='"v1"')}) as base:
        spec = SourceSpec("wire", f"{base}/feed", "feed", 600)
        real = Analyser.analyse
        calls = {"n": 0}

        def dying(self: Analyser, doc: object) -> object:
            calls["n"] += 1
            if calls["n"] == 4:
                raise Crash
            return real(self, doc)  # type: ignore[arg-type]

        monkeypatch.setattr(Analyser, "analyse", dying)
        with pytest.raises(Crash):
            Watcher(ingester(store), [spec], WatchSettings(politeness=0)).run_due()
        org_id = ingester(store).org_id
        statuses = sorted(d.status for d in store.sources.listing(org_id))
        assert statuses == ["analysed"] * 3 + ["new"]  # the fourth stored, not analysed
        (row,) = store.sources.all(org_id)
        assert row.etag is None and row.last_success_at is None  # nothing saved of the run

        monkeypatch.setattr(Analyser, "analyse", real)
        (report,) = Watcher(ingester(store), [spec], WatchSettings(politeness=0)).run_due()
        assert (report.known, report.resumed, report.new) == (3, 1, 2)
        listed = store.sources.listing(org_id)
        assert len(listed) == len(STORIES) and {d.status for d in listed} == {"analysed"}
        assert len({d.url for d in listed}) == len(STORIES)
        (row,) = store.sources.all(org_id)
        assert row.etag == '"v1"' and row.items == len(STORIES)


def test_stopped_by_a_signal_mid_source_resumes(store: Store) -> None:
    entries = [(f"s{i}", text) for i, text in enumerate(STORIES)]
    with serve({"/feed": lambda h: send_feed(h, rss(entries))}) as base:
        spec = SourceSpec("wire", f"{base}/feed", "feed", 600)
        stop = threading.Event()
        run = ingester(store, stop=stop)
        real = run.analyser.analyse_stored

        def analyse_then_stop(*args: object) -> object:
            stop.set()  # a SIGTERM arriving during the first analysis
            return real(*args)  # type: ignore[arg-type]

        run.analyser.analyse_stored = analyse_then_stop  # type: ignore[method-assign]
        (report,) = Watcher(run, [spec], WatchSettings(politeness=0)).run_due()
        assert report.interrupted and report.new == 1
        (row,) = store.sources.all(run.org_id)
        assert row.last_success_at is None and row.next_due_at <= datetime.now(UTC)

        (report,) = Watcher(ingester(store), [spec], WatchSettings(politeness=0)).run_due()
        assert (report.known, report.new, report.interrupted) == (1, len(STORIES) - 1, False)


@pytest.mark.parametrize(("written", "seconds"), [("600", 600), ("'10m'", 600),
                                                   ("'2h'", 7200), ("'1d'", 86400),
                                                   ("' 90S '", 90)])
def test_intervals_in_seconds_or_durations(tmp_path: Path, written: str, seconds: int) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(f"[[source]]\nurl = 'https://a.example'\ninterval = {written}\n",
                      "utf-8")
    assert read_config(config)[0][0].interval == seconds


def test_config(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text('[watch]\npoliteness = 1\n\n[[source]]\nurl = "https://news.example/rss"'
                      '\nkind = "feed"\ninterval = 900\n\n[[source]]\nname = "exports"\n'
                      'path = "exports"\n', "utf-8")
    specs, settings = read_config(config)
    assert settings.politeness == 1.0 and settings.retry_base == 60.0
    assert specs == [SourceSpec("https://news.example/rss", "https://news.example/rss", "feed",
                                900),
                     SourceSpec("exports", str(tmp_path / "exports"), "auto", 3600)]
    bad = {
        "[[source]]\nurl = 'x'\n": "not a URL",
        "[[source]]\nurl = 'https://a.example'\npath = 'b'\n": "one of url or path",
        "[[source]]\nurl = 'https://a.example'\ninterval = 1\n": "interval",
        "[[source]]\nurl = 'https://a.example'\ninterval = '5s'\n": "at least",
        "[[source]]\nurl = 'https://a.example'\ninterval = 'often'\n": "duration",
        "[[source]]\nurl = 'https://a.example'\ninterval = true\n": "interval",
        "[[source]]\nurl = 'https://a.example'\nkind = 'rss'\n": "kind must be",
        "[[source]]\nurl = 'https://a.example'\nevery = 3\n": "unknown keys",
        "[[source]]\nurl = 'https://a.example'\n[[source]]\nurl = 'https://a.example'\n":
            "named twice",
        "[watch]\nretry_cap = 1\n[[source]]\nurl = 'https://a.example'\n": "retry_cap",
        "[[source]\n": "not valid TOML",
        "": "no [[source]]",
    }
    for text, message in bad.items():
        config.write_text(text, "utf-8")
        with pytest.raises(ConfigError, match=message.replace("[", r"\[")) as caught:
            read_config(config)
        assert caught.value.code == "F800"
