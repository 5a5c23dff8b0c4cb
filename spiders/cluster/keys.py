"""The Redis keys of a cluster. One campaign run per Redis database: a new run clears them all.

Standalone Redis only (not Redis Cluster): the scripts in `leases` reach keys by name."""
import redis

PREFIX = "certsweep:"
RUN = PREFIX + "run"  # hash: run_id, campaign_id, campaign, logins, scorer, page_cap, seeded, finished
WORKERS = PREFIX + "workers"  # set of worker ids that may hold leases
ITEMS = PREFIX + "items"  # list of pickled (run_id, CrawledPage) pushed by workers
SINKING = PREFIX + "items:sinking"  # the batch the sink is writing; rewritten after a sink crash
SINK_LOCK = PREFIX + "sink"  # id of the one process allowed to write SQLite
STATS = PREFIX + "stats"  # hash: "spider|stat" counters summed over workers, "sink|stat" of the sink
TAKEN = PREFIX + "taken"  # hash: spider → requests taken from its queue (the campaign's max_pages)
QUEUE_KEY = PREFIX + "%(spider)s:requests"  # scrapy-redis setting; one sorted set per kind below
DUPEFILTER_KEY = PREFIX + "%(spider)s:dupefilter"
KINDS = ("render", "plain")  # browser requests wait apart, for workers started with --no-render


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def queue_key(spider: str, kind: str) -> str:
    return f"{QUEUE_KEY % {'spider': spider}}:{kind}"


def alive_key(worker: str) -> str:
    """Heartbeat hash of a worker (label, pages, render); it expires when the worker stops beating."""
    return f"{PREFIX}worker:{worker}"


def leases_key(worker: str) -> str:
    """Requests a worker has taken and not finished: lease id → b"score|queue key|request"."""
    return f"{PREFIX}leases:{worker}"
