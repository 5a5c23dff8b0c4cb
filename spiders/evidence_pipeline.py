"""Evidence capture for every page that becomes a finding: WARC, WACZ, screenshot, DOM, headers,
DNS and WHOIS, with the capture facts and custody entries (monitor.evidence).

Runs after AssessPipeline; the work (lookups, archives, hashing) goes to one worker thread so
the crawl keeps fetching, and captures are written one at a time."""
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from storage import Store

from .evidence_recorder import EvidenceRecorder
from .items import CrawledPage


class EvidencePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("CERTSWEEP_DB")
        self.dns_server = settings.get("CERTSWEEP_DNS_SERVER") or os.environ.get("CERTSWEEP_DNS_SERVER")
        self.whois_server = (settings.get("CERTSWEEP_WHOIS_SERVER")
                             or os.environ.get("CERTSWEEP_WHOIS_SERVER"))
        self.operator = settings.get("CERTSWEEP_OPERATOR") or os.environ.get("CERTSWEEP_OPERATOR") or ""

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="certsweep-evidence")
        self.store = Store(self.db_path)
        self.recorder = EvidenceRecorder(self.store, dns_server=self.dns_server,
                                         whois_server=self.whois_server, operator=self.operator,
                                         campaign=(spider or self.crawler.spider).campaign.name)

    def close_spider(self, spider=None):
        self.executor.shutdown(wait=True)
        self.store.close()

    async def process_item(self, item: CrawledPage, spider=None):
        raw, item.capture = item.capture, None  # bodies are big; later pipelines do not need them
        if item.assessment["verdict"] == "benign":
            return item
        try:
            await asyncio.get_running_loop().run_in_executor(self.executor, self.recorder.record, item, raw)
        except Exception as exc:  # evidence failing must not lose the finding itself
            self.crawler.spider.logger.warning("证据固定失败 %s：%s", item.final_url, exc)
            self.crawler.stats.inc_value("certsweep/evidence_errors")
        else:
            self.crawler.stats.inc_value("certsweep/evidence_captures")
        return item
