"""One scrapy-playwright download handler per crawler, for http and https alike.

Scrapy builds a download handler per URL scheme. scrapy-playwright's handler owns a Playwright
driver, a browser and its contexts, so two schemes meant two drivers and two Chromiums: twice
the memory, and twice the campaign's `max_open_pages`, since each context bounds its own pages."""
import asyncio
from weakref import WeakKeyDictionary

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class BrowserHandler(ScrapyPlaywrightDownloadHandler):
    _per_crawler: "WeakKeyDictionary[object, BrowserHandler]" = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler):
        if crawler not in cls._per_crawler:
            cls._per_crawler[crawler] = cls(crawler)
        return cls._per_crawler[crawler]

    async def close(self) -> None:
        # Scrapy closes each scheme's handler: the second call waits for the first.
        if not hasattr(self, "_closing"):
            self._closing = asyncio.ensure_future(super().close())
        await self._closing
