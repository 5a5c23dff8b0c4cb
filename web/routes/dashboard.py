"""The dashboard: where things stand, how they moved over the last weeks, what is overdue, and
each campaign's progress in the terms of the monthly report (附件2)."""
from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request

from monitor.review import scope_for
from monitor.review.states import STATUSES
from storage.queues import FindingFilter

from ..charts import progress_bar, stacked_bars
from ..session import Visit, visit
from ..templating import KINDS, templates

router = APIRouter()
DAYS = 30
DONE = ("dismissed", "taken_down", "filed")
WAITING = ("pending", "in_review")
CONFIRMED_OR_LATER = ("confirmed", "notified", "taken_down", "transferred", "filed")


@router.get("/")
def dashboard(request: Request, current: Visit = Depends(visit)):
    store, scope = current.store, scope_for(current.reviewer)
    days = [(date.today() - timedelta(days=DAYS - 1 - i)).isoformat() for i in range(DAYS)]
    new_by_kind = _series(store.new_findings_by_day(scope, days[0]), days, KINDS)
    moves = _series(store.transitions_by_day(scope, days[0]), days, STATUSES)
    overdue = FindingFilter(waiting_since=request.app.state.config.overdue_cutoffs())
    return templates.TemplateResponse(request, "dashboard.html", {
        "current": current, "status_counts": store.status_counts(scope),
        "new_chart": stacked_bars(days, new_by_kind, title="每日新发现（按类别）"),
        "moves_chart": stacked_bars(days, moves, title="每日办理（按进入的状态）"),
        "overdue": store.list_findings(scope, overdue, sort="waiting", limit=15),
        "overdue_total": store.count_findings(scope, overdue),
        "campaigns": [_progress(c) for c in store.campaign_status_counts(scope)],
    })


def _series(rows, days, labels) -> dict[str, list[int]]:
    index = {d: i for i, d in enumerate(days)}
    series = {}
    for day, key, n in rows:
        if day in index:
            series.setdefault(labels.get(key, key), [0] * len(days))[index[day]] += n
    return series


def _progress(campaign: dict) -> dict:
    def count(statuses=None, kind=None):
        return sum(n for s, k, n in campaign["counts"]
                   if (statuses is None or s in statuses) and (kind is None or k == kind))
    total = count()
    done, waiting = count(DONE), count(WAITING)
    return {**campaign, "total": total, "done": done, "waiting": waiting,
            "bar": progress_bar([("已办结", done), ("处理中", total - done - waiting),
                                 ("待审核/审核中", waiting)], total),
            "report": {"查出假冒政府网站平台数量": count(CONFIRMED_OR_LATER, "fake_portal"),
                       "清理涉安全生产资格证书违法违规信息数量": count(("taken_down",)),
                       "涉嫌犯罪的问题线索移交数量": count(("transferred", "filed"))}}
