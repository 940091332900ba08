"""Benchmark corpora built from the example articles the project ships (and ../shared)."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _paragraphs_by_language() -> dict[str, list[str]]:
    sources = sorted((ROOT / "examples").glob("*.txt"))
    sources += sorted((SHARED / "examples").glob("*.txt")) if SHARED.is_dir() else []
    pools: dict[str, list[str]] = {}
    for path in sources:
        lang = path.name.split("_", 1)[0] if not path.name[0].isdigit() else "it"
        paragraphs = [p.strip() for p in path.read_text("utf-8").split("\n\n") if p.strip()]
        pools.setdefault(lang, []).extend(paragraphs)
    return pools


def news_documents(count: int, *, target_chars: int = 3500, seed: int = 7) -> list[str]:
    """``count`` news-length documents (~3.5 KB), each in one language, mixing the paragraphs
    of that language's example articles in a seeded random order."""
    rng = random.Random(seed)
    pools = _paragraphs_by_language()
    languages = sorted(pools)
    docs = []
    for i in range(count):
        pool = pools[languages[i % len(languages)]]
        parts: list[str] = []
        size = 0
        while size < target_chars:
            paragraph = rng.choice(pool)
            parts.append(paragraph)
            size += len(paragraph) + 2
        docs.append("\n\n".join(parts))
    return docs
