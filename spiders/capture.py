"""What the browser loaded, kept for evidence: a Playwright response listener in request meta
records every exchange of the page (document, scripts, styles, images), and a last page method
waits for their bodies before scrapy-playwright closes the page.

Spider side: `browser_meta` returns `{"playwright": True, **capture_meta(page_methods)}`, and
`page_item` passes `capture=capture_from_response(response)` to the item."""
import asyncio
from datetime import datetime, timedelta

from playwright.async_api import Error as PlaywrightError
from scrapy_playwright.page import PageMethod

from storage.clock import BEIJING

MAX_RESOURCE_BYTES = 5 * 1024 * 1024


class ResourceRecorder:
    """The page's 'response' event handler. Pickled with a queued request, it travels empty."""

    def __init__(self):
        self.pending: list[asyncio.Task] = []
        self.exchanges: list[dict] = []

    def __reduce__(self):
        return ResourceRecorder, ()

    def __call__(self, response) -> None:
        self.pending.append(asyncio.ensure_future(self._keep(response)))

    async def _keep(self, response) -> None:
        request = response.request
        try:
            body = b"" if 300 <= response.status < 400 else await response.body()
        except PlaywrightError:
            body = b""  # gone before it could be read (aborted, evicted): keep the headers
        self.exchanges.append({
            "url": response.url, "status": response.status, "reason": response.status_text,
            "method": request.method, "resource_type": request.resource_type,
            "body": body if len(body) <= MAX_RESOURCE_BYTES else b"",
            "response_headers": [(h["name"], h["value"]) for h in await response.headers_array()],
            "request_headers": [(h["name"], h["value"]) for h in await request.headers_array()],
            "request_body": request.post_data_buffer or b""})

    async def settle(self, page) -> list[dict]:
        """Page method: every body read before the page closes; the documents first."""
        await asyncio.gather(*self.pending, return_exceptions=True)
        return sorted(self.exchanges, key=lambda e: e["resource_type"] != "document")


def capture_meta(page_methods: list[PageMethod]) -> dict:
    recorder = ResourceRecorder()
    return {"playwright_page_event_handlers": {"response": recorder},
            "playwright_page_methods": [*page_methods, PageMethod(recorder.settle)]}


def capture_from_response(response) -> dict:
    """The raw exchanges behind a response and when it was fetched, for the evidence pipeline."""
    ended = datetime.now(BEIJING)
    started = ended - timedelta(seconds=response.meta.get("download_latency") or 0)
    methods = response.meta.get("playwright_page_methods") or []
    exchanges = next((m.result for m in methods
                      if isinstance(getattr(m.method, "__self__", None), ResourceRecorder)), None)
    if exchanges is None:  # plain HTTP: Scrapy's own request and response
        exchanges = [{
            "url": response.url, "status": response.status, "method": response.request.method,
            "resource_type": "document", "body": response.body,
            "response_headers": _pairs(response.headers),
            "request_headers": _pairs(response.request.headers),
            "request_body": response.request.body or b""}]
    return {"method": "browser" if "playwright" in response.flags else "http",
            "exchanges": exchanges, "connection_ip": str(response.ip_address or "") or None,
            "tls": response.meta.get("playwright_security_details"),
            "started_at": started.isoformat(timespec="seconds"),
            "ended_at": ended.isoformat(timespec="seconds")}


def _pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]
