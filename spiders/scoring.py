"""Scoring crawled pages, where the scorer runs: in the crawl process itself (AssessPipeline: each
cluster worker is a process of its own), or as the module a single-machine crawl's scoring process
serves (spiders.workers: `start`, then `score` for every page). The crawl process of a
single-machine crawl never imports it: the keyword engine and the fingerprints load where they run."""
from monitor.page_scoring import PageScorer, settle_collector
from storage import Store

from .items import CrawledPage
from .pipelines import scoring_input


def scorer_for(db_path: str, keyword_lists: list[str], portals: list[str] | None) -> PageScorer:
    with Store(db_path) as store:
        return PageScorer.from_store(store, keyword_lists, portals)


class AssessPipeline:
    """Scores in this process."""

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.scorer = scorer_for(spider.settings.get("CERTSWEEP_DB"), spider.campaign.keyword_lists,
                                 spider.campaign.portals)

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: CrawledPage, spider=None):
        item.assessment = assess_with(self.scorer, *scoring_input(item))
        return item


def assess_with(scorer: PageScorer, snapshot, text: str, main_text: str | None, canary) -> dict:
    return scorer.record(snapshot, text, main_text=main_text, canary=canary)


_scorer: PageScorer | None = None  # the scoring process's own


def start(db_path: str, keyword_lists: list[str], portals: list[str] | None) -> None:
    global _scorer
    _scorer = scorer_for(db_path, keyword_lists, portals)
    settle_collector()  # this process does nothing else


def score(*page) -> dict:
    """`page` is scoring_input(item)."""
    return assess_with(_scorer, *page)
