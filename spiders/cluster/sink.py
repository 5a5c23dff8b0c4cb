"""The single SQLite writer of a cluster: items pushed by workers, written in batches with their
evidence, through the same persist_page and evidence recorder as a single-machine crawl.

Only the holder of the sink lock writes, so SQLite keeps one writer however many `certsweep sink`
and coordinators are started. A batch moves to the sink's own list before it is written: a sink
killed mid-batch leaves it there, and the next one writes it again; pages already stored in the
run are skipped, so a page is never stored twice, whether rewritten or pushed twice by a worker
that died after pushing and before releasing its lease."""
import pickle
import time
import uuid

from storage import Store

from ..evidence_recorder import EvidenceRecorder
from ..persist import capture_evidence, store_pages
from . import keys

LOCK_SECONDS = 10  # a killed sink blocks its successor this long; held again before every capture

# Move up to ARGV[1] items to the sink's list in one step.
TAKE_BATCH = """
local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #items > 0 then
  redis.call('LTRIM', KEYS[1], #items, -1)
  redis.call('RPUSH', KEYS[2], unpack(items))
end
return items
"""

# Take or keep the lock: ARGV[1] the sink's id, ARGV[2] milliseconds.
HOLD = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


class Sink:
    def __init__(self, server, store: Store, recorder: EvidenceRecorder, *, run_id: int,
                 campaign_id: int, batch_size: int = 200):
        self.server, self.store, self.recorder = server, store, recorder
        self.run_id, self.campaign_id, self.batch_size = run_id, campaign_id, batch_size
        self.id = uuid.uuid4().hex
        self._take = server.register_script(TAKE_BATCH)
        self._hold = server.register_script(HOLD)

    def hold(self) -> bool:
        return bool(self._hold(keys=[keys.SINK_LOCK], args=[self.id, LOCK_SECONDS * 1000]))

    def let_go(self) -> None:
        if self.server.get(keys.SINK_LOCK) == self.id.encode():
            self.server.delete(keys.SINK_LOCK)

    def drain(self) -> int:
        """Write everything waiting now, if this sink holds the lock; how many items were taken."""
        taken = 0
        while self.hold():
            batch = (self.server.lrange(keys.SINKING, 0, -1)  # left by a killed sink
                     or self._take(keys=[keys.ITEMS, keys.SINKING], args=[self.batch_size]))
            if not batch:
                break
            if not self.write([pickle.loads(data) for data in batch]):
                break
            self.server.delete(keys.SINKING)
            taken += len(batch)
        return taken

    def write(self, pushed: list[tuple[int, object]]) -> bool:
        """False when the lock was lost midway: the batch stays for the sink that took it."""
        items, seen = [], set()
        for run_id, item in pushed:
            if run_id != self.run_id or item.canonical_url in seen:
                continue
            seen.add(item.canonical_url)
            if not self.store.stored_in_run(item.canonical_url, self.run_id):
                items.append(item)
        started = time.perf_counter()
        counts = capture_evidence(self.recorder, items, before_capture=self.hold)
        if counts is None:
            return False
        captured = time.perf_counter()
        counts.update(store_pages(self.store, items, campaign_id=self.campaign_id, run_id=self.run_id))
        # Where the single writer's time goes, for the cluster's progress and bench/distributed.py.
        counts["evidence_ms"] += round((captured - started) * 1000)
        counts["pages_ms"] += round((time.perf_counter() - captured) * 1000)
        with self.server.pipeline() as pipe:
            for key, value in counts.items():
                pipe.hincrby(keys.STATS, f"sink|{key}", value)
            pipe.execute()
        return True
