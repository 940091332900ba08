"""Narratives: incremental clustering of claims, their trends and bursts."""

from faro.narratives._cluster import (
    DEFAULT_THRESHOLD,
    ClaimItem,
    Clusterer,
    ClusterSettings,
    NarrativeCluster,
)

__all__ = ["DEFAULT_THRESHOLD", "ClaimItem", "ClusterSettings", "Clusterer", "NarrativeCluster"]
