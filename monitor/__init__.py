"""Recognise clones of the genuine certificate query portals, explain why, and
never flag the genuine sites. Works on page snapshots: no crawling here."""
from .canary import CanaryResult, probe
from .compare import Similarity, best_match, compare
from .content import Hit, Region, find_terms, text_regions, weighted_score
from .domain import DomainInfo, is_gov_host, registered_domain
from .fingerprint import PortalFingerprint, fingerprint
from .markers import Markers
from .portals import Portal, add_portal, load_portals, portal_for_host
from .snapshot import PageSnapshot
from .verdict import Assessment, assess

__all__ = ["Assessment", "CanaryResult", "DomainInfo", "Hit", "Markers", "PageSnapshot", "Portal",
           "PortalFingerprint", "Region", "Similarity", "add_portal", "assess", "best_match", "compare",
           "find_terms", "fingerprint", "is_gov_host", "load_portals", "portal_for_host", "probe",
           "registered_domain", "text_regions", "weighted_score"]
