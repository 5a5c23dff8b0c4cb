"""Crawl throughput: bare Scrapy following links vs the full certsweep pipeline, same site, same run;
then the browser: rendered pages/s and whether memory stays flat.

    .venv/bin/python bench/crawl.py [--items 5000] [--rendered 1000] [--rounds 3]

Serves a generated marketplace (bench/world) on the loopback fixture internet and crawls it
twice, each in a fresh process with the same concurrency: a bare Scrapy spider that only follows
links, and `certsweep crawl` (extraction, keywords, portal scoring, evidence for findings,
storage; no browser). Prints pages/s both over the whole process (start-up included: imports,
keyword automaton, scorer) and over the crawl alone (Scrapy's spider-opened to spider-closed),
the ratios, and each process's peak RSS. The bare spider runs twice: with Scrapy's defaults, and
with the Scrapy settings certsweep changes for speed (CONCURRENT_ITEMS), which speed it up too.
With --rounds N the three crawls run in turn N times: each round's ratios are printed, then the
median of each ratio, since on a 2-core machine one run of a 20-second crawl swings by a third.

With --rendered N, crawls N listings again with every page rendered in Chromium, sampling memory
twice a second: the crawler (its process and its worker processes) and the browser (the
Playwright driver and every Chromium process), each summed as PSS so shared pages count once.
Prints both at 10%, 50% and 100% of the listings stored, and their slope past the first 10%."""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtureweb import FixtureInternet  # noqa: E402
from spiders import settings as certsweep_settings  # noqa: E402

WORLD = Path(__file__).parent / "world"
PER_PAGE = 50
CONCURRENCY = 16
SAMPLE_EVERY = 0.5
# Scrapy settings certsweep sets for speed that a bare spider could set as well.
TUNED = {"CONCURRENT_ITEMS": certsweep_settings.CONCURRENT_ITEMS}

BARE_SPIDER = """
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
proxy, pages, tuned = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        yield scrapy.Request("http://bench-market.example/search?q=x&page=1", meta={"proxy": proxy})
    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, meta={"proxy": proxy})
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": %(concurrency)d,
                          "CONCURRENT_REQUESTS_PER_DOMAIN": %(concurrency)d, "ROBOTSTXT_OBEY": False,
                          "CLOSESPIDER_PAGECOUNT": pages, **tuned})
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
print(json.dumps({k: crawler.stats.get_value(k) for k in ("response_received_count", "elapsed_time_seconds")}))
""" % {"concurrency": CONCURRENCY}

CAMPAIGN = """extends = "default"
search_terms = ["x"]
[limits]
concurrency = {concurrency}
per_domain_delay = 0
autothrottle = false
obey_robots = false
render = "{render}"
max_pages = {max_pages}
[[marketplaces]]
name = "基准市场"
search_url = "http://bench-market.example/search?q={{keyword}}&page={{page}}"
max_result_pages = {result_pages}
render = {render_flag}
[marketplaces.selectors]
card = ".card"
item_url = "a.t::attr(href)"
next_page = "a.next::attr(href)"
[marketplaces.selectors.item]
title = "h1::text"
description = ".desc p::text"
seller_name = ".seller::text"
"""


@dataclass
class Sample:
    seconds: float
    stored: int  # listings stored so far
    crawler_mib: float  # PSS of the crawler process and its Python workers
    browser_mib: float  # PSS of the Playwright driver and every Chromium process


@dataclass
class Run:
    pages: int  # responses received
    wall: float  # process start to exit
    crawl: float  # Scrapy's elapsed_time_seconds: spider opened to spider closed
    peak_mib: float  # the crawler process's own peak RSS
    cpu: float  # CPU seconds of the crawler process and the children it reaped (the browser)
    server_cpu: float  # CPU seconds of the fixture internet serving it (this process)
    samples: list[Sample] = field(default_factory=list)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue  # exited between listing and reading
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        kids = tree.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _kib(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _side(pid: int) -> str:
    try:
        program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return "browser"  # gone: it counts nothing either way
    return "crawler" if Path(os.fsdecode(program)).name.startswith("python") else "browser"


def _stored(db: Path | None) -> int:
    if db is None or not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM pages").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet


def run(command: list[str], *, db: Path | None = None) -> tuple[Run, str]:
    """Run one crawler process, sampling its memory (and its browser's) until it exits."""
    samples: list[Sample] = []
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started, serving = time.perf_counter(), time.process_time()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                kib = {"crawler": 0, "browser": 0}
                for pid in [process.pid, *_descendants(process.pid)]:
                    kib[_side(pid)] += _kib(f"/proc/{pid}/smaps_rollup", "Pss:")
                samples.append(Sample(time.perf_counter() - started, _stored(db),
                                      kib["crawler"] / 1024, kib["browser"] / 1024))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, not all children's
        wall, server_cpu = time.perf_counter() - started, time.process_time() - serving
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0), err.seek(0)
        if process.returncode:
            raise SystemExit(f"{command[1:3]} exited {process.returncode}:\n{err.read().decode()[-3000:]}")
        cpu = usage.ru_utime + usage.ru_stime  # includes the children it reaped: the browser
        return Run(0, wall, 0, usage.ru_maxrss / 1024, cpu, server_cpu, samples), out.read().decode()


def pages_for(items: int) -> int:
    """Listings plus the result pages that list them."""
    return items + -(-items // PER_PAGE)


def bare_crawl(proxy: str, folder: Path, *, items: int, tuned: dict) -> Run:
    script = folder / "bare.py"
    script.write_text(BARE_SPIDER, encoding="utf-8")
    result, out = run([sys.executable, str(script), proxy, str(pages_for(items)), json.dumps(tuned)])
    stats = json.loads(out.strip().splitlines()[-1])
    result.pages, result.crawl = stats["response_received_count"], stats["elapsed_time_seconds"]
    return result


def certsweep_crawl(proxy: str, folder: Path, *, items: int, render: bool) -> Run:
    campaign = folder / f"bench-{render}.toml"
    campaign.write_text(CAMPAIGN.format(
        concurrency=CONCURRENCY, render="always" if render else "never",
        render_flag=str(render).lower(), max_pages=pages_for(items),
        result_pages=-(-items // PER_PAGE)), encoding="utf-8")
    db = folder / f"bench-{render}.db"
    result, _ = run([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
                     "--proxy", proxy, "--no-progress"], db=db)
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])["marketplace"]
    result.pages, result.crawl = stats["response_received_count"], float(stats["elapsed_time_seconds"])
    return result


def line(name: str, r: Run) -> str:
    return (f"{name:18s} {r.pages:6d} pages  whole process {r.wall:6.1f} s {r.pages / r.wall:7.1f} pages/s  "
            f"crawl {r.crawl:6.1f} s {r.pages / r.crawl:7.1f} pages/s  peak RSS {r.peak_mib:4.0f} MiB  "
            f"CPU {r.cpu:5.1f} s (server {r.server_cpu:5.1f} s)")


def slope(samples: list[Sample], value) -> float:
    """Least-squares MiB per 100 listings."""
    xs, ys = [s.stored for s in samples], [value(s) for s in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return 100 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread if spread else 0.0


def memory_report(r: Run, items: int) -> None:
    print("  memory while rendering (PSS, MiB):")
    for share in (0.1, 0.5, 1.0):
        at = next((s for s in r.samples if s.stored >= share * items), r.samples[-1])
        print(f"    {share:4.0%} ({at.stored:5d} stored, {at.seconds:6.1f} s)  "
              f"crawler {at.crawler_mib:5.0f}  browser {at.browser_mib:5.0f}  "
              f"total {at.crawler_mib + at.browser_mib:5.0f}")
    # The last samples see the browser closing: measure the slope while it is still open.
    steady = [s for s in r.samples if 0.1 * items <= s.stored and s.browser_mib > 0]
    if len(steady) > 2:
        print(f"  slope from 10% on, MiB per 100 listings: crawler {slope(steady, lambda s: s.crawler_mib):+.1f}  "
              f"browser {slope(steady, lambda s: s.browser_mib):+.1f}  "
              f"total {slope(steady, lambda s: s.crawler_mib + s.browser_mib):+.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--rendered", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with FixtureInternet([WORLD]).running() as live, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ratios: dict[str, list[float]] = {}
        rounds = args.rounds if args.items else 0
        for round_number in range(1, rounds + 1):
            bare = bare_crawl(live.proxy_url, folder, items=args.items, tuned={})
            tuned = bare_crawl(live.proxy_url, folder, items=args.items, tuned=TUNED)
            # A database of its own: the same one again would resume the last round's run.
            (folder / f"round-{round_number}").mkdir()
            full = certsweep_crawl(live.proxy_url, folder / f"round-{round_number}", items=args.items,
                                   render=False)
            print(f"round {round_number}")
            print(line("bare Scrapy", bare))
            print(line("bare, tuned", tuned))
            print(line("certsweep pipeline", full))
            for name, baseline in (("full/bare", bare), ("full/tuned", tuned)):
                whole = (full.pages / full.wall) / (baseline.pages / baseline.wall)
                crawl = (full.pages / full.crawl) / (baseline.pages / baseline.crawl)
                ratios.setdefault(f"{name} whole process", []).append(whole)
                ratios.setdefault(f"{name} crawl", []).append(crawl)
                print(f"ratio {name:12s} whole process {whole:.2f}  crawl {crawl:.2f}  (target ≥ 0.60)")
        if ratios:
            print(f"median of {rounds} rounds (target ≥ 0.60):")
            for name, values in ratios.items():
                print(f"  {name:26s} {statistics.median(values):.2f}   rounds: "
                      + " ".join(f"{v:.2f}" for v in values))
            print(f"  bare, tuned: bare Scrapy with {TUNED}, as certsweep sets them")
        if args.rendered:
            rendered = certsweep_crawl(live.proxy_url, folder, items=args.rendered, render=True)
            print(line("rendered (browser)", rendered))
            memory_report(rendered, args.rendered)


if __name__ == "__main__":
    main()
