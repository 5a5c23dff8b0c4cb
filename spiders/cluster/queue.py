"""scrapy-redis's priority queue and scheduler, with leases: a request taken from the queue stays
in the worker's lease hash until the engine is done with it (callback output scheduled, items
pushed to the sink), then the lease is released."""
from collections import deque

import scrapy
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from . import keys
from .leases import Leases

LEASE = "certsweep_lease"  # request meta: the lease a worker holds for it
OFFER_SECONDS = 1.0


class LeasedQueue(PriorityQueue):
    """Browser requests and plain requests wait in separate sorted sets, so HTTP-only workers
    (`--no-render`) take only what they can fetch."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        settings = spider.settings
        self.worker = settings.get("CERTSWEEP_WORKER_ID")
        self.kinds = keys.KINDS if settings.getbool("CERTSWEEP_RENDER", True) else ("plain",)
        self.run_id = settings.getint("CERTSWEEP_RUN_ID")
        self.page_cap = settings.getint("CERTSWEEP_PAGE_CAP")
        self.leases = Leases(server, [spider.name])

    def kind_key(self, kind: str) -> str:
        return keys.queue_key(self.spider.name, kind)

    def __len__(self):
        return sum(self.server.zcard(self.kind_key(kind)) for kind in keys.KINDS)

    def pending(self) -> bool:
        """Anything this worker could take."""
        return any(self.server.zcard(self.kind_key(kind)) for kind in self.kinds)

    def push(self, request):
        kind = "render" if request.meta.get("playwright") else "plain"
        self.server.zadd(self.kind_key(kind), {self._encode_request(request): -request.priority})

    def pop(self, timeout=0):
        for kind in self.kinds:
            taken = self.leases.take(self.worker, self.run_id, self.spider.name, kind,
                                     self.page_cap)
            if taken:
                lease, data = taken
                request = self._decode_request(data)
                request.meta[LEASE] = lease  # a redirect's copy carries it back in; popped anew
                return request
        return None

    def release(self, request) -> None:
        lease = request.meta.get(LEASE)
        if lease:
            self.leases.release(self.worker, lease)

    def clear(self):
        self.server.delete(*(self.kind_key(kind) for kind in keys.KINDS))


class LeasedScheduler(Scheduler):
    """An idle Scrapy engine asks its scheduler again only every five seconds; requests other
    workers queue meanwhile are handed to it sooner through `engine.crawl`, which looks at once."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.ready = deque()  # taken from Redis by `offer`, to be downloaded first
        scheduler.offering = None
        scheduler.poll = task.LoopingCall(scheduler.offer)
        return scheduler

    def open(self, spider):
        super().open(spider)
        release_when_done(self.crawler.engine, self.queue.release)
        self.poll.start(OFFER_SECONDS, now=False)

    def close(self, reason):
        if self.poll.running:
            self.poll.stop()
        return super().close(reason)

    def offer(self) -> None:
        if self.crawler.engine.needs_backout():
            return
        request = self.queue.pop()
        if request is not None:
            self.offering = request
            self.crawler.engine.crawl(request)  # back to enqueue_request below, synchronously
            if self.offering is request:  # dropped on the way (a request_scheduled handler)
                self.offering = None
                self.queue.release(request)

    def enqueue_request(self, request):
        if request is self.offering:  # already taken and leased: not through the dupefilter
            self.offering = None
            self.ready.append(request)
            return True
        return super().enqueue_request(request)

    def next_request(self):
        return self.ready.popleft() if self.ready else super().next_request()

    def has_pending_requests(self):
        # An HTTP-only worker must not spin on browser requests it will never take.
        return bool(self.ready) or self.queue.pending()


def release_when_done(engine, release) -> None:
    """Scrapy removes a request from the engine's slot once the scraper has handled all its
    output (requests scheduled, items through the pipelines) or its download failed for good.
    No public signal marks that moment, so the lease is released from this private hook; it is
    checked here so a Scrapy without it fails at start instead of leaking leases."""
    slot = getattr(engine, "_slot", None)
    remove = getattr(slot, "remove_request", None)
    if not callable(remove):
        raise RuntimeError(f"Scrapy {scrapy.__version__} 的引擎没有 _slot.remove_request，集群模式无法使用")

    def remove_and_release(request):
        release(request)
        remove(request)

    slot.remove_request = remove_and_release
