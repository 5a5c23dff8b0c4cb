"""The crawl's browser: one scrapy-playwright download handler per crawler, for http and https
alike, and a pool of open pages reused from one request to the next.

Scrapy builds a download handler per URL scheme. scrapy-playwright's handler owns a Playwright
driver, a browser and its contexts, so two schemes meant two drivers and two Chromiums: twice
the memory, and twice the campaign's `max_open_pages`.

scrapy-playwright opens a page for every request and closes it after; setting up and tearing
down a page costs Chromium more CPU than loading a small one (reusing pages cut Chromium's CPU
per listing by about a fifth in bench/crawl.py). Here a context keeps at most
`max_open_pages` pages open and hands an idle one to the next request. Between requests a page
goes back to about:blank, so nothing of the last site (its scripts, its late requests) runs
into the next capture, and after PAGE_USES requests it is closed, so a page's memory cannot
grow with the crawl. Requests that manage their own page (`playwright_include_page`) are
left alone."""
import asyncio
from collections import defaultdict
from contextlib import suppress
from weakref import WeakKeyDictionary

from playwright.async_api import Error as PlaywrightError
from scrapy_playwright.handler import DEFAULT_CONTEXT_NAME, ScrapyPlaywrightDownloadHandler

PAGE_USES = 50


class PagePool:
    """The open pages of one browser context; idle ones wait for the next request."""

    def __init__(self, limit: int):
        self.limit, self.open, self.idle = limit, 0, []
        self.uses: dict[object, int] = {}
        self.waiting: list[asyncio.Future] = []

    async def take(self):
        """An idle page, or None: the caller may open one (and `register` it, or `release`
        the place if it could not)."""
        while not (self.idle or self.open < self.limit):
            self.waiting.append(asyncio.get_running_loop().create_future())
            await self.waiting[-1]
        if self.idle:
            return self.idle.pop()
        self.open += 1
        return None

    def register(self, page, *, placed: bool) -> None:
        """A page this pool has not seen: opened in a place `take` gave (`placed`), or by
        scrapy-playwright on its own after a page died mid-request."""
        if page in self.uses:
            return
        if page.is_closed():  # it died during the request
            if placed:
                self.release()
            return
        self.open += 0 if placed else 1
        self.uses[page] = 0
        page.once("close", lambda _: self._closed(page))

    def release(self) -> None:
        self.open -= 1
        self._wake()

    def _closed(self, page) -> None:
        del self.uses[page]
        if page in self.idle:
            self.idle.remove(page)
        self.release()

    async def give_back(self, page) -> None:
        if page not in self.uses:
            return  # closed meanwhile; that freed its place
        self.uses[page] += 1
        if self.uses[page] >= PAGE_USES or not await _blank(page):
            await _close(page)  # its close event frees the place
            return
        self.idle.append(page)
        self._wake()

    def _wake(self) -> None:
        waiting, self.waiting = self.waiting, []
        for waiter in waiting:
            if not waiter.done():
                waiter.set_result(None)


async def _blank(page) -> bool:
    """Stop the last site's document; False if the page is no longer usable."""
    with suppress(PlaywrightError):
        await page.goto("about:blank")
        return True
    return False


async def _close(page) -> None:
    with suppress(PlaywrightError):
        await page.close()


class BrowserHandler(ScrapyPlaywrightDownloadHandler):
    _per_crawler: "WeakKeyDictionary[object, BrowserHandler]" = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler):
        if crawler not in cls._per_crawler:
            cls._per_crawler[crawler] = cls(crawler)
        return cls._per_crawler[crawler]

    def __init__(self, crawler):
        super().__init__(crawler)
        self.pools: dict[str, PagePool] = defaultdict(lambda: PagePool(self.config.max_pages_per_context))

    async def _create_page(self, request, spider):
        page = await super()._create_page(request, spider)
        request.meta["playwright_page"] = page  # from now on, whatever fails, we can close it
        return page

    async def _download_request(self, request, spider=None):
        meta = request.meta
        if meta.get("playwright_include_page") or meta.get("playwright_page"):
            return await super()._download_request(request, spider)
        pool = self.pools[meta.get("playwright_context", DEFAULT_CONTEXT_NAME)]
        page = await pool.take()
        placed = page is None
        if page is not None:
            meta["playwright_page"] = page
        meta["playwright_include_page"] = True  # scrapy-playwright leaves the page open for us
        try:
            response = await super()._download_request(request, spider)
        except BaseException:
            page = meta.pop("playwright_page", None)
            if page is None:
                pool.release()  # failed before a page was opened
            else:
                pool.register(page, placed=placed)
                await _close(page)
            raise
        finally:
            del meta["playwright_include_page"]
        page = meta.pop("playwright_page")
        pool.register(page, placed=placed)
        for event, handler in (meta.get("playwright_page_event_handlers") or {}).items():
            page.remove_listener(event, handler)  # this request's, not the next one's
        await pool.give_back(page)
        return response

    async def close(self) -> None:
        # Scrapy closes each scheme's handler: the second call waits for the first.
        if not hasattr(self, "_closing"):
            self._closing = asyncio.ensure_future(super().close())
        await self._closing
