"""Reading findings the way reviewers do: filtered, searched, sorted and paged, plus the counts
a dashboard needs. Who may see what arrives as a `Scope`; the rules behind it live in monitor.

Pages are keyset pages: the page after (or before) a finding continues from that finding's place
in the sort order along an index, so a deep page costs what the first does. Search uses the
indexes of storage/search.py; a term most findings contain is instead checked row by row along
the sort order, where a page of matches turns up after a few rows."""
from dataclasses import dataclass, field, replace

from .jsoncol import decode
from .search import TRIGRAM_MIN_CHARS, fts_phrase, normalize


@dataclass(frozen=True)
class Sort:
    column: str
    descending: bool

    def order_by(self, reverse: bool = False) -> str:
        direction = "DESC" if self.descending != reverse else "ASC"
        return f"f.{self.column} {direction}, f.id {direction}"

    def seek(self, reverse: bool = False) -> str:
        """Rows after finding ? in this order (before it, if reverse); an index range, no offset."""
        op = "<" if self.descending != reverse else ">"
        return f"(f.{self.column}, f.id) {op} (SELECT {self.column}, id FROM findings WHERE id = ?)"


SORTS = {
    "risk": Sort("risk", descending=True),
    "new": Sort("first_seen", descending=True),
    "old": Sort("first_seen", descending=False),
    "waiting": Sort("status_changed_at", descending=False),
}
FINDING_COLUMNS = ("id", "canonical_url", "kind", "source", "verdict", "risk", "status", "resolution",
                   "queue", "group_id", "assignee", "priority", "first_seen", "last_seen",
                   "status_changed_at", "campaign_id", "page_id")
# A term in at most this many findings is looked up in its index and the matches sorted; a
# commoner one is checked row by row along the sort order, where a page of matches comes soon.
SPARSE_MATCHES = 5_000
# How far such a walk goes, per row of the page asked for, before it gives up for the index.
WALK_ROWS_PER_RESULT = 20
# The queue page counts a common term's matches per status up to here ("1000+": narrow it down),
# walking at most COUNT_WALK_ROWS rows of a status before counting it through the index instead.
COUNT_CAP = 1_000
COUNT_WALK_ROWS = 5_000


@dataclass(frozen=True)
class Selection:
    """FROM and WHERE of a set of findings (alias f), with their parameters in SQL order."""
    source: str
    where: str
    params: list

    def also(self, condition: str, *values) -> "Selection":
        return Selection(self.source, f"{self.where} AND {condition}", [*self.params, *values])


@dataclass(frozen=True)
class TextSearch:
    """A queue search: the normalised query, the index that answers it, whether it is common."""
    query: str
    index: str
    common: bool

    def through_index(self, selection: Selection) -> Selection:
        match = f"SELECT rowid FROM {self.index} WHERE {self.index} MATCH ?"
        if self.common:
            # Scan what the other conditions leave and probe the match list, rather than look
            # every match up ('+' keeps the planner from driving from the list).
            return selection.also(f"+f.id IN ({match})", fts_phrase(self.query))
        # The few matches drive; CROSS JOIN fixes that order, which the planner, lacking
        # statistics, would otherwise trade for a scan of the whole queue.
        return Selection(f"({match}) AS m CROSS JOIN {selection.source} ON f.id = m.rowid",
                         selection.where, [fts_phrase(self.query), *selection.params])

    def in_documents(self, selection: Selection) -> Selection:
        return selection.also("instr((SELECT doc FROM finding_docs WHERE finding_id = f.id), ?)",
                              self.query)


@dataclass(frozen=True)
class StatusCounts:
    """Findings per status; for statuses in `at_least`, counting stopped at the number given."""
    counts: dict[str, int]
    at_least: frozenset[str] = frozenset()


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
    """Every condition but the text search, which needs the database (QueuesMixin.text_search)."""
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
    return (" AND ".join(clauses) or "1"), params


class QueuesMixin:
    def list_findings(self, scope: Scope, flt: FindingFilter, *, sort: str = "risk",
                      limit: int = 50, offset: int = 0, after: int | None = None,
                      before: int | None = None) -> list[dict]:
        """Findings in `sort` order: `limit` of them from `offset`, or right after finding
        `after`, or right before finding `before` (keyset paging: an index range, no offset)."""
        order, reverse = SORTS[sort], before is not None
        selection = Selection("findings f", *where_clause(scope, flt))
        if before is not None or after is not None:
            selection = selection.also(order.seek(reverse), before if reverse else after)
        order_by = order.order_by(reverse)
        text = self.text_search(flt.text)
        rows = None
        if text and text.common:
            # The walk: rows in sort order, as many as the index would usually need for a page,
            # checked against their documents. No outer ORDER BY: the rows keep the walk's order
            # (it is the outer loop of the LEFT JOIN), so LIMIT stops the checking early.
            walk = (f"(SELECT {', '.join('f.' + c for c in FINDING_COLUMNS)} FROM {selection.source} "
                    f"WHERE {selection.where} ORDER BY {order_by} "
                    f"LIMIT {WALK_ROWS_PER_RESULT * (offset + limit)}) AS f")
            rows = self._list_rows(text.in_documents(Selection(walk, "1", selection.params)),
                                   None, limit, offset)
            if len(rows) < limit:  # the walk may have stopped short of the page: ask the index
                rows = None
        if rows is None:
            rows = self._list_rows(text.through_index(selection) if text else selection,
                                   order_by, limit, offset)
        return rows[::-1] if reverse else rows

    def _list_rows(self, selection: Selection, order_by: str | None, limit: int,
                   offset: int) -> list[dict]:
        cursor = self.db.execute(
            f"SELECT {', '.join('f.' + c for c in FINDING_COLUMNS)}, p.title, p.host, "
            "(SELECT count(*) FROM findings g WHERE g.group_id = f.group_id) AS group_size "
            f"FROM {selection.source} LEFT JOIN pages p ON p.id = f.page_id WHERE {selection.where} "
            f"{f'ORDER BY {order_by} ' if order_by else ''}LIMIT ? OFFSET ?",
            [*selection.params, limit, offset])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def text_search(self, text: str | None) -> TextSearch | None:
        query = normalize(text or "")
        if not query:
            return None
        index = "finding_fts" if len(query) >= TRIGRAM_MIN_CHARS else "finding_grams"
        matches = self.db.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {index} WHERE {index} MATCH ? LIMIT ?)",
            [fts_phrase(query), SPARSE_MATCHES + 1]).fetchone()[0]
        return TextSearch(query, index, matches > SPARSE_MATCHES)

    def _selection(self, scope: Scope, flt: FindingFilter, *, skip_status: bool = False) -> Selection:
        """Every condition, the text search through its index: for counts and id lists."""
        selection = Selection("findings f", *where_clause(scope, flt, skip_status=skip_status))
        text = self.text_search(flt.text)
        return text.through_index(selection) if text else selection

    def _select(self, columns: str, scope: Scope, flt: FindingFilter, *, skip_status: bool = False,
                group_by: str = ""):
        s = self._selection(scope, flt, skip_status=skip_status)
        return self.db.execute(f"SELECT {columns} FROM {s.source} WHERE {s.where} {group_by}", s.params)

    def count_findings(self, scope: Scope, flt: FindingFilter) -> int:
        return self._select("count(*)", scope, flt).fetchone()[0]

    def finding_ids(self, scope: Scope, flt: FindingFilter) -> list[int]:
        return [r[0] for r in self._select("f.id", scope, flt)]

    def status_counts(self, scope: Scope, flt: FindingFilter | None = None) -> dict[str, int]:
        """Counts per status under every filter except the status one (the queue page's tabs)."""
        return dict(self._select("f.status, count(*)", scope, flt or FindingFilter(), skip_status=True,
                                 group_by="GROUP BY f.status"))

    def queue_counts(self, scope: Scope, flt: FindingFilter) -> StatusCounts:
        """status_counts for the queue page: exact, but for a common search term each status is
        counted up to COUNT_CAP along its rows, which stops early where most rows match."""
        text = self.text_search(flt.text)
        if not (text and text.common):
            return StatusCounts(self.status_counts(scope, flt))
        counts, at_least, unsettled = {}, set(), []
        for status, rows in self.status_counts(scope, replace(flt, text=None)).items():
            where, params = where_clause(scope, replace(flt, status=(status,)))
            walked = Selection(f"(SELECT f.id FROM findings f WHERE {where} LIMIT {COUNT_WALK_ROWS}) AS f",
                               "1", params)
            matched = text.in_documents(walked)
            n = self.db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {matched.source} "
                                f"WHERE {matched.where} LIMIT {COUNT_CAP})", matched.params).fetchone()[0]
            if n == COUNT_CAP:
                at_least.add(status)
            elif rows > COUNT_WALK_ROWS:  # the walk saw only part of this status
                unsettled.append(status)
                continue
            if n:
                counts[status] = n
        if unsettled:
            counts.update(self._select("f.status, count(*)", scope, replace(flt, status=tuple(unsettled)),
                                       group_by="GROUP BY f.status"))
        return StatusCounts(counts, frozenset(at_least))

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
