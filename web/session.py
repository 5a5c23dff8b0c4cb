"""Login sessions and CSRF. The cookie holds a random token; the database holds only its hash,
so a copied database cannot be used to log in. Every POST must carry the session's CSRF token
(form field `csrf_token` or header `X-CSRF-Token`); the login form uses a double-submit cookie."""
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import HTTPException, Request

from monitor.review import Reviewer, ReviewService
from storage import Store
from storage.clock import BEIJING

SESSION_COOKIE = "certsweep_session"
LOGIN_CSRF_COOKIE = "certsweep_login_csrf"
SESSION_HOURS = 12
MAX_FORM_FIELDS = 20_000


class LoginRequired(Exception):
    pass


@dataclass
class Visit:
    """One request by a logged-in reviewer: who, their CSRF token, and the store to use."""
    reviewer: Reviewer
    csrf: str
    store: Store
    token_hash: str

    @property
    def service(self) -> ReviewService:
        return ReviewService(self.store)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def secure_cookies(request: Request) -> bool:
    """Secure everywhere browsers accept it: https, and loopback (a secure context)."""
    return request.url.scheme == "https" or request.url.hostname in ("127.0.0.1", "localhost", "::1")


def set_cookie(request: Request, response, name: str, value: str, max_age: int | None = None):
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=secure_cookies(request), path="/")


def start_session(request: Request, response, store: Store, reviewer: Reviewer) -> None:
    token = secrets.token_urlsafe(32)
    expires = datetime.now(BEIJING) + timedelta(hours=SESSION_HOURS)
    user = store.user(reviewer.name)
    store.add_session(token_hash(token), user["id"], secrets.token_urlsafe(32),
                      expires.isoformat(timespec="seconds"))
    set_cookie(request, response, SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600)


def store_of(request: Request) -> Store:
    return request.app.state.stores.get()


async def visit(request: Request) -> Visit:
    """Dependency of every page behind login; on POST it also checks the CSRF token."""
    store = store_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    row = store.session(token_hash(token)) if token else None
    if row is None:
        raise LoginRequired()
    if request.method == "POST":
        await check_csrf(request, row["csrf"])
    return Visit(Reviewer(row["name"], row["role"]), row["csrf"], store, token_hash(token))


async def check_csrf(request: Request, expected: str | None) -> None:
    sent = request.headers.get("X-CSRF-Token")
    if sent is None:
        # Bulk forms carry one field per selected finding.
        sent = (await request.form(max_fields=MAX_FORM_FIELDS)).get("csrf_token")
    if not expected or not sent or not hmac.compare_digest(str(sent), expected):
        raise HTTPException(403, "请求缺少有效的安全校验（CSRF）令牌，请刷新页面后重试")


async def admin_visit(request: Request) -> Visit:
    current = await visit(request)
    if not current.reviewer.is_admin:
        raise HTTPException(403, "只有管理员可以管理用户")
    return current
