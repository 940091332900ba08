"""What an importer hands to the store: records with where they came from, and rejected rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from faro.model import FactCheck, Narrative, Note

__all__ = ["KBRecord", "ParsedFile", "Rejected", "with_language"]

KBRecord = FactCheck | Narrative


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row or object an importer refused, with the reason an analyst can act on."""

    source: str
    """The file (or ``<stdin>``) it came from."""
    line: int | None
    """1-based line of the row or object in ``source`` where it can be told, else ``None``."""
    code: str
    """The faro error code of the reason (F304 invalid record, F305 duplicate identity…)."""
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: [{self.code}] {self.reason}"


@dataclass(slots=True)
class ParsedFile:
    """Everything one file yielded: records in file order (with their 1-based line, when known),
    the rows that were refused, and notes on the file as a whole (an assumed encoding,
    ``F103``). A file that cannot be parsed at all raises instead."""

    source: str
    format: str
    records: list[tuple[int | None, KBRecord]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def factchecks(self) -> list[FactCheck]:
        return [r for _, r in self.records if isinstance(r, FactCheck)]

    @property
    def narratives(self) -> list[Narrative]:
        return [r for _, r in self.records if isinstance(r, Narrative)]


def with_language(record: KBRecord) -> KBRecord:
    """``record``, with its language identified from its claim (a narrative's summary) when its
    source gave none (``und``)."""
    if record.language not in ("", "und"):
        return record
    from faro.text.langid import identify

    text = record.claim if isinstance(record, FactCheck) else record.summary
    return replace(record, language=identify(text).code)
