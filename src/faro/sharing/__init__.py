"""Sharing findings with partners in their standards, under enforced TLP 2.0 markings.

:func:`may_release` is the one rule for what may leave faro and to whom; the exporters below
only ever see what it let through.

* STIX 2.1 (:func:`bundle_records`, :func:`read_bundle`, :func:`validate`), made and read with
  the stix2 library and checked by stix2-validator;
* MISP events (:func:`misp_event`, :func:`read_misp_event`) with pymisp;
* schema.org ClaimReview JSON-LD (:func:`claim_reviews`).
"""

from faro.sharing._claimreview import claim_reviews, finding_reviews
from faro.sharing._misp import misp_event, read_misp_event
from faro.sharing._policy import Audience, Channel, may_release, parse_marking
from faro.sharing._stix import (
    TLP_DEFINITIONS,
    Finding,
    FindingClaim,
    bundle_records,
    read_bundle,
    validate,
)

__all__ = ["TLP_DEFINITIONS", "Audience", "Channel", "Finding", "FindingClaim",
           "bundle_records", "claim_reviews", "finding_reviews",
           "may_release", "misp_event", "parse_marking", "read_bundle", "read_misp_event",
           "validate"]
