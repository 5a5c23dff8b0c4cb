"""Cluster throughput: bench/crawl.py's generated marketplace crawled on Redis with one worker and
with two, on this machine; pages/s of each, the ratio, and the single-writer sink's ceiling.

    .venv/bin/python bench/distributed.py [--items 5000] [--sink-items 1000] [--rounds 2] [--no-single]

Every run gets a fresh redis-server and database: `certsweep crawl --redis` (coordinator and
sink) and N `certsweep worker --no-render` processes, all on this machine with the fixture
internet. pages/s counts the responses workers report to Redis, from the first to the last (the
crawl), and over the whole run from the coordinator's start to its exit (start-up included).
1 and 2 workers run alternately --rounds times and the best of each is shown: the machine is
shared, and the least disturbed run is the closest to what it can do. Plain `certsweep crawl` of
the same campaign runs first as the single-machine reference.

The sink's ceiling: the workers crawl while the bench holds the sink lock, so nothing is written
until --sink-items are waiting in Redis; then the lock is let go and the time the coordinator
takes to write that backlog (pages, findings and their evidence captures) gives items/s. The
sink's own timings split its time between page writes and evidence captures."""
import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crawl import CAMPAIGN, PER_PAGE, WORLD  # noqa: E402
from fixtureweb import FixtureInternet  # noqa: E402
from fixtureweb.loopback import redis_server  # noqa: E402
from spiders.cluster import keys  # noqa: E402
from spiders.cluster.worker import MAX_WAITING_ITEMS  # noqa: E402

CONCURRENCY = 16
POLL = 0.25


def write_campaign(folder: Path, items: int) -> Path:
    """bench/crawl.py's plain-HTTP campaign over `items` listings."""
    result_pages = -(-items // PER_PAGE)
    path = folder / f"bench-{items}.toml"
    path.write_text(CAMPAIGN.format(concurrency=CONCURRENCY, render="never", render_flag="false",
                                    max_pages=items + result_pages, result_pages=result_pages),
                    encoding="utf-8")
    return path


def certsweep(*args: str, folder: Path, name: str) -> subprocess.Popen:
    with open(folder / f"{name}.err", "w") as err:
        return subprocess.Popen([sys.executable, "-m", "certsweep", *args], stdout=subprocess.DEVNULL,
                                stderr=err)


def check(process: subprocess.Popen, folder: Path, name: str) -> None:
    if process.wait() != 0:
        raise SystemExit(f"{name} exited {process.returncode}:\n{(folder / f'{name}.err').read_text()[-3000:]}")


def fetched(client) -> int:
    return sum(int(v) for k, v in client.hgetall(keys.STATS).items() if k.endswith(b"|response_received_count"))


def single_machine(campaign: Path, proxy: str, folder: Path) -> dict:
    started = time.perf_counter()
    process = certsweep("crawl", str(campaign), "--db", str(folder / "single.db"), "--proxy", proxy,
                        "--no-progress", folder=folder, name="single")
    check(process, folder, "single")
    wall = time.perf_counter() - started
    with sqlite3.connect(folder / "single.db") as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])["marketplace"]
    return {"pages": stats["response_received_count"], "crawl": float(stats["elapsed_time_seconds"]),
            "wall": wall}


def cluster(campaign: Path, proxy: str, folder: Path, workers: int, *, hold_sink: int = 0) -> dict:
    """One cluster run. With hold_sink, nothing is written until that many items wait in Redis;
    then the seconds the sink takes to write them are measured."""
    run = Path(tempfile.mkdtemp(prefix=f"cluster-{workers}-", dir=folder))
    with redis_server(run) as url:
        client = redis.Redis.from_url(url)
        if hold_sink:
            client.set(keys.SINK_LOCK, "bench")
        started = time.perf_counter()
        coordinator = certsweep("crawl", str(campaign), "--db", str(run / "cluster.db"), "--proxy", proxy,
                                "--redis", url, "--no-progress", folder=run, name="coordinator")
        crawlers = [certsweep("worker", "--redis", url, "--proxy", proxy, "--no-render", "--name", f"w{n}",
                              folder=run, name=f"w{n}") for n in range(workers)]
        first = last = None
        count = 0
        sink_seconds = None
        while coordinator.poll() is None:
            now, seen = time.perf_counter(), fetched(client)
            if seen and first is None:
                first = now
            if seen != count:
                count, last = seen, now
            if hold_sink and sink_seconds is None and client.llen(keys.ITEMS) >= hold_sink:
                stored_before = int(client.hget(keys.STATS, "sink|certsweep/pages_stored") or 0)
                client.delete(keys.SINK_LOCK)
                released = time.perf_counter()
                while int(client.hget(keys.STATS, "sink|certsweep/pages_stored") or 0) < stored_before + hold_sink:
                    time.sleep(0.05)
                sink_seconds = time.perf_counter() - released
            time.sleep(POLL)
        wall = time.perf_counter() - started
        check(coordinator, run, "coordinator")
        for n, worker in enumerate(crawlers):
            check(worker, run, f"w{n}")
        count = fetched(client)  # with what workers added as they left
        sink = {k.decode().removeprefix("sink|"): int(v) for k, v in client.hgetall(keys.STATS).items()
                if k.startswith(b"sink|")}
    return {"pages": count, "crawl": (last - first) if first and last else wall, "wall": wall,
            "sink_seconds": sink_seconds, "sink": sink}


def line(name: str, r: dict) -> str:
    return (f"{name:18s} {r['pages']:6d} pages  crawl {r['crawl']:6.1f} s {r['pages'] / r['crawl']:6.1f} pages/s  "
            f"whole run {r['wall']:6.1f} s {r['pages'] / r['wall']:6.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--sink-items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2,
                        help="1 and 2 workers alternately this many times; the best of each is shown")
    parser.add_argument("--no-single", dest="single", action="store_false",
                        help="skip the single-machine reference run")
    args = parser.parse_args()
    if args.sink_items > MAX_WAITING_ITEMS:
        parser.error(f"--sink-items: workers wait once {MAX_WAITING_ITEMS} items are waiting")
    with FixtureInternet([WORLD]).running() as live, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        campaign = write_campaign(folder, args.items)
        if args.single:
            print(line("single machine", single_machine(campaign, live.proxy_url, folder)))
        best: dict[int, dict] = {}
        for _ in range(args.rounds):
            for workers in (1, 2):
                r = cluster(campaign, live.proxy_url, folder, workers)
                if workers not in best or r["pages"] / r["crawl"] > best[workers]["pages"] / best[workers]["crawl"]:
                    best[workers] = r
        for workers, r in best.items():
            print(line(f"cluster, {workers} worker{'s' if workers > 1 else ''}", r))
        ratio = (best[2]["pages"] / best[2]["crawl"]) / (best[1]["pages"] / best[1]["crawl"])
        print(f"ratio 2 workers / 1 worker (crawl)  {ratio:.2f}")
        sink_campaign = write_campaign(folder, max(args.sink_items * 3 // 2, PER_PAGE))
        r = cluster(sink_campaign, live.proxy_url, folder, 2, hold_sink=args.sink_items)
        print(f"sink: {args.sink_items} waiting items written in {r['sink_seconds']:.1f} s = "
              f"{args.sink_items / r['sink_seconds']:.0f} items/s (1 listing in 8 a finding, with its evidence)")
        stats = r["sink"]
        print(f"      over the whole run: {stats['certsweep/pages_stored']} pages in {stats['pages_ms'] / 1000:.1f} s "
              f"({stats['certsweep/pages_stored'] * 1000 / stats['pages_ms']:.0f} pages/s written), "
              f"{stats['certsweep/evidence_captures']} evidence captures in {stats['evidence_ms'] / 1000:.1f} s "
              f"({stats['certsweep/evidence_captures'] * 1000 / stats['evidence_ms']:.1f} captures/s)")


if __name__ == "__main__":
    main()
