"""Fetching single pages outside a crawl (`assess`, `portals enroll`): the browser, or plain HTTP,
always through the configured proxy, returning snapshots the monitor scores."""
import asyncio
import functools
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright
from w3lib.encoding import html_to_unicode

from monitor import CanaryResult, PageSnapshot, probe
from monitor.canary import should_probe
from storage.clock import BEIJING

from .browser import BROWSER_CONTEXT, launch_options
from .capture import ResourceRecorder
from .items import CrawledPage
from .network import Network
from .tls import check_tls

RESOURCE_TYPES = ("script", "stylesheet", "image", "other", "font")


@dataclass
class FetchResult:
    url: str
    snapshot: PageSnapshot | None
    error: str | None = None
    canary: CanaryResult | None = None
    capture: dict | None = None  # raw exchanges and timing, as spiders.capture keeps them for evidence

    def page(self, *, source: str, path: list[str]) -> CrawledPage:
        """The fetched page as the crawl's items are, with its canary probe and raw capture."""
        item = CrawledPage.from_snapshot(self.snapshot, source=source, path=path)
        item.canary, item.capture = self.canary, self.capture
        return item


async def _render(context, url: str, timeout_ms: float, canary: bool) -> FetchResult:
    page = await context.new_page()
    recorder = ResourceRecorder()
    page.on("response", recorder)
    started = datetime.now(BEIJING)
    try:
        response = await page.goto(url, timeout=timeout_ms, wait_until="load")
        try:
            await page.wait_for_load_state("networkidle", timeout=min(timeout_ms, 10_000))
        except PlaywrightError:
            pass  # pages that poll forever never go idle; what loaded so far is the page
        snapshot = PageSnapshot(
            url=url, final_url=page.url, html=await page.content(), title=await page.title(),
            status=response.status if response else None,
            headers=await response.all_headers() if response else {},
            screenshot_png=await page.screenshot(full_page=True, type="png"), rendered=True,
            fetched_at=datetime.now(BEIJING))
        exchanges = await recorder.settle(page)
        snapshot.resources = _resources(exchanges)
        capture = _capture("browser", exchanges, started)
        probed = await probe(page) if canary and should_probe(snapshot) else None
        return FetchResult(url, snapshot, canary=probed, capture=capture)
    finally:
        await page.close()


def _resources(exchanges: list[dict]) -> list[tuple[str, str, bytes]]:
    """What the page loaded besides itself, as the fingerprint takes it: (url, type, body)."""
    return [(e["url"], next((v for k, v in e["response_headers"] if k.lower() == "content-type"), ""),
             e["body"])
            for e in exchanges if e["resource_type"] in RESOURCE_TYPES and e["body"]]


def _capture(method: str, exchanges: list[dict], started: datetime) -> dict:
    return {"method": method, "exchanges": exchanges, "started_at": started.isoformat(timespec="seconds"),
            "ended_at": datetime.now(BEIJING).isoformat(timespec="seconds")}


async def _plain(request_context, url: str, timeout_ms: float, canary: bool) -> FetchResult:
    started = datetime.now(BEIJING)
    response = await request_context.get(url, timeout=timeout_ms)
    try:
        body = await response.body()
        exchange = {"url": response.url, "status": response.status, "reason": response.status_text,
                    "method": "GET", "resource_type": "document", "body": body,
                    "response_headers": [(h["name"], h["value"]) for h in response.headers_array],
                    "request_headers": [], "request_body": b""}
        return FetchResult(url, PageSnapshot(
            url=url, final_url=response.url, html=_decode(body, response.headers),
            status=response.status, headers=response.headers, rendered=False,
            fetched_at=datetime.now(BEIJING)), capture=_capture("http", [exchange], started))
    finally:
        await response.dispose()


def _decode(body: bytes, headers: dict) -> str:
    return html_to_unicode(headers.get("content-type"), body)[1]


async def _fetch_all(urls, *, render: bool, network: Network, timeout: float,
                     canary: bool) -> list[FetchResult]:
    timeout_ms = timeout * 1000
    async with async_playwright() as pw:
        results = []
        if render:
            browser = await pw.chromium.launch(**launch_options(network.chromium, network.proxy))
            context = await browser.new_context(**BROWSER_CONTEXT)
            fetch = functools.partial(_render, context, timeout_ms=timeout_ms, canary=canary)
        else:
            context = await pw.request.new_context(
                ignore_https_errors=True, proxy={"server": network.proxy} if network.proxy else None)
            fetch = functools.partial(_plain, context, timeout_ms=timeout_ms, canary=False)
        try:
            for url in urls:
                try:
                    result = await fetch(url)
                    final = urlsplit(result.snapshot.final_url)
                    if final.scheme == "https":
                        result.snapshot.tls = await asyncio.to_thread(
                            check_tls, final.hostname, final.port or 443, proxy=network.proxy,
                            ca_bundle=network.ca_bundle)
                    results.append(result)
                except PlaywrightError as exc:
                    results.append(FetchResult(url, None, _error_text(exc)))
        finally:
            if render:
                await browser.close()
            else:
                await context.dispose()
        return results


def _error_text(exc: Exception) -> str:
    text = str(exc).splitlines()[0]
    for marker, chinese in (("ERR_TUNNEL_CONNECTION_FAILED", "无法通过代理连接该网站（域名无法解析或拒绝连接）"),
                            ("ERR_NAME_NOT_RESOLVED", "域名无法解析"),
                            ("ERR_CONNECTION_REFUSED", "连接被拒绝"),
                            ("ERR_PROXY_CONNECTION_FAILED", "无法连接代理服务器"),
                            ("Timeout", "访问超时")):
        if marker in text:
            return f"{chinese}（{text}）"
    return text


def fetch_pages(urls: list[str], *, render: bool, network: Network, timeout: float = 30,
                canary: bool = False) -> list[FetchResult]:
    """Fetch each URL in order, recording TLS facts for https; with `canary`, probe suspect
    query forms in the browser."""
    return asyncio.run(_fetch_all(urls, render=render, network=network, timeout=timeout,
                                  canary=canary))
