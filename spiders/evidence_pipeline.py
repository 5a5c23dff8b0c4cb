"""Evidence capture for every page that becomes a finding: WARC, WACZ, screenshot, DOM, headers,
DNS and WHOIS, with the capture facts and custody entries (monitor.evidence).

Runs after AssessPipeline. The work (lookups, archives, hashing, custody rows) is CPU-bound
Python: on a thread it held the GIL against the crawl itself, so it runs in a worker process
(spiders.workers) with its own database connection, started at the crawl's first finding.
Captures are written one at a time, in the order the findings came."""
import os

from storage import Store

from .evidence_recorder import EvidenceRecorder
from .items import CrawledPage
from .workers import Worker

_recorder: EvidenceRecorder | None = None  # the worker process's own


def _start_worker(db_path: str, options: dict) -> None:
    global _recorder
    _recorder = EvidenceRecorder(Store(db_path), **options)


def _record(item: CrawledPage, raw: dict | None) -> int:
    return _recorder.record(item, raw)


class EvidencePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("CERTSWEEP_DB")
        self.options = {
            "dns_server": settings.get("CERTSWEEP_DNS_SERVER") or os.environ.get("CERTSWEEP_DNS_SERVER"),
            "whois_server": (settings.get("CERTSWEEP_WHOIS_SERVER")
                             or os.environ.get("CERTSWEEP_WHOIS_SERVER")),
            "operator": settings.get("CERTSWEEP_OPERATOR") or os.environ.get("CERTSWEEP_OPERATOR") or ""}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.options["campaign"] = (spider or self.crawler.spider).campaign.name
        self.worker = Worker(_start_worker, self.db_path, self.options)

    def close_spider(self, spider=None):
        self.worker.close()

    async def process_item(self, item: CrawledPage, spider=None):
        raw, item.capture = item.capture, None  # bodies are big; later pipelines do not need them
        if item.assessment["verdict"] == "benign":
            return item
        try:
            await self.worker.call(_record, item, raw)
        except Exception as exc:  # evidence failing must not lose the finding itself
            self.crawler.spider.logger.warning("证据固定失败 %s：%s", item.final_url, exc)
            self.crawler.stats.inc_value("certsweep/evidence_errors")
        else:
            self.crawler.stats.inc_value("certsweep/evidence_captures")
        return item
