"""Application assembly: one Store per worker thread, security headers on every response,
templates, static files and the routes."""
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from monitor.review import ReviewConfig
from storage import Store

from .routes import admin, auth, dashboard, finding, queue
from .session import LoginRequired
from .templating import templates

STATIC = Path(__file__).with_name("static")
# The app's own pages: scripts and styles only from files we serve; nothing inline, nothing remote.
APP_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
           "frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
           "frame-ancestors 'none'")


class StorePool:
    """sqlite connections are cheap to keep and not to share: one per server thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        Store(self.path).close()  # migrate once, up front
        self.local = threading.local()

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.path, migrate=False)
        return store


def create_app(db: str | Path, *, config: ReviewConfig | None = None) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.stores = StorePool(db)
    app.state.config = config or ReviewConfig.load()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth, dashboard, queue, finding, admin):
        app.include_router(module.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", APP_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("X-Frame-Options", "DENY")
        if "text/html" in response.headers.get("content-type", ""):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired):
        if request.headers.get("HX-Request"):
            return HTMLResponse("", headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, exc: HTTPException):
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                                                  "message": exc.detail},
                                          status_code=exc.status_code)

    return app
