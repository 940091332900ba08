"""Continuous monitoring: sources from a TOML file, each run when it is due.

A configuration file::

    [watch]                  # all optional
    politeness = 2.0         # seconds between two requests to one host
    retry_base = 60          # first retry after a failure, in seconds; doubled per failure
    retry_cap = 21600        # longest wait between retries (6 h)

    [[source]]
    name = "Desk & Wire"     # optional: the URL or path
    url = "https://news.example/rss"
    kind = "feed"            # optional: auto (told from the answer), feed, page, export
    interval = 900           # seconds between runs (default 3600)

    [[source]]
    path = "exports/telegram"   # a file or directory: kind auto, export or file

Each pass runs the sources that are due, most overdue first: a URL with the validators of its
last answer (a conditional request: an unchanged feed costs one small answer), waiting
:attr:`WatchSettings.politeness` seconds after the last request to the same host. A source that
fails is retried after ``retry_base * 2**(failures - 1)`` seconds, at most ``retry_cap``, less a
random share of up to a half (so sources that failed together do not retry together), or later
when the server said so (Retry-After on a 429 or 503, at most ``retry_cap``). Its state
is saved in the database after each run, so a monitor stopped at any point and started again
resumes: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from faro._errors import ConfigError
from faro.monitor._ingest import Ingester, SourceReport
from faro.monitor._read import KINDS, is_url, url_host
from faro.store import SourceSpec, StoredSource

__all__ = ["WatchSettings", "Watcher", "read_config", "retry_delay"]

log = logging.getLogger("faro.monitor")

#: Seconds between two runs of a source when the configuration gives none.
DEFAULT_INTERVAL = 3600
#: The shortest interval accepted: monitoring is not polling.
MIN_INTERVAL = 10


@dataclass(frozen=True, slots=True)
class WatchSettings:
    politeness: float = 2.0
    """Seconds between two requests to one host."""
    retry_base: float = 60.0
    """Seconds before the first retry of a failed source; doubled per consecutive failure."""
    retry_cap: float = 6 * 3600.0
    """The longest wait before a retry."""
    jitter: float = 0.5
    """Up to this share of a retry's wait is taken off at random."""

    def __post_init__(self) -> None:
        if self.politeness < 0 or self.retry_base <= 0 or self.retry_cap < self.retry_base:
            raise ValueError("politeness >= 0, retry_base > 0 and retry_cap >= retry_base")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be in [0, 1)")


def retry_delay(failures: int, settings: WatchSettings, rng: random.Random) -> float:
    """Seconds before retrying a source that failed ``failures`` times in a row."""
    delay = min(settings.retry_cap, settings.retry_base * 2.0 ** min(failures - 1, 60))
    return delay * (1.0 - settings.jitter * rng.random())


def read_config(path: Path) -> tuple[list[SourceSpec], WatchSettings]:
    """The sources and settings of a TOML configuration; :class:`~faro.ConfigError` (F800)
    naming what is wrong."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=str(path)) from exc
    where = str(path)
    unknown = set(data) - {"watch", "source"}
    if unknown:
        raise ConfigError(f"unknown tables {sorted(unknown)}; expected [watch] and "
                          "[[source]]", source=where)
    watch = data.get("watch", {})
    fields = {"politeness", "retry_base", "retry_cap"}
    if not isinstance(watch, dict) or set(watch) - fields:
        raise ConfigError(f"[watch] takes {sorted(fields)}", source=where)
    try:
        settings = WatchSettings(**{k: float(v) for k, v in watch.items()})
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[watch]: {exc}", source=where) from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError("no [[source]] to watch", source=where)
    specs = [_spec(entry, number, where, path.parent) for number, entry in enumerate(entries, 1)]
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ConfigError(f"sources named twice: {twice}", source=where)
    return specs, settings


def _spec(entry: Any, number: int, where: str, base: Path) -> SourceSpec:
    what = f"source {number}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{what} is not a table", source=where)
    unknown = set(entry) - {"name", "url", "path", "kind", "interval"}
    if unknown:
        raise ConfigError(f"{what}: unknown keys {sorted(unknown)}", source=where)
    if ("url" in entry) == ("path" in entry):
        raise ConfigError(f"{what} needs one of url or path", source=where)
    location = entry.get("url") or entry.get("path")
    if not isinstance(location, str) or not location.strip():
        raise ConfigError(f"{what}: url or path must be a non-empty string", source=where)
    if "url" in entry and not is_url(location):
        raise ConfigError(f"{what}: {location!r} is not a URL", source=where)
    if "path" in entry:
        location = str((base / Path(location).expanduser()).resolve())
    kind = entry.get("kind", "auto")
    if kind not in KINDS:
        raise ConfigError(f"{what}: kind must be one of {', '.join(KINDS)}", source=where)
    interval = _seconds(entry.get("interval", DEFAULT_INTERVAL))
    if interval is None or interval < MIN_INTERVAL:
        raise ConfigError(f"{what}: interval must be seconds (600) or a duration (\"10m\", "
                          f"\"2h\", \"1d\"), at least {MIN_INTERVAL} s", source=where)
    name = entry.get("name", location)
    if not isinstance(name, str) or not name.strip() or len(name) > 512:
        raise ConfigError(f"{what}: name must be a string of 1 to 512 characters",
                          source=where)
    return SourceSpec(name.strip(), location, kind, interval)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(value: Any) -> int | None:
    """An interval: whole seconds, or a string of a whole number and a unit (s, m, h, d)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text[-1:] in _UNITS and text[:-1].isdigit():
            return int(text[:-1]) * _UNITS[text[-1]]
        if text.isdigit():
            return int(text)
    return None


class Watcher:
    """Runs an organisation's configured sources when they are due, through an
    :class:`Ingester` whose ``stop`` event ends the watch."""

    def __init__(self, ingester: Ingester, specs: Sequence[SourceSpec],
                 settings: WatchSettings = WatchSettings(), *,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None,
                 on_report: Callable[[SourceReport], None] | None = None) -> None:
        self.ingester = ingester
        self.specs = list(specs)
        self.settings = settings
        self.clock = clock
        self.rng = rng or random.Random()
        self.on_report = on_report
        self._last_request: dict[str, float] = {}

    @property
    def stop(self) -> threading.Event:
        return self.ingester.stop

    def sources(self, now: datetime | None = None) -> list[StoredSource]:
        """The configured sources' rows (created or updated from the configuration; a new
        one is due at ``now``)."""
        return self.ingester.store.sources.sync(self.ingester.org_id, self.specs,
                                                now=now or self.clock())

    def run_due(self) -> list[SourceReport]:
        """Run each source that is due once, most overdue first; stop early when asked."""
        now = self.clock()
        due = sorted((s for s in self.sources(now) if s.next_due_at <= now),
                     key=lambda s: (s.next_due_at, s.name))
        reports = []
        for source in due:
            if self.stop.is_set():
                break
            reports.append(self.run_source(source))
        return reports

    def run_forever(self) -> None:
        """Run due sources until :attr:`stop` is set, sleeping until the next is due."""
        while not self.stop.is_set():
            self.run_due()
            pending = [s.next_due_at for s in self.sources()]
            wait = (min(pending) - self.clock()).total_seconds() if pending else 60.0
            self.stop.wait(max(1.0, wait))

    def run_source(self, source: StoredSource) -> SourceReport:
        """One run of ``source``, its state saved after it (unless it was interrupted: then
        it stays due, and the next run picks up where this one stopped)."""
        self._be_polite(source.location)
        if self.stop.is_set():
            return SourceReport(source.name, interrupted=True)
        report, batch = self.ingester.run(
            source.location, source.kind, name=source.name, source_id=source.id,
            etag=source.etag, last_modified=source.last_modified)
        if is_url(source.location):
            self._last_request[url_host(source.location) or ""] = time.monotonic()
        sources = self.ingester.store.sources
        now = self.clock()
        if report.interrupted:
            pass
        elif report.failure is not None:
            delay = retry_delay(source.failures + 1, self.settings, self.rng)
            asked = getattr(report.failure, "retry_after", None)  # the server's Retry-After
            if asked is not None:
                delay = max(delay, min(float(asked), self.settings.retry_cap))
            sources.failed(source.id, at=now, next_due_at=now + timedelta(seconds=delay),
                           error=str(report.failure), item_errors=len(report.errors))
            log.warning("%s failed (%d in a row), retried in %.0f s: %s", source.name,
                        source.failures + 1, delay, report.failure)
        else:
            assert batch is not None
            sources.succeeded(source.id, at=now,
                              next_due_at=now + timedelta(seconds=source.interval),
                              etag=batch.etag, last_modified=batch.last_modified,
                              item_errors=len(report.errors))
        if self.on_report is not None:
            self.on_report(report)
        return report

    def _be_polite(self, location: str) -> None:
        """Wait until :attr:`WatchSettings.politeness` seconds have passed since the last
        request to ``location``'s host (or until stopped)."""
        host = url_host(location)
        if host is None or host not in self._last_request:
            return
        wait = self._last_request[host] + self.settings.politeness - time.monotonic()
        if wait > 0:
            self.stop.wait(wait)
