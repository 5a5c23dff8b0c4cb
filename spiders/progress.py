"""One live progress line per spider while a campaign crawls: pages, rendered, findings, errors."""
from rich.console import Console, Group
from rich.live import Live
from rich.text import Text
from scrapy import signals
from twisted.internet import task

from monitor.reports.labels import kind_label

VERDICTS = ("fake_portal", "illegal_sale", "suspect")


class RunProgress:
    """Shared by the crawlers of one process, so their lines redraw together instead of interleaving."""

    _shared: "RunProgress | None" = None

    @classmethod
    def shared(cls) -> "RunProgress":
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __init__(self):
        self.crawlers = []
        self.live = Live(console=Console(stderr=True), refresh_per_second=4)
        self.loop = task.LoopingCall(self.update)

    def add(self, crawler) -> None:
        self.crawlers.append(crawler)
        if not self.loop.running:
            self.live.start()
            self.loop.start(0.5)

    def done(self, crawler) -> None:
        self.update()
        if all(c.crawling is False or c is crawler for c in self.crawlers) and self.loop.running:
            self.loop.stop()
            self.live.stop()

    def update(self) -> None:
        self.live.update(Group(*(self.line(c) for c in self.crawlers)))

    @staticmethod
    def line(crawler) -> Text:
        stats = crawler.stats
        findings = "  ".join(f"{kind_label(key)} {stats.get_value(f'certsweep/findings/{key}', 0)}"
                             for key in VERDICTS)
        return Text(f"[{crawler.spidercls.name}] 已抓取 {stats.get_value('response_received_count', 0)} 页  "
                    f"浏览器渲染 {stats.get_value('playwright/page_count', 0)}  "
                    f"入库 {stats.get_value('certsweep/pages_stored', 0)}  {findings}  "
                    f"错误 {stats.get_value('certsweep/errors', 0)}")


class ProgressExtension:
    def __init__(self, crawler, progress: RunProgress):
        self.crawler, self.progress = crawler, progress

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, RunProgress.shared())
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider):
        self.progress.add(self.crawler)

    def closed(self, spider, reason):
        self.progress.done(self.crawler)
