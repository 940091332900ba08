"""The EUvsDisinfo database export (EEAS East StratCom Task Force), 2015–2017: ``cases.csv``.

Columns ``issue, date (mm/dd/yy), outlet, language, origin, reported by, keywords, source, title,
summary, disproof``; one narrative per row: ``summary`` is the disinformation as reported,
``disproof`` the debunk, ``source`` the URL where it appeared (kept as ``url``).

Identity: the export has no case id, and neither ``source`` (one URL can carry several cases,
and short links repeat) nor ``title`` is unique. A case is the claim, the day and the place it
appeared: ``euvsdisinfo:`` and 16 hex digits of the SHA-1 of the normalised title, the ISO date
and the normalised source URL. The same case listed again (299 rows of the 2015–2017 file are
exact repeats) is then rejected as a duplicate (F305), while a re-import finds the same ids.

``countries`` are the ``origin`` entries that are countries (ISO 3166-1 alpha-2); regions such as
"EU" or "The West" and former states are left out. ``reported by`` names who reported the case
(a researcher, a think-tank), not a country, so it gives none. ``language`` is the outlet's
language by its English name; a few rows give a country there instead, read as its language
where it has one (Bulgaria → bg) and as ``und`` where outlets use two (Moldova, Belarus).
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime
from functools import partial

from faro._errors import ColumnMapError, InvalidRecordError, MalformedKBFileError
from faro.kb.importers._codes import country_code, language_code
from faro.kb.importers._collect import Collector
from faro.kb.importers._fields import ReadContext, build_narrative
from faro.kb.importers._identity import normalise_url, text_key
from faro.model import Narrative

__all__ = ["COLUMNS", "DATASET", "read_euvsdisinfo"]

DATASET = "euvsdisinfo"
COLUMNS = ("issue", "date", "outlet", "language", "origin", "reported by", "keywords", "source",
           "title", "summary", "disproof")
_NEEDED = ("date", "language", "origin", "keywords", "source", "title", "summary", "disproof")

#: Countries given in the language column, and the language of their outlets when it is one.
_COUNTRY_LANGUAGE = {"bulgaria": "bg", "germany": "de", "romania": "ro", "serbia": "sr",
                     "spain": "es", "venezuela": "es", "lithuania": None, "moldova": None,
                     "belarus": None}


def read_euvsdisinfo(text: str, context: ReadContext, out: Collector) -> None:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in _NEEDED if name not in header]
        if missing:
            raise ColumnMapError(
                f"not an EUvsDisinfo export: no column {', '.join(missing)}",
                source=context.source,
                line=1,
                hint=f"the columns are: {', '.join(COLUMNS)}",
            )
        index = {name: header.index(name) for name in _NEEDED}
        end = reader.line_num
        for row in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                out.reject(line, InvalidRecordError.code,
                           f"{len(row)} fields where the header has {len(header)}")
                continue
            cells = {name: row[i] for name, i in index.items()}
            out.take(line, partial(_narrative, cells, context))
    except csv.Error as exc:
        raise MalformedKBFileError(
            f"not a readable CSV file: {exc}", source=context.source, line=reader.line_num
        ) from None


def _narrative(cells: dict[str, str], context: ReadContext) -> Narrative:
    day = _date(cells["date"])
    source = cells["source"].strip()
    material = "\x1f".join(
        (text_key(cells["title"]), day.isoformat(), normalise_url(source) or source)
    )
    countries = [code for name in cells["origin"].split(",") if (code := country_code(name))]
    values = {
        "title": cells["title"],
        "summary": cells["summary"],
        "debunk": cells["disproof"],
        "keywords": cells["keywords"].split(","),
        "countries": countries,
        "first_seen": day,
        "last_seen": day,
        "url": source,
        "language": _language(cells["language"]),
    }
    return build_narrative(
        values,
        context,
        source_id=hashlib.sha1(material.encode("utf-8")).hexdigest()[:16],
        url_is_identity=False,
    )


def _date(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%y").date()
    except ValueError:
        raise InvalidRecordError(f"date {text[:40]!r} is not mm/dd/yy") from None


def _language(name: str) -> str | None:
    folded = " ".join(name.casefold().split())
    if folded in _COUNTRY_LANGUAGE:
        return _COUNTRY_LANGUAGE[folded]
    return language_code(name)
