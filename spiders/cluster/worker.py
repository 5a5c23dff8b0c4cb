"""A crawl worker: Scrapy with the leased Redis scheduler and the shared dupefilter. Pages are
assessed here and pushed to Redis for the sink; a worker never opens the SQLite database."""
import asyncio
import os
import pickle
import socket
import tempfile
import threading
import time
import uuid
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import CloseSpider, DontCloseSpider

from campaign import load_campaign
from monitor.page_scoring import settle_collector

from ..network import Network
from ..scoring import AssessPipeline
from ..runner import SPIDERS, crawl_settings
from ..spiders.seeds import SeedSpider
from . import keys
from .leases import Leases
from .publication import published_scorer, write_campaign

HEARTBEAT_SECONDS = 1.0
MAX_WAITING_ITEMS = 1000  # pushed and not yet taken by the sink
# Summed over the cluster for the coordinator's progress line and the run's stats.
SHARED_STATS = ("response_received_count", "playwright/page_count", "certsweep/errors",
                "certsweep/pushed")


def cluster_settings(settings, redis_url: str, *, worker: str, render: bool, run_id: int):
    """Scrapy settings of a process in the cluster: shared queue and dupefilter, no SQLite."""
    settings.setdict({
        "SCHEDULER": "spiders.cluster.queue.LeasedScheduler",
        "SCHEDULER_QUEUE_CLASS": "spiders.cluster.queue.LeasedQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",  # what scrapy-redis reads
        "SCHEDULER_QUEUE_KEY": keys.QUEUE_KEY, "SCHEDULER_DUPEFILTER_KEY": keys.DUPEFILTER_KEY,
        "SCHEDULER_PERSIST": True,  # stopping the cluster keeps queue and dupefilter: a restart continues
        "REDIS_URL": redis_url,
        "CERTSWEEP_WORKER_ID": worker, "CERTSWEEP_RENDER": render, "CERTSWEEP_RUN_ID": run_id,
        # The campaign's page limit holds for the cluster as a whole (LeasedQueue), not per worker.
        "CERTSWEEP_PAGE_CAP": settings.getint("CLOSESPIDER_PAGECOUNT"), "CLOSESPIDER_PAGECOUNT": 0,
        "SPIDER_MIDDLEWARES": {"spiders.cluster.worker.NoStartMiddleware": 0},
        "EXTENSIONS": {"spiders.cluster.worker.WorkerExtension": 500},
        "ITEM_PIPELINES": {"spiders.cluster.worker.PublishedAssessPipeline": 300,
                           "spiders.cluster.worker.PushPipeline": 800},
    }, priority="cmdline")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["spiders.middlewares.SkipStoredMiddleware"] = None  # the shared dupefilter does this
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    if not render:  # Scrapy's own handlers: no browser is launched at all
        settings.set("DOWNLOAD_HANDLERS", {}, priority="cmdline")
    return settings


class NoStartMiddleware:
    """Start requests are the coordinator's to seed; workers only take from the queue."""

    async def process_start(self, start):
        return
        yield  # an async generator that yields nothing


class PublishedAssessPipeline(AssessPipeline):
    """The scorer from what the coordinator published of its database."""

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        settings = self.crawler.settings
        portals = spider.campaign.portals
        self.scorer = published_scorer(settings.get("REDIS_URL"), settings.getint("CERTSWEEP_RUN_ID"),
                                       tuple(spider.campaign.keyword_lists),
                                       None if portals is None else tuple(portals))
        settle_collector()  # a cluster worker is a process of its own


class PushPipeline:
    """Items go to the sink through Redis, with the raw capture where evidence will be taken.
    While the sink is behind (or stopped), workers wait instead of filling Redis's memory."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = keys.connect(crawler.settings.get("REDIS_URL"))
        self.run_id = crawler.settings.getint("CERTSWEEP_RUN_ID")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, item, spider=None):
        while self.server.llen(keys.ITEMS) >= MAX_WAITING_ITEMS:
            await asyncio.sleep(1)
        if item.assessment["verdict"] == "benign":
            item.capture = None  # the sink takes evidence of findings only
        self.server.rpush(keys.ITEMS, pickle.dumps((self.run_id, item), protocol=pickle.HIGHEST_PROTOCOL))
        self.crawler.stats.inc_value("certsweep/pushed")
        return item


class Heartbeat:
    """One per worker process: keeps the worker alive in Redis (its leases are safe while it
    beats) and adds its crawlers' counts to the cluster's. It beats from its own thread, so a
    reactor busy for seconds (a big page to score) does not pass for a dead worker."""

    _shared: "Heartbeat | None" = None

    @classmethod
    def shared(cls, settings) -> "Heartbeat":
        if cls._shared is None:
            cls._shared = cls(settings)
        return cls._shared

    def __init__(self, settings):
        self.server = keys.connect(settings.get("REDIS_URL"))
        self.worker = settings.get("CERTSWEEP_WORKER_ID")
        self.label = settings.get("CERTSWEEP_WORKER_LABEL") or self.worker
        self.render = int(settings.getbool("CERTSWEEP_RENDER"))
        self.ttl = settings.getint("CERTSWEEP_LEASE_SECONDS")
        self.crawlers, self.closed = [], set()
        self.sent: dict[tuple[str, str], int] = {}
        self.started = time.time()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="certsweep-heartbeat", daemon=True)

    def add(self, crawler) -> None:
        self.crawlers.append(crawler)
        if not self.thread.is_alive():
            self.beat()  # alive before the first request is taken
            self.thread.start()

    def run(self) -> None:
        while not self.stopping.wait(HEARTBEAT_SECONDS):
            self.beat()

    def beat(self) -> None:
        key = keys.alive_key(self.worker)
        with self.server.pipeline() as pipe:
            pipe.hset(key, mapping={"label": self.label, "render": self.render, "started": self.started,
                                    "pages": sum(c.stats.get_value("response_received_count", 0)
                                                 for c in self.crawlers)})
            pipe.expire(key, self.ttl)
            self.add_counts(pipe)
            pipe.execute()

    def add_counts(self, pipe) -> None:
        for crawler in self.crawlers:
            for stat in SHARED_STATS:
                value = crawler.stats.get_value(stat, 0)
                sent = self.sent.get((crawler.spidercls.name, stat), 0)
                if value != sent:
                    pipe.hincrby(keys.STATS, f"{crawler.spidercls.name}|{stat}", value - sent)
                    self.sent[crawler.spidercls.name, stat] = value

    def done(self, crawler) -> None:
        """The last crawler closed: counts in, heartbeat gone, anything still leased back in
        the queue now rather than when the heartbeat would have expired."""
        self.closed.add(crawler)
        if len(self.closed) < len(self.crawlers):
            return
        self.stopping.set()
        self.thread.join()
        with self.server.pipeline() as pipe:
            self.add_counts(pipe)
            pipe.delete(keys.alive_key(self.worker))
            pipe.execute()
        Leases(self.server, []).requeue_dead()


class WorkerExtension:
    """Keeps each spider open while other workers may still queue requests for it."""

    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.heartbeat = Heartbeat.shared(settings)
        self.server = self.heartbeat.server
        self.run_id = settings.getint("CERTSWEEP_RUN_ID")
        self.leases = Leases(self.server, [cls.name for cls in SPIDERS])

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider):
        self.heartbeat.add(self.crawler)

    def idle(self, spider):
        # Scrapy asks again every few seconds while the spider stays open.
        if self.server.hget(keys.RUN, "run_id") != str(self.run_id).encode():
            raise CloseSpider("cluster_run_changed")
        self.leases.requeue_dead()
        if not self.leases.finished():
            raise DontCloseSpider

    def closed(self, spider, reason):
        self.heartbeat.done(self.crawler)


def wait_for_run(server) -> int:
    """The id of the run the coordinator has published and seeded and not yet finished: a worker
    may be started before the coordinator."""
    while True:
        run = server.hgetall(keys.RUN)
        if run.get(b"seeded") and not run.get(b"finished"):
            return int(run[b"run_id"])
        time.sleep(0.5)


def run_worker(redis_url: str, *, network: Network = Network(), render: bool = True,
               name: str | None = None, lease_seconds: int = 60) -> dict:
    """Crawl until the cluster's run is done; returns Scrapy stats per spider."""
    server = keys.connect(redis_url)
    run_id = wait_for_run(server)
    label = name or f"{socket.gethostname()}-{os.getpid()}"
    # A restarted worker with the same name must not take over its predecessor's leases.
    worker = f"{label}-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="certsweep-worker-") as directory:
        path = str(write_campaign(server, Path(directory)))
        campaign = load_campaign(path)
        # A worker has no database: anything that tried to open one would fail on /dev/null.
        settings = crawl_settings(campaign, path, db=Path(os.devnull), network=network, progress=False)
        cluster_settings(settings, redis_url, worker=worker, render=render, run_id=run_id)
        settings.setdict({"CERTSWEEP_WORKER_LABEL": label, "CERTSWEEP_LEASE_SECONDS": lease_seconds},
                         priority="cmdline")
        process = CrawlerProcess(settings)
        crawlers = []
        for spider_cls in SPIDERS:
            if not spider_cls(campaign=path).has_sources():
                continue
            spider_settings = settings.copy()
            spider_settings.set("DEPTH_LIMIT", campaign.limits.max_depth if spider_cls is SeedSpider
                                else 0, priority="cmdline")
            crawler = Crawler(spider_cls, spider_settings, init_reactor=not crawlers)
            crawlers.append(crawler)
            process.crawl(crawler, campaign=path)
        process.start()
    return {c.spider.name: c.stats.get_stats() for c in crawlers if c.spider}
