"""The claims of an analysed document: every sentence scored by the check-worthiness model, as
one batch per document."""

from __future__ import annotations

import math

from faro.checkworthy._model import LANG_CODE, SCORER_NAME, Genre, default_model
from faro.model import Claim, Document

__all__ = ["score_claims"]

#: Documents of at most this many characters are scored as posts (a tweet holds 280, a Mastodon
#: or Bluesky post 300-500), longer ones as prose (articles, transcripts): the two are scored by
#: different models where a language has a prose model (see ``faro.checkworthy.Genre``).
POST_CHARS = 600
#: A document's best-scoring fifth of its sentences (at least one: a post's best sentence) are
#: claims even below the model's threshold, so they are matched against the knowledge base. The
#: prose models are calibrated on debate transcripts, where 1 sentence in 37 is check-worthy,
#: and news articles carry far more claims (with the threshold alone, 5 of the 11 example
#: articles had none, among them a German one whose best sentence reports 3,700 complaints since
#: 4 November 2024); the English post model is calibrated on COVID-19 tweets, and short English
#: posts repeating demo fact-checked claims on other topics fell below it. Not applied when a
#: threshold is given.
BEST_SHARE = 0.2


def score_claims(doc: Document, threshold: float | None = None) -> list[Claim]:
    """One :class:`~faro.Claim` per sentence of ``doc``, in text order, with its probability,
    the evidence that drove it and whether it is check-worthy: a probability of at least
    ``threshold``, or of the model's own threshold for the language when it is None (and then
    also the best :data:`BEST_SHARE` of the sentences). A document of at most
    :data:`POST_CHARS` characters is scored as a post, a longer one as prose."""
    model = default_model()
    base = doc.lang.split("-")[0].lower()
    lang = base if LANG_CODE.match(base) else "und"
    genre: Genre = "post" if len(doc.text) <= POST_CHARS else "prose"
    scored = model.explain_many([s.text for s in doc.sentences], lang, genre)
    cut = model.threshold(lang, genre) if threshold is None else threshold
    best: set[int] = set()
    if threshold is None:
        ranked = sorted(range(len(scored)), key=lambda i: -scored[i].probability)
        best = {i for i in ranked[:math.ceil(BEST_SHARE * len(scored))]
                if scored[i].probability > 0}
    return [Claim(index, s.start, s.end, s.text, round(found.probability, 4), found.evidence,
                  SCORER_NAME, checkworthy=found.probability >= cut or index in best)
            for index, (s, found) in enumerate(zip(doc.sentences, scored, strict=True))]
