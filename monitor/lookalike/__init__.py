"""Lookalike domains of the genuine portals, generated the way impostors register them."""
from .candidates import RULE_LABELS, Candidate, HostShape, lookalike_candidates, portal_candidates

__all__ = ["RULE_LABELS", "Candidate", "HostShape", "lookalike_candidates", "portal_candidates"]
