"""Behaviour every campaign spider shares: the campaign, rendering choice, items, advertised URLs."""
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy_playwright.page import PageMethod

from campaign import Campaign, load_campaign
from monitor.contacts import extract_urls
from monitor.qrcodes import qr_urls
from storage.clock import now

from .canary_step import CanaryStep, canary_result
from .capture import capture_from_response, capture_meta
from .items import CrawledPage
from .pages import WebPage
from .urls import canonical_url


# Our own request meta; Scrapy's internal keys (latency, retries, redirects) must not be copied on.
CARRIED_META = ("certsweep_page", "path", "market", "engine", "term", "result_page", "is_ad",
                "result_title", "site")


def carried(meta: dict) -> dict:
    return {k: meta[k] for k in CARRIED_META if k in meta}


# Decoding is cheap but fetching is not: the first photos of a listing are where sellers put codes.
MAX_IMAGES_PER_PAGE = 4

# An app shell shows almost no text before its scripts run.
APP_SHELL_MAX_TEXT = 80


class CampaignSpider(scrapy.Spider):
    """Base for the campaign spiders: `scrapy crawl NAME -a campaign=FILE`."""

    campaign: Campaign

    def __init__(self, campaign: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.campaign_path = campaign or "default"
        self.campaign = load_campaign(self.campaign_path)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        kwargs.setdefault("campaign", crawler.settings.get("CERTSWEEP_CAMPAIGN"))
        return super().from_crawler(crawler, *args, **kwargs)

    def has_sources(self) -> bool:
        raise NotImplementedError

    def browser_meta(self, wanted: bool) -> dict:
        """Render in the browser when the source needs it or the campaign says always."""
        mode = self.campaign.limits.render
        if mode == "never" or (mode == "auto" and not wanted):
            return {}
        steps = [PageMethod("wait_for_load_state", "networkidle"),
                 PageMethod("screenshot", full_page=True, type="png")]
        if self.campaign.canary.enabled:
            steps.append(PageMethod(CanaryStep()))
        return {"playwright": True, **capture_meta(steps)}

    def rendered_again(self, response, page: WebPage) -> scrapy.Request | None:
        """A page whose text only exists after JavaScript (a single-page app) is fetched again
        with the browser, when the campaign allows rendering at all."""
        if response.meta.get("playwright") or self.campaign.limits.render == "never":
            return None
        if len(page.text) >= APP_SHELL_MAX_TEXT or not response.css("script"):
            return None
        return response.request.replace(dont_filter=True,
                                        meta={**carried(response.meta), **self.browser_meta(True)})

    def page_item(self, response, *, source: str, source_name: str, path: list[str],
                  fields: dict | None = None, page: WebPage | None = None) -> CrawledPage:
        page = page or WebPage(response)
        methods = response.meta.get("playwright_page_methods") or []
        screenshot = next((m.result for m in methods if m.method == "screenshot"), None)
        original = response.request.meta.get("redirect_urls", [response.url])[0]
        return CrawledPage(
            url=original, canonical_url=canonical_url(original), final_url=response.url,
            status=response.status, host=urlsplit(response.url).hostname or "",
            title=page.title, text=page.text, html=response.text,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            encoding=response.encoding, content_sha256=page.content_sha256,
            source=source, source_name=source_name, path=path, fields=fields or {},
            headers={k.decode("latin-1"): b", ".join(v).decode("latin-1")
                     for k, v in response.headers.items()},
            rendered="playwright" in response.flags or bool(response.meta.get("playwright")),
            screenshot=screenshot, tls=response.meta.get("tls"),
            capture=capture_from_response(response), canary=canary_result(response),
            fetched_at=now())

    def advertised_requests(self, text: str, path: list[str]):
        """Every address a seller writes into a listing goes to the portal check."""
        return self.portal_checks(extract_urls(text), path, "宣传网址")

    def portal_checks(self, urls: list[str], path: list[str], how: str):
        for url in urls:
            yield scrapy.Request(url, callback=self.parse_advertised, errback=self.record_error,
                                 meta={"certsweep_page": True, "path": path + [f"{how}：{url}"],
                                       **self.browser_meta(True)})

    def image_requests(self, image_urls: list[str], path: list[str]):
        """Listing photos often carry the fake portal's address as a QR code."""
        for url in image_urls[:MAX_IMAGES_PER_PAGE]:
            yield scrapy.Request(url, callback=self.parse_image, errback=self.record_error,
                                 meta={"path": path + [f"图片：{url}"]})

    def parse_image(self, response):
        yield from self.portal_checks(qr_urls(response.body), response.meta["path"], "图片二维码")

    def parse_advertised(self, response):
        page = WebPage(response)
        again = self.rendered_again(response, page)
        if again:
            yield again
            return
        yield self.page_item(response, source="advertised", source_name=self.name,
                             path=response.meta["path"], page=page)

    def record_error(self, failure):
        # robots.txt or already stored: a decision, not an error (HttpError subclasses it, though).
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return
        self.logger.warning("抓取失败 %s：%s", failure.request.url, failure.getErrorMessage())
        self.crawler.stats.inc_value("certsweep/errors")
