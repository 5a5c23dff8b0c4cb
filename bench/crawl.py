"""Crawl throughput: bare Scrapy following links vs the full certsweep pipeline, same site, same run.

    .venv/bin/python bench/crawl.py [--items 5000] [--rendered 200]

Serves a generated marketplace (bench/world) on the loopback fixture internet and crawls it
twice, each in its own process: a bare Scrapy spider that only follows links, and
`certsweep crawl` (extraction, keywords, portal scoring, storage; no browser). Prints pages/s,
the ratio and peak memory; then rendered pages/s with the browser on a smaller set."""
import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtureweb import FixtureInternet  # noqa: E402

WORLD = Path(__file__).parent / "world"
PER_PAGE = 50

BARE_SPIDER = """
import sys, scrapy
from scrapy.crawler import CrawlerProcess
proxy = sys.argv[1]
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        yield scrapy.Request("http://bench-market.example/search?q=x&page=1", meta={"proxy": proxy})
    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, meta={"proxy": proxy})
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 16,
                          "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "ROBOTSTXT_OBEY": False})
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
print(crawler.stats.get_value("response_received_count"))
"""

CAMPAIGN = """extends = "default"
search_terms = ["x"]
[limits]
concurrency = 16
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


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, result.stdout


def certsweep_crawl(proxy: str, folder: Path, *, items: int, render: bool) -> tuple[float, int]:
    campaign = folder / f"bench-{render}.toml"
    campaign.write_text(CAMPAIGN.format(
        render="always" if render else "never", render_flag=str(render).lower(),
        max_pages=items + items // PER_PAGE + 10, result_pages=-(-items // PER_PAGE)), encoding="utf-8")
    db = folder / f"bench-{render}.db"
    elapsed, _ = timed([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
                        "--proxy", proxy, "--no-progress"])
    import sqlite3
    stats = json.loads(sqlite3.connect(db).execute("SELECT stats FROM crawl_runs").fetchone()[0])
    return elapsed, stats["marketplace"]["response_received_count"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--rendered", type=int, default=200)
    args = parser.parse_args()
    with FixtureInternet([WORLD]).running() as live, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE_SPIDER, encoding="utf-8")
        bare_time, out = timed([sys.executable, str(bare_script), live.proxy_url])
        bare_pages = int(out.split()[-1])
        bare_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        full_time, full_pages = certsweep_crawl(live.proxy_url, folder, items=args.items, render=False)
        full_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        bare_rate, full_rate = bare_pages / bare_time, full_pages / full_time
        print(f"bare Scrapy        {bare_pages:6d} pages  {bare_time:6.1f} s  {bare_rate:7.1f} pages/s  "
              f"peak RSS {bare_rss / 1024:.0f} MiB")
        print(f"certsweep pipeline {full_pages:6d} pages  {full_time:6.1f} s  {full_rate:7.1f} pages/s  "
              f"peak RSS {max(full_rss, bare_rss) / 1024:.0f} MiB (max of both runs)")
        print(f"ratio full/bare    {full_rate / bare_rate:.2f}  (target ≥ 0.60)")
        if args.rendered:
            render_time, render_pages = certsweep_crawl(live.proxy_url, folder, items=args.rendered, render=True)
            print(f"rendered (browser) {render_pages:6d} pages  {render_time:6.1f} s  "
                  f"{render_pages / render_time:7.1f} pages/s")


if __name__ == "__main__":
    main()
