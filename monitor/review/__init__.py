"""Review of findings by the three agencies: statuses and allowed transitions, routing and
deadlines as configuration, access per role, grouping, and the service that writes changes."""
from .access import SYSTEM, Reviewer, allowed_actions, scope_for
from .config import ReviewConfig, ReviewConfigError
from .grouping import regroup
from .service import NotVisible, Outcome, ReviewError, ReviewService
from .states import ACTIONS, RESOLUTIONS, ROLES, STATUSES
from .timeline import status_spans

__all__ = ["ACTIONS", "NotVisible", "Outcome", "RESOLUTIONS", "ROLES", "ReviewConfig",
           "ReviewConfigError", "ReviewError", "ReviewService", "Reviewer", "STATUSES", "SYSTEM",
           "allowed_actions", "regroup", "scope_for", "status_spans"]
