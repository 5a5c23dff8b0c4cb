"""User-added genuine portals and the fingerprint history of every portal."""
import hashlib

from .clock import now
from .jsoncol import dumps, loads


class PortalsMixin:
    def save_portal(self, portal: dict) -> None:
        with self.transaction():
            self.db["portals"].upsert({**portal, "added_at": portal.get("added_at") or now()},
                                      pk="id", alter=False)

    def portals(self) -> list[dict]:
        return list(self.db["portals"].rows_where(order_by="id"))

    def save_fingerprint(self, portal_id: str, url: str, fingerprint: dict) -> int:
        """Append a fingerprint; earlier ones stay, so a changed genuine site shows in its history."""
        text = dumps(fingerprint)
        with self.transaction():
            return self.db["portal_fingerprints"].insert({
                "portal_id": portal_id, "url": url, "enrolled_at": now(), "fingerprint": text,
                "fingerprint_sha256": hashlib.sha256(text.encode()).hexdigest()}).last_pk

    def latest_fingerprints(self) -> dict[str, dict]:
        rows = self.db.execute(
            "SELECT portal_id, fingerprint FROM portal_fingerprints WHERE id IN "
            "(SELECT max(id) FROM portal_fingerprints GROUP BY portal_id)").fetchall()
        return {portal_id: loads(text) for portal_id, text in rows}

    def fingerprint_history(self, portal_id: str) -> list[dict]:
        return [{k: r[k] for k in ("id", "url", "enrolled_at", "fingerprint_sha256")}
                for r in self.db["portal_fingerprints"].rows_where(
                    "portal_id = ?", [portal_id], order_by="id")]
