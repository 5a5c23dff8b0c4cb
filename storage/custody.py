"""The chain-of-custody log: append-only, each row sealed with the hash of the row before it, so a
row edited or deleted afterwards (with the triggers dropped) breaks the chain where it happened."""
import hashlib
import json

from .clock import now
from .jsoncol import dumps
from .rows import insert

GENESIS = "0" * 64
SEALED_FIELDS = ("id", "at", "actor", "action", "object_type", "object_id", "sha256", "details",
                 "prev_hash")


def custody_row_hash(row: dict) -> str:
    """Hash of a stored row (details as stored text), over every field but the hash itself."""
    text = json.dumps([row[k] for k in SEALED_FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class CustodyMixin:
    def append_custody(self, actor: str, action: str, object_type: str, object_id, *,
                       sha256: str | None = None, details: dict | None = None) -> dict:
        with self.transaction():  # BEGIN IMMEDIATE: no other writer can fork the chain
            last = self.db.execute(
                "SELECT id, row_hash FROM custody_log ORDER BY id DESC LIMIT 1").fetchone()
            row = {"id": (last[0] + 1) if last else 1, "at": now(), "actor": actor,
                   "action": action, "object_type": object_type, "object_id": str(object_id),
                   "sha256": sha256, "details": dumps(details or {}),
                   "prev_hash": last[1] if last else GENESIS}
            row["row_hash"] = custody_row_hash(row)
            insert(self.db, "custody_log", row)
        return row

    def custody_log(self, *, object_type: str | None = None, object_ids=None) -> list[dict]:
        """Rows as stored (details is JSON text: the hash covers that text)."""
        clauses, params = [], []
        if object_type is not None:
            clauses.append("object_type = ?")
            params.append(object_type)
        if object_ids is not None:
            ids = [str(i) for i in object_ids]
            clauses.append(f"object_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        return list(self.db["custody_log"].rows_where(" AND ".join(clauses) or None, params,
                                                      order_by="id"))

    def custody_head(self) -> dict | None:
        rows = list(self.db["custody_log"].rows_where(order_by="id DESC", limit=1))
        return rows[0] if rows else None
