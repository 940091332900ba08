"""``faro share``: export findings for partners (STIX 2.1, ClaimReview) and import theirs, under
the TLP 2.0 rule of :func:`faro.sharing.may_release`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from faro._errors import (
    FaroError,
    InputTooLargeError,
    MalformedSharingError,
    RecordNotFoundError,
)
from faro.commands._common import err_console, fail, open_store, options
from faro.model import FactCheck, Marking, Narrative
from faro.sharing import (
    Channel,
    Finding,
    bundle_records,
    claim_reviews,
    finding_reviews,
    may_release,
    misp_event,
    parse_marking,
    read_bundle,
    read_misp_event,
    validate,
)
from faro.store import Store

__all__ = ["app"]

app = typer.Typer(help="Share findings with partners in their standards, under TLP 2.0 "
                       "markings.", no_args_is_help=True)

FORMATS = ("stix", "misp", "claimreview")


@app.callback()
def _needs_extra() -> None:
    """Every subcommand reads or writes STIX: the ``share`` extra must be installed."""
    from importlib.util import find_spec

    if any(find_spec(name) is None for name in ("stix2", "stix2validator", "pymisp")):
        fail("[F600] faro share needs the share extra: pip install 'faro[share]'")


@app.command("export")
def export(
    format_: Annotated[str, typer.Option("--format", "-f", help="stix (a STIX 2.1 bundle), misp "
                                         "(a MISP event) or claimreview (schema.org JSON-LD, "
                                         "for publication).")],
    marking: Annotated[list[str] | None, typer.Option(
        help="Only records with this TLP marking (repeatable): CLEAR, GREEN, AMBER, "
             "AMBER+STRICT, RED.", show_default=False)] = None,
    to: Annotated[str | None, typer.Option(
        "--to", help="The organisation the file is for; without it, the file is for anyone "
                     "and holds TLP:CLEAR records only.", show_default=False)] = None,
    producer: Annotated[str, typer.Option(help="The producing organisation's name (STIX "
                                          "identity).")] = "faro",
    disarm: Annotated[list[str] | None, typer.Option(
        help="DISARM technique ids to include as attack-patterns (repeatable).",
        show_default=False)] = None,
    org: Annotated[str | None, typer.Option(
        "--org", help="Also this organisation's findings (STIX): its analysed documents, their "
                      "check-worthy claims, confirmed matches, reviews and DISARM tags; with "
                      "claimreview, its analysts' confirmed verdicts instead of the KB's.",
        show_default=False)] = None,
    url_base: Annotated[str | None, typer.Option(
        "--url-base", help="Where the organisation publishes its ClaimReviews "
                           "(<url-base>/claims/<claim>); default: the fact-check's URL.",
        show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write "
                                             "[default: stdout].")] = None,
) -> None:
    """Export the knowledge base's records the marking allows for the recipient: everything
    releasable when no --marking narrows it (on a fresh install, the demo knowledge base);
    with --org, that organisation's findings too, each under its document's marking."""
    if format_ not in FORMATS:
        fail(f"[F107] --format must be one of {', '.join(FORMATS)}, not {format_!r}")
    try:
        wanted = {parse_marking(m) for m in marking or []}
    except ValueError as exc:
        fail(f"[F602] {exc}")
    from faro.kb.disarm import check_techniques

    try:
        techniques = check_techniques(disarm or [])
    except FaroError as exc:
        fail(exc)
    channel = Channel.PUBLIC if format_ == "claimreview" else Channel.EXPORT
    store = open_store(options())
    try:
        records: list[FactCheck | Narrative] = []
        withheld = 0
        for record in store.iter_records():
            if wanted and record.marking not in wanted:
                continue
            if may_release(record.marking, recipient=to, channel=channel,
                           releasable_to=record.releasable_to):
                records.append(record)
            else:
                withheld += 1
        findings: list[Finding] = []
        if org is not None:
            findings, held = _findings(store, org, to, wanted, channel)
            withheld += held
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    document: object
    if format_ == "stix":
        bundle = bundle_records(records, producer=org or producer, disarm=techniques,
                                findings=findings)
        errors = validate(bundle)
        if errors:  # a defect of faro's, never the user's: say so and write nothing
            fail(f"[F601] the bundle does not pass stix2-validator ({errors[0]}); nothing "
                 "was written")
        document = bundle
        summary = (f"{len(bundle['objects'])} STIX objects for {len(records)} records"
                   + (f" and {len(findings)} documents of {org}" if org else ""))
    elif format_ == "misp":
        document = misp_event(records, producer=org or producer, disarm=techniques,
                              findings=findings)
        summary = (f"a MISP event of {len(records)} records"
                   + (f" and {len(findings)} documents of {org}" if org else ""))
    elif org is not None:  # the organisation's own confirmed verdicts
        factchecks = {r.id: r for r in records if isinstance(r, FactCheck)}
        reviews, left = finding_reviews(findings, organisation=org, url_base=url_base,
                                        factchecks=factchecks)
        document = reviews
        summary = (f"{len(reviews)} ClaimReviews of {org}'s confirmed verdicts ({len(left)} "
                   "without a URL to publish them at)")
    else:
        reviews, left = claim_reviews([r for r in records if isinstance(r, FactCheck)])
        document = reviews
        summary = f"{len(reviews)} ClaimReviews ({len(left)} fact-checks without URL or verdict)"
    _write(json.dumps(document, ensure_ascii=False, indent=1), out)
    for_whom = f"for {to}" if to else "for anyone"
    err_console.print(f"exported {summary} {for_whom}; {withheld} records withheld by their "
                      "marking", highlight=False)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle or a MISP event (JSON).",
                                         show_default=False)],
) -> None:
    """Import a partner's STIX 2.1 bundle or MISP event: its fact-checks and narratives, with
    their markings, into the knowledge base. Idempotent: importing a file again updates, never
    duplicates; a file with anything faro cannot read imports nothing."""
    opts = options()
    try:
        size = path.stat().st_size
        if size > opts.max_input_bytes:
            raise InputTooLargeError(f"the file has {size:,} bytes, over the limit of "
                                     f"{opts.max_input_bytes:,} (max_input_bytes)",
                                     source=str(path))
        data = path.read_bytes()
        # a MISP event says "Event" (or "info") before anything a STIX bundle holds
        head = data[:4096].lstrip()
        reader = read_misp_event if b'"Event"' in head or b'"info"' in head else read_bundle
        records = reader(data, str(path))
    except OSError as exc:
        fail(f"[F106] cannot read {path}: {exc.strerror}")
    except FaroError as exc:
        fail(exc)
    if not records:
        fail(MalformedSharingError("the file holds no fact-check or narrative",
                                   source=str(path)))
    store = open_store(opts)
    try:
        counts = store.put_records(records)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    marked = {m.value: sum(r.marking is m for r in records) for m in Marking}
    err_console.print(f"imported {len(records)} records from {path}: {counts.inserted} new, "
                      f"{counts.updated} updated, {counts.unchanged} unchanged; markings "
                      + ", ".join(f"{k} {v}" for k, v in marked.items() if v), highlight=False)


def _findings(store: Store, org: str, to: str | None, wanted: set[Marking],
              channel: Channel) -> tuple[list[Finding], int]:
    """The analysed documents of ``org`` that may go to ``to``, as findings; and how many
    were withheld by their marking."""
    found = store.accounts.organisation(org)
    if found is None:
        raise RecordNotFoundError(f"no organisation named {org!r}")
    findings = [f for f in store.documents.findings(found.id)
                if not wanted or f.marking in wanted]
    allowed = [f for f in findings if may_release(f.marking, recipient=to, channel=channel,
                                                  owner=org, releasable_to=f.releasable_to)]
    return allowed, len(findings) - len(allowed)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
        return
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"[F106] cannot write {out}: {exc.strerror}")
