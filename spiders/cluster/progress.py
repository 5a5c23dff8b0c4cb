"""The coordinator's live lines for the whole cluster: queue, in flight, waiting for the sink,
stored, findings, and each worker with its pages/s over the last few seconds."""
import time
from collections import deque

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from monitor.reports.labels import kind_label

from ..progress import VERDICTS
from . import keys

RATE_WINDOW_SECONDS = 10.0


class ClusterProgress:
    def __init__(self, server, leases):
        self.server, self.leases = server, leases
        self.samples: dict[str, deque] = {}  # worker → (time, pages) over the rate window
        self.live = Live(console=Console(stderr=True), refresh_per_second=4)
        self.live.start()

    def update(self) -> None:
        self.live.update(Group(self.cluster_line(), self.workers_line()))

    def cluster_line(self) -> Text:
        stats = {k.decode(): int(v) for k, v in self.server.hgetall(keys.STATS).items()}
        queued = self.leases.queued()
        findings = "  ".join(f"{kind_label(key)} {stats.get(f'sink|certsweep/findings/{key}', 0)}"
                             for key in VERDICTS)
        return Text(f"[集群] 队列 {queued['plain']}（浏览器 {queued['render']}）  处理中 {self.leases.held()}  "
                    f"待入库 {self.server.llen(keys.ITEMS)}  已入库 {stats.get('sink|certsweep/pages_stored', 0)}  "
                    f"{findings}")

    def workers_line(self) -> Text:
        now = time.monotonic()
        shown = []
        for key in self.server.scan_iter(keys.alive_key("*")):
            beat = {k.decode(): v.decode() for k, v in self.server.hgetall(key).items()}
            if "pages" not in beat:
                continue
            samples = self.samples.setdefault(key.decode(), deque())
            samples.append((now, int(beat["pages"])))
            while now - samples[0][0] > RATE_WINDOW_SECONDS:
                samples.popleft()
            (first, before), (last, pages) = samples[0], samples[-1]
            rate = (pages - before) / (last - first) if last > first else 0.0
            kind = "" if beat.get("render") == "1" else "（不渲染）"
            shown.append(f"{beat.get('label', '?')}{kind} {pages} 页 {rate:.1f} 页/秒")
        return Text("[节点] " + ("；".join(sorted(shown)) or "无在线节点"))

    def stop(self) -> None:
        self.live.stop()
