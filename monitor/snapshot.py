"""What the library scores: one fetched page, with everything it loaded."""
from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

Resource = tuple[str, str, bytes]  # (url, content_type, body)

_REF_RE = re.compile(r"""(?:src|href)\s*=\s*["']([^"'#?]+)""", re.I)


@dataclass
class PageSnapshot:
    url: str
    html: str
    final_url: str = ""
    status: int | None = 200
    headers: dict[str, str] = field(default_factory=dict)
    title: str = ""
    screenshot_png: bytes | None = None
    resources: list[Resource] = field(default_factory=list)
    rendered: bool = False
    tls: dict | None = None
    fetched_at: datetime | None = None

    def __post_init__(self) -> None:
        self.final_url = self.final_url or self.url

    @property
    def host(self) -> str:
        return (urlsplit(self.final_url).hostname or "").lower()

    @classmethod
    def from_saved(cls, url: str, html_file: Path, root: Path | None = None, **kw) -> "PageSnapshot":
        """A page saved to disk ("save page, complete"): local files it references
        under `root` become its resources, as a browser would have loaded them."""
        html_file = Path(html_file)
        root = Path(root) if root else html_file.parent
        html = html_file.read_text(encoding="utf-8")
        resources: list[Resource] = []
        seen: set[str] = set()
        for ref in _REF_RE.findall(html):
            ref_url = urljoin(url, ref)
            parts = urlsplit(ref_url)
            if parts.hostname != urlsplit(url).hostname or ref_url in seen:
                continue
            local = root / parts.path.lstrip("/")
            if local.is_file():
                seen.add(ref_url)
                ctype = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
                resources.append((ref_url, ctype, local.read_bytes()))
        return cls(url=url, html=html, resources=resources, **kw)
