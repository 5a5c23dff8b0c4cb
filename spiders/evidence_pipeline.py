"""Evidence capture for every page that becomes a finding: WARC, WACZ, screenshot, DOM, headers,
DNS and WHOIS, with the capture facts and custody entries (monitor.evidence).

Runs after AssessPipeline; the work (lookups, archives, hashing) goes to one worker thread so
the crawl keeps fetching, and captures are written one at a time."""
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from monitor.evidence import CaptureFacts, Exchange, PageCapture, look_up, record_capture
from storage import Store
from storage.clock import BEIJING

from .items import CrawledPage


class EvidencePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("CERTSWEEP_DB")
        self.dns_server = settings.get("CERTSWEEP_DNS_SERVER") or os.environ.get("CERTSWEEP_DNS_SERVER")
        self.whois_server = (settings.get("CERTSWEEP_WHOIS_SERVER")
                             or os.environ.get("CERTSWEEP_WHOIS_SERVER"))
        self.operator = settings.get("CERTSWEEP_OPERATOR") or os.environ.get("CERTSWEEP_OPERATOR")
        self.lookups: dict[str, object] = {}  # per host, once per crawl

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="certsweep-evidence")
        self.store = Store(self.db_path)
        self.campaign = (spider or self.crawler.spider).campaign.name

    def close_spider(self, spider=None):
        self.executor.shutdown(wait=True)
        self.store.close()

    async def process_item(self, item: CrawledPage, spider=None):
        raw, item.capture = item.capture, None  # bodies are big; later pipelines do not need them
        if item.assessment["verdict"] == "benign":
            return item
        capture = self.page_capture(item, raw or {})
        try:
            await asyncio.get_running_loop().run_in_executor(self.executor, self.record, capture)
        except Exception as exc:  # evidence failing must not lose the finding itself
            self.crawler.spider.logger.warning("证据固定失败 %s：%s", item.final_url, exc)
            self.crawler.stats.inc_value("certsweep/evidence_errors")
        else:
            self.crawler.stats.inc_value("certsweep/evidence_captures")
        return item

    def record(self, capture: PageCapture) -> None:
        host = capture.host
        if host not in self.lookups:
            self.lookups[host] = look_up(host, dns_server=self.dns_server,
                                         whois_server=self.whois_server)
        record_capture(self.store, capture, self.lookups[host])

    def page_capture(self, item: CrawledPage, raw: dict) -> PageCapture:
        fetched = item.fetched_at or datetime.now(BEIJING).isoformat(timespec="seconds")
        facts = CaptureFacts(url=item.url, final_url=item.final_url,
                             method=raw.get("method", "browser" if item.rendered else "http"),
                             started_at=raw.get("started_at", fetched),
                             ended_at=raw.get("ended_at", fetched), path=item.path,
                             operator=self.operator or "", campaign=self.campaign)
        return PageCapture(
            canonical_url=item.canonical_url, facts=facts, html=item.html, title=item.title,
            status=item.status, headers=item.headers, screenshot=item.screenshot,
            exchanges=[Exchange.from_dict(e) for e in raw.get("exchanges", [])],
            connection_ip=raw.get("connection_ip"), tls=raw.get("tls") or item.tls,
            canary=item.assessment.get("canary"),
            canary_screenshot=item.canary.screenshot_png if item.canary else None)
