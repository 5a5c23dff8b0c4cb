"""The campaign summary (工作总结附表): findings per week by kind and by platform, takedown rate and
median time to takedown, the biggest clusters and the portals most cloned. HTML or PDF."""
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from storage import Store
from storage.clock import now

from ..domain import registered_domain
from ..portals import load_portals
from . import charts
from .activity import CONFIRMED, TAKEN_DOWN, reached, status_events
from .documents import html_to_pdf, png_data_uri, render_html
from .labels import KIND_LABELS, kind_label

TOP = 10


@dataclass
class CampaignSummary:
    campaign: dict
    total: int
    by_kind: dict[str, int]
    weeks: list[str]
    weekly: dict[str, list[int]]  # kind label → count per week
    platforms: list[tuple[str, int]]
    confirmed: int
    taken_down: int
    median_hours_to_takedown: float | None
    clusters: list[dict] = field(default_factory=list)
    portals: list[tuple[str, int]] = field(default_factory=list)

    @property
    def takedown_rate(self) -> float | None:
        return self.taken_down / self.confirmed if self.confirmed else None


def campaign_summary(store: Store, campaign: dict) -> CampaignSummary:
    findings = store.findings(campaign_id=campaign["id"])
    ids = {f["id"] for f in findings}
    events = [e for e in status_events(store) if e.finding_id in ids]
    weeks = _weeks([f["first_seen"] for f in findings])
    weekly = {kind_label(kind): [sum(1 for f in findings if f["kind"] == kind
                                     and _week(f["first_seen"]) == week) for week in weeks]
              for kind in KIND_LABELS if any(f["kind"] == kind for f in findings)}
    platforms = Counter((f["details"] or {}).get("source_name") or _host(f["canonical_url"])
                        for f in findings)
    confirmed, removed = reached(events, CONFIRMED), reached(events, TAKEN_DOWN)
    first_seen = {f["id"]: f["first_seen"] for f in findings}
    hours = [(datetime.fromisoformat(e.at) - datetime.fromisoformat(first_seen[i])).total_seconds() / 3600
             for i, e in removed.items()]
    names = {p.id: p.name for p in load_portals(store.portals()).values()}
    cloned = Counter(f["portal_id"] for f in findings if f["kind"] == "fake_portal" and f["portal_id"])
    return CampaignSummary(
        campaign=campaign, total=len(findings), by_kind=Counter(kind_label(f["kind"]) for f in findings),
        weeks=weeks, weekly=weekly, platforms=platforms.most_common(TOP),
        confirmed=len(confirmed), taken_down=len(removed),
        median_hours_to_takedown=statistics.median(hours) if hours else None,
        clusters=_clusters(findings), portals=[(names.get(p, p), n) for p, n in cloned.most_common(TOP)])


def _clusters(findings: list[dict]) -> list[dict]:
    groups: dict[int, list[dict]] = {}
    for finding in findings:
        if finding["group_id"] is not None:
            groups.setdefault(finding["group_id"], []).append(finding)
    biggest = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))[:TOP]
    return [{"group_id": gid, "size": len(members),
             "kinds": "、".join(sorted({kind_label(m["kind"]) for m in members})),
             "domains": "、".join(sorted({registered_domain(_host(m["canonical_url"])) for m in members})[:5])}
            for gid, members in biggest if len(members) > 1]


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _week(stamp: str) -> str:
    day = date.fromisoformat(stamp[:10])
    return (day - timedelta(days=day.weekday())).isoformat()  # the Monday starting the week


def _weeks(stamps: list[str]) -> list[str]:
    if not stamps:
        return []
    first, last = date.fromisoformat(min(map(_week, stamps))), date.fromisoformat(max(map(_week, stamps)))
    return [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]


def summary_html(summary: CampaignSummary) -> str:
    images = {}
    if summary.weeks:
        images["weekly"] = png_data_uri(charts.stacked_bars(
            [w[5:] for w in summary.weeks], summary.weekly, "每周新发现数量（按类别，横轴为周一日期）"))
    if summary.platforms:
        images["platforms"] = png_data_uri(charts.horizontal_bars(
            [p for p, _ in summary.platforms], [n for _, n in summary.platforms], "按平台/网站统计的发现数量"))
    if summary.confirmed:
        images["takedown"] = png_data_uri(charts.horizontal_bars(
            ["已确认违法", "已下架"], [summary.confirmed, summary.taken_down], "确认与下架"))
    return render_html("summary.html", s=summary, images=images, generated=now())


def summary_pdf(summary: CampaignSummary) -> bytes:
    return html_to_pdf(summary_html(summary))
