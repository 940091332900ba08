"""HTML fragments (a feed entry's content, a Mastodon status) as plain text with paragraphs.

Whole pages go through trafilatura (:func:`faro.ingest.files.html_document`), which finds the
article among navigation and footers; a fragment is all content already, so here its scripts
and styles are dropped, block elements become paragraphs and ``<br>`` a line break.

>>> fragment_text("<p>First <b>point</b>.</p><p>Second<br>line</p><script>x()</script>")
'First point.\\n\\nSecond\\nline'
"""

from __future__ import annotations

import re

__all__ = ["fragment_text"]

_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5",
                     "h6", "tr", "table", "pre", "section", "article", "header", "footer",
                     "figure", "figcaption", "dd", "dt"})
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object")
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\n\s*\n\s*")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (plain text comes back as it is, whitespace tidied)."""
    if "<" not in html:
        return _tidy(html.replace("&amp;", "&"))
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iter(*_DROPPED):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()
