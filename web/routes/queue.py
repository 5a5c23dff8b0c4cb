"""The queue page: filters, search, sort, pages, counts, and bulk actions on the selection."""
from dataclasses import replace
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from monitor.review import ReviewError, scope_for
from monitor.review.states import ACTIONS, AGENCY_ROLES

from ..filters import PAGE_SIZE, QueueQuery
from ..session import Visit, visit
from ..templating import templates

router = APIRouter()


@router.get("/findings")
def queue_page(request: Request, current: Visit = Depends(visit)):
    query = QueueQuery.from_params(request.query_params)
    scope = scope_for(current.reviewer)
    flt = query.to_filter(current.reviewer.name, request.app.state.config)
    store = current.store
    counts = store.queue_counts(scope, flt)
    # The tabs' counts ignore only the status filter, so the total is their sum: one scan, not two.
    shown = [s for s in counts.counts if not query.status or s in query.status]
    total = sum(counts.counts[s] for s in shown)
    capped = any(s in counts.at_least for s in shown)  # a common search term: "1000+"
    rows = store.list_findings(scope, flt, sort=query.sort, limit=PAGE_SIZE, **query.position())
    if query.before and len(rows) < PAGE_SIZE:  # not a page left before it: that is page one
        query = replace(query, page=1, before="")
        rows = store.list_findings(scope, flt, sort=query.sort, limit=PAGE_SIZE)
    pages = None if capped else max(1, -(-total // PAGE_SIZE))
    context = {
        "current": current, "query": query, "rows": rows, "total": f"{total}+" if capped else total,
        "pages": pages, "has_next": len(rows) == PAGE_SIZE if capped else query.page < pages,
        "status_counts": {s: f"{n}+" if s in counts.at_least else n for s, n in counts.counts.items()},
        "campaigns": store.campaigns_list(), "msg": request.query_params.get("msg", ""),
        "bulk_actions": {name: a for name, a in ACTIONS.items() if current.reviewer.role in a.roles},
        "show_queue": current.reviewer.role not in AGENCY_ROLES,
    }
    partial = request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results"
    context["partial"] = partial
    return templates.TemplateResponse(request, "_results.html" if partial else "queue.html", context)


@router.post("/findings/bulk")
async def bulk_action(request: Request, current: Visit = Depends(visit)):
    form = await request.form()
    ids = [int(i) for i in form.getlist("ids") if str(i).isdigit()]
    back = str(form.get("back", ""))
    if not back.startswith("/findings"):
        back = "/findings"
    if not ids:
        return _back(back, "请先勾选要处理的发现")
    service = current.service
    try:
        if form.get("whole_group"):
            ids = service.expand_groups(current.reviewer, ids)
        action = str(form.get("action", ""))
        if action == "assign_me":
            service.assign(current.reviewer, ids, current.reviewer.name)
            return _back(back, f"已将 {len(ids)} 条指派给我")
        outcome = service.act(current.reviewer, ids, action, comment=str(form.get("comment", "")),
                              resolution=str(form.get("resolution") or "") or None, strict=False)
    except ReviewError as exc:
        return _back(back, str(exc))
    return _back(back, outcome.summary())


def _back(path: str, message: str) -> RedirectResponse:
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}{urlencode({'msg': message})}", status_code=303)
