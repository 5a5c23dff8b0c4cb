"""The labelled world's pages, as files on disk or rendered in Chromium through the fixture proxy;
shared by the monitor tests (their fixtures are in conftest.py)."""
from __future__ import annotations

import asyncio
import os
import tomllib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from fixtureweb.clones import files_served_by
from fixtureweb.world import demo_world_dir
from monitor import PageSnapshot
from spiders.browser import launch_options

HERE = Path(__file__).parent
WORLD = HERE.parent / "world"
DEMO = demo_world_dir()
# WHOIS ages are judged as of this day, so the labelled set does not age.
ASSESSED_AT = datetime(2026, 1, 15, tzinfo=timezone.utc)


def load_labels() -> list[dict]:
    return tomllib.loads((HERE / "labels.toml").read_text("utf-8"))["page"]


def site_dir(url: str) -> Path:
    """The files the host serves (a mirror clone serves the genuine site's)."""
    host = urlsplit(url).hostname
    for world in (WORLD, DEMO):
        if (world / "sites" / host).is_dir():
            return files_served_by(world / "sites" / host)
    raise LookupError(host)


def saved_snapshot(url: str) -> PageSnapshot:
    """The page as its HTML file on disk: no server, no browser."""
    path = urlsplit(url).path.lstrip("/")
    html = site_dir(url) / (path if path.endswith(".html") else path + "index.html")
    return PageSnapshot.from_saved(url, html, root=site_dir(url), fetched_at=ASSESSED_AT)


class Renderer:
    """Chromium through the fixture proxy, one event loop for the session."""

    def __init__(self, live):
        from playwright.async_api import async_playwright

        self.loop = asyncio.new_event_loop()
        self._pw = self.loop.run_until_complete(async_playwright().start())
        self.browser = self.loop.run_until_complete(self._pw.chromium.launch(
            **launch_options(os.environ.get("CERTSWEEP_CHROMIUM"), live.proxy_url)))

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    async def open(self, url: str):
        context = await self.browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        loaded: list = []

        async def keep(response):
            if response.request.resource_type in ("script", "stylesheet", "image", "other"):
                try:
                    loaded.append((response.url, response.headers.get("content-type", ""), await response.body()))
                except Exception:  # body gone (redirect, aborted): nothing to hash
                    pass

        page.on("response", keep)
        response = await page.goto(url, wait_until="networkidle")
        return page, response, loaded

    async def snapshot(self, url: str) -> PageSnapshot:
        page, response, loaded = await self.open(url)
        try:
            return PageSnapshot(url=url, final_url=page.url, status=response.status if response else None,
                                html=await page.content(), title=await page.title(), rendered=True,
                                screenshot_png=await page.screenshot(), resources=loaded, fetched_at=ASSESSED_AT)
        finally:
            await page.context.close()

    def close(self):
        self.run(self.browser.close())
        self.run(self._pw.stop())
        self.loop.close()
