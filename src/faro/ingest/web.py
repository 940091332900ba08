"""Fetching feeds and pages over HTTP, politely and within bounds.

:class:`Fetcher` wraps an httpx client: a clear user agent, connect and read timeouts, at most
:data:`MAX_REDIRECTS` redirects, a size limit enforced while the body streams in (a server that
lies about Content-Length or sends none is cut off at the limit), only ``http`` and ``https``
URLs, and conditional requests (``If-None-Match`` / ``If-Modified-Since``) so an unchanged feed
costs one small answer. Every failure raises :class:`~faro.FetchError` (F110) with the URL and,
when the server answered, the HTTP status.

:func:`page_document` turns a fetched HTML page into a document (main text by trafilatura).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from faro._errors import FetchError
from faro._version import __version__
from faro.ingest.decode import decode, normalize
from faro.ingest.files import html_document
from faro.model import Document

__all__ = ["MAX_BYTES", "MAX_REDIRECTS", "TIMEOUT", "USER_AGENT", "Fetched", "Fetcher",
           "page_document", "retry_after"]

USER_AGENT = (f"faro/{__version__} (counter-disinformation monitoring; "
              "+https://github.com/faro-workbench/faro)")
#: Seconds to connect and between bytes read; a whole fetch is bounded by TOTAL_TIMEOUT.
TIMEOUT = 15.0
TOTAL_TIMEOUT = 60.0
MAX_REDIRECTS = 5
#: Largest body read (a news page is well under 2 MB; feeds of a few hundred entries too).
MAX_BYTES = 10 * 2**20


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a GET brought back: the final URL (after redirects), the status, the body (empty
    when ``not_modified``) and the validators to send next time."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """An HTTP client for sources. Use as a context manager, or call :meth:`close`."""

    def __init__(self, *, timeout: float = TIMEOUT, total_timeout: float = TOTAL_TIMEOUT,
                 max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS,
                 user_agent: str = USER_AGENT, transport: Any = None) -> None:
        import httpx2

        self.max_bytes = max_bytes
        self.total_timeout = total_timeout
        self._client = httpx2.Client(
            timeout=httpx2.Timeout(timeout), follow_redirects=True,
            max_redirects=max_redirects, headers={"User-Agent": user_agent},
            transport=transport)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None
            ) -> Fetched:
        """GET ``url``; with ``etag`` or ``last_modified`` (from an earlier :class:`Fetched`)
        an unchanged resource answers 304 and an empty body."""
        import time

        import httpx2

        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("only http and https URLs can be fetched", source=url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as answer:
                if answer.status_code >= 400:
                    raise FetchError(f"the server answered HTTP {answer.status_code} "
                                     f"{answer.reason_phrase}".rstrip(), source=url,
                                     status=answer.status_code,
                                     retry_after=retry_after(answer.headers.get("retry-after")))
                declared = answer.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, int(declared))
                chunks, size = [], 0
                for chunk in answer.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_large(url)
                    if time.monotonic() - started > self.total_timeout:
                        raise FetchError(f"the body took more than {self.total_timeout:g} s "
                                         "to arrive", source=url)
                    chunks.append(chunk)
                return Fetched(str(answer.url), answer.status_code, b"".join(chunks),
                               answer.headers.get("content-type"), answer.headers.get("etag"),
                               answer.headers.get("last-modified"))
        except httpx2.TooManyRedirects as exc:
            raise FetchError(f"more than {self._client.max_redirects} redirects (a redirect "
                             "loop?)", source=url) from exc
        except httpx2.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", source=url) from exc
        except httpx2.HTTPError as exc:
            raise FetchError(f"could not fetch: {exc or type(exc).__name__}",
                             source=url) from exc

    def _too_large(self, url: str, size: int | None = None) -> FetchError:
        told = f" ({size:,} bytes)" if size else ""
        return FetchError(f"the body is larger than the limit of {self.max_bytes:,} "
                          f"bytes{told}", source=url)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date; None when
    absent or unreadable.

    >>> retry_after("120"), retry_after("soon")
    (120.0, None)
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def page_document(fetched: Fetched) -> Document:
    """The document of a fetched page: main text of HTML by trafilatura, plain text as it is.
    Raises :class:`~faro.NoContentError` (F109) for a page without main text."""
    kind = (fetched.content_type or "").split(";")[0].strip().lower()
    if kind in ("text/plain", "text/markdown"):
        text, note = decode(fetched.body, fetched.url)
        return Document(id=fetched.url, text=normalize(text), source=fetched.url,
                        url=fetched.url, notes=[note] if note else [])
    doc = html_document(fetched.body, fetched.url, None)
    doc.id = fetched.url
    doc.url = doc.url or fetched.url
    return doc
