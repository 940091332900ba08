"""The identity of a knowledge-base record: what makes a re-import update rather than duplicate.

One rule for every format (:func:`record_identity`): the normalised review URL when there is one,
else ``<source_dataset>:<id in that data set>``, else a SHA-1 digest of the claim and publisher.
"""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import urlsplit, urlunsplit

__all__ = ["normalise_url", "record_identity", "text_key"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str | None:
    """``url`` in the form identities use, or ``None`` when it is not an absolute http(s) URL.

    Scheme and host are lower-cased, a default port, user info and the fragment are dropped, as
    are ``utm_*`` query parameters and a trailing slash. The rest is kept byte for byte: path
    case and percent-encoding are the publisher's.

    >>> normalise_url("HTTPS://Example.org:443/Checks/Claim-1/?utm_source=x&id=2#top")
    'https://example.org/Checks/Claim-1?id=2'
    >>> normalise_url("example.org/claim") is None
    True
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"  # IPv6
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    query = "&".join(
        item
        for item in parts.query.split("&")
        if item and not item.split("=", 1)[0].lower().startswith("utm_")
    )
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), query, ""))


def text_key(text: str) -> str:
    """``text`` as digests see it: NFKC, case-folded, runs of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def record_identity(
    *,
    url: str | None = None,
    source_dataset: str | None = None,
    source_id: str | None = None,
    claim: str | None = None,
    publisher: str | None = None,
) -> str:
    """The id of a record: the first of these that can be made.

    1. ``url`` normalised by :func:`normalise_url` (a URL that is not absolute http(s) is
       skipped);
    2. ``<source_dataset>:<source_id>`` when both are given (``clef2020-t2:784``);
    3. ``sha1:`` and the hex SHA-1 of :func:`text_key` of ``claim`` and of ``publisher``.

    For narratives, ``claim`` is the summary and ``publisher`` the source.

    >>> record_identity(url="https://Example.org/fc/1/", source_dataset="x", source_id="1")
    'https://example.org/fc/1'
    >>> record_identity(source_dataset="clef2020-t2", source_id="784")
    'clef2020-t2:784'
    >>> record_identity(claim="The Moon is  made of cheese", publisher="Ex")[:13]
    'sha1:696952c7'

    Raises:
        ValueError: none of the three can be made (no usable URL, id or claim).
    """
    if url:
        normalised = normalise_url(url)
        if normalised:
            return normalised
    if source_dataset and source_id:
        return f"{source_dataset}:{source_id}"
    if not claim or not claim.strip():
        raise ValueError("a record identity needs a URL, a source id or a claim")
    material = f"{text_key(claim)}\x1f{text_key(publisher or '')}"
    return "sha1:" + hashlib.sha1(material.encode("utf-8")).hexdigest()
