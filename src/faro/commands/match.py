"""``faro match``: the fact-checks and narratives a claim matches."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from faro._errors import FaroError
from faro.commands._common import err_console, fail, open_store, options
from faro.model import Match
from faro.search import Matcher

__all__ = ["match", "match_to_json", "print_matches"]


def match_to_json(m: Match) -> dict[str, Any]:
    return {
        "id": m.target_id, "kind": m.target_kind, "score": round(m.score, 4),
        "confidence": round(m.confidence, 4), "status": m.status,
        "verdict": m.verdict.value if m.verdict else None, "rating": m.rating,
        "text": m.text, "title": m.title, "url": m.url, "source": m.source,
        "language": m.language,
    }


def print_matches(matches: Sequence[Match], *, json_output: bool,
                  console: Console | None = None) -> None:
    if json_output:
        sys.stdout.write(json.dumps([match_to_json(m) for m in matches], ensure_ascii=False)
                         + "\n")
        return
    console = console or Console()
    if not matches:
        console.print("no match in the knowledge base")
        return
    table = Table(show_lines=True)
    for col in ("confidence", "verdict", "kind", "claim / narrative", "source"):
        table.add_column(col)
    for m in matches:
        verdict = m.verdict.value.replace("_", " ") if m.verdict else "-"
        if m.rating:
            verdict += f"\n({escape(m.rating)})"
        source = escape(" · ".join(x for x in (m.source, m.language, m.url) if x))
        table.add_row(f"{m.confidence:.2f} {m.status}", verdict, m.target_kind,
                      escape(m.text if not m.title else f"{m.text}\n— {m.title}"), source)
    console.print(table)


def match(
    text: Annotated[str, typer.Argument(help="The claim to match.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the claim "
                                             "[default: identified].")] = None,
    k: Annotated[int | None, typer.Option("-k", min=1, max=1000,
                                          help="Matches to keep [default: 5].")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Show candidates under the "
                                             "suggest threshold too.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Tell whether a claim was already fact-checked or belongs to a known narrative."""
    if not text.strip():
        fail("[F101] the claim is empty")
    opts = options()
    store = open_store(opts)
    try:
        matcher = Matcher(store, opts, notify=lambda msg: err_console.print(msg, style="dim"))
        matches = matcher.match_text(text, lang, k=k, everything=everything)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    print_matches(matches, json_output=json_output)
