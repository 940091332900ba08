"""Check-worthiness: the probability that a sentence or post deserves a fact-checker's time, in
many languages, with the evidence that drove it.

>>> from faro.checkworthy import default_model
>>> scored = default_model().score("Unemployment fell to 3.5% in 2019.", "en")
>>> 0.0 <= scored.probability <= 1.0, "percent" in scored.evidence
(True, True)

The model is trained by ``faro train checkworthy`` (scikit-learn, the ``dev`` extra) and read
with numpy only; its card is ``faro/resources/models/checkworthy.md``.
"""

from faro.checkworthy._features import EVIDENCE, MAX_CHARS
from faro.checkworthy._model import (
    POOLED,
    SCORER_NAME,
    CheckworthyModel,
    Genre,
    Scored,
    default_model,
)

__all__ = ["EVIDENCE", "MAX_CHARS", "POOLED", "SCORER_NAME", "CheckworthyModel", "Genre",
           "Scored", "default_model"]
