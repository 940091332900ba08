"""The terminal report of ``faro analyze``: one panel of tables per document.

Document text is untrusted: it is always placed in :class:`rich.text.Text` objects, never
interpreted as console markup.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from babel import Locale
from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from faro.model import DateMention, Document, EntityType

__all__ = ["render_document"]

_MAX_CELL = 110
_TOP_CLAIMS = 8


def _short(text: str, limit: int = _MAX_CELL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def _language_name(code: str) -> str:
    return str(Locale("en").languages.get(code, code))


def _date_value(date: DateMention) -> str:
    if date.value:
        return date.value
    rel = date.relative
    if rel is None:
        return "—"
    parts = [rel.position if rel.position != "within" else "", rel.detail or rel.unit,
             f"{rel.offset:+d}" if rel.offset else "this"]
    if rel.bound:
        parts.insert(0, rel.bound)
    return " ".join(p for p in parts if p) + " (relative)"


def _table(title: str, *columns: str, ratios: tuple[int, ...] = ()) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=bool(ratios),
                  title_style="bold")
    for i, column in enumerate(columns):
        ratio = ratios[i] if i < len(ratios) and ratios[i] else None  # 0: as wide as needed
        table.add_column(column, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    return table


#: Matches shown per claim in the terminal (``--json`` carries all of them).
_MATCHES_PER_CLAIM = 3
_VERDICT_STYLE = {"false": "bold red", "mostly_false": "red", "partly_true": "yellow",
                  "true": "green", "mostly_true": "green"}


def _evidence_label(name: str) -> str:
    """``percent`` → ``percent``, ``names_2plus`` → ``names 2plus``, ``word:cases`` →
    ``“cases”``."""
    return f"“{name[5:]}”" if name.startswith("word:") else name.replace("_", " ")


def render_document(doc: Document, console: Console) -> None:
    """Print the report of one analysed document."""
    parts: list[Table | Text] = []
    lang = doc.language
    head = Text()
    if lang is not None:
        head.append(f"{_language_name(lang.code)} ({lang.code})", style="bold cyan")
        head.append(f"  confidence {lang.confidence:.2f} · {lang.method}")
    head.append(f"\n{len(doc.sentences)} sentences · {len(doc.quotes)} quotes · "
                f"{len(doc.entities)} entities · {len(doc.numbers)} numbers · "
                f"{len(doc.dates)} dates")
    if doc.title:
        head.append("\n")
        head.append(_short(doc.title), style="italic")
    parts.append(head)
    for note in doc.notes:
        parts.append(Text(f"⚠ [{note.code}] {note.message}", style="yellow"))

    worthy = sorted((c for c in doc.claims if c.checkworthy), key=lambda c: -c.score)
    claims = _table(f"Check-worthy claims ({len(worthy)} of {len(doc.claims)} sentences)",
                    "score", "sentence", "evidence", ratios=(0, 7, 3))
    for claim in worthy[:_TOP_CLAIMS]:
        evidence = ", ".join(_evidence_label(k) for k, v in claim.features.items() if v > 0)
        claims.add_row(Text(f"{claim.score:.2f}", style="bold"), Text(_short(claim.text, 200)),
                       Text(evidence, style="dim"))
    if worthy:
        parts.append(claims)
    matched = [c for c in worthy if c.matches]
    if matched:
        table = _table("Already fact-checked or a known narrative", "claim", "verdict",
                       "fact-check / narrative", ratios=(4, 2, 5))
        for claim in matched:
            for i, m in enumerate(claim.matches[:_MATCHES_PER_CLAIM]):
                verdict = Text(m.verdict.value.replace("_", " ") if m.verdict else m.target_kind,
                               style=_VERDICT_STYLE.get(m.verdict.value if m.verdict else "",
                                                        "cyan"))
                verdict.append(f"\n{m.confidence:.2f} {m.status}", style="dim")
                found = Text(_short(m.title or m.text, 160))
                if m.rating:
                    found.append(f"  «{m.rating}»", style="bold")
                source = " · ".join(x for x in (m.source, m.url) if x)
                if source:
                    found.append(f"\n{source}", style="dim")
                claims_cell = Text(_short(claim.text, 160)) if i == 0 else Text("")
                table.add_row(claims_cell, verdict, found)
        parts.append(table)

    if doc.quotes:
        quotes = _table("Quotes", "kind", "quote", "speaker", "verb", ratios=(0, 5, 2, 0))
        for quote in doc.quotes:
            kind = "fragment" if quote.fragment else quote.kind.value
            speaker = Text(quote.speaker_resolved or "—", style="green")
            if quote.speaker and quote.speaker != quote.speaker_resolved:
                speaker.append(f"\n({quote.speaker})", style="dim")
            quotes.add_row(Text(kind), Text(_short(quote.text, 160)), speaker,
                           Text(quote.verb or "—", style="dim"))
        parts.append(quotes)

    if doc.entities:
        grouped: dict[EntityType, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        shown: dict[str, str] = {}
        for entity in doc.entities:
            grouped[entity.type][entity.canonical] += 1
            shown.setdefault(entity.canonical, entity.text)  # the first way the text wrote it
        entities = _table("Entities", "type", "entities (mentions) [key]", ratios=(0, 1))
        for etype in EntityType:
            if etype in grouped:
                names = sorted(grouped[etype].items(), key=lambda kv: (-kv[1], kv[0]))
                line = Text()
                for i, (key, count) in enumerate(names):
                    line.append(", " if i else "")
                    line.append(shown[key])
                    if count > 1:
                        line.append(f" ({count})")
                    if key != shown[key] and key not in shown[key]:
                        line.append(f" [{key}]", style="dim")
                entities.add_row(Text(etype.value), line)
        parts.append(entities)

    if doc.numbers or doc.dates:
        figures = _table("Numbers and dates", "as written", "value", "kind")
        for number in doc.numbers:
            value = f"{number.value:,.10g}" + (f" {number.unit}" if number.unit else "")
            figures.add_row(Text(_short(number.text, 50)), Text(value), Text(number.kind.value))
        for date in doc.dates:
            figures.add_row(Text(_short(date.text, 50)), Text(_date_value(date)), Text("date"))
        parts.append(figures)

    title = Text(doc.source or doc.id, style="bold")
    console.print(Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED))
