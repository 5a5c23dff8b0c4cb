"""One finding: everything a reviewer needs to decide, and the actions this reviewer may take.
Every route checks that this reviewer may see this record (403 otherwise)."""
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from monitor import registered_domain
from monitor.review import NotVisible, ReviewError, allowed_actions, status_spans
from monitor.review.states import ACTIONS

from ..archive import ARCHIVE_CSP, clean_archive
from ..session import Visit, visit
from ..templating import templates

router = APIRouter()


def _finding(current: Visit, finding_id: int) -> dict:
    try:
        return current.service.visible(current.reviewer, finding_id)
    except NotVisible as exc:
        raise HTTPException(403, str(exc)) from None


@router.get("/findings/{finding_id}")
def finding_page(request: Request, finding_id: int, current: Visit = Depends(visit)):
    finding = _finding(current, finding_id)
    store = current.store
    page = store.page(finding["page_id"]) if finding["page_id"] else None
    host = urlsplit((page or {}).get("final_url") or finding["canonical_url"]).hostname or ""
    domains = [d for d in {host, registered_domain(host) if host else ""} if d]
    evidence = store.evidence(finding_id)
    history = store.history(finding_id)
    config = request.app.state.config
    actions = {name: ACTIONS[name] for name in allowed_actions(current.reviewer, finding)}
    colleagues = [u for u in store.users() if u["active"] and (
        current.reviewer.is_admin or u["role"] == current.reviewer.role)]
    related = [r for r in store.group_members(finding["group_id"])
               if r["id"] != finding_id] if finding["group_id"] is not None else []
    visible_related = [r for r in related if _may_see(current, r["id"])]
    return templates.TemplateResponse(request, "finding.html", {
        "current": current, "f": finding, "page": page, "msg": request.query_params.get("msg", ""),
        "terms": list(dict.fromkeys(h["matched"] or h["keyword"] for h in finding["hits"])),
        "domains": [d for d in (store.domain(name) for name in domains) if d],
        "screenshots": [e for e in evidence if e["kind"] == "screenshot"],
        "archives": [e for e in evidence if e["kind"] == "dom"],
        "history": history, "spans": status_spans(finding, history),
        "overdue": config.is_overdue(finding["status"], finding["status_changed_at"]),
        "comments": store.comments(finding_id), "tags": store.tags(finding_id),
        "actions": actions, "colleagues": colleagues, "related": visible_related,
        "hidden_related": len(related) - len(visible_related),
    })


def _may_see(current: Visit, finding_id: int) -> bool:
    try:
        current.service.visible(current.reviewer, finding_id)
        return True
    except NotVisible:
        return False


def _done(finding_id: int, message: str = "") -> RedirectResponse:
    suffix = f"?{urlencode({'msg': message})}" if message else ""
    return RedirectResponse(f"/findings/{finding_id}{suffix}", status_code=303)


@router.post("/findings/{finding_id}/act")
async def act(request: Request, finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    form = await request.form()
    action = str(form.get("action", ""))
    try:
        current.service.act(current.reviewer, [finding_id], action, comment=str(form.get("comment", "")),
                            resolution=str(form.get("resolution") or "") or None)
    except ReviewError as exc:
        return _done(finding_id, str(exc))
    return _done(finding_id, f"已{ACTIONS[action].label}")


@router.post("/findings/{finding_id}/comment")
async def comment(request: Request, finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    form = await request.form()
    try:
        current.service.comment(current.reviewer, finding_id, str(form.get("body", "")))
    except ReviewError as exc:
        return _done(finding_id, str(exc))
    if request.headers.get("HX-Request"):
        return templates.TemplateResponse(request, "_comments.html", {
            "current": current, "f": {"id": finding_id}, "comments": current.store.comments(finding_id)})
    return _done(finding_id)


@router.post("/findings/{finding_id}/assign")
async def assign(request: Request, finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    assignee = str((await request.form()).get("assignee", "")).strip() or None
    try:
        current.service.assign(current.reviewer, [finding_id], assignee)
    except ReviewError as exc:
        return _done(finding_id, str(exc))
    return _done(finding_id, f"已指派给 {assignee}" if assignee else "已取消指派")


@router.post("/findings/{finding_id}/tag")
async def tag(request: Request, finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    form = await request.form()
    try:
        current.service.tag(current.reviewer, [finding_id], str(form.get("tag", "")),
                            remove=bool(form.get("remove")))
    except ReviewError as exc:
        return _done(finding_id, str(exc))
    return _done(finding_id)


@router.post("/findings/{finding_id}/merge")
async def merge(request: Request, finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    text = str((await request.form()).get("others", ""))
    others = [int(t) for t in text.replace("，", ",").replace(",", " ").split() if t.isdigit()]
    try:
        group_id = current.service.merge(current.reviewer, [finding_id, *others])
    except ReviewError as exc:
        return _done(finding_id, str(exc))
    return _done(finding_id, f"已合并到第 {group_id} 组")


@router.post("/findings/{finding_id}/unmerge")
def unmerge(finding_id: int, current: Visit = Depends(visit)):
    _finding(current, finding_id)
    current.service.unmerge(current.reviewer, finding_id)
    return _done(finding_id, "已移出分组")


def _evidence(current: Visit, evidence_id: int, kind: str) -> tuple[dict, object]:
    row = current.store.evidence_item(evidence_id)
    if row is None or row["kind"] != kind or row["finding_id"] is None:
        raise HTTPException(404, "没有这份证据")
    _finding(current, row["finding_id"])
    return row, current.store.evidence_file(row)


@router.get("/evidence/{evidence_id}.png")
def screenshot(evidence_id: int, current: Visit = Depends(visit)):
    row, path = _evidence(current, evidence_id, "screenshot")
    return FileResponse(path, media_type="image/png",
                        headers={"Content-Security-Policy": "sandbox; default-src 'none'"})


@router.get("/archive/{evidence_id}")
def archive(evidence_id: int, current: Visit = Depends(visit)):
    """The archived HTML, cleaned, for a sandboxed iframe: its CSP forbids scripts and fetches."""
    row, path = _evidence(current, evidence_id, "dom")
    html = clean_archive(path.read_bytes().decode("utf-8", errors="replace"))
    return HTMLResponse(html, headers={"Content-Security-Policy": ARCHIVE_CSP,
                                       "X-Frame-Options": "SAMEORIGIN"})
