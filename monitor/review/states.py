"""The review lifecycle: statuses, the actions that move a finding between them, who may take
each action, and the resolutions that record why. Status and resolution are kept apart."""
from dataclasses import dataclass

CAC, SAMR, POLICE, ADMIN = "cac", "samr", "police", "admin"
ROLES = {CAC: "网信办", SAMR: "市场监管", POLICE: "公安", ADMIN: "管理员"}
AGENCY_ROLES = (CAC, SAMR)

STATUSES = {
    "pending": "待审核",
    "in_review": "审核中",
    "confirmed": "已确认",
    "dismissed": "已排除（误报）",
    "notified": "已通知平台",
    "taken_down": "已下架（核验）",
    "transferred": "已移送公安",
    "filed": "已立案",
}
# What police see: a finding becomes a lead only once an agency transfers it.
LEAD_STATUSES = ("transferred", "filed")
OPEN_STATUSES = ("pending", "in_review", "confirmed", "notified", "transferred")

RESOLUTIONS = {
    "illegal_sale": "违法售证/虚假宣传信息",
    "fake_portal": "假冒政府查询平台",
    "false_positive": "误报",
    "duplicate": "重复线索",
    "genuine": "真实合法网站",
    "out_of_scope": "不属于本次治理范围",
    "removed": "平台已下架（人工核验）",
    "gone_on_recheck": "复查确认内容已删除",
    "lead": "涉嫌犯罪线索",
    "case_filed": "公安已立案",
    "returned": "公安退回补充",
}


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    resolutions: tuple[str, ...] = ()  # the first is the default; empty keeps the old one
    needs_comment: bool = False


ACTIONS = {
    "start_review": Action("开始审核", ("pending",), "in_review", (CAC, SAMR, ADMIN)),
    "confirm": Action("确认违法", ("in_review",), "confirmed", (CAC, SAMR, ADMIN),
                      ("illegal_sale", "fake_portal")),
    # A plain false positive is visible at a glance, so it may be dismissed straight from triage.
    "dismiss": Action("排除（误报）", ("pending", "in_review"), "dismissed", (CAC, SAMR, ADMIN),
                      ("false_positive", "duplicate", "genuine", "out_of_scope")),
    "reopen": Action("重新审核", ("dismissed",), "in_review", (CAC, SAMR, ADMIN), needs_comment=True),
    "notify_platform": Action("已通知平台下架", ("confirmed",), "notified", (CAC, SAMR, ADMIN)),
    "verify_takedown": Action("核验已下架", ("notified",), "taken_down", (CAC, SAMR, ADMIN),
                              ("removed", "gone_on_recheck")),
    "transfer": Action("移送公安", ("confirmed", "notified", "taken_down"), "transferred",
                       (CAC, SAMR, ADMIN), ("lead",)),
    "file_case": Action("已立案", ("transferred",), "filed", (POLICE, ADMIN), ("case_filed",)),
    "return_lead": Action("退回线索", ("transferred",), "confirmed", (POLICE, ADMIN), ("returned",),
                          needs_comment=True),
}


def status_label(status: str | None) -> str:
    return STATUSES.get(status or "", status or "")


def resolution_label(resolution: str | None) -> str:
    return RESOLUTIONS.get(resolution or "", resolution or "")


def actions_from(status: str, role: str) -> list[str]:
    """Actions this role may take on a finding in `status` (visibility is checked separately)."""
    return [name for name, a in ACTIONS.items() if status in a.sources and role in a.roles]
