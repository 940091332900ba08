"""Search: the lexical index over the knowledge base, the learned reranker, calibration and the
thresholds that turn scores into suggested or confirmed matches."""

from faro.search._analysis import analyze as analyze_terms
from faro.search._index import IndexStamp, LexicalIndex
from faro.search._matcher import Matcher, Ranked
from faro.search._reranker import Reranker, default_reranker

__all__ = ["IndexStamp", "LexicalIndex", "Matcher", "Ranked", "Reranker", "analyze_terms",
           "default_reranker"]
