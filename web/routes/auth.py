"""Login and logout."""
import hmac
import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from monitor.review.accounts import authenticate

from ..session import (LOGIN_CSRF_COOKIE, SESSION_COOKIE, Visit, set_cookie, start_session,
                       store_of, visit)
from ..templating import templates

router = APIRouter()


@router.get("/login")
def login_page(request: Request, error: str = ""):
    token = secrets.token_urlsafe(32)
    response = templates.TemplateResponse(request, "login.html", {"csrf": token, "error": error})
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""),
          csrf_token: str = Form("")):
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return RedirectResponse("/login?error=页面已过期，请重新登录", status_code=303)
    store = store_of(request)
    reviewer = authenticate(store, name.strip(), password)
    if reviewer is None:
        with store.transaction():
            store.audit(name.strip() or "?", "login.failed", "user", name.strip(), {})
        return RedirectResponse("/login?error=用户名或密码错误", status_code=303)
    response = RedirectResponse("/", status_code=303)
    start_session(request, response, store, reviewer)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(current: Visit = Depends(visit)):
    current.store.end_session(current.token_hash)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
