"""``faro narratives``: the narratives found in an organisation's stored claims — a table of
their volume per day with sparklines and burst flags, and the analysts' merge, split, rename,
DISARM tags and links to known narratives; and ``faro eval clusters``, which measures the
clustering on claim-retrieval data (gold clusters: tweets that share a verified claim)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from faro._errors import FaroError, InputError, RecordNotFoundError
from faro.commands._common import err_console, fail, open_store, options
from faro.eval.clusters import evaluate_clusters
from faro.narratives import DEFAULT_THRESHOLD, ClusterSettings
from faro.narratives._clef import cluster, link_to_claims, read_stream
from faro.narratives._trends import sparkline
from faro.store import CLI, Actor, Store
from faro.store._narratives import Narratives, StoredNarrative

__all__ = ["CLUSTER_KEYS", "app", "eval_clusters"]

#: Measures printed, in order (``--json`` has them all, and the counts).
CLUSTER_KEYS = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision",
                "bcubed_recall", "bcubed_f1", "ari")


def eval_clusters(
    queries: Annotated[list[Path], typer.Option(
        "--queries", help="Queries TSV (id, text); repeat for several splits.")],
    qrels: Annotated[list[Path], typer.Option(
        "--qrels", help="TREC qrels, one per --queries, in the same order.")],
    claims: Annotated[Path | None, typer.Option(
        "--claims", help="Verified claims TSV (vclaim_id, vclaim, title): link each tweet to "
                         "them with faro's matching and cluster on the links too.")] = None,
    threshold: Annotated[float, typer.Option(
        help="Cosine a claim needs to its nearest narrative to join it.")] = DEFAULT_THRESHOLD,
    lang: Annotated[str, typer.Option("--lang", help="Language of the tweets.")] = "en",
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
    = False,
) -> None:
    """Cluster all the given tweets in file order and score the narratives against the gold
    clusters: pairwise and B-cubed precision, recall and F1, and the adjusted Rand index. With
    --claims, the same measures without the links are given as the baseline."""
    try:
        settings = ClusterSettings(threshold=threshold)
    except ValueError as exc:
        fail(f"[F100] {exc}", code=2)
    try:
        items, gold = read_stream(queries, qrels, language=lang)
        started = time.perf_counter()
        linked = link_to_claims(items, claims) if claims is not None else None
        link_seconds = time.perf_counter() - started
    except (FaroError, ValueError) as exc:
        fail(exc if isinstance(exc, FaroError) else f"[F100] {exc}")
    started = time.perf_counter()
    words = evaluate_clusters(cluster(items, settings), gold)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {k: round(v, 4) if isinstance(v, float) else v
                              for k, v in words.items()}
    result |= {"threshold": threshold, "links": False, "seconds": round(seconds, 3)}
    if linked is not None:
        baseline = result
        started = time.perf_counter()
        scores = evaluate_clusters(cluster(linked, settings), gold)
        seconds = time.perf_counter() - started + link_seconds
        result = {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}
        result |= {"threshold": threshold, "links": True, "seconds": round(seconds, 3),
                   "baseline": {k: baseline[k] for k in CLUSTER_KEYS} | {"name": "words only"}}
    if json_output:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    table = Table(title=f"{result['items']} claims → {result['clusters']} narratives "
                        f"({result['gold_clusters']} gold clusters), threshold {threshold}")
    table.add_column("measure")
    table.add_column("faro (words + links)" if linked is not None else "faro", justify="right")
    if linked is not None:
        table.add_column("words only", justify="right")
    for key in CLUSTER_KEYS:
        row = [key, f"{result[key]:.4f}"]
        if linked is not None:
            row.append(f"{result['baseline'][key]:.4f}")
        table.add_row(*row)
    Console().print(table)


# -- faro narratives ---------------------------------------------------------------------------

app = typer.Typer(help="Narratives found in the stored claims: trends, bursts, analysts' edits.",
                  invoke_without_command=True)

OrgOption = Annotated[str | None, typer.Option(
    "--org", help="Organisation (by name); needed when the database holds several.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"[F100] {option} is not a date (YYYY-MM-DD): {value!r}", code=2)


@contextmanager
def _narratives(org: str | None) -> Iterator[tuple[Narratives, int]]:
    """The store's narratives and the organisation's id; a faro error ends the command."""
    store = open_store(options())
    try:
        org_id = _organisation(store, org)
        yield Narratives.of(store.engine), org_id
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()


def _organisation(store: Store, name: str | None) -> int:
    if name is not None:
        found = store.accounts.organisation(name)
        if found is None:
            raise RecordNotFoundError(f"no organisation {name!r}")
        return found.id
    names = store.accounts.organisations()
    if len(names) != 1:
        raise InputError("the database holds " + (
            f"{len(names)} organisations: name one with --org" if names
            else "no organisation yet (documents are stored by `faro serve` or `faro ingest`)"))
    return names[0].id


@app.callback()
def narratives(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(
        help="First day (YYYY-MM-DD); default: 30 days before --until.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Last day; default: the last day with a clustered claim.")] = None,
    emerging: Annotated[bool, typer.Option(
        "--emerging", help="Only narratives that burst in the window, most surprising "
                           "first.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Narratives shown.")] = 20,
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """The narratives with most claims in the window (or those emerging in it): label,
    languages, sources, first and last day, volume, a sparkline of claims per day and the
    burst flag. Subcommands change them."""
    if ctx.invoked_subcommand is not None:
        return
    first, last = _day(since, "--since"), _day(until, "--until")
    with _narratives(org) as (found, org_id):
        listed, window = found.find(org_id, since=first, until=last, emerging=emerging,
                                    limit=limit)
        pending = found.pending(org_id)
    if pending:
        err_console.print(f"note: {pending} stored claim(s) are in no narrative yet; "
                          "`faro narratives update` clusters them", style="dim",
                          highlight=False, markup=False)
    if json_output:
        sys.stdout.write(json.dumps({
            "since": window.since.isoformat(), "until": window.until.isoformat(),
            "emerging": emerging, "pending": pending,
            "narratives": [n.as_json(window) for n in listed]}, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{'Emerging narratives' if emerging else 'Narratives'}, "
                        f"{window.since.isoformat()} to {window.until.isoformat()}")
    for name, justify in (("id", "right"), ("narrative", "left"), ("languages", "left"),
                          ("sources", "left"), ("first", "left"), ("last", "left"),
                          ("claims", "right"), ("per day", "left"), ("burst", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for n in listed:
        top = max(n.bursts, key=lambda b: b.score) if n.bursts else None
        table.add_row(
            str(n.id), escape(_short(n.title, 60)),
            ", ".join(f"{k} {v}" for k, v in list(n.languages.items())[:3]),
            escape(_short(", ".join(list(n.sources)[:2]), 30)),
            _iso(n.first_seen), _iso(n.last_seen), f"{n.window_volume} / {n.size}",
            sparkline(n.volume, window.since, window.until),
            f"[bold red]▲ {top.day.isoformat()} ({top.count}, p={top.p_value:.0e})[/]"
            if top else "")
    Console().print(table)
    if not listed:
        err_console.print("no narratives" + (" emerging" if emerging else "") + " in the "
                          "window", style="dim", highlight=False)


@app.command("show")
def show(
    narrative: Annotated[int, typer.Argument(help="The narrative's id.")],
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Claims shown.")] = 20,
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """One narrative: its label, key terms, links, tags, and its newest claims."""
    with _narratives(org) as (found, org_id):
        one = found.get(org_id, narrative)
        members, total = found.members(org_id, narrative, limit=limit)
    if json_output:
        sys.stdout.write(json.dumps(one.as_json() | {
            "members": [m.as_json() for m in members], "members_total": total},
            ensure_ascii=False) + "\n")
        return
    out = Console()
    out.print(f"[bold]#{one.id} {escape(one.title)}[/]")
    out.print(f"key terms: {escape(', '.join(one.key_terms))}", highlight=False)
    out.print(f"{one.size} claims, {_iso(one.first_seen)} to {_iso(one.last_seen)}; "
              f"known narrative: {escape(one.kb_narrative_id or '-')}; found link: "
              f"{escape(one.link or '-')}; DISARM: {', '.join(one.disarm) or '-'}",
              highlight=False)
    table = Table(title=f"{len(members)} of {total} claims, newest first")
    for name in ("claim", "day", "lang", "source", "cosine", "text"):
        table.add_column(name)
    for m in members:
        table.add_row(str(m.claim_id), m.day.isoformat(), m.language or "und",
                      escape(m.source or ""), f"{m.score:.2f}", escape(_short(m.text, 80)))
    out.print(table)


@app.command("merge")
def merge(
    keep: Annotated[int, typer.Argument(help="The narrative kept.")],
    other: Annotated[int, typer.Argument(help="The narrative merged into it (it goes).")],
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """Merge narrative OTHER into KEEP: its claims move, its centroid adds up."""
    with _narratives(org) as (found, org_id):
        merged = found.merge(org_id, keep, other, _actor(org_id))
    _done(merged, f"merged #{other} into #{keep}", json_output)


@app.command("split")
def split(
    narrative: Annotated[int, typer.Argument(help="The narrative to split.")],
    claims: Annotated[list[int], typer.Argument(help="Claim ids to move to a new narrative.")],
    label: Annotated[str | None, typer.Option(help="The new narrative's label.")] = None,
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """Move some of a narrative's claims to a new narrative."""
    with _narratives(org) as (found, org_id):
        _, new = found.split(org_id, narrative, claims, _actor(org_id), label=label)
    _done(new, f"split {len(set(claims))} claim(s) of #{narrative} into #{new.id}",
          json_output)


@app.command("rename")
def rename(
    narrative: Annotated[int, typer.Argument(help="The narrative.")],
    label: Annotated[str, typer.Argument(help="Its label; empty for its representative "
                                              "claim again.")],
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """Give a narrative an analyst's label."""
    _update(narrative, {"label": label}, org, json_output, "renamed")


@app.command("tag")
def tag(
    narrative: Annotated[int, typer.Argument(help="The narrative.")],
    techniques: Annotated[list[str] | None, typer.Argument(
        help="DISARM technique ids (T0003, T0022.001); none clears them.")] = None,
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """Tag a narrative with DISARM techniques (the list replaces the old one)."""
    _update(narrative, {"disarm": techniques or []}, org, json_output, "tagged")


@app.command("link")
def link(
    narrative: Annotated[int, typer.Argument(help="The narrative.")],
    known: Annotated[str, typer.Argument(help="A known narrative's id in the knowledge base; "
                                              "empty for none.")],
    org: OrgOption = None,
    json_output: JsonOption = False,
) -> None:
    """Link a narrative to a known narrative of the knowledge base (EUvsDisinfo-style)."""
    _update(narrative, {"kb_narrative_id": known}, org, json_output, "linked")


@app.command("update")
def update(org: OrgOption = None) -> None:
    """Cluster the stored claims that are in no narrative yet (stored before narratives
    existed); new analyses are clustered as they are saved."""
    with _narratives(org) as (found, org_id):
        started = time.perf_counter()
        done = found.cluster_pending(org_id)
    err_console.print(f"clustered {done} claim(s) in {time.perf_counter() - started:.1f} s",
                      highlight=False)


@app.command("recluster")
def recluster(org: OrgOption = None, yes: Annotated[bool, typer.Option(
        "--yes", help="Yes: forget the narratives, analysts' labels, merges, splits, tags "
                      "and links included.")] = False) -> None:
    """Cluster all the organisation's claims again with the current narrative_threshold
    (after changing it): every narrative is rebuilt, analysts' edits are lost."""
    if not yes:
        fail("[F100] re-clustering forgets every narrative and the analysts' labels, merges, "
             "splits, tags and links: run again with --yes to go ahead", code=2)
    with _narratives(org) as (found, org_id):
        started = time.perf_counter()
        before, done = found.recluster(org_id, _actor(org_id))
    err_console.print(f"{before} narrative(s) forgotten; {done} claim(s) clustered again "
                      f"(threshold {found.settings.threshold}) in "
                      f"{time.perf_counter() - started:.1f} s", highlight=False)


def _actor(org_id: int) -> Actor:
    """The command line acting for an organisation, as the audit log names it."""
    return Actor(CLI.label, org_id)


def _update(narrative: int, changes: dict[str, Any], org: str | None, json_output: bool,
            verb: str) -> None:
    with _narratives(org) as (found, org_id):
        changed = found.update(org_id, narrative, changes, _actor(org_id))
    _done(changed, f"{verb} #{narrative}", json_output)


def _done(narrative: StoredNarrative, message: str, json_output: bool) -> None:
    if json_output:
        sys.stdout.write(json.dumps(narrative.as_json(), ensure_ascii=False) + "\n")
        return
    Console().print(f"{escape(message)}: #{narrative.id} {escape(narrative.title)} "
                    f"({narrative.size} claims)", highlight=False)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
