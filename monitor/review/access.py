"""Who sees what. Each agency sees its own queue; police see only transferred leads; admin sees
everything. The same `Scope` filters lists and guards single records, so the two cannot disagree."""
from dataclasses import dataclass

from storage.queues import Scope

from .states import ACTIONS, ADMIN, LEAD_STATUSES, POLICE, ROLES, actions_from


@dataclass(frozen=True)
class Reviewer:
    name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


# The account the takedown recheck acts as.
SYSTEM = Reviewer("system", ADMIN)


def scope_for(reviewer: Reviewer) -> Scope:
    if reviewer.role == ADMIN:
        return Scope()
    if reviewer.role == POLICE:
        return Scope(statuses=LEAD_STATUSES)
    if reviewer.role in ROLES:
        return Scope(queues=(reviewer.role,))
    return Scope(queues=())  # an unknown role sees nothing


def allowed_actions(reviewer: Reviewer, finding: dict) -> list[str]:
    return actions_from(finding["status"], reviewer.role)


def may_take(reviewer: Reviewer, finding: dict, action: str) -> bool:
    return action in ACTIONS and action in allowed_actions(reviewer, finding)
