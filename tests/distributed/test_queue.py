"""The parts of scrapy-redis the cluster relies on, and the leases around them, on a real redis-server."""
from pathlib import Path

import pytest
import scrapy
from cluster_harness import CAMPAIGN
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from campaign import load_campaign
from spiders.cluster import keys
from spiders.cluster.leases import Leases
from spiders.cluster.queue import LEASE, LeasedQueue
from spiders.cluster.worker import cluster_settings
from spiders.network import Network
from spiders.runner import crawl_settings
from spiders.spiders.marketplace import MarketplaceSpider

RUN_ID = 7


def marketplace(redis_url: str, worker: str, *, render: bool = True, page_cap: int | None = None):
    """The marketplace spider as one worker of the cluster configures it."""
    settings = crawl_settings(load_campaign(CAMPAIGN), CAMPAIGN, db=Path("unused"), network=Network(),
                              progress=False)
    if page_cap:
        settings.set("CLOSESPIDER_PAGECOUNT", page_cap, priority="cmdline")
    cluster_settings(settings, redis_url, worker=worker, render=render, run_id=RUN_ID)
    return MarketplaceSpider.from_crawler(Crawler(MarketplaceSpider, settings), campaign=CAMPAIGN)


@pytest.fixture
def server(redis_url):
    server = keys.connect(redis_url)
    server.hset(keys.RUN, mapping={"run_id": RUN_ID, "seeded": 1})
    return server


def listing(spider, n: int, *, rendered: bool = False) -> scrapy.Request:
    return scrapy.Request(f"https://www.linlijishi.com/item/{n}.html", callback=spider.parse_item,
                          errback=spider.record_error,
                          meta={"certsweep_page": True, "path": ["搜索", f"结果 {n}"],
                                **spider.browser_meta(rendered)})


def test_scrapy_redis_scheduler_uses_the_shared_dupefilter_and_the_leased_queue(redis_url, server):
    spider = marketplace(redis_url, "a")
    scheduler = Scheduler.from_settings(spider.settings)
    Scheduler.open(scheduler, spider)
    assert isinstance(scheduler.df, RFPDupeFilter)
    assert scheduler.df.key == "certsweep:marketplace:dupefilter"
    assert isinstance(scheduler.queue, LeasedQueue)
    assert scheduler.enqueue_request(listing(spider, 1001))
    # Another worker's scheduler sees the same fingerprints: a URL is queued once for the cluster.
    other = Scheduler.from_settings(marketplace(redis_url, "b").settings)
    Scheduler.open(other, spider)
    assert not other.enqueue_request(listing(spider, 1001))
    assert len(other.queue) == 1


def test_a_browser_request_crosses_the_queue_with_its_page_methods(redis_url, server):
    spider = marketplace(redis_url, "a")
    plain_worker = LeasedQueue(server, marketplace(redis_url, "plain", render=False), keys.QUEUE_KEY)
    browser_worker = LeasedQueue(server, spider, keys.QUEUE_KEY)
    browser_worker.push(listing(spider, 1001, rendered=True))
    assert plain_worker.pop() is None and not plain_worker.pending()
    request = browser_worker.pop()
    assert request.callback == spider.parse_item and request.errback == spider.record_error
    assert request.meta["path"] == ["搜索", "结果 1001"] and request.meta["playwright"]
    methods = request.meta["playwright_page_methods"]
    assert [m.method for m in methods[:2]] == ["wait_for_load_state", "screenshot"]
    recorder = request.meta["playwright_page_event_handlers"]["response"]
    assert methods[-1].method.__self__ is recorder  # the listener and the method waiting for it


def test_a_dead_workers_leases_return_to_the_queue_and_the_run_waits_for_them(redis_url, server):
    spider = marketplace(redis_url, "a")
    doomed = LeasedQueue(server, spider, keys.QUEUE_KEY)
    for n in (1001, 1002):
        doomed.push(listing(spider, n))
    leases = Leases(server, ["marketplace"])
    held = [doomed.pop(), doomed.pop()]
    assert doomed.pop() is None and not leases.finished()  # nothing queued, but two in flight
    assert leases.requeue_dead() == 2  # "a" never beat: it is dead
    assert leases.requeue_dead() == 0
    survivor = LeasedQueue(server, marketplace(redis_url, "b"), keys.QUEUE_KEY)
    again = [survivor.pop(), survivor.pop()]
    assert survivor.pop() is None
    assert sorted(r.url for r in again) == sorted(r.url for r in held)
    server.hset(keys.alive_key("b"), "pages", 0)  # "b" is alive: its leases stay
    assert leases.requeue_dead() == 0 and not leases.finished()
    for request in again:
        survivor.release(request)
    assert leases.finished()


def test_leases_of_another_run_are_not_taken(redis_url, server):
    spider = marketplace(redis_url, "a")
    queue = LeasedQueue(server, spider, keys.QUEUE_KEY)
    queue.push(listing(spider, 1001))
    server.hset(keys.RUN, "run_id", RUN_ID + 1)
    assert queue.pop() is None and len(queue) == 1


def test_the_campaign_page_limit_holds_for_the_whole_cluster(redis_url, server):
    spider = marketplace(redis_url, "a", page_cap=2)
    first = LeasedQueue(server, spider, keys.QUEUE_KEY)
    second = LeasedQueue(server, marketplace(redis_url, "b", page_cap=2), keys.QUEUE_KEY)
    for n in (1001, 1002, 1003, 1004):
        first.push(listing(spider, n, rendered=n % 2 == 0))
    taken = [first.pop(), second.pop()]
    assert all(r.meta[LEASE] for r in taken)
    assert second.pop() is None and first.pop() is None
    assert len(first) == 0  # what is left is dropped, as Scrapy's CLOSESPIDER_PAGECOUNT does
