"""Findings: one per canonical URL. A re-run refreshes the assessment but keeps the review state."""
from .clock import now
from .jsoncol import decode, dumps
from .rows import insert, insert_many, update

ASSESSMENT_FIELDS = ("page_id", "campaign_id", "kind", "source", "verdict", "risk",
                     "portal_id", "similarity")
HIT_FIELDS = ("keyword", "category", "matched", "start", "end", "rule", "region", "weight")
INITIAL_STATUS = "pending"


class FindingsMixin:
    def save_finding(self, finding: dict, hits: list[dict] = ()) -> tuple[int, bool]:
        """Upsert the finding for `finding['canonical_url']`; returns (id, created).

        `reasons` and `details` are JSON values. `queue` only applies to a new finding:
        once a reviewer holds it, a crawl must not move it."""
        stamp = now()
        values = {k: finding.get(k) for k in ASSESSMENT_FIELDS if k in finding}
        if values.get("risk") is None:
            values.pop("risk", None)  # the queue sorts and pages by risk: 0 when not known
        values["reasons"] = dumps(finding.get("reasons", []))
        values["details"] = dumps(finding.get("details", {}))
        with self.transaction():
            row = self.db.execute("SELECT id FROM findings WHERE canonical_url = ?",
                                  [finding["canonical_url"]]).fetchone()
            if row is None:
                finding_id = insert(self.db, "findings", {
                    "canonical_url": finding["canonical_url"], "risk": 0, **values,
                    "status": INITIAL_STATUS, "queue": finding.get("queue"),
                    "priority": finding.get("risk", 0), "first_seen": stamp,
                    "last_seen": stamp, "status_changed_at": stamp, "updated_at": stamp,
                })
                created = True
            else:
                finding_id = row[0]
                update(self.db, "findings", finding_id, {**values, "last_seen": stamp,
                                                         "updated_at": stamp})
                self.db.execute("DELETE FROM keyword_hits WHERE finding_id = ?", [finding_id])
                created = False
            insert_many(self.db, "keyword_hits", ("finding_id", *HIT_FIELDS),
                        ((finding_id, *(h.get(k) for k in HIT_FIELDS)) for h in hits))
        return finding_id, created

    def finding(self, finding_id: int) -> dict | None:
        rows = list(self.db["findings"].rows_where("id = ?", [finding_id]))
        if not rows:
            return None
        row = decode(rows[0], "reasons", "details")
        row["hits"] = list(self.db["keyword_hits"].rows_where(
            "finding_id = ?", [finding_id], order_by="start"))
        return row

    def findings(self, *, campaign_id: int | None = None, kind: str | None = None,
                 limit: int | None = None) -> list[dict]:
        clauses, params = [], []
        if campaign_id is not None:
            clauses.append("campaign_id = ?")
            params.append(campaign_id)
        if kind is not None:
            clauses.append("kind = ?")
            params.append(kind)
        rows = self.db["findings"].rows_where(" AND ".join(clauses) or None, params,
                                              order_by="risk DESC, id", limit=limit)
        return [decode(r, "reasons", "details") for r in rows]

    def finding_counts(self, *, campaign_id: int | None = None) -> dict[str, int]:
        where, params = ("WHERE campaign_id = ?", [campaign_id]) if campaign_id else ("", [])
        return dict(self.db.execute(
            f"SELECT kind, count(*) FROM findings {where} GROUP BY kind", params).fetchall())
