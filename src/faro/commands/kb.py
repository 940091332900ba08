"""``faro kb``: import, inspect, search, export and reindex the knowledge base."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from faro._errors import FaroError
from faro.commands._common import err_console, fail, open_store, options
from faro.kb._records import KBRecord, ParsedFile, Rejected, with_language
from faro.kb.importers import (
    FORMATS,
    iter_kb_files,
    parse_column_map,
    read_file,
    record_to_json,
)
from faro.search import IndexStamp, LexicalIndex, Matcher
from faro.store import ImportCounts, Store

__all__ = ["app"]

app = typer.Typer(help="The knowledge base of fact-checks and known narratives.",
                  no_args_is_help=True)

#: Exit status when rows were rejected or a file needed a note (an assumed encoding, F103).
EXIT_REJECTED = 3
#: Rejected rows printed in full at the end of an import; the rest are counted.
SHOWN_REJECTS = 50


def demo_files() -> list[Path]:
    """The demo knowledge base shipped in the package."""
    folder = resources.files("faro.resources").joinpath("kb", "demo")
    return sorted(Path(str(folder.joinpath(name))) for name in
                  ("factchecks.jsonl", "narratives.jsonl"))


def _with_languages(parsed: ParsedFile) -> list[KBRecord]:
    """The file's records, with a language identified where the source gave none."""
    return [with_language(record) for _, record in parsed.records]


@app.command("import")
def import_(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or directories: ClaimReview JSON-LD (.json/.jsonld or saved .html), Fact "
             "Check API JSON, CSV/TSV/JSONL, CLEF verified-claims TSV, EUvsDisinfo CSV.",
        show_default=False)] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Import the demo knowledge base "
                                       "shipped with faro.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help=f"One of: {', '.join(FORMATS)} "
                                            "[default: detected].")] = None,
    column_map: Annotated[str | None, typer.Option(
        "--map", help="Column map for tables: faro field=column,... "
                      "(e.g. claim=summary,title=title,url=link).")] = None,
    kind: Annotated[str, typer.Option(help="Record kind of tables: factcheck or narrative.")]
    = "factcheck",
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of records that do not give one [default: identified].")]
    = None,
    source: Annotated[str | None, typer.Option(
        help="Name of the source data set, recorded on every record.")] = None,
    reindex: Annotated[bool, typer.Option(help="Rebuild the search index afterwards.")] = True,
) -> None:
    """Import fact-checks and narratives. Re-importing updates records, never duplicates them;
    each file is stored in one transaction: all its valid records, or nothing."""
    opts = options()
    if kind not in ("factcheck", "narrative"):
        fail(f"[F303] --kind must be factcheck or narrative, not {kind!r}")
    if fmt is not None and fmt not in FORMATS:
        fail(f"[F302] unknown format {fmt!r}; faro reads: {', '.join(FORMATS)}")
    try:
        mapping = parse_column_map(column_map) if column_map else None
    except FaroError as exc:
        fail(exc)
    files: list[Path] = demo_files() if demo else []
    try:
        for path in paths or []:
            files.extend(iter_kb_files(path))
    except FaroError as exc:
        fail(exc)
    if not files:
        fail("[F101] nothing to import: give files or directories, or --demo")
    store = open_store(opts)
    table = Table(title=f"import into {escape(store.url)}")
    for col in ("file", "format", "records", "new", "updated", "unchanged", "rejected"):
        table.add_column(col, justify="left" if col in ("file", "format") else "right")
    total = ImportCounts()
    rejected: list[Rejected] = []
    notes: list[str] = []
    failed = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=not err_console.is_terminal) as progress:
        task = progress.add_task("importing", total=len(files))
        for path in files:
            progress.update(task, description=f"importing {escape(path.name)}")
            try:
                parsed = read_file(path, fmt=fmt, column_map=mapping, kind=kind,
                                   language=lang, source_dataset=source)
                counts = store.put_records(_with_languages(parsed))
            except FaroError as exc:
                failed += 1
                err_console.print("error " + str(exc), style="red", markup=False,
                                  highlight=False, soft_wrap=True)
                table.add_row(escape(str(path)), "-", "-", "-", "-", "-", "failed")
            else:
                total += counts
                rejected.extend(parsed.rejected)
                notes += [f"{parsed.source}: [{n.code}] {n.message}" for n in parsed.notes]
                table.add_row(escape(str(path)), parsed.format, str(len(parsed.records)),
                              str(counts.inserted), str(counts.updated),
                              str(counts.unchanged), str(len(parsed.rejected)))
            progress.advance(task)
    Console(stderr=True).print(table)
    for note in notes:
        err_console.print(f"note {note}", style="yellow", markup=False, highlight=False,
                          soft_wrap=True)
    for reject in rejected[:SHOWN_REJECTS]:
        err_console.print(f"rejected {reject}", style="yellow", markup=False, highlight=False,
                          soft_wrap=True)
    if len(rejected) > SHOWN_REJECTS:
        err_console.print(f"... and {len(rejected) - SHOWN_REJECTS} more rejected rows",
                          style="yellow")
    if reindex and total.changed:
        started = time.perf_counter()
        try:
            index = Matcher(store, opts, notify=lambda _msg: None).ensure_index()
        except FaroError as exc:
            fail(exc)
        err_console.print(f"search index rebuilt: {len(index)} records in "
                          f"{time.perf_counter() - started:.1f} s", highlight=False)
    store.close()
    if failed:
        raise typer.Exit(1)
    if rejected or notes:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def stats(json_output: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Sizes of the knowledge base by kind, language, verdict and source, and the index state."""
    opts = options()
    store = open_store(opts)
    state = store.kb_state()
    matcher = Matcher(store, opts)
    stamp = LexicalIndex.read_stamp(matcher.index_dir(state.uid))
    index_state = ("missing" if stamp is None else
                   "fresh" if stamp == IndexStamp(state.uid, state.version) else "stale")
    out: dict[str, Any] = {
        "database": store.url, "kb_version": state.version, "index": index_state,
        "factchecks": state.factchecks, "narratives": state.narratives,
        "factchecks_by_language": dict(store.counts_by("factcheck", "language")),
        "factchecks_by_verdict": {k or "none": v
                                  for k, v in store.counts_by("factcheck", "verdict")},
        "factchecks_by_source": {k or "none": v
                                 for k, v in store.counts_by("factcheck", "source_dataset")},
        "narratives_by_language": dict(store.counts_by("narrative", "language")),
    }
    store.close()
    if json_output:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    console = Console()
    console.print(f"[bold]knowledge base[/] {escape(out['database'])}  version "
                  f"{state.version}, index {index_state}")
    console.print(f"{state.factchecks} fact-checks, {state.narratives} narratives")
    for key in ("factchecks_by_language", "factchecks_by_verdict", "factchecks_by_source",
                "narratives_by_language"):
        counts = out[key]
        assert isinstance(counts, dict)
        if counts:
            table = Table(title=key.replace("_", " "), title_justify="left")
            table.add_column("value")
            table.add_column("records", justify="right")
            for value, n in counts.items():
                table.add_row(escape(str(value)), str(n))
            console.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the query "
                                             "[default: identified].")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=1000, help="Results to show.")] = 10,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Search the knowledge base (ranked like matching, every result shown)."""
    from faro.commands.match import print_matches

    opts = options()
    store = open_store(opts)
    try:
        matches = Matcher(store, opts, notify=_notice).match_text(
            query, lang, k=k, everything=True)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    print_matches(matches, json_output=json_output)


def _iter_export(store: Store, kind: str | None) -> Iterator[str]:
    for record in store.iter_records(kind=kind):
        yield json.dumps(record_to_json(record), ensure_ascii=False)


@app.command()
def export(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write "
                                             "[default: stdout].")] = None,
    kind: Annotated[str | None, typer.Option(help="Only factcheck or narrative records.")]
    = None,
) -> None:
    """Write the knowledge base as faro JSONL (what `faro kb import` reads back unchanged)."""
    if kind not in (None, "factcheck", "narrative"):
        fail(f"[F303] --kind must be factcheck or narrative, not {kind!r}")
    opts = options()
    store = open_store(opts)
    n = 0
    try:
        handle = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for line in _iter_export(store, kind):
                handle.write(line + "\n")
                n += 1
        finally:
            if out:
                handle.close()
    except OSError as exc:
        fail(f"[F106] cannot write {out}: {exc.strerror}")
    finally:
        store.close()
    err_console.print(f"exported {n} records", highlight=False)


@app.command()
def reindex() -> None:
    """Rebuild the search index from the database."""
    opts = options()
    store = open_store(opts)
    started = time.perf_counter()
    try:
        index = Matcher(store, opts).ensure_index(rebuild=True)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    err_console.print(f"indexed {len(index)} records ({len(index.vocab)} terms, "
                      f"{len(index.languages)} languages) in "
                      f"{time.perf_counter() - started:.1f} s; knowledge-base version "
                      f"{index.stamp.kb_version}", highlight=False)


def _notice(message: str) -> None:
    err_console.print(message, style="dim", highlight=False)

