"""`certsweep crawl --redis`: open the run, publish it, seed the shared queue once, write what the
workers push (the sink), show the whole cluster's progress, close the run when the work is done.
Killed and started again, it continues the same run from the state kept in Redis."""
import asyncio
import json
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter

from campaign import load_campaign
from monitor.review import regroup
from storage import Store

from ..evidence_recorder import EvidenceRecorder
from ..network import Network
from ..persist import save_campaign
from ..pipelines import plain_stats
from ..runner import SPIDERS, RunSummary, crawl_settings
from . import keys
from .leases import Leases
from .progress import ClusterProgress
from .publication import publish
from .queue import LeasedQueue
from .sink import Sink
from .worker import cluster_settings

POLL_SECONDS = 0.2


def run_coordinator(campaign_path: str, *, db: Path, redis_url: str, network: Network = Network(),
                    progress: bool = True, batch_size: int = 200) -> RunSummary:
    campaign = load_campaign(campaign_path)
    # Instantiating a spider reads its sources (login state files...): fail before writing anything.
    active = [cls for cls in SPIDERS if cls(campaign=campaign_path).has_sources()]
    server = keys.connect(redis_url)
    with Store(db) as store:
        campaign_id = save_campaign(store, campaign)
        unfinished = store.unfinished_run(campaign_id)
        run_id = unfinished["id"] if unfinished else store.start_run(campaign_id, jobdir=public_url(redis_url))
        publish(server, store, campaign, run_id=run_id, campaign_id=campaign_id)
        if not server.hget(keys.RUN, "seeded"):
            seed(server, campaign, active, campaign_path, redis_url, run_id)
        sink = Sink(server, store, EvidenceRecorder.for_command(store, network, campaign.name),
                    run_id=run_id, campaign_id=campaign_id, batch_size=batch_size)
        leases = Leases(server, [cls.name for cls in SPIDERS])
        try:
            drain_until_finished(server, sink, leases, ClusterProgress(server, leases) if progress else None)
        except KeyboardInterrupt:  # workers go on; started again, this continues the run
            return RunSummary(run_id=run_id, resumed=unfinished is not None, finished=False,
                              stats=cluster_stats(server))
        regroup(store)  # reviewers see same-seller and same-site findings together right away
        stats = cluster_stats(server)
        store.finish_run(run_id, stats={name: plain_stats(s) for name, s in stats.items()})
    # Queues, dupefilter and leases are done with; late workers read "finished" and leave (the
    # counts stay for them to add their last ones; the next run clears everything).
    done_with = set(server.scan_iter(keys.PREFIX + "*")) - {keys.RUN.encode(), keys.STATS.encode()}
    if done_with:
        server.delete(*done_with)
    server.hset(keys.RUN, "finished", 1)
    return RunSummary(run_id=run_id, resumed=unfinished is not None, finished=True, stats=stats)


def run_sink(redis_url: str, *, db: Path, network: Network = Network(), batch_size: int = 200) -> dict:
    """`certsweep sink`: only the writing side, for the run the coordinator published, until
    its work is done; the coordinator closes the run."""
    server = keys.connect(redis_url)
    while not server.hget(keys.RUN, "seeded"):
        time.sleep(POLL_SECONDS)
    run = server.hgetall(keys.RUN)
    campaign = json.loads(run[b"campaign"])
    with Store(db) as store:
        sink = Sink(server, store, EvidenceRecorder.for_command(store, network, campaign["name"]),
                    run_id=int(run[b"run_id"]), campaign_id=int(run[b"campaign_id"]),
                    batch_size=batch_size)
        drain_until_finished(server, sink, Leases(server, [cls.name for cls in SPIDERS]), None)
    return cluster_stats(server).get("sink", {})


def seed(server, campaign, active: list, campaign_path: str, redis_url: str, run_id: int) -> None:
    """Every active spider's start requests into the shared queue, through the shared dupefilter,
    as scrapy-redis's scheduler enqueues a request."""
    settings = cluster_settings(crawl_settings(campaign, campaign_path, db=Path("unused"),
                                               network=Network(), progress=False),
                                redis_url, worker="coordinator", render=True, run_id=run_id)
    for spider_cls in active:
        spider = spider_cls.from_crawler(Crawler(spider_cls, settings.copy()), campaign=campaign_path)
        queue = LeasedQueue(server, spider, keys.QUEUE_KEY)
        seen = RFPDupeFilter.from_spider(spider)
        for request in asyncio.run(start_requests(spider)):
            if request.dont_filter or not seen.request_seen(request):
                queue.push(request)
    server.hset(keys.RUN, "seeded", 1)


async def start_requests(spider) -> list:
    return [request async for request in spider.start()]


def drain_until_finished(server, sink: Sink, leases: Leases, progress: ClusterProgress | None) -> None:
    try:
        while True:
            finished = leases.finished()  # read first: a finished crawl has pushed every item
            taken = sink.drain()
            leases.requeue_dead()
            if progress:
                progress.update()
            if finished and not server.llen(keys.ITEMS) and not server.exists(keys.SINKING):
                return
            if not taken:
                time.sleep(POLL_SECONDS)
    finally:
        sink.let_go()
        if progress:
            progress.stop()


def cluster_stats(server) -> dict[str, dict]:
    """Counts per spider (summed over workers) and of the sink, as Scrapy stats are per spider."""
    stats: dict[str, dict] = {}
    for field, value in server.hgetall(keys.STATS).items():
        name, stat = field.decode().split("|", 1)
        stats.setdefault(name, {})[stat] = int(value)
    return stats


def public_url(url: str) -> str:
    """The Redis address without its password, as stored with the run."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return urlunsplit(parts._replace(netloc=host + (f":{parts.port}" if parts.port else "")))
