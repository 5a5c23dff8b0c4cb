"""The queue page's query string, parsed into a storage filter, and back into links."""
from dataclasses import dataclass, field
from urllib.parse import urlencode

from monitor.review import ReviewConfig
from monitor.review.states import STATUSES
from storage.queues import SORTS, FindingFilter

PAGE_SIZE = 50


@dataclass
class QueueQuery:
    status: list[str] = field(default_factory=list)
    kind: str = ""
    source: str = ""
    queue: str = ""
    campaign: str = ""
    since: str = ""
    until: str = ""
    risk: str = ""
    q: str = ""
    tag: str = ""
    mine: str = ""
    overdue: str = ""
    sort: str = "risk"
    page: int = 1
    # Keyset paging: the page right after / right before this finding (its id). Links carry
    # them; a page number alone (typed, bookmarked) still works, by offset.
    after: str = ""
    before: str = ""

    @classmethod
    def from_params(cls, params) -> "QueueQuery":
        def one(name):
            return (params.get(name) or "").strip()[:100]
        page = one("page")
        sort = one("sort")
        return cls(status=[s for s in params.getlist("status") if s in STATUSES],
                   kind=one("kind"), source=one("source"), queue=one("queue"),
                   campaign=one("campaign") if one("campaign").isdigit() else "",
                   since=_date(one("since")), until=_date(one("until")),
                   risk=one("risk") if one("risk").isdigit() else "", q=one("q"), tag=one("tag"),
                   mine=one("mine"), overdue=one("overdue"),
                   sort=sort if sort in SORTS else "risk",
                   page=max(1, int(page)) if page.isdigit() else 1,
                   after=one("after") if one("after").isdigit() else "",
                   before=one("before") if one("before").isdigit() else "")

    def to_filter(self, reviewer_name: str, config: ReviewConfig) -> FindingFilter:
        return FindingFilter(
            status=tuple(self.status), kind=self.kind or None, source=self.source or None,
            queue=self.queue or None, campaign_id=int(self.campaign) if self.campaign else None,
            risk_min=int(self.risk) if self.risk else None, since=self.since or None,
            until=self.until or None, text=self.q or None, tag=self.tag or None,
            assignee=reviewer_name if self.mine else None,
            waiting_since=config.overdue_cutoffs() if self.overdue else ())

    def position(self) -> dict:
        """Where this page starts, as list_findings arguments."""
        if self.after:
            return {"after": int(self.after)}
        if self.before:
            return {"before": int(self.before)}
        return {"offset": (self.page - 1) * PAGE_SIZE}

    def previous_page(self, rows: list[dict]) -> str:
        if self.page <= 2 or not rows:
            return self.params(page=max(1, self.page - 1), after="", before="")
        return self.params(page=self.page - 1, before=rows[0]["id"], after="")

    def next_page(self, rows: list[dict]) -> str:
        return self.params(page=self.page + 1, after=rows[-1]["id"] if rows else "", before="")

    def params(self, **changes) -> str:
        values = {**self.__dict__, **changes}
        pairs = [("status", s) for s in values.pop("status")]
        pairs += [(k, v) for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)]
        return urlencode(pairs)


def _date(value: str) -> str:
    """YYYY-MM-DD or nothing: the value goes into SQL comparisons with ISO timestamps."""
    if len(value) == 10 and value[4] == value[7] == "-" and (value[:4] + value[5:7] + value[8:]).isdigit():
        return value
    return ""
