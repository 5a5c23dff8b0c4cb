"""Running a whole campaign: one Scrapy process, one crawler per kind of source, one stored run.

An interrupted run (Ctrl-C, kill, power loss) stays open; running the campaign again continues it
with the same JOBDIRs, and pages already stored in that run are not fetched again."""
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from campaign import Campaign, load_campaign
from monitor.review import regroup
from storage import Store

from .browser import launch_options
from .network import Network
from .persist import save_campaign
from .pipelines import plain_stats
from .spiders.marketplace import MarketplaceSpider
from .spiders.search import SearchSpider
from .spiders.seeds import SeedSpider

SPIDERS = (MarketplaceSpider, SearchSpider, SeedSpider)


@dataclass
class RunSummary:
    run_id: int
    resumed: bool
    finished: bool
    stats: dict[str, dict] = field(default_factory=dict)  # spider name → Scrapy stats


def crawl_settings(campaign: Campaign, campaign_path: str, *, db: Path, network: Network,
                   progress: bool) -> Settings:
    limits = campaign.limits
    settings = get_project_settings()
    settings.setmodule("spiders.settings", priority="project")
    proxy = network.proxy or campaign.proxy
    settings.setdict({
        "CERTSWEEP_DB": str(db), "CERTSWEEP_CAMPAIGN": campaign_path, "CERTSWEEP_PROXY": proxy,
        "CERTSWEEP_CA_BUNDLE": network.ca_bundle, "CERTSWEEP_DNS_SERVER": network.dns_server,
        "CERTSWEEP_WHOIS_SERVER": network.whois_server,
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(network.chromium, proxy),
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": limits.max_open_pages,
        "CONCURRENT_REQUESTS": limits.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": limits.concurrency,
        "DOWNLOAD_DELAY": limits.per_domain_delay,
        "AUTOTHROTTLE_ENABLED": limits.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(limits.per_domain_delay, 0.1),
        "ROBOTSTXT_OBEY": limits.obey_robots,
        "CLOSESPIDER_PAGECOUNT": limits.max_pages,
        "DOWNLOAD_MAXSIZE": int(limits.max_response_mb * 1024 * 1024),
        "DOWNLOAD_TIMEOUT": limits.timeout,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": limits.timeout * 1000,
        "RETRY_TIMES": limits.retries,
        "LOG_LEVEL": "WARNING" if progress else "INFO",
    }, priority="cmdline")
    if limits.render == "never":  # Scrapy's own handlers: no Playwright driver, no browser
        settings.set("DOWNLOAD_HANDLERS", {}, priority="cmdline")
    if progress:
        settings.set("EXTENSIONS", {"spiders.progress.ProgressExtension": 500}, priority="cmdline")
    return settings


def run_campaign(campaign_path: str, *, db: Path, network: Network = Network(),
                 progress: bool = True) -> RunSummary:
    campaign = load_campaign(campaign_path)
    # Instantiating a spider reads its sources (login state files...): fail before writing anything.
    active = [cls for cls in SPIDERS if cls(campaign=campaign_path).has_sources()]
    with Store(db) as store:
        campaign_id = save_campaign(store, campaign)
        unfinished = store.unfinished_run(campaign_id)
        jobs = db.with_name(db.name + ".jobs")
        run_id = unfinished["id"] if unfinished else store.start_run(campaign_id, jobdir=str(jobs))
    if unfinished is None:
        # A new run starts with an empty queue, whatever a deleted database left behind.
        shutil.rmtree(jobs / f"run-{run_id}", ignore_errors=True)
    settings = crawl_settings(campaign, str(campaign_path), db=db, network=network, progress=progress)
    process = CrawlerProcess(settings)
    crawlers = []
    for spider_cls in active:
        spider_settings = settings.copy()
        spider_settings.set("JOBDIR", str(jobs / f"run-{run_id}" / spider_cls.name), priority="cmdline")
        spider_settings.set("CERTSWEEP_RUN_ID", run_id, priority="cmdline")
        # Only seeds are followed link by link; elsewhere depth is pagination, bounded per source.
        spider_settings.set("DEPTH_LIMIT", campaign.limits.max_depth if spider_cls is SeedSpider else 0,
                            priority="cmdline")
        crawler = Crawler(spider_cls, spider_settings, init_reactor=not crawlers)
        crawlers.append(crawler)
        process.crawl(crawler, campaign=str(campaign_path))
    process.start()
    stats = {c.spider.name: c.stats.get_stats() for c in crawlers if c.spider}
    finished = all(s.get("finish_reason") in ("finished", "closespider_pagecount") for s in stats.values())
    with Store(db) as store:
        regroup(store)  # reviewers see same-seller and same-site findings together right away
        if finished:
            store.finish_run(run_id, stats={name: plain_stats(s) for name, s in stats.items()})
    return RunSummary(run_id=run_id, resumed=unfinished is not None, finished=finished, stats=stats)

