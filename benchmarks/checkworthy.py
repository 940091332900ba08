"""Check-worthiness scoring speed on one core: sentences per second of the shipped model
(``CheckworthyModel.score_many``, numpy, batches of 128; and ``explain_many`` with the evidence
named, 40 sentences per call as ``faro analyze`` scores an article) next to the TF-IDF +
logistic regression baseline (scikit-learn, the same texts scored in one batch) in the same
run; medians of 3 runs.

Texts: the sentences and posts of the CLEF dev splits (``../shared/data/checkworthiness``;
2019 debate sentences and 2022 tweets in six languages), or, without the shared folder, the
sentences of the example articles. The baseline is trained on the first half of the texts (its
training time is not counted).

    python benchmarks/checkworthy.py [--texts 5000] [--json]
"""

from __future__ import annotations

import os

# one core: keep numpy single-threaded
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit  # noqa: E402
from faro.checkworthy import default_model  # noqa: E402
from faro.checkworthy._training import Baseline  # noqa: E402
from faro.eval.clef import read_checkworthy_debates, read_checkworthy_tweets  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "checkworthiness"
RUNS = 3
#: Sentences per call of ``explain_many``, as ``faro analyze`` scores one news article.
DOCUMENT = 40


def _texts(count: int) -> list[tuple[str, str, int]]:
    """(text, language, label) triples, cycling over the sources until ``count``."""
    found: list[tuple[str, str, int]] = []
    if DATA.is_dir():
        for item in read_checkworthy_debates(DATA / "clef2019-t1-en" / "train")[:count // 2]:
            found.append((item.text, "en", item.label))
        for name, lang in (("english", "en"), ("arabic", "ar"), ("bulgarian", "bg"),
                           ("dutch", "nl"), ("turkish", "tr"), ("spanish", "es")):
            for item in read_checkworthy_tweets(DATA / "clef2022-t1a" / name / "dev.tsv"):
                found.append((item.text, lang, item.label))
    else:
        for path in sorted((ROOT / "examples").glob("*.txt")):
            lang = path.name.split("_", 1)[0] if not path.name[0].isdigit() else "it"
            for i, line in enumerate(path.read_text("utf-8").split(". ")):
                if line.strip():
                    found.append((line.strip() + ".", lang, i % 2))
    return [found[i % len(found)] for i in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = _texts(args.texts)
    model = default_model()
    by_lang: dict[str, list[str]] = {}
    for text, lang, _ in texts:
        by_lang.setdefault(lang, []).append(text)
    half = texts[: len(texts) // 2]
    baseline = Baseline([t for t, _, _ in half], [y for _, _, y in half])
    plain = [t for t, _, _ in texts]
    ours, explained, theirs = [], [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        for lang, group in by_lang.items():
            model.score_many(group, lang)
        ours.append(len(texts) / (time.perf_counter() - started))
        started = time.perf_counter()
        for lang, group in by_lang.items():
            for first in range(0, len(group), DOCUMENT):
                model.explain_many(group[first:first + DOCUMENT], lang)
        explained.append(len(texts) / (time.perf_counter() - started))
        started = time.perf_counter()
        baseline.scores(plain)
        theirs.append(len(texts) / (time.perf_counter() - started))
    result = {"benchmark": "checkworthy", "texts": len(texts),
              "faro_sentences_per_s": round(statistics.median(ours)),
              "faro_explained_per_s": round(statistics.median(explained)),
              "baseline_sentences_per_s": round(statistics.median(theirs)),
              "ratio": round(statistics.median(ours) / statistics.median(theirs), 3)}
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
