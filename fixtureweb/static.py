"""Static files of a site directory, with the charset naming convention.

`page.gbk.html` is served at `/page.html` (and `/page.gbk.html`) with
`Content-Type: text/html; charset=gbk`. Without such an infix an HTML file gets
no charset parameter, so the page's own <meta> has to declare it, as on many
real servers. Names starting with "_" or "." are never served.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from urllib.parse import unquote

from fixtureweb.messages import Response

CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css",
    ".js": "text/javascript", ".json": "application/json", ".txt": "text/plain",
    ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff2": "font/woff2",
}
# Text types other than HTML default to UTF-8, the way servers usually label them.
UTF8_BY_DEFAULT = {".css", ".js", ".json", ".txt", ".xml", ".svg"}


def static_response(root: Path, path: str) -> Response | None:
    """The file under `root` for URL `path`, or None when there is none."""
    relative = unquote(path).lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    parts = relative.split("/")
    if any(part in ("", "..") or part.startswith((".", "_")) for part in parts):
        return None
    target = root.joinpath(*parts)
    if target.is_dir():
        return Response.redirect(path + "/", 301)
    found = target if target.is_file() else _with_charset_infix(target)
    if found is None:
        return None
    return Response(body=found.read_bytes(), content_type=content_type_for(found.name))


def content_type_for(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    base = CONTENT_TYPES.get(suffix, "application/octet-stream")
    charset = charset_infix(filename)
    if charset is None and suffix in UTF8_BY_DEFAULT:
        charset = "utf-8"
    return f"{base}; charset={charset}" if charset else base


def charset_infix(filename: str) -> str | None:
    """"index.gbk.html" -> "gbk"; None when the middle part names no codec."""
    pieces = filename.split(".")
    if len(pieces) < 3:
        return None
    try:
        codecs.lookup(pieces[-2])
    except LookupError:
        return None
    return pieces[-2]


def _with_charset_infix(target: Path) -> Path | None:
    if not target.parent.is_dir():
        return None
    for candidate in sorted(target.parent.glob(f"{target.stem}.*{target.suffix}")):
        middle = candidate.name[len(target.stem) + 1 : -len(target.suffix) or None]
        if "." not in middle and charset_infix(candidate.name) and candidate.is_file():
            return candidate
    return None
