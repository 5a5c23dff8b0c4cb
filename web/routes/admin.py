"""User management, for admin only."""
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from monitor.review import ReviewError
from monitor.review.accounts import add_user, set_active, set_password

from ..session import Visit, admin_visit
from ..templating import templates

router = APIRouter()


@router.get("/admin/users")
def users_page(request: Request, current: Visit = Depends(admin_visit)):
    return templates.TemplateResponse(request, "users.html", {
        "current": current, "users": current.store.users(), "msg": request.query_params.get("msg", "")})


@router.post("/admin/users")
async def user_change(request: Request, current: Visit = Depends(admin_visit)):
    form = await request.form()
    name, op = str(form.get("name", "")).strip(), str(form.get("op", ""))
    store, actor = current.store, current.reviewer.name
    try:
        if op == "add":
            add_user(store, name, str(form.get("role", "")), str(form.get("password", "")), actor=actor)
            message = f"已添加用户 {name}"
        elif op == "password":
            set_password(store, name, str(form.get("password", "")), actor=actor)
            message = f"已重设 {name} 的密码"
        elif op in ("disable", "enable"):
            if name == actor:
                raise ReviewError("不能停用自己的账号")
            set_active(store, name, op == "enable", actor=actor)
            message = f"已{'启用' if op == 'enable' else '停用'} {name}"
        else:
            raise ReviewError("未知操作")
    except ReviewError as exc:
        message = str(exc)
    return RedirectResponse(f"/admin/users?{urlencode({'msg': message})}", status_code=303)
