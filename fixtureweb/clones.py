"""Building blocks for clone sites' `_site.py`: a query endpoint that "confirms" any certificate
it is asked about, and mirrors that serve a genuine site's files and dynamic pages, as
reverse-proxy phishing kits do, with the clone's own answers in front."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from fixtureweb.messages import Request, Response
from fixtureweb.static import static_response
from fixtureweb.world import load_handler

Handler = Callable[[Request], Response | None]

CONFIRMATION = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>查询结果</title></head><body>
<div class="result"><h3>查询成功</h3><table>
<tr><th>姓名</th><td>{name}</td></tr><tr><th>证件号码</th><td>{cert}</td></tr>
<tr><th>证书状态</th><td>有效</td></tr><tr><th>发证机关</th><td>{issuer}</td></tr>
<tr><th>有效期至</th><td>2031-06-30</td></tr></table></div></body></html>"""


def confirming_query(path: str, *, name: str, cert: str, issuer: str) -> Handler:
    """A handler answering `path` with a "valid certificate" for whatever name and number
    arrive in the `name` and `cert` parameters."""
    def handle(request: Request) -> Response | None:
        if request.path != path:
            return None
        return Response.html(CONFIRMATION.format(name=escape(request.arg(name, "") or ""),
                                                 cert=escape(request.arg(cert, "") or ""), issuer=issuer))
    return handle


def answering(path: str, response: Response) -> Handler:
    """A handler answering `path` with the same canned response every time."""
    return lambda request: response if request.path == path else None


class Mirror:
    """The clone's own handler first, then everything the genuine site at `files` serves."""

    def __init__(self, files: Path, clone: Handler):
        self.files, self.clone = files, clone
        self.genuine = load_handler(files)

    def __call__(self, request: Request) -> Response | None:
        return (self.clone(request) or (self.genuine and self.genuine(request))
                or static_response(self.files, request.path))


def files_served_by(site_root: Path) -> Path:
    """Where a site's files are: its own directory, or the genuine site's for a mirror."""
    handler = load_handler(site_root)
    return handler.files if isinstance(handler, Mirror) else site_root
