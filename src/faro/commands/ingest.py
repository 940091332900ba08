"""``faro ingest`` (sources read once), ``faro watch`` (sources read when they are due) and
``faro documents list`` (what an organisation has stored).

Everything ingested is stored in one organisation (``--org``; without it, the only one there
is, or ``local`` in a new database), near-duplicates of stored documents as members of their
group, the rest analysed and matched against the knowledge base. Exit status: 0 when every
source was read (entries that failed are listed with their codes), 1 when a source failed
entirely or the input was unusable, 2 for usage errors.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from faro._errors import FaroError
from faro.commands._common import err_console, fail, open_store, options
from faro.monitor import KINDS, Ingester, SourceReport, Watcher, WatchSettings, read_config
from faro.store import CLI, DocumentFilter, Organisation, Store, StoredSource

__all__ = ["documents_app", "ingest", "watch"]

#: The organisation a new database's ingests go to when none is named.
DEFAULT_ORG = "local"

documents_app = typer.Typer(help="Documents stored in an organisation.", no_args_is_help=True)

OrgOption = Annotated[str | None, typer.Option(
    "--org", help="Organisation [default: the only one, or 'local' in a new database].")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _organisation(store: Store, name: str | None) -> Organisation:
    try:
        if name is not None:
            return store.accounts.ensure_organisation(name, CLI)[0]
        known = store.accounts.organisations()
        if len(known) > 1:
            fail(f"[F504] this database has {len(known)} organisations: name one with --org "
                 f"({', '.join(o.name for o in known)})", code=2)
        return known[0] if known else store.accounts.ensure_organisation(DEFAULT_ORG, CLI)[0]
    except FaroError as exc:
        fail(exc)


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the run ends after the document in hand, its state
    saved); a second SIGINT interrupts at once."""
    def handler(signum: int, frame: FrameType | None) -> None:
        err_console.print(f"stopping after the current document ({signal.Signals(signum).name})",
                          highlight=False)
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _print_report(report: SourceReport) -> None:
    name = escape(report.source)
    if report.failure is not None:
        err_console.print(f"[red]failed[/red] {name}: {escape(str(report.failure))}",
                          highlight=False)
        return
    for error in report.errors:
        err_console.print(f"error {error}", style="red", markup=False, highlight=False,
                          soft_wrap=True)
    if report.not_modified:
        err_console.print(f"{name}: not modified", highlight=False)
        return
    state = " (interrupted)" if report.interrupted else ""
    err_console.print(f"{name}: {_counts(report.public())}{state}", highlight=False)


def _counts(figures: dict[str, object]) -> str:
    """``figures`` (a report's or the summary's) in words."""
    errors = figures["errors"]
    failed = len(errors) if isinstance(errors, list) else errors
    return (f"{figures['new']} new, {figures['duplicates']} duplicates, {figures['known']} "
            f"already known, {figures['resumed']} resumed, {failed} failed")


def _summary(reports: list[SourceReport]) -> dict[str, object]:
    return {"sources": len(reports),
            "failed_sources": sum(r.failure is not None for r in reports),
            **{k: sum(getattr(r, k) for r in reports)
               for k in ("new", "duplicates", "known", "resumed", "skipped")},
            "errors": sum(len(r.errors) for r in reports), "error_codes": _codes(reports)}


def _codes(reports: list[SourceReport]) -> dict[str, int]:
    """How many entries failed with each code."""
    codes: dict[str, int] = {}
    for report in reports:
        for error in report.errors:
            codes[error.code] = codes.get(error.code, 0) + 1
    return codes


def _finish(reports: list[SourceReport], json_output: bool) -> None:
    summary = _summary(reports)
    if json_output:
        sys.stdout.write(json.dumps({"reports": [r.public() for r in reports],
                                     "summary": summary}) + "\n")
    else:
        codes = _codes(reports)
        by_code = f" ({', '.join(f'{c} x{n}' for c, n in codes.items())})" if codes else ""
        err_console.print(f"{summary['sources']} source(s), {summary['failed_sources']} "
                          f"failed: {_counts(summary)}{by_code}", highlight=False, markup=False)
    if summary["failed_sources"]:
        raise typer.Exit(1)


def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="URLs (feeds, pages, exports), files or directories.", show_default=False)],
    org: OrgOption = None,
    kind: Annotated[str, typer.Option(
        help=f"Read every source as one of {', '.join(KINDS)} (auto: told from the content "
             "type, extension and content).")] = "auto",
    json_output: JsonOption = False,
) -> None:
    """Read sources once into an organisation: each document stored once, near-duplicates of
    stored ones grouped (not analysed again), the others analysed and matched."""
    if kind not in KINDS:
        fail(f"[F504] --kind must be one of {', '.join(KINDS)}, not {kind!r}", code=2)
    opts = options()
    store = open_store(opts)
    stop = threading.Event()
    ingester = Ingester(store, opts, _organisation(store, org).id, stop=stop)
    reports = []
    try:
        with _stopping_on_signals(stop):
            for source in sources:
                if stop.is_set():
                    break
                report, _ = ingester.run(source, kind)
                reports.append(report)
                if not json_output:
                    _print_report(report)
    finally:
        ingester.close()
        store.close()
    _finish(reports, json_output)


def watch(
    config: Annotated[Path | None, typer.Option(
        "--config", help="TOML file of the sources to watch (see docs/ingest.md).")] = None,
    org: OrgOption = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Run each source that is due once, then exit.")] = False,
    status: Annotated[bool, typer.Option(
        "--status", help="Print each source's state (last success and error, items, "
                         "duplicates, next due) and exit.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Monitor sources: each is read when due (its interval), with conditional requests,
    retries with back-off and a pause between requests to one host; the state lives in the
    database, so stopping (Ctrl-C, SIGTERM) and starting again loses and repeats nothing."""
    if config is None and not status:
        fail("[F800] faro watch needs --config (or --status)", code=2)
    try:
        specs, settings = read_config(config) if config is not None else ([], WatchSettings())
    except FaroError as exc:
        fail(exc)
    opts = options()
    store = open_store(opts)
    organisation = _organisation(store, org)
    try:
        if status:
            rows = store.sources.all(organisation.id)
            if specs:
                names = {s.name for s in specs}
                rows = [r for r in rows if r.name in names]
            _print_status(rows, json_output)
            return
        stop = threading.Event()
        ingester = Ingester(store, opts, organisation.id, stop=stop)
        reports: list[SourceReport] = []

        def keep(report: SourceReport) -> None:
            reports.append(report)
            if not json_output:
                _print_report(report)

        watcher = Watcher(ingester, specs, settings, on_report=keep)
        try:
            with _stopping_on_signals(stop):
                if once:
                    watcher.run_due()
                else:
                    err_console.print(f"watching {len(specs)} source(s) for "
                                      f"{escape(organisation.name)}; Ctrl-C to stop",
                                      highlight=False)
                    watcher.run_forever()
        finally:
            ingester.close()
    finally:
        store.close()
    _finish(reports, json_output)


def _stamp(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _print_status(rows: list[StoredSource], json_output: bool) -> None:
    if json_output:
        sys.stdout.write(json.dumps([r.public() for r in rows]) + "\n")
        return
    table = Table(title="sources")
    for column in ("source", "last success", "last error", "items", "duplicates",
                   "failures", "next due"):
        table.add_column(column, justify="right" if column in ("items", "duplicates",
                                                               "failures") else "left")
    for row in rows:
        error = f"{_stamp(row.last_error_at)} {row.last_error}" if row.last_error else "-"
        table.add_row(escape(row.name), _stamp(row.last_success_at), escape(error),
                      str(row.items), str(row.duplicates), str(row.failures),
                      _stamp(row.next_due_at))
    Console().print(table)


@documents_app.command("list")
def documents_list(
    org: OrgOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per line.")]
    = False,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="At most this many.")] = 50,
    since: Annotated[datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="Published (else added) on or after this day (UTC).")]
    = None,
) -> None:
    """An organisation's stored documents, newest first: source, URL, title, language,
    published, claims, matches and the document each near-duplicate belongs with."""
    opts = options()
    store = open_store(opts)
    try:
        organisation = _organisation(store, org)
        day: date | None = since.date() if since else None
        listed = store.sources.listing(organisation.id, DocumentFilter(since=day), limit=limit)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    if json_output:
        for doc in listed:
            sys.stdout.write(json.dumps(doc.public()) + "\n")
        return
    table = Table(title=f"documents of {escape(organisation.name)}")
    for column in ("id", "source", "title / URL", "lang", "published", "claims", "matches",
                   "duplicate of"):
        table.add_column(column, justify="right" if column in ("id", "claims", "matches")
                         else "left")
    for doc in listed:
        table.add_row(str(doc.id), escape(doc.source or "-"),
                      escape(doc.title or doc.url or "-"), doc.language or "-",
                      doc.published.strftime("%Y-%m-%d") if doc.published else "-",
                      str(doc.claims), str(doc.matches),
                      str(doc.duplicate_of) if doc.duplicate_of else "-")
    Console().print(table)
