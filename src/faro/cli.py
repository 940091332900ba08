"""The ``faro`` command line.

Exit status: 0 when everything was read and analysed cleanly; 1 when some input failed (each
failure is reported on stderr with its code, and the other inputs are still processed); 2 for
usage errors; 3 when everything was analysed but something had to be assumed — an encoding
(F103) or an undetermined language (F201) — each reported on stderr with its code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from faro._config import Options, load_options
from faro._errors import DecodingError, FaroError, TooShortError
from faro._version import __version__
from faro.ingest import STDIN, RecordFields, discover, read_source
from faro.model import Document
from faro.pipeline import Pipeline
from faro.report.jsonout import document_to_json
from faro.report.terminal import render_document
from faro.text.langid import normalize_code

if TYPE_CHECKING:
    from faro.search import Matcher

__all__ = ["app", "main"]

app = typer.Typer(
    name="faro",
    help="faro — a counter-disinformation workbench: claims, quotes, entities, numbers.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

EXIT_INPUT_ERRORS = 1
EXIT_WARNINGS = 3
#: Notes that make the run end with EXIT_WARNINGS: what faro had to assume about an input.
WARNING_CODES = frozenset({DecodingError.code, TooShortError.code})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faro {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """faro — read documents in any language and see what is in them."""


class _Failures:
    """Counts and reports failures without stopping the run."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.count = 0

    def __call__(self, error: FaroError) -> None:
        self.count += 1
        self.console.print("error " + str(error), style="red", markup=False, highlight=False,
                           soft_wrap=True)

    def for_document(self, doc: Document, error: FaroError) -> None:
        self(error)


class _Warnings:
    """Reports what had to be assumed about a document (an encoding, an unknown language)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.count = 0

    def check(self, doc: Document) -> None:
        for note in doc.notes:
            if note.code in WARNING_CODES:
                self.count += 1
                self.console.print(f"warning [{note.code}] {doc.source or doc.id}: "
                                   f"{note.message}", style="yellow", markup=False,
                                   highlight=False, soft_wrap=True)


def _options(**overrides: Any) -> Options:
    """The configuration with the command line's options laid over it (``None``: not given)."""
    try:
        return load_options(**overrides)
    except FaroError as exc:
        Console(stderr=True).print("error " + str(exc), style="red", markup=False)
        raise typer.Exit(EXIT_INPUT_ERRORS) from exc


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(
        help="Files or directories to read (.txt .md .html .htm .json .jsonl), or - for stdin.",
        show_default=False)],
    json_output: Annotated[bool, typer.Option(
        "--json", help="Write one JSON object per document (see the shipped JSON Schema).")]
    = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Force the language (ISO 639 code) instead of identifying it.")] = None,
    text_field: Annotated[str | None, typer.Option(
        help="JSON/JSONL field holding the text [default: text].")] = None,
    id_field: Annotated[str | None, typer.Option(
        help="JSON/JSONL field holding the document id [default: id].")] = None,
    lang_field: Annotated[str | None, typer.Option(
        help="JSON/JSONL field holding a language code [default: lang].")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        help="Refuse inputs larger than this many bytes [default: 20 MB].")] = None,
    min_score: Annotated[float | None, typer.Option(
        help="Treat sentences scoring at least this as check-worthy claims [default: the "
             "model's threshold for the language].")]
    = None,
    match: Annotated[bool, typer.Option(
        "--match/--no-match", help="Match check-worthy claims against the knowledge base.")]
    = True,
) -> None:
    """Analyse documents: language, sentences, quotes and speakers, entities, numbers, dates
    and a check-worthiness score per sentence."""
    err = Console(stderr=True)
    out = Console(soft_wrap=False)
    options = _options(max_input_bytes=max_bytes, claim_threshold=min_score,
                       text_field=text_field, id_field=id_field, lang_field=lang_field)
    forced = None
    if lang is not None:
        try:
            forced = normalize_code(lang)
        except FaroError as exc:
            err.print("error " + str(exc), style="red", markup=False)
            raise typer.Exit(EXIT_INPUT_ERRORS) from exc
    fields = RecordFields.from_options(options)
    failures = _Failures(err)
    warnings = _Warnings(err)
    analysed = 0
    sources = discover(paths, failures)
    pipeline = Pipeline(options)
    matcher = _open_matcher(options, err) if match else None
    show_progress = err.is_terminal and (  # on stderr: never mixed with --json output
        len(sources) > 1 or any(Path(p).is_dir() for p in paths if p != STDIN))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True,
                  disable=not show_progress) as progress:
        task = progress.add_task("analysing", total=len(sources))
        for source in sources:
            progress.update(task, description=f"analysing {escape(str(source))}")
            try:
                docs = read_source(source, max_bytes=options.max_input_bytes, fields=fields,
                                   lang=forced, on_error=failures,
                                   stdin=sys.stdin.buffer if source == STDIN else None)
                for doc in pipeline.pipe(docs, on_error=failures.for_document):
                    if matcher is not None:
                        matcher.match_document(doc)
                    analysed += 1
                    warnings.check(doc)
                    if json_output:
                        sys.stdout.write(document_to_json(doc) + "\n")
                    else:
                        render_document(doc, out)
            except FaroError as exc:
                failures(exc)
            progress.advance(task)
    sys.stdout.flush()
    if not sources and not failures.count:
        err.print("error [F101] nothing to read", style="red", markup=False)
        raise typer.Exit(EXIT_INPUT_ERRORS)
    if failures.count:
        err.print(f"{failures.count} input(s) or record(s) failed; {analysed} document(s) "
                  "analysed.", style="yellow", markup=False)
        raise typer.Exit(EXIT_INPUT_ERRORS)
    if warnings.count:
        raise typer.Exit(EXIT_WARNINGS)


def _open_matcher(options: Options, err: Console) -> Matcher | None:
    """The matcher over the knowledge base, or ``None`` (with a hint) when it is empty."""
    from faro.search import Matcher
    from faro.store import Store

    try:
        store = Store.open(options)
        state = store.kb_state()
        if state.factchecks + state.narratives == 0:
            err.print("note: the knowledge base is empty, claims are not matched (import the "
                      "demo set with `faro kb import --demo`)", style="dim", markup=False,
                      highlight=False)
            return None
        matcher = Matcher(store, options, notify=lambda m: err.print(m, style="dim",
                                                                     markup=False))
        matcher.ensure_index()
    except FaroError as exc:
        err.print("error " + str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT_ERRORS) from exc
    return matcher


def _register() -> None:
    from faro.commands import checkworthy, evaluate, ingest, kb, match, narratives, server, share

    app.add_typer(kb.app, name="kb")
    app.command("serve")(server.serve)
    app.add_typer(server.db_app, name="db")
    app.add_typer(server.user_app, name="user")
    app.add_typer(server.token_app, name="token")
    app.command("match")(match.match)
    app.command("ingest")(ingest.ingest)
    app.command("watch")(ingest.watch)
    app.add_typer(ingest.documents_app, name="documents")
    app.add_typer(share.app, name="share")
    evaluate.eval_app.command("checkworthy")(checkworthy.eval_checkworthy)
    evaluate.train_app.command("checkworthy")(checkworthy.train_checkworthy_command)
    evaluate.eval_app.command("clusters")(narratives.eval_clusters)
    app.add_typer(narratives.app, name="narratives")
    app.add_typer(evaluate.eval_app, name="eval")
    app.add_typer(evaluate.train_app, name="train")


_register()


def main() -> None:
    """Entry point of the ``faro`` console script."""
    app()
