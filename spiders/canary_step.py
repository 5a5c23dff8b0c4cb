"""The canary probe during a crawl: a scrapy-playwright page method that, on a suspect
certificate query form, asks about an invented person in a second tab of the same browser
context, so the page itself (its DOM, screenshot and captured traffic) stays as it was found."""
from datetime import datetime

from playwright.async_api import Error as PlaywrightError

from monitor import PageSnapshot, probe
from monitor.canary import CanaryResult, should_probe
from storage.clock import BEIJING


class CanaryStep:
    """Module-level and stateless, so a request carrying it pickles into the JOBDIR queue."""

    async def __call__(self, page) -> CanaryResult | None:
        snapshot = PageSnapshot(url=page.url, html=await page.content(), title=await page.title(),
                                rendered=True, fetched_at=datetime.now(BEIJING))
        if not should_probe(snapshot):
            return None
        second = await page.context.new_page()
        try:
            await second.goto(page.url, wait_until="load")
            try:
                await second.wait_for_load_state("networkidle", timeout=10_000)
            except PlaywrightError:
                pass  # an app that keeps polling is still ready to be asked
            return await probe(second)
        finally:
            await second.close()


def canary_result(response) -> CanaryResult | None:
    methods = response.meta.get("playwright_page_methods") or []
    return next((m.result for m in methods if isinstance(m.method, CanaryStep)), None)
