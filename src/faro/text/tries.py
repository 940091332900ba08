"""Regular expressions for long lists of literal phrases, built as tries.

``re`` tries the alternatives of ``a|b|c`` one after the other at every position, so a lexicon
of 150 phrases costs 150 attempts per character. A trie shares prefixes: at each character the
engine checks one class per branch and moves on, so the cost hardly grows with the lexicon
(measured 4-6x faster than the sorted alternation on the English, Italian and French attribution
lexicons over news text, same matches).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["trie_pattern"]

_Node = dict[str, "_Node"]


def trie_pattern(phrases: Iterable[str], char: Callable[[str], str] = re.escape, *,
                 bounded: bool = False, extra: Iterable[str] = ()) -> str:
    """One regex matching the longest of ``phrases`` at a position.

    ``char`` turns a character into its pattern (``re.escape``, or a class matching both
    cases). Each node lists its children before its own end, so the longest phrase wins;
    ``bounded`` ends a phrase that ends in a letter or digit only before a non-word character.
    ``extra`` alternatives are tried at the top level after the phrases. No phrase and no
    ``extra``: a pattern that never matches.

    >>> re.findall(trie_pattern(["according to", "accordingly", "said"]),
    ...            "accordingly, he said, according to them")
    ['accordingly', 'said', 'according to']
    """
    root: _Node = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for c in phrase:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: _Node, last: str) -> str:
        alternatives = [char(c) + emit(child, c) for c, child in sorted(node.items()) if c]
        if "" in node:
            alternatives.append(r"(?!\w)" if bounded and (last.isalnum() or last == "_")
                                else "")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    body = [char(c) + emit(child, c) for c, child in sorted(root.items())]
    if not body and not extra:
        return "(?!)"
    return "(?:" + "|".join([*body, *extra]) + ")"
