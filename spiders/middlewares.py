"""Downloader middlewares: every request through the configured proxy; never refetch a stored page."""
from scrapy.exceptions import IgnoreRequest

from storage import Store

from .urls import canonical_url


class ProxyMiddleware:
    """Scrapy's HttpProxyMiddleware reads env vars; certsweep takes --proxy, so set it per request."""

    def __init__(self, proxy: str | None):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("CERTSWEEP_PROXY"))

    def process_request(self, request, spider=None):
        if self.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = self.proxy


class SkipStoredMiddleware:
    """A resumed run skips pages it already stored; an interrupted fetch is simply done again."""

    def __init__(self, db_path: str, crawler):
        self.store = Store(db_path)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("CERTSWEEP_DB"), crawler)

    def process_request(self, request, spider=None):
        if not request.meta.get("certsweep_page"):
            return None
        run_id = self.crawler.stats.get_value("certsweep/run_id")
        if run_id is not None and self.store.stored_in_run(canonical_url(request.url), run_id):
            self.crawler.stats.inc_value("certsweep/skipped_stored")
            raise IgnoreRequest("already stored in this run")
        return None
