"""Takedown check: a platform was asked to remove a finding's content; is it gone? The finding
moves to 已下架 or is flagged; the caller keeps the new fetch as a capture (spiders.EvidenceRecorder)
and names it here, so the audit trail points at the evidence behind each decision."""
from dataclasses import dataclass

from storage import Store

from ..content import text_regions
from ..snapshot import PageSnapshot
from .access import SYSTEM
from .service import ReviewService

GONE_STATUSES = (404, 410, 451)
GONE_MARKERS = ("商品已下架", "宝贝已下架", "该商品已下架", "商品不存在", "宝贝不存在", "信息已删除",
                "内容已删除", "页面不存在", "该页面已被删除", "违规已被屏蔽", "已被封禁")
STILL_ONLINE_TAG = "复查仍在线"


@dataclass
class RecheckResult:
    finding_id: int
    gone: bool
    reason: str


def judge(terms: list[str], snapshot: PageSnapshot | None, error: str | None) -> tuple[bool, str]:
    """(gone, why). `terms`: what the keyword engine matched when the finding was made."""
    if snapshot is None:
        return True, f"页面已无法访问：{error}"
    if snapshot.status in GONE_STATUSES:
        return True, f"页面返回 {snapshot.status}"
    text = "\n".join(r.text for r in text_regions(snapshot.html))
    marker = next((m for m in GONE_MARKERS if m in text), None)
    if marker:
        return True, f"页面显示“{marker}”"
    still = [t for t in dict.fromkeys(terms) if t and t in text]
    if terms and not still:
        return True, "原违法内容已不在页面上"
    if not terms:
        return False, "页面仍可访问（原记录无关键词可比对，请人工核验）"
    return False, f"页面仍含：{'、'.join(still[:5])}"


def record(store: Store, finding: dict, snapshot: PageSnapshot | None, error: str | None,
           capture_id: int | None = None) -> RecheckResult:
    terms = [h["matched"] or h["keyword"] for h in finding["hits"]]
    gone, reason = judge(terms, snapshot, error)
    comment = f"自动复查：{reason}" + (f"（证据：采集记录 #{capture_id}）" if capture_id else "")
    with store.transaction():
        service = ReviewService(store)
        if gone:
            service.act(SYSTEM, [finding["id"]], "verify_takedown", resolution="gone_on_recheck",
                        comment=comment)
        else:
            service.tag(SYSTEM, [finding["id"]], STILL_ONLINE_TAG)
            service.comment(SYSTEM, finding["id"], comment)
    return RecheckResult(finding["id"], gone, reason)
