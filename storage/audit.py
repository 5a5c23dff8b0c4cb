"""The append-only audit log. Call `audit()` inside the transaction of the change it records."""
from .clock import now
from .jsoncol import decode, dumps


class AuditMixin:
    def audit(self, actor: str, action: str, object_type: str, object_id, details: dict | None = None) -> None:
        self.db["audit_log"].insert({
            "at": now(), "actor": actor, "action": action, "object_type": object_type,
            "object_id": str(object_id), "details": dumps(details or {})})

    def audit_log(self, *, object_type: str | None = None, object_id=None) -> list[dict]:
        clauses, params = [], []
        if object_type is not None:
            clauses.append("object_type = ?")
            params.append(object_type)
        if object_id is not None:
            clauses.append("object_id = ?")
            params.append(str(object_id))
        rows = self.db["audit_log"].rows_where(" AND ".join(clauses) or None, params, order_by="id")
        return [decode(r, "details") for r in rows]
