"""A near-duplicate test set built from real texts with known edits.

Originals: the EUvsDisinfo cases of ../shared/data/narratives (claim summary + disproof, at least
25 words), with every case that is itself a near-copy of an earlier one (exact Jaccard of word
3-grams above 0.5) dropped, so that originals are distinct. Each original gets 0-3 edited copies,
each edit a kind seen in monitoring:

* ``syndicated``: a wire dateline before and a credit line after (wire copies);
* ``repost``: a repost prefix ("RT @x:", "Must read!") and hashtags or a link after;
* ``typos``: one word in 25 with two letters swapped;
* ``sentence``: one sentence deleted (texts of 4+ sentences) and one of another case inserted;
* ``truncated``: the first 80 % of the words and an ellipsis (a feed excerpt);
* ``numbers``: every number changed (an edited version);
* ``case``: upper-cased, or whitespace collapsed.

Documents sharing an original are duplicates; all other pairs are not (which includes cases
sharing the same debunk paragraph: EUvsDisinfo reuses disproofs across claims). Originals are
split by position into two halves: ``dev`` (even) to choose the threshold, ``test`` (odd) to
report.
"""

from __future__ import annotations

import csv
import itertools
import random
import re
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "data" / "narratives" / "euvsdisinfo-2015-2017" / "cases.csv"
KINDS = ("syndicated", "repost", "typos", "sentence", "truncated", "numbers", "case")

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_DATELINES = ("MOSCOW, 3 March (Agency) — ", "KYIV (Wire) - ", "BRUSSELS, Jan 12 — ",
              "UPDATED 14:05 | ")
_CREDITS = (" (Reporting by Anna K.; editing by Tom B.)", " Source: partner agency.",
            " © 2017 Wire Service. All rights reserved.")
_REPOSTS = ("RT @newsbot: ", "Must read! ", "Shared from a channel: ", "FWD: ")
_TAILS = ("", " #news", " https://t.co/x1y2z3", " #Ukraine #truth")


def _word_trigrams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def originals(min_words: int = 25, max_jaccard: float = 0.5) -> list[str]:
    """The distinct EUvsDisinfo texts, in file order."""
    with CASES.open(encoding="utf-8", newline="") as stream:
        texts = [f"{row['summary'].strip()}\n\n{row['disproof'].strip()}"
                 for row in csv.DictReader(stream)]
    texts = [t for t in texts if len(_WORD.findall(t)) >= min_words]
    sets = [_word_trigrams(t) for t in texts]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, grams in enumerate(sets):
        for gram in grams:
            postings[gram].append(i)
    shared: set[tuple[int, int]] = set()
    for found in postings.values():
        if len(found) < 50:  # grams in 50+ texts are boilerplate; real copies share rarer ones
            shared.update(itertools.combinations(found, 2))
    dropped: set[int] = set()
    for a, b in sorted(shared):
        if a not in dropped and b not in dropped and \
                len(sets[a] & sets[b]) / len(sets[a] | sets[b]) > max_jaccard:
            dropped.add(b)
    return [t for i, t in enumerate(texts) if i not in dropped]


def edit(text: str, kind: str, rng: random.Random, other: str) -> str:
    """``text`` with one edit of ``kind`` (``other``: a text to borrow a sentence from)."""
    words = text.split(" ")
    if kind == "syndicated":
        return rng.choice(_DATELINES) + text + rng.choice(_CREDITS)
    if kind == "repost":
        return rng.choice(_REPOSTS) + text + rng.choice(_TAILS)
    if kind == "typos":
        for i in rng.sample(range(len(words)), max(1, len(words) // 25)):
            word = words[i]
            if len(word) >= 4:
                at = rng.randrange(1, len(word) - 2)
                words[i] = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        return " ".join(words)
    if kind == "sentence":
        sentences = _SENTENCE.split(text)
        if len(sentences) >= 4:
            del sentences[rng.randrange(len(sentences))]
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_SENTENCE.split(other)))
        return " ".join(sentences)
    if kind == "truncated":
        return " ".join(words[:max(20, int(len(words) * 0.8))]) + " …"
    if kind == "numbers":
        if re.search(r"\d", text):
            return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), text)
        return text.replace(" the ", " this ", 2)
    if kind == "case":
        return text.upper() if rng.random() < 0.3 else re.sub(r"\s+", " ", text)
    raise ValueError(f"unknown edit {kind!r}")


def labelled(texts: list[str], seed: int) -> list[tuple[str, int, str]]:
    """Every original and its 0-3 edited copies, shuffled: (text, original's number, kind)."""
    rng = random.Random(seed)
    out: list[tuple[str, int, str]] = []
    for i, text in enumerate(texts):
        out.append((text, i, "original"))
        for kind in rng.sample(KINDS, rng.randint(0, 3)):
            out.append((edit(text, kind, rng, texts[rng.randrange(len(texts))]), i, kind))
    rng.shuffle(out)
    return out


def halves() -> dict[str, list[tuple[str, int, str]]]:
    """The ``dev`` and ``test`` sets."""
    texts = originals()
    return {"dev": labelled(texts[0::2], seed=1), "test": labelled(texts[1::2], seed=2)}
