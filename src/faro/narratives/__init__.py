"""Narratives: incremental clustering of claims (:class:`Clusterer`), their volume over time and
the burst statistic that flags emerging ones (:class:`BurstDetector`, :func:`burst`)."""

from faro.narratives._cluster import (
    DEFAULT_THRESHOLD,
    ClaimItem,
    Clusterer,
    ClusterSettings,
    NarrativeCluster,
)
from faro.narratives._trends import Burst, BurstDetector, BurstSettings, burst, sparkline

__all__ = ["DEFAULT_THRESHOLD", "Burst", "BurstDetector", "BurstSettings", "ClaimItem",
           "ClusterSettings", "Clusterer", "NarrativeCluster", "burst", "sparkline"]
