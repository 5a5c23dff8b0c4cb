"""Item pipelines: assess each page, then store it (and a finding, with its evidence, when it is
one) in batches."""
import os
import time
from datetime import datetime

from scrapy import signals

from monitor import PageSnapshot
from storage import Store

from .items import CrawledPage
from .persist import save_campaign
from .workers import Worker

# A batch is also written once its first page has waited this long: a slow (rendered) crawl fills
# a batch in minutes, and would risk that much work and show a stale count meanwhile.
MAX_BATCH_SECONDS = 2.0


def scoring_input(item: CrawledPage) -> tuple:
    """`PageScorer.record`'s arguments for a crawled page: (snapshot, text, main_text, canary)."""
    snapshot = PageSnapshot(url=item.url, final_url=item.final_url, html=item.html,
                            status=item.status, headers=item.headers, title=item.title,
                            screenshot_png=item.screenshot, rendered=item.rendered,
                            fetched_at=datetime.fromisoformat(item.fetched_at))
    main_text = None
    if item.source == "marketplace":
        main_text = "\n".join(filter(None, (item.fields.get("title"), item.fields.get("description"))))
    return snapshot, item.text, main_text, item.canary


class WorkerAssessPipeline:
    """Scoring is CPU-bound Python: in a worker process (spiders.workers serving spiders.scoring)
    it runs on another core while the crawl keeps fetching and parsing. The worker builds its
    scorer while the first requests are under way. (The cluster's workers score in-process:
    spiders.scoring.AssessPipeline.)"""

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        db = spider.settings.get("CERTSWEEP_DB")
        Store(db).close()  # created and migrated here, so the worker never races to do it
        self.worker = Worker("spiders.scoring", db, spider.campaign.keyword_lists, spider.campaign.portals)
        self.worker.start()

    def close_spider(self, spider=None):
        self.worker.close()

    async def process_item(self, item: CrawledPage, spider=None):
        item.assessment = await self.worker.call("score", *scoring_input(item))
        return item


class StorePipeline:
    """Pages go to the writer process in batches: each finding's evidence capture (WARC, WACZ,
    DNS/WHOIS, custody: CPU-bound Python), then the batch's pages in one transaction, the way the
    cluster's sink writes. A batch is written once it is full, once its first page has waited
    MAX_BATCH_SECONDS (checked as pages arrive), and when the crawl closes. A crash loses at most
    the batches not yet written, pages and evidence alike, and the resumed run fetches those
    pages again because they are not stored; the writer finishes a batch it was sent even when
    the crawl process is killed."""

    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.batch: list[CrawledPage] = []
        self.batch_size = settings.getint("CERTSWEEP_WRITE_BATCH")
        self.batch_started = 0.0
        self.evidence_options = {
            "dns_server": settings.get("CERTSWEEP_DNS_SERVER") or os.environ.get("CERTSWEEP_DNS_SERVER"),
            "whois_server": (settings.get("CERTSWEEP_WHOIS_SERVER")
                             or os.environ.get("CERTSWEEP_WHOIS_SERVER")),
            "operator": settings.get("CERTSWEEP_OPERATOR") or os.environ.get("CERTSWEEP_OPERATOR") or ""}

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None):
        """Join the run `certsweep crawl` started, or (plain `scrapy crawl`) continue an
        unfinished run of this campaign, or start one."""
        spider = spider or self.crawler.spider
        db = spider.settings.get("CERTSWEEP_DB")
        self.store = Store(db)
        self.campaign_id = save_campaign(self.store, spider.campaign)
        run_id = spider.settings.getint("CERTSWEEP_RUN_ID") or None
        self.owns_run = run_id is None
        if run_id is None:
            unfinished = self.store.unfinished_run(self.campaign_id)
            run_id = unfinished["id"] if unfinished else self.store.start_run(
                self.campaign_id, jobdir=spider.settings.get("JOBDIR") or "")
        self.crawler.stats.set_value("certsweep/run_id", run_id)
        self.writer = Worker("spiders.writer", db, {**self.evidence_options, "campaign": spider.campaign.name})
        self.writer.start()  # its imports overlap the first requests

    def spider_closed(self, spider, reason):
        if self.owns_run and reason == "finished":
            with Store(spider.settings.get("CERTSWEEP_DB")) as store:
                store.finish_run(self.crawler.stats.get_value("certsweep/run_id"),
                                 stats=plain_stats(self.crawler.stats.get_stats()))

    async def process_item(self, item: CrawledPage, spider=None):
        if item.assessment["verdict"] == "benign":
            # Raw bodies and the DOM are big, and only a finding's are kept (its capture): the
            # writer stores a benign page's text, so the rest need not be pickled across.
            item.capture, item.html = None, ""
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append(item)
        if (len(self.batch) >= self.batch_size
                or time.monotonic() - self.batch_started >= MAX_BATCH_SECONDS):
            await self.flush()
        return item

    async def close_spider(self, spider=None):
        await self.flush()
        self.writer.close()
        self.store.close()

    async def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        try:
            counts = await self.writer.call("write_batch", batch, self.campaign_id,
                                            self.crawler.stats.get_value("certsweep/run_id"))
        except Exception:
            self.batch[:0] = batch  # written with the next batch, or the resumed run fetches them
            raise
        for key, value in counts.items():
            self.crawler.stats.inc_value(key, value)


def plain_stats(stats: dict) -> dict:
    return {k: v if isinstance(v, (int, float, str)) else str(v) for k, v in stats.items()}
