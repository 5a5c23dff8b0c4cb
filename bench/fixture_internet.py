"""Throughput of the fixture internet's proxy, the way a crawler uses it.

    .venv/bin/python bench/fixture_internet.py [--pages 5000] [--concurrency 16 64]

Fetches --pages demo-world pages (marketplace search, item pages, images) over
http and over https (CONNECT tunnels, keep-alive) with aiohttp, at each
concurrency, while one client keeps hanging requests open on hang.example.com.
Prints pages/s and latency percentiles. Client and servers share the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtureweb import FixtureInternet, demo_world_dir  # noqa: E402


def urls(scheme: str, count: int) -> list[str]:
    base = f"{scheme}://www.linlijishi.com"
    kinds = [lambda n: f"/item/{1001 + n % 12}.html", lambda n: f"/item/{2001 + n % 28}.html",
             lambda n: f"/search?q=证&page={1 + n % 4}", lambda n: f"/img/item/{1001 + n % 12}-1.png"]
    return [base + kinds[n % len(kinds)](n) for n in range(count)]


async def crawl(proxy: str, targets: list[str], concurrency: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in targets:
        queue.put_nowait(url)
    connector = aiohttp.TCPConnector(limit=concurrency, ssl=False)

    async with aiohttp.ClientSession(connector=connector) as session:
        async def worker():
            while not queue.empty():
                url = queue.get_nowait()
                started = time.perf_counter()
                async with session.get(url, proxy=proxy) as answer:
                    await answer.read()
                    assert answer.status == 200, (url, answer.status)
                latencies.append(time.perf_counter() - started)

        async def hang():  # hanging sites must not slow the others down
            try:
                await session.get("http://hang.example.com/", proxy=proxy,
                                  timeout=aiohttp.ClientTimeout(total=3600))
            except asyncio.CancelledError:
                pass

        hangs = [asyncio.create_task(hang()) for _ in range(4)]
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        for task in hangs:
            task.cancel()
    return elapsed, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    args = parser.parse_args()
    internet = FixtureInternet([demo_world_dir(), ROOT / "tests" / "world"])
    with internet.running() as live:
        print(f"{'协议':<6}{'并发':>6}{'页数':>8}{'页/秒':>10}{'p50 毫秒':>10}{'p99 毫秒':>10}")
        for scheme in ("http", "https"):
            for concurrency in args.concurrency:
                elapsed, latencies = asyncio.run(crawl(live.proxy_url, urls(scheme, args.pages), concurrency))
                cuts = statistics.quantiles(latencies, n=100)
                print(f"{scheme:<8}{concurrency:>6}{args.pages:>10}{args.pages / elapsed:>10.0f}"
                      f"{cuts[49] * 1000:>10.1f}{cuts[98] * 1000:>10.1f}")
        connects = len(live.requests.find(method="CONNECT"))
        print(f"CONNECT 隧道数: {connects}（keep-alive 复用）")


if __name__ == "__main__":
    main()
