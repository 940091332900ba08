"""Reading inputs into documents: files, directories and stdin, feeds, web pages and
social-media exports, with coded errors for bad input; and telling near-duplicates apart.

>>> from faro.ingest import discover, read_source
>>> errors = []
>>> for source in discover(["examples/"], errors.append):  # doctest: +SKIP
...     for doc in read_source(source, max_bytes=20_000_000, on_error=errors.append):
...         print(doc.id, len(doc.text))
"""

from faro.ingest.decode import decode, normalize
from faro.ingest.dedup import Duplicate, DuplicateIndex
from faro.ingest.feeds import Feed, read_feed
from faro.ingest.files import (
    STDIN,
    STDIN_NAME,
    SUPPORTED_EXTENSIONS,
    RecordFields,
    discover,
    read_source,
)
from faro.ingest.social import EXPORT_FORMATS, Export, read_export
from faro.ingest.web import Fetched, Fetcher, page_document

__all__ = [
    "EXPORT_FORMATS",
    "STDIN",
    "STDIN_NAME",
    "SUPPORTED_EXTENSIONS",
    "Duplicate",
    "DuplicateIndex",
    "Export",
    "Feed",
    "Fetched",
    "Fetcher",
    "RecordFields",
    "decode",
    "discover",
    "normalize",
    "page_document",
    "read_export",
    "read_feed",
    "read_source",
]
