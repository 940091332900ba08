"""Reading inputs into documents: files, directories and stdin, with coded errors for bad input.

>>> from faro.ingest import discover, read_source
>>> errors = []
>>> for source in discover(["examples/"], errors.append):  # doctest: +SKIP
...     for doc in read_source(source, max_bytes=20_000_000, on_error=errors.append):
...         print(doc.id, len(doc.text))
"""

from faro.ingest.decode import decode, normalize
from faro.ingest.files import (
    STDIN,
    STDIN_NAME,
    SUPPORTED_EXTENSIONS,
    RecordFields,
    discover,
    read_source,
)

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "SUPPORTED_EXTENSIONS",
    "RecordFields",
    "decode",
    "discover",
    "normalize",
    "read_source",
]
