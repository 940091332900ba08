"""Importers: knowledge-base files to :class:`~faro.model.FactCheck` and
:class:`~faro.model.Narrative` records.

========================  ======================================================================
``claimreview``           schema.org ClaimReview JSON-LD: an object, an array, ``@graph``s, or
                          the ``ld+json`` scripts of a saved HTML page
``factcheck-api``         Google Fact Check Tools API ``claims:search`` responses
``table``                 CSV, TSV or JSON Lines with a column map (faro field → column)
``clef-vclaims``          CLEF CheckThat! verified claims (``vclaim_id, vclaim, title``)
``euvsdisinfo``           the EUvsDisinfo 2015–2017 export (narratives)
``faro-jsonl``            faro's own JSON Lines (the demo knowledge base, ``faro kb export``)
========================  ======================================================================

>>> from pathlib import Path
>>> detect_format(Path("cases.csv"), b"issue,date,outlet,language,origin,reported by,"
...               b"keywords,source,title,summary,disproof\\n")
'euvsdisinfo'

Every record's id comes from :func:`record_identity`. :func:`read_file` returns what a file
yielded, rows it refused included; a file that does not parse at all raises instead.
"""

from faro.kb.importers._detect import FORMATS, detect_format, iter_kb_files
from faro.kb.importers._faro_jsonl import record_to_json
from faro.kb.importers._identity import normalise_url, record_identity
from faro.kb.importers._read import read_file
from faro.kb.importers._table import parse_column_map

__all__ = [
    "FORMATS",
    "detect_format",
    "iter_kb_files",
    "normalise_url",
    "parse_column_map",
    "read_file",
    "record_identity",
    "record_to_json",
]
