"""Review writes: status changes with their history, assignment, comments, tags and grouping.
Which changes are allowed is decided in monitor.review; every write here audits itself in the
same transaction, so a change and its audit entry commit or fail together."""
from .clock import now
from .jsoncol import decode


class ReviewsMixin:
    def apply_transitions(self, changes: list[dict], *, actor: str, action: str,
                          comment: str = "") -> None:
        """`changes`: {id, from_status, to_status, resolution, assignee}; one transaction for all."""
        stamp = now()
        with self.transaction():
            self.db.conn.executemany(
                "UPDATE findings SET status = ?, resolution = ?, assignee = ?, "
                "status_changed_at = ?, updated_at = ? WHERE id = ? AND status = ?",
                [(c["to_status"], c["resolution"], c["assignee"], stamp, stamp, c["id"],
                  c["from_status"]) for c in changes])
            self.db.conn.executemany(
                "INSERT INTO reviews (finding_id, actor, action, from_status, to_status, comment, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c["id"], actor, action, c["from_status"], c["to_status"], comment, stamp)
                 for c in changes])
            for c in changes:
                self.audit(actor, f"finding.{action}", "finding", c["id"],
                           {"from": c["from_status"], "to": c["to_status"],
                            "resolution": c["resolution"], "comment": comment})

    def history(self, finding_id: int) -> list[dict]:
        return list(self.db["reviews"].rows_where("finding_id = ?", [finding_id], order_by="id"))

    def assign_findings(self, ids: list[int], assignee: str | None, *, actor: str) -> None:
        with self.transaction():
            self.db.conn.executemany("UPDATE findings SET assignee = ?, updated_at = ? WHERE id = ?",
                                [(assignee, now(), i) for i in ids])
            for finding_id in ids:
                self.audit(actor, "finding.assign", "finding", finding_id, {"assignee": assignee})

    def add_comment(self, finding_id: int, author: str, body: str) -> int:
        with self.transaction():
            comment_id = self.db["comments"].insert({"finding_id": finding_id, "author": author,
                                                     "body": body, "at": now()}).last_pk
            self.audit(author, "finding.comment", "finding", finding_id, {"comment": body})
        return comment_id

    def comments(self, finding_id: int) -> list[dict]:
        return list(self.db["comments"].rows_where("finding_id = ?", [finding_id], order_by="id"))

    def tag_findings(self, ids: list[int], tag: str, *, actor: str, remove: bool = False) -> None:
        with self.transaction():
            for finding_id in ids:
                if remove:
                    self.db.execute("DELETE FROM finding_tags WHERE finding_id = ? AND tag = ?",
                                    [finding_id, tag])
                else:
                    self.db.execute("INSERT OR IGNORE INTO finding_tags VALUES (?, ?, ?, ?)",
                                    [finding_id, tag, actor, now()])
                self.audit(actor, "finding.untag" if remove else "finding.tag", "finding",
                           finding_id, {"tag": tag})

    def evidence_item(self, evidence_id: int) -> dict | None:
        rows = list(self.db["evidence"].rows_where("id = ?", [evidence_id]))
        return rows[0] if rows else None

    def tags(self, finding_id: int) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT tag FROM finding_tags WHERE finding_id = ? ORDER BY tag", [finding_id])]

    # Grouping: keys shared between findings, manual links, and the resulting group ids.

    def set_finding_keys(self, keys: dict[int, set[str]]) -> None:
        stamp = now()
        with self.transaction():
            for finding_id, values in keys.items():
                self.db.execute("DELETE FROM finding_keys WHERE finding_id = ?", [finding_id])
                self.db.execute("UPDATE findings SET grouped_at = ? WHERE id = ?", [stamp, finding_id])
                self.db.conn.executemany("INSERT INTO finding_keys VALUES (?, ?)",
                                    [(finding_id, k) for k in sorted(values)])

    def grouping_inputs(self) -> tuple[list[tuple[int, int, int | None]], list[tuple[int, str]],
                                       list[tuple[int, int]]]:
        """(id, pinned, group_id) per finding, (finding_id, key) pairs, manual (a, b) links."""
        findings = self.db.execute("SELECT id, group_pinned, group_id FROM findings").fetchall()
        keys = self.db.execute("SELECT finding_id, key FROM finding_keys").fetchall()
        links = self.db.execute("SELECT a, b FROM finding_links").fetchall()
        return findings, keys, links

    def findings_to_key(self) -> list[dict]:
        """Findings new or re-assessed since their grouping keys were last computed."""
        rows = self.db.execute(
            "SELECT f.id, f.details, p.content_sha256, (SELECT group_concat(e.sha256) FROM evidence e "
            "WHERE e.finding_id = f.id AND e.kind = 'screenshot') FROM findings f "
            "LEFT JOIN pages p ON p.id = f.page_id "
            "WHERE f.grouped_at IS NULL OR f.updated_at > f.grouped_at").fetchall()
        return [decode({"id": i, "details": d, "content_sha256": sha,
                        "screenshots": shots.split(",") if shots else []}, "details")
                for i, d, sha, shots in rows]

    def set_groups(self, groups: dict[int, int], *, actor: str) -> None:
        with self.transaction():
            self.db.conn.executemany("UPDATE findings SET group_id = ? WHERE id = ?",
                                [(g, i) for i, g in groups.items()])
            self.audit(actor, "groups.update", "findings", len(groups), {"changed": len(groups)})

    def link_findings(self, pairs: list[tuple[int, int]], *, actor: str) -> None:
        with self.transaction():
            for a, b in pairs:
                self.db["finding_links"].insert({"a": a, "b": b, "actor": actor, "at": now()})
                self.db.execute("UPDATE findings SET group_pinned = 0 WHERE id IN (?, ?)", [a, b])
                self.audit(actor, "finding.merge", "finding", a, {"with": b})

    def detach_finding(self, finding_id: int, *, actor: str) -> None:
        """Pinned: automatic keys no longer group it; its manual links are dropped."""
        with self.transaction():
            self.db.execute("DELETE FROM finding_links WHERE a = ? OR b = ?", [finding_id, finding_id])
            self.db.execute("UPDATE findings SET group_pinned = 1, group_id = ? WHERE id = ?",
                            [finding_id, finding_id])
            self.audit(actor, "finding.unmerge", "finding", finding_id, {})

    def group_members(self, group_id: int) -> list[dict]:
        cursor = self.db.execute(
            "SELECT f.id, f.canonical_url, f.kind, f.status, f.risk, f.queue, p.title FROM findings f "
            "LEFT JOIN pages p ON p.id = f.page_id WHERE f.group_id = ? ORDER BY f.id", [group_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]
