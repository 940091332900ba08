"""Monitoring: sources read into an organisation's store, once (``faro ingest``) or when they
are due (``faro watch``), each document deduplicated against the stored ones and the rest
analysed, matched and saved; the sources' state kept in the database so a stopped monitor
resumes without losing or repeating anything.
"""

from faro.monitor._ingest import Ingester, SourceReport
from faro.monitor._read import KINDS, Batch, identity, read_location
from faro.monitor._watch import Watcher, WatchSettings, read_config, retry_delay

__all__ = ["KINDS", "Batch", "Ingester", "SourceReport", "WatchSettings", "Watcher", "identity",
           "read_config", "read_location", "retry_delay"]
