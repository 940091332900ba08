"""A knowledge base of any size recombined from real claims, and real claims to match against it,
for ``benchmarks/match.py``.

Sources (``../shared/data``): the verified claims and titles of CLEF CheckThat! 2020 Task 2 and
2021 Task 2A (Snopes, English, deduplicated by text); the EUvsDisinfo 2015–2017 cases (summary,
keywords and title, English); and, for a share of entries in other languages, the tweets of
CLEF 2022 Task 1A in Arabic, Bulgarian, Dutch, Spanish and Turkish (the EUvsDisinfo texts are
all English, so they cannot give one).

Each entry splices two real texts at the same relative point — the first part of one text's
words, the rest of another's — and takes its title from a third; a narrative also takes the
keywords of that third case. Words, word frequencies and text lengths stay those of real claims,
but the vocabulary stays that of the sources (~46k index terms at 100k entries) instead of
growing with the knowledge base as names and places would: posting lists grow in proportion to
the entries, the pessimistic case for the first stage.

Mix (seeded, by entry): 80 % English fact-checks, 10 % English narratives, 10 % fact-checks in
one of the five other languages. Entries are made one at a time, so a 1M-entry knowledge base
is never held as strings.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from faro.eval import read_queries, read_vclaims
from faro.search._index import IndexDoc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
_RETRIEVAL = DATA / "claim-retrieval"
_CLAIMS: Final = (_RETRIEVAL / "clef2020-t2-en" / "verified_claims.docs.tsv",
                  _RETRIEVAL / "clef2021-t2a-en" / "verified_claims.tsv")
_QUERIES: Final = (_RETRIEVAL / "clef2020-t2-en" / "dev" / "tweets.queries.tsv",
                   _RETRIEVAL / "clef2020-t2-en" / "test" / "tweets.queries.tsv",
                   _RETRIEVAL / "clef2021-t2a-en" / "dev_queries.tsv")
_CASES: Final = DATA / "narratives" / "euvsdisinfo-2015-2017" / "cases.csv"
_TWEETS: Final = DATA / "checkworthiness" / "clef2022-t1a"
_OTHER: Final = {"ar": "arabic", "bg": "bulgarian", "es": "spanish", "nl": "dutch",
                 "tr": "turkish"}

NARRATIVE_SHARE: Final = 0.10
OTHER_LANGUAGE_SHARE: Final = 0.10
_TITLE_WORDS: Final = 12  # a title made from a tweet: its first words
_NOISE = re.compile(r"https?://|www\.|@|pic\.twitter")


def missing_data() -> list[Path]:
    """The source files that are not there (the benchmark cannot run without them)."""
    return [p for p in (*_CLAIMS, *_QUERIES, _CASES) if not p.is_file()]


@dataclass(frozen=True, slots=True)
class _Pools:
    claims: list[list[str]]
    claim_titles: list[str]
    summaries: list[list[str]]
    cases: list[tuple[str, str]]  # (title, keywords)
    other: list[tuple[str, list[list[str]]]]  # (language, words of each tweet)


@cache
def _load() -> _Pools:
    seen: set[str] = set()
    claims, titles = [], []
    for path in _CLAIMS:
        for claim in read_vclaims(path):
            if claim.text.strip() and claim.text not in seen:
                seen.add(claim.text)
                claims.append(claim.text.split())
                titles.append(claim.title.strip() or claim.text)
    with _CASES.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["summary"].strip()]
    summaries = [r["summary"].split() for r in rows]
    cases = [(r["title"].strip(), r["keywords"].strip()) for r in rows]
    other = []
    csv.field_size_limit(1 << 24)
    for code, folder in _OTHER.items():
        path = _TWEETS / folder / "train.tsv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            tweets = [[w for w in r["tweet_text"].split() if not _NOISE.match(w)]
                      for r in csv.DictReader(f, delimiter="\t")]
        other.append((code, [t for t in tweets if len(t) >= 4]))
    return _Pools(claims, titles, summaries, cases, other)


def _splice(rng: random.Random, pool: list[list[str]]) -> str:
    a, b = pool[rng.randrange(len(pool))], pool[rng.randrange(len(pool))]
    cut = rng.uniform(0.3, 0.7)
    return " ".join(a[:round(cut * len(a))] + b[round(cut * len(b)):])


def knowledge_base(size: int, *, seed: int = 13) -> Iterator[IndexDoc]:
    """``size`` entries, the same ones for the same ``seed``, made as they are consumed (the
    sources are read once, on the first call, not while the entries are consumed)."""
    return _entries(_load(), size, seed)


def _entries(pools: _Pools, size: int, seed: int) -> Iterator[IndexDoc]:
    rng = random.Random(seed)
    for i in range(size):
        draw = rng.random()
        if draw < NARRATIVE_SHARE:
            title, keywords = pools.cases[rng.randrange(len(pools.cases))]
            summary = _splice(rng, pools.summaries)
            main = f"{summary}\n{keywords}" if keywords else summary
            yield IndexDoc(f"n{i}", "narrative", "en", main, title)
        elif draw < NARRATIVE_SHARE + OTHER_LANGUAGE_SHARE and pools.other:
            language, tweets = pools.other[rng.randrange(len(pools.other))]
            title = " ".join(tweets[rng.randrange(len(tweets))][:_TITLE_WORDS])
            yield IndexDoc(f"f{i}", "factcheck", language, _splice(rng, tweets), title)
        else:
            title = pools.claim_titles[rng.randrange(len(pools.claim_titles))]
            yield IndexDoc(f"f{i}", "factcheck", "en", _splice(rng, pools.claims), title)


def claims_to_match(count: int, *, seed: int = 5) -> list[str]:
    """A fixed sample of ``count`` real tweets (CLEF-2020 dev+test, CLEF-2021 dev: 596 in all;
    fewer when ``count`` is larger), in a seeded order."""
    tweets = [q.text for path in _QUERIES for q in read_queries(path)]
    return random.Random(seed).sample(tweets, min(count, len(tweets)))
