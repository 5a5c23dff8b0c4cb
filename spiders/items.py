"""What a spider yields: one fetched page with where it came from; pipelines add the assessment."""
import hashlib
from dataclasses import dataclass, field

from storage.clock import now

from .pages.generic import WebPage
from .urls import canonical_url


@dataclass
class CrawledPage:
    url: str
    canonical_url: str
    final_url: str
    status: int
    host: str
    title: str
    text: str
    html: str
    content_type: str
    encoding: str
    content_sha256: str
    source: str  # marketplace | search | ad | advertised | seed
    source_name: str
    path: list[str] = field(default_factory=list)  # navigation: search query → result → item
    fields: dict = field(default_factory=dict)  # listing fields from the source's page object
    headers: dict = field(default_factory=dict)
    rendered: bool = False
    screenshot: bytes | None = None
    tls: dict | None = None  # certificate facts and whether it validates (spiders.tls)
    canary: object | None = None  # monitor.canary.CanaryResult, where a probe ran
    fetched_at: str = ""
    assessment: dict | None = None
    capture: dict | None = None  # raw exchanges and timing for evidence (spiders.capture)

    @classmethod
    def from_snapshot(cls, snapshot, *, source: str, path: list[str]) -> "CrawledPage":
        """A page fetched outside a crawl (`certsweep assess`, the domain scan)."""
        page = WebPage.from_html(snapshot.final_url, snapshot.html)
        return cls(url=snapshot.url, canonical_url=canonical_url(snapshot.url),
                   final_url=snapshot.final_url, status=snapshot.status or 0, host=snapshot.host,
                   title=snapshot.title or page.title, text=page.text, html=snapshot.html,
                   content_type=snapshot.headers.get("content-type", ""), encoding="utf-8",
                   content_sha256=hashlib.sha256(snapshot.html.encode()).hexdigest(),
                   source=source, source_name=source, path=path, headers=dict(snapshot.headers),
                   rendered=snapshot.rendered, screenshot=snapshot.screenshot_png, tls=snapshot.tls,
                   fetched_at=(snapshot.fetched_at.isoformat(timespec="seconds")
                               if snapshot.fetched_at else now()))
