"""Leases: a request taken from the shared queue waits in its worker's lease hash until the worker
is done with it (callback output queued, items pushed). A worker whose heartbeat expires has its
leases put back in the queue, so a killed worker loses nothing. Each step is one Lua script, so
no interleaving of workers, sink and coordinator can lose or double a request."""
import uuid

from . import keys

# KEYS: the queue, the worker's leases, WORKERS, TAKEN, RUN, every queue of the spider.
# ARGV: lease id, worker id, spider, page cap (0: none), the worker's run id.
TAKE = """
if redis.call('HGET', KEYS[5], 'run_id') ~= ARGV[5] then return false end
local cap = tonumber(ARGV[4])
if cap > 0 and tonumber(redis.call('HGET', KEYS[4], ARGV[3]) or '0') >= cap then
  for i = 6, #KEYS do redis.call('DEL', KEYS[i]) end
  return false
end
local found = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #found == 0 then return false end
redis.call('ZREM', KEYS[1], found[1])
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], found[2] .. '|' .. KEYS[1] .. '|' .. found[1])
redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
return found[1]
"""

# KEYS: WORKERS. ARGV: key prefix. Same bytes back into the same sorted set: a request that is
# somehow queued already stays one member.
REQUEUE_DEAD = """
local returned = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. 'worker:' .. worker) == 0 then
    local held = ARGV[1] .. 'leases:' .. worker
    for _, value in ipairs(redis.call('HVALS', held)) do
      local a = string.find(value, '|', 1, true)
      local b = string.find(value, '|', a + 1, true)
      redis.call('ZADD', string.sub(value, a + 1, b - 1), string.sub(value, 1, a - 1),
                 string.sub(value, b + 1))
      returned = returned + 1
    end
    redis.call('DEL', held)
    redis.call('SREM', KEYS[1], worker)
  end
end
return returned
"""

# KEYS: RUN, WORKERS, every queue. ARGV: key prefix. Read in one step: a request moves from
# queue to lease and its output back to the queue without ever being in neither.
FINISHED = """
if not redis.call('HGET', KEYS[1], 'seeded') then return 0 end
for i = 3, #KEYS do
  if redis.call('ZCARD', KEYS[i]) > 0 then return 0 end
end
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HLEN', ARGV[1] .. 'leases:' .. worker) > 0 then return 0 end
end
return 1
"""


class Leases:
    """The lease scripts of one Redis connection, for the given spider names."""

    def __init__(self, server, spiders: list[str]):
        self.server = server
        self.queues = [keys.queue_key(spider, kind) for spider in spiders for kind in keys.KINDS]
        self._take = server.register_script(TAKE)
        self._requeue = server.register_script(REQUEUE_DEAD)
        self._finished = server.register_script(FINISHED)

    def take(self, worker: str, run_id: int, spider: str, kind: str,
             page_cap: int) -> tuple[str, bytes] | None:
        """The best request of one queue, leased to `worker`; past the spider's page cap its
        queues are emptied instead, as Scrapy's CLOSESPIDER_PAGECOUNT drops what is left.
        Nothing once the cluster has moved on to another run."""
        lease = uuid.uuid4().hex
        own = [keys.queue_key(spider, k) for k in keys.KINDS]
        data = self._take(keys=[keys.queue_key(spider, kind), keys.leases_key(worker), keys.WORKERS,
                                keys.TAKEN, keys.RUN, *own],
                          args=[lease, worker, spider, page_cap, run_id])
        return (lease, data) if data is not None else None

    def release(self, worker: str, lease: str) -> None:
        self.server.hdel(keys.leases_key(worker), lease)

    def requeue_dead(self) -> int:
        return self._requeue(keys=[keys.WORKERS], args=[keys.PREFIX])

    def finished(self) -> bool:
        """Seeded, nothing queued, nothing held by any worker (whose output could add more)."""
        return bool(self._finished(keys=[keys.RUN, keys.WORKERS, *self.queues], args=[keys.PREFIX]))

    def queued(self) -> dict[str, int]:
        """Waiting requests per kind (render, plain)."""
        with self.server.pipeline(transaction=False) as pipe:
            for key in self.queues:
                pipe.zcard(key)
            sizes = pipe.execute()
        counts = dict.fromkeys(keys.KINDS, 0)
        for key, size in zip(self.queues, sizes):
            counts[key.rsplit(":", 1)[1]] += size
        return counts

    def held(self) -> int:
        workers = [w.decode() for w in self.server.smembers(keys.WORKERS)]
        with self.server.pipeline(transaction=False) as pipe:
            for worker in workers:
                pipe.hlen(keys.leases_key(worker))
            return sum(pipe.execute())
