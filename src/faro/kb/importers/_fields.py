"""From the values a format holds to validated :class:`FactCheck` and :class:`Narrative` records.

Every format reduces a row or object to a mapping of faro field names to values (strings, dates,
lists) and hands it to :func:`build_factcheck` or :func:`build_narrative`, which own every rule a
record must pass. A rule broken raises :class:`~faro.InvalidRecordError` (``F304``), which the
reader turns into a :class:`~faro.kb._records.Rejected` row.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from faro._errors import InvalidRecordError
from faro.kb.importers._codes import UNDETERMINED, country_code, language_code
from faro.kb.importers._identity import record_identity
from faro.kb.ratings import normalise_rating
from faro.model import TRANSLATED_FIELDS, FactCheck, Marking, Narrative, Verdict

__all__ = [
    "FACTCHECK_FIELDS",
    "KINDS",
    "MAX_CHARS",
    "NARRATIVE_FIELDS",
    "ReadContext",
    "build_factcheck",
    "build_narrative",
    "parse_date",
]

FACTCHECK_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FactCheck))
NARRATIVE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Narrative))
KINDS = ("factcheck", "narrative")

#: The longest value accepted per field, in characters; a longer one rejects the record (F304).
#: Claims and summaries are a few sentences: the longest in CLEF 2021 is 625 characters and in
#: EUvsDisinfo 866, so 10,000 leaves room for any real claim and stops a runaway field (an
#: unbalanced quote that swallowed the rest of a table). Debunks are short articles.
MAX_CHARS: dict[str, int] = {
    "claim": 10_000,
    "summary": 10_000,
    "debunk": 20_000,
    "title": 2_000,
    "url": 4_096,
}
#: The limit of every other text field: ratings, names, ids, keywords, codes.
DEFAULT_MAX_CHARS = 1_000

_LIST_SEPARATORS = re.compile(r"[,;|]")
_MARKINGS = {m.value.removeprefix("TLP:").casefold(): m for m in Marking} | {"white": Marking.CLEAR}


@dataclasses.dataclass(frozen=True, slots=True)
class ReadContext:
    """What the caller of :func:`~faro.kb.importers.read_file` said about a file."""

    source: str
    """The name rejections and errors give the file."""
    path: Path
    language: str | None = None
    """Normalised language code for records that do not give one."""
    source_dataset: str | None = None
    kind: str = "factcheck"
    column_map: Mapping[str, str] | None = None


def _text(values: Mapping[str, Any], name: str, *, strip: bool = True) -> str | None:
    value = values.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidRecordError(f"{name} must be a string, not {type(value).__name__}")
    text = str(value)
    if not text.strip():
        return None
    limit = MAX_CHARS.get(name, DEFAULT_MAX_CHARS)
    if len(text) > limit:
        raise InvalidRecordError(
            f"{name} is {len(text):,} characters long; the limit is {limit:,}"
        )
    return text.strip() if strip else text


def _required(values: Mapping[str, Any], name: str, *, strip: bool = True) -> str:
    text = _text(values, name, strip=strip)
    if text is None:
        raise InvalidRecordError(f"{name} is missing or empty")
    return text


def parse_date(value: Any, name: str) -> date | None:
    """An ISO 8601 date or date-time (its date, as written: no time-zone conversion)."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str):
        raise InvalidRecordError(f"{name} must be an ISO 8601 date string")
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise InvalidRecordError(
            f"{name} {text[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None


def _verdict(value: Any) -> Verdict | None:
    if value is None or isinstance(value, Verdict):
        return value
    if not isinstance(value, str):
        raise InvalidRecordError("verdict must be a string")
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if not key:
        return None
    try:
        return Verdict(key)
    except ValueError:
        raise InvalidRecordError(
            f"verdict {value!r} is not one of {', '.join(v.value for v in Verdict)}"
        ) from None


def _marking(value: Any) -> Marking:
    if value is None or value == "":
        return Marking.CLEAR
    if isinstance(value, str):
        found = _MARKINGS.get(value.strip().removeprefix("TLP:").removeprefix("tlp:").casefold())
        if found is not None:
            return found
    raise InvalidRecordError(
        f"marking {value!r} is not a TLP 2.0 marking ({', '.join(m.value for m in Marking)})"
    )


def _language(value: Any, context: ReadContext, *, strict: bool) -> str:
    if isinstance(value, str) and value.strip():
        code = language_code(value)
        if code is not None:
            return code
        if strict:
            raise InvalidRecordError(f"language {value[:40]!r} is not an ISO 639 code")
    return context.language or UNDETERMINED


def _strings(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: Sequence[Any] = _LIST_SEPARATORS.split(value)
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise InvalidRecordError(f"{name} must be a list or a separated string")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise InvalidRecordError(f"{name} must hold strings")
        text = item.strip()
        if len(text) > DEFAULT_MAX_CHARS:
            raise InvalidRecordError(f"an item of {name} is longer than {DEFAULT_MAX_CHARS:,}")
        if text and text not in out:
            out.append(text)
    return out


def _countries(value: Any) -> tuple[str, ...]:
    codes: list[str] = []
    for name in _strings(value, "countries"):
        code = country_code(name)
        if code is None:
            raise InvalidRecordError(f"countries: {name!r} is not an ISO 3166-1 country")
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def build_factcheck(
    values: Mapping[str, Any],
    context: ReadContext,
    *,
    record_id: str | None = None,
    source_id: str | None = None,
    compute_verdict: bool = True,
    strict: bool = True,
) -> FactCheck:
    """A :class:`FactCheck` from faro field names to values.

    ``record_id`` is taken as the id when given (faro's own format); else the id is
    :func:`record_identity` of the URL, ``source_id`` in the data set, or the claim and publisher.
    The verdict is the ``verdict`` value when there is one, else (with ``compute_verdict``) the
    rating normalised. ``strict`` refuses a language that is not a code or English name; without
    it (publishers' markup) such a language counts as absent. Text is stripped unless the record
    comes with its id (faro's own format keeps values exactly).

    Raises:
        InvalidRecordError: a required field is missing, a value does not validate or is longer
            than :data:`MAX_CHARS` allows.
    """
    strip = record_id is None
    claim = _required(values, "claim", strip=strip)
    rating = _text(values, "rating", strip=strip)
    language = _language(values.get("language"), context, strict=strict)
    verdict = _verdict(values.get("verdict"))
    if verdict is None and compute_verdict:
        verdict = normalise_rating(rating, None if language == UNDETERMINED else language)
    url = _text(values, "url", strip=strip)
    publisher = _text(values, "publisher", strip=strip)
    source_dataset = _text(values, "source_dataset", strip=strip) or context.source_dataset
    if record_id is None:
        record_id = record_identity(
            url=url,
            source_dataset=source_dataset,
            source_id=_text({"id": source_id}, "id"),
            claim=claim,
            publisher=publisher,
        )
    return FactCheck(
        id=record_id,
        claim=claim,
        language=language,
        verdict=verdict,
        rating=rating,
        url=url,
        publisher=publisher,
        title=_text(values, "title", strip=strip),
        claimant=_text(values, "claimant", strip=strip),
        review_date=parse_date(values.get("review_date"), "review_date"),
        source_dataset=source_dataset,
        marking=_marking(values.get("marking")),
        releasable_to=tuple(_strings(values.get("releasable_to"), "releasable_to")),
        translations=_translations(values.get("translations"), "factcheck"),
    )


def _translations(value: Any, kind: str) -> dict[str, dict[str, str]]:
    """``{language: {field: text}}`` of the fields :data:`TRANSLATED_FIELDS` allows."""
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        raise InvalidRecordError("translations must map language codes to fields and texts")
    allowed = TRANSLATED_FIELDS[kind]
    out: dict[str, dict[str, str]] = {}
    for lang, fields_ in value.items():
        code = language_code(lang) if isinstance(lang, str) else None
        if code is None:
            raise InvalidRecordError(f"translations: {lang!r} is not an ISO 639 code")
        if not isinstance(fields_, dict) or not fields_:
            raise InvalidRecordError(f"translations[{lang}] must map fields to texts")
        for name, text in fields_.items():
            if name not in allowed:
                raise InvalidRecordError(f"translations[{lang}]: {name!r} is not one of "
                                         f"{', '.join(allowed)}")
            if not isinstance(text, str) or not text.strip():
                raise InvalidRecordError(f"translations[{lang}][{name}] must be a text")
            if len(text) > DEFAULT_MAX_CHARS:
                raise InvalidRecordError(f"translations[{lang}][{name}] is longer than "
                                         f"{DEFAULT_MAX_CHARS:,} characters")
        out[code] = {name: fields_[name].strip() for name in allowed if name in fields_}
    return dict(sorted(out.items()))


def build_narrative(
    values: Mapping[str, Any],
    context: ReadContext,
    *,
    record_id: str | None = None,
    source_id: str | None = None,
    url_is_identity: bool = True,
) -> Narrative:
    """A :class:`Narrative` from faro field names to values; ids as in :func:`build_factcheck`
    (the summary standing for the claim, the source for the publisher). ``url_is_identity``
    false keeps a URL that points at one sighting of the narrative, not at a page about it, out
    of the identity.

    Raises:
        InvalidRecordError: as :func:`build_factcheck`; also a ``first_seen`` after ``last_seen``.
    """
    strip = record_id is None
    title = _required(values, "title", strip=strip)
    summary = _required(values, "summary", strip=strip)
    url = _text(values, "url", strip=strip)
    source = _text(values, "source", strip=strip) or context.source_dataset
    first_seen = parse_date(values.get("first_seen"), "first_seen")
    last_seen = parse_date(values.get("last_seen"), "last_seen")
    if first_seen and last_seen and first_seen > last_seen:
        raise InvalidRecordError(f"first_seen {first_seen} is after last_seen {last_seen}")
    if record_id is None:
        record_id = record_identity(
            url=url if url_is_identity else None,
            source_dataset=source,
            source_id=_text({"id": source_id}, "id"),
            claim=summary,
            publisher=source,
        )
    return Narrative(
        id=record_id,
        title=title,
        summary=summary,
        language=_language(values.get("language"), context, strict=True),
        debunk=_text(values, "debunk", strip=strip),
        keywords=tuple(_strings(values.get("keywords"), "keywords")),
        countries=_countries(values.get("countries")),
        first_seen=first_seen,
        last_seen=last_seen,
        source=source,
        url=url,
        marking=_marking(values.get("marking")),
        releasable_to=tuple(_strings(values.get("releasable_to"), "releasable_to")),
        translations=_translations(values.get("translations"), "narrative"),
    )
