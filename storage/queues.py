"""Reading findings the way reviewers do: filtered, searched, sorted and paged, plus the counts
a dashboard needs. Who may see what arrives as a `Scope`; the rules behind it live in monitor."""
from dataclasses import dataclass, field

from .jsoncol import decode
from .pages import FTS_MIN_CHARS

SORTS = {
    "risk": "f.risk DESC, f.id DESC",
    "new": "f.first_seen DESC, f.id DESC",
    "old": "f.first_seen ASC, f.id ASC",
    "waiting": "f.status_changed_at ASC, f.id ASC",
}
LIST_COLUMNS = ("id", "canonical_url", "kind", "source", "verdict", "risk", "status", "resolution",
                "queue", "group_id", "assignee", "priority", "first_seen", "last_seen",
                "status_changed_at", "campaign_id", "page_id", "title", "host")


@dataclass(frozen=True)
class Scope:
    """Rows a reader may see: None means no limit on that column."""
    queues: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None


@dataclass
class FindingFilter:
    status: tuple[str, ...] = ()
    kind: str | None = None
    source: str | None = None
    queue: str | None = None
    campaign_id: int | None = None
    risk_min: int | None = None
    since: str | None = None  # first_seen date, inclusive (YYYY-MM-DD)
    until: str | None = None
    text: str | None = None
    assignee: str | None = None
    tag: str | None = None
    group_id: int | None = None
    ids: tuple[int, ...] = ()
    # (status, cutoff): rows that entered `status` before `cutoff` (the 督办 list)
    waiting_since: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def where_clause(scope: Scope, flt: FindingFilter, *, skip_status: bool = False) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []

    def add(sql, *values):
        clauses.append(sql)
        params.extend(values)

    def add_in(column, values):
        add(f"{column} IN ({', '.join('?' * len(values))})" if values else "0", *values)

    if scope.queues is not None:
        add_in("f.queue", scope.queues)
    if scope.statuses is not None:
        add_in("f.status", scope.statuses)
    if flt.status and not skip_status:
        add_in("f.status", flt.status)
    for column in ("kind", "source", "queue", "campaign_id", "assignee", "group_id"):
        value = getattr(flt, column)
        if value not in (None, ""):
            add(f"f.{column} = ?", value)
    if flt.risk_min is not None:
        add("f.risk >= ?", flt.risk_min)
    if flt.since:
        add("f.first_seen >= ?", flt.since)
    if flt.until:
        add("f.first_seen < date(?, '+1 day')", flt.until)
    if flt.ids:
        add_in("f.id", flt.ids)
    if flt.tag:
        add("f.id IN (SELECT finding_id FROM finding_tags WHERE tag = ?)", flt.tag)
    if flt.waiting_since:
        parts = " OR ".join("(f.status = ? AND f.status_changed_at < ?)" for _ in flt.waiting_since)
        add(f"({parts})", *[v for pair in flt.waiting_since for v in pair])
    text = (flt.text or "").strip()
    if text:
        if len(text) >= FTS_MIN_CHARS:
            add("(f.page_id IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?) "
                "OR instr(f.canonical_url, ?))", '"' + text.replace('"', '""') + '"', text)
        else:
            # Byte-wise search: a UTF-8 substring is a byte substring, and it skips character
            # counting, several times faster than instr() on text.
            add("(f.page_id IN (SELECT id FROM pages WHERE instr(CAST(title AS BLOB), CAST(? AS BLOB)) "
                "OR instr(CAST(text AS BLOB), CAST(? AS BLOB))) OR instr(f.canonical_url, ?))",
                text, text, text)
    return (" AND ".join(clauses) or "1"), params


class QueuesMixin:
    def list_findings(self, scope: Scope, flt: FindingFilter, *, sort: str = "risk",
                      limit: int = 50, offset: int = 0) -> list[dict]:
        where, params = where_clause(scope, flt)
        sql = (f"SELECT {', '.join('f.' + c for c in LIST_COLUMNS[:-2])}, p.title, p.host, "
               "(SELECT count(*) FROM findings g WHERE g.group_id = f.group_id) AS group_size "
               f"FROM findings f LEFT JOIN pages p ON p.id = f.page_id WHERE {where} "
               f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?")
        cursor = self.db.execute(sql, [*params, limit, offset])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def count_findings(self, scope: Scope, flt: FindingFilter) -> int:
        where, params = where_clause(scope, flt)
        return self.db.execute(f"SELECT count(*) FROM findings f WHERE {where}", params).fetchone()[0]

    def finding_ids(self, scope: Scope, flt: FindingFilter) -> list[int]:
        where, params = where_clause(scope, flt)
        return [r[0] for r in self.db.execute(f"SELECT f.id FROM findings f WHERE {where}", params)]

    def status_counts(self, scope: Scope, flt: FindingFilter | None = None) -> dict[str, int]:
        """Counts per status under every filter except the status one (the queue page's tabs)."""
        where, params = where_clause(scope, flt or FindingFilter(), skip_status=True)
        return dict(self.db.execute(
            f"SELECT f.status, count(*) FROM findings f WHERE {where} GROUP BY f.status", params))

    def scoped_finding(self, scope: Scope, finding_id: int) -> dict | None:
        """The finding if `scope` lets its reader see it; the per-record access check."""
        if self.count_findings(scope, FindingFilter(ids=(finding_id,))) == 0:
            return None
        return self.finding(finding_id)

    def new_findings_by_day(self, scope: Scope, since: str) -> list[tuple[str, str, int]]:
        where, params = where_clause(scope, FindingFilter(since=since))
        return self.db.execute(
            f"SELECT substr(f.first_seen, 1, 10) AS day, f.kind, count(*) FROM findings f "
            f"WHERE {where} GROUP BY day, f.kind ORDER BY day", params).fetchall()

    def transitions_by_day(self, scope: Scope, since: str) -> list[tuple[str, str, int]]:
        where, params = where_clause(scope, FindingFilter())
        return self.db.execute(
            f"SELECT substr(r.at, 1, 10) AS day, r.to_status, count(*) FROM reviews r "
            f"JOIN findings f ON f.id = r.finding_id WHERE r.at >= ? AND {where} "
            f"GROUP BY day, r.to_status ORDER BY day", [since, *params]).fetchall()

    def campaign_status_counts(self, scope: Scope) -> list[dict]:
        where, params = where_clause(scope, FindingFilter())
        rows = self.db.execute(
            f"SELECT c.id, c.name, c.unit, c.start, c.end, f.status, f.kind, count(*) "
            f"FROM findings f JOIN campaigns c ON c.id = f.campaign_id WHERE {where} "
            f"GROUP BY c.id, f.status, f.kind ORDER BY c.id", params).fetchall()
        campaigns: dict[int, dict] = {}
        for cid, name, unit, start, end, status, kind, n in rows:
            entry = campaigns.setdefault(cid, {"id": cid, "name": name, "unit": unit, "start": start,
                                               "end": end, "counts": []})
            entry["counts"].append((status, kind, n))
        return list(campaigns.values())

    def campaigns_list(self) -> list[dict]:
        return [decode(r, "config") for r in self.db["campaigns"].rows_where(order_by="id")]
